//! The campaign editor's state: every member of `WriteCampaignRequest` the console edits, as
//! typed, with one conversion from `CampaignResponse`, one to `WriteCampaignRequest` (the SDK
//! type the worker sends) and one to the request's JSON (copy as JSON, the CLI command, the
//! version diff). Validation is field by field; keys are the form's field names.

use aws_sdk_pinpoint::types::{
    Action, AttributeDimension, AttributeType, CampaignCustomMessage, CampaignEmailMessage,
    CampaignEventFilter, CampaignHook, CampaignLimits, CampaignResponse, CampaignSmsMessage,
    CustomDeliveryConfiguration, DimensionType, EndpointTypesElement, EventDimensions, FilterType,
    Frequency, Message, MessageConfiguration, MessageType, MetricDimension, Mode, QuietTime,
    Schedule, SetDimension, Template, TemplateConfiguration, WriteCampaignRequest,
    WriteTreatmentResource,
};
use std::fmt::Write as _;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use super::{FieldErrors, parse_optional_int};
use crate::pinpoint::rules;

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
    /// The service holds an `InAppMessage`, which the console does not edit (saving is refused
    /// rather than dropping it).
    pub in_app: bool,
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

// ---------------------------------------------------------------------------------------------
// From the service.

fn text(v: Option<&str>) -> String {
    v.unwrap_or_default().to_owned()
}

fn int(v: Option<i32>) -> String {
    v.map(|n| n.to_string()).unwrap_or_default()
}

impl From<&Message> for PushDraft {
    fn from(m: &Message) -> Self {
        Self {
            title: text(m.title()),
            body: text(m.body()),
            action: m.action().map(|a| a.as_str().to_owned()).unwrap_or_default(),
            url: text(m.url()),
            image_url: text(m.image_url()),
            image_icon_url: text(m.image_icon_url()),
            image_small_icon_url: text(m.image_small_icon_url()),
            media_url: text(m.media_url()),
            json_body: text(m.json_body()),
            raw_content: text(m.raw_content()),
            silent_push: m.silent_push().unwrap_or(false),
            time_to_live: int(m.time_to_live()),
        }
    }
}

impl From<&MessageConfiguration> for MessagesDraft {
    fn from(c: &MessageConfiguration) -> Self {
        let push = |m: Option<&Message>| m.map(PushDraft::from).unwrap_or_default();
        Self {
            default: push(c.default_message()),
            apns: push(c.apns_message()),
            gcm: push(c.gcm_message()),
            adm: push(c.adm_message()),
            baidu: push(c.baidu_message()),
            email: c
                .email_message()
                .map(|e| EmailDraft {
                    subject: text(e.title()),
                    html_body: text(e.html_body()),
                    text_body: text(e.body()),
                    from_address: text(e.from_address()),
                    headers: e
                        .headers()
                        .iter()
                        .map(|h| format!("{}: {}", text(h.name()), text(h.value())))
                        .collect::<Vec<_>>()
                        .join("\n"),
                })
                .unwrap_or_default(),
            sms: c
                .sms_message()
                .map(|s| SmsDraft {
                    body: text(s.body()),
                    message_type: s
                        .message_type()
                        .map(|t| t.as_str().to_owned())
                        .unwrap_or_default(),
                    sender_id: text(s.sender_id()),
                    origination_number: text(s.origination_number()),
                    entity_id: text(s.entity_id()),
                    template_id: text(s.template_id()),
                })
                .unwrap_or_default(),
            custom: text(c.custom_message().and_then(CampaignCustomMessage::data)),
            in_app: c.in_app_message().is_some(),
        }
    }
}

impl From<&Schedule> for ScheduleDraft {
    fn from(s: &Schedule) -> Self {
        let start = s.start_time().unwrap_or_default();
        let filter = s.event_filter();
        let dimensions = filter.and_then(CampaignEventFilter::dimensions);
        let event_types = dimensions.and_then(EventDimensions::event_type);
        Self {
            immediate: start == "IMMEDIATE",
            start_time: if start == "IMMEDIATE" { String::new() } else { start.to_owned() },
            end_time: text(s.end_time()),
            frequency: s.frequency().map_or("ONCE", Frequency::as_str).to_owned(),
            local_time: s.is_local_time().unwrap_or(false),
            timezone: text(s.timezone()),
            quiet_start: text(s.quiet_time().and_then(QuietTime::start)),
            quiet_end: text(s.quiet_time().and_then(QuietTime::end)),
            event_types: event_types.map(|d| super::join_values(d.values())).unwrap_or_default(),
            event_exclusive: event_types
                .and_then(SetDimension::dimension_type)
                .is_some_and(|t| *t == DimensionType::Exclusive),
            filter_type: filter
                .and_then(CampaignEventFilter::filter_type)
                .map_or("ENDPOINT", FilterType::as_str)
                .to_owned(),
            event_attributes: dimensions
                .and_then(EventDimensions::attributes)
                .map(attribute_lines)
                .unwrap_or_default(),
            event_metrics: dimensions
                .and_then(EventDimensions::metrics)
                .map(metric_lines)
                .unwrap_or_default(),
        }
    }
}

fn delivery_from(
    templates: Option<&TemplateConfiguration>,
    custom: Option<&CustomDeliveryConfiguration>,
) -> DeliveryDraft {
    let pick = |t: Option<&Template>| TemplateRef {
        name: text(t.and_then(Template::name)),
        version: text(t.and_then(Template::version)),
    };
    let t = templates;
    DeliveryDraft {
        templates: [
            pick(t.and_then(TemplateConfiguration::email_template)),
            pick(t.and_then(TemplateConfiguration::sms_template)),
            pick(t.and_then(TemplateConfiguration::push_template)),
            pick(t.and_then(TemplateConfiguration::voice_template)),
            pick(t.and_then(TemplateConfiguration::in_app_template)),
        ],
        custom_uri: text(custom.and_then(CustomDeliveryConfiguration::delivery_uri)),
        custom_types: custom
            .map(|c| {
                c.endpoint_types()
                    .iter()
                    .map(EndpointTypesElement::as_str)
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default(),
    }
}

impl From<&CampaignResponse> for CampaignDraft {
    fn from(c: &CampaignResponse) -> Self {
        let limits = c.limits();
        let hook = c.hook();
        let mut tags: Vec<String> = c
            .tags()
            .map(|t| t.iter().map(|(k, v)| format!("{k}={v}")).collect())
            .unwrap_or_default();
        tags.sort();
        Self {
            name: text(c.name()),
            description: text(c.description()),
            segment_id: text(c.segment_id()),
            segment_version: int(c.segment_version()),
            holdout: int(c.holdout_percent().filter(|h| *h != 0)),
            priority: int(c.priority()),
            paused: c.is_paused().unwrap_or(false),
            treatment_name: text(c.treatment_name()),
            treatment_description: text(c.treatment_description()),
            messages: c.message_configuration().map(MessagesDraft::from).unwrap_or_default(),
            schedule: c.schedule().map(ScheduleDraft::from).unwrap_or_default(),
            delivery: delivery_from(c.template_configuration(), c.custom_delivery_configuration()),
            limits: LimitsDraft {
                daily: int(limits.and_then(CampaignLimits::daily)),
                total: int(limits.and_then(CampaignLimits::total)),
                messages_per_second: int(limits.and_then(CampaignLimits::messages_per_second)),
                maximum_duration: int(limits.and_then(CampaignLimits::maximum_duration)),
                session: int(limits.and_then(CampaignLimits::session)),
            },
            hook: HookDraft {
                lambda: text(hook.and_then(CampaignHook::lambda_function_name)),
                mode: hook
                    .and_then(CampaignHook::mode)
                    .map(|m| m.as_str().to_owned())
                    .unwrap_or_default(),
                web_url: text(hook.and_then(CampaignHook::web_url)),
            },
            tags: tags.join("\n"),
            treatments: c
                .additional_treatments()
                .iter()
                .map(|t| TreatmentDraft {
                    name: text(t.treatment_name()),
                    description: text(t.treatment_description()),
                    size: int(t.size_percent()),
                    messages: t
                        .message_configuration()
                        .map(MessagesDraft::from)
                        .unwrap_or_default(),
                    own_schedule: t.schedule().is_some(),
                    schedule: t.schedule().map(ScheduleDraft::from).unwrap_or_default(),
                    delivery: delivery_from(
                        t.template_configuration(),
                        t.custom_delivery_configuration(),
                    ),
                })
                .collect(),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Sizes and the schedule sentence.

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

fn time_of(iso: &str) -> Option<String> {
    let at = chrono::DateTime::parse_from_rfc3339(iso).ok()?;
    Some(at.format("%H:%M").to_string())
}

fn date_of(iso: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(iso)
        .map_or_else(|_| iso.to_owned(), |at| at.format("%Y-%m-%d %H:%M").to_string())
}

impl ScheduleDraft {
    /// What the schedule means, in one sentence.
    #[must_use]
    pub fn sentence(&self) -> String {
        let start = self.start_time.trim();
        let at = time_of(start);
        let weekday =
            chrono::DateTime::parse_from_rfc3339(start).ok().map(|d| d.format("%A").to_string());
        let day_of_month =
            chrono::DateTime::parse_from_rfc3339(start).ok().map(|d| d.format("%-d").to_string());
        let when = at.clone().unwrap_or_else(|| "the start time".into());
        let zone = if self.local_time {
            " in each recipient's local time".to_owned()
        } else if !self.timezone.is_empty() {
            format!(" ({})", self.timezone)
        } else {
            String::new()
        };
        let mut s = match (self.frequency.as_str(), self.immediate) {
            ("ONCE", true) => "Once, immediately after saving".to_owned(),
            ("ONCE", false) => format!("Once, at {}{zone}", date_of(start)),
            ("HOURLY", _) => format!("Every hour{zone}"),
            ("DAILY", _) => format!("Every day at {when}{zone}"),
            ("WEEKLY", _) => format!(
                "Every {} at {when}{zone}",
                weekday.unwrap_or_else(|| "week on the start day".into())
            ),
            ("MONTHLY", _) => format!(
                "Every month on day {} at {when}{zone}",
                day_of_month.unwrap_or_else(|| "of the start".into())
            ),
            ("EVENT" | "IN_APP_EVENT", _) => {
                let types = if self.event_types.trim().is_empty() {
                    "an event (name its types below)".to_owned()
                } else if self.event_exclusive {
                    format!("any event except {}", self.event_types.trim())
                } else {
                    format!("event {}", self.event_types.trim())
                };
                format!("Whenever an endpoint reports {types}")
            }
            (other, _) => format!("{other} from the start time"),
        };
        if !self.immediate && !start.is_empty() && self.frequency != "ONCE" {
            let _ = write!(s, ", from {}", date_of(start));
        }
        if !self.end_time.trim().is_empty() {
            let _ = write!(s, " to {}", date_of(self.end_time.trim()));
        }
        if !self.quiet_start.trim().is_empty() && !self.quiet_end.trim().is_empty() {
            let _ = write!(s, ", silent {}-{}", self.quiet_start.trim(), self.quiet_end.trim());
        }
        s.push('.');
        s
    }
}

/// `(characters, segments, encoding)` of an SMS body: GSM-7 (160 per message, 153 per part;
/// extension characters count twice) or UCS-2 (70, 67 per part).
#[must_use]
pub fn sms_count(body: &str) -> (usize, usize, &'static str) {
    const GSM: &str = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    const GSM_EXT: &str = "^{}\\[~]|€\u{c}";
    let mut units = 0usize;
    let mut gsm = true;
    for c in body.chars() {
        if GSM.contains(c) {
            units += 1;
        } else if GSM_EXT.contains(c) {
            units += 2;
        } else {
            gsm = false;
            break;
        }
    }
    if gsm {
        let parts = if units == 0 {
            0
        } else if units <= 160 {
            1
        } else {
            units.div_ceil(153)
        };
        (units, parts, "GSM-7")
    } else {
        let units: usize = body.chars().map(char::len_utf16).sum();
        let parts = if units <= 70 { 1 } else { units.div_ceil(67) };
        (units, parts, "UCS-2")
    }
}

// ---------------------------------------------------------------------------------------------
// Validation and the SDK request.

fn opt(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

fn list(s: &str) -> Vec<String> {
    super::split_values(s)
}

fn push_message(p: &PushDraft, key: &str, errors: &mut FieldErrors) -> Option<Message> {
    if p == &PushDraft::default() {
        return None;
    }
    if !p.action.is_empty() && !ACTIONS.contains(&p.action.as_str()) {
        errors.add(format!("{key}.action"), format!("'{}' is not an action", p.action));
    }
    if matches!(p.action.as_str(), "URL" | "DEEP_LINK") && p.url.trim().is_empty() {
        errors.add(format!("{key}.url"), "The action opens a URL: give it");
    }
    for (name, value) in [("json_body", &p.json_body), ("raw_content", &p.raw_content)] {
        if !value.trim().is_empty() && serde_json::from_str::<Value>(value).is_err() {
            errors.add(format!("{key}.{name}"), "Not valid JSON");
        }
    }
    let ttl = parse_optional_int(errors, format!("{key}.ttl"), &p.time_to_live);
    Some(
        Message::builder()
            .set_title(opt(&p.title))
            .set_body(opt(&p.body))
            .set_action(opt(&p.action).map(|a| Action::from(a.as_str())))
            .set_url(opt(&p.url))
            .set_image_url(opt(&p.image_url))
            .set_image_icon_url(opt(&p.image_icon_url))
            .set_image_small_icon_url(opt(&p.image_small_icon_url))
            .set_media_url(opt(&p.media_url))
            .set_json_body(opt(&p.json_body))
            .set_raw_content(opt(&p.raw_content))
            .set_silent_push(p.silent_push.then_some(true))
            .set_time_to_live(ttl)
            .build(),
    )
}

fn message_configuration(
    m: &MessagesDraft,
    prefix: &str,
    errors: &mut FieldErrors,
) -> Option<MessageConfiguration> {
    if m.is_empty() {
        return None;
    }
    let key = |member: &str| format!("{prefix}{member}");
    let email = (m.email != EmailDraft::default()).then(|| {
        let from = m.email.from_address.trim();
        if !from.is_empty() && !rules::looks_like_email(from) {
            errors.add(key("EmailMessage.from"), format!("'{from}' is not an email address"));
        }
        CampaignEmailMessage::builder()
            .set_title(opt(&m.email.subject))
            .set_html_body(opt(&m.email.html_body))
            .set_body(opt(&m.email.text_body))
            .set_from_address(opt(from))
            .set_headers(headers(&m.email.headers, &key("EmailMessage.headers"), errors))
            .build()
    });
    let sms = (m.sms != SmsDraft::default()).then(|| {
        if !m.sms.message_type.is_empty() && !SMS_TYPES.contains(&m.sms.message_type.as_str()) {
            errors.add(key("SMSMessage.type"), "Choose TRANSACTIONAL or PROMOTIONAL");
        }
        let origin = m.sms.origination_number.trim();
        if !origin.is_empty() && !rules::looks_like_e164(origin) {
            errors.add(key("SMSMessage.origin"), "Use E.164 form, e.g. +12065550100");
        }
        CampaignSmsMessage::builder()
            .set_body(opt(&m.sms.body))
            .set_message_type(opt(&m.sms.message_type).map(|t| MessageType::from(t.as_str())))
            .set_sender_id(opt(&m.sms.sender_id))
            .set_origination_number(opt(origin))
            .set_entity_id(opt(&m.sms.entity_id))
            .set_template_id(opt(&m.sms.template_id))
            .build()
    });
    Some(
        MessageConfiguration::builder()
            .set_default_message(push_message(&m.default, &key("DefaultMessage"), errors))
            .set_apns_message(push_message(&m.apns, &key("APNSMessage"), errors))
            .set_gcm_message(push_message(&m.gcm, &key("GCMMessage"), errors))
            .set_adm_message(push_message(&m.adm, &key("ADMMessage"), errors))
            .set_baidu_message(push_message(&m.baidu, &key("BaiduMessage"), errors))
            .set_email_message(email)
            .set_sms_message(sms)
            .set_custom_message(opt(&m.custom).map(|data| {
                if serde_json::from_str::<Value>(&data).is_err() {
                    errors.add(key("CustomMessage.data"), "The payload must be JSON");
                }
                CampaignCustomMessage::builder().data(data).build()
            }))
            .build(),
    )
}

/// Operators of the event filter's attribute lines: (written, `AttributeType`).
const ATTRIBUTE_OPS: [(&str, &str); 3] =
    [("!=", "EXCLUSIVE"), ("~", "CONTAINS"), ("=", "INCLUSIVE")];
/// Operators of the event filter's metric lines: (written, `ComparisonOperator`).
const METRIC_OPS: [(&str, &str); 5] = [
    (">=", "GREATER_THAN_OR_EQUAL"),
    ("<=", "LESS_THAN_OR_EQUAL"),
    (">", "GREATER_THAN"),
    ("<", "LESS_THAN"),
    ("=", "EQUAL"),
];

/// Splits `line` at the first operator of `ops` found (in their order): (name, wire op, rest).
fn split_op<'a>(
    line: &'a str,
    ops: &[(&str, &'static str)],
) -> Option<(&'a str, &'static str, &'a str)> {
    // The operator written first in the line (the longer one where two start together), so
    // `url = https://x/~bob` is an equality, not a "contains".
    let (at, written, wire) = ops
        .iter()
        .filter_map(|(written, wire)| line.find(written).map(|at| (at, *written, *wire)))
        .min_by_key(|(at, written, _)| (*at, std::cmp::Reverse(written.len())))?;
    let name = line[..at].trim();
    (!name.is_empty()).then_some((name, wire, line[at + written.len()..].trim()))
}

fn non_empty_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty())
}

fn event_attributes(
    text: &str,
    key: &str,
    errors: &mut FieldErrors,
) -> std::collections::HashMap<String, AttributeDimension> {
    let mut out = std::collections::HashMap::new();
    for line in non_empty_lines(text) {
        let Some((name, op, values)) = split_op(line, &ATTRIBUTE_OPS) else {
            errors.add(key, format!("'{line}' is not name = a; b (or !=, ~)"));
            continue;
        };
        let values: Vec<String> =
            values.split(';').map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned).collect();
        if values.is_empty() {
            errors.add(key, format!("'{line}' has no value"));
        }
        out.insert(
            name.to_owned(),
            AttributeDimension::builder()
                .attribute_type(AttributeType::from(op))
                .set_values(Some(values))
                .build(),
        );
    }
    out
}

fn event_metrics(
    text: &str,
    key: &str,
    errors: &mut FieldErrors,
) -> std::collections::HashMap<String, MetricDimension> {
    let mut out = std::collections::HashMap::new();
    for line in non_empty_lines(text) {
        match split_op(line, &METRIC_OPS).map(|(n, op, v)| (n, op, v.parse::<f64>())) {
            Some((name, op, Ok(value))) => {
                out.insert(
                    name.to_owned(),
                    MetricDimension::builder().comparison_operator(op).value(value).build(),
                );
            }
            _ => errors.add(key, format!("'{line}' is not name >= number (or >, <, <=, =)")),
        }
    }
    out
}

fn headers(
    text: &str,
    key: &str,
    errors: &mut FieldErrors,
) -> Option<Vec<aws_sdk_pinpoint::types::MessageHeader>> {
    let mut out = Vec::new();
    for line in non_empty_lines(text) {
        match line.split_once(':') {
            Some((name, value)) if !name.trim().is_empty() => out.push(
                aws_sdk_pinpoint::types::MessageHeader::builder()
                    .name(name.trim())
                    .value(value.trim())
                    .build(),
            ),
            _ => errors.add(key, format!("'{line}' is not Name: Value")),
        }
    }
    if out.len() > 15 {
        errors.add(key, format!("{} headers; an email takes at most 15", out.len()));
    }
    (!out.is_empty()).then_some(out)
}

fn attribute_lines(map: &std::collections::HashMap<String, AttributeDimension>) -> String {
    let mut lines: Vec<String> = map
        .iter()
        .map(|(name, d)| {
            let wire = d.attribute_type().map_or("INCLUSIVE", AttributeType::as_str);
            let op = ATTRIBUTE_OPS.iter().find(|(_, w)| *w == wire).map_or("=", |(o, _)| o);
            format!("{name} {op} {}", d.values().join("; "))
        })
        .collect();
    lines.sort();
    lines.join("\n")
}

fn metric_lines(map: &std::collections::HashMap<String, MetricDimension>) -> String {
    let mut lines: Vec<String> = map
        .iter()
        .map(|(name, d)| {
            let wire = d.comparison_operator().unwrap_or("EQUAL");
            let op = METRIC_OPS.iter().find(|(_, w)| *w == wire).map_or("=", |(o, _)| o);
            format!("{name} {op} {}", d.value().unwrap_or(0.0))
        })
        .collect();
    lines.sort();
    lines.join("\n")
}

/// JSON of the attribute and metric lines (as far as they parse).
fn event_filter_json(s: &ScheduleDraft) -> (Value, Value) {
    let mut ignore = FieldErrors::default();
    let attributes: Map<String, Value> = event_attributes(&s.event_attributes, "", &mut ignore)
        .into_iter()
        .map(|(k, d)| {
            let t = d.attribute_type().map_or("INCLUSIVE", AttributeType::as_str).to_owned();
            (k, json!({"AttributeType": t, "Values": d.values()}))
        })
        .collect();
    let metrics: Map<String, Value> = event_metrics(&s.event_metrics, "", &mut ignore)
        .into_iter()
        .map(|(k, d)| {
            let op = d.comparison_operator().unwrap_or("EQUAL").to_owned();
            (k, json!({"ComparisonOperator": op, "Value": d.value().unwrap_or(0.0)}))
        })
        .collect();
    (Value::Object(attributes), Value::Object(metrics))
}

fn schedule(s: &ScheduleDraft, prefix: &str, errors: &mut FieldErrors) -> Schedule {
    let key = |member: &str| format!("{prefix}{member}");
    let event = matches!(s.frequency.as_str(), "EVENT" | "IN_APP_EVENT");
    if !FREQUENCIES.contains(&s.frequency.as_str()) {
        errors.add(key("frequency"), format!("'{}' is not a frequency", s.frequency));
    }
    let start = if s.immediate {
        if event {
            errors.add(key("start"), "An event-triggered campaign needs a start time");
        } else if s.frequency != "ONCE" {
            errors.add(key("start"), "A recurring campaign needs a start time");
        }
        None
    } else {
        match rules::iso_timestamp("Start", s.start_time.trim()) {
            Ok(at) => Some(at),
            Err(message) => {
                errors.add(key("start"), message);
                None
            }
        }
    };
    if let Some(end) = opt(&s.end_time) {
        match rules::iso_timestamp("End", &end) {
            Ok(at) if start.is_some_and(|s| at <= s) => {
                errors.add(key("end"), "The end must be after the start");
            }
            Ok(_) => {}
            Err(message) => errors.add(key("end"), message),
        }
    }
    if !s.timezone.is_empty() && !rules::SCHEDULE_TIMEZONES.contains(&s.timezone.as_str()) {
        errors.add(key("timezone"), format!("'{}' is not a schedule time zone", s.timezone));
    }
    let qs = opt(&s.quiet_start);
    let qe = opt(&s.quiet_end);
    if let Some(v) = &qs {
        errors.check(key("quiet_start"), rules::quiet_time_bound("Start", v));
    }
    if let Some(v) = &qe {
        errors.check(key("quiet_end"), rules::quiet_time_bound("End", v));
    }
    errors.check(key("quiet_end"), rules::quiet_time_pair(qs.as_deref(), qe.as_deref()));
    let filter = if event {
        let types = list(&s.event_types);
        if types.is_empty() {
            errors.add(key("event_types"), "Name at least one event type, e.g. _session.start");
        }
        if !FILTER_TYPES.contains(&s.filter_type.as_str()) {
            errors.add(key("filter_type"), "Choose ENDPOINT or SYSTEM");
        }
        let dimension = SetDimension::builder()
            .dimension_type(if s.event_exclusive {
                DimensionType::Exclusive
            } else {
                DimensionType::Inclusive
            })
            .set_values(Some(types))
            .build();
        let attributes = event_attributes(&s.event_attributes, &key("event_attributes"), errors);
        let metrics = event_metrics(&s.event_metrics, &key("event_metrics"), errors);
        CampaignEventFilter::builder()
            .dimensions(
                EventDimensions::builder()
                    .event_type(dimension)
                    .set_attributes((!attributes.is_empty()).then_some(attributes))
                    .set_metrics((!metrics.is_empty()).then_some(metrics))
                    .build(),
            )
            .filter_type(FilterType::from(s.filter_type.as_str()))
            .build()
            .into()
    } else {
        None
    };
    let quiet = (qs.is_some() || qe.is_some())
        .then(|| QuietTime::builder().set_start(qs).set_end(qe).build());
    Schedule::builder()
        .start_time(if s.immediate {
            "IMMEDIATE".to_owned()
        } else {
            s.start_time.trim().to_owned()
        })
        .set_end_time(opt(&s.end_time))
        .frequency(Frequency::from(s.frequency.as_str()))
        .set_is_local_time(s.local_time.then_some(true))
        .set_timezone(opt(&s.timezone))
        .set_quiet_time(quiet)
        .set_event_filter(filter)
        .build()
}

fn templates(d: &DeliveryDraft) -> Option<TemplateConfiguration> {
    let t = |i: usize| {
        let r = &d.templates[i];
        opt(&r.name).map(|name| Template::builder().name(name).set_version(opt(&r.version)).build())
    };
    if d.templates.iter().all(|r| r.name.trim().is_empty()) {
        return None;
    }
    Some(
        TemplateConfiguration::builder()
            .set_email_template(t(0))
            .set_sms_template(t(1))
            .set_push_template(t(2))
            .set_voice_template(t(3))
            .set_in_app_template(t(4))
            .build(),
    )
}

/// Endpoint types custom delivery may target.
pub const CUSTOM_ENDPOINT_TYPES: [&str; 13] = [
    "PUSH",
    "GCM",
    "APNS",
    "APNS_SANDBOX",
    "APNS_VOIP",
    "APNS_VOIP_SANDBOX",
    "ADM",
    "SMS",
    "VOICE",
    "EMAIL",
    "BAIDU",
    "CUSTOM",
    "IN_APP",
];

fn custom_delivery(
    d: &DeliveryDraft,
    prefix: &str,
    errors: &mut FieldErrors,
) -> Option<CustomDeliveryConfiguration> {
    let uri = opt(&d.custom_uri)?;
    // The model: a Lambda function's name or ARN, or an HTTPS URL.
    if uri.starts_with("http://") {
        errors.add(format!("{prefix}custom_uri"), "A web destination must use https://");
    } else if !uri.starts_with("https://") {
        errors
            .check(format!("{prefix}custom_uri"), rules::lambda_function_name("DeliveryUri", &uri));
    }
    let types = list(&d.custom_types);
    if let Some(bad) = types.iter().find(|t| !CUSTOM_ENDPOINT_TYPES.contains(&t.as_str())) {
        errors.add(format!("{prefix}custom_types"), format!("'{bad}' is not an endpoint type"));
    }
    CustomDeliveryConfiguration::builder()
        .delivery_uri(uri)
        .set_endpoint_types(
            (!types.is_empty())
                .then(|| types.iter().map(|t| EndpointTypesElement::from(t.as_str())).collect()),
        )
        .build()
        .into()
}

impl CampaignDraft {
    /// Checks every field; the request to send, or a message per bad field.
    pub fn to_request(&self) -> Result<WriteCampaignRequest, FieldErrors> {
        let mut errors = FieldErrors::default();
        if self.name.trim().is_empty() {
            errors.add("name", "Give the campaign a name");
        }
        if self.segment_id.trim().is_empty() {
            errors.add("segment", "Choose a segment");
        }
        let segment_version =
            parse_optional_int(&mut errors, "segment_version", &self.segment_version);
        if segment_version.is_some_and(|v| v < 1) {
            errors.add("segment_version", "Versions start at 1");
        }
        let holdout = parse_optional_int(&mut errors, "holdout", &self.holdout);
        if holdout.is_some_and(|h| !(0..=100).contains(&h)) {
            errors.add("holdout", "A percentage from 0 to 100");
        }
        let priority = parse_optional_int(&mut errors, "priority", &self.priority);
        if priority.is_some_and(|p| !(1..=5).contains(&p)) {
            errors.add("priority", "Priority runs from 1 (highest) to 5");
        }
        if self.treatments.len() > rules::MAX_ADDITIONAL_TREATMENTS {
            errors.add(
                "treatments",
                format!("At most {} additional treatments", rules::MAX_ADDITIONAL_TREATMENTS),
            );
        }
        let messages = message_configuration(&self.messages, "", &mut errors);
        let campaign_schedule = schedule(&self.schedule, "schedule.", &mut errors);
        let mut treatments = Vec::new();
        for (i, t) in self.treatments.iter().enumerate() {
            let key = format!("t{i}.");
            let size = parse_optional_int(&mut errors, format!("{key}size"), &t.size);
            match size {
                None if t.size.trim().is_empty() => {
                    errors.add(format!("{key}size"), "Give the treatment's share of the segment");
                }
                Some(s) if !(0..=100).contains(&s) => {
                    errors.add(format!("{key}size"), "A percentage from 0 to 100");
                }
                _ => {}
            }
            let treatment = WriteTreatmentResource::builder()
                .size_percent(size.unwrap_or(0))
                .set_treatment_name(opt(&t.name))
                .set_treatment_description(opt(&t.description))
                .set_message_configuration(message_configuration(
                    &t.messages,
                    &format!("{key}messages."),
                    &mut errors,
                ))
                .set_schedule(
                    t.own_schedule
                        .then(|| schedule(&t.schedule, &format!("{key}schedule."), &mut errors)),
                )
                .set_template_configuration(templates(&t.delivery))
                .set_custom_delivery_configuration(custom_delivery(&t.delivery, &key, &mut errors))
                .build();
            treatments.push(treatment);
        }
        let split = self.split();
        if split.allocated() > 100 {
            errors.add(
                "split",
                format!(
                    "Treatments and holdout add up to {}%: the segment has only 100%",
                    split.allocated()
                ),
            );
        }
        let daily = parse_optional_int(&mut errors, "limits.daily", &self.limits.daily);
        let total = parse_optional_int(&mut errors, "limits.total", &self.limits.total);
        let mps = parse_optional_int(&mut errors, "limits.mps", &self.limits.messages_per_second);
        let duration =
            parse_optional_int(&mut errors, "limits.duration", &self.limits.maximum_duration);
        let session = parse_optional_int(&mut errors, "limits.session", &self.limits.session);
        if let Some(v) = daily {
            errors.check("limits.daily", rules::endpoint_cap("Daily", v));
        }
        if let Some(v) = total {
            errors.check("limits.total", rules::endpoint_cap("Total", v));
        }
        if let Some(v) = mps {
            errors.check("limits.mps", rules::messages_per_second("MessagesPerSecond", v));
        }
        if let Some(v) = duration {
            errors.check("limits.duration", rules::maximum_duration("MaximumDuration", v));
        }
        if session.is_some_and(|s| s < 0) {
            errors.add("limits.session", "Must not be negative");
        }
        if let Some(name) = opt(&self.hook.lambda) {
            errors.check("hook.lambda", rules::lambda_function_name("LambdaFunctionName", &name));
        }
        if let Some(url) = opt(&self.hook.web_url) {
            errors.check("hook.web_url", rules::hook_web_url("WebUrl", &url));
        }
        if !self.hook.mode.is_empty() && !HOOK_MODES.contains(&self.hook.mode.as_str()) {
            errors.add("hook.mode", "Choose FILTER or DELIVERY");
        }
        let tags = super::message::key_values(&mut errors, "tags", &self.tags);
        let limits =
            [daily, total, mps, duration, session].iter().any(Option::is_some).then(|| {
                CampaignLimits::builder()
                    .set_daily(daily)
                    .set_total(total)
                    .set_messages_per_second(mps)
                    .set_maximum_duration(duration)
                    .set_session(session)
                    .build()
            });
        let hook = (self.hook != HookDraft::default()).then(|| {
            CampaignHook::builder()
                .set_lambda_function_name(opt(&self.hook.lambda))
                .set_mode(opt(&self.hook.mode).map(|m| Mode::from(m.as_str())))
                .set_web_url(opt(&self.hook.web_url))
                .build()
        });
        let custom = custom_delivery(&self.delivery, "", &mut errors);
        if self.messages.in_app || self.treatments.iter().any(|t| t.messages.in_app) {
            errors.add(
                "in_app",
                "This campaign has an in-app message, which the console does not edit: saving \
                 here would remove it. Change it with the AWS CLI or SDK.",
            );
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(WriteCampaignRequest::builder()
            .name(self.name.trim())
            .set_description(opt(&self.description))
            .segment_id(self.segment_id.trim())
            .set_segment_version(segment_version)
            .set_holdout_percent(holdout)
            .set_priority(priority)
            .is_paused(self.paused)
            .set_treatment_name(opt(&self.treatment_name))
            .set_treatment_description(opt(&self.treatment_description))
            .set_message_configuration(messages)
            .set_schedule(Some(campaign_schedule))
            .set_template_configuration(templates(&self.delivery))
            .set_custom_delivery_configuration(custom)
            .set_limits(limits)
            .set_hook(hook)
            .set_tags((!tags.is_empty()).then(|| tags.into_iter().collect()))
            .set_additional_treatments((!treatments.is_empty()).then_some(treatments))
            .build())
    }
}

// ---------------------------------------------------------------------------------------------
// The request as JSON (copy as JSON, the CLI command, the version diff).

/// An object of the non-empty members.
fn object(members: Vec<(&str, Value)>) -> Value {
    let map: Map<String, Value> = members
        .into_iter()
        .filter(|(_, v)| match v {
            Value::Null => false,
            Value::String(s) => !s.is_empty(),
            Value::Object(m) => !m.is_empty(),
            Value::Array(a) => !a.is_empty(),
            _ => true,
        })
        .map(|(k, v)| (k.to_owned(), v))
        .collect();
    Value::Object(map)
}

fn s(v: &str) -> Value {
    Value::String(v.trim().to_owned())
}

/// A number when the text is one, the text otherwise (so an invalid draft still shows).
fn n(v: &str) -> Value {
    let t = v.trim();
    if t.is_empty() {
        Value::Null
    } else {
        super::parse_int(t).map_or_else(|| Value::String(t.to_owned()), Value::from)
    }
}

fn push_json(p: &PushDraft) -> Value {
    object(vec![
        ("Title", s(&p.title)),
        ("Body", s(&p.body)),
        ("Action", s(&p.action)),
        ("Url", s(&p.url)),
        ("ImageUrl", s(&p.image_url)),
        ("ImageIconUrl", s(&p.image_icon_url)),
        ("ImageSmallIconUrl", s(&p.image_small_icon_url)),
        ("MediaUrl", s(&p.media_url)),
        ("JsonBody", s(&p.json_body)),
        ("RawContent", s(&p.raw_content)),
        ("SilentPush", if p.silent_push { json!(true) } else { Value::Null }),
        ("TimeToLive", n(&p.time_to_live)),
    ])
}

fn messages_json(m: &MessagesDraft) -> Value {
    object(vec![
        ("DefaultMessage", push_json(&m.default)),
        ("APNSMessage", push_json(&m.apns)),
        ("GCMMessage", push_json(&m.gcm)),
        ("ADMMessage", push_json(&m.adm)),
        ("BaiduMessage", push_json(&m.baidu)),
        (
            "EmailMessage",
            object(vec![
                ("Title", s(&m.email.subject)),
                ("HtmlBody", s(&m.email.html_body)),
                ("Body", s(&m.email.text_body)),
                ("FromAddress", s(&m.email.from_address)),
                (
                    "Headers",
                    Value::Array(
                        non_empty_lines(&m.email.headers)
                            .filter_map(|l| l.split_once(':'))
                            .map(|(n, v)| json!({"Name": n.trim(), "Value": v.trim()}))
                            .collect(),
                    ),
                ),
            ]),
        ),
        (
            "SMSMessage",
            object(vec![
                ("Body", s(&m.sms.body)),
                ("MessageType", s(&m.sms.message_type)),
                ("SenderId", s(&m.sms.sender_id)),
                ("OriginationNumber", s(&m.sms.origination_number)),
                ("EntityId", s(&m.sms.entity_id)),
                ("TemplateId", s(&m.sms.template_id)),
            ]),
        ),
        ("CustomMessage", object(vec![("Data", s(&m.custom))])),
    ])
}

fn schedule_json(d: &ScheduleDraft) -> Value {
    let event = matches!(d.frequency.as_str(), "EVENT" | "IN_APP_EVENT");
    object(vec![
        ("StartTime", if d.immediate { s("IMMEDIATE") } else { s(&d.start_time) }),
        ("EndTime", s(&d.end_time)),
        ("Frequency", s(&d.frequency)),
        ("IsLocalTime", if d.local_time { json!(true) } else { Value::Null }),
        ("Timezone", s(&d.timezone)),
        ("QuietTime", object(vec![("Start", s(&d.quiet_start)), ("End", s(&d.quiet_end))])),
        (
            "EventFilter",
            if event {
                {
                    let (attributes, metrics) = event_filter_json(d);
                    json!({
                        "FilterType": d.filter_type,
                        "Dimensions": object(vec![
                            ("EventType", json!({
                                "DimensionType": if d.event_exclusive { "EXCLUSIVE" } else { "INCLUSIVE" },
                                "Values": list(&d.event_types),
                            })),
                            ("Attributes", attributes),
                            ("Metrics", metrics),
                        ]),
                    })
                }
            } else {
                Value::Null
            },
        ),
    ])
}

fn delivery_json(d: &DeliveryDraft) -> (Value, Value) {
    let templates = object(
        TEMPLATE_KINDS
            .iter()
            .zip(&d.templates)
            .map(|(kind, t)| {
                (*kind, object(vec![("Name", s(&t.name)), ("Version", s(&t.version))]))
            })
            .collect(),
    );
    let custom = if d.custom_uri.trim().is_empty() {
        Value::Null
    } else {
        object(vec![
            ("DeliveryUri", s(&d.custom_uri)),
            ("EndpointTypes", json!(list(&d.custom_types))),
        ])
    };
    (templates, custom)
}

impl CampaignDraft {
    /// The `WriteCampaignRequest` as JSON, as far as the draft can say (values that do not
    /// parse are shown as typed).
    #[must_use]
    pub fn to_json(&self) -> Value {
        let (templates, custom) = delivery_json(&self.delivery);
        let tags: Map<String, Value> = self
            .tags
            .lines()
            .filter_map(|l| l.split_once('='))
            .map(|(k, v)| (k.trim().to_owned(), s(v)))
            .collect();
        let treatments: Vec<Value> = self
            .treatments
            .iter()
            .map(|t| {
                let (templates, custom) = delivery_json(&t.delivery);
                object(vec![
                    ("TreatmentName", s(&t.name)),
                    ("TreatmentDescription", s(&t.description)),
                    ("SizePercent", n(&t.size)),
                    ("MessageConfiguration", messages_json(&t.messages)),
                    (
                        "Schedule",
                        if t.own_schedule { schedule_json(&t.schedule) } else { Value::Null },
                    ),
                    ("TemplateConfiguration", templates),
                    ("CustomDeliveryConfiguration", custom),
                ])
            })
            .collect();
        object(vec![
            ("Name", s(&self.name)),
            ("Description", s(&self.description)),
            ("SegmentId", s(&self.segment_id)),
            ("SegmentVersion", n(&self.segment_version)),
            ("HoldoutPercent", n(&self.holdout)),
            ("Priority", n(&self.priority)),
            ("IsPaused", json!(self.paused)),
            ("TreatmentName", s(&self.treatment_name)),
            ("TreatmentDescription", s(&self.treatment_description)),
            ("MessageConfiguration", messages_json(&self.messages)),
            ("Schedule", schedule_json(&self.schedule)),
            ("TemplateConfiguration", templates),
            ("CustomDeliveryConfiguration", custom),
            (
                "Limits",
                object(vec![
                    ("Daily", n(&self.limits.daily)),
                    ("Total", n(&self.limits.total)),
                    ("MessagesPerSecond", n(&self.limits.messages_per_second)),
                    ("MaximumDuration", n(&self.limits.maximum_duration)),
                    ("Session", n(&self.limits.session)),
                ]),
            ),
            (
                "Hook",
                object(vec![
                    ("LambdaFunctionName", s(&self.hook.lambda)),
                    ("Mode", s(&self.hook.mode)),
                    ("WebUrl", s(&self.hook.web_url)),
                ]),
            ),
            ("tags", Value::Object(tags)),
            ("AdditionalTreatments", Value::Array(treatments)),
        ])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ab() -> CampaignDraft {
        let mut d = CampaignDraft {
            name: "Spring sale".into(),
            segment_id: "seg-1".into(),
            holdout: "10".into(),
            treatment_name: "Control".into(),
            ..CampaignDraft::default()
        };
        d.messages.sms.body = "Hello {{User.UserAttributes.FirstName}}".into();
        d.messages.sms.message_type = "PROMOTIONAL".into();
        d.messages.email = EmailDraft {
            subject: "Sale".into(),
            html_body: "<p>Hi</p>".into(),
            text_body: "Hi".into(),
            from_address: "shop@example.com".into(),
            headers: String::new(),
        };
        d.treatments.push(TreatmentDraft {
            name: "B".into(),
            size: "30".into(),
            ..Default::default()
        });
        d.treatments.push(TreatmentDraft {
            name: "C".into(),
            size: "20".into(),
            ..Default::default()
        });
        d.treatments[0].messages.sms.body = "Variant B".into();
        d.limits.daily = "3".into();
        d.hook.web_url = "https://example.com/hook".into();
        d.tags = "team=growth".into();
        d
    }

    #[test]
    fn a_valid_draft_builds_the_request() {
        let request = ab().to_request().unwrap();
        assert_eq!(request.name(), Some("Spring sale"));
        assert_eq!(request.holdout_percent(), Some(10));
        assert_eq!(request.additional_treatments().len(), 2);
        assert_eq!(request.additional_treatments()[0].size_percent(), Some(30));
        let sms = request.message_configuration().unwrap().sms_message().unwrap();
        assert_eq!(sms.message_type(), Some(&MessageType::Promotional));
        assert_eq!(request.schedule().unwrap().start_time(), Some("IMMEDIATE"));
        assert_eq!(request.limits().unwrap().daily(), Some(3));
        assert_eq!(request.tags().unwrap().get("team").map(String::as_str), Some("growth"));
        let json = ab().to_json();
        assert_eq!(json["AdditionalTreatments"][1]["SizePercent"], 20);
        assert_eq!(json["Schedule"]["StartTime"], "IMMEDIATE");
        assert!(json.get("Hook").unwrap().get("Mode").is_none());
    }

    #[test]
    fn over_allocation_and_bad_fields_are_refused_inline() {
        let mut d = ab();
        d.holdout = String::new();
        d.treatments[0].size = "60".into();
        d.treatments[1].size = "50".into();
        d.limits.messages_per_second = "30000".into();
        d.messages.email.from_address = "not an address".into();
        d.treatments[1].own_schedule = true;
        d.treatments[1].schedule.immediate = false;
        d.treatments[1].schedule.start_time = "tomorrow".into();
        let errors = d.to_request().unwrap_err();
        assert!(errors.get("split").unwrap().contains("110%"), "{errors:?}");
        assert!(errors.get("limits.mps").is_some());
        assert!(errors.get("EmailMessage.from").is_some());
        assert!(errors.get("t1.schedule.start").is_some());
        assert_eq!(d.split().control(), -10);
        // Nothing typed is lost.
        assert_eq!(d.treatments[0].size, "60");
    }

    #[test]
    fn schedules_are_checked_and_read_as_a_sentence() {
        let mut s = ScheduleDraft {
            immediate: false,
            start_time: "2026-12-07T09:00:00Z".into(),
            end_time: "2027-03-01T00:00:00Z".into(),
            frequency: "WEEKLY".into(),
            local_time: true,
            quiet_start: "22:00".into(),
            quiet_end: "07:00".into(),
            ..ScheduleDraft::default()
        };
        assert_eq!(
            s.sentence(),
            "Every Monday at 09:00 in each recipient's local time, from 2026-12-07 09:00 to 2027-03-01 00:00, silent 22:00-07:00."
        );
        let mut errors = FieldErrors::default();
        let _ = schedule(&s, "", &mut errors);
        assert!(errors.is_empty(), "{errors:?}");
        s.frequency = "EVENT".into();
        s.event_types = "_session.start, purchase".into();
        assert!(s.sentence().starts_with("Whenever an endpoint reports event _session.start"));
        s.end_time = "2026-01-01T00:00:00Z".into();
        s.quiet_end = "25:00".into();
        let built = schedule(&s, "", &mut errors);
        assert_eq!(
            built
                .event_filter()
                .unwrap()
                .dimensions()
                .unwrap()
                .event_type()
                .unwrap()
                .values()
                .len(),
            2
        );
        assert!(errors.get("end").is_some());
        assert!(errors.get("quiet_end").is_some());
        let mut immediate = ScheduleDraft { frequency: "DAILY".into(), ..ScheduleDraft::default() };
        let mut errors = FieldErrors::default();
        let _ = schedule(&immediate, "", &mut errors);
        assert!(errors.get("start").is_some());
        immediate.frequency = "ONCE".into();
        assert_eq!(immediate.sentence(), "Once, immediately after saving.");
    }

    #[test]
    fn event_filters_headers_and_custom_payloads() {
        let mut d = ab();
        d.schedule = ScheduleDraft {
            immediate: false,
            start_time: "2026-12-01T00:00:00Z".into(),
            frequency: "EVENT".into(),
            event_types: "order".into(),
            event_attributes: "store = app; web\nplan != free\npage ~ sale".into(),
            event_metrics: "total >= 100\nitems < 3".into(),
            ..ScheduleDraft::default()
        };
        d.messages.email.headers =
            "X-Campaign: spring\nList-Unsubscribe: <mailto:u@example.com>".into();
        d.messages.custom = r#"{"kind": "webhook"}"#.into();
        let request = d.to_request().unwrap();
        let dims = request.schedule().unwrap().event_filter().unwrap().dimensions().unwrap();
        let store = &dims.attributes().unwrap()["store"];
        assert_eq!(store.attribute_type(), Some(&AttributeType::Inclusive));
        assert_eq!(store.values(), ["app", "web"]);
        assert_eq!(
            dims.attributes().unwrap()["page"].attribute_type(),
            Some(&AttributeType::Contains)
        );
        assert_eq!(
            dims.metrics().unwrap()["total"].comparison_operator(),
            Some("GREATER_THAN_OR_EQUAL")
        );
        assert_eq!(dims.metrics().unwrap()["items"].value(), Some(3.0));
        let config = request.message_configuration().unwrap();
        assert_eq!(config.email_message().unwrap().headers()[1].name(), Some("List-Unsubscribe"));
        assert_eq!(config.custom_message().unwrap().data(), Some(r#"{"kind": "webhook"}"#));
        let json = d.to_json();
        assert_eq!(
            json["Schedule"]["EventFilter"]["Dimensions"]["Metrics"]["total"]["Value"],
            100.0
        );
        assert_eq!(json["MessageConfiguration"]["EmailMessage"]["Headers"][0]["Value"], "spring");

        // Back from the service: the same lines (sorted by name).
        let back = ScheduleDraft::from(request.schedule().unwrap());
        assert_eq!(back.event_attributes, "page ~ sale\nplan != free\nstore = app; web");
        assert_eq!(back.event_metrics, "items < 3\ntotal >= 100");
        let messages = MessagesDraft::from(config);
        assert_eq!(messages.email.headers, d.messages.email.headers);
        assert_eq!(messages.custom, d.messages.custom);

        // Lines that do not parse are refused, each field on its own.
        d.schedule.event_metrics = "total is big".into();
        d.schedule.event_attributes = "store".into();
        d.messages.email.headers = "no colon here".into();
        d.messages.custom = "not json".into();
        let errors = d.to_request().unwrap_err();
        for key in [
            "schedule.event_metrics",
            "schedule.event_attributes",
            "EmailMessage.headers",
            "CustomMessage.data",
        ] {
            assert!(errors.get(key).is_some(), "{key}: {errors:?}");
        }
    }

    #[test]
    fn operators_split_where_they_are_written_and_delivery_takes_function_names() {
        assert_eq!(
            split_op("url = https://x.com/~bob", &ATTRIBUTE_OPS),
            Some(("url", "INCLUSIVE", "https://x.com/~bob"))
        );
        assert_eq!(split_op("plan = a!=b", &ATTRIBUTE_OPS), Some(("plan", "INCLUSIVE", "a!=b")));
        assert_eq!(split_op("plan != free", &ATTRIBUTE_OPS), Some(("plan", "EXCLUSIVE", "free")));
        assert_eq!(
            split_op("total >= 5", &METRIC_OPS),
            Some(("total", "GREATER_THAN_OR_EQUAL", "5"))
        );
        assert_eq!(split_op("= 5", &METRIC_OPS), None);

        let mut d = ab();
        d.delivery.custom_uri = "my-delivery-function".into();
        assert!(d.to_request().is_ok());
        d.delivery.custom_uri = "http://example.com/hook".into();
        assert!(d.to_request().unwrap_err().get("custom_uri").unwrap().contains("https://"));
        d.delivery.custom_uri = "https://example.com/hook".into();
        d.delivery.custom_types = "PUSH, FAX".into();
        assert!(d.to_request().unwrap_err().get("custom_types").is_some());
    }

    #[test]
    fn a_campaign_with_an_in_app_message_is_not_saved_without_it() {
        let mut d = ab();
        d.treatments[1].messages.in_app = true;
        let errors = d.to_request().unwrap_err();
        assert!(errors.get("in_app").unwrap().contains("in-app message"));
    }

    #[test]
    fn sms_counts_follow_the_encoding() {
        assert_eq!(sms_count(""), (0, 0, "GSM-7"));
        assert_eq!(sms_count(&"a".repeat(160)), (160, 1, "GSM-7"));
        assert_eq!(sms_count(&"a".repeat(161)), (161, 2, "GSM-7"));
        assert_eq!(sms_count("€"), (2, 1, "GSM-7"));
        assert_eq!(sms_count("héllo ✓"), (7, 1, "UCS-2"));
        assert_eq!(sms_count(&"✓".repeat(71)), (71, 2, "UCS-2"));
    }

    #[test]
    fn a_campaign_from_the_service_round_trips() {
        let request = ab().to_request().unwrap();
        // Build the response the service would give for this request.
        let response = CampaignResponse::builder()
            .id("c1")
            .arn("arn")
            .application_id("app")
            .creation_date("2026-01-01T00:00:00Z")
            .last_modified_date("2026-01-01T00:00:00Z")
            .segment_id("seg-1")
            .segment_version(1)
            .set_name(request.name().map(str::to_owned))
            .set_holdout_percent(request.holdout_percent())
            .set_treatment_name(request.treatment_name().map(str::to_owned))
            .set_message_configuration(request.message_configuration().cloned())
            .set_schedule(request.schedule().cloned())
            .set_limits(request.limits().cloned())
            .set_hook(request.hook().cloned())
            .set_tags(request.tags().cloned())
            .set_is_paused(request.is_paused())
            .set_additional_treatments(Some(
                request
                    .additional_treatments()
                    .iter()
                    .enumerate()
                    .map(|(i, t)| {
                        aws_sdk_pinpoint::types::TreatmentResource::builder()
                            .id(i.to_string())
                            .set_size_percent(t.size_percent())
                            .set_treatment_name(t.treatment_name().map(str::to_owned))
                            .set_message_configuration(t.message_configuration().cloned())
                            .build()
                    })
                    .collect(),
            ))
            .build();
        let mut expected = ab();
        expected.segment_version = "1".into();
        assert_eq!(CampaignDraft::from(&response), expected);
    }
}
