//! Campaign runs. A run opens at its scheduled time: the segment is evaluated, opted-out and
//! inactive endpoints dropped, and each endpoint placed by its cohort in the holdout or a
//! treatment. Endpoints are grouped by time zone when the schedule uses local time, and each
//! zone is delivered when its local wall-clock time comes; otherwise all at once. Each
//! delivery checks the channel, quiet time, the daily and total caps and the rate limit, then
//! lands in the outbox. Activities record the counts per treatment; the campaign's `State`
//! follows.
//!
//! **Steps.** A run over a million endpoints must not hold its project for seconds, so the
//! work is cut into steps, each its own short transaction, and the backend calls them in a
//! loop (`backend::job_runs`):
//!
//! 1. `step` (write) keeps each campaign's schedule and state, and delivers at most one part
//!    (`RUN_PART` endpoints) of a run that has a due zone; or it answers the run that is due
//!    to open.
//! 2. `audience` (read) evaluates that run's segment over every endpoint, with the project
//!    only read.
//! 3. `open` (write) stores the audience in parts of its own (`ProjectRecord::run_members`),
//!    if the campaign and its schedule are still as they were.
//!
//! A part is removed in the transaction that delivers it, with the outbox entries, the sends
//! (for caps), the activity counts and the run's cursor, so a run stopped at any point goes on
//! after a restart where its last stored part ended: nobody is messaged twice or skipped.

mod activities;
mod members;
mod open;
mod state;
mod step;

pub use members::treatment_of;
pub use open::{Audience, audience, forget_members, open};
pub use step::step;

pub(super) use activities::{create_activities, deliver_members, finish, record};
pub(super) use members::for_each_member;
pub(super) use state::{save, settings_value, treatments};

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};

use super::delivery::Sinks;
use super::templates::Templates;
use crate::mock::store::ProjectRecord;

/// Endpoints per stored part of an open run, which is also the most one write transaction of
/// a run delivers. At about 10 µs a delivery (release build, measured by `benches/campaign_run`),
/// a part holds its project for about 20 ms: a request waiting on the project waits no longer
/// than that, and a run over a million endpoints is 500 transactions (each one commit for a
/// durable store).
pub const RUN_PART: usize = 2_000;

/// A run due to open: the backend evaluates its `audience` (reading the project) and then
/// `open`s it (writing).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueRun {
    /// The campaign.
    pub campaign_id: String,
    /// The campaign version the run is for.
    pub version: i64,
    /// The run's scheduled instant.
    pub scheduled: DateTime<Utc>,
}

/// What one `step` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// A part of a run was delivered: there may be more.
    Delivered,
    /// This run is due to open.
    Open(DueRun),
    /// Nothing is due now (or only runs in `skip`).
    Idle,
}

/// Runs everything that is due in one project inside one transaction (`step`, `audience`
/// and `open` in a loop): for tests and tools that hold a project record of their own. The
/// server runs the steps in transactions of their own (`backend::job_runs`).
pub fn run_project(
    app: &mut ProjectRecord,
    app_id: &str,
    now: DateTime<Utc>,
    sinks: &mut Sinks,
    templates: &Templates,
) {
    let mut opened: BTreeMap<String, u32> = BTreeMap::new();
    let mut skip = BTreeSet::new();
    loop {
        match step(app, app_id, now, sinks, &skip, templates) {
            Step::Delivered => {}
            Step::Idle => break,
            Step::Open(due) => {
                let count = opened.entry(due.campaign_id.clone()).or_default();
                *count += 1;
                if *count >= MAX_OPENS_PER_TICK {
                    skip.insert(due.campaign_id.clone());
                }
                let opened = audience(app, &due, now).is_some_and(|a| open(app, app_id, a, now));
                if !opened {
                    skip.insert(due.campaign_id);
                }
            }
        }
    }
}

/// Runs of one campaign opened in one tick at most: a schedule far behind catches up over
/// several ticks.
pub const MAX_OPENS_PER_TICK: u32 = 1000;
