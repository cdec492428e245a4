//! The mock's backend: the store and the service's rules. HTTP never reaches here; routes
//! parse and validate the wire, then call one method per operation. One file per resource
//! adds its `impl Backend` block; this file holds the store, apps and settings.

mod campaigns;
mod channels;
mod endpoints;
mod events;
mod extensions;
mod jobs;
mod messages;
mod phone;
mod segments;

pub use channels::ChannelKind;
pub use endpoints::upsert as upsert_endpoint;
pub use extensions::count_matching;
pub use jobs::JobKind;

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::io::Write;
use std::sync::{Arc, Mutex, PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::clock::{Clock, SystemClock, iso8601};
use super::collection::{Collection, PageRequest};
use super::engine::campaigns::Sinks;
use super::engine::{CampaignRuntime, Files, OUTBOX_CAPACITY, OutboxEntry};
use super::error::{MockError, MockResult};
use super::wire::{
    ApplicationResponse, ApplicationSettingsResource, ApplicationsResponse, CampaignHook,
    CampaignLimits, CreateApplicationRequest, Endpoint, QuietTime, WriteApplicationSettingsRequest,
};
use crate::pinpoint::rules;

/// The account id the mock reports in ARNs.
pub const MOCK_ACCOUNT: &str = "000000000000";

/// Everything stored for one project. Deep resources are kept as JSON values in their
/// response shape (checked against the service model on the way in, projected onto the
/// response shape on the way out).
#[derive(Debug, Clone)]
pub struct AppRecord {
    /// The project as the service returns it.
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
    /// Events received, newest last, bounded.
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

/// Events kept per project (older ones are dropped).
pub const MAX_STORED_EVENTS: usize = 10_000;

#[derive(Debug, Default)]
struct Store {
    apps: Collection<AppRecord>,
}

/// The mock service: store, clock and region. Cheap to share behind an `Arc`.
#[derive(Debug)]
pub struct Backend {
    store: RwLock<Store>,
    clock: Arc<dyn Clock>,
    region: String,
    files: Files,
    outbox: Mutex<VecDeque<OutboxEntry>>,
}

impl Default for Backend {
    fn default() -> Self {
        Self::new(Arc::new(SystemClock), "us-east-1")
    }
}

impl Backend {
    /// An empty backend with this clock, reporting ARNs in `region`.
    #[must_use]
    pub fn new(clock: Arc<dyn Clock>, region: &str) -> Self {
        Self {
            store: RwLock::default(),
            clock,
            region: region.to_owned(),
            files: Files::default(),
            outbox: Mutex::default(),
        }
    }

    /// The same backend with its files (bucket folder, event-stream log) elsewhere.
    #[must_use]
    pub fn with_files(mut self, files: Files) -> Self {
        self.files = files;
        self
    }

    /// Where this backend keeps its files.
    #[must_use]
    pub fn files(&self) -> &Files {
        &self.files
    }

    /// Records what an operation or a tick delivered: outbox entries, and event-stream
    /// records appended as JSON lines to the event log.
    fn emit(&self, sinks: Sinks) {
        if !sinks.outbox.is_empty() {
            let mut outbox = self.outbox.lock().unwrap_or_else(PoisonError::into_inner);
            outbox.extend(sinks.outbox);
            let overflow = outbox.len().saturating_sub(OUTBOX_CAPACITY);
            outbox.drain(..overflow);
        }
        if sinks.stream.is_empty() {
            return;
        }
        let written =
            self.files.event_log.parent().map_or(Ok(()), std::fs::create_dir_all).and_then(|()| {
                let mut file = std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(&self.files.event_log)?;
                for record in &sinks.stream {
                    writeln!(file, "{record}")?;
                }
                Ok(())
            });
        if let Err(error) = written {
            tracing::warn!(%error, path = %self.files.event_log.display(), "could not append to the event log");
        }
    }

    /// Runs everything that is due at the clock's "now": campaign runs and the zones of open
    /// local-time runs, and jobs that were created. Called every second by a running server;
    /// tests call it after moving a manual clock.
    pub fn run_due(&self) {
        let now = self.clock.now();
        let mut sinks = Sinks::default();
        {
            let mut store = self.write();
            let ids: Vec<String> = store.apps.iter().map(|a| a.app.id.clone()).collect();
            for id in ids {
                let Some(app) = store.apps.get_mut(&id) else { continue };
                for job_id in created_jobs(&app.import_jobs) {
                    super::engine::jobs::run_import(app, &id, &job_id, &self.files, now, &job_id);
                }
                for job_id in created_jobs(&app.export_jobs) {
                    super::engine::jobs::run_export(app, &job_id, &self.files, now);
                }
                super::engine::campaigns::run_project(app, &id, now, &mut sinks);
            }
        }
        self.emit(sinks);
    }

    /// The outbox, newest first, filtered by project, channel, campaign and recipient
    /// (address or endpoint id, substring), at most `limit` entries.
    pub fn outbox(&self, filter: &OutboxFilter) -> Vec<OutboxEntry> {
        let outbox = self.outbox.lock().unwrap_or_else(PoisonError::into_inner);
        outbox
            .iter()
            .rev()
            .filter(|e| filter.app_id.as_deref().is_none_or(|a| e.application_id == a))
            .filter(|e| filter.channel.as_deref().is_none_or(|c| e.channel.eq_ignore_ascii_case(c)))
            .filter(|e| {
                filter.campaign_id.as_deref().is_none_or(|c| e.campaign_id.as_deref() == Some(c))
            })
            .filter(|e| {
                filter.recipient.as_deref().is_none_or(|r| {
                    e.address.contains(r)
                        || e.endpoint_id.as_deref().is_some_and(|id| id.contains(r))
                })
            })
            .take(filter.limit.unwrap_or(1000))
            .cloned()
            .collect()
    }

    fn read(&self) -> RwLockReadGuard<'_, Store> {
        // A panic while holding the lock cannot leave the store half-written: every write
        // below computes first and assigns last.
        self.store.read().unwrap_or_else(PoisonError::into_inner)
    }

    fn write(&self) -> RwLockWriteGuard<'_, Store> {
        self.store.write().unwrap_or_else(PoisonError::into_inner)
    }

    fn now(&self) -> String {
        iso8601(self.clock.now())
    }

    /// The clock's current time.
    #[must_use]
    pub fn clock_now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    fn app_arn(&self, id: &str) -> String {
        format!("arn:aws:mobiletargeting:{}:{MOCK_ACCOUNT}:apps/{id}", self.region)
    }

    /// Runs `f` on a project, read-only; 404 for an unknown project.
    fn with_app<T>(
        &self,
        app_id: &str,
        f: impl FnOnce(&AppRecord) -> MockResult<T>,
    ) -> MockResult<T> {
        let store = self.read();
        let record = store.apps.get(app_id).ok_or_else(|| app_not_found(app_id))?;
        f(record)
    }

    /// Runs `f` on a project for writing; 404 for an unknown project. `f` must check before it
    /// changes anything, so a rejected request leaves no trace.
    fn with_app_mut<T>(
        &self,
        app_id: &str,
        f: impl FnOnce(&mut AppRecord) -> MockResult<T>,
    ) -> MockResult<T> {
        let mut store = self.write();
        let record = store.apps.get_mut(app_id).ok_or_else(|| app_not_found(app_id))?;
        f(record)
    }

    // ---- Apps ----

    /// CreateApp.
    pub fn create_app(&self, request: CreateApplicationRequest) -> MockResult<ApplicationResponse> {
        self.insert_app(&new_id(), request, None)
    }

    /// Creates a project with a given id and creation date (the demo data set's fixed ids).
    pub fn insert_app(
        &self,
        id: &str,
        request: CreateApplicationRequest,
        creation_date: Option<String>,
    ) -> MockResult<ApplicationResponse> {
        rules::project_name(&request.name).map_err(MockError::bad_request)?;
        let now = self.now();
        let app = ApplicationResponse {
            arn: self.app_arn(id),
            id: id.to_owned(),
            name: request.name.trim().to_owned(),
            creation_date: creation_date.unwrap_or_else(|| now.clone()),
            tags: request.tags,
        };
        let settings = ApplicationSettingsResource {
            application_id: id.to_owned(),
            last_modified_date: Some(now),
            ..ApplicationSettingsResource::default()
        };
        let record = AppRecord {
            app: app.clone(),
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
        };
        self.write().apps.insert(id, record);
        Ok(app)
    }

    /// GetApp.
    pub fn get_app(&self, id: &str) -> MockResult<ApplicationResponse> {
        self.read().apps.get(id).map(|r| r.app.clone()).ok_or_else(|| app_not_found(id))
    }

    /// DeleteApp: removes the project and everything under it, returning it as it was.
    pub fn delete_app(&self, id: &str) -> MockResult<ApplicationResponse> {
        self.write().apps.remove(id).map(|r| r.app).ok_or_else(|| app_not_found(id))
    }

    /// GetApps.
    pub fn list_apps(&self, page: PageRequest) -> ApplicationsResponse {
        let store = self.read();
        let (items, next_token) = store.apps.page(page);
        ApplicationsResponse {
            item: items.into_iter().map(|r| r.app.clone()).collect(),
            next_token,
        }
    }

    /// Number of projects (for the status line of `pinpoint-mock`).
    #[must_use]
    pub fn app_count(&self) -> usize {
        self.read().apps.len()
    }

    // ---- Settings ----

    /// GetApplicationSettings.
    pub fn get_settings(&self, app_id: &str) -> MockResult<ApplicationSettingsResource> {
        self.read()
            .apps
            .get(app_id)
            .map(|r| r.settings.clone())
            .ok_or_else(|| app_not_found(app_id))
    }

    /// UpdateApplicationSettings: members present in the request replace the stored ones,
    /// member by member inside `Limits`, `QuietTime` and `CampaignHook`; absent ones are kept.
    /// An empty string clears a quiet-time bound or a hook member.
    pub fn update_settings(
        &self,
        app_id: &str,
        request: WriteApplicationSettingsRequest,
    ) -> MockResult<ApplicationSettingsResource> {
        let mut store = self.write();
        let record = store.apps.get_mut(app_id).ok_or_else(|| app_not_found(app_id))?;
        let mut settings = record.settings.clone();
        if let Some(limits) = request.limits {
            settings.limits = Some(merge_limits(settings.limits.unwrap_or_default(), &limits)?);
        }
        if let Some(quiet) = request.quiet_time {
            settings.quiet_time = merge_quiet_time(settings.quiet_time.unwrap_or_default(), quiet)?;
        }
        if let Some(hook) = request.campaign_hook {
            settings.campaign_hook = merge_hook(settings.campaign_hook.unwrap_or_default(), hook)?;
        }
        if let Some(journey) = request.journey_limits {
            settings.journey_limits = Some(journey);
        }
        settings.last_modified_date = Some(self.now());
        record.settings = settings.clone();
        if let Some(v) = request.cloud_watch_metrics_enabled {
            record.cloud_watch_metrics_enabled = v;
        }
        if let Some(v) = request.event_tagging_enabled {
            record.event_tagging_enabled = v;
        }
        Ok(settings)
    }
}

fn app_not_found(id: &str) -> MockError {
    MockError::resource_not_found("Application", id)
}

/// Merges a limits update into the stored limits, validating each value given.
pub fn merge_limits(
    mut stored: CampaignLimits,
    update: &CampaignLimits,
) -> MockResult<CampaignLimits> {
    let bad = MockError::bad_request;
    if let Some(v) = update.daily {
        rules::endpoint_cap("Limits.Daily", v).map_err(bad)?;
        stored.daily = Some(v);
    }
    if let Some(v) = update.total {
        rules::endpoint_cap("Limits.Total", v).map_err(bad)?;
        stored.total = Some(v);
    }
    if let Some(v) = update.messages_per_second {
        rules::messages_per_second("Limits.MessagesPerSecond", v).map_err(bad)?;
        stored.messages_per_second = Some(v);
    }
    if let Some(v) = update.maximum_duration {
        rules::maximum_duration("Limits.MaximumDuration", v).map_err(bad)?;
        stored.maximum_duration = Some(v);
    }
    if let Some(v) = update.session {
        if v < 0 {
            return Err(bad("Limits.Session must not be negative".to_owned()));
        }
        stored.session = Some(v);
    }
    Ok(stored)
}

/// Which outbox entries to list.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct OutboxFilter {
    /// Only this project.
    #[serde(rename = "application-id")]
    pub app_id: Option<String>,
    /// Only this channel type.
    pub channel: Option<String>,
    /// Only this campaign.
    #[serde(rename = "campaign-id")]
    pub campaign_id: Option<String>,
    /// Address or endpoint id containing this.
    pub recipient: Option<String>,
    /// At most this many.
    pub limit: Option<usize>,
}

fn created_jobs(jobs: &Collection<Value>) -> Vec<String> {
    jobs.iter()
        .filter(|j| j.get("JobStatus").and_then(Value::as_str) == Some("CREATED"))
        .filter_map(|j| j.get("Id").and_then(Value::as_str).map(str::to_owned))
        .collect()
}

/// A new server-side id: 32 lowercase hex characters, as the service makes them.
fn new_id() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

fn non_empty(v: Option<String>) -> Option<String> {
    v.filter(|s| !s.is_empty())
}

fn merge_quiet_time(stored: QuietTime, update: QuietTime) -> MockResult<Option<QuietTime>> {
    let start = match update.start {
        Some(v) => non_empty(Some(v)),
        None => stored.start,
    };
    let end = match update.end {
        Some(v) => non_empty(Some(v)),
        None => stored.end,
    };
    for (member, value) in [("QuietTime.Start", &start), ("QuietTime.End", &end)] {
        if let Some(v) = value {
            rules::quiet_time_bound(member, v).map_err(MockError::bad_request)?;
        }
    }
    rules::quiet_time_pair(start.as_deref(), end.as_deref()).map_err(MockError::bad_request)?;
    Ok((start.is_some() || end.is_some()).then_some(QuietTime { end, start }))
}

fn merge_hook(stored: CampaignHook, update: CampaignHook) -> MockResult<Option<CampaignHook>> {
    let pick = |new: Option<String>, old: Option<String>| match new {
        Some(v) => non_empty(Some(v)),
        None => old,
    };
    let hook = CampaignHook {
        lambda_function_name: pick(update.lambda_function_name, stored.lambda_function_name),
        mode: pick(update.mode, stored.mode),
        web_url: pick(update.web_url, stored.web_url),
    };
    if let Some(name) = &hook.lambda_function_name {
        rules::lambda_function_name("CampaignHook.LambdaFunctionName", name)
            .map_err(MockError::bad_request)?;
    }
    if let Some(url) = &hook.web_url {
        rules::hook_web_url("CampaignHook.WebUrl", url).map_err(MockError::bad_request)?;
    }
    let empty = hook == CampaignHook::default();
    Ok((!empty).then_some(hook))
}
