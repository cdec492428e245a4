//! A journey as plain data (no egui): the whole `WriteJourneyRequest`, every member as typed.
//! One file per concern: `kinds` what each activity is; `from_sdk` reads a `JourneyResponse`
//! (the only place that does); `request` is the one builder of the `WriteJourneyRequest`
//! (with `message` for message activities and `settings` for the journey's own members:
//! lenient `build` keeps going and collects every problem, strict `to_request`), and
//! `drafts::json::journey` its one serializer; `graph` the activities as nodes and labelled
//! edges; `rules` the inline checks that mirror the service's; `layout` where the canvas draws
//! each node; `history` edits with undo/redo; `connect` whether a branch dragged on the canvas
//! may lead to a box, and the edit it makes; `words` a journey in words and its node counts.
//! The types are serde (an unsaved journey is kept on disk as JSON, `ui::journeys::kept`).

pub mod connect;
mod from_sdk;
pub mod graph;
pub mod history;
mod kinds;
pub mod layout;
mod message;
mod request;
mod rules;
mod settings;
pub mod words;

#[cfg(test)]
pub(crate) mod fixtures;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use kinds::{
    ActivityDraft, Channel, ConditionDraft, EventDraft, Kind, MessageDraft, MultiPath, NewKind,
    SimpleDraft, SplitPath, WaitDraft,
};
pub use request::activity_of_path;

/// The channels a journey's message activities, open hours and closed days name.
pub const CHANNELS: [&str; 5] = ["EMAIL", "SMS", "PUSH", "VOICE", "CUSTOM"];
/// The days of `OpenHours` (the model's `DayOfWeek`).
pub const DAYS: [&str; 7] =
    ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"];
/// `TimezoneEstimationMethods` values.
pub const TIMEZONE_METHODS: [&str; 2] = ["PHONE_NUMBER", "POSTAL_CODE"];
/// The journey quotas, the same the mock enforces.
pub use crate::pinpoint::rules::{MAX_ACTIVITIES, MAX_MULTI_BRANCHES, MAX_RANDOM_BRANCHES};

/// How endpoints enter.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Entry {
    /// No start condition yet.
    #[default]
    None,
    /// `SegmentStartCondition`: the segment's endpoints.
    Segment(String),
    /// `EventStartCondition`: an endpoint that sends a matching event.
    Event {
        /// `EventFilter.Dimensions`.
        event: EventDraft,
        /// `EventFilter.FilterType` (`ENDPOINT`, `SYSTEM`; empty: unset).
        filter_type: String,
        /// `SegmentId`: only endpoints of this segment (empty: any).
        segment: String,
    },
}

/// One `OpenHoursRule` of a channel and day.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct OpenHoursRow {
    /// `EMAIL`, `SMS`, `PUSH`, `VOICE` or `CUSTOM`.
    pub channel: String,
    /// `MONDAY` … `SUNDAY`.
    pub day: String,
    /// `StartTime`, HH:MM.
    pub start: String,
    /// `EndTime`, HH:MM.
    pub end: String,
}

/// One `ClosedDaysRule` of a channel.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ClosedDayRow {
    /// `EMAIL`, `SMS`, `PUSH`, `VOICE` or `CUSTOM`.
    pub channel: String,
    /// `Name`.
    pub name: String,
    /// `StartDateTime`, ISO-8601.
    pub start: String,
    /// `EndDateTime`, ISO-8601.
    pub end: String,
}

/// `JourneyLimits`, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LimitsDraft {
    /// `DailyCap`.
    pub daily_cap: String,
    /// `TotalCap`.
    pub total_cap: String,
    /// `EndpointReentryCap`.
    pub reentry_cap: String,
    /// `EndpointReentryInterval`, an ISO-8601 duration.
    pub reentry_interval: String,
    /// `MessagesPerSecond`.
    pub messages_per_second: String,
    /// `TimeframeCap.Cap`.
    pub timeframe_cap: String,
    /// `TimeframeCap.Days`.
    pub timeframe_days: String,
}

/// The whole journey as typed.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct JourneyDraft {
    /// `Name`.
    pub name: String,
    /// `Activities`, by id.
    pub activities: BTreeMap<String, ActivityDraft>,
    /// `StartActivity`.
    pub start_activity: String,
    /// `StartCondition`.
    pub entry: Entry,
    /// `StartCondition.Description`.
    pub entry_description: String,
    /// `Schedule.StartTime`, ISO-8601.
    pub start_time: String,
    /// `Schedule.EndTime`, ISO-8601.
    pub end_time: String,
    /// `Schedule.Timezone`.
    pub timezone: String,
    /// `Limits`.
    pub limits: LimitsDraft,
    /// `QuietTime.Start`, HH:MM.
    pub quiet_start: String,
    /// `QuietTime.End`, HH:MM.
    pub quiet_end: String,
    /// `WaitForQuietTime`.
    pub wait_for_quiet_time: Option<bool>,
    /// `LocalTime`.
    pub local_time: Option<bool>,
    /// `RefreshFrequency`, an ISO-8601 duration.
    pub refresh_frequency: String,
    /// `RefreshOnSegmentUpdate`.
    pub refresh_on_segment_update: Option<bool>,
    /// `SendingSchedule`.
    pub sending_schedule: Option<bool>,
    /// `OpenHours`.
    pub open_hours: Vec<OpenHoursRow>,
    /// `ClosedDays`.
    pub closed_days: Vec<ClosedDayRow>,
    /// `TimezoneEstimationMethods`.
    pub timezone_estimation: Vec<String>,
    /// `JourneyChannelSettings.ConnectCampaignArn`.
    pub connect_campaign_arn: String,
    /// `JourneyChannelSettings.ConnectCampaignExecutionRoleArn`.
    pub connect_role_arn: String,
    /// `State` (empty: unset; the service starts a journey as `DRAFT`).
    pub state: String,
    /// `CreationDate`, as the service reported it.
    pub creation_date: String,
    /// `LastModifiedDate`, as the service reported it.
    pub last_modified_date: String,
}

impl JourneyDraft {
    /// A new journey named `name` with no activities.
    #[must_use]
    pub fn named(name: &str) -> Self {
        Self { name: name.to_owned(), ..Self::default() }
    }

    /// A fresh id for a new activity of `kind` (`sms1`, `sms2`, …).
    #[must_use]
    pub fn fresh_id(&self, kind: NewKind) -> String {
        // One more than there are activities always leaves a free number.
        (1..=self.activities.len() + 1)
            .map(|n| format!("{}{n}", kind.stem()))
            .find(|id| !self.activities.contains_key(id))
            .unwrap_or_default()
    }
}
