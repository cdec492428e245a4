//! KPIs: GetApplicationDateRangeKpi, GetCampaignDateRangeKpi, GetJourneyDateRangeKpi. Each
//! counts what the project recorded (`store::kpi` counters, kept per UTC day, and the
//! campaign sends behind unique deliveries) over an inclusive date range, whole UTC days: by
//! default the 7 days ending now by the mock's clock (as the project's issue asks; the
//! developer guide gives the service's default as the preceding 31 days), at most 31 calendar
//! days long, starting fewer than 90 days ago (the developer guide, "Querying Amazon Pinpoint
//! analytics data"). Rows are paged with `page-size` and `next-token`. A row's value is a
//! `Double` written as the service writes it (`"62.0"`); an ungrouped row has empty
//! `GroupedBys` (the model requires the member).

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde_json::{Value, json};

use super::kpi_catalog::{Group, Kpi, Level, Measure, Source, find};
use super::{Backend, MockError, MockResult, ProjectRecord};
use crate::mock::clock::iso8601;
use crate::mock::store::kpi::{DIRECT_SCOPE, split_kpi_endpoint_key, split_kpi_key};
use crate::mock::store::{PageRequest, page_slice};
use crate::pinpoint::rules;

/// The default range: this many days, ending now.
pub const DEFAULT_RANGE_DAYS: i64 = 7;
/// The longest range, in calendar days.
pub const MAX_RANGE_DAYS: i64 = 31;
/// How far back a range may start, in days.
pub const MAX_AGE_DAYS: i64 = 90;

/// The query of a KPI operation, as the route read it.
#[derive(Debug, Clone, Default)]
pub struct KpiQuery {
    /// `start-time`.
    pub start_time: Option<String>,
    /// `end-time`.
    pub end_time: Option<String>,
    /// `page-size`.
    pub page_size: Option<String>,
    /// `next-token`.
    pub next_token: Option<String>,
}

/// The range a query asks for, checked.
struct Range {
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    first_day: NaiveDate,
    last_day: NaiveDate,
}

impl Range {
    fn parse(query: &KpiQuery, now: DateTime<Utc>) -> MockResult<Self> {
        let time = |member: &str, value: Option<&String>| {
            value
                .filter(|v| !v.is_empty())
                .map(|v| rules::iso_timestamp(member, v).map_err(MockError::bad_request))
                .transpose()
        };
        let end = time("end-time", query.end_time.as_ref())?.unwrap_or(now);
        let start = time("start-time", query.start_time.as_ref())?
            .unwrap_or(end - Duration::days(DEFAULT_RANGE_DAYS));
        if start > end {
            return Err(MockError::bad_request("start-time must not be after end-time"));
        }
        let (first_day, last_day) = (start.date_naive(), end.date_naive());
        if (last_day - first_day).num_days() >= MAX_RANGE_DAYS {
            return Err(MockError::bad_request(format!(
                "The date range from start-time to end-time must be {MAX_RANGE_DAYS} or fewer calendar days"
            )));
        }
        if now - start >= Duration::days(MAX_AGE_DAYS) {
            return Err(MockError::bad_request(format!(
                "start-time must be fewer than {MAX_AGE_DAYS} days before the current day"
            )));
        }
        Ok(Self { start, end, first_day, last_day })
    }

    fn holds(&self, day: &str) -> bool {
        NaiveDate::parse_from_str(day, "%Y-%m-%d")
            .is_ok_and(|d| d >= self.first_day && d <= self.last_day)
    }
}

/// The counters of one row's group.
#[derive(Default)]
struct Tally {
    counts: BTreeMap<String, u64>,
    endpoints: BTreeMap<String, BTreeSet<String>>,
    delivered_to: BTreeSet<String>,
}

impl Tally {
    fn value(&self, measure: &Measure, group: Group) -> Option<f64> {
        match measure {
            Measure::Count(counters) => Some(
                counters.iter().map(|c| self.counts.get(*c).copied().unwrap_or(0)).sum::<u64>()
                    as f64,
            ),
            Measure::Unique(counter) => {
                Some(self.endpoints.get(*counter).map_or(0, BTreeSet::len) as f64)
            }
            // An endpoint is messaged once per run: per run, deliveries are unique.
            Measure::UniqueDeliveries if group == Group::CampaignActivity => Some(
                self.counts
                    .iter()
                    .filter(|(c, _)| c.starts_with("sent/"))
                    .map(|(_, n)| *n)
                    .sum::<u64>() as f64,
            ),
            Measure::UniqueDeliveries => Some(self.delivered_to.len() as f64),
            Measure::Rate(numerator, denominator) => {
                let divisor = self.value(denominator, group)?;
                (divisor > 0.0).then(|| self.value(numerator, group).unwrap_or(0.0) / divisor)
            }
            // One row of 0 for the whole range; grouped, a 0 where something was sent.
            Measure::ZeroWhere(basis) => {
                (group == Group::None || self.value(basis, group)? > 0.0).then_some(0.0)
            }
        }
    }
}

/// Which scopes a KPI request counts: `{campaign}/{activity}` for campaigns, `-` for direct
/// sends, `journey:{id}/{activity}` for a journey's activities.
fn admits<'a>(kpi: &Kpi, only: Option<&str>, scope: &'a str) -> Option<(&'a str, &'a str)> {
    match kpi.source {
        Source::Direct => (scope == DIRECT_SCOPE).then_some((DIRECT_SCOPE, DIRECT_SCOPE)),
        Source::Campaigns => {
            let (campaign, activity) = scope.split_once('/')?;
            (!campaign.starts_with("journey:") && only.is_none_or(|id| id == campaign))
                .then_some((campaign, activity))
        }
        Source::Journeys => {
            let (journey, activity) = scope.strip_prefix("journey:")?.split_once('/')?;
            only.is_none_or(|id| id == journey).then_some((journey, activity))
        }
    }
}

fn group_key(group: Group, day: &str, owner: &str, activity: &str) -> Option<String> {
    match group {
        Group::None => Some(String::new()),
        Group::Date => Some(day.to_owned()),
        Group::Campaign => Some(owner.to_owned()),
        Group::CampaignActivity | Group::JourneyActivity => {
            (activity != DIRECT_SCOPE).then(|| activity.to_owned())
        }
    }
}

/// The rows of a KPI over a range, grouped and in group order.
fn rows(app: &ProjectRecord, kpi: &Kpi, only: Option<&str>, range: &Range) -> Vec<Value> {
    let group = kpi.group();
    let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
    for (key, counters) in app.kpi_counts.iter() {
        let Some((day, scope)) = split_kpi_key(key) else { continue };
        let Some((owner, activity)) = admits(kpi, only, scope).filter(|_| range.holds(day)) else {
            continue;
        };
        let Some(group_key) = group_key(group, day, owner, activity) else { continue };
        let tally = tallies.entry(group_key).or_default();
        for (counter, n) in counters {
            *tally.counts.entry(counter.clone()).or_default() += n;
        }
    }
    for key in app.kpi_endpoints.iter().map(|(key, _)| key) {
        let Some((day, scope, counter, endpoint)) = split_kpi_endpoint_key(key) else { continue };
        let Some((owner, activity)) = admits(kpi, only, scope).filter(|_| range.holds(day)) else {
            continue;
        };
        let Some(group_key) = group_key(group, day, owner, activity) else { continue };
        let tally = tallies.entry(group_key).or_default();
        tally.endpoints.entry(counter.to_owned()).or_default().insert(endpoint.to_owned());
    }
    if kpi.measure == Measure::UniqueDeliveries && kpi.source == Source::Campaigns {
        for (key, times) in app.sends.iter() {
            let Some((campaign, endpoint)) = key.split_once('/') else { continue };
            if only.is_some_and(|id| id != campaign) {
                continue;
            }
            for time in times {
                let day = time.format("%Y-%m-%d").to_string();
                if !range.holds(&day) {
                    continue;
                }
                if let Some(group_key) = group_key(group, &day, campaign, DIRECT_SCOPE) {
                    tallies.entry(group_key).or_default().delivered_to.insert(endpoint.to_owned());
                }
            }
        }
    }
    if group == Group::None {
        tallies.entry(String::new()).or_default();
    }
    let key = kpi.value_key();
    tallies
        .iter()
        .filter_map(|(group_value, tally)| {
            let value = tally.value(&kpi.measure, group)?;
            let grouped_bys = if group == Group::None {
                json!([])
            } else {
                json!([{ "Key": group.key(), "Type": "String", "Value": group_value }])
            };
            Some(json!({
                "GroupedBys": grouped_bys,
                "Values": [{ "Key": key, "Type": "Double", "Value": format!("{value:?}") }],
            }))
        })
        .collect()
}

impl Backend {
    fn date_range_kpi(
        &self,
        app_id: &str,
        level: Level,
        only: Option<&str>,
        kpi_name: &str,
        query: &KpiQuery,
    ) -> MockResult<Value> {
        let Some(kpi) = find(level, kpi_name) else {
            return Err(MockError::bad_request(format!(
                "'{kpi_name}' is not a standard {} metric",
                match level {
                    Level::App => "application",
                    Level::Campaign => "campaign",
                    Level::Journey => "journey engagement",
                }
            )));
        };
        let range = Range::parse(query, self.clock_now())?;
        let page = PageRequest::parse(query.page_size.as_deref(), query.next_token.as_deref())?;
        self.with_app(app_id, |app| {
            if level == Level::Campaign && only.is_none_or(|id| app.campaigns.get(id).is_none()) {
                return Err(MockError::resource_not_found("Campaign", only.unwrap_or_default()));
            }
            let rows = rows(app, kpi, only, &range);
            let (rows, next) = page_slice(&rows, page);
            let mut body = json!({
                "ApplicationId": app_id,
                "KpiName": kpi_name,
                "KpiResult": { "Rows": rows },
                "StartTime": iso8601(range.start),
                "EndTime": iso8601(range.end),
            });
            if let Some(next) = next {
                body["NextToken"] = json!(next);
            }
            Ok(body)
        })
    }

    /// GetApplicationDateRangeKpi.
    pub fn application_kpi(
        &self,
        app_id: &str,
        kpi_name: &str,
        query: &KpiQuery,
    ) -> MockResult<Value> {
        self.date_range_kpi(app_id, Level::App, None, kpi_name, query)
    }

    /// GetCampaignDateRangeKpi: 404 for a campaign the project does not have.
    pub fn campaign_kpi(
        &self,
        app_id: &str,
        campaign_id: &str,
        kpi_name: &str,
        query: &KpiQuery,
    ) -> MockResult<Value> {
        let mut body =
            self.date_range_kpi(app_id, Level::Campaign, Some(campaign_id), kpi_name, query)?;
        body["CampaignId"] = json!(campaign_id);
        Ok(body)
    }

    /// GetJourneyDateRangeKpi: the rows come from the journey's activities' counters
    /// (`Source::Journeys`).
    pub fn journey_kpi(
        &self,
        app_id: &str,
        journey_id: &str,
        kpi_name: &str,
        query: &KpiQuery,
    ) -> MockResult<Value> {
        if find(Level::Journey, kpi_name).is_none() {
            return Err(MockError::bad_request(format!(
                "'{kpi_name}' is not a standard journey engagement metric"
            )));
        }
        let exists =
            self.with_app(app_id, |project| Ok(project.journeys.get(journey_id).is_some()))?;
        if !exists {
            return Err(MockError::resource_not_found("Journey", journey_id));
        }
        let mut body =
            self.date_range_kpi(app_id, Level::Journey, Some(journey_id), kpi_name, query)?;
        body["JourneyId"] = json!(journey_id);
        Ok(body)
    }
}
