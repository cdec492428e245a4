//! The template editor's shell: the heading (name, type, active version), the save bar (Create
//! or Save as a new version / over the latest, Revert, Delete), the service's refusal next to the
//! field it names, and the tabs.

use egui::RichText;

use super::Context;
use super::list::kind_label;
use super::state::{EditorTab, TemplatesScreen};
use crate::api::ApiError;
use crate::drafts::FieldErrors;
use crate::ui::action::{Action, TagTarget, TemplateAction};
use crate::ui::editor_bar::{self, Bar};
use crate::ui::tasks::Task;
use crate::ui::theme;
use crate::ui::widgets::EditorChoice;

/// The form field a refusal of the service is about, when its message names one.
fn refused_field(error: &ApiError) -> Option<&'static str> {
    let message = error.plain().to_lowercase();
    if message.contains("template name") || message.contains("already exists") {
        Some("name")
    } else if message.contains("defaultsubstitutions") {
        Some("substitutions")
    } else {
        None
    }
}

/// Draws the open editor.
pub(super) fn show(
    ui: &mut egui::Ui,
    screen: &mut TemplatesScreen,
    cx: Context<'_>,
) -> Vec<Action> {
    let mut actions = Vec::new();
    let recommenders = screen.recommenders.clone().unwrap_or_default();
    let Some(e) = screen.editor.as_mut() else { return actions };
    if ui.button("< All templates").clicked() {
        screen.editor = None;
        return actions;
    }
    let Some(draft) = e.draft.as_mut() else {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label("Loading the template…");
        });
        return actions;
    };
    let exists = e.stored.is_some();
    ui.horizontal_wrapped(|ui| {
        let title = if exists {
            draft.name.clone()
        } else {
            format!("New {} template", kind_label(draft.kind))
        };
        ui.heading(title);
        ui.label(RichText::new(kind_label(draft.kind)).color(theme::MUTED));
        if let Some(s) = &e.stored {
            let active = if e.active_version.is_empty() { "?" } else { e.active_version.as_str() };
            ui.label(
                RichText::new(format!(
                    "· showing version {} · active version {active}",
                    s.meta.version
                ))
                .color(theme::MUTED),
            );
        }
    });
    let busy = (cx.busy)(Task::TemplateSave) || (cx.busy)(Task::TemplateDelete);
    let dirty = e.is_dirty();
    let new_version = &mut e.new_version;
    let choice = editor_bar::show(ui, Bar { noun: "template", exists, dirty, busy }, |ui| {
        if exists {
            ui.checkbox(new_version, "as a new version")
                .on_hover_text("Off: the latest version is overwritten");
        }
    });
    let Some(draft) = e.draft.as_mut() else { return actions };
    let checked = draft.validate();
    match choice {
        Some(EditorChoice::Save) => {
            e.tried = true;
            e.note = None;
            if checked.is_empty() {
                e.save_error = None;
                actions.push(Action::Templates(TemplateAction::Save {
                    name: draft.name.trim().to_owned(),
                    kind: draft.kind,
                    body: draft.to_json(),
                    create: !exists,
                    new_version: e.new_version,
                }));
            }
        }
        Some(EditorChoice::Revert) => {
            if let Some(s) = &e.stored {
                *draft =
                    crate::drafts::template::TemplateDraft::from_json(s.kind, &s.name, &s.body);
            }
        }
        Some(EditorChoice::Delete) => {
            screen.confirm_delete = Some((draft.name.clone(), draft.kind));
        }
        None => {}
    }
    let mut errors = if e.tried { checked } else { FieldErrors::default() };
    let refused_at = e.save_error.as_ref().and_then(refused_field);
    if let (Some(field), Some(error)) = (refused_at, &e.save_error) {
        errors.add(field, error.plain());
    }
    let fields = (!errors.is_empty() && e.tried).then(|| {
        format!("{} field(s) need attention: see the messages by the fields.", errors.len())
    });
    let mut scroll = false;
    let mut notice: Option<editor_bar::Notice<(), ()>> =
        e.note.clone().map(editor_bar::Notice::lasting);
    let refused = e.save_error.as_ref().filter(|_| refused_at.is_none());
    editor_bar::messages(
        ui,
        &mut notice,
        (&(), &()),
        editor_bar::Problems { fields: fields.as_deref(), refused },
        &mut scroll,
    );
    ui.horizontal(|ui| {
        for (tab, label) in [
            (EditorTab::Message, "Message"),
            (EditorTab::Preview, "Preview"),
            (EditorTab::Versions, "Versions"),
            (EditorTab::Tags, "Tags"),
        ] {
            if ui.selectable_label(e.tab == tab, label).clicked() && e.tab != tab {
                e.tab = tab;
                if tab == EditorTab::Versions
                    && let Some(s) = &e.stored
                {
                    actions.push(Action::Templates(TemplateAction::Versions {
                        name: s.name.clone(),
                        kind: s.kind,
                    }));
                }
            }
        }
    });
    ui.separator();
    match e.tab {
        EditorTab::Message => {
            let before = draft.clone();
            super::form::show(ui, draft, &errors, exists, &recommenders);
            if *draft != before && refused_at.is_some() {
                // The field the service refused was edited: its message goes.
                e.save_error = None;
            }
        }
        EditorTab::Preview => actions.extend(super::preview::show(ui, e, cx)),
        EditorTab::Versions => {
            actions.extend(super::versions::show(ui, e, (cx.busy)(Task::TemplateSave)));
        }
        EditorTab::Tags => {
            let busy = (cx.busy)(Task::TemplateTags);
            actions.extend(crate::ui::tag_editor::show(
                ui,
                TagTarget::Template,
                &mut e.tags,
                e.tags_error.as_ref(),
                busy,
            ));
        }
    }
    actions
}
