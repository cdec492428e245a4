//! What the engine keeps of each journey beside its `JourneyResponse`: its runs and metrics
//! (`JourneyRuntime`, one row per journey) and where each endpoint stands in it
//! (`Participant`, one row per journey and endpoint, keyed by `participant_key`). An endpoint
//! moving on rewrites only its own row and its journey's, in the same transaction, so a
//! restart finds every endpoint at the activity its last stored step left it at.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Counts by metric name (`ENDPOINT_ENTERED`, `SUCCESS`, `Branch_0`, …).
pub type Metrics = BTreeMap<String, u64>;

/// The key of one endpoint's place in one journey in `ProjectRecord::journey_participants`.
#[must_use]
pub fn participant_key(journey_id: &str, endpoint_id: &str) -> String {
    format!("{journey_id}/{endpoint_id}")
}

/// The key of one part of a run's entrants (endpoint ids still to enter) in
/// `ProjectRecord::journey_entrants`.
#[must_use]
pub fn entrants_key(journey_id: &str, run_id: &str, part: u32) -> String {
    format!("{journey_id}/{run_id}/{part}")
}

/// A run whose segment's endpoints are entering, a part (one transaction) at a time.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entering {
    /// The run.
    pub run: String,
    /// The next part to enter.
    pub next: u32,
    /// The run's parts.
    pub parts: u32,
}

/// Runs, metrics and clocks of one journey.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct JourneyRuntime {
    /// Its runs, oldest first.
    pub runs: Vec<JourneyRun>,
    /// When the segment's endpoints enter next (segment-started journeys).
    pub next_entry: Option<DateTime<Utc>>,
    /// A run whose endpoints are entering.
    pub entering: Option<Entering>,
    /// The segment version the last run was evaluated from (for `RefreshOnSegmentUpdate`).
    pub segment_version: Option<i64>,
    /// When the journey was paused, while it is.
    pub paused_at: Option<DateTime<Utc>>,
    /// Milliseconds spent paused so far: the journey's clock is the wall clock minus this, so
    /// a wait keeps the time it had left when the journey was paused.
    pub paused_ms: i64,
    /// Participants now in the journey.
    pub active: u64,
    /// Journey execution metrics.
    pub metrics: Metrics,
    /// Activity execution metrics, by activity id.
    pub activities: BTreeMap<String, Metrics>,
    /// The last time the engine looked at the journey.
    pub evaluated: Option<DateTime<Utc>>,
    /// Messages sent in one second of the journey's clock (`MessagesPerSecond`): the second
    /// (Unix time) and the count.
    pub second: (i64, u64),
}

/// One run of a journey: one entry of its segment (or, for an event-started journey, the
/// run its events enter).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct JourneyRun {
    /// The run id.
    pub id: String,
    /// When it started.
    pub created: DateTime<Utc>,
    /// When it last changed.
    pub updated: DateTime<Utc>,
    /// `RUNNING`, `COMPLETED` or `CANCELLED` (`JourneyRunStatus`).
    pub status: String,
    /// Participants of this run still in the journey.
    pub active: u64,
    /// Run execution metrics.
    pub metrics: Metrics,
    /// Run activity execution metrics, by activity id.
    pub activities: BTreeMap<String, Metrics>,
}

/// Where one endpoint stands in one journey.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participant {
    /// The run it entered with.
    pub run: String,
    /// The activity it is at.
    pub activity: String,
    /// When (on the journey's clock) it may go on.
    pub due: DateTime<Utc>,
    /// True once the current activity has started waiting (a wait, or a split's evaluation
    /// wait), so reaching `due` ends the wait rather than starting it.
    pub waiting: bool,
    /// When it last entered (events after this count for event conditions).
    pub entered: DateTime<Utc>,
    /// Times it has entered.
    pub entries: u32,
    /// False once it has left the journey.
    pub active: bool,
    /// When this journey sent it messages (for the daily, total and timeframe caps).
    pub sends: Vec<DateTime<Utc>>,
}

impl JourneyRuntime {
    /// The journey's clock at `now`: wall time minus the time spent paused.
    #[must_use]
    pub fn clock(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        let at = self.paused_at.map_or(now, |p| p.min(now));
        at - chrono::Duration::milliseconds(self.paused_ms)
    }

    /// The run `id`, mutably.
    pub fn run_mut(&mut self, id: &str) -> Option<&mut JourneyRun> {
        self.runs.iter_mut().find(|r| r.id == id)
    }

    /// Adds `n` to a journey metric and to the same metric of run `run`.
    pub fn count(&mut self, run: &str, metric: &str, n: u64) {
        *self.metrics.entry(metric.to_owned()).or_default() += n;
        if let Some(r) = self.run_mut(run) {
            *r.metrics.entry(metric.to_owned()).or_default() += n;
        }
    }

    /// Adds one to an activity metric, for the journey and for run `run`.
    pub fn count_activity(&mut self, run: &str, activity: &str, metric: &str) {
        let all = self.activities.entry(activity.to_owned()).or_default();
        *all.entry(metric.to_owned()).or_default() += 1;
        if let Some(r) = self.run_mut(run) {
            let one = r.activities.entry(activity.to_owned()).or_default();
            *one.entry(metric.to_owned()).or_default() += 1;
        }
    }
}
