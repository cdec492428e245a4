//! One campaign message to one endpoint: the checks a delivery passes (endpoint opted in and
//! active, channel enabled, a message for the channel, outside quiet time, under the daily and
//! total caps and within the run's maximum duration at its rate), then the rendered message in
//! the outbox and its event-stream records. Nothing here touches files: what a delivery
//! produces goes to `Sinks`, which the backend writes out after the project is released.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

use chrono::{DateTime, Duration, Utc};
use serde_json::{Value, json};

use super::render::{Substitutions, message_for, render};
use super::schedule::{endpoint_zone, in_quiet_time, limit, quiet_window, treatment_id};
use super::templates::{Prepared, Templates};
use super::{OutboxEntry, stream_record};
use crate::mock::clock::iso8601;
use crate::mock::store::{ProjectRecord, sends_key};
use crate::pinpoint::{ChannelKind, rules};

/// What a tick produced outside the store.
#[derive(Debug, Default)]
pub struct Sinks {
    /// Messages delivered.
    pub outbox: Vec<OutboxEntry>,
    /// Event-stream records (written only when the project has an event stream).
    pub stream: Vec<Value>,
}

/// Why a delivery did not happen, as counted in `ExecutionMetrics`.
pub(super) fn count(metrics: &mut BTreeMap<String, u64>, reason: &str) {
    *metrics.entry(reason.to_owned()).or_default() += 1;
}

pub(super) struct Delivery<'a> {
    pub(super) app_id: &'a str,
    pub(super) campaign_id: &'a str,
    pub(super) campaign: &'a Value,
    pub(super) settings: &'a Value,
    pub(super) at: DateTime<Utc>,
    /// The account's templates, for a campaign whose messages name one.
    pub(super) templates: &'a Templates,
    /// Each treatment's message configuration with its templates applied, prepared at its
    /// first delivery (not once per endpoint).
    pub(super) prepared: PreparedCache,
}

/// A treatment's prepared configuration: `Ok(None)` when it names no template, `Err` when
/// one it names does not exist.
type Treated = Result<Option<Rc<Prepared>>, ()>;

/// Prepared message configurations by treatment index.
#[derive(Debug, Default)]
pub(super) struct PreparedCache(RefCell<HashMap<usize, Treated>>);

impl PreparedCache {
    fn get(
        &self,
        treatment: usize,
        prepare: impl FnOnce() -> Result<Option<Prepared>, ()>,
    ) -> Treated {
        let mut cache = self.0.borrow_mut();
        cache.entry(treatment).or_insert_with(|| prepare().map(|p| p.map(Rc::new))).clone()
    }
}

/// Delivers one campaign message to one endpoint, or says why not.
pub(super) fn deliver(
    d: &Delivery<'_>,
    app: &mut ProjectRecord,
    endpoint_id: &str,
    treatment: usize,
    run_delivered: &mut u64,
    sinks: &mut Sinks,
) -> Result<(), &'static str> {
    let endpoint = app.endpoints.get(endpoint_id).ok_or("ENDPOINT_DELETED")?;
    if endpoint.opt_out.as_deref() == Some("ALL") {
        return Err("OPT_OUT");
    }
    if endpoint.endpoint_status.as_deref() == Some("INACTIVE") {
        return Err("INACTIVE");
    }
    let channel_type = endpoint.channel_type.as_deref().unwrap_or_default();
    let kind = ChannelKind::for_channel_type(channel_type).ok_or("UNSUPPORTED_CHANNEL")?;
    if !app.channel_enabled(kind) {
        return Err("CHANNEL_NOT_ENABLED");
    }
    let config = match treatment {
        0 => d.campaign.get("MessageConfiguration"),
        i => d
            .campaign
            .pointer(&format!("/AdditionalTreatments/{}/MessageConfiguration", i - 1))
            .or_else(|| d.campaign.get("MessageConfiguration")),
    };
    let template_config = match treatment {
        0 => None,
        i => d.campaign.pointer(&format!("/AdditionalTreatments/{}/TemplateConfiguration", i - 1)),
    }
    .or_else(|| d.campaign.get("TemplateConfiguration"))
    .filter(|t| t.as_object().is_some_and(|m| !m.is_empty()));
    // A template deleted since the campaign was saved fails the delivery.
    let prepared = d
        .prepared
        .get(treatment, || {
            template_config
                .map(|t| Prepared::new(config.unwrap_or(&Value::Null), Some(t), d.templates))
                .transpose()
                .map_err(drop)
        })
        .map_err(|()| "TEMPLATE_NOT_FOUND")?;
    let message = match &prepared {
        Some(prepared) => prepared.message(kind),
        None => config.and_then(|c| message_for(c, kind)),
    }
    .ok_or("NO_MESSAGE_FOR_CHANNEL")?;
    if let (Some(window), Some(tz)) =
        (quiet_window(d.campaign, d.settings), endpoint_zone(endpoint))
        && in_quiet_time(window, tz, d.at)
    {
        return Err("QUIET_TIME");
    }
    let sends = sends_key(d.campaign_id, endpoint_id);
    let history = app.sends.get(&sends).map_or(&[][..], Vec::as_slice);
    if let Some(daily) = limit(d.campaign, d.settings, "Daily") {
        let recent = history.iter().filter(|t| d.at - **t < Duration::hours(24)).count() as i64;
        if recent >= daily {
            return Err("DAILY_CAP");
        }
    }
    if let Some(total) = limit(d.campaign, d.settings, "Total")
        && history.len() as i64 >= total
    {
        return Err("CAMPAIGN_CAP");
    }
    // At the campaign's rate, this message leaves `delivered / rate` seconds into the run.
    let rate = limit(d.campaign, d.settings, "MessagesPerSecond")
        .unwrap_or(rules::MAX_MESSAGES_PER_SECOND.into());
    let offset = (*run_delivered as f64) / (rate.max(1) as f64);
    if let Some(max) = limit(d.campaign, d.settings, "MaximumDuration")
        && offset > max as f64
    {
        return Err("EXPIRED");
    }
    let endpoint_json = endpoint.to_value();
    let rendered = match &prepared {
        Some(prepared) => prepared
            .render(kind, Some(&endpoint_json), &Substitutions::default(), None)
            .unwrap_or_default(),
        None => render(message, kind, Some(&endpoint_json), &Substitutions::default(), None),
    };
    let message_id = uuid::Uuid::new_v4().simple().to_string();
    let at = iso8601(d.at);
    sinks.outbox.push(OutboxEntry {
        time: at.clone(),
        application_id: d.app_id.to_owned(),
        channel: channel_type.to_owned(),
        address: endpoint.address.clone().unwrap_or_default(),
        endpoint_id: Some(endpoint_id.to_owned()),
        title: rendered.title,
        body: rendered.body,
        campaign_id: Some(d.campaign_id.to_owned()),
        treatment_id: Some(treatment_id(treatment)),
        journey_id: None,
        request_id: None,
        message_id: message_id.clone(),
    });
    if app.event_stream.is_some() {
        let attrs = json!({"campaign_id": d.campaign_id, "treatment_id": treatment_id(treatment), "endpoint_id": endpoint_id, "message_id": message_id});
        sinks.stream.push(stream_record(d.app_id, "_campaign.send", &at, &attrs));
        let outcome = format!(
            "_{}.SUCCESS",
            if kind == ChannelKind::Sms {
                "SMS"
            } else if kind == ChannelKind::Email {
                "email.send"
            } else {
                "push"
            }
        );
        let outcome = outcome.replace("_email.send.SUCCESS", "_email.send");
        sinks.stream.push(stream_record(d.app_id, &outcome, &at, &attrs));
    }
    app.sends.get_or_default(sends).push(d.at);
    *run_delivered += 1;
    Ok(())
}
