//! What the store keeps per project. Deep resources are kept as JSON values in their response
//! shape (checked against the service model on the way in, projected onto the response shape
//! on the way out); endpoints are typed because segment evaluation reads them for every run.
//! The engine's run state lives here too: it must survive as long as the campaign does, and a
//! durable store has to persist it with the rest.

use std::collections::HashSet;

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::collection::Collection;
use super::journeys::{JourneyRuntime, Participant};
use super::kpi::KpiCounters;
use super::otp::OtpCode;
use super::tracked::{
    Cell, Parts, Row, RowError, RowKey, Table, Tracked, apply_to_parts, drain_parts, dump_parts,
    forget_parts,
};
use crate::mock::wire::{ApplicationResponse, ApplicationSettingsResource, Endpoint};
use crate::pinpoint::{ChannelKind, OutboxEntry};

/// Events kept per project (older ones are dropped).
pub const MAX_STORED_EVENTS: usize = 10_000;

/// Everything stored for one project: the unit a store reads and writes in one transaction.
/// Every part but `app` is a tracked table (see `tracked`), so a durable store writes only
/// the rows a transaction changed.
#[derive(Debug, Clone)]
pub struct ProjectRecord {
    /// The project as the service returns it (never changes after creation).
    pub app: ApplicationResponse,
    /// Its settings resource.
    pub settings: Cell<ApplicationSettingsResource>,
    /// Write-only settings flags, remembered for completeness.
    pub cloud_watch_metrics_enabled: Cell<bool>,
    /// Write-only settings flag.
    pub event_tagging_enabled: Cell<bool>,
    /// Campaigns, each with every stored version (oldest first).
    pub campaigns: Collection<Vec<Value>>,
    /// Campaign activities by campaign id (oldest first).
    pub activities: Table<String, Vec<Value>>,
    /// Segments, each with every stored version (oldest first).
    pub segments: Collection<Vec<Value>>,
    /// Channels by kind, as stored (secrets included; never sent back).
    pub channels: Table<ChannelKind, Value>,
    /// Endpoints.
    pub endpoints: Collection<Endpoint>,
    /// When each endpoint last sent an event (for recency segments).
    pub last_active: Table<String, DateTime<Utc>>,
    /// Events received, oldest first, bounded by `MAX_STORED_EVENTS`.
    pub events: Collection<Value>,
    /// The event stream, if configured.
    pub event_stream: Cell<Option<Value>>,
    /// Export jobs as `ExportJobResponse` values.
    pub export_jobs: Collection<Value>,
    /// Import jobs as `ImportJobResponse` values.
    pub import_jobs: Collection<Value>,
    /// What the engine knows of each campaign's runs.
    pub campaign_runtime: Table<String, CampaignRuntime>,
    /// The members of open runs still to deliver, with their treatment index, in parts
    /// (`engine::campaigns::RUN_PART` endpoints at most) keyed by `run_part_key`: written once when a run opens, each part removed in the
    /// transaction that delivers it (so a run's stored state never grows with its progress).
    pub run_members: Table<String, Vec<(String, usize)>>,
    /// When each endpoint was sent each campaign's messages (for the daily and total caps),
    /// keyed by `sends_key`.
    pub sends: Table<String, Vec<DateTime<Utc>>>,
    /// Members of imported segments, by segment id.
    pub imported_members: Table<String, HashSet<String>>,
    /// What this project delivered, oldest first, bounded by the outbox capacity.
    pub outbox: Collection<OutboxEntry>,
    /// KPI counters per day and sender (see `kpi`), never trimmed.
    pub kpi_counts: Table<String, KpiCounters>,
    /// How often each endpoint opened or clicked, per day, sender and counter (see `kpi`).
    pub kpi_endpoints: Table<String, u64>,
    /// One-time passwords not yet verified, expired or over-tried, by `otp::otp_key`.
    pub otps: Table<String, OtpCode>,
    /// Journeys as `JourneyResponse` values.
    pub journeys: Collection<Value>,
    /// What the engine knows of each journey's runs and metrics.
    pub journey_runtime: Table<String, JourneyRuntime>,
    /// Where each endpoint stands in each journey, keyed by `participant_key`.
    pub journey_participants: Table<String, Participant>,
    /// The endpoints of a journey run still to enter, in parts keyed by `entrants_key`:
    /// written when the run opens, each part removed in the transaction that enters it.
    pub journey_entrants: Table<String, Vec<String>>,
}

/// The key of one part of an open run's members: the campaign, the run's number, the zone's
/// index in `OpenRun::zones` and the part's index in the zone.
#[must_use]
pub fn run_part_key(campaign_id: &str, run: u32, zone: usize, part: u32) -> String {
    format!("{campaign_id}/{run}/{zone}/{part}")
}

/// The key of one campaign's sends to one endpoint in `ProjectRecord::sends`.
#[must_use]
pub fn sends_key(campaign_id: &str, endpoint_id: &str) -> String {
    format!("{campaign_id}/{endpoint_id}")
}

impl RowKey for ChannelKind {
    fn to_key(&self) -> String {
        self.path().to_owned()
    }
    fn from_key(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.path() == text)
    }
}

/// Calls `$each!(table name, field)` for every tracked part of a project, so the list of
/// tables is written once.
macro_rules! parts {
    ($record:expr, $each:ident) => {{
        $each!("settings", $record.settings);
        $each!("cloudwatch", $record.cloud_watch_metrics_enabled);
        $each!("event-tagging", $record.event_tagging_enabled);
        $each!("campaign", $record.campaigns);
        $each!("activity", $record.activities);
        $each!("segment", $record.segments);
        $each!("channel", $record.channels);
        $each!("endpoint", $record.endpoints);
        $each!("last-active", $record.last_active);
        $each!("event", $record.events);
        $each!("event-stream", $record.event_stream);
        $each!("export-job", $record.export_jobs);
        $each!("import-job", $record.import_jobs);
        $each!("campaign-runtime", $record.campaign_runtime);
        $each!("run-members", $record.run_members);
        $each!("sends", $record.sends);
        $each!("imported-members", $record.imported_members);
        $each!("outbox", $record.outbox);
        $each!("kpi-counts", $record.kpi_counts);
        $each!("kpi-endpoints", $record.kpi_endpoints);
        $each!("otp", $record.otps);
        $each!("journey", $record.journeys);
        $each!("journey-runtime", $record.journey_runtime);
        $each!("journey-participant", $record.journey_participants);
        $each!("journey-entrants", $record.journey_entrants);
    }};
}

impl ProjectRecord {
    /// A new, empty project.
    #[must_use]
    pub fn new(app: ApplicationResponse, settings: ApplicationSettingsResource) -> Self {
        let mut record = Self {
            app,
            settings: Cell::new(settings),
            cloud_watch_metrics_enabled: Cell::new(false),
            event_tagging_enabled: Cell::new(false),
            campaigns: Collection::default(),
            activities: Table::default(),
            segments: Collection::default(),
            channels: Table::default(),
            endpoints: Collection::default(),
            last_active: Table::default(),
            events: Collection::default(),
            event_stream: Cell::new(None),
            export_jobs: Collection::default(),
            import_jobs: Collection::default(),
            campaign_runtime: Table::default(),
            run_members: Table::default(),
            sends: Table::default(),
            imported_members: Table::default(),
            outbox: Collection::default(),
            kpi_counts: Table::default(),
            kpi_endpoints: Table::default(),
            otps: Table::default(),
            journeys: Collection::default(),
            journey_runtime: Table::default(),
            journey_participants: Table::default(),
            journey_entrants: Table::default(),
        };
        record.forget_changes();
        record
    }

    /// The id of the project.
    #[must_use]
    pub fn id(&self) -> &str {
        &self.app.id
    }

    /// True when the project has this channel configured and enabled.
    #[must_use]
    pub fn channel_enabled(&self, kind: ChannelKind) -> bool {
        self.channels.get(&kind).and_then(|c| c.get("Enabled")).and_then(Value::as_bool)
            == Some(true)
    }

    /// Records delivered messages, keeping at most `capacity`, and counts them for the KPIs.
    pub fn deliver(&mut self, entries: Vec<OutboxEntry>, capacity: usize) {
        if entries.is_empty() {
            return;
        }
        self.count_deliveries(&entries);
        for entry in entries {
            self.outbox.push(entry);
        }
        self.outbox.trim(capacity);
    }

    /// Every part with its table name (the list is written once, in `parts!`).
    fn parts_mut(&mut self) -> Parts<'_> {
        let mut parts: Parts<'_> = Vec::new();
        macro_rules! part {
            ($table:expr, $part:expr) => {
                parts.push(($table, &mut $part))
            };
        }
        parts!(self, part);
        parts
    }

    /// The rows changed since the last call (and forgets them).
    pub fn drain_changes(&mut self) -> Vec<Row> {
        drain_parts(self.parts_mut())
    }

    /// Forgets the changes (a discarded transaction).
    pub fn forget_changes(&mut self) {
        forget_parts(self.parts_mut());
    }

    /// Every row of the project.
    #[must_use]
    pub fn rows(&self) -> Vec<Row> {
        let mut parts: Vec<(&'static str, &dyn Tracked)> = Vec::new();
        macro_rules! part {
            ($table:expr, $part:expr) => {
                parts.push(($table, &$part))
            };
        }
        parts!(self, part);
        dump_parts(&parts)
    }

    /// Applies a stored row (at load, or written by another process). A row of a table this
    /// binary does not know is refused: it was written by a newer one.
    pub fn apply(&mut self, row: &Row) -> Result<(), RowError> {
        apply_to_parts(self.parts_mut(), row)
    }
}

/// Runtime state of one campaign (not part of any version).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CampaignRuntime {
    /// The version the schedule was computed from.
    pub version: i64,
    /// Runs done.
    pub runs: u32,
    /// When the next run is due.
    pub next: Option<DateTime<Utc>>,
    /// A run that is still going (local-time runs wait for each zone).
    pub open: Option<OpenRun>,
    /// True once nothing more will run.
    pub finished: bool,
}

/// A run still delivering (local-time runs wait for each zone's hour). Its members are
/// stored apart, in parts (`ProjectRecord::run_members`); here are only the cursors, so the
/// row written with each delivered part stays small.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpenRun {
    /// The run's number (the campaign's runs before it), naming its member parts.
    pub number: u32,
    /// The run's scheduled instant.
    pub scheduled: DateTime<Utc>,
    /// For local-time runs: the wall-clock time each zone waits for.
    pub wall: Option<NaiveDateTime>,
    /// The run's zones (one, unnamed, when the run does not use local time), in name order.
    pub zones: Vec<ZoneCursor>,
    /// Activity id per treatment index.
    pub activities: Vec<String>,
    /// Messages delivered so far in this run (for the rate limit).
    pub delivered: u64,
}

/// How far a run has come in one zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ZoneCursor {
    /// The zone's IANA name ("" when the run does not use local time).
    pub zone: String,
    /// The zone's member parts.
    pub parts: u32,
    /// The next part to deliver (`parts` once the zone is done).
    pub next: u32,
}

impl ZoneCursor {
    /// True once every part of the zone is delivered.
    #[must_use]
    pub fn done(&self) -> bool {
        self.next >= self.parts
    }
}
