//! The template list: a filter by type (`TemplateType`) and name (`Prefix`), asked of the
//! service (ListTemplates, every page), a table with type, name, description, active version and
//! last change, New, Open, Duplicate (a new unsaved template with the same kind and content)
//! and Delete (confirmed).

use egui::RichText;

use super::Context;
use super::state::{TemplateEditor, TemplatesScreen};
use crate::pinpoint::TemplateKind;
use crate::ui::action::{Action, TemplateAction};
use crate::ui::error_view::{ErrorChoice, Offer, error_panel};
use crate::ui::tasks::Task;
use crate::ui::theme;
use crate::ui::widgets::{busy_button, danger_button};

/// A type as the console names it.
#[must_use]
pub fn kind_label(kind: TemplateKind) -> &'static str {
    match kind {
        TemplateKind::Email => "Email",
        TemplateKind::Sms => "SMS",
        TemplateKind::Push => "Push",
        TemplateKind::Voice => "Voice",
        TemplateKind::InApp => "In-app",
    }
}

/// A combo box of the five types, `None` offered as `none` when given; true when changed.
pub(super) fn kind_choice(
    ui: &mut egui::Ui,
    label: &str,
    value: &mut Option<TemplateKind>,
    none: Option<&str>,
) -> bool {
    let before = *value;
    let label_response = ui.label(label);
    let shown = value.map_or_else(|| none.unwrap_or("").to_owned(), |k| kind_label(k).to_owned());
    egui::ComboBox::from_id_salt(label)
        .selected_text(shown)
        .show_ui(ui, |ui| {
            if let Some(none) = none {
                ui.selectable_value(value, None, none);
            }
            for kind in TemplateKind::ALL {
                ui.selectable_value(value, Some(kind), kind_label(kind));
            }
        })
        .response
        .labelled_by(label_response.id);
    *value != before
}

fn toolbar(ui: &mut egui::Ui, screen: &mut TemplatesScreen, busy: bool) -> Option<Action> {
    let mut reload = None;
    ui.horizontal_wrapped(|ui| {
        screen.new_kind.get_or_insert(TemplateKind::Email);
        kind_choice(ui, "New template type", &mut screen.new_kind, None);
        if ui.button("+ New template").clicked() {
            let kind = screen.new_kind.unwrap_or(TemplateKind::Email);
            screen.editor = Some(TemplateEditor::new(kind));
            screen.note = None;
            reload = Some(Action::Templates(TemplateAction::Recommenders));
        }
        if busy_button(ui, "Reload templates", busy) {
            reload = Some(Action::Templates(TemplateAction::List));
        }
    });
    ui.horizontal_wrapped(|ui| {
        if kind_choice(ui, "Type", &mut screen.kind_filter, Some("All types")) {
            reload = Some(Action::Templates(TemplateAction::List));
        }
        let label = ui.label("Name starts with");
        let edit = ui
            .add(egui::TextEdit::singleline(&mut screen.prefix).desired_width(180.0))
            .labelled_by(label.id);
        if edit.changed() {
            reload = Some(Action::Templates(TemplateAction::List));
        }
    });
    reload
}

/// Below this width the table leaves out the description and the last change.
const NARROW: f32 = 700.0;

/// Draws the list.
pub(super) fn show(
    ui: &mut egui::Ui,
    screen: &mut TemplatesScreen,
    cx: Context<'_>,
) -> Vec<Action> {
    let busy = (cx.busy)(Task::TemplateList);
    ui.heading("Message templates");
    ui.label(
        RichText::new(
            "Templates belong to the account: every project's campaigns and messages can use them.",
        )
        .color(theme::MUTED),
    );
    let mut actions: Vec<Action> = toolbar(ui, screen, busy).into_iter().collect();
    if let Some(error) = &screen.error {
        crate::ui::error_view::api_error(ui, error);
    }
    if let Some(note) = &screen.note {
        ui.label(RichText::new(note).color(theme::OK));
    }
    if let Some(error) = &screen.list_error {
        let offer = Offer { retry: true, change_connection: false };
        if error_panel(
            ui,
            "template-list",
            "Could not load the templates",
            error,
            "the service",
            offer,
        ) == Some(ErrorChoice::Retry)
        {
            actions.push(Action::Templates(TemplateAction::List));
        }
    }
    if !screen.loaded {
        if screen.list_error.is_none() {
            ui.label(RichText::new("Loading templates…").color(theme::MUTED));
        }
        return actions;
    }
    ui.label(RichText::new(format!("{} template(s)", screen.rows.len())).color(theme::MUTED));
    if screen.rows.is_empty() {
        ui.label(
            RichText::new("No template matches. Create one with “+ New template”.")
                .color(theme::MUTED),
        );
        return actions;
    }
    let wide = theme::visible_width(ui) >= NARROW;
    let mut open = None;
    let mut duplicate = None;
    let mut delete = None;
    egui::Grid::new("template_list")
        .striped(true)
        .num_columns(if wide { 7 } else { 5 })
        .spacing([14.0, 6.0])
        .show(ui, |ui| {
            let heads: &[&str] = if wide {
                &["Name", "Type", "Description", "Active", "Last change", "", ""]
            } else {
                &["Name", "Type", "Active", "", ""]
            };
            for head in heads {
                ui.label(RichText::new(*head).strong());
            }
            ui.end_row();
            for row in &screen.rows {
                let link = ui.add(egui::Link::new(&row.name));
                crate::ui::widgets::name_for_a11y(
                    ui,
                    &link,
                    &format!("Open template {}", row.name),
                );
                if link.clicked() {
                    open = Some(row.clone());
                }
                ui.label(kind_label(row.kind));
                if wide {
                    ui.scope(|ui| {
                        ui.set_max_width(240.0);
                        ui.add(egui::Label::new(&row.description).truncate());
                    });
                }
                ui.label(&row.version);
                if wide {
                    ui.label(RichText::new(&row.last_modified).color(theme::MUTED));
                }
                let c = ui.button("Duplicate");
                crate::ui::widgets::name_for_a11y(
                    ui,
                    &c,
                    &format!("Duplicate template {}", row.name),
                );
                if c.clicked() {
                    duplicate = Some(row.clone());
                }
                let d = ui.add(danger_button("Delete…"));
                crate::ui::widgets::name_for_a11y(ui, &d, &format!("Delete template {}", row.name));
                if d.clicked() {
                    delete = Some((row.name.clone(), row.kind));
                }
                ui.end_row();
            }
        });
    if let Some(row) = duplicate {
        screen.editor = Some(TemplateEditor::duplicating());
        screen.note = None;
        screen.error = None;
        let version = None;
        actions.push(Action::Templates(TemplateAction::Open {
            name: row.name,
            kind: row.kind,
            version,
        }));
    }
    if let Some(row) = open {
        screen.editor = Some(TemplateEditor::opening(&row.version));
        screen.note = None;
        screen.error = None;
        actions.push(Action::Templates(TemplateAction::Open {
            name: row.name,
            kind: row.kind,
            version: None,
        }));
        actions.push(Action::Templates(TemplateAction::Recommenders));
    }
    if delete.is_some() {
        screen.confirm_delete = delete;
    }
    actions
}

/// The delete confirmation, naming the template.
pub(super) fn delete_confirmation(
    ctx: &egui::Context,
    screen: &mut TemplatesScreen,
    busy: bool,
) -> Option<Action> {
    let (name, kind) = screen.confirm_delete.clone()?;
    let mut action = None;
    let mut cancel = false;
    egui::Modal::new(egui::Id::unique("confirm_delete_template")).show(ctx, |ui| {
        ui.set_max_width(420.0);
        ui.heading(format!("Delete template “{name}”?"));
        ui.label(format!(
            "This deletes every version of the {} template “{name}”. Campaigns and journeys that \
             name it can no longer send. It cannot be undone.",
            kind_label(kind)
        ));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if busy_button(ui, &format!("Delete “{name}”"), busy) {
                action =
                    Some(Action::Templates(TemplateAction::Delete { name: name.clone(), kind }));
            }
            if ui.add_enabled(!busy, egui::Button::new("Cancel")).clicked() {
                cancel = true;
            }
        });
    });
    if cancel {
        screen.confirm_delete = None;
    }
    action
}
