//! House widgets, so forms do not re-spell layout: `form_row`, `error_label`, `busy_button`,
//! `status_light`.

use egui::{Response, RichText, TextEdit, Ui, Widget};

use super::theme;

/// One labelled single-line field with its inline error below. The field is tied to its
/// label for screen readers (and tests) and keeps whatever was typed.
pub fn form_row(
    ui: &mut Ui,
    label: &str,
    value: &mut String,
    hint: &str,
    error: Option<&str>,
) -> Response {
    let response = ui
        .horizontal(|ui| {
            let label_response = field_label(ui, label);
            let mut edit =
                TextEdit::singleline(value).hint_text(hint).desired_width(theme::field_width(ui));
            if error.is_some() {
                edit = edit.text_color(theme::ERROR);
            }
            edit.ui(ui).labelled_by(label_response.id)
        })
        .inner;
    field_error(ui, error);
    response
}

/// A form label padded to the house label width, so the fields after it line up.
pub fn field_label(ui: &mut Ui, label: &str) -> Response {
    let response = ui.label(label);
    ui.add_space((theme::LABEL_WIDTH - response.rect.width()).max(0.0));
    response
}

/// An error message in the error colour.
pub fn error_label(ui: &mut Ui, message: &str) -> Response {
    ui.label(RichText::new(message).color(theme::ERROR))
}

/// A button that shows a spinner and ignores clicks while `busy`; returns true on a click
/// that should act.
pub fn busy_button(ui: &mut Ui, label: &str, busy: bool) -> bool {
    ui.horizontal(|ui| {
        let clicked = ui.add_enabled(!busy, egui::Button::new(label)).clicked();
        if busy {
            ui.spinner();
        }
        clicked && !busy
    })
    .inner
}

/// The connection's health, as a coloured dot with a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Light {
    /// Answering.
    Online,
    /// Connecting or first call in flight.
    Pending,
    /// Unreachable or not configured.
    Offline,
}

/// Draws a status light with its word.
pub fn status_light(ui: &mut Ui, light: Light) -> Response {
    let (color, word) = match light {
        Light::Online => (theme::OK, "online"),
        Light::Pending => (theme::WARN, "connecting"),
        Light::Offline => (theme::ERROR, "unreachable"),
    };
    ui.horizontal(|ui| {
        let (rect, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
        ui.painter().circle_filled(rect.center(), 5.0, color);
        ui.label(RichText::new(word).color(color))
    })
    .inner
}

/// A section heading with space above it.
pub fn section(ui: &mut Ui, title: &str) {
    ui.add_space(theme::SECTION_GAP);
    ui.heading(title);
}

/// A labelled choice among wire values (`""` offered as `empty` when given), with its inline
/// error. The combo box is tied to its label.
pub fn choice_row(
    ui: &mut Ui,
    label: &str,
    value: &mut String,
    options: &[&str],
    empty: Option<&str>,
    error: Option<&str>,
) -> bool {
    let before = value.clone();
    ui.horizontal(|ui| {
        let label_response = field_label(ui, label);
        let shown = if value.is_empty() { empty.unwrap_or("") } else { value.as_str() };
        egui::ComboBox::from_id_salt(label)
            .selected_text(shown.to_owned())
            .width((theme::field_width(ui) - 8.0).min(theme::FIELD_WIDTH * 1.5))
            .show_ui(ui, |ui| {
                if let Some(empty) = empty {
                    ui.selectable_value(value, String::new(), empty);
                }
                for option in options {
                    ui.selectable_value(value, (*option).to_owned(), *option);
                }
            })
            .response
            .labelled_by(label_response.id);
    });
    field_error(ui, error);
    *value != before
}

/// A labelled multi-line field with its inline error.
pub fn text_area_row(
    ui: &mut Ui,
    label: &str,
    value: &mut String,
    rows: usize,
    error: Option<&str>,
) -> Response {
    let response = ui
        .horizontal(|ui| {
            let label_response = field_label(ui, label);
            TextEdit::multiline(value)
                .desired_rows(rows)
                .desired_width(theme::field_width(ui).max(theme::FIELD_MIN_WIDTH))
                .ui(ui)
                .labelled_by(label_response.id)
        })
        .inner;
    field_error(ui, error);
    response
}

/// A percentage bar: labelled parts side by side (grey where unallocated, red past 100 %).
pub fn split_bar(ui: &mut Ui, parts: &[(String, i32, egui::Color32)]) {
    let width = ui.available_width().min(theme::FIELD_WIDTH * 3.0);
    let (rect, _) = ui.allocate_exact_size(egui::vec2(width, 22.0), egui::Sense::hover());
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 3.0, ui.visuals().extreme_bg_color);
    let total: i32 = parts.iter().map(|p| p.1.max(0)).sum::<i32>().max(100);
    let mut x = rect.left();
    for (label, percent, color) in parts {
        if *percent <= 0 {
            continue;
        }
        let w = rect.width() * (*percent as f32) / total as f32;
        let part =
            egui::Rect::from_min_size(egui::pos2(x, rect.top()), egui::vec2(w, rect.height()));
        painter.rect_filled(part.shrink(1.0), 2.0, *color);
        // The name and share where they fit in the part, else the share alone, else nothing
        // (the line under the bar names every part).
        let font = egui::FontId::proportional(11.0);
        let fits = [format!("{label} {percent}%"), format!("{percent}%")]
            .into_iter()
            .map(|text| painter.layout_no_wrap(text, font.clone(), egui::Color32::BLACK))
            .find(|galley| galley.size().x + 6.0 <= w);
        if let Some(galley) = fits {
            let at = part.center() - galley.size() / 2.0;
            painter.galley(at, galley, egui::Color32::BLACK);
        }
        x += w;
    }
}

/// Gives a widget an accessible name different from its visible text (a short visible word,
/// a full name for screen readers and tests: "remove" reads as "Remove G1S1C2").
pub fn name_for_a11y(ui: &Ui, response: &Response, name: &str) {
    let _ = ui.ctx().accesskit_node_builder(response.id, |node| node.set_label(name));
}

/// What the user chose for a draft kept from before.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftChoice {
    /// Open it in the editor.
    Restore(usize),
    /// Delete it.
    Discard(usize),
}

/// One line per draft kept on disk ("Unsaved draft “name” of campaign X, kept from before.")
/// with Restore and Discard buttons. `drafts` holds (key, name); a `new…` key is a resource not
/// yet created. Restore is offered once `can_restore` (the list it is checked against loaded).
pub fn kept_drafts(
    ui: &mut Ui,
    noun: &str,
    drafts: &[(String, String)],
    can_restore: bool,
    buttons: [&str; 2],
) -> Option<DraftChoice> {
    let mut choice = None;
    for (i, (key, name)) in drafts.iter().enumerate() {
        // Wrapped: with a resource's id the line is wider than a narrow window.
        ui.horizontal_wrapped(|ui| {
            let what = if super::kept::is_new(key) {
                format!("a new {noun}")
            } else {
                format!("{noun} {key}")
            };
            let name = if name.is_empty() { "(unnamed)" } else { name.as_str() };
            ui.label(
                RichText::new(format!("Unsaved draft “{name}” of {what}, kept from before."))
                    .color(theme::WARN),
            );
            if ui.add_enabled(can_restore, egui::Button::new(buttons[0])).clicked() {
                choice = Some(DraftChoice::Restore(i));
            }
            if ui.button(buttons[1]).clicked() {
                choice = Some(DraftChoice::Discard(i));
            }
        });
    }
    choice
}

/// What the buttons under an editor asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditorChoice {
    /// Save (the button, or Ctrl+S / Cmd+S).
    Save,
    /// Put back what the service stored.
    Revert,
    /// Ask to delete.
    Delete,
}

/// A muted note under a field, aligned with the fields.
pub fn field_note(ui: &mut Ui, text: &str) {
    under_field(ui, |ui| ui.label(RichText::new(text).color(theme::MUTED)));
}

/// A field's inline error, if any, under the field.
pub fn field_error(ui: &mut Ui, error: Option<&str>) {
    if let Some(message) = error {
        under_field(ui, |ui| error_label(ui, message));
    }
}

/// A row that starts where the fields start (under a field, past the labels); its text wraps
/// within what the panel shows (a note in a narrow side panel ran past its edge).
pub fn under_field<R>(ui: &mut Ui, add_contents: impl FnOnce(&mut Ui) -> R) -> R {
    ui.horizontal(|ui| {
        ui.add_space(theme::LABEL_WIDTH + ui.spacing().item_spacing.x);
        let width = theme::visible_width(ui);
        ui.vertical(|ui| {
            ui.set_max_width(width);
            add_contents(ui)
        })
        .inner
    })
    .inner
}

/// A value shown in monospace within `max_width`: elided with "…" when longer, the whole value
/// on hover, copied to the clipboard on click.
pub fn copyable(ui: &mut Ui, value: &str, max_width: f32) -> Response {
    // In a wrapping row, what is left of the row (a label wider than that would run past the
    // edge); a row with too little left starts the value on the next one.
    let left = ui.available_size_before_wrap().x;
    if left < max_width.min(120.0) && ui.layout().main_wrap {
        ui.end_row();
    }
    let width = max_width.min(ui.available_size_before_wrap().x).max(40.0);
    let response = ui
        .scope(|ui| {
            ui.set_max_width(width);
            ui.add(
                egui::Label::new(RichText::new(value).monospace())
                    .truncate()
                    .sense(egui::Sense::click()),
            )
        })
        .inner;
    if response.clicked() {
        ui.ctx().copy_text(value.to_owned());
    }
    response.on_hover_text(format!("{value}\n(click to copy)"))
}

/// A button that destroys something: red, so it never reads as an everyday action.
pub fn danger_button(label: &str) -> egui::Button<'static> {
    egui::Button::new(RichText::new(label.to_owned()).color(theme::ERROR))
}

/// Key/value rows (default substitutions, headers, tags, preview values) with a Remove button
/// per row and "+ Add {noun}" under them; each row's message is `errors[{prefix}.{row}]`.
/// Widgets are named "{Noun} key 1", "{Noun} value 1", "Remove {noun} 1" for screen readers.
pub fn pairs_editor(
    ui: &mut Ui,
    noun: &str,
    rows: &mut Vec<(String, String)>,
    hints: [&str; 2],
    (prefix, errors): (&str, &crate::drafts::FieldErrors),
) {
    let title = {
        let mut c = noun.chars();
        c.next().map(|f| f.to_uppercase().chain(c).collect::<String>()).unwrap_or_default()
    };
    let mut remove = None;
    let width = ((theme::visible_width(ui) - 60.0) / 2.0).clamp(80.0, 260.0);
    for (i, (key, value)) in rows.iter_mut().enumerate() {
        ui.horizontal(|ui| {
            let k = ui.add(TextEdit::singleline(key).desired_width(width).hint_text(hints[0]));
            name_for_a11y(ui, &k, &format!("{title} key {}", i + 1));
            let v = ui.add(TextEdit::singleline(value).desired_width(width).hint_text(hints[1]));
            name_for_a11y(ui, &v, &format!("{title} value {}", i + 1));
            let r = ui.small_button("remove");
            name_for_a11y(ui, &r, &format!("Remove {noun} {}", i + 1));
            if r.clicked() {
                remove = Some(i);
            }
        });
        if let Some(message) = errors.get(&format!("{prefix}.{i}")) {
            error_label(ui, message);
        }
    }
    if let Some(i) = remove {
        rows.remove(i);
    }
    if ui.button(format!("+ Add {noun}")).clicked() {
        rows.push((String::new(), String::new()));
    }
}

/// The live character and part count of an SMS body, under its field (amber past one part).
pub fn sms_count_note(ui: &mut Ui, body: &str) {
    let (chars, parts, encoding) = crate::drafts::campaign::sms_count(body);
    let count = format!("{chars} characters · {parts} message part(s) · {encoding}");
    let color = if parts > 1 { theme::WARN } else { theme::MUTED };
    under_field(ui, |ui| ui.label(RichText::new(count).color(color)));
}
