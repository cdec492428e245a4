//! One endpoint: look it up, edit and save it (UpdateEndpoint, read back), delete it with
//! confirmation.

use super::{AudienceAction, AudienceScreen, Tab};
use crate::ui::action::Action;
use crate::ui::tasks::Task;
use crate::ui::theme;
use crate::ui::widgets::{busy_button, error_label, field_label, form_row};

use crate::drafts::endpoint::{CHANNEL_TYPES, DEMOGRAPHIC, EndpointDraft, LOCATION};

pub(super) fn endpoint(
    ui: &mut egui::Ui,
    screen: &mut AudienceScreen,
    busy: &dyn Fn(Task) -> bool,
    actions: &mut Vec<Action>,
) {
    ui.horizontal(|ui| {
        let label = field_label(ui, "Endpoint id");
        ui.add(egui::TextEdit::singleline(&mut screen.lookup).desired_width(theme::FIELD_WIDTH))
            .labelled_by(label.id);
        if busy_button(ui, "Look up", busy(Task::Audience)) && !screen.lookup.trim().is_empty() {
            actions.push(Action::Audience(AudienceAction::GetEndpoint(
                screen.lookup.trim().to_owned(),
            )));
        }
        if ui.button("New endpoint").clicked() && !screen.lookup.trim().is_empty() {
            screen.draft = Some(EndpointDraft::new(screen.lookup.trim()));
            screen.errors.clear();
            screen.noted = None;
            screen.said.remove(&Tab::Endpoint);
        }
    });
    if screen.noted.is_some() && screen.noted != screen.draft {
        // "Saved and read back" describes the form as it was: edited since, it is not true.
        screen.noted = None;
        screen.said.remove(&Tab::Endpoint);
    }
    if let (false, Some(d)) = (screen.errors.is_empty(), &screen.draft) {
        // After a refused save, each message stays only as long as its field is wrong.
        screen.errors = d.to_request().err().unwrap_or_default();
    }
    let errors = screen.errors.clone();
    let Some(d) = screen.draft.as_mut() else { return };
    ui.separator();
    ui.heading(format!("Endpoint {}", d.id));
    ui.horizontal(|ui| {
        let label = field_label(ui, "Channel type");
        egui::ComboBox::from_id_salt("endpoint_channel")
            .selected_text(d.channel_type.clone())
            .show_ui(ui, |ui| {
                for c in CHANNEL_TYPES {
                    ui.selectable_value(&mut d.channel_type, c.to_owned(), c);
                }
            })
            .response
            .labelled_by(label.id);
    });
    form_row(
        ui,
        "Address",
        &mut d.address,
        "+12065550100, a@example.com or a token",
        errors.get("address"),
    );
    ui.horizontal(|ui| {
        field_label(ui, "Opt-out");
        ui.radio_value(&mut d.opt_out, "NONE".to_owned(), "NONE (receives messages)");
        ui.radio_value(&mut d.opt_out, "ALL".to_owned(), "ALL (opted out)");
    });
    ui.horizontal(|ui| {
        field_label(ui, "Status");
        ui.radio_value(&mut d.status, "ACTIVE".to_owned(), "ACTIVE");
        ui.radio_value(&mut d.status, "INACTIVE".to_owned(), "INACTIVE");
    });
    for (field, label, text) in [
        ("attributes", "Attributes", &mut d.attributes),
        ("metrics", "Metrics", &mut d.metrics),
        ("user_attributes", "User attributes", &mut d.user_attributes),
    ] {
        ui.horizontal(|ui| {
            let l = field_label(ui, label);
            ui.add(
                egui::TextEdit::multiline(text)
                    .hint_text("name=value;value per line")
                    .desired_rows(2)
                    .desired_width(theme::FIELD_WIDTH + 120.0),
            )
            .labelled_by(l.id);
        });
        if let Some(m) = errors.get(field) {
            error_label(ui, m);
        }
    }
    form_row(ui, "User id", &mut d.user_id, "", None);
    egui::CollapsingHeader::new("Demographic").default_open(true).show(ui, |ui| {
        for (key, label) in DEMOGRAPHIC {
            let value = d.demographic.entry(key).or_default();
            form_row(ui, label, value, "", errors.get(key));
        }
    });
    egui::CollapsingHeader::new("Location").show(ui, |ui| {
        for (key, label) in LOCATION {
            let value = d.location.entry(key).or_default();
            form_row(ui, label, value, "", errors.get(key));
        }
    });
    ui.horizontal(|ui| {
        // Ctrl+S (Cmd+S) saves, as in every form that can be saved.
        let shortcut =
            !busy(Task::Audience) && ui.input_mut(|i| i.consume_shortcut(&theme::SAVE_SHORTCUT));
        if busy_button(ui, "Save endpoint", busy(Task::Audience)) || shortcut {
            match d.to_request() {
                Ok(request) => {
                    screen.errors.clear();
                    actions.push(Action::Audience(AudienceAction::SaveEndpoint(
                        d.id.clone(),
                        Box::new(request),
                    )));
                }
                Err(e) => screen.errors = e,
            }
        }
        if ui.add(crate::ui::widgets::danger_button("Delete endpoint…")).clicked() {
            screen.confirm = Some("endpoint");
        }
    });
    if screen.confirm == Some("endpoint") {
        let id = d.id.clone();
        confirm(
            ui,
            &format!("Delete endpoint {id}?"),
            &format!("Delete {id}"),
            &mut screen.confirm,
            || {
                actions.push(Action::Audience(AudienceAction::DeleteEndpoint(id.clone())));
            },
        );
    }
}

pub(super) fn confirm(
    ui: &egui::Ui,
    title: &str,
    button: &str,
    open: &mut Option<&'static str>,
    on_yes: impl FnOnce(),
) {
    let mut close = false;
    let mut yes = false;
    egui::Modal::new(egui::Id::unique("confirm_audience")).show(ui.ctx(), |ui| {
        ui.heading(title);
        ui.horizontal(|ui| {
            yes = ui.button(button).clicked();
            close = yes || ui.button("Cancel").clicked();
        });
    });
    if yes {
        on_yes();
    }
    if close {
        *open = None;
    }
}
