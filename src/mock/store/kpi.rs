//! What the KPI operations count, kept as durable per-day counters so they see everything
//! the project ever delivered or received (the outbox and the event list are bounded). The
//! counters are updated in the transaction that records the delivery or the event, so a KPI
//! never disagrees with what was recorded.
//!
//! A counter row is keyed `{day}/{scope}` (see `kpi_key`): the UTC day (`2026-12-01`) and
//! what sent the messages — `-` for direct (transactional) sends, `{campaign}/{activity}`
//! for a campaign run. Its body maps a counter name (`sent/EMAIL`, `open/PUSH`,
//! `click/EMAIL`, `parts/SMS`) to its count. Each endpoint that opened or clicked has a row
//! of its own per day, scope and counter (`kpi_endpoints`, keyed by `kpi_endpoint_key`, its
//! body the endpoint's count), for the unique-open and unique-click metrics: rows stay small
//! however many endpoints engage, so a durable store never rewrites a growing set.

use std::collections::BTreeMap;

use serde_json::Value;

use super::records::ProjectRecord;
use crate::pinpoint::OutboxEntry;

/// The scope of direct (transactional) sends and of events that name no campaign.
pub const DIRECT_SCOPE: &str = "-";

/// The key of one day's counters for one scope.
#[must_use]
pub fn kpi_key(day: &str, scope: &str) -> String {
    format!("{day}/{scope}")
}

/// The key of one endpoint's engagement on one day, for one scope and counter.
#[must_use]
pub fn kpi_endpoint_key(day: &str, scope: &str, counter: &str, endpoint: &str) -> String {
    format!("{day}/{scope}/{counter}/{endpoint}")
}

/// Splits a `kpi_endpoint_key` into its day, scope, counter and endpoint. The scope is `-` or
/// two ids without `/`, the counter two words, so the endpoint id may hold `/`.
#[must_use]
pub fn split_kpi_endpoint_key(key: &str) -> Option<(&str, &str, &str, &str)> {
    let (day, rest) = key.split_once('/')?;
    let (scope, rest) = if let Some(rest) = rest.strip_prefix("-/") {
        (DIRECT_SCOPE, rest)
    } else {
        let (campaign, tail) = rest.split_once('/')?;
        let (activity, tail) = tail.split_once('/')?;
        (rest.get(..campaign.len() + 1 + activity.len())?, tail)
    };
    let (kind, tail) = rest.split_once('/')?;
    let (channel, endpoint) = tail.split_once('/')?;
    Some((day, scope, rest.get(..kind.len() + 1 + channel.len())?, endpoint))
}

/// Splits a counter key into its day and scope.
#[must_use]
pub fn split_kpi_key(key: &str) -> Option<(&str, &str)> {
    key.split_once('/')
}

/// The channel family a KPI counts a channel type under: `EMAIL`, `SMS`, `VOICE`, or `PUSH`
/// for the mobile push channels.
#[must_use]
pub fn channel_family(channel_type: &str) -> &'static str {
    match channel_type {
        "EMAIL" => "EMAIL",
        "SMS" => "SMS",
        "VOICE" => "VOICE",
        "IN_APP" => "IN_APP",
        "CUSTOM" => "CUSTOM",
        _ => "PUSH",
    }
}

/// The number of parts an SMS body is sent in: 160 characters in one part (153 per part when
/// split) for the GSM alphabet, 70 (67) for text that needs UCS-2. The mock takes printable
/// ASCII as GSM and anything else as UCS-2 (the GSM alphabet's few accented letters count as
/// UCS-2 here).
#[must_use]
pub fn sms_parts(body: &str) -> u64 {
    let gsm = body.chars().all(|c| c.is_ascii() && (c == '\n' || c == '\r' || !c.is_control()));
    let (single, part) = if gsm { (160, 153) } else { (70, 67) };
    let length = body.chars().count();
    if length <= single { 1 } else { length.div_ceil(part) as u64 }
}

impl ProjectRecord {
    /// Counts delivered messages (called by `deliver`, in the delivery's transaction).
    pub(super) fn count_deliveries(&mut self, entries: &[OutboxEntry]) {
        // A run delivers its parts in thousands: look each campaign's run up once.
        let mut scopes: BTreeMap<(&str, Option<&str>), String> = BTreeMap::new();
        for entry in entries {
            let day = entry.time.get(..10).unwrap_or_default();
            let scope = match (&entry.journey_id, &entry.campaign_id) {
                (Some(journey), _) => format!(
                    "journey:{journey}/{}",
                    entry.treatment_id.as_deref().unwrap_or(DIRECT_SCOPE)
                ),
                (None, campaign) => match campaign {
                    Some(campaign) => scopes
                        .entry((campaign, entry.treatment_id.as_deref()))
                        .or_insert_with(|| {
                            let activity =
                                self.current_activity(campaign, entry.treatment_id.as_deref());
                            format!("{campaign}/{}", activity.as_deref().unwrap_or(DIRECT_SCOPE))
                        })
                        .clone(),
                    None => DIRECT_SCOPE.to_owned(),
                },
            };
            let family = channel_family(&entry.channel);
            let counters = self.kpi_counts.get_or_default(kpi_key(day, &scope));
            *counters.entry(format!("sent/{family}")).or_default() += 1;
            if family == "SMS" {
                *counters.entry("parts/SMS".to_owned()).or_default() += sms_parts(&entry.body);
            }
        }
    }

    /// The newest activity of a campaign for a treatment: the run a message being recorded
    /// now belongs to.
    fn current_activity(&self, campaign: &str, treatment: Option<&str>) -> Option<String> {
        self.activities
            .get(campaign)?
            .iter()
            .rev()
            .find(|a| {
                treatment.is_none_or(|t| a.get("TreatmentId").and_then(Value::as_str) == Some(t))
            })
            .and_then(|a| a.get("Id").and_then(Value::as_str))
            .map(str::to_owned)
    }

    /// Counts an engagement event (`_email.open`, `_email.click`,
    /// `_campaign.opened_notification`) of an endpoint, on the UTC day of the event's
    /// timestamp (or of `received`). A campaign event names its campaign and run in the
    /// attributes `campaign_id` and `campaign_activity_id`. Other events count nothing.
    pub fn count_event(&mut self, endpoint_id: &str, event: &Value, received: &str) {
        let event_type = event.get("EventType").and_then(Value::as_str).unwrap_or_default();
        let counter = match event_type {
            "_email.open" => "open/EMAIL",
            "_email.click" => "click/EMAIL",
            "_campaign.opened_notification" => "open/PUSH",
            _ => return,
        };
        let timestamp = event.get("Timestamp").and_then(Value::as_str).unwrap_or(received);
        let day = chrono::DateTime::parse_from_rfc3339(timestamp).map_or_else(
            |_| received.get(..10).unwrap_or_default().to_owned(),
            |t| t.with_timezone(&chrono::Utc).format("%Y-%m-%d").to_string(),
        );
        let attribute = |name: &str| {
            event
                .pointer(&format!("/Attributes/{name}"))
                .and_then(Value::as_str)
                .filter(|s| !s.is_empty() && !s.contains('/'))
        };
        let scope = match attribute("campaign_id") {
            Some(campaign) => {
                format!("{campaign}/{}", attribute("campaign_activity_id").unwrap_or(DIRECT_SCOPE))
            }
            None => DIRECT_SCOPE.to_owned(),
        };
        *self
            .kpi_counts
            .get_or_default(kpi_key(&day, &scope))
            .entry(counter.to_owned())
            .or_default() += 1;
        *self.kpi_endpoints.get_or_default(kpi_endpoint_key(&day, &scope, counter, endpoint_id)) +=
            1;
    }
}

/// A day's counters for one scope.
pub type KpiCounters = BTreeMap<String, u64>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoint_keys_split_back_whatever_the_endpoint_id() {
        let key = kpi_endpoint_key("2026-12-01", "c1/a1", "open/EMAIL", "user/42");
        assert_eq!(
            split_kpi_endpoint_key(&key),
            Some(("2026-12-01", "c1/a1", "open/EMAIL", "user/42"))
        );
        let key = kpi_endpoint_key("2026-12-01", DIRECT_SCOPE, "click/EMAIL", "e1");
        assert_eq!(split_kpi_endpoint_key(&key), Some(("2026-12-01", "-", "click/EMAIL", "e1")));
        assert_eq!(sms_parts(&"a".repeat(160)), 1);
        assert_eq!(sms_parts(&"a".repeat(161)), 2);
        assert_eq!(sms_parts("Grüße"), 1);
    }
}
