//! A journey's message activities (EMAIL, SMS, PUSH, CUSTOM) for one endpoint: whether the
//! endpoint can be messaged on the activity's channel, whether the message must wait (open
//! hours, closed days, quiet time with `WaitForQuietTime`, `MessagesPerSecond`) or is not
//! sent (quiet time, daily, total and timeframe caps), and the message itself, rendered by
//! `render_activity` into the outbox and the event stream.

use chrono::{DateTime, Duration, DurationRound, Utc};
use serde_json::{Value, json};

use super::timing::{open_at, quiet_until, quiet_window, zone_or_utc};
use crate::mock::clock::iso8601;
use crate::mock::engine::delivery::Sinks;
use crate::mock::engine::templates::{Prepared, Templates};
use crate::mock::engine::{OutboxEntry, stream_record};
use crate::mock::store::{JourneyRuntime, Participant, ProjectRecord};
use crate::pinpoint::ChannelKind;
use crate::pinpoint::render::{Fields, Rendered, Substitutions, fill};
use crate::pinpoint::template::TemplateKind;

/// What a message activity came to for one endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Delivered.
    Sent,
    /// Held back until this (wall-clock) time, counted under this metric.
    Hold(DateTime<Utc>, &'static str),
    /// Not sent; the endpoint goes on to the next activity.
    Skip(&'static str),
    /// Not sent; the endpoint leaves the journey.
    Leave(&'static str),
}

/// Renders a journey message activity for one endpoint: the one place a journey's message
/// text is made. The model's journey messages (`JourneyEmailMessage`, `JourneySMSMessage`,
/// `JourneyPushMessage`) carry sender settings only: their text comes from the template the
/// activity names (`TemplateName`, `TemplateVersion` or the active version), rendered with
/// the endpoint's attributes and the template's `DefaultSubstitutions` through the same entry
/// point as campaigns and direct messages. A CUSTOM activity renders its `Data`. `None` when
/// the template (or the version) does not exist, or has no message for the endpoint's channel.
#[must_use]
pub fn render_activity(
    kind: &str,
    activity: &Value,
    endpoint: &Value,
    channel: ChannelKind,
    templates: &Templates,
) -> Option<Rendered> {
    let subs = Substitutions::default();
    let endpoint: &dyn Fields = endpoint;
    if kind == "CUSTOM" {
        let data = activity.pointer("/MessageConfig/Data").and_then(Value::as_str);
        let body = data.map(|data| fill(data, Some(endpoint), &subs)).unwrap_or_default();
        return Some(Rendered { title: None, body });
    }
    let template_kind = match kind {
        "EMAIL" => TemplateKind::Email,
        "SMS" => TemplateKind::Sms,
        _ => TemplateKind::Push,
    };
    let name = activity.get("TemplateName").and_then(Value::as_str)?;
    let mut named = json!({ "Name": name });
    if let Some(version) = activity.get("TemplateVersion").and_then(Value::as_str) {
        named["Version"] = json!(version);
    }
    let config = json!({ template_kind.configuration_member(): named });
    let prepared = Prepared::new(&json!({}), Some(&config), templates).ok()?;
    prepared.render(channel, Some(endpoint), &subs, None)
}

/// True when an endpoint of `channel_type` is reached by a message activity of `kind`.
fn serves(kind: &str, activity: &Value, channel_type: &str) -> bool {
    match kind {
        "EMAIL" => channel_type == "EMAIL",
        "SMS" => channel_type == "SMS",
        "PUSH" => ChannelKind::for_channel_type(channel_type)
            .is_some_and(|k| !matches!(k, ChannelKind::Sms | ChannelKind::Email)),
        _ => activity
            .get("EndpointTypes")
            .and_then(Value::as_array)
            .is_none_or(|types| types.iter().any(|t| t.as_str() == Some(channel_type))),
    }
}

/// A journey limit: the journey's own, else the project's journey default.
fn limit(journey: &Value, settings: &Value, pointer: &str) -> Option<i64> {
    let pick = |v: Option<&Value>| v.and_then(Value::as_i64).filter(|n| *n > 0);
    pick(journey.pointer(&format!("/Limits{pointer}")))
        .or_else(|| pick(settings.pointer(&format!("/JourneyLimits{pointer}"))))
}

/// Everything one message activity needs besides the endpoint.
pub struct Send<'a> {
    /// The project.
    pub app_id: &'a str,
    /// The account's message templates.
    pub templates: &'a Templates,
    /// The journey (its `JourneyResponse`).
    pub journey: &'a Value,
    /// The journey id.
    pub journey_id: &'a str,
    /// The activity id.
    pub activity_id: &'a str,
    /// The activity's kind (`EMAIL`, `SMS`, `PUSH`, `CUSTOM`).
    pub kind: &'a str,
    /// The project's settings, as JSON.
    pub settings: &'a Value,
    /// The wall-clock time.
    pub now: DateTime<Utc>,
}

/// Sends (or holds, or skips) one message activity to one participant.
pub fn send(
    s: &Send<'_>,
    app: &ProjectRecord,
    endpoint_id: &str,
    p: &mut Participant,
    rt: &mut JourneyRuntime,
    sinks: &mut Sinks,
) -> Outcome {
    let Some(endpoint) = app.endpoints.get(endpoint_id) else {
        return Outcome::Leave("ENDPOINT_DELETED");
    };
    if endpoint.opt_out.as_deref() == Some("ALL") {
        return Outcome::Leave("ENDPOINT_OPT_OUT");
    }
    if endpoint.endpoint_status.as_deref() == Some("INACTIVE") {
        return Outcome::Leave("ENDPOINT_INACTIVE");
    }
    let activity = s
        .journey
        .pointer(&format!("/Activities/{}/{}", s.activity_id, s.kind))
        .unwrap_or(&Value::Null);
    let channel_type = endpoint.channel_type.as_deref().unwrap_or_default();
    if !serves(s.kind, activity, channel_type) {
        return Outcome::Skip("ENDPOINT_CHANNEL_MISMATCH");
    }
    if s.kind != "CUSTOM"
        && !ChannelKind::for_channel_type(channel_type).is_some_and(|k| app.channel_enabled(k))
    {
        return Outcome::Skip("CHANNEL_NOT_ENABLED");
    }
    let zone = zone_or_utc(endpoint.timezone());
    match open_at(s.journey, s.kind, zone, s.now) {
        Some(at) if at > s.now => return Outcome::Hold(at, "OPEN_HOURS_WAIT"),
        None => return Outcome::Skip("OPEN_HOURS"),
        Some(_) => {}
    }
    if let Some(until) =
        quiet_window(s.journey, s.settings).and_then(|w| quiet_until(w, zone, s.now))
    {
        return if s.journey.get("WaitForQuietTime").and_then(Value::as_bool) == Some(true) {
            Outcome::Hold(until, "QUIET_TIME_WAIT")
        } else {
            Outcome::Skip("QUIET_TIME")
        };
    }
    let within = |d: Duration| p.sends.iter().filter(|t| s.now - **t < d).count() as i64;
    if limit(s.journey, s.settings, "/DailyCap")
        .is_some_and(|cap| within(Duration::hours(24)) >= cap)
    {
        return Outcome::Skip("DAILY_CAP");
    }
    if limit(s.journey, s.settings, "/TotalCap").is_some_and(|cap| p.sends.len() as i64 >= cap) {
        return Outcome::Skip("TOTAL_CAP");
    }
    if let (Some(cap), Some(days)) = (
        limit(s.journey, s.settings, "/TimeframeCap/Cap"),
        limit(s.journey, s.settings, "/TimeframeCap/Days"),
    ) && within(Duration::days(days)) >= cap
    {
        return Outcome::Skip("TIMEFRAME_CAP");
    }
    // `MessagesPerSecond` holds the rest of a second's messages for the next second.
    let second = s.now.timestamp();
    if let Some(rate) = limit(s.journey, s.settings, "/MessagesPerSecond")
        && rt.second.0 == second
        && rt.second.1 >= rate as u64
    {
        let next =
            s.now.duration_trunc(Duration::seconds(1)).unwrap_or(s.now) + Duration::seconds(1);
        return Outcome::Hold(next, "THROTTLED");
    }
    rt.second = if rt.second.0 == second { (second, rt.second.1 + 1) } else { (second, 1) };
    let channel = ChannelKind::for_channel_type(channel_type);
    let Some(rendered) = channel.and_then(|channel| {
        render_activity(s.kind, activity, &endpoint.to_value(), channel, s.templates)
    }) else {
        return Outcome::Skip("TEMPLATE_NOT_FOUND");
    };
    let message_id = uuid::Uuid::new_v4().simple().to_string();
    let at = iso8601(s.now);
    sinks.outbox.push(OutboxEntry {
        time: at.clone(),
        application_id: s.app_id.to_owned(),
        channel: channel_type.to_owned(),
        address: endpoint.address.clone().unwrap_or_default(),
        endpoint_id: Some(endpoint_id.to_owned()),
        title: rendered.title,
        body: rendered.body,
        campaign_id: None,
        treatment_id: Some(s.activity_id.to_owned()),
        journey_id: Some(s.journey_id.to_owned()),
        request_id: None,
        message_id: message_id.clone(),
    });
    if app.event_stream.is_some() {
        let attributes = json!({
            "journey_id": s.journey_id,
            "journey_run_id": p.run,
            "journey_activity_id": s.activity_id,
            "journey_activity_type": s.kind,
            "journey_send_status": "SUCCESS",
            "endpoint_id": endpoint_id,
            "message_id": message_id,
        });
        sinks.stream.push(stream_record(s.app_id, "_journey.send", &at, &attributes));
    }
    p.sends.push(s.now);
    Outcome::Sent
}
