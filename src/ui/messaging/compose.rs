//! The composer: recipients, a message per channel family, context and substitutions, a
//! preview, and sending in batches of 100 with progress and cancel.

use egui::RichText;

use super::MessagingScreen;
use super::results::results;
use crate::drafts::message::{ADDRESS_CHANNELS, ComposerDraft, PUSH_MEMBERS, RecipientKind};
use crate::pinpoint::render::fill;
use crate::ui::action::Action;
use crate::ui::tasks::Task;
use crate::ui::template_picker::{TemplateLibrary, index_of, pick, rendered};
use crate::ui::theme;
use crate::ui::widgets::{busy_button, error_label, field_label, form_row};

pub(super) fn compose(
    ui: &mut egui::Ui,
    screen: &mut MessagingScreen,
    busy: &dyn Fn(Task) -> bool,
    library: &TemplateLibrary,
) -> Vec<Action> {
    let mut actions = Vec::new();
    if !screen.errors.is_empty() {
        // After a refused send, each message stays only as long as its field is wrong.
        screen.errors = screen.draft.check();
    }
    let errors = screen.errors.clone();
    let d = &mut screen.draft;
    ui.horizontal(|ui| {
        field_label(ui, "Send to");
        ui.radio_value(&mut d.kind, RecipientKind::Addresses, "Addresses");
        ui.radio_value(&mut d.kind, RecipientKind::Endpoints, "Endpoint ids");
        ui.radio_value(&mut d.kind, RecipientKind::Users, "User ids");
    });
    // Wrapped rows: on a narrow window the channel picker and the second box go under.
    ui.horizontal_wrapped(|ui| {
        let label = field_label(ui, "Recipients");
        let hint = match d.kind {
            RecipientKind::Addresses => "one per line: +12065550100 or a@example.com,EMAIL",
            RecipientKind::Endpoints => "endpoint ids, one per line",
            RecipientKind::Users => "user ids, one per line",
        };
        ui.add(
            egui::TextEdit::multiline(&mut d.recipients)
                .hint_text(hint)
                .desired_rows(4)
                .desired_width(theme::field_width(ui).min(420.0)),
        )
        .labelled_by(label.id);
        if d.kind == RecipientKind::Addresses {
            let label = ui.label("default channel");
            egui::ComboBox::from_id_salt("default_channel")
                .selected_text(d.default_channel)
                .show_ui(ui, |ui| {
                    for c in ADDRESS_CHANNELS {
                        ui.selectable_value(&mut d.default_channel, c, c);
                    }
                })
                .response
                .labelled_by(label.id);
        }
    });
    if let Some(m) = errors.get("recipients") {
        error_label(ui, m);
    }
    actions.extend(templates(ui, d, library));
    egui::CollapsingHeader::new("SMS").default_open(true).show(ui, |ui| {
        form_row(ui, "SMS body", &mut d.sms_body, "Your code is {{code}}", None);
        ui.horizontal(|ui| {
            field_label(ui, "SMS type");
            ui.radio_value(&mut d.sms_type, "TRANSACTIONAL", "Transactional");
            ui.radio_value(&mut d.sms_type, "PROMOTIONAL", "Promotional");
        });
        form_row(ui, "SMS sender id", &mut d.sms_sender_id, "optional", None);
        for (value, label, hint) in d
            .sms_more
            .iter_mut()
            .zip([
                ("Origination number", "+1… (optional)"),
                ("Keyword", "optional"),
                ("Media URL", "MMS media (optional)"),
                ("Entity id", "DLT entity (India)"),
                ("Template id", "DLT template (India)"),
            ])
            .map(|(v, (l, h))| (v, l, h))
        {
            form_row(ui, label, value, hint, None);
        }
        let chars = d.sms_body.chars().count();
        let gsm = d.sms_body.is_ascii();
        let per = if gsm { 160 } else { 70 };
        let parts = if chars <= per { 1 } else { chars.div_ceil(if gsm { 153 } else { 67 }) };
        ui.label(
            RichText::new(format!(
                "{chars} characters · {parts} part(s) · {}",
                if gsm { "GSM" } else { "Unicode" }
            ))
            .small()
            .color(theme::MUTED),
        );
    });
    egui::CollapsingHeader::new("Email").show(ui, |ui| {
        form_row(
            ui,
            "From address",
            &mut d.email_from,
            "optional: the channel's",
            errors.get("email_from"),
        );
        form_row(ui, "Subject", &mut d.email_subject, "", None);
        form_row(ui, "HTML body", &mut d.email_html, "<p>Hello {{name}}</p>", None);
        form_row(ui, "Text body", &mut d.email_text, "", None);
        let [reply_to, feedback] = &mut d.email_more;
        form_row(
            ui,
            "Reply-to addresses",
            reply_to,
            "a@example.com, b@example.com",
            errors.get("email_reply_to"),
        );
        form_row(ui, "Feedback forwarding", feedback, "bounces@example.com", None);
    });
    egui::CollapsingHeader::new("Push (all push channels)").show(ui, |ui| {
        form_row(ui, "Push title", &mut d.push_title, "", None);
        form_row(ui, "Push body", &mut d.push_body, "", None);
        ui.horizontal(|ui| {
            field_label(ui, "Action");
            for a in ["OPEN_APP", "DEEP_LINK", "URL"] {
                ui.radio_value(&mut d.push_action, a, a);
            }
        });
        form_row(ui, "URL", &mut d.push_url, "for URL and DEEP_LINK", errors.get("push_url"));
        ui.checkbox(&mut d.push_silent, "Silent push");
        egui::CollapsingHeader::new("Channel-specific push members").show(ui, |ui| {
            for (key, label, channels) in PUSH_MEMBERS {
                let value = d.push_more.entry(key).or_default();
                form_row(ui, label, value, channels, errors.get(key));
            }
            ui.horizontal(|ui| {
                let label = field_label(ui, "Data");
                ui.add(
                    egui::TextEdit::multiline(&mut d.push_data)
                        .hint_text("key=value per line")
                        .desired_rows(2),
                )
                .labelled_by(label.id);
            });
            if let Some(m) = errors.get("push_data") {
                error_label(ui, m);
            }
        });
    });
    form_row(ui, "Default message", &mut d.default_body, "for channels without their own", None);
    if let Some(m) = errors.get("message") {
        error_label(ui, m);
    }
    ui.horizontal_wrapped(|ui| {
        let label = field_label(ui, "Context");
        ui.add(
            egui::TextEdit::multiline(&mut d.context)
                .hint_text("key=value per line")
                .desired_rows(2)
                .desired_width(theme::field_width(ui).min(280.0)),
        )
        .labelled_by(label.id);
        let label = ui.label("Substitutions");
        ui.add(
            egui::TextEdit::multiline(&mut d.substitutions)
                .hint_text("key=value per line")
                .desired_rows(2)
                .desired_width(theme::field_width(ui).min(280.0)),
        )
        .labelled_by(label.id);
    });
    ui.horizontal(|ui| {
        let label = field_label(ui, "Per-recipient overrides");
        ui.add(
            egui::TextEdit::multiline(&mut d.overrides)
                .hint_text("recipient | body override | title override, one per line")
                .desired_rows(2)
                .desired_width(theme::field_width(ui).min(520.0)),
        )
        .labelled_by(label.id);
    });
    for field in ["context", "substitutions", "overrides"] {
        if let Some(m) = errors.get(field) {
            error_label(ui, m);
        }
    }
    preview(ui, d);
    ui.add_space(theme::SECTION_GAP);
    let sending = screen.sending() || busy(Task::SendBatch);
    ui.horizontal(|ui| {
        if busy_button(ui, "Send", sending) {
            match screen.draft.review() {
                // More than one recipient: who, what and when first; nothing is sent yet.
                Ok(review) if review.needs_confirmation() => {
                    screen.errors.clear();
                    screen.review = Some(review);
                }
                // One recipient (a test send) goes at once.
                Ok(review) => {
                    screen.errors.clear();
                    actions.push(Action::StartSend(review.batches));
                }
                Err(e) => screen.errors = e,
            }
        }
        if sending {
            let progress = screen.done as f32 / screen.total.max(1) as f32;
            ui.add(
                egui::ProgressBar::new(progress)
                    .desired_width(200.0)
                    .text(format!("{} / {} batches", screen.done, screen.total)),
            );
            if ui.button("Cancel send").clicked() {
                screen.cancelled = true;
            }
        }
    });
    if let Some(e) = &screen.error {
        crate::ui::error_view::api_error(ui, e);
    }
    if let Some(n) = &screen.note {
        ui.label(RichText::new(n).color(theme::OK));
    }
    if !screen.rows.is_empty() {
        actions.extend(results(ui, screen));
    }
    actions
}

fn preview(ui: &mut egui::Ui, d: &ComposerDraft) {
    let subs = d.preview_substitutions();
    let shown: Vec<(&str, String)> = [
        ("SMS", &d.sms_body),
        ("Email subject", &d.email_subject),
        ("Push", &d.push_body),
        ("Default", &d.default_body),
    ]
    .into_iter()
    .filter(|(_, t)| !t.trim().is_empty())
    .map(|(k, t)| (k, fill(t, None, &subs)))
    .collect();
    if shown.is_empty() {
        return;
    }
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.label(
            RichText::new("Preview (substitutions resolved; endpoint values show their defaults)")
                .small()
                .color(theme::MUTED),
        );
        for (k, t) in shown {
            ui.horizontal(|ui| {
                ui.label(RichText::new(k).strong());
                ui.label(t);
            });
        }
    });
}

/// Templates instead of (or under) the messages written below: one per family, with what each
/// renders to for the preview's substitutions.
fn templates(ui: &mut egui::Ui, d: &mut ComposerDraft, library: &TemplateLibrary) -> Vec<Action> {
    use crate::pinpoint::{ChannelKind, TemplateKind};
    let mut actions = Vec::new();
    let chosen = d.templates.iter().any(|t| !t.name.is_empty());
    egui::CollapsingHeader::new("Send with a template").default_open(chosen).show(ui, |ui| {
        let subs = d.preview_substitutions();
        for (kind, label, channel) in [
            (TemplateKind::Email, "Email template", ChannelKind::Email),
            (TemplateKind::Sms, "SMS template", ChannelKind::Sms),
            (TemplateKind::Push, "Push template", ChannelKind::Gcm),
            (TemplateKind::Voice, "Voice template", ChannelKind::Voice),
        ] {
            let r = &mut d.templates[index_of(kind)];
            pick(ui, label, kind, r, library);
            let r = r.clone();
            let message = serde_json::Value::Null;
            actions.extend(rendered(ui, kind, channel, &r, &message, (None, &subs), library));
        }
        ui.label(
            RichText::new("A message written below for the same channel wins over its template.")
                .color(theme::MUTED),
        );
    });
    actions
}
