//! The Messaging section: the direct-message composer (addresses, endpoint ids or user ids;
//! a message per channel family; context and substitutions; a preview; sending in batches of
//! 100 with progress and cancel; a filterable per-recipient results table exportable to CSV),
//! the phone-number check, and the mock's outbox.

mod compose;
mod otp;
mod outbox;
mod phone;
mod results;
mod review;

use std::collections::VecDeque;

use crate::api::{ApiError, ApiResponse, ResultRow};
use crate::drafts::FieldErrors;
use crate::drafts::message::{Batch, ComposerDraft, SendReview};
use crate::pinpoint::OutboxEntry;
use crate::ui::action::Action;
use crate::ui::tasks::Task;

/// What a failed load names as unreachable (the section is not told the connection's URL;
/// the top bar shows it).
const TARGET: &str = "the service";

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
    /// The one-time password tester.
    Otp,
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
    /// A send waiting for confirmation (more than one recipient): nothing is sent before.
    pub review: Option<SendReview>,
    /// What happened last (shown on the composer, with the results).
    pub note: Option<String>,
    /// A failed send (shown on the composer).
    pub error: Option<ApiError>,
    /// A failed phone check (shown on the phone check).
    pub phone_error: Option<ApiError>,
    /// Why the outbox could not be loaded (shown on the outbox, with Retry).
    pub outbox_error: Option<ApiError>,
    /// Why the results could not be exported (shown under the Export button).
    pub export_error: Option<String>,
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
    /// The OTP tester.
    pub otp: otp::OtpPanel,
    /// The connection was a mock when the tester was last drawn (its code is then read back
    /// from the outbox).
    pub otp_on_mock: bool,
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
            ApiResponse::PhoneValidated(answer) => {
                self.phone_error = None;
                self.phone = Some(answer);
            }
            ApiResponse::Outbox(items) if self.otp.reading_code => {
                self.otp.reading_code = false;
                let phone = self.otp.draft.phone.trim();
                self.otp.outbox_code = items
                    .iter()
                    .find(|e| e.channel == "SMS" && e.address == phone)
                    .and_then(|e| otp::code_in(&e.body));
                self.outbox_error = None;
                self.outbox = Some(items);
            }
            ApiResponse::OtpSent(row) => {
                let sent = row.status == "SUCCESSFUL";
                self.otp.sent = Some(row);
                if sent && self.otp_on_mock {
                    // Read the code back from the outbox (the mock's tab shows the same).
                    self.otp.reading_code = true;
                    "SMS".clone_into(&mut self.outbox_channel);
                    self.outbox_recipient = self.otp.draft.phone.trim().to_owned();
                    self.outbox_campaign.clear();
                    return vec![Action::LoadOutbox];
                }
            }
            ApiResponse::OtpVerified(valid) => self.otp.verified = Some(valid),
            ApiResponse::Outbox(items) => {
                self.outbox_error = None;
                self.outbox = Some(items);
            }
            ApiResponse::FileWritten(path) => {
                self.export_error = None;
                self.note = Some(format!("Wrote {}", path.display()));
            }
            _ => {}
        }
        Vec::new()
    }

    /// A failed call of this section, shown on the tab that asked: a CSV export under its
    /// button, a send on the composer, a phone check on its tab, the outbox on its own.
    pub fn fail(&mut self, task: Task, error: ApiError) {
        match task {
            Task::WriteFile => {
                self.export_error =
                    Some(format!("Could not write the CSV file: {}", error.message));
            }
            Task::ValidatePhone => self.phone_error = Some(error),
            Task::Outbox => {
                self.otp.reading_code = false;
                self.outbox_error = Some(error);
            }
            Task::Otp => self.otp.error = Some(error),
            _ => {
                // The send stops here: what was not sent is dropped, and the composer is free
                // for another try (it was stuck as "sending" after a failed batch).
                self.queue.clear();
                self.total = self.done;
                self.error = Some(error);
            }
        }
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
    library: &crate::ui::template_picker::TemplateLibrary,
) -> Vec<Action> {
    let mut actions = Vec::new();
    ui.horizontal(|ui| {
        for (tab, label) in [
            (Tab::Compose, "Compose"),
            (Tab::Phone, "Phone check"),
            (Tab::Otp, "One-time password"),
            (Tab::Outbox, "Outbox"),
        ] {
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
    if screen.review.as_ref().is_some_and(|r| r.draft != screen.draft) {
        // The composer changed (recipients picked elsewhere): the review no longer says what
        // would be sent.
        screen.review = None;
    }
    match screen.tab {
        Tab::Compose if screen.review.is_some() => actions.extend(review::review(ui, screen)),
        Tab::Compose => actions.extend(compose::compose(ui, screen, busy, library)),
        Tab::Phone => actions.extend(phone::phone(ui, screen, busy)),
        Tab::Outbox => actions.extend(outbox::outbox(ui, screen, busy)),
        Tab::Otp => actions.extend(otp::otp(ui, screen, is_mock, busy)),
    }
    screen.otp_on_mock = is_mock;
    actions
}

pub use results::csv_text;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::ErrorKind;

    #[test]
    fn a_failed_export_shows_under_its_button_and_clears_once_written() {
        let mut screen = MessagingScreen::default();
        let refused = ApiError::local(ErrorKind::File, "Cannot write /nope/x.csv: denied");
        screen.fail(Task::WriteFile, refused);
        assert!(screen.error.is_none(), "not shown as the section's error");
        let shown = screen.export_error.clone().unwrap_or_default();
        assert!(shown.contains("Could not write the CSV file") && shown.contains("denied"));
        assert!(screen.apply(ApiResponse::FileWritten("/tmp/x.csv".into())).is_empty());
        assert!(screen.export_error.is_none());
        assert_eq!(screen.note.as_deref(), Some("Wrote /tmp/x.csv"));
    }

    #[test]
    fn each_failure_stays_on_the_tab_that_asked() {
        let mut screen = MessagingScreen::default();
        screen.fail(Task::ValidatePhone, ApiError::local(ErrorKind::Timeout, "slow"));
        screen.fail(Task::Outbox, ApiError::local(ErrorKind::Unreachable, "refused"));
        assert!(screen.error.is_none(), "the composer shows neither");
        assert_eq!(screen.phone_error.as_ref().map(|e| e.message.as_str()), Some("slow"));
        assert_eq!(screen.outbox_error.as_ref().map(|e| e.message.as_str()), Some("refused"));
        assert!(screen.apply(ApiResponse::Outbox(Vec::new())).is_empty());
        assert!(screen.outbox_error.is_none(), "a loaded outbox drops its error");
        screen.fail(Task::SendBatch, ApiError::local(ErrorKind::Timeout, "send"));
        assert_eq!(screen.error.as_ref().map(|e| e.message.as_str()), Some("send"));
        assert!(screen.phone_error.as_ref().is_some_and(|e| e.message == "slow"));
    }

    #[test]
    fn a_failed_batch_ends_the_send() {
        let mut screen = MessagingScreen { total: 3, done: 1, ..MessagingScreen::default() };
        assert!(screen.sending());
        screen.fail(Task::SendBatch, ApiError::local(ErrorKind::Client, "refused"));
        assert!(!screen.sending(), "the composer can send again");
        assert!(screen.error.is_some());
    }
}
