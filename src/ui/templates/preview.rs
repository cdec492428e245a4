//! The Preview tab: the template with its `{{…}}` placeholders resolved (`pinpoint::render`)
//! against typed values or an endpoint of a project (read with GetEndpoint), the template's
//! default substitutions beneath; an email's HTML as readable text, and opened in the system
//! browser on request; an in-app message drawn.

use std::collections::HashMap;

use egui::RichText;

use super::Context;
use super::state::{PreviewSource, TemplateEditor};
use crate::drafts::FieldErrors;
use crate::drafts::template::{PUSH_PARTS, TemplateDraft};
use crate::pinpoint::TemplateKind;
use crate::pinpoint::html_text;
use crate::pinpoint::render::{Fields, Substitutions, fill};
use crate::ui::action::{Action, TemplateAction};
use crate::ui::tasks::Task;
use crate::ui::theme;
use crate::ui::widgets::{
    busy_button, error_label, field_label, form_row, pairs_editor, section, sms_count_note,
};

/// Text of a rendered part, or a muted "(empty)".
fn rendered(ui: &mut egui::Ui, label: &str, text: &str) {
    ui.horizontal_top(|ui| {
        field_label(ui, label);
        if text.is_empty() {
            ui.label(RichText::new("(empty)").color(theme::MUTED));
        } else {
            ui.add(egui::Label::new(text).selectable(true).wrap());
        }
    });
}

fn source(ui: &mut egui::Ui, e: &mut TemplateEditor, cx: Context<'_>) -> Option<Action> {
    let mut action = None;
    ui.horizontal(|ui| {
        ui.label("Fill placeholders from");
        ui.radio_value(&mut e.source, PreviewSource::Typed, "Typed values");
        ui.radio_value(&mut e.source, PreviewSource::Endpoint, "An endpoint");
    });
    match e.source {
        PreviewSource::Typed => {
            pairs_editor(
                ui,
                "value",
                &mut e.values,
                ["placeholder", "value"],
                ("values", &FieldErrors::default()),
            );
        }
        PreviewSource::Endpoint => {
            if e.preview_app.is_empty() {
                cx.selected
                    .or_else(|| cx.projects.first().map(|p| p.id.as_str()))
                    .unwrap_or_default()
                    .clone_into(&mut e.preview_app);
            }
            ui.horizontal(|ui| {
                let label = field_label(ui, "Project");
                let shown = cx
                    .projects
                    .iter()
                    .find(|p| p.id == e.preview_app)
                    .map_or("(choose)", |p| p.name.as_str());
                egui::ComboBox::from_id_salt("preview_project")
                    .selected_text(shown)
                    .show_ui(ui, |ui| {
                        for p in cx.projects {
                            ui.selectable_value(&mut e.preview_app, p.id.clone(), &p.name);
                        }
                    })
                    .response
                    .labelled_by(label.id);
            });
            form_row(ui, "Endpoint id", &mut e.endpoint_id, "an endpoint of that project", None);
            ui.horizontal(|ui| {
                ui.add_space(theme::LABEL_WIDTH + ui.spacing().item_spacing.x);
                let ready = !e.endpoint_id.trim().is_empty() && !e.preview_app.is_empty();
                ui.add_enabled_ui(ready, |ui| {
                    if busy_button(ui, "Use endpoint", (cx.busy)(Task::TemplatePreview)) {
                        e.endpoint = None;
                        action = Some(Action::Templates(TemplateAction::PreviewEndpoint {
                            app_id: e.preview_app.clone(),
                            endpoint_id: e.endpoint_id.trim().to_owned(),
                        }));
                    }
                });
            });
            if let Some(error) = &e.endpoint_error {
                error_label(ui, error);
            } else if let Some(ep) = &e.endpoint {
                let address = ep.address().unwrap_or_default();
                ui.label(
                    RichText::new(format!(
                        "Filled from endpoint {} ({address})",
                        ep.id().unwrap_or_default()
                    ))
                    .color(theme::MUTED),
                );
            }
        }
    }
    action
}

/// Draws the tab.
pub(super) fn show(ui: &mut egui::Ui, e: &mut TemplateEditor, cx: Context<'_>) -> Vec<Action> {
    // Apps do not fill an in-app message's placeholders: nothing to fill them from.
    let in_app = e.draft.as_ref().is_some_and(|d| d.kind == TemplateKind::InApp);
    let mut actions: Vec<Action> =
        if in_app { Vec::new() } else { source(ui, e, cx).into_iter().collect() };
    let Some(d) = e.draft.as_ref() else { return actions };
    let values: HashMap<String, String> = match e.source {
        PreviewSource::Typed => e
            .values
            .iter()
            .filter(|(k, _)| !k.trim().is_empty())
            .map(|(k, v)| (k.trim().to_owned(), v.clone()))
            .collect(),
        PreviewSource::Endpoint => HashMap::new(),
    };
    let subs = Substitutions { values, defaults: d.substitution_map().into_iter().collect() };
    let endpoint: Option<&dyn Fields> = match e.source {
        PreviewSource::Endpoint => e.endpoint.as_ref().map(|ep| ep as &dyn Fields),
        PreviewSource::Typed => None,
    };
    let f = |text: &str| fill(text, endpoint, &subs);
    section(ui, "Rendered");
    actions.extend(body(ui, d, &f));
    actions
}

fn body(ui: &mut egui::Ui, d: &TemplateDraft, f: &dyn Fn(&str) -> String) -> Option<Action> {
    let mut action = None;
    match d.kind {
        TemplateKind::Email => {
            rendered(ui, "Subject", &f(d.value("Subject")));
            rendered(ui, "Text part", &f(d.value("TextPart")));
            let html = f(d.value("HtmlPart"));
            rendered(ui, "HTML as text", &html_text::to_text(&html));
            if !html.trim().is_empty() {
                ui.horizontal(|ui| {
                    ui.add_space(theme::LABEL_WIDTH + ui.spacing().item_spacing.x);
                    if ui.button("Open HTML in browser").clicked() {
                        action = Some(Action::Templates(TemplateAction::OpenHtml {
                            name: d.name.clone(),
                            html,
                        }));
                    }
                });
            }
        }
        TemplateKind::Sms => {
            let text = f(d.value("Body"));
            rendered(ui, "SMS", &text);
            sms_count_note(ui, &text);
        }
        TemplateKind::Voice => {
            rendered(ui, "Spoken", &f(d.value("Body")));
            rendered(
                ui,
                "Language · voice",
                &format!("{} · {}", d.value("LanguageCode"), d.value("VoiceId")),
            );
        }
        TemplateKind::Push => {
            for (part, heading) in PUSH_PARTS {
                let title = f(d.value(&format!("{part}.Title")));
                let text = f(d.value(&format!("{part}.Body")));
                if title.is_empty() && text.is_empty() {
                    continue;
                }
                ui.label(RichText::new(heading).strong());
                rendered(ui, "Title", &title);
                rendered(ui, "Body", &text);
            }
        }
        TemplateKind::InApp => crate::ui::inapp_form::preview(ui, &d.in_app),
    }
    action
}
