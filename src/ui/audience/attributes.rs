//! The Remove attributes tab (RemoveAttributes): pick the attribute type and the names (from
//! the names seen in the project on mock connections, or typed), confirm in a modal that says
//! which endpoints change, then remove them; the names seen are read again afterwards.

use egui::RichText;
use serde_json::Value;

use super::{AudienceAction, AudienceScreen};
use crate::ui::action::{Action, SegmentAction};
use crate::ui::tasks::Task;
use crate::ui::theme;
use crate::ui::widgets::{busy_button, danger_button, form_row};

/// The attribute types RemoveAttributes takes: (path value, what a person calls it, the key
/// prefix of the names seen).
pub const TYPES: [(&str, &str, &str); 3] = [
    ("endpoint-custom-attributes", "Endpoint attributes", "Attributes."),
    ("endpoint-user-attributes", "User attributes", "UserAttributes."),
    ("endpoint-metric-attributes", "Metrics", "Metrics"),
];

/// The tab's form.
#[derive(Debug, Clone, Default)]
pub struct RemoveForm {
    /// Index into `TYPES`.
    pub kind: usize,
    /// Names, comma-separated, as typed.
    pub names: String,
    /// Why the form cannot be sent.
    pub error: Option<String>,
    /// The confirmation is open for these names.
    pub confirm: Option<Vec<String>>,
    /// The names seen in the project (mock), as the segment builder suggests them.
    pub seen: Option<Value>,
    /// True once the names seen were asked for.
    pub asked_seen: bool,
}

impl RemoveForm {
    /// The names seen for the chosen type, sorted.
    #[must_use]
    pub fn suggestions(&self) -> Vec<String> {
        let Some(map) = self.seen.as_ref().and_then(Value::as_object) else { return Vec::new() };
        let (_, _, prefix) = TYPES[self.kind];
        if prefix == "Metrics" {
            return map
                .get("Metrics")
                .and_then(Value::as_array)
                .map(|a| a.iter().filter_map(Value::as_str).map(str::to_owned).collect())
                .unwrap_or_default();
        }
        map.keys().filter_map(|k| k.strip_prefix(prefix)).map(str::to_owned).collect()
    }

    fn typed(&self) -> Vec<String> {
        self.names.split(',').map(str::trim).filter(|n| !n.is_empty()).map(str::to_owned).collect()
    }
}

/// Draws the tab.
pub fn remove(
    ui: &mut egui::Ui,
    screen: &mut AudienceScreen,
    is_mock: bool,
    busy: &dyn Fn(Task) -> bool,
    actions: &mut Vec<Action>,
) {
    let form = &mut screen.remove;
    if is_mock && !form.asked_seen {
        form.asked_seen = true;
        actions.push(Action::Segments(SegmentAction::Values));
    }
    ui.label(
        RichText::new(
            "Removes attribute names (and their values) from every endpoint of the project.",
        )
        .color(theme::MUTED),
    );
    ui.horizontal(|ui| {
        ui.label("Type");
        for (i, (_, label, _)) in TYPES.iter().enumerate() {
            if ui.selectable_label(form.kind == i, *label).clicked() {
                form.kind = i;
            }
        }
    });
    if form_row(ui, "Names", &mut form.names, "comma-separated", form.error.as_deref()).changed() {
        form.error = None;
    }
    let suggestions = form.suggestions();
    if !suggestions.is_empty() {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new("Seen in this project:").color(theme::MUTED));
            for name in suggestions {
                let typed = form.typed();
                if ui.selectable_label(typed.contains(&name), &name).clicked() {
                    let mut names = typed;
                    if let Some(i) = names.iter().position(|n| *n == name) {
                        names.remove(i);
                    } else {
                        names.push(name);
                    }
                    form.names = names.join(", ");
                }
            }
        });
    }
    if busy_button(ui, "Remove…", busy(Task::Audience)) {
        let names = form.typed();
        if names.is_empty() {
            form.error = Some("Name at least one attribute.".to_owned());
        } else {
            form.confirm = Some(names);
        }
    }
    confirmation(ui, screen, busy, actions);
}

fn confirmation(
    ui: &mut egui::Ui,
    screen: &mut AudienceScreen,
    busy: &dyn Fn(Task) -> bool,
    actions: &mut Vec<Action>,
) {
    let form = &mut screen.remove;
    let Some(names) = form.confirm.clone() else { return };
    let (kind, label, _) = TYPES[form.kind];
    let mut close = false;
    egui::Modal::new(egui::Id::unique("confirm_remove_attributes")).show(ui.ctx(), |ui| {
        ui.set_max_width(440.0);
        ui.heading(format!("Remove {} {}?", names.len(), label.to_lowercase()));
        ui.label(format!("Names: {}", names.join(", ")));
        // The service says nothing of how many endpoints hold a name, and the console's
        // endpoint listing does not carry attributes: say so rather than guess a number.
        ui.label(
            "Every endpoint of this project that has one of these names loses it and its \
             values. The console cannot count them beforehand. This cannot be undone.",
        );
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            let go = format!(
                "Remove from every endpoint that has {}",
                if names.len() == 1 { "it" } else { "them" }
            );
            if ui.add_enabled(!busy(Task::Audience), danger_button(&go)).clicked() {
                actions.push(Action::Audience(AudienceAction::RemoveAttributes(
                    kind.to_owned(),
                    names.clone(),
                )));
                close = true;
            }
            if ui.button("Cancel").clicked() {
                close = true;
            }
        });
    });
    if close {
        form.confirm = None;
    }
}
