//! A campaign's stored state as a run sees it: its latest version, its `State` (written only
//! when it changes), its runtime record and the schedule facts a run depends on.

use serde_json::{Value, json};

use super::super::schedule::text;
use crate::mock::store::{CampaignRuntime, ProjectRecord};

/// True when the campaign's latest version and its treatments already show `status`.
fn state_is(campaign: &Value, status: &str) -> bool {
    let shows = |v: Option<&Value>| {
        v.and_then(|s| s.get("CampaignStatus")).and_then(Value::as_str) == Some(status)
    };
    shows(campaign.get("State"))
        && campaign.get("DefaultState").is_none_or(|s| shows(Some(s)))
        && campaign
            .get("AdditionalTreatments")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .all(|t| shows(t.get("State")))
}

/// Sets the campaign's state (its latest version's and its treatments'); a campaign already
/// in that state is not written.
pub(super) fn set_state(app: &mut ProjectRecord, campaign_id: &str, status: &str) {
    let current = app.campaigns.get(campaign_id).and_then(|v| v.last());
    if current.is_none_or(|c| state_is(c, status)) {
        return;
    }
    let Some(latest) = app.campaigns.get_mut(campaign_id).and_then(|v| v.last_mut()) else {
        return;
    };
    let state = json!({ "CampaignStatus": status });
    latest["State"] = state.clone();
    if latest.get("DefaultState").is_some() {
        latest["DefaultState"] = state.clone();
    }
    if let Some(ts) = latest.get_mut("AdditionalTreatments").and_then(Value::as_array_mut) {
        for t in ts {
            t["State"] = state.clone();
        }
    }
}

/// Stores a campaign's runtime, unless it is stored as it is.
pub(in crate::mock::engine) fn save(
    app: &mut ProjectRecord,
    campaign_id: &str,
    runtime: CampaignRuntime,
) {
    if app.campaign_runtime.get(campaign_id) != Some(&runtime) {
        app.campaign_runtime.insert(campaign_id.to_owned(), runtime);
    }
}

pub(in crate::mock::engine) fn settings_value(app: &ProjectRecord) -> Value {
    serde_json::to_value(&*app.settings).unwrap_or(Value::Null)
}

pub(super) fn latest(app: &ProjectRecord, campaign_id: &str) -> Option<Value> {
    app.campaigns.get(campaign_id).and_then(|v| v.last()).cloned()
}

pub(super) fn is_local(campaign: &Value) -> bool {
    campaign.pointer("/Schedule/IsLocalTime").and_then(Value::as_bool) == Some(true)
}

pub(in crate::mock::engine) fn treatments(campaign: &Value) -> usize {
    1 + campaign.get("AdditionalTreatments").and_then(Value::as_array).map_or(0, Vec::len)
}

/// Whether a campaign is sent when events happen (EVENT: on `PutEvents`; IN_APP_EVENT: the app
/// asks with `GetInAppMessages`) rather than on a schedule: it waits for events, never completes
/// by itself, and reads SCHEDULED.
pub(super) fn is_event_driven(campaign: &Value) -> bool {
    matches!(text(campaign, "/Schedule/Frequency"), Some("EVENT" | "IN_APP_EVENT"))
}
