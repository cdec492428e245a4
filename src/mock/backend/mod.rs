//! The mock's backend: the service's rules over a store. HTTP never reaches here; routes
//! parse and validate the wire, then call one method per operation. One file per resource
//! adds its `impl Backend` block; this file holds the backend itself and apps. Every
//! operation works inside one project through the `store::Store` seam (one transaction per
//! call), and the backend runs the engine inside those transactions (`job_runs`).

mod attributes;
mod campaigns;
mod channels;
mod endpoints;
mod events;
mod extensions;
mod inapp;
mod job_runs;
mod jobs;
mod journey_metrics;
mod journey_rules;
mod journey_states;
mod journeys;
mod kpi_catalog;
mod kpis;
mod messages;
mod otp;
mod phone;
mod recommenders;
mod segments;
mod settings;
mod tags;
mod template_list;
mod templates;
mod world;

pub use channels::ChannelKind;
pub use endpoints::upsert as upsert_endpoint;
pub use extensions::count_matching;
pub use jobs::JobKind;
pub use kpis::KpiQuery;
pub use settings::merge_limits;

pub use crate::mock::store::MAX_STORED_EVENTS;

use std::io::Write;
use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::clock::{Clock, SystemClock, iso8601};
use super::engine::delivery::Sinks;
use super::engine::{Files, OUTBOX_CAPACITY, OutboxEntry};
use super::error::{MockError, MockResult};
use super::faults::Faults;
use super::signing::{self, Credentials};
use super::store::{MemoryStore, PageRequest, ProjectRecord, Store};
use super::wire::{
    ApplicationResponse, ApplicationSettingsResource, ApplicationsResponse,
    CreateApplicationRequest,
};
use crate::pinpoint::rules;

/// The account id the mock reports in ARNs.
pub const MOCK_ACCOUNT: &str = "000000000000";

/// The mock service: store, clock, region, files and fault rules. Cheap to share
/// behind an `Arc`.
#[derive(Debug)]
pub struct Backend {
    store: Box<dyn Store>,
    clock: Arc<dyn Clock>,
    region: String,
    files: Files,
    faults: Faults,
    credentials: Option<Credentials>,
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
            store: Box::new(MemoryStore::new()),
            clock,
            region: region.to_owned(),
            files: Files::default(),
            faults: Faults::default(),
            credentials: None,
        }
    }

    /// The same backend with its files (bucket folder, event-stream log) elsewhere.
    #[must_use]
    pub fn with_files(mut self, files: Files) -> Self {
        self.files = files;
        self
    }

    /// The same backend over another store (the seam for a durable store). Give it before
    /// any project is created: projects already in the old store stay there.
    #[must_use]
    pub fn with_store(mut self, store: Box<dyn Store>) -> Self {
        self.store = store;
        self
    }

    /// The same backend verifying the SigV4 signature of every API request with these
    /// credentials (`pinpoint-mock --credentials FILE`); without them any signature passes.
    #[must_use]
    pub fn with_credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(credentials);
        self
    }

    /// The credentials signatures are verified with, if any.
    #[must_use]
    pub fn credentials(&self) -> Option<&Credentials> {
        self.credentials.as_ref()
    }

    /// The fault-injection rules in force (`/_mock/faults`).
    #[must_use]
    pub fn faults(&self) -> &Faults {
        &self.faults
    }

    /// Where this backend keeps its files.
    #[must_use]
    pub fn files(&self) -> &Files {
        &self.files
    }

    /// Records what an operation or a tick of one project delivered: outbox entries not yet
    /// recorded in the project's own transaction (direct sends, which only read the
    /// project), and event-stream records appended as JSON lines to the event log.
    fn emit(&self, app_id: &str, sinks: Sinks) {
        if !sinks.outbox.is_empty() {
            let mut entries = Some(sinks.outbox);
            // A project deleted meanwhile takes its outbox with it.
            let recorded = self.store.write(app_id, |project| {
                project.deliver(entries.take().unwrap_or_default(), OUTBOX_CAPACITY);
                Ok::<(), MockError>(())
            });
            if let Err(error) = recorded {
                tracing::error!(%error, "could not record delivered messages in the outbox");
            }
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

    /// The outbox, newest first, filtered by project, channel, campaign and recipient
    /// (address or endpoint id, substring), at most `limit` entries.
    pub fn outbox(&self, filter: &OutboxFilter) -> Vec<OutboxEntry> {
        let limit = filter.limit.unwrap_or(1000);
        let projects = match &filter.app_id {
            Some(id) => vec![id.clone()],
            None => self.store.project_ids(),
        };
        let mut found: Vec<OutboxEntry> = Vec::new();
        for id in projects {
            let _read = self.store.read(&id, |project| {
                found.extend(
                    project.outbox.iter().rev().filter(|e| filter.admits(e)).take(limit).cloned(),
                );
            });
        }
        // Newest first across projects: times are ISO-8601 UTC, so text order is time order,
        // and the sort is stable, so each project's own order holds within one instant.
        found.sort_by(|a, b| b.time.cmp(&a.time));
        found.truncate(limit);
        found
    }

    fn now(&self) -> String {
        iso8601(self.clock.now())
    }

    /// The clock's current time.
    #[must_use]
    pub fn clock_now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// The ARN of a resource of this account (`apps/ID`, `apps/ID/campaigns/ID`,
    /// `templates/NAME/EMAIL`, …), in the region of the request's SigV4 signing scope, or the
    /// backend's own region outside a signed request. Every ARN the mock makes goes through
    /// here.
    #[must_use]
    pub fn arn(&self, resource: &str) -> String {
        let region = signing::request_region().unwrap_or_else(|| self.region.clone());
        format!("arn:aws:mobiletargeting:{region}:{MOCK_ACCOUNT}:{resource}")
    }

    fn app_arn(&self, id: &str) -> String {
        self.arn(&format!("apps/{id}"))
    }

    /// Runs `f` on a project, read-only; 404 for an unknown project.
    fn with_app<T>(
        &self,
        app_id: &str,
        f: impl FnOnce(&ProjectRecord) -> MockResult<T>,
    ) -> MockResult<T> {
        self.store.read(app_id, f)?.unwrap_or_else(|| Err(app_not_found(app_id)))
    }

    /// Runs `f` on a project as one write transaction; 404 for an unknown project. `f` must
    /// check before it changes anything, so a rejected request leaves no trace (an `Err`
    /// discards the transaction; see `store`).
    fn with_app_mut<T>(
        &self,
        app_id: &str,
        f: impl FnOnce(&mut ProjectRecord) -> MockResult<T>,
    ) -> MockResult<T> {
        self.store.write(app_id, f)?.unwrap_or_else(|| Err(app_not_found(app_id)))
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
        tags::check_tags(&request.tags)?;
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
        if !self.store.create_project(ProjectRecord::new(app.clone(), settings))? {
            return Err(MockError::conflict(format!("Application {id} already exists")));
        }
        Ok(app)
    }

    /// GetApp (answered from the project list, so it never waits on work in the project).
    pub fn get_app(&self, id: &str) -> MockResult<ApplicationResponse> {
        self.store.project(id).ok_or_else(|| app_not_found(id))
    }

    /// DeleteApp: removes the project and everything under it, returning it as it was.
    pub fn delete_app(&self, id: &str) -> MockResult<ApplicationResponse> {
        self.store.delete_project(id)?.ok_or_else(|| app_not_found(id))
    }

    /// GetApps.
    pub fn list_apps(&self, page: PageRequest) -> ApplicationsResponse {
        let (item, next_token) = self.store.list_projects(page);
        ApplicationsResponse { item, next_token }
    }

    /// Number of projects (for the status line of `pinpoint-mock`).
    #[must_use]
    pub fn app_count(&self) -> usize {
        self.store.project_count()
    }
}

fn app_not_found(id: &str) -> MockError {
    MockError::resource_not_found("Application", id)
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
    /// Only this journey.
    #[serde(rename = "journey-id")]
    pub journey_id: Option<String>,
    /// Address or endpoint id containing this.
    pub recipient: Option<String>,
    /// At most this many.
    pub limit: Option<usize>,
}

impl OutboxFilter {
    fn admits(&self, e: &OutboxEntry) -> bool {
        self.channel.as_deref().is_none_or(|c| e.channel.eq_ignore_ascii_case(c))
            && self.campaign_id.as_deref().is_none_or(|c| e.campaign_id.as_deref() == Some(c))
            && self.journey_id.as_deref().is_none_or(|j| e.journey_id.as_deref() == Some(j))
            && self.recipient.as_deref().is_none_or(|r| {
                e.address.contains(r) || e.endpoint_id.as_deref().is_some_and(|id| id.contains(r))
            })
    }
}

/// A new server-side id: 32 lowercase hex characters, as the service makes them.
fn new_id() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}
