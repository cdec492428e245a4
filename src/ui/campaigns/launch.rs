//! The review before a save that sends: a save that would make the campaign send now or within
//! a few minutes (`CampaignDraft::sends_soon`) is held here, and nothing goes to the service
//! until the person confirms. The review says who (the segment's name and size: the mock's
//! estimate on a mock, else its last known size, else "unknown"), what (the control treatment's
//! message on its primary channel, and how many treatments there are), when (the schedule's
//! sentence and how soon), and offers "Launch to N endpoints" or Cancel (back to the editor,
//! everything kept).

use aws_sdk_pinpoint::types::{EndpointResponse, WriteCampaignRequest};
use chrono::{DateTime, Utc};
use egui::RichText;
use serde_json::{Value, json};

use super::{CampaignAction, CampaignsScreen, SegmentChoice, messages};
use crate::api::{ApiError, ErrorKind};
use crate::drafts::campaign::{CampaignDraft, PUSH_CHANNELS};
use crate::pinpoint::render::Fields;
use crate::ui::action::Action;
use crate::ui::kept::InFlight;
use crate::ui::tasks::Task;
use crate::ui::theme;

/// How many endpoints the launch reaches, as far as the console can tell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Audience {
    /// The mock is estimating.
    Estimating,
    /// The mock's estimate: in the segment, and of those not opted out and active.
    Estimated {
        /// Endpoints in the segment.
        matching: u64,
        /// Of those, endpoints that can be messaged.
        messageable: u64,
    },
    /// No estimate (not a mock, or it failed): why.
    Unknown(String),
}

/// What a save needs to be held for review.
#[derive(Debug)]
pub(super) struct Held {
    /// The editor's key and form when the save was asked for.
    pub sent: InFlight<CampaignDraft>,
    /// The campaign (`None`: a new one).
    pub campaign_id: Option<String>,
    /// What would be saved.
    pub draft: CampaignDraft,
    /// The request a save sends.
    pub request: WriteCampaignRequest,
    /// When it would send first.
    pub sends_at: DateTime<Utc>,
}

/// A save held for review.
#[derive(Debug, Clone)]
pub struct Review {
    /// The editor's key and form when the save was asked for.
    pub sent: InFlight<CampaignDraft>,
    /// The campaign (`None`: a new one).
    pub campaign_id: Option<String>,
    /// What would be saved.
    pub draft: CampaignDraft,
    request: Box<WriteCampaignRequest>,
    /// The segment's name (its id when it is not in the list).
    pub segment: String,
    /// The segment's size as last known (an import's count, an earlier estimate).
    pub known_size: Option<u64>,
    /// Who the launch reaches.
    pub audience: Audience,
    /// When it would send first.
    pub sends_at: DateTime<Utc>,
    /// When the review was opened.
    pub asked_at: DateTime<Utc>,
    /// The endpoint the editor's preview fills placeholders from, if one was read.
    preview: Option<Box<EndpointResponse>>,
}

/// The definition the mock estimates for a campaign's audience: the segment itself, at the
/// version the campaign uses.
pub(crate) fn audience_definition(segment_id: &str, version: &str) -> Value {
    let mut reference = json!({ "Id": segment_id });
    if let Ok(v) = version.trim().parse::<i64>() {
        reference["Version"] = json!(v);
    }
    json!({ "SegmentGroups": { "Include": "ALL", "Groups": [
        { "Type": "ALL", "SourceType": "ALL", "SourceSegments": [reference] }
    ] } })
}

impl Review {
    /// Holds `held` for review, and asks for its audience.
    pub(super) fn begin(
        held: Held,
        segments: &[SegmentChoice],
        preview: Option<Box<EndpointResponse>>,
        now: DateTime<Utc>,
    ) -> (Self, Action) {
        let Held { sent, campaign_id, draft, request, sends_at } = held;
        let choice = segments.iter().find(|s| s.id == draft.segment_id);
        let estimate = audience_definition(&draft.segment_id, &draft.segment_version);
        let review = Self {
            sent,
            campaign_id,
            segment: choice.map_or_else(|| draft.segment_id.clone(), |s| s.name.clone()),
            known_size: choice.and_then(|s| s.size),
            audience: Audience::Estimating,
            draft,
            request: Box::new(request),
            sends_at,
            asked_at: now,
            preview,
        };
        (review, Action::Campaigns(CampaignAction::Audience(estimate)))
    }

    /// The mock's estimate arrived.
    pub fn estimated(&mut self, answer: &Value) {
        let n = |k: &str| answer.get(k).and_then(Value::as_u64).unwrap_or(0);
        self.audience =
            Audience::Estimated { matching: n("Matching"), messageable: n("Messageable") };
    }

    /// There is no estimate: `error` says why.
    pub fn not_estimated(&mut self, error: &ApiError) {
        self.audience = Audience::Unknown(if error.kind == ErrorKind::NotAMock {
            "Pinpoint reports a segment's size only after an export".to_owned()
        } else {
            format!("the estimate failed: {}", error.plain())
        });
    }

    /// The number of endpoints the launch can reach, when known: those of the segment that can
    /// be messaged (opted-out and inactive ones never are).
    #[must_use]
    pub fn size(&self) -> Option<u64> {
        match &self.audience {
            Audience::Estimated { messageable, .. } => Some(*messageable),
            Audience::Estimating | Audience::Unknown(_) => self.known_size,
        }
    }

    /// True when the campaign holds some of its audience out.
    fn holdout(&self) -> bool {
        self.draft.holdout.trim().parse::<f64>().is_ok_and(|h| h > 0.0)
    }

    /// The confirm button's words.
    #[must_use]
    pub fn confirm_label(&self) -> String {
        match self.size() {
            // The holdout keeps some of them out, so the count is an upper bound then.
            Some(1) if self.holdout() => "Launch to up to 1 endpoint".to_owned(),
            Some(n) if self.holdout() => format!("Launch to up to {n} endpoints"),
            Some(1) => "Launch to 1 endpoint".to_owned(),
            Some(n) => format!("Launch to {n} endpoints"),
            None => "Launch to an audience of unknown size".to_owned(),
        }
    }

    /// Who: the segment and its size.
    fn who(&self) -> String {
        let version = match self.draft.segment_version.trim() {
            "" => "latest version".to_owned(),
            v => format!("version {v}"),
        };
        let size = match (&self.audience, self.known_size) {
            (Audience::Estimating, _) => "estimating its size…".to_owned(),
            (Audience::Estimated { matching, messageable }, _) => format!(
                "{matching} endpoints (the mock's estimate; {messageable} of them can be messaged)"
            ),
            (Audience::Unknown(_), Some(n)) => format!("{n} endpoints (its last known size)"),
            (Audience::Unknown(why), None) => format!("size unknown ({why})"),
        };
        format!("Segment “{}” ({version}): {size}", self.segment)
    }

    /// When: the schedule's sentence and how soon.
    fn when(&self) -> String {
        let minutes = (self.sends_at - self.asked_at).num_minutes();
        if self.draft.schedule.waits_for_events() {
            let live = if minutes < 1 {
                "It goes live as soon as it is saved".to_owned()
            } else {
                format!("It goes live in {minutes} minute(s)")
            };
            let then = if self.draft.schedule.frequency == "IN_APP_EVENT" {
                "the app shows the message when a matching event happens in it"
            } else {
                "each matching event sends the message"
            };
            return format!("{} {live}: from then on, {then}.", self.draft.schedule.sentence());
        }
        let soon = if minutes < 1 {
            "It starts sending as soon as it is saved.".to_owned()
        } else {
            format!(
                "It starts sending in {minutes} minute(s), at {} UTC.",
                self.sends_at.format("%H:%M")
            )
        };
        format!("{} {soon}", self.draft.schedule.sentence())
    }
}

/// The tab label of a channel's wire member.
fn channel_label(member: &str) -> &str {
    match member {
        "EmailMessage" => "Email",
        "SMSMessage" => "SMS",
        "CustomMessage" => "Custom",
        "InAppMessage" => "In-app",
        push => PUSH_CHANNELS.iter().find(|(_, m)| *m == push).map_or(push, |(label, _)| label),
    }
}

/// What: the control treatment's message on its primary channel, and the treatments.
fn what(ui: &mut egui::Ui, review: &Review) {
    let d = &review.draft;
    let control = if d.treatment_name.is_empty() { "Control" } else { &d.treatment_name };
    match d.messages.primary_channel() {
        Some(member) => {
            let others: Vec<&str> = d
                .messages
                .filled_channels()
                .into_iter()
                .filter(|m| *m != member)
                .map(channel_label)
                .collect();
            let also = if others.is_empty() {
                String::new()
            } else {
                format!(" (also: {})", others.join(", "))
            };
            ui.label(format!("The {control} treatment's {} message{also}:", channel_label(member)));
            let sample = messages::sample_endpoint();
            let endpoint: &dyn Fields = match &review.preview {
                Some(loaded) => loaded.as_ref(),
                None => &sample,
            };
            egui::Frame::group(ui.style()).corner_radius(12.0).inner_margin(10.0).show(ui, |ui| {
                ui.set_width(ui.available_width().min(340.0));
                messages::card(ui, member, &d.messages, endpoint);
            });
        }
        None => {
            ui.label(format!("The {control} treatment has no message of its own."));
        }
    }
    let treatments = 1 + d.treatments.len();
    let holdout = d.split().holdout.unwrap_or(0);
    let mut line = if treatments == 1 {
        "1 treatment".to_owned()
    } else {
        format!("{treatments} treatments (the control and {} more)", treatments - 1)
    };
    if holdout > 0 {
        line = format!("{line}; {holdout}% of the segment is held out and gets nothing");
    }
    ui.label(RichText::new(format!("{line}.")).color(theme::MUTED));
}

/// The review, while a save is held: Launch sends it, Cancel goes back to the editor.
pub fn show(
    ui: &mut egui::Ui,
    screen: &mut CampaignsScreen,
    busy: &dyn Fn(Task) -> bool,
) -> Option<Action> {
    let review = screen.review.as_ref()?;
    let mut launch = false;
    let mut cancel = false;
    let modal = egui::Modal::new(egui::Id::unique("campaign_launch_review"));
    let shown = modal.show(ui.ctx(), |ui| {
        ui.set_max_width(520.0);
        let name = if review.draft.name.is_empty() { "(unnamed)" } else { &review.draft.name };
        ui.heading(format!("Send “{name}” now?"));
        ui.label(
            RichText::new(
                "This save makes the campaign send within minutes. Nothing has been sent yet.",
            )
            .color(theme::WARN),
        );
        ui.add_space(6.0);
        ui.label(RichText::new("Who").strong());
        ui.label(review.who());
        if review.audience == Audience::Estimating {
            ui.spinner();
        }
        ui.add_space(6.0);
        ui.label(RichText::new("What").strong());
        what(ui, review);
        ui.add_space(6.0);
        ui.label(RichText::new("When").strong());
        ui.label(review.when());
        ui.add_space(10.0);
        ui.horizontal(|ui| {
            let ready = review.audience != Audience::Estimating && !busy(Task::CampaignSave);
            let confirm = egui::Button::new(
                RichText::new(review.confirm_label()).color(egui::Color32::WHITE),
            )
            .fill(theme::ERROR);
            if ui.add_enabled(ready, confirm).clicked() {
                launch = true;
            }
            if ui.button("Cancel").clicked() {
                cancel = true;
            }
        });
    });
    // Escape or a click beside the review cancels it, like its button.
    if cancel || shown.should_close() {
        screen.review = None;
        return None;
    }
    if !launch {
        return None;
    }
    let review = screen.review.take()?;
    if let Some(editor) = &mut screen.editor {
        editor.save_error = None;
    }
    screen.saving = Some(review.sent);
    Some(Action::Campaigns(CampaignAction::Save(review.campaign_id, review.request)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn held(draft: CampaignDraft) -> Held {
        let now = Utc::now();
        Held {
            sent: InFlight { key: "new-1".into(), sent_from: draft.clone() },
            campaign_id: None,
            request: draft.build().0,
            draft,
            sends_at: now,
        }
    }

    #[test]
    fn the_review_estimates_the_segment_at_its_version_and_says_its_size() {
        let draft = CampaignDraft {
            name: "Spring".into(),
            segment_id: "s1".into(),
            segment_version: "2".into(),
            ..CampaignDraft::default()
        };
        let segments = [SegmentChoice {
            id: "s1".into(),
            name: "iOS users".into(),
            version: 3,
            size: Some(40),
        }];
        let (mut review, action) = Review::begin(held(draft), &segments, None, Utc::now());
        let Action::Campaigns(CampaignAction::Audience(definition)) = action else {
            panic!("{action:?}")
        };
        let reference = &definition["SegmentGroups"]["Groups"][0]["SourceSegments"][0];
        assert_eq!(reference, &json!({"Id": "s1", "Version": 2}));
        assert_eq!(review.segment, "iOS users");
        assert_eq!(
            review.confirm_label(),
            "Launch to 40 endpoints",
            "the last known size meanwhile"
        );
        review.estimated(&json!({"Matching": 42, "Messageable": 40, "Total": 120}));
        assert_eq!(review.confirm_label(), "Launch to 40 endpoints", "only the messageable");
        review.draft.holdout = "10".into();
        assert_eq!(review.confirm_label(), "Launch to up to 40 endpoints");
        review.draft.holdout = String::new();
        assert!(review.who().contains("42 endpoints (the mock's estimate"), "{}", review.who());
        review.known_size = None;
        review.not_estimated(&ApiError::local(ErrorKind::NotAMock, "not a mock"));
        assert_eq!(review.confirm_label(), "Launch to an audience of unknown size");
        assert!(review.who().contains("size unknown"), "{}", review.who());
    }
}
