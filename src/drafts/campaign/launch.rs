//! When a campaign sends: a new campaign's default start (tomorrow at 09:00 in the console's
//! time zone, never "immediately"), the next instant a schedule sends, whether a save would make
//! the campaign send now or soon (so the console asks for a review first), and which channel
//! holds the message a person reads first.

use chrono::{DateTime, Duration, Months, NaiveTime, TimeZone, Utc};

use super::{
    CampaignDraft, EmailDraft, MessagesDraft, PUSH_CHANNELS, PushDraft, ScheduleDraft, SmsDraft,
};
use crate::pinpoint::rules;

/// A save that makes a campaign send within this much time is reviewed before it is sent.
pub const SOON: Duration = Duration::minutes(15);

/// A local-time run starts when the earliest time zone (UTC+14) reaches the start's wall-clock
/// time: that much before the instant the start names.
const LOCAL_TIME_LEAD: Duration = Duration::hours(14);

/// The hour a new campaign starts at, the day after it is created.
const DEFAULT_HOUR: u32 = 9;

/// A new campaign's start: tomorrow at 09:00 in `now`'s time zone (the console's), as the UTC
/// instant the service is sent. Far enough ahead that filling in the form never makes it send
/// on its own, and at a working hour rather than the middle of the night.
#[must_use]
pub fn default_start<Tz: TimeZone>(now: &DateTime<Tz>) -> DateTime<Utc> {
    let nine = NaiveTime::from_hms_opt(DEFAULT_HOUR, 0, 0).unwrap_or_default();
    now.date_naive()
        .succ_opt()
        .and_then(|tomorrow| {
            now.timezone().from_local_datetime(&tomorrow.and_time(nine)).earliest()
        })
        .map_or_else(|| now.with_timezone(&Utc) + Duration::days(1), |t| t.with_timezone(&Utc))
}

impl ScheduleDraft {
    /// A schedule that sends once, at `at`.
    #[must_use]
    pub fn once_at(at: DateTime<Utc>) -> Self {
        Self {
            immediate: false,
            start_time: at.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
            ..Self::default()
        }
    }

    /// True for a campaign that sends when an endpoint reports an event, not at a time.
    #[must_use]
    pub fn waits_for_events(&self) -> bool {
        matches!(self.frequency.as_str(), "EVENT" | "IN_APP_EVENT")
    }

    /// For an event-triggered schedule: when it goes live (from then on every matching event
    /// sends): `now` for "immediately" or a start already past, else its start; `None` once
    /// ended, for a start that does not parse, or for a schedule that runs at set times.
    #[must_use]
    pub fn goes_live(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        if !self.waits_for_events() {
            return None;
        }
        let start = if self.immediate {
            now
        } else {
            rules::iso_timestamp("", self.start_time.trim()).ok()?.max(now)
        };
        match rules::iso_timestamp("", self.end_time.trim()).ok() {
            Some(end) if end < start => None,
            _ => Some(start),
        }
    }

    /// The first instant at or after `now` this schedule sends (for a local-time schedule, when
    /// its earliest time zone does); `now` for "immediately" or a start already past. `None`
    /// for an event-triggered schedule, one that has ended, or a start that does not parse.
    #[must_use]
    pub fn next_send(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        if self.waits_for_events() {
            return None;
        }
        if self.immediate {
            return Some(now);
        }
        let lead = if self.local_time { LOCAL_TIME_LEAD } else { Duration::zero() };
        let start = rules::iso_timestamp("", self.start_time.trim()).ok()? - lead;
        let end = rules::iso_timestamp("", self.end_time.trim()).ok().map(|end| end - lead);
        let mut next = start;
        let step = |t: DateTime<Utc>| -> Option<DateTime<Utc>> {
            match self.frequency.as_str() {
                "HOURLY" => Some(t + Duration::hours(1)),
                "DAILY" => Some(t + Duration::days(1)),
                "WEEKLY" => Some(t + Duration::weeks(1)),
                "MONTHLY" => t.checked_add_months(Months::new(1)),
                _ => None,
            }
        };
        // Fixed periods jump straight to the last run before `now` (an hourly campaign that
        // started years ago must not walk every hour on every frame); months still step.
        let period = match self.frequency.as_str() {
            "HOURLY" => Some(Duration::hours(1)),
            "DAILY" => Some(Duration::days(1)),
            "WEEKLY" => Some(Duration::weeks(1)),
            _ => None,
        };
        if let Some(period) = period
            && next < now
        {
            let behind = (now - next).num_seconds() / period.num_seconds().max(1);
            next += Duration::seconds(behind.saturating_sub(1) * period.num_seconds());
        }
        while next < now {
            match step(next) {
                Some(later) => next = later,
                // A one-time start already past: the service sends at once.
                None => return Some(now),
            }
        }
        match end {
            Some(end) if next > end => None,
            _ => Some(next),
        }
    }
}

impl CampaignDraft {
    /// A new campaign's form: the segment given, sending once at [`default_start`].
    #[must_use]
    pub fn new_campaign(segment_id: &str, start: DateTime<Utc>) -> Self {
        Self {
            segment_id: segment_id.to_owned(),
            schedule: ScheduleDraft::once_at(start),
            ..Self::default()
        }
    }

    /// When saving this draft makes the campaign send within [`SOON`] of `now` (the campaign's
    /// schedule or a treatment's own), or go live for its events that soon (every matching
    /// event then sends): the earliest such instant. `None` while paused.
    #[must_use]
    pub fn sends_soon(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        if self.paused {
            return None;
        }
        std::iter::once(&self.schedule)
            .chain(self.treatments.iter().filter(|t| t.own_schedule).map(|t| &t.schedule))
            .filter_map(|s| s.next_send(now).or_else(|| s.goes_live(now)))
            .filter(|at| *at <= now + SOON)
            .min()
    }
}

impl MessagesDraft {
    /// The wire member of the first channel, in the editor's tab order, that holds a message;
    /// `None` when none does.
    #[must_use]
    pub fn primary_channel(&self) -> Option<&'static str> {
        PUSH_CHANNELS
            .iter()
            .map(|(_, member)| *member)
            .find(|member| self.push(member) != &PushDraft::default())
            .or_else(|| (self.email != EmailDraft::default()).then_some("EmailMessage"))
            .or_else(|| (self.sms != SmsDraft::default()).then_some("SMSMessage"))
            .or_else(|| (!self.custom.trim().is_empty()).then_some("CustomMessage"))
            .or_else(|| (!self.in_app_message.is_empty()).then_some("InAppMessage"))
    }

    /// The wire members of every channel that holds a message, in the editor's tab order.
    #[must_use]
    pub fn filled_channels(&self) -> Vec<&'static str> {
        let mut filled: Vec<&'static str> = PUSH_CHANNELS
            .iter()
            .map(|(_, member)| *member)
            .filter(|member| self.push(member) != &PushDraft::default())
            .collect();
        if self.email != EmailDraft::default() {
            filled.push("EmailMessage");
        }
        if self.sms != SmsDraft::default() {
            filled.push("SMSMessage");
        }
        if !self.custom.trim().is_empty() {
            filled.push("CustomMessage");
        }
        if !self.in_app_message.is_empty() {
            filled.push("InAppMessage");
        }
        filled
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::drafts::campaign::TreatmentDraft;

    fn at(iso: &str) -> DateTime<Utc> {
        rules::iso_timestamp("", iso).unwrap()
    }

    #[test]
    fn a_new_campaign_starts_tomorrow_at_nine_local_time() {
        let berlin = chrono::FixedOffset::east_opt(2 * 3600).unwrap();
        let late = berlin.with_ymd_and_hms(2026, 5, 1, 23, 50, 0).unwrap();
        assert_eq!(default_start(&late), at("2026-05-02T07:00:00Z"));
        let early = berlin.with_ymd_and_hms(2026, 5, 1, 0, 10, 0).unwrap();
        assert_eq!(default_start(&early), at("2026-05-02T07:00:00Z"));
        let d = CampaignDraft::new_campaign("s", default_start(&late));
        assert!(!d.schedule.immediate);
        assert_eq!(d.schedule.start_time, "2026-05-02T07:00:00Z");
        assert_eq!(d.schedule.frequency, "ONCE");
        assert_eq!(d.sends_soon(late.with_timezone(&Utc)), None, "never a surprise send");
        assert!(d.to_request().is_err_and(|e| e.get("start").is_none()), "the start is valid");
    }

    #[test]
    fn a_save_sends_soon_when_the_next_run_is_within_fifteen_minutes() {
        let now = at("2026-05-01T12:00:00Z");
        let mut d = CampaignDraft::default();
        assert_eq!(d.sends_soon(now), Some(now), "immediately");
        d.paused = true;
        assert_eq!(d.sends_soon(now), None, "paused");
        d.paused = false;
        d.schedule = ScheduleDraft::once_at(at("2026-05-01T12:10:00Z"));
        assert_eq!(d.sends_soon(now), Some(at("2026-05-01T12:10:00Z")));
        d.schedule = ScheduleDraft::once_at(at("2026-05-01T12:20:00Z"));
        assert_eq!(d.sends_soon(now), None, "twenty minutes away");
        d.schedule = ScheduleDraft::once_at(at("2026-04-01T12:00:00Z"));
        assert_eq!(d.sends_soon(now), Some(now), "a start already past sends at once");
        // A daily campaign started last month: its next run is today at 12:05.
        d.schedule.start_time = "2026-04-01T12:05:00Z".into();
        d.schedule.frequency = "DAILY".into();
        assert_eq!(d.sends_soon(now), Some(at("2026-05-01T12:05:00Z")));
        d.schedule.end_time = "2026-04-30T00:00:00Z".into();
        assert_eq!(d.sends_soon(now), None, "ended");
        // Local time: the earliest zone is 14 hours ahead of the instant named.
        d.schedule = ScheduleDraft::once_at(at("2026-05-02T02:10:00Z"));
        assert_eq!(d.sends_soon(now), None);
        d.schedule.local_time = true;
        assert_eq!(d.sends_soon(now), Some(at("2026-05-01T12:10:00Z")));
        // An event-triggered campaign goes live at once: each matching event then sends.
        d.schedule = ScheduleDraft { frequency: "EVENT".into(), ..ScheduleDraft::default() };
        assert_eq!(d.sends_soon(now), Some(now), "live as soon as it is saved");
        d.schedule.immediate = false;
        d.schedule.start_time = "2026-05-03T00:00:00Z".into();
        assert_eq!(d.sends_soon(now), None, "live only in two days");
        // A treatment's own schedule counts too.
        d.treatments.push(TreatmentDraft { own_schedule: true, ..TreatmentDraft::default() });
        assert_eq!(d.sends_soon(now), Some(now));
    }

    #[test]
    fn the_primary_channel_is_the_first_tab_with_a_message() {
        let mut m = MessagesDraft::default();
        assert_eq!(m.primary_channel(), None);
        m.sms.body = "Hi".into();
        assert_eq!(m.primary_channel(), Some("SMSMessage"));
        m.email.subject = "Trails".into();
        assert_eq!(m.primary_channel(), Some("EmailMessage"));
        assert_eq!(m.filled_channels(), ["EmailMessage", "SMSMessage"]);
        m.default.body = "Welcome!".into();
        assert_eq!(m.primary_channel(), Some("DefaultMessage"));
    }

    #[test]
    fn an_old_recurring_start_jumps_to_its_next_run() {
        let now = Utc.with_ymd_and_hms(2026, 12, 3, 10, 30, 0).unwrap();
        let schedule = ScheduleDraft {
            immediate: false,
            start_time: "1990-01-01T09:00:00Z".into(),
            frequency: "HOURLY".into(),
            ..ScheduleDraft::default()
        };
        assert_eq!(
            schedule.next_send(now),
            Some(Utc.with_ymd_and_hms(2026, 12, 3, 11, 0, 0).unwrap())
        );
        let daily = ScheduleDraft { frequency: "DAILY".into(), ..schedule };
        assert_eq!(daily.next_send(now), Some(Utc.with_ymd_and_hms(2026, 12, 4, 9, 0, 0).unwrap()));
    }
}
