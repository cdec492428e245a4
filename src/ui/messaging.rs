//! The Messaging section: the direct-message composer (addresses, endpoint ids or user ids;
//! a message per channel family; context and substitutions; a preview; sending in batches of
//! 100 with progress and cancel; a filterable per-recipient results table exportable to CSV),
//! the phone-number check, and the mock's outbox.

use std::collections::VecDeque;

use egui::RichText;
use egui_extras::{Column, TableBuilder};

use super::action::Action;
use super::tasks::Task;
use super::theme;
use super::widgets::{busy_button, error_label, field_label, form_row};
use crate::api::{ApiError, ApiResponse, ResultRow};
use crate::drafts::FieldErrors;
use crate::drafts::message::{
    ADDRESS_CHANNELS, Batch, ComposerDraft, PUSH_MEMBERS, RecipientKind, key_values,
};
use crate::pinpoint::OutboxEntry;
use crate::pinpoint::render::{Substitutions, fill};

/// The parts of the section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tab {
    /// The composer.
    #[default]
    Compose,
    /// The phone-number check.
    Phone,
    /// The mock's outbox.
    Outbox,
}

/// State of the Messaging section.
#[derive(Debug, Default)]
pub struct MessagingScreen {
    /// The tab shown.
    pub tab: Tab,
    /// The composer form.
    pub draft: ComposerDraft,
    /// Inline messages.
    pub errors: FieldErrors,
    /// Batches still to send.
    pub queue: VecDeque<Batch>,
    /// Batches in the send.
    pub total: usize,
    /// Batches answered.
    pub done: usize,
    /// The user cancelled the send.
    pub cancelled: bool,
    /// Results so far.
    pub rows: Vec<ResultRow>,
    /// Results filter.
    pub filter: String,
    /// CSV export path.
    pub export_path: String,
    /// What happened last.
    pub note: Option<String>,
    /// A failed call.
    pub error: Option<ApiError>,
    /// Phone check: the number.
    pub phone_number: String,
    /// Phone check: the country hint.
    pub phone_country: String,
    /// Phone check: the answer.
    pub phone: Option<aws_sdk_pinpoint::types::NumberValidateResponse>,
    /// Outbox filter: channel.
    pub outbox_channel: String,
    /// Outbox filter: recipient.
    pub outbox_recipient: String,
    /// Outbox filter: campaign id.
    pub outbox_campaign: String,
    /// The outbox, once loaded.
    pub outbox: Option<Vec<OutboxEntry>>,
}

impl MessagingScreen {
    /// Applies a worker answer; returns follow-up actions (the next batch).
    pub fn apply(&mut self, response: ApiResponse) -> Vec<Action> {
        match response {
            ApiResponse::BatchSent { rows, .. } => {
                self.rows.extend(rows);
                self.done += 1;
                if self.cancelled {
                    self.queue.clear();
                }
                if let Some(next) = self.queue.pop_front() {
                    return vec![Action::SendBatch { batch: Box::new(next), index: self.done }];
                }
                let ok = self.rows.iter().filter(|r| r.status == "SUCCESSFUL").count();
                self.note = Some(format!(
                    "{}: {ok} of {} recipients delivered",
                    if self.cancelled { "Cancelled" } else { "Sent" },
                    self.rows.len()
                ));
            }
            ApiResponse::PhoneValidated(answer) => self.phone = Some(answer),
            ApiResponse::Outbox(items) => self.outbox = Some(items),
            ApiResponse::FileWritten(path) => self.note = Some(format!("Wrote {}", path.display())),
            _ => {}
        }
        Vec::new()
    }

    /// A failed call of this section.
    pub fn fail(&mut self, error: ApiError) {
        self.queue.clear();
        self.error = Some(error);
    }

    /// True while a send is going.
    #[must_use]
    pub fn sending(&self) -> bool {
        self.total > 0
            && self.done < self.total
            && !(self.cancelled && self.queue.is_empty() && self.done > 0)
    }
}

/// Draws the section.
pub fn show(
    ui: &mut egui::Ui,
    screen: &mut MessagingScreen,
    is_mock: bool,
    busy: &dyn Fn(Task) -> bool,
) -> Vec<Action> {
    let mut actions = Vec::new();
    ui.horizontal(|ui| {
        for (tab, label) in
            [(Tab::Compose, "Compose"), (Tab::Phone, "Phone check"), (Tab::Outbox, "Outbox")]
        {
            if tab == Tab::Outbox && !is_mock {
                continue;
            }
            if ui.selectable_label(screen.tab == tab, label).clicked() {
                screen.tab = tab;
                if tab == Tab::Outbox {
                    actions.push(Action::LoadOutbox);
                }
            }
        }
    });
    ui.add_space(6.0);
    match screen.tab {
        Tab::Compose => actions.extend(compose(ui, screen, busy)),
        Tab::Phone => actions.extend(phone(ui, screen, busy)),
        Tab::Outbox => actions.extend(outbox(ui, screen, busy)),
    }
    actions
}

fn compose(
    ui: &mut egui::Ui,
    screen: &mut MessagingScreen,
    busy: &dyn Fn(Task) -> bool,
) -> Vec<Action> {
    let mut actions = Vec::new();
    let errors = screen.errors.clone();
    let d = &mut screen.draft;
    ui.horizontal(|ui| {
        field_label(ui, "Send to");
        ui.radio_value(&mut d.kind, RecipientKind::Addresses, "Addresses");
        ui.radio_value(&mut d.kind, RecipientKind::Endpoints, "Endpoint ids");
        ui.radio_value(&mut d.kind, RecipientKind::Users, "User ids");
    });
    ui.horizontal(|ui| {
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
                .desired_width(420.0),
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
    ui.horizontal(|ui| {
        let label = field_label(ui, "Context");
        ui.add(
            egui::TextEdit::multiline(&mut d.context)
                .hint_text("key=value per line")
                .desired_rows(2),
        )
        .labelled_by(label.id);
        let label = ui.label("Substitutions");
        ui.add(
            egui::TextEdit::multiline(&mut d.substitutions)
                .hint_text("key=value per line")
                .desired_rows(2),
        )
        .labelled_by(label.id);
    });
    ui.horizontal(|ui| {
        let label = field_label(ui, "Per-recipient overrides");
        ui.add(
            egui::TextEdit::multiline(&mut d.overrides)
                .hint_text("recipient | body override | title override, one per line")
                .desired_rows(2)
                .desired_width(520.0),
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
            match screen.draft.batches() {
                Ok(batches) => {
                    screen.errors.clear();
                    actions.push(Action::StartSend(batches));
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
        error_label(ui, &e.to_string());
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
    let mut ignore = FieldErrors::default();
    let mut subs = Substitutions::default();
    subs.values.extend(key_values(&mut ignore, "s", &d.substitutions));
    for (k, v) in key_values(&mut ignore, "c", &d.context) {
        subs.values.insert(format!("Context.{k}"), v);
    }
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

fn results(ui: &mut egui::Ui, screen: &mut MessagingScreen) -> Vec<Action> {
    let mut actions = Vec::new();
    ui.separator();
    ui.horizontal(|ui| {
        ui.heading("Results");
        let label = ui.label("Filter results");
        ui.add(
            egui::TextEdit::singleline(&mut screen.filter)
                .hint_text("status, address …")
                .desired_width(180.0),
        )
        .labelled_by(label.id);
        let label = ui.label("CSV path");
        ui.add(
            egui::TextEdit::singleline(&mut screen.export_path)
                .hint_text("/tmp/results.csv")
                .desired_width(200.0),
        )
        .labelled_by(label.id);
        if ui.button("Export CSV").clicked() && !screen.export_path.trim().is_empty() {
            actions.push(Action::WriteTextFile {
                path: screen.export_path.trim().into(),
                contents: csv_text(&screen.rows),
            });
        }
    });
    let needle = screen.filter.to_lowercase();
    let rows: Vec<&ResultRow> = screen
        .rows
        .iter()
        .filter(|r| {
            needle.is_empty()
                || format!(
                    "{} {} {} {} {}",
                    r.recipient,
                    r.address,
                    r.status,
                    r.message,
                    r.endpoint.as_deref().unwrap_or("")
                )
                .to_lowercase()
                .contains(&needle)
        })
        .collect();
    TableBuilder::new(ui)
        .id_salt("results")
        .striped(true)
        .columns(Column::auto().at_least(90.0), 5)
        .column(Column::remainder())
        .max_scroll_height(300.0)
        .header(20.0, |mut h| {
            for title in ["Recipient", "Endpoint", "Address", "Status", "Code", "Message"] {
                h.col(|ui| {
                    ui.strong(title);
                });
            }
        })
        .body(|body| {
            body.rows(18.0, rows.len(), |mut row| {
                let r = rows[row.index()];
                let color = if r.status == "SUCCESSFUL" { theme::OK } else { theme::ERROR };
                row.col(|ui| {
                    ui.label(&r.recipient);
                });
                row.col(|ui| {
                    ui.label(r.endpoint.as_deref().unwrap_or("—"));
                });
                row.col(|ui| {
                    ui.label(&r.address);
                });
                row.col(|ui| {
                    ui.label(RichText::new(&r.status).color(color));
                });
                row.col(|ui| {
                    ui.label(r.code.to_string());
                });
                row.col(|ui| {
                    ui.label(&r.message).on_hover_text(&r.message_id);
                });
            });
        });
    actions
}

/// The results as CSV (with a header row).
#[must_use]
pub fn csv_text(rows: &[ResultRow]) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let _header = writer.write_record([
        "recipient",
        "endpoint",
        "address",
        "delivery_status",
        "status_code",
        "status_message",
        "message_id",
    ]);
    for r in rows {
        let code = r.code.to_string();
        let _row = writer.write_record([
            r.recipient.as_str(),
            r.endpoint.as_deref().unwrap_or(""),
            r.address.as_str(),
            r.status.as_str(),
            code.as_str(),
            r.message.as_str(),
            r.message_id.as_str(),
        ]);
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}

fn phone(
    ui: &mut egui::Ui,
    screen: &mut MessagingScreen,
    busy: &dyn Fn(Task) -> bool,
) -> Vec<Action> {
    let mut actions = Vec::new();
    form_row(ui, "Phone number", &mut screen.phone_number, "+1 206 555 0199", None);
    form_row(ui, "Country (ISO)", &mut screen.phone_country, "optional, e.g. US", None);
    if busy_button(ui, "Validate", busy(Task::ValidatePhone))
        && !screen.phone_number.trim().is_empty()
    {
        screen.error = None;
        let country = Some(screen.phone_country.trim().to_uppercase()).filter(|c| !c.is_empty());
        actions
            .push(Action::ValidatePhone { number: screen.phone_number.trim().to_owned(), country });
    }
    if let Some(e) = &screen.error {
        error_label(ui, &e.to_string());
    }
    if let Some(p) = &screen.phone {
        egui::Grid::new("phone_answer").num_columns(2).striped(true).show(ui, |ui| {
            let rows: [(&str, Option<String>); 14] = [
                ("Phone type", p.phone_type().map(str::to_owned)),
                ("Phone type code", p.phone_type_code().map(|c| c.to_string())),
                ("E.164", p.cleansed_phone_number_e164().map(str::to_owned)),
                ("National", p.cleansed_phone_number_national().map(str::to_owned)),
                ("Country", p.country().map(str::to_owned)),
                ("Country code (ISO)", p.country_code_iso2().map(str::to_owned)),
                ("Country calling code", p.country_code_numeric().map(str::to_owned)),
                ("City", p.city().map(str::to_owned)),
                ("County", p.county().map(str::to_owned)),
                ("ZIP code", p.zip_code().map(str::to_owned)),
                ("Time zone", p.timezone().map(str::to_owned)),
                ("Carrier", p.carrier().map(str::to_owned)),
                ("Original number", p.original_phone_number().map(str::to_owned)),
                ("Original country", p.original_country_code_iso2().map(str::to_owned)),
            ];
            for (k, v) in rows {
                ui.label(RichText::new(k).color(theme::MUTED));
                ui.label(v.unwrap_or_else(|| "—".to_owned()));
                ui.end_row();
            }
        });
    }
    actions
}

fn outbox(
    ui: &mut egui::Ui,
    screen: &mut MessagingScreen,
    busy: &dyn Fn(Task) -> bool,
) -> Vec<Action> {
    let mut actions = Vec::new();
    ui.label(
        RichText::new(
            "What the mock delivered (a mock-only extension, not part of Pinpoint), newest first.",
        )
        .small()
        .color(theme::MUTED),
    );
    ui.horizontal(|ui| {
        let label = ui.label("Channel");
        ui.add(
            egui::TextEdit::singleline(&mut screen.outbox_channel)
                .hint_text("SMS, EMAIL …")
                .desired_width(90.0),
        )
        .labelled_by(label.id);
        let label = ui.label("Recipient");
        ui.add(
            egui::TextEdit::singleline(&mut screen.outbox_recipient)
                .hint_text("address or endpoint")
                .desired_width(160.0),
        )
        .labelled_by(label.id);
        let label = ui.label("Campaign");
        ui.add(
            egui::TextEdit::singleline(&mut screen.outbox_campaign)
                .hint_text("campaign id")
                .desired_width(160.0),
        )
        .labelled_by(label.id);
        if busy_button(ui, "Refresh outbox", busy(Task::Outbox)) {
            actions.push(Action::LoadOutbox);
        }
    });
    if let Some(e) = &screen.error {
        error_label(ui, &e.to_string());
    }
    let Some(items) = &screen.outbox else { return actions };
    ui.label(format!("{} messages", items.len()));
    TableBuilder::new(ui)
        .id_salt("outbox")
        .striped(true)
        .columns(Column::auto().at_least(80.0), 4)
        .column(Column::remainder())
        .max_scroll_height(420.0)
        .header(20.0, |mut h| {
            for title in ["Time", "Channel", "Address", "Campaign / request", "Message"] {
                h.col(|ui| {
                    ui.strong(title);
                });
            }
        })
        .body(|body| {
            body.rows(18.0, items.len(), |mut row| {
                let e = &items[row.index()];
                row.col(|ui| {
                    ui.label(&e.time[..e.time.len().min(19)]);
                });
                row.col(|ui| {
                    ui.label(&e.channel);
                });
                row.col(|ui| {
                    ui.label(&e.address);
                });
                row.col(|ui| {
                    let source = match (&e.campaign_id, &e.request_id) {
                        (Some(c), _) => format!(
                            "campaign {} · {}",
                            &c[..c.len().min(8)],
                            e.treatment_id.as_deref().unwrap_or("0")
                        ),
                        (None, Some(r)) => format!("direct {}", &r[..r.len().min(8)]),
                        _ => String::new(),
                    };
                    ui.label(source);
                });
                row.col(|ui| {
                    let text = match &e.title {
                        Some(t) => format!("{t} — {}", e.body),
                        None => e.body.clone(),
                    };
                    ui.label(text);
                });
            });
        });
    actions
}
