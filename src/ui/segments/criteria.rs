//! One criterion row: kind, name, operator and values, read back as a sentence, with value
//! suggestions from the values seen in the project (mock) and free entry otherwise.

use egui::RichText;
use serde_json::Value;

use crate::drafts::segment::{Criterion, DURATIONS, Kind, duration_words, operator_words};
use crate::drafts::{FieldErrors, join_values, split_values};
use crate::ui::theme;
use crate::ui::widgets::{error_label, name_for_a11y};

/// The key of the values seen for a criterion (see the mock's `/values`).
fn seen_key(c: &Criterion) -> Option<String> {
    match c.kind {
        Kind::Attribute => Some(format!("Attributes.{}", c.name.trim())),
        Kind::UserAttribute => Some(format!("UserAttributes.{}", c.name.trim())),
        Kind::Gps | Kind::Recency | Kind::Metric => None,
        kind => kind.set_member().map(|(section, member)| format!("{section}.{member}")),
    }
}

/// Names seen for attributes, user attributes or metrics.
fn seen_names(c: &Criterion, values: &Value) -> Vec<String> {
    let Some(map) = values.as_object() else { return Vec::new() };
    match c.kind {
        Kind::Metric => map
            .get("Metrics")
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(Value::as_str).map(str::to_owned).collect())
            .unwrap_or_default(),
        Kind::Attribute | Kind::UserAttribute => {
            let prefix = if c.kind == Kind::Attribute { "Attributes." } else { "UserAttributes." };
            map.keys().filter_map(|k| k.strip_prefix(prefix)).map(str::to_owned).collect()
        }
        _ => Vec::new(),
    }
}

/// The fields of a row, as its message keys end.
const FIELDS: [&str; 7] = ["kind", "name", "operator", "values", "latitude", "longitude", "range"];

/// What rows need before the estimate counts them, as its lenient build found it.
#[derive(Debug, Clone, Copy, Default)]
pub struct Incomplete<'a> {
    /// The lenient build's messages, live (`None` where there is no estimate).
    pub live: Option<&'a FieldErrors>,
}

/// The marker of a row the estimate leaves out: "not counted", and why unless the row already
/// shows its message in red. A row left out does not match nobody: it is not there at all.
pub fn not_counted(ui: &mut egui::Ui, name: &str, reason: Option<&str>) {
    let text = match reason {
        Some(reason) => format!("{name} not counted in the estimate until complete: {reason}"),
        None => format!("{name} not counted in the estimate until complete."),
    };
    ui.label(RichText::new(text).small().color(theme::WARN));
}

/// Draws the row `name` (a short handle like `G1S1C2`); returns "remove", "duplicate" or "up"
/// when the user asked for it.
pub fn show(
    ui: &mut egui::Ui,
    name: &str,
    c: &mut Criterion,
    key: &str,
    (errors, incomplete): (&FieldErrors, &Incomplete<'_>),
    values: Option<&Value>,
) -> Option<&'static str> {
    let mut op = None;
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(name).small().color(theme::MUTED));
        kind(ui, name, c);
        if c.kind.named() {
            attribute_name(ui, name, c, values);
        }
        if !c.kind.operators().is_empty() && c.kind != Kind::Recency {
            operator(ui, name, c);
        }
        match c.kind {
            Kind::Gps => gps(ui, name, c),
            Kind::Recency => recency(ui, name, c),
            _ => listed_values(ui, name, c, values),
        }
        op = row_buttons(ui, name);
    });
    let live = incomplete
        .live
        .and_then(|live| FIELDS.iter().find_map(|field| live.get(&format!("{key}.{field}"))));
    let color = if live.is_some() { theme::MUTED } else { theme::ACCENT };
    ui.label(RichText::new(c.sentence()).italics().color(color));
    let mut shown = false;
    for field in FIELDS {
        if let Some(message) = errors.get(&format!("{key}.{field}")) {
            error_label(ui, message);
            shown = true;
        }
    }
    if let Some(reason) = live {
        not_counted(ui, name, (!shown).then_some(reason));
    }
    op
}

/// What the row tests; changing it keeps what still applies.
fn kind(ui: &mut egui::Ui, name: &str, c: &mut Criterion) {
    let mut kind = c.kind;
    let combo = egui::ComboBox::from_id_salt("kind")
        .selected_text(kind.label())
        .width(110.0)
        // All twelve kinds at once, no scrolling.
        .height(400.0)
        .show_ui(ui, |ui| {
            for k in Kind::ALL {
                ui.selectable_value(&mut kind, k, k.label());
            }
        })
        .response;
    name_for_a11y(ui, &combo, &format!("{name} kind"));
    c.set_kind(kind);
}

/// The attribute or metric name, with the names seen in the project to pick from (mock).
fn attribute_name(ui: &mut egui::Ui, name: &str, c: &mut Criterion, values: Option<&Value>) {
    let field =
        ui.add(egui::TextEdit::singleline(&mut c.name).hint_text("name").desired_width(90.0));
    name_for_a11y(ui, &field, &format!("{name} name"));
    let names = values.map(|v| seen_names(c, v)).unwrap_or_default();
    if names.is_empty() {
        return;
    }
    let menu = ui.menu_button("pick", |ui| {
        for n in names {
            if ui.button(&n).clicked() {
                c.name = n;
                ui.close();
            }
        }
    });
    name_for_a11y(ui, &menu.response, &format!("{name} names"));
}

fn operator(ui: &mut egui::Ui, name: &str, c: &mut Criterion) {
    let combo = egui::ComboBox::from_id_salt("op")
        .selected_text(operator_words(&c.operator))
        .width(80.0)
        .show_ui(ui, |ui| {
            for op in c.kind.operators() {
                ui.selectable_value(&mut c.operator, (*op).to_owned(), operator_words(op));
            }
        })
        .response;
    name_for_a11y(ui, &combo, &format!("{name} operator"));
}

fn gps(ui: &mut egui::Ui, name: &str, c: &mut Criterion) {
    for (label, value, width) in [
        ("lat", &mut c.latitude, 60.0),
        ("lon", &mut c.longitude, 60.0),
        ("km", &mut c.range_km, 40.0),
    ] {
        ui.label(RichText::new(label).color(theme::MUTED));
        let field = ui.add(egui::TextEdit::singleline(value).desired_width(width));
        name_for_a11y(ui, &field, &format!("{name} {label}"));
    }
}

/// Active or not, in a period.
fn recency(ui: &mut egui::Ui, name: &str, c: &mut Criterion) {
    let combo = egui::ComboBox::from_id_salt("recency")
        .selected_text(operator_words(&c.operator))
        .show_ui(ui, |ui| {
            for op in ["ACTIVE", "INACTIVE"] {
                ui.selectable_value(&mut c.operator, op.to_owned(), operator_words(op));
            }
        })
        .response;
    name_for_a11y(ui, &combo, &format!("{name} activity"));
    ui.label("in");
    let combo = egui::ComboBox::from_id_salt("duration")
        .selected_text(duration_words(&c.values))
        .show_ui(ui, |ui| {
            for d in DURATIONS {
                ui.selectable_value(&mut c.values, d.to_owned(), duration_words(d));
            }
        })
        .response;
    name_for_a11y(ui, &combo, &format!("{name} period"));
}

/// The values as typed (a number for a metric), with the values seen in the project to add
/// from (mock).
fn listed_values(ui: &mut egui::Ui, name: &str, c: &mut Criterion, values: Option<&Value>) {
    let field = ui.add(
        egui::TextEdit::singleline(&mut c.values)
            .hint_text(if c.kind == Kind::Metric { "number" } else { "a, b" })
            .desired_width(150.0),
    );
    name_for_a11y(ui, &field, &format!("{name} values"));
    let suggestions: Vec<String> = seen_key(c)
        .and_then(|k| values.and_then(|v| v.get(&k)).and_then(Value::as_array).cloned())
        .map(|a| a.iter().filter_map(Value::as_str).map(str::to_owned).collect())
        .unwrap_or_default();
    if suggestions.is_empty() {
        return;
    }
    let menu = ui.menu_button("pick", |ui| {
        for s in suggestions {
            if ui.button(&s).clicked() {
                c.values = add_value(&c.values, s);
                ui.close();
            }
        }
    });
    name_for_a11y(ui, &menu.response, &format!("{name} suggestions"));
}

/// The values field with `value` added (once), read and written as the request reads them: a
/// quoted value holding a comma stays one value.
fn add_value(values: &str, value: String) -> String {
    let mut list = split_values(values);
    if !list.contains(&value) {
        list.push(value);
    }
    join_values(&list)
}

/// Up, copy, remove: the one clicked.
fn row_buttons(ui: &mut egui::Ui, name: &str) -> Option<&'static str> {
    let mut op = None;
    for (word, what, a11y) in [
        ("up", "up", format!("Move {name} up")),
        ("copy", "duplicate", format!("Duplicate {name}")),
        ("remove", "remove", format!("Remove {name}")),
    ] {
        let button = ui.small_button(word);
        name_for_a11y(ui, &button, &a11y);
        if button.clicked() {
            op = Some(what);
        }
    }
    op
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_picked_value_is_added_once_and_quoted_values_stay_whole() {
        assert_eq!(add_value("", "iOS".into()), "iOS");
        assert_eq!(add_value("iOS", "iOS".into()), "iOS");
        let values = add_value(r#""Portland, OR""#, "Salem, OR".into());
        assert_eq!(values, r#""Portland, OR", "Salem, OR""#);
        assert_eq!(split_values(&values), ["Portland, OR", "Salem, OR"]);
    }
}
