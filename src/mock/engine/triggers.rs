//! Event-triggered campaigns: a `PutEvents` event that matches a campaign's event filter sends
//! that campaign to the endpoint that sent it, at once, with a run of its own (activities and
//! counts as a scheduled run has them).

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::campaigns::{
    create_activities, deliver_members, finish, for_each_member, record, save, settings_value,
    treatments,
};
use super::delivery::{Delivery, PreparedCache, Sinks};
use super::schedule::text;
use super::templates::Templates;
use crate::mock::store::ProjectRecord;
use crate::pinpoint::rules;

/// An event arrived for an endpoint: event-triggered campaigns whose filter matches send to
/// it (if it is in their segment and not held out), with the usual checks; messages that
/// name templates render from `templates`.
pub fn trigger(
    app: &mut ProjectRecord,
    app_id: &str,
    endpoint_id: &str,
    event: &Value,
    now: DateTime<Utc>,
    sinks: &mut Sinks,
    templates: &Templates,
) {
    let event_type = text(event, "/EventType").unwrap_or_default();
    let ids: Vec<String> = app
        .campaigns
        .iter()
        .filter_map(|v| v.last())
        .filter(|c| {
            text(c, "/Schedule/Frequency") == Some("EVENT")
                && c.get("IsPaused").and_then(Value::as_bool) != Some(true)
        })
        .filter_map(|c| text(c, "/Id").map(str::to_owned))
        .collect();
    for id in ids {
        let Some(campaign) = app.campaigns.get(&id).and_then(|v| v.last()).cloned() else {
            continue;
        };
        let after = |p: &str| text(&campaign, p).and_then(|t| rules::iso_timestamp("", t).ok());
        if after("/Schedule/StartTime").is_some_and(|s| now < s)
            || after("/Schedule/EndTime").is_some_and(|e| now > e)
        {
            continue;
        }
        let types: Vec<&str> = campaign
            .pointer("/Schedule/EventFilter/Dimensions/EventType/Values")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        let exclusive = text(&campaign, "/Schedule/EventFilter/Dimensions/EventType/DimensionType")
            == Some("EXCLUSIVE");
        if types.contains(&event_type) == exclusive {
            continue;
        }
        let dimensions =
            campaign.pointer("/Schedule/EventFilter/Dimensions").unwrap_or(&Value::Null);
        if !super::matching::event_matches(dimensions, event, now) {
            continue;
        }
        // Only the endpoint that sent the event, if it is in the segment and not held out;
        // it is messaged at once (local time does not apply to event-triggered sends).
        let mut members = Vec::new();
        for_each_member(app, &campaign, now, Some(endpoint_id), |id, _, treatment| {
            members.push((id.to_owned(), treatment));
        });
        let mut totals = vec![0; treatments(&campaign)];
        for (_, treatment) in &members {
            if let Some(total) = totals.get_mut(*treatment) {
                *total += 1;
            }
        }
        let zones = usize::from(!members.is_empty());
        let activities = create_activities(app, app_id, &id, now, now, &totals, zones);
        if !members.is_empty() {
            let settings = settings_value(app);
            let d = Delivery {
                app_id,
                campaign_id: &id,
                campaign: &campaign,
                settings: &settings,
                at: now,
                templates,
                prepared: PreparedCache::default(),
            };
            let mut delivered = 0;
            let counts = deliver_members(&d, app, members, totals.len(), &mut delivered, sinks);
            record(app, &id, &activities, &counts, true);
        }
        finish(app, &id, &activities, now);
        let mut runtime = app.campaign_runtime.get(&id).cloned().unwrap_or_default();
        runtime.runs += 1;
        save(app, &id, runtime);
    }
}
