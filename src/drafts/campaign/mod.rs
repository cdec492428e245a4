//! The campaign editor's state: every member of `WriteCampaignRequest` the console edits, as
//! typed (plain data, no egui). One file per concern: `from_sdk` reads a `CampaignResponse`
//! into a draft; `request` is the one builder of the `WriteCampaignRequest` (lenient `build`,
//! strict `to_request`, and `to_json` through `drafts::json`, the one serializer), with
//! `delivery` (templates named, custom delivery) and `limits` (limits, hook, whole numbers)
//! building their parts; `schedule`
//! and `messages` hold the checks and SDK shapes of those parts (and the schedule's sentence);
//! `event_filter` the event filter's lines (the in-app message is `drafts::inapp`'s); `launch` when a campaign sends (a new campaign's
//! default start, whether a save sends now or soon) and which channel holds its message.

mod delivery;
mod event_filter;
mod from_sdk;
mod launch;
mod limits;
mod messages;
pub mod request;
mod schedule;

#[cfg(test)]
pub(crate) mod fixtures;

pub(crate) use event_filter::{attribute_lines, event_attributes, event_metrics, metric_lines};
pub use launch::{SOON, default_start};
pub use messages::sms_count;
pub use request::CUSTOM_ENDPOINT_TYPES;

use serde::{Deserialize, Serialize};

use super::FieldErrors;
use super::inapp::InAppDraft;

/// Push actions (`Action`).
pub const ACTIONS: [&str; 3] = ["OPEN_APP", "DEEP_LINK", "URL"];
/// Schedule frequencies (`Frequency`).
pub const FREQUENCIES: [&str; 7] =
    ["ONCE", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "EVENT", "IN_APP_EVENT"];
/// SMS message types.
pub const SMS_TYPES: [&str; 2] = ["TRANSACTIONAL", "PROMOTIONAL"];
/// Hook modes.
pub const HOOK_MODES: [&str; 2] = ["FILTER", "DELIVERY"];
/// Event filter types.
pub const FILTER_TYPES: [&str; 2] = ["ENDPOINT", "SYSTEM"];

/// One push-style message (`Message`): the default message and the APNs, FCM, ADM and Baidu
/// messages.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PushDraft {
    /// Title.
    pub title: String,
    /// Body.
    pub body: String,
    /// `OPEN_APP`, `DEEP_LINK`, `URL` or empty.
    pub action: String,
    /// URL for `DEEP_LINK` / `URL`.
    pub url: String,
    /// Image URL.
    pub image_url: String,
    /// Large icon URL.
    pub image_icon_url: String,
    /// Small icon URL.
    pub image_small_icon_url: String,
    /// Media URL.
    pub media_url: String,
    /// JSON data payload.
    pub json_body: String,
    /// Raw platform payload (overrides everything else).
    pub raw_content: String,
    /// Silent (data-only) notification.
    pub silent_push: bool,
    /// Seconds the platform keeps an undelivered message.
    pub time_to_live: String,
}

/// The email message (`CampaignEmailMessage`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EmailDraft {
    /// Subject (`Title`).
    pub subject: String,
    /// HTML body.
    pub html_body: String,
    /// Text body (`Body`).
    pub text_body: String,
    /// Sender (`FromAddress`).
    pub from_address: String,
    /// Extra headers, `Name: Value` per line (`Headers`, at most 15).
    pub headers: String,
}

/// The SMS message (`CampaignSmsMessage`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SmsDraft {
    /// Body.
    pub body: String,
    /// `TRANSACTIONAL`, `PROMOTIONAL` or empty.
    pub message_type: String,
    /// Sender id.
    pub sender_id: String,
    /// Origination number.
    pub origination_number: String,
    /// DLT entity id (India).
    pub entity_id: String,
    /// DLT template id (India).
    pub template_id: String,
}

/// The message per channel (`MessageConfiguration`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MessagesDraft {
    /// `DefaultMessage`.
    pub default: PushDraft,
    /// `APNSMessage`.
    pub apns: PushDraft,
    /// `GCMMessage`.
    pub gcm: PushDraft,
    /// `ADMMessage`.
    pub adm: PushDraft,
    /// `BaiduMessage`.
    pub baidu: PushDraft,
    /// `EmailMessage`.
    pub email: EmailDraft,
    /// `SMSMessage`.
    pub sms: SmsDraft,
    /// `CustomMessage.Data`: the payload a custom channel receives.
    pub custom: String,
    /// `InAppMessage` (empty: none).
    pub in_app_message: InAppDraft,
}

/// The push channels of a message configuration: (tab label, wire member).
pub const PUSH_CHANNELS: [(&str, &str); 5] = [
    ("Default", "DefaultMessage"),
    ("APNs", "APNSMessage"),
    ("FCM/GCM", "GCMMessage"),
    ("ADM", "ADMMessage"),
    ("Baidu", "BaiduMessage"),
];

impl MessagesDraft {
    /// The push message behind a wire member of [`PUSH_CHANNELS`].
    pub fn push_mut(&mut self, member: &str) -> &mut PushDraft {
        match member {
            "APNSMessage" => &mut self.apns,
            "GCMMessage" => &mut self.gcm,
            "ADMMessage" => &mut self.adm,
            "BaiduMessage" => &mut self.baidu,
            _ => &mut self.default,
        }
    }

    /// The push message behind a wire member of [`PUSH_CHANNELS`].
    #[must_use]
    pub fn push(&self, member: &str) -> &PushDraft {
        match member {
            "APNSMessage" => &self.apns,
            "GCMMessage" => &self.gcm,
            "ADMMessage" => &self.adm,
            "BaiduMessage" => &self.baidu,
            _ => &self.default,
        }
    }

    /// True when no channel has a message.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self == &Self::default()
    }
}

/// The schedule (`Schedule`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ScheduleDraft {
    /// Start as soon as saved (`StartTime: IMMEDIATE`).
    pub immediate: bool,
    /// ISO-8601 start.
    pub start_time: String,
    /// ISO-8601 end (optional).
    pub end_time: String,
    /// One of [`FREQUENCIES`].
    pub frequency: String,
    /// Send at the start time in each recipient's own time zone.
    pub local_time: bool,
    /// The schedule's time zone (one of `rules::SCHEDULE_TIMEZONES`, or empty).
    pub timezone: String,
    /// Quiet time start `HH:MM`.
    pub quiet_start: String,
    /// Quiet time end `HH:MM`.
    pub quiet_end: String,
    /// Event filter: event types, comma separated.
    pub event_types: String,
    /// Event filter: exclude those event types instead.
    pub event_exclusive: bool,
    /// Event filter type: `ENDPOINT` or `SYSTEM`.
    pub filter_type: String,
    /// Event filter: attributes of the event, one per line: `name = a; b` (is one of),
    /// `name != a` (is not), `name ~ a` (contains).
    pub event_attributes: String,
    /// Event filter: metrics of the event, one per line: `name >= 5` (`>`, `<`, `>=`, `<=`, `=`).
    pub event_metrics: String,
}

/// The service's own default, once and immediately: what a schedule the service left out reads
/// as. The console's new-campaign form starts from `CampaignDraft::new_campaign` instead, which
/// never sends on its first save.
impl Default for ScheduleDraft {
    fn default() -> Self {
        Self {
            immediate: true,
            start_time: String::new(),
            end_time: String::new(),
            frequency: "ONCE".into(),
            local_time: false,
            timezone: String::new(),
            quiet_start: String::new(),
            quiet_end: String::new(),
            event_types: String::new(),
            event_exclusive: false,
            filter_type: "ENDPOINT".into(),
            event_attributes: String::new(),
            event_metrics: String::new(),
        }
    }
}

/// One template reference (`Template`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TemplateRef {
    /// Template name.
    pub name: String,
    /// Template version (empty: the active version).
    pub version: String,
}

/// The message templates (`TemplateConfiguration`): email, SMS, push, voice, in-app.
pub const TEMPLATE_KINDS: [&str; 5] =
    ["EmailTemplate", "SMSTemplate", "PushTemplate", "VoiceTemplate", "InAppTemplate"];

/// Custom delivery and templates, shared by the campaign and each treatment.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DeliveryDraft {
    /// One entry per [`TEMPLATE_KINDS`].
    pub templates: [TemplateRef; 5],
    /// Custom delivery: Lambda ARN or HTTPS URL.
    pub custom_uri: String,
    /// Custom delivery: endpoint types, comma separated.
    pub custom_types: String,
}

/// One additional treatment (`WriteTreatmentResource`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TreatmentDraft {
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Share of the segment, percent.
    pub size: String,
    /// Its own messages.
    pub messages: MessagesDraft,
    /// Whether it has its own schedule (otherwise the campaign's applies).
    pub own_schedule: bool,
    /// Its schedule.
    pub schedule: ScheduleDraft,
    /// Its templates and custom delivery.
    pub delivery: DeliveryDraft,
}

/// Limits (`CampaignLimits`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LimitsDraft {
    /// Messages per endpoint per 24 hours.
    pub daily: String,
    /// Messages per endpoint over the campaign.
    pub total: String,
    /// Messages per second (50–20,000).
    pub messages_per_second: String,
    /// Seconds a run may take.
    pub maximum_duration: String,
    /// Messages per endpoint per session (in-app).
    pub session: String,
}

/// The campaign hook (`CampaignHook`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct HookDraft {
    /// Lambda function name or ARN.
    pub lambda: String,
    /// `FILTER`, `DELIVERY` or empty.
    pub mode: String,
    /// Web URL.
    pub web_url: String,
}

/// The whole editor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[derive(Default)]
pub struct CampaignDraft {
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Segment id.
    pub segment_id: String,
    /// Segment version (empty: the latest).
    pub segment_version: String,
    /// Holdout percent.
    pub holdout: String,
    /// Priority (1 highest – 5).
    pub priority: String,
    /// Paused.
    pub paused: bool,
    /// The control treatment's name.
    pub treatment_name: String,
    /// The control treatment's description.
    pub treatment_description: String,
    /// The control treatment's messages.
    pub messages: MessagesDraft,
    /// The campaign's schedule.
    pub schedule: ScheduleDraft,
    /// Templates and custom delivery.
    pub delivery: DeliveryDraft,
    /// Limits.
    pub limits: LimitsDraft,
    /// Hook.
    pub hook: HookDraft,
    /// Tags as `key=value` lines.
    pub tags: String,
    /// Additional treatments.
    pub treatments: Vec<TreatmentDraft>,
}

/// How the segment splits: control, each treatment, holdout (percent; `None` where the typed
/// value is not a number).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    /// Holdout percent.
    pub holdout: Option<i32>,
    /// Each additional treatment's percent.
    pub treatments: Vec<Option<i32>>,
}

impl Split {
    /// Sum of holdout and treatments.
    #[must_use]
    pub fn allocated(&self) -> i32 {
        self.holdout.unwrap_or(0) + self.treatments.iter().flatten().sum::<i32>()
    }

    /// What the control treatment gets (can be negative when over-allocated).
    #[must_use]
    pub fn control(&self) -> i32 {
        100 - self.allocated()
    }
}

/// A trimmed number, or `None`.
fn number(s: &str) -> Option<i32> {
    s.trim().parse().ok()
}

impl CampaignDraft {
    /// The split as typed.
    #[must_use]
    pub fn split(&self) -> Split {
        Split {
            holdout: if self.holdout.trim().is_empty() { Some(0) } else { number(&self.holdout) },
            treatments: self.treatments.iter().map(|t| number(&t.size)).collect(),
        }
    }
}

/// A trimmed text, or `None` when blank: blank fields are left out of the request.
fn opt(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

/// The values of a comma-separated field.
fn list(s: &str) -> Vec<String> {
    super::split_values(s)
}

/// A value for the request, kept when `rule` holds. Otherwise the rule's message is recorded
/// under `field` and the value left out: the lenient build never carries a value the service
/// would refuse, and the strict one refuses because a message was recorded.
fn keep<T>(
    errors: &mut FieldErrors,
    field: impl Into<String>,
    value: Option<T>,
    rule: impl FnOnce(&T) -> Result<(), String>,
) -> Option<T> {
    let value = value?;
    match rule(&value) {
        Ok(()) => Some(value),
        Err(message) => {
            errors.add(field, message);
            None
        }
    }
}
