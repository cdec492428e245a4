//! Endpoints walking a journey's activities: each participant whose time has come goes
//! through as many activities as it can now (a wait or a held message stops it), and every
//! activity it passes counts in the activity's metrics (`Branch_0`… for the path a split
//! sent it down).

use chrono::{DateTime, Duration, Utc};
use serde_json::Value;

use super::conditions::holds;
use super::graph::{is_message, kind};
use super::message::{Outcome, Send, send};
use super::timing::{instant, iso_duration, zone_or_utc};
use super::{JOURNEY_PART, Tick, is_local};
use crate::mock::engine::delivery::Sinks;
use crate::mock::engine::templates::Templates;
use crate::mock::store::{JourneyRuntime, Participant, ProjectRecord, participant_key};

/// A stable percentile (0-99) of an endpoint at one activity: the same endpoint takes the
/// same path every time, and the endpoints of a population spread evenly.
fn percentile(journey_id: &str, activity_id: &str, endpoint_id: &str) -> u64 {
    // FNV-1a, then a SplitMix64 finish so nearby ids spread.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in [journey_id, "/", activity_id, "/", endpoint_id] {
        for b in part.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h = (h ^ (h >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h = (h ^ (h >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^= h >> 31;
    h % 100
}

/// When a `WaitTime` ends for an endpoint, on the journey's clock.
fn wait_end(
    journey: &Value,
    wait: &Value,
    zone: chrono_tz::Tz,
    clock: DateTime<Utc>,
    now: DateTime<Utc>,
) -> DateTime<Utc> {
    if let Some(d) = wait.get("WaitFor").and_then(Value::as_str).and_then(iso_duration) {
        return clock + d;
    }
    let until = wait
        .get("WaitUntil")
        .and_then(Value::as_str)
        .and_then(|t| instant(t, is_local(journey), zone));
    clock + until.map_or(Duration::zero(), |u| (u - now).max(Duration::zero()))
}

/// Where a participant leaves the journey.
fn leave(rt: &mut JourneyRuntime, p: &mut Participant) {
    p.active = false;
    rt.active = rt.active.saturating_sub(1);
    let run = p.run.clone();
    if let Some(r) = rt.run_mut(&run) {
        r.active = r.active.saturating_sub(1);
    }
    rt.count(&run, "ENDPOINT_LEFT", 1);
}

/// What one activity did with a participant.
enum Step {
    /// Go on to this activity (none: the journey is done for it).
    Next(Option<String>),
    /// Stay here until `Participant::due`.
    Stop,
    /// Leave the journey.
    Leave,
}

struct Walker<'a> {
    app_id: &'a str,
    templates: &'a Templates,
    journey: &'a Value,
    id: &'a str,
    settings: Value,
    now: DateTime<Utc>,
    clock: DateTime<Utc>,
}

impl Walker<'_> {
    /// Runs the participant's current activity.
    fn activity(
        &self,
        app: &ProjectRecord,
        endpoint_id: &str,
        p: &mut Participant,
        rt: &mut JourneyRuntime,
        sinks: &mut Sinks,
    ) -> Step {
        let activity_id = p.activity.clone();
        let run = p.run.clone();
        let Some(activity) = self.journey.pointer(&format!("/Activities/{activity_id}")) else {
            return Step::Next(None);
        };
        let Some(kind) = kind(activity) else { return Step::Next(None) };
        let body = activity.get(kind).unwrap_or(&Value::Null);
        let next = |member: &str| body.get(member).and_then(Value::as_str).map(str::to_owned);
        let zone = || zone_or_utc(app.endpoints.get(endpoint_id).and_then(|e| e.timezone()));
        // Waits and split evaluation waits: the first visit starts the wait.
        let wait = match kind {
            "Wait" => body.get("WaitTime"),
            "ConditionalSplit" | "MultiCondition" => body.get("EvaluationWaitTime"),
            _ => None,
        };
        if let Some(wait) = wait.filter(|w| !w.is_null())
            && !p.waiting
        {
            p.waiting = true;
            p.due = wait_end(self.journey, wait, zone(), self.clock, self.now);
            if p.due > self.clock {
                return Step::Stop;
            }
        }
        let count =
            |rt: &mut JourneyRuntime, metric: &str| rt.count_activity(&run, &activity_id, metric);
        match kind {
            "Wait" => {
                count(rt, "COMPLETED");
                Step::Next(next("NextActivity"))
            }
            "Holdout" => {
                let share = body.get("Percentage").and_then(Value::as_u64).unwrap_or(0);
                if percentile(self.id, &activity_id, endpoint_id) < share {
                    count(rt, "HOLDOUT");
                    Step::Leave
                } else {
                    count(rt, "SUCCESS");
                    Step::Next(next("NextActivity"))
                }
            }
            "RandomSplit" => {
                let at = percentile(self.id, &activity_id, endpoint_id);
                let branches =
                    body.get("Branches").and_then(Value::as_array).map_or(&[][..], Vec::as_slice);
                let mut edge = 0;
                let mut taken = branches.len().saturating_sub(1);
                for (i, b) in branches.iter().enumerate() {
                    edge += b.get("Percentage").and_then(Value::as_u64).unwrap_or(0);
                    if at < edge {
                        taken = i;
                        break;
                    }
                }
                count(rt, &format!("Branch_{taken}"));
                Step::Next(
                    branches
                        .get(taken)
                        .and_then(|b| b.get("NextActivity"))
                        .and_then(Value::as_str)
                        .map(str::to_owned),
                )
            }
            "ConditionalSplit" => {
                let condition = body.get("Condition").unwrap_or(&Value::Null);
                if holds(app, condition, endpoint_id, p.entered, self.now) {
                    count(rt, "Branch_0");
                    Step::Next(next("TrueActivity"))
                } else {
                    count(rt, "Branch_1");
                    Step::Next(next("FalseActivity"))
                }
            }
            "MultiCondition" => {
                let branches =
                    body.get("Branches").and_then(Value::as_array).map_or(&[][..], Vec::as_slice);
                let found = branches.iter().position(|b| {
                    b.get("Condition").is_some_and(|c| {
                        super::conditions::simple(app, c, endpoint_id, p.entered, self.now)
                    })
                });
                if let Some(i) = found {
                    count(rt, &format!("Branch_{i}"));
                    Step::Next(
                        branches[i].get("NextActivity").and_then(Value::as_str).map(str::to_owned),
                    )
                } else {
                    count(rt, "Branch_Else");
                    Step::Next(next("DefaultActivity"))
                }
            }
            "ContactCenter" => {
                count(rt, "SUCCESS");
                Step::Next(next("NextActivity"))
            }
            kind if is_message(kind) => {
                let s = Send {
                    app_id: self.app_id,
                    templates: self.templates,
                    journey: self.journey,
                    journey_id: self.id,
                    activity_id: &activity_id,
                    kind,
                    settings: &self.settings,
                    now: self.now,
                };
                match send(&s, app, endpoint_id, p, rt, sinks) {
                    Outcome::Sent => {
                        count(rt, "SUCCESS");
                        Step::Next(next("NextActivity"))
                    }
                    Outcome::Hold(until, metric) => {
                        // Counted once per hold, not at every look.
                        if !p.waiting {
                            count(rt, metric);
                        }
                        p.waiting = true;
                        p.due = self.clock + (until - self.now).max(Duration::seconds(1));
                        Step::Stop
                    }
                    Outcome::Skip(metric) => {
                        count(rt, metric);
                        Step::Next(next("NextActivity"))
                    }
                    Outcome::Leave(metric) => {
                        count(rt, metric);
                        Step::Leave
                    }
                }
            }
            _ => Step::Next(None),
        }
    }

    /// Moves one participant on as far as it goes now.
    fn advance(
        &self,
        app: &ProjectRecord,
        endpoint_id: &str,
        p: &mut Participant,
        rt: &mut JourneyRuntime,
        sinks: &mut Sinks,
    ) {
        // Activities form no cycle, so a walk visits each at most once.
        let most = self
            .journey
            .get("Activities")
            .and_then(Value::as_object)
            .map_or(0, serde_json::Map::len)
            + 1;
        for _ in 0..most {
            if !p.active || p.due > self.clock {
                return;
            }
            match self.activity(app, endpoint_id, p, rt, sinks) {
                Step::Stop => return,
                Step::Next(Some(next)) => {
                    p.activity = next;
                    p.waiting = false;
                }
                Step::Leave | Step::Next(None) => {
                    leave(rt, p);
                    return;
                }
            }
        }
    }
}

/// Moves on at most `JOURNEY_PART` of the journey's participants whose time has come; false
/// when none was due (or the journey is paused).
pub(super) fn walk(
    app: &mut ProjectRecord,
    tick: Tick<'_>,
    journey: &Value,
    id: &str,
    rt: &mut JourneyRuntime,
    sinks: &mut Sinks,
) -> bool {
    let Tick { app_id, now, templates } = tick;
    if rt.paused_at.is_some() {
        return false;
    }
    let clock = rt.clock(now);
    let prefix = participant_key(id, "");
    let due: Vec<String> = app
        .journey_participants
        .iter()
        .skip_while(|(k, _)| k.as_str() < prefix.as_str())
        .take_while(|(k, _)| k.starts_with(&prefix))
        .filter(|(_, p)| p.active && p.due <= clock)
        .take(JOURNEY_PART)
        .map(|(k, _)| k.clone())
        .collect();
    if due.is_empty() {
        return false;
    }
    let walker = Walker {
        app_id,
        templates,
        journey,
        id,
        settings: serde_json::to_value(&*app.settings).unwrap_or(Value::Null),
        now,
        clock,
    };
    let mut moved = Vec::with_capacity(due.len());
    for key in due {
        let Some(mut p) = app.journey_participants.get(&key).cloned() else { continue };
        let endpoint_id = &key[prefix.len()..];
        walker.advance(app, endpoint_id, &mut p, rt, sinks);
        moved.push((key, p));
    }
    for (key, p) in moved {
        app.journey_participants.insert(key, p);
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_spread_evenly() {
        let mut counts = [0u32; 4];
        for i in 0..40_000 {
            counts[(percentile("j", "split", &format!("endpoint-{i}")) / 25) as usize] += 1;
        }
        for c in counts {
            assert!((9_600..=10_400).contains(&c), "{counts:?}");
        }
        assert_eq!(percentile("j", "a", "e"), percentile("j", "a", "e"));
    }
}
