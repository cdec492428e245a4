//! The Message tab of the template editor: every member of the kind's request shape — name and
//! description, the email's subject, parts and headers, the SMS body with its live count, each
//! push part, the voice script, language and voice, the in-app layout and blocks — then the
//! default substitutions as a key/value table and the recommender.

use egui::RichText;

use crate::drafts::FieldErrors;
use crate::drafts::template::{PUSH_ACTIONS, PUSH_PARTS, TemplateDraft, fields, push_members};
use crate::pinpoint::TemplateKind;
use crate::ui::theme;
use crate::ui::widgets::{
    choice_row, field_label, field_note, form_row, pairs_editor, section, sms_count_note,
    text_area_row,
};

/// Draws the form. `exists`: the name is fixed. `recommenders`: (id, name) to pick from.
pub(super) fn show(
    ui: &mut egui::Ui,
    d: &mut TemplateDraft,
    errors: &FieldErrors,
    exists: bool,
    recommenders: &[(String, String)],
) {
    if exists {
        ui.horizontal(|ui| {
            field_label(ui, "Template name");
            ui.label(RichText::new(&d.name).monospace());
        });
        crate::ui::widgets::field_error(ui, errors.get("name"));
    } else {
        form_row(ui, "Template name", &mut d.name, "letters, digits, _ and -", errors.get("name"));
    }
    form_row(
        ui,
        "Description",
        &mut d.description,
        "what it is for",
        errors.get("TemplateDescription"),
    );
    for f in fields(d.kind) {
        let value = d.values.entry(f.path.to_owned()).or_default();
        if f.rows > 0 {
            text_area_row(ui, f.label, value, f.rows, errors.get(f.path));
        } else {
            form_row(ui, f.label, value, "", errors.get(f.path));
        }
        if d.kind == TemplateKind::Sms && f.path == "Body" {
            sms_count_note(ui, d.value("Body"));
        }
    }
    match d.kind {
        TemplateKind::Email => {
            section(ui, "Headers");
            pairs_editor(ui, "header", &mut d.headers, ["name", "value"], ("headers", errors));
        }
        TemplateKind::Voice => {
            field_note(ui, "A language code such as en-US; a voice id such as Joanna.");
        }
        TemplateKind::Push => push(ui, d, errors),
        TemplateKind::InApp => {
            crate::ui::inapp_form::form(ui, &mut d.in_app, "", errors, false);
        }
        TemplateKind::Sms => {}
    }
    if d.has_substitutions() {
        section(ui, "Default substitutions");
        ui.label(
            RichText::new(
                "Values for {{placeholders}} when the endpoint or the message gives none.",
            )
            .color(theme::MUTED),
        );
        pairs_editor(
            ui,
            "substitution",
            &mut d.substitutions,
            ["placeholder", "default value"],
            ("substitutions", errors),
        );
        crate::ui::widgets::field_error(ui, errors.get("substitutions"));
    }
    if d.has_recommender() {
        section(ui, "Recommender");
        let mut options: Vec<&str> = recommenders.iter().map(|(id, _)| id.as_str()).collect();
        if !d.recommender_id.is_empty() && !options.contains(&d.recommender_id.as_str()) {
            options.push(d.recommender_id.as_str());
        }
        let options: Vec<String> = options.into_iter().map(str::to_owned).collect();
        let options: Vec<&str> = options.iter().map(String::as_str).collect();
        choice_row(
            ui,
            "Recommender model",
            &mut d.recommender_id,
            &options,
            Some("(none)"),
            errors.get("RecommenderId"),
        );
        if let Some((_, name)) = recommenders.iter().find(|(id, _)| *id == d.recommender_id) {
            field_note(ui, name);
        }
    }
}

fn push(ui: &mut egui::Ui, d: &mut TemplateDraft, errors: &FieldErrors) {
    for (part, heading) in PUSH_PARTS {
        let filled =
            push_members(part).iter().any(|(m, _, _)| !d.value(&format!("{part}.{m}")).is_empty());
        let title = if filled { format!("{heading} *") } else { heading.to_owned() };
        egui::CollapsingHeader::new(title).id_salt(part).default_open(part == "Default").show(
            ui,
            |ui| {
                let action = d.value_mut(&format!("{part}.Action"));
                choice_row(
                    ui,
                    &format!("{part} action"),
                    action,
                    &PUSH_ACTIONS,
                    Some("(not set)"),
                    None,
                );
                for (member, label, rows) in push_members(part) {
                    let path = format!("{part}.{member}");
                    let value = d.values.entry(path.clone()).or_default();
                    let label = format!("{part} {}", label.to_lowercase());
                    if *rows > 0 {
                        text_area_row(ui, &label, value, *rows, errors.get(&path));
                    } else {
                        form_row(ui, &label, value, "", errors.get(&path));
                    }
                }
            },
        );
    }
    crate::ui::widgets::field_error(ui, errors.get("Default.Body"));
}
