//! Campaigns: create, update (each update a new version), versions, activities. The rules
//! here are the service's: a segment that exists, treatment and holdout shares that fit in
//! 100 %, valid limits, schedule, quiet time and hook.

use serde_json::{Map, Value, json};

use super::segments::{history, list, newest_first, version_of};
use super::{Backend, MockError, MockResult, ProjectRecord, merge_limits, new_id};
use crate::mock::model::model;
use crate::mock::store::{PageRequest, sends_key};
use crate::mock::wire::{CampaignHook, CampaignLimits};
use crate::pinpoint::rules;

fn bad<T>(message: impl Into<String>) -> MockResult<T> {
    Err(MockError::bad_request(message.into()))
}

fn check_schedule(path: &str, schedule: &Value) -> MockResult<()> {
    let start = schedule.get("StartTime").and_then(Value::as_str).unwrap_or_default();
    let start_at = if start == "IMMEDIATE" {
        None
    } else {
        Some(
            rules::iso_timestamp(&format!("{path}StartTime"), start)
                .map_err(MockError::bad_request)?,
        )
    };
    if let Some(end) = schedule.get("EndTime").and_then(Value::as_str) {
        let end_at =
            rules::iso_timestamp(&format!("{path}EndTime"), end).map_err(MockError::bad_request)?;
        if start_at.is_some_and(|s| end_at <= s) {
            return bad(format!("{path}EndTime must be after {path}StartTime"));
        }
    }
    if let Some(tz) = schedule.get("Timezone").and_then(Value::as_str)
        && !rules::SCHEDULE_TIMEZONES.contains(&tz)
    {
        return bad(format!(
            "{path}Timezone '{tz}' is not one of the service's values (UTC, UTC+01, …)"
        ));
    }
    if let Some(quiet) = schedule.get("QuietTime") {
        let start = quiet.get("Start").and_then(Value::as_str).filter(|s| !s.is_empty());
        let end = quiet.get("End").and_then(Value::as_str).filter(|s| !s.is_empty());
        for (member, value) in [("Start", start), ("End", end)] {
            if let Some(v) = value {
                rules::quiet_time_bound(&format!("{path}QuietTime.{member}"), v)
                    .map_err(MockError::bad_request)?;
            }
        }
        rules::quiet_time_pair(start, end).map_err(MockError::bad_request)?;
    }
    let frequency = schedule.get("Frequency").and_then(Value::as_str).unwrap_or("ONCE");
    let has_filter = schedule.get("EventFilter").is_some_and(|f| !f.is_null());
    if frequency == "EVENT" && !has_filter {
        return bad(format!("{path}EventFilter is required when Frequency is EVENT"));
    }
    if frequency == "EVENT" && start == "IMMEDIATE" {
        return bad(format!(
            "{path}StartTime of an event-triggered campaign must be a time, not IMMEDIATE"
        ));
    }
    Ok(())
}

fn check_campaign(app: &ProjectRecord, request: &Value) -> MockResult<i64> {
    super::tags::check_request_tags(request)?;
    let segment_id = request.get("SegmentId").and_then(Value::as_str).unwrap_or_default();
    if segment_id.is_empty() {
        return bad("SegmentId is required");
    }
    let segment_version = Backend::resolve_segment(
        app,
        segment_id,
        request.get("SegmentVersion").and_then(Value::as_i64),
    )?;
    if let Some(name) = request.get("Name").and_then(Value::as_str)
        && name.trim().is_empty()
    {
        return bad("Name must not be empty");
    }
    let holdout = request.get("HoldoutPercent").and_then(Value::as_i64).unwrap_or(0);
    if !(0..=100).contains(&holdout) {
        return bad("HoldoutPercent must be between 0 and 100");
    }
    let treatments = request
        .get("AdditionalTreatments")
        .and_then(Value::as_array)
        .map_or(&[][..], Vec::as_slice);
    if treatments.len() > rules::MAX_ADDITIONAL_TREATMENTS {
        return bad(format!(
            "AdditionalTreatments has {} treatments; a campaign takes at most {}",
            treatments.len(),
            rules::MAX_ADDITIONAL_TREATMENTS
        ));
    }
    let mut total = holdout;
    for (i, t) in treatments.iter().enumerate() {
        let size = t.get("SizePercent").and_then(Value::as_i64).unwrap_or(0);
        if !(0..=100).contains(&size) {
            return bad(format!("AdditionalTreatments[{i}].SizePercent must be between 0 and 100"));
        }
        total += size;
        if let Some(s) = t.get("Schedule") {
            check_schedule(&format!("AdditionalTreatments[{i}].Schedule."), s)?;
        }
    }
    if total > 100 {
        return bad(format!(
            "HoldoutPercent and the treatments' SizePercent add up to {total}%, more than 100%"
        ));
    }
    if let Some(s) = request.get("Schedule") {
        check_schedule("Schedule.", s)?;
    }
    if let Some(limits) = request.get("Limits") {
        let limits: CampaignLimits = serde_json::from_value(limits.clone())
            .map_err(|e| MockError::bad_request(format!("Limits: {e}")))?;
        merge_limits(CampaignLimits::default(), &limits)?;
    }
    if let Some(hook) = request.get("Hook") {
        let hook: CampaignHook = serde_json::from_value(hook.clone())
            .map_err(|e| MockError::bad_request(format!("Hook: {e}")))?;
        if let Some(name) = hook.lambda_function_name.as_deref().filter(|s| !s.is_empty()) {
            rules::lambda_function_name("Hook.LambdaFunctionName", name)
                .map_err(MockError::bad_request)?;
        }
        if let Some(url) = hook.web_url.as_deref().filter(|s| !s.is_empty()) {
            rules::hook_web_url("Hook.WebUrl", url).map_err(MockError::bad_request)?;
        }
    }
    super::inapp::check_in_app_campaign(request)?;
    Ok(segment_version)
}

/// The status a campaign starts in.
fn initial_state(request: &Value) -> Value {
    let paused = request.get("IsPaused").and_then(Value::as_bool) == Some(true);
    json!({ "CampaignStatus": if paused { "PAUSED" } else { "SCHEDULED" } })
}

fn build(request: Value, server: Map<String, Value>, segment_version: i64) -> Value {
    let state = initial_state(&request);
    let mut campaign = request;
    if let Value::Object(map) = &mut campaign {
        map.extend(server);
        map.insert("SegmentVersion".into(), json!(segment_version));
        map.insert("State".into(), state.clone());
        let treatments = map.get_mut("AdditionalTreatments").and_then(Value::as_array_mut);
        let has_treatments = treatments.as_ref().is_some_and(|t| !t.is_empty());
        for (i, t) in treatments.into_iter().flatten().enumerate() {
            if let Value::Object(t) = t {
                // Treatment ids follow their position, so they stay put across versions.
                t.insert("Id".into(), json!((i + 1).to_string()));
                t.insert("State".into(), state.clone());
            }
        }
        if has_treatments {
            map.insert("DefaultState".into(), state);
        }
    }
    model().project("CampaignResponse", &campaign)
}

impl Backend {
    fn campaign_arn(&self, app_id: &str, id: &str) -> String {
        self.arn(&format!("apps/{app_id}/campaigns/{id}"))
    }

    /// CreateCampaign.
    pub fn create_campaign(&self, app_id: &str, request: Value) -> MockResult<Value> {
        self.create_campaign_as(app_id, &new_id(), request)
    }

    /// CreateCampaign with a chosen id (the demo data set keeps its ids from run to run).
    pub fn create_campaign_as(&self, app_id: &str, id: &str, request: Value) -> MockResult<Value> {
        let now = self.now();
        let arn = self.campaign_arn(app_id, id);
        self.check_campaign_templates(&request)?;
        self.with_app_mut(app_id, |app| {
            let segment_version = check_campaign(app, &request)?;
            let mut server = Map::new();
            server.insert("Id".into(), json!(id));
            server.insert("Arn".into(), json!(arn));
            server.insert("ApplicationId".into(), json!(app_id));
            server.insert("CreationDate".into(), json!(now));
            server.insert("LastModifiedDate".into(), json!(now));
            server.insert("Version".into(), json!(1));
            let campaign = build(request, server, segment_version);
            app.campaigns.insert(id, vec![campaign.clone()]);
            Ok(campaign)
        })
    }

    /// UpdateCampaign: a full replace of the writable members, as a new version.
    pub fn update_campaign(&self, app_id: &str, id: &str, request: Value) -> MockResult<Value> {
        let now = self.now();
        self.check_campaign_templates(&request)?;
        self.with_app_mut(app_id, |app| {
            let latest = app
                .campaigns
                .get(id)
                .and_then(|v| v.last().cloned())
                .ok_or_else(|| MockError::resource_not_found("Campaign", id))?;
            let mut request = request;
            // A campaign keeps its segment unless the update names another.
            if request.get("SegmentId").is_none()
                && let (Value::Object(map), Some(seg)) = (&mut request, latest.get("SegmentId"))
            {
                map.insert("SegmentId".into(), seg.clone());
            }
            let segment_version = check_campaign(app, &request)?;
            let versions = app
                .campaigns
                .get_mut(id)
                .ok_or_else(|| MockError::resource_not_found("Campaign", id))?;
            let mut server = Map::new();
            for keep in ["Id", "Arn", "ApplicationId", "CreationDate"] {
                if let Some(v) = latest.get(keep) {
                    server.insert(keep.into(), v.clone());
                }
            }
            server.insert("LastModifiedDate".into(), json!(now));
            server.insert("Version".into(), json!(versions.len() + 1));
            let campaign = build(request, server, segment_version);
            versions.push(campaign.clone());
            Ok(campaign)
        })
    }

    /// GetCampaign: the latest version.
    pub fn get_campaign(&self, app_id: &str, id: &str) -> MockResult<Value> {
        self.with_app(app_id, |app| {
            app.campaigns
                .get(id)
                .and_then(|v| v.last().cloned())
                .ok_or_else(|| MockError::resource_not_found("Campaign", id))
        })
    }

    /// DeleteCampaign: returns it as it was.
    pub fn delete_campaign(&self, app_id: &str, id: &str) -> MockResult<Value> {
        self.with_app_mut(app_id, |app| {
            let latest = app
                .campaigns
                .remove(id)
                .and_then(|mut v| v.pop())
                .ok_or_else(|| MockError::resource_not_found("Campaign", id))?;
            app.activities.remove(id);
            app.campaign_runtime.remove(id);
            crate::mock::engine::campaigns::forget_members(app, id);
            let prefix = sends_key(id, "");
            app.sends.retain(|key, _| !key.starts_with(&prefix));
            Ok(latest)
        })
    }

    /// GetCampaigns: the latest version of each.
    pub fn list_campaigns(&self, app_id: &str, page: PageRequest) -> MockResult<Value> {
        self.with_app(app_id, |app| {
            let (items, next) = app.campaigns.page(page);
            let items: Vec<&Value> = items.into_iter().filter_map(|v| v.last()).collect();
            Ok(list(&items, next))
        })
    }

    /// GetCampaignVersions: newest first.
    pub fn campaign_versions(
        &self,
        app_id: &str,
        id: &str,
        page: PageRequest,
    ) -> MockResult<Value> {
        self.with_app(app_id, |app| {
            let versions = history(&app.campaigns, "Campaign", id)?;
            Ok(newest_first(versions, page))
        })
    }

    /// GetCampaignVersion.
    pub fn campaign_version(&self, app_id: &str, id: &str, version: &str) -> MockResult<Value> {
        self.with_app(app_id, |app| {
            let versions = history(&app.campaigns, "Campaign", id)?;
            version_of(versions, version).ok_or_else(|| {
                MockError::not_found(format!("Campaign {id} has no version {version}"))
            })
        })
    }

    /// GetCampaignActivities: newest first.
    pub fn campaign_activities(
        &self,
        app_id: &str,
        id: &str,
        page: PageRequest,
    ) -> MockResult<Value> {
        self.with_app(app_id, |app| {
            history(&app.campaigns, "Campaign", id)?;
            let history = app.activities.get(id).map_or(&[][..], Vec::as_slice);
            Ok(newest_first(history, page))
        })
    }
}
