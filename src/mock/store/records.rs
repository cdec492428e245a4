//! What the store keeps per project. Deep resources are kept as JSON values in their response
//! shape (checked against the service model on the way in, projected onto the response shape
//! on the way out); endpoints are typed because segment evaluation reads them for every run.
//! The engine's run state lives here too: it must survive as long as the campaign does, and a
//! durable store has to persist it with the rest.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, NaiveDateTime, Utc};
use serde_json::Value;

use super::collection::Collection;
use crate::mock::wire::{ApplicationResponse, ApplicationSettingsResource, Endpoint};
use crate::pinpoint::ChannelKind;

/// Events kept per project (older ones are dropped).
pub const MAX_STORED_EVENTS: usize = 10_000;

/// Everything stored for one project: the unit a store reads and writes in one transaction.
#[derive(Debug, Clone)]
pub struct ProjectRecord {
    /// The project as the service returns it (never changes after creation).
    pub app: ApplicationResponse,
    /// Its settings resource.
    pub settings: ApplicationSettingsResource,
    /// Write-only settings flags, remembered for completeness.
    pub cloud_watch_metrics_enabled: bool,
    /// Write-only settings flag.
    pub event_tagging_enabled: bool,
    /// Campaigns, each with every stored version (oldest first).
    pub campaigns: Collection<Vec<Value>>,
    /// Campaign activities by campaign id (oldest first).
    pub activities: HashMap<String, Vec<Value>>,
    /// Segments, each with every stored version (oldest first).
    pub segments: Collection<Vec<Value>>,
    /// Channels by kind, as stored (secrets included; never sent back).
    pub channels: BTreeMap<ChannelKind, Value>,
    /// Endpoints.
    pub endpoints: Collection<Endpoint>,
    /// When each endpoint last sent an event (for recency segments).
    pub last_active: HashMap<String, DateTime<Utc>>,
    /// Events received, newest last, bounded by `MAX_STORED_EVENTS`.
    pub events: Vec<Value>,
    /// The event stream, if configured.
    pub event_stream: Option<Value>,
    /// Export jobs as `ExportJobResponse` values.
    pub export_jobs: Collection<Value>,
    /// Import jobs as `ImportJobResponse` values.
    pub import_jobs: Collection<Value>,
    /// What the engine knows of each campaign's runs.
    pub campaign_runtime: HashMap<String, CampaignRuntime>,
    /// Members of imported segments, by segment id.
    pub imported_members: HashMap<String, HashSet<String>>,
}

impl ProjectRecord {
    /// A new, empty project.
    #[must_use]
    pub fn new(app: ApplicationResponse, settings: ApplicationSettingsResource) -> Self {
        Self {
            app,
            settings,
            cloud_watch_metrics_enabled: false,
            event_tagging_enabled: false,
            campaigns: Collection::default(),
            activities: HashMap::new(),
            segments: Collection::default(),
            channels: BTreeMap::new(),
            endpoints: Collection::default(),
            last_active: HashMap::new(),
            events: Vec::new(),
            event_stream: None,
            export_jobs: Collection::default(),
            import_jobs: Collection::default(),
            campaign_runtime: HashMap::new(),
            imported_members: HashMap::new(),
        }
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
}

/// Runtime state of one campaign (not part of any version).
#[derive(Debug, Clone, Default)]
pub struct CampaignRuntime {
    /// The version the schedule was computed from.
    pub version: i64,
    /// Runs done.
    pub runs: u32,
    /// When the next run is due.
    pub next: Option<DateTime<Utc>>,
    /// A run that is still going (local-time runs wait for each zone).
    pub open: Option<OpenRun>,
    /// Messages sent per endpoint, for the daily and total caps.
    pub sent: HashMap<String, Vec<DateTime<Utc>>>,
    /// True once nothing more will run.
    pub finished: bool,
}

/// A run still delivering (local-time runs wait for each zone's hour).
#[derive(Debug, Clone)]
pub struct OpenRun {
    /// The run's scheduled instant.
    pub scheduled: DateTime<Utc>,
    /// For local-time runs: the wall-clock time each zone waits for.
    pub wall: Option<NaiveDateTime>,
    /// Endpoints still to deliver, by zone, with their treatment index (0 = default).
    pub zones: BTreeMap<String, Vec<(String, usize)>>,
    /// Zones in the run.
    pub zones_total: usize,
    /// Activity id per treatment index.
    pub activities: Vec<String>,
    /// Messages delivered so far in this run (for the rate limit).
    pub delivered: u64,
}
