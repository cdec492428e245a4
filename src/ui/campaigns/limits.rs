//! The Limits part of the campaign editor: limits, hook, pause, priority, message templates,
//! custom delivery and tags.

use egui::RichText;

use crate::drafts::FieldErrors;
use crate::drafts::campaign::{CampaignDraft, HOOK_MODES, TEMPLATE_KINDS};
use crate::ui::theme;
use crate::ui::widgets::{choice_row, form_row, section, text_area_row};

/// Draws the part.
pub fn show(ui: &mut egui::Ui, d: &mut CampaignDraft, errors: &FieldErrors) {
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
    for (kind, t) in TEMPLATE_KINDS.iter().zip(d.delivery.templates.iter_mut()) {
        ui.horizontal(|ui| {
            let label = crate::ui::widgets::field_label(ui, kind);
            ui.add(
                egui::TextEdit::singleline(&mut t.name)
                    .hint_text("template name")
                    .desired_width(150.0),
            )
            .labelled_by(label.id);
            ui.add(
                egui::TextEdit::singleline(&mut t.version).hint_text("version").desired_width(70.0),
            );
        });
    }
    form_row(
        ui,
        "Custom delivery URI",
        &mut d.delivery.custom_uri,
        "arn:aws:lambda:… or https://…",
        errors.get("custom_uri"),
    );
    form_row(
        ui,
        "Custom endpoint types",
        &mut d.delivery.custom_types,
        "PUSH, EMAIL",
        errors.get("custom_types"),
    );
    section(ui, "Tags");
    text_area_row(ui, "Tags", &mut d.tags, 2, errors.get("tags"));
    ui.label(RichText::new("One key=value per line.").color(theme::MUTED));
}
