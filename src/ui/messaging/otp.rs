//! The OTP tester (SendOTPMessage, VerifyOTPMessage): the send's parameters checked inline,
//! a confirmation naming the phone before anything is sent (on AWS it messages a real phone),
//! then a code to verify, answered as "Valid" or "Not valid" in plain words. On mock
//! connections the code the outbox received is shown.

use egui::RichText;

use super::MessagingScreen;
use crate::api::{ApiError, ResultRow};
use crate::drafts::FieldErrors;
use crate::drafts::otp::OtpDraft;
use crate::ui::action::Action;
use crate::ui::tasks::Task;
use crate::ui::theme;
use crate::ui::widgets::{busy_button, error_label, form_row, section};

/// The tester's state.
#[derive(Debug, Clone, Default)]
pub struct OtpPanel {
    /// The form.
    pub draft: OtpDraft,
    /// Inline messages.
    pub errors: FieldErrors,
    /// The confirmation is open.
    pub confirm: bool,
    /// The last send's answer.
    pub sent: Option<ResultRow>,
    /// The last verification's answer.
    pub verified: Option<bool>,
    /// The code the mock's outbox received for the phone.
    pub outbox_code: Option<String>,
    /// True while the outbox is read for the code.
    pub reading_code: bool,
    /// The last failed call (send or verify).
    pub error: Option<ApiError>,
}

/// The code in an OTP message body: its run of 5 to 8 digits.
#[must_use]
pub fn code_in(body: &str) -> Option<String> {
    body.split(|c: char| !c.is_ascii_digit())
        .find(|run| (5..=8).contains(&run.len()))
        .map(str::to_owned)
}

/// Draws the tester.
pub(super) fn otp(
    ui: &mut egui::Ui,
    screen: &mut MessagingScreen,
    is_mock: bool,
    busy: &dyn Fn(Task) -> bool,
) -> Vec<Action> {
    let mut actions = Vec::new();
    let panel = &mut screen.otp;
    let before = panel.draft.clone();
    section(ui, "Send a one-time password (SMS)");
    let e = |f: &str| panel.errors.get(f).map(str::to_owned);
    let (phone_e, orig_e, brand_e, ref_e) =
        (e("phone"), e("origination"), e("brand"), e("reference"));
    let (len_e, val_e, att_e, code_e) = (e("code_length"), e("validity"), e("attempts"), e("code"));
    let d = &mut panel.draft;
    form_row(ui, "Phone", &mut d.phone, "+12065550142", phone_e.as_deref());
    form_row(
        ui,
        "Sender (origination)",
        &mut d.origination,
        "+18555550142 or a sender id",
        orig_e.as_deref(),
    );
    form_row(ui, "Brand name", &mut d.brand, "1–20 characters", brand_e.as_deref());
    form_row(ui, "Reference id", &mut d.reference, "1–48 characters", ref_e.as_deref());
    form_row(ui, "Code length", &mut d.code_length, "5–8", len_e.as_deref());
    form_row(ui, "Valid for (minutes)", &mut d.validity, "5–60", val_e.as_deref());
    form_row(ui, "Attempts allowed", &mut d.attempts, "1–5", att_e.as_deref());
    if busy_button(ui, "Send code…", busy(Task::Otp)) {
        match panel.draft.to_send() {
            Ok(_) => {
                panel.errors.clear();
                panel.confirm = true;
            }
            Err(errors) => panel.errors = errors,
        }
    }
    if let Some(row) = &panel.sent {
        let text = if row.status == "SUCCESSFUL" {
            format!("Sent to {} (message {}).", row.address, row.message_id)
        } else {
            format!("Not sent to {}: {} ({}).", row.address, row.message, row.status)
        };
        ui.label(RichText::new(text).color(if row.status == "SUCCESSFUL" {
            theme::OK
        } else {
            theme::ERROR
        }));
    }
    if is_mock {
        match (&panel.outbox_code, panel.reading_code) {
            (Some(code), _) => {
                ui.label(
                    RichText::new(format!("The outbox received the code {code}."))
                        .color(theme::MUTED),
                );
            }
            (None, true) => {
                ui.label(RichText::new("Reading the code from the outbox…").color(theme::MUTED));
            }
            _ => {}
        }
    }
    ui.add_space(theme::SECTION_GAP);
    section(ui, "Verify a code");
    form_row(ui, "Code", &mut panel.draft.code, "the digits received", code_e.as_deref());
    if busy_button(ui, "Verify", busy(Task::Otp)) {
        match panel.draft.to_verify() {
            Ok(params) => {
                panel.errors.clear();
                panel.verified = None;
                panel.error = None;
                actions.push(Action::VerifyOtp(params));
            }
            Err(errors) => panel.errors = errors,
        }
    }
    match panel.verified {
        Some(true) => {
            ui.label(
                RichText::new("Valid: the code matches and has not expired.")
                    .color(theme::OK)
                    .strong(),
            );
        }
        Some(false) => {
            error_label(ui, "Not valid: wrong, expired, already used or tried too often.");
        }
        None => {}
    }
    if let Some(error) = &panel.error {
        crate::ui::error_view::api_error(ui, error);
    }
    if panel.draft != before {
        // What was said about the previous values is no longer true.
        panel.errors.clear();
        if panel.draft.code != before.code {
            panel.verified = None;
        }
    }
    if panel.confirm {
        actions.extend(confirmation(ui, panel, is_mock));
    }
    actions
}

fn confirmation(ui: &mut egui::Ui, panel: &mut OtpPanel, is_mock: bool) -> Option<Action> {
    let mut action = None;
    let mut close = false;
    egui::Modal::new(egui::Id::unique("confirm_send_otp")).show(ui.ctx(), |ui| {
        ui.set_max_width(420.0);
        ui.heading(format!("Send a code to {}?", panel.draft.phone.trim()));
        ui.label(if is_mock {
            "The mock records the text message in its outbox; nobody is messaged."
        } else {
            "This sends a real text message to this phone, from the sender given, and may cost \
             money."
        });
        ui.label(
            RichText::new(format!(
                "“This is your One Time Password: … from {}” · {} digits · valid {} minutes · {} attempts",
                panel.draft.brand.trim(),
                panel.draft.code_length.trim(),
                panel.draft.validity.trim(),
                panel.draft.attempts.trim()
            ))
            .color(theme::MUTED),
        );
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("Send the code").clicked() {
                if let Ok(params) = panel.draft.to_send() {
                    panel.sent = None;
                    panel.error = None;
                    panel.outbox_code = None;
                    action = Some(Action::SendOtp(Box::new(params)));
                }
                close = true;
            }
            if ui.button("Cancel").clicked() {
                close = true;
            }
        });
    });
    if close {
        panel.confirm = false;
    }
    action
}

#[cfg(test)]
mod tests {
    use super::code_in;

    #[test]
    fn the_code_is_the_run_of_digits() {
        assert_eq!(
            code_in("This is your One Time Password: 0421337 from Shop").as_deref(),
            Some("0421337")
        );
        assert_eq!(code_in("no code"), None);
    }
}
