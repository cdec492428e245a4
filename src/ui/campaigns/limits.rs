//! The Limits part of the campaign editor: limits, hook, pause, priority, message templates,
//! custom delivery (also used per treatment) and tags.

use crate::drafts::FieldErrors;
use crate::drafts::campaign::{CampaignDraft, DeliveryDraft, HOOK_MODES, TEMPLATE_KINDS};
use crate::ui::widgets::{choice_row, field_note, form_row, section, text_area_row};

/// Draws the part.
pub fn show(ui: &mut egui::Ui, d: &mut CampaignDraft, errors: &FieldErrors, exists: bool) {
    section(ui, "Limits");
    let l = &mut d.limits;
    form_row(
        ui,
        "Daily messages",
        &mut l.daily,
        "per endpoint per 24 h",
        errors.get("limits.daily"),
    );
    form_row(
        ui,
        "Total messages",
        &mut l.total,
        "per endpoint, whole campaign",
        errors.get("limits.total"),
    );
    form_row(
        ui,
        "Messages per second",
        &mut l.messages_per_second,
        "1 to 20,000",
        errors.get("limits.mps"),
    );
    form_row(
        ui,
        "Maximum duration (s)",
        &mut l.maximum_duration,
        "at least 60",
        errors.get("limits.duration"),
    );
    form_row(
        ui,
        "Session messages",
        &mut l.session,
        "in-app, per session",
        errors.get("limits.session"),
    );
    section(ui, "Hook");
    form_row(ui, "Lambda function", &mut d.hook.lambda, "name or ARN", errors.get("hook.lambda"));
    choice_row(
        ui,
        "Hook mode",
        &mut d.hook.mode,
        &HOOK_MODES,
        Some("(none)"),
        errors.get("hook.mode"),
    );
    form_row(ui, "Hook web URL", &mut d.hook.web_url, "https://…", errors.get("hook.web_url"));
    section(ui, "Delivery");
    ui.checkbox(&mut d.paused, "Paused (no runs until resumed; takes effect on save)");
    form_row(ui, "Priority", &mut d.priority, "1 (highest) to 5", errors.get("priority"));
    delivery(ui, "", &mut d.delivery, errors);
    section(ui, "Tags");
    // A stored campaign's tags are edited through TagResource / UntagResource (the editor
    // draws the tag editor here); UpdateCampaign ignores them.
    if !exists {
        text_area_row(ui, "Tags", &mut d.tags, 2, errors.get("tags"));
        field_note(ui, "One key=value per line.");
    }
}

/// Message templates and custom delivery, of the campaign (`prefix` empty) or of a treatment
/// (`t0.` …).
pub fn delivery(ui: &mut egui::Ui, prefix: &str, d: &mut DeliveryDraft, errors: &FieldErrors) {
    let err = |f: &str| errors.get(&format!("{prefix}{f}"));
    ui.push_id(("delivery", prefix), |ui| {
        for (kind, t) in TEMPLATE_KINDS.iter().zip(d.templates.iter_mut()) {
            ui.horizontal(|ui| {
                let label = crate::ui::widgets::field_label(ui, kind);
                ui.add(
                    egui::TextEdit::singleline(&mut t.name)
                        .hint_text("template name")
                        .desired_width(150.0),
                )
                .labelled_by(label.id);
                let version = ui.add(
                    egui::TextEdit::singleline(&mut t.version)
                        .hint_text("version")
                        .desired_width(70.0),
                );
                crate::ui::widgets::name_for_a11y(ui, &version, &format!("{kind} version"));
            });
        }
        form_row(
            ui,
            "Custom delivery URI",
            &mut d.custom_uri,
            "function name, arn:aws:lambda:… or https://…",
            err("custom_uri"),
        );
        form_row(
            ui,
            "Custom endpoint types",
            &mut d.custom_types,
            "PUSH, EMAIL",
            err("custom_types"),
        );
    });
}
