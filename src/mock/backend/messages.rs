//! Direct messages: SendMessages (addresses and endpoint ids) and SendUsersMessages (every
//! endpoint of each user). Each recipient gets its own result with a `DeliveryStatus` from the
//! SDK's value set: a channel that is not enabled, an address that is not valid for its
//! channel, a channel with no message, or an opted-out or inactive endpoint is a failure.
//! A request whose `TemplateConfiguration` names a template (or version) that does not exist
//! is refused whole (404) before anything is sent; the templates it names are rendered
//! through `engine::templates`.

use serde_json::{Map, Value, json};

use super::{Backend, ChannelKind, MockError, MockResult, ProjectRecord, new_id};
use crate::mock::clock::iso8601;
use crate::mock::engine::delivery::Sinks;
use crate::mock::engine::templates::Prepared;
use crate::mock::engine::{OutboxEntry, stream_record};
use crate::mock::wire::Endpoint;
use crate::pinpoint::render::{Fields, Substitutions, message_for};
use crate::pinpoint::rules;

/// Most recipients (addresses and endpoints together, or users) in one request.
pub const MAX_RECIPIENTS: usize = 100;

/// What happened to one recipient.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    /// `SUCCESSFUL`, `PERMANENT_FAILURE`, `OPT_OUT`, …
    pub status: &'static str,
    /// The HTTP-like status code.
    pub code: u16,
    /// Why, in words.
    pub message: String,
    /// The message id, when sent.
    pub message_id: Option<String>,
}

impl Delivery {
    fn failed(status: &'static str, code: u16, message: impl Into<String>) -> Self {
        Self { status, code, message: message.into(), message_id: None }
    }

    fn result(&self, address: Option<&str>) -> Value {
        let mut v = json!({
            "DeliveryStatus": self.status,
            "StatusCode": self.code,
            "StatusMessage": self.message,
        });
        if let Some(id) = &self.message_id {
            v["MessageId"] = json!(id);
        }
        if let Some(address) = address {
            v["Address"] = json!(address);
        }
        v
    }
}

/// Decides the delivery of one message to one address on one channel type.
pub fn decide(app: &ProjectRecord, channel_type: &str, address: &str, config: &Value) -> Delivery {
    let Some(kind) = ChannelKind::for_channel_type(channel_type) else {
        return Delivery::failed(
            "PERMANENT_FAILURE",
            400,
            format!("Channel type {channel_type} cannot be used for direct messages in the mock"),
        );
    };
    let enabled = app.channels.get(&kind).and_then(|c| c.get("Enabled")).and_then(Value::as_bool);
    match enabled {
        None => {
            return Delivery::failed(
                "PERMANENT_FAILURE",
                400,
                format!("The {} is not configured", kind.title()),
            );
        }
        Some(false) => {
            return Delivery::failed(
                "PERMANENT_FAILURE",
                400,
                format!("The {} is disabled", kind.title()),
            );
        }
        Some(true) => {}
    }
    let valid = match kind {
        ChannelKind::Sms | ChannelKind::Voice => rules::looks_like_e164(address),
        ChannelKind::Email => rules::looks_like_email(address),
        _ => !address.is_empty() && !address.chars().any(char::is_whitespace),
    };
    if !valid {
        let what = match kind {
            ChannelKind::Sms | ChannelKind::Voice => "an E.164 phone number (+ and 8-15 digits)",
            ChannelKind::Email => "an email address",
            _ => "a device token",
        };
        return Delivery::failed(
            "PERMANENT_FAILURE",
            400,
            format!("Address '{address}' is not {what}"),
        );
    }
    if message_for(config, kind).is_none() {
        return Delivery::failed(
            "PERMANENT_FAILURE",
            400,
            format!("MessageConfiguration has no message for {channel_type}"),
        );
    }
    Delivery {
        status: "SUCCESSFUL",
        code: 200,
        message: "Accepted".into(),
        message_id: Some(new_id()),
    }
}

/// One direct send in progress: the request's shared parts and where deliveries go.
struct Send<'a> {
    app_id: &'a str,
    request_id: &'a str,
    /// The message configuration with the templates it names applied.
    config: &'a Prepared,
    context: Option<&'a Value>,
    at: String,
    sinks: Sinks,
}

impl<'a> Send<'a> {
    fn new(
        app_id: &'a str,
        request_id: &'a str,
        config: &'a Prepared,
        request: &'a Value,
        at: String,
    ) -> Self {
        Self {
            app_id,
            request_id,
            config,
            context: request.get("Context"),
            at,
            sinks: Sinks::default(),
        }
    }

    /// Records a successful delivery: the rendered message in the outbox and, when the project
    /// streams events, its event-stream records.
    fn record(
        &mut self,
        app: &ProjectRecord,
        delivery: &Delivery,
        channel_type: &str,
        address: &str,
        endpoint: Option<(&str, &Endpoint)>,
        recipient: &Value,
    ) {
        let (Some(message_id), Some(kind)) =
            (&delivery.message_id, ChannelKind::for_channel_type(channel_type))
        else {
            return;
        };
        let context = recipient.get("Context").or(self.context);
        let subs = Substitutions::from_maps(recipient.get("Substitutions"), context);
        let endpoint_json = endpoint.map(|(_, e)| e.to_value());
        let Some(rendered) = self.config.render(
            kind,
            endpoint_json.as_ref().map(|e| e as &dyn Fields),
            &subs,
            Some(recipient),
        ) else {
            return;
        };
        self.sinks.outbox.push(OutboxEntry {
            time: self.at.clone(),
            application_id: self.app_id.to_owned(),
            channel: channel_type.to_owned(),
            address: address.to_owned(),
            endpoint_id: endpoint.map(|(id, _)| id.to_owned()),
            title: rendered.title,
            body: rendered.body,
            campaign_id: None,
            treatment_id: None,
            journey_id: None,
            request_id: Some(self.request_id.to_owned()),
            message_id: message_id.clone(),
        });
        // Voice calls report their outcomes through SMS and voice configuration sets, not
        // the project's event stream, so they stream nothing here.
        if app.event_stream.is_some() && kind != ChannelKind::Voice {
            let attrs = json!({"message_id": message_id, "address": address, "request_id": self.request_id});
            let event = match kind {
                ChannelKind::Sms => "_SMS.SUCCESS",
                ChannelKind::Email => "_email.send",
                _ => "_push.send",
            };
            self.sinks.stream.push(stream_record(self.app_id, event, &self.at, &attrs));
        }
    }
}

fn endpoint_delivery(
    app: &ProjectRecord,
    endpoint: Option<&Endpoint>,
    id: &str,
    config: &Value,
) -> (Delivery, String) {
    let Some(endpoint) = endpoint else {
        let missing =
            Delivery::failed("PERMANENT_FAILURE", 404, format!("Endpoint {id} not found"));
        return (missing, String::new());
    };
    let address = endpoint.address.as_deref().unwrap_or_default();
    let delivery = if endpoint.opt_out.as_deref() == Some("ALL") {
        Delivery::failed("OPT_OUT", 400, "The endpoint has opted out of all messages")
    } else if endpoint.endpoint_status.as_deref() == Some("INACTIVE") {
        Delivery::failed("PERMANENT_FAILURE", 400, "The endpoint is inactive")
    } else {
        let channel_type = endpoint.channel_type.as_deref().unwrap_or_default();
        decide(app, channel_type, address, config)
    };
    (delivery, address.to_owned())
}

impl Backend {
    /// SendMessages.
    pub fn send_messages(
        &self,
        app_id: &str,
        request: &Value,
        request_id: &str,
    ) -> MockResult<Value> {
        let addresses = request.get("Addresses").and_then(Value::as_object);
        let endpoints = request.get("Endpoints").and_then(Value::as_object);
        let count = addresses.map_or(0, Map::len) + endpoints.map_or(0, Map::len);
        if count == 0 {
            return Err(MockError::bad_request(
                "Give at least one recipient in Addresses or Endpoints",
            ));
        }
        if count > MAX_RECIPIENTS {
            return Err(MockError::bad_request(format!(
                "{count} recipients; a request takes at most {MAX_RECIPIENTS} (Addresses and Endpoints together)"
            )));
        }
        let prepared = self.prepare(
            request.get("MessageConfiguration").unwrap_or(&Value::Null),
            request.get("TemplateConfiguration"),
        )?;
        let config = prepared.config();
        let mut send = Send::new(app_id, request_id, &prepared, request, iso8601(self.clock_now()));
        let body = self.with_app(app_id, |app| {
            let mut body = json!({ "ApplicationId": app_id, "RequestId": request_id });
            if let Some(addresses) = addresses {
                let mut result = Map::new();
                for (address, conf) in addresses {
                    let channel_type =
                        conf.get("ChannelType").and_then(Value::as_str).unwrap_or_default();
                    let delivery = if channel_type.is_empty() {
                        Delivery::failed(
                            "PERMANENT_FAILURE",
                            400,
                            "ChannelType is required for an address",
                        )
                    } else {
                        decide(app, channel_type, address, config)
                    };
                    send.record(app, &delivery, channel_type, address, None, conf);
                    result.insert(address.clone(), delivery.result(None));
                }
                body["Result"] = Value::Object(result);
            }
            if let Some(endpoints) = endpoints {
                let mut result = Map::new();
                for (id, conf) in endpoints {
                    let endpoint = app.endpoints.get(id);
                    let (delivery, address) = endpoint_delivery(app, endpoint, id, config);
                    if let Some(endpoint) = endpoint {
                        let channel_type = endpoint.channel_type.as_deref().unwrap_or_default();
                        send.record(
                            app,
                            &delivery,
                            channel_type,
                            &address,
                            Some((id, endpoint)),
                            conf,
                        );
                    }
                    result.insert(id.clone(), delivery.result(Some(&address)));
                }
                body["EndpointResult"] = Value::Object(result);
            }
            Ok(body)
        })?;
        self.emit(app_id, send.sinks);
        Ok(body)
    }

    /// SendUsersMessages.
    pub fn send_users_messages(
        &self,
        app_id: &str,
        request: &Value,
        request_id: &str,
    ) -> MockResult<Value> {
        let users = request.get("Users").and_then(Value::as_object).cloned().unwrap_or_default();
        if users.is_empty() {
            return Err(MockError::bad_request("Users must name at least one user id"));
        }
        if users.len() > MAX_RECIPIENTS {
            return Err(MockError::bad_request(format!(
                "{} users; a request takes at most {MAX_RECIPIENTS}",
                users.len()
            )));
        }
        let prepared = self.prepare(
            request.get("MessageConfiguration").unwrap_or(&Value::Null),
            request.get("TemplateConfiguration"),
        )?;
        let config = prepared.config();
        let mut send = Send::new(app_id, request_id, &prepared, request, iso8601(self.clock_now()));
        let body = self.with_app(app_id, |app| {
            let mut result = Map::new();
            for (user, conf) in &users {
                let mut per_endpoint = Map::new();
                for endpoint in app.endpoints.iter() {
                    if endpoint.user_id() != Some(user.as_str()) {
                        continue;
                    }
                    let id = endpoint.id();
                    let (delivery, address) = endpoint_delivery(app, Some(endpoint), id, config);
                    let channel_type = endpoint.channel_type.as_deref().unwrap_or_default();
                    send.record(app, &delivery, channel_type, &address, Some((id, endpoint)), conf);
                    per_endpoint.insert(id.to_owned(), delivery.result(Some(&address)));
                }
                result.insert(user.clone(), Value::Object(per_endpoint));
            }
            Ok(json!({ "ApplicationId": app_id, "RequestId": request_id, "Result": result }))
        })?;
        self.emit(app_id, send.sinks);
        Ok(body)
    }
}
