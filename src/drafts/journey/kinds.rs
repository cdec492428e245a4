//! What an activity is: its kind with every member of that kind's shape (messages per channel,
//! wait, holdout, the three splits, contact center), as typed; and the kinds the canvas adds.

use serde::{Deserialize, Serialize};

use crate::drafts::segment::Criterion;

/// A message activity's channel (the activity member it is written under).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Channel {
    /// `EMAIL`.
    Email,
    /// `SMS`.
    Sms,
    /// `PUSH`.
    Push,
    /// `CUSTOM` (a Lambda function or a webhook).
    Custom,
}

impl Channel {
    /// Every channel, in the order the "add" menu lists them.
    pub const ALL: [Self; 4] = [Self::Email, Self::Sms, Self::Push, Self::Custom];

    /// The activity member (`EMAIL`, `SMS`, `PUSH`, `CUSTOM`).
    #[must_use]
    pub fn member(self) -> &'static str {
        match self {
            Self::Email => "EMAIL",
            Self::Sms => "SMS",
            Self::Push => "PUSH",
            Self::Custom => "CUSTOM",
        }
    }

    /// The template type its template is of (none for custom).
    #[must_use]
    pub fn template_kind(self) -> Option<crate::pinpoint::TemplateKind> {
        use crate::pinpoint::TemplateKind;
        match self {
            Self::Email => Some(TemplateKind::Email),
            Self::Sms => Some(TemplateKind::Sms),
            Self::Push => Some(TemplateKind::Push),
            Self::Custom => None,
        }
    }
}

/// A `WaitTime`: a duration or a moment (both typed so the rule can say "not both").
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct WaitDraft {
    /// `WaitFor`, an ISO-8601 duration (`PT1H`, `P3D`).
    pub wait_for: String,
    /// `WaitUntil`, an ISO-8601 time.
    pub wait_until: String,
}

/// An event's dimensions (`EventDimensions`), as lines the campaign's event filter uses too.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EventDraft {
    /// Event types, comma separated.
    pub types: String,
    /// Every event type except those.
    pub exclusive: bool,
    /// `name = a; b` (or `!=`, `~`) per line.
    pub attributes: String,
    /// `name >= 5` (or `>`, `<`, `<=`, `=`) per line.
    pub metrics: String,
}

/// One `SimpleCondition`: exactly one of its three members.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum SimpleDraft {
    /// `EventCondition`: the endpoint sent an event with these dimensions.
    Event {
        /// `Dimensions`.
        event: EventDraft,
        /// `MessageActivity`: a message activity of this journey (empty: none).
        message_activity: String,
    },
    /// `SegmentCondition`: the endpoint is in this segment.
    Segment(String),
    /// `SegmentDimensions`: the endpoint matches these criteria (the segment builder's rows).
    Dimensions(Vec<Criterion>),
}

impl Default for SimpleDraft {
    fn default() -> Self {
        Self::Segment(String::new())
    }
}

/// A conditional split's `Condition`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ConditionDraft {
    /// `Operator`: `ALL` or `ANY` (empty: unset).
    pub operator: String,
    /// `Conditions`.
    pub conditions: Vec<SimpleDraft>,
}

impl Default for ConditionDraft {
    fn default() -> Self {
        Self { operator: "ALL".into(), conditions: vec![SimpleDraft::default()] }
    }
}

/// A message activity: the members of every channel's shape (only its channel's are written).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageDraft {
    /// Which member the activity is.
    pub channel: Channel,
    /// `NextActivity`.
    pub next: String,
    /// `TemplateName`.
    pub template_name: String,
    /// `TemplateVersion` (empty: the active version).
    pub template_version: String,
    /// Email: `MessageConfig.FromAddress`.
    pub from_address: String,
    /// SMS: `MessageConfig.MessageType` (`TRANSACTIONAL`, `PROMOTIONAL`; empty: unset).
    pub message_type: String,
    /// SMS: `MessageConfig.OriginationNumber`.
    pub origination_number: String,
    /// SMS: `MessageConfig.SenderId`.
    pub sender_id: String,
    /// SMS: `MessageConfig.EntityId`.
    pub entity_id: String,
    /// SMS: `MessageConfig.TemplateId` (a DLT registration id, not a Pinpoint template).
    pub template_id: String,
    /// Push: `MessageConfig.TimeToLive`, seconds.
    pub time_to_live: String,
    /// Custom: `MessageConfig.Data`.
    pub data: String,
    /// Custom: `DeliveryUri`, a Lambda function ARN or an `https://` webhook.
    pub delivery_uri: String,
    /// Custom: `EndpointTypes`.
    pub endpoint_types: Vec<String>,
}

impl MessageDraft {
    /// An empty message on `channel`.
    #[must_use]
    pub fn new(channel: Channel) -> Self {
        Self {
            channel,
            next: String::new(),
            template_name: String::new(),
            template_version: String::new(),
            from_address: String::new(),
            message_type: String::new(),
            origination_number: String::new(),
            sender_id: String::new(),
            entity_id: String::new(),
            template_id: String::new(),
            time_to_live: String::new(),
            data: String::new(),
            delivery_uri: String::new(),
            endpoint_types: Vec::new(),
        }
    }
}

/// One path of a random split.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SplitPath {
    /// `Percentage`, as typed.
    pub percentage: String,
    /// `NextActivity`.
    pub next: String,
}

/// One path of a multivariate split.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MultiPath {
    /// `Condition`.
    pub condition: SimpleDraft,
    /// `NextActivity`.
    pub next: String,
}

/// What an activity does: one member of `Activity`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Kind {
    /// `EMAIL`, `SMS`, `PUSH`, `CUSTOM`.
    Message(MessageDraft),
    /// `Wait`.
    Wait {
        /// `WaitTime`.
        wait: WaitDraft,
        /// `NextActivity`.
        next: String,
    },
    /// `Holdout`.
    Holdout {
        /// `Percentage`, as typed.
        percentage: String,
        /// `NextActivity`.
        next: String,
    },
    /// `RandomSplit`.
    RandomSplit(Vec<SplitPath>),
    /// `ConditionalSplit` (yes/no).
    ConditionalSplit {
        /// `Condition`.
        condition: ConditionDraft,
        /// `EvaluationWaitTime`.
        wait: Option<WaitDraft>,
        /// `TrueActivity`.
        yes: String,
        /// `FalseActivity`.
        no: String,
    },
    /// `MultiCondition` (multivariate).
    MultiCondition {
        /// `Branches`.
        paths: Vec<MultiPath>,
        /// `DefaultActivity` (the else path).
        default: String,
        /// `EvaluationWaitTime`.
        wait: Option<WaitDraft>,
    },
    /// `ContactCenter`.
    ContactCenter {
        /// `NextActivity`.
        next: String,
    },
}

/// The kinds the canvas can add, in the "add" menu's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewKind {
    /// A message on a channel.
    Message(Channel),
    /// A wait.
    Wait,
    /// A holdout.
    Holdout,
    /// A random split.
    RandomSplit,
    /// A yes/no split.
    ConditionalSplit,
    /// A multivariate split.
    MultiCondition,
    /// A contact center step.
    ContactCenter,
}

impl NewKind {
    /// Every kind.
    pub const ALL: [Self; 10] = [
        Self::Message(Channel::Email),
        Self::Message(Channel::Sms),
        Self::Message(Channel::Push),
        Self::Message(Channel::Custom),
        Self::Wait,
        Self::Holdout,
        Self::RandomSplit,
        Self::ConditionalSplit,
        Self::MultiCondition,
        Self::ContactCenter,
    ];

    /// Its name in menus.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Message(Channel::Email) => "Email",
            Self::Message(Channel::Sms) => "SMS",
            Self::Message(Channel::Push) => "Push notification",
            Self::Message(Channel::Custom) => "Custom (Lambda or webhook)",
            Self::Wait => "Wait",
            Self::Holdout => "Holdout",
            Self::RandomSplit => "Random split",
            Self::ConditionalSplit => "Yes/no split",
            Self::MultiCondition => "Multivariate split",
            Self::ContactCenter => "Contact center",
        }
    }

    /// A short stem for the ids of new activities (`sms1`, `wait2`, …).
    #[must_use]
    pub fn stem(self) -> &'static str {
        match self {
            Self::Message(Channel::Email) => "email",
            Self::Message(Channel::Sms) => "sms",
            Self::Message(Channel::Push) => "push",
            Self::Message(Channel::Custom) => "custom",
            Self::Wait => "wait",
            Self::Holdout => "holdout",
            Self::RandomSplit => "split",
            Self::ConditionalSplit => "yesno",
            Self::MultiCondition => "multi",
            Self::ContactCenter => "contact",
        }
    }

    /// A new activity of this kind leading to `next` (a split's first path does).
    #[must_use]
    pub fn make(self, next: String) -> Kind {
        match self {
            Self::Message(channel) => {
                Kind::Message(MessageDraft { next, ..MessageDraft::new(channel) })
            }
            Self::Wait => Kind::Wait {
                wait: WaitDraft { wait_for: "P1D".into(), wait_until: String::new() },
                next,
            },
            Self::Holdout => Kind::Holdout { percentage: "10".into(), next },
            Self::RandomSplit => Kind::RandomSplit(vec![
                SplitPath { percentage: "50".into(), next },
                SplitPath { percentage: "50".into(), next: String::new() },
            ]),
            Self::ConditionalSplit => Kind::ConditionalSplit {
                condition: ConditionDraft::default(),
                wait: None,
                yes: next,
                no: String::new(),
            },
            Self::MultiCondition => Kind::MultiCondition {
                paths: vec![MultiPath { condition: SimpleDraft::default(), next }],
                default: String::new(),
                wait: None,
            },
            Self::ContactCenter => Kind::ContactCenter { next },
        }
    }
}

impl Kind {
    /// The activity member it is written under (`EMAIL`, `Wait`, `RandomSplit`, …), as the
    /// service's messages name it.
    #[must_use]
    pub fn member(&self) -> &'static str {
        match self {
            Self::Message(m) => m.channel.member(),
            Self::Wait { .. } => "Wait",
            Self::Holdout { .. } => "Holdout",
            Self::RandomSplit(_) => "RandomSplit",
            Self::ConditionalSplit { .. } => "ConditionalSplit",
            Self::MultiCondition { .. } => "MultiCondition",
            Self::ContactCenter { .. } => "ContactCenter",
        }
    }
}

/// One activity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActivityDraft {
    /// `Description`.
    pub description: String,
    /// What it does.
    pub kind: Kind,
}
