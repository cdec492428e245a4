//! In-app messaging: the rules of campaigns that carry an `InAppMessage`, and
//! GetInAppMessages, which answers for one endpoint the in-app campaigns it is entitled to.
//!
//! In-app campaigns are not sent: the app fetches them and shows them when one of the
//! campaign's events happens in the app (the developer guide, "Sending and retrieving in-app
//! messages"). So an in-app campaign has the `IN_APP_EVENT` frequency and an event filter,
//! and the engine never runs it. Its content is one message, or a carousel of up to five;
//! colours are hex (`#RRGGBB`); a button that links needs its link; the header holds up to 64
//! characters and the body 150 (the console's in-app editor's limits); `Priority` runs from
//! 1 (most urgent) to 5.

use serde_json::{Value, json};

use super::{Backend, MockError, MockResult};
use crate::mock::engine::campaigns::treatment_of;
use crate::mock::model::model;
use crate::pinpoint::rules;

/// Most messages in one in-app carousel.
pub const MAX_CAROUSEL: usize = 5;
/// Most characters in an in-app header.
pub const MAX_HEADER: usize = 64;
/// Most characters in an in-app body.
pub const MAX_BODY: usize = 150;

fn bad<T>(message: impl Into<String>) -> MockResult<T> {
    Err(MockError::bad_request(message.into()))
}

fn is_colour(text: &str) -> bool {
    text.strip_prefix('#').is_some_and(|hex| {
        matches!(hex.len(), 3 | 6 | 8) && hex.chars().all(|c| c.is_ascii_hexdigit())
    })
}

fn check_colour(path: &str, value: Option<&Value>) -> MockResult<()> {
    match value.and_then(Value::as_str) {
        Some(colour) if !is_colour(colour) => {
            bad(format!("{path} '{colour}' is not a hex colour such as #FF9900"))
        }
        _ => Ok(()),
    }
}

fn check_button(path: &str, button: &Value) -> MockResult<()> {
    for (config, member) in
        [("DefaultConfig", "DefaultConfig"), ("Android", "Android"), ("IOS", "IOS"), ("Web", "Web")]
    {
        let Some(config) = button.get(config) else { continue };
        let action = config.get("ButtonAction").and_then(Value::as_str).unwrap_or_default();
        let link = config.get("Link").and_then(Value::as_str).unwrap_or_default();
        if matches!(action, "LINK" | "DEEP_LINK") && link.trim().is_empty() {
            return bad(format!("{path}.{member}.Link is required when ButtonAction is {action}"));
        }
        check_colour(&format!("{path}.{member}.BackgroundColor"), config.get("BackgroundColor"))?;
        check_colour(&format!("{path}.{member}.TextColor"), config.get("TextColor"))?;
    }
    Ok(())
}

fn check_message(path: &str, message: &Value) -> MockResult<()> {
    let content = message.get("Content").and_then(Value::as_array).map_or(&[][..], Vec::as_slice);
    let layout = message.get("Layout").and_then(Value::as_str).unwrap_or_default();
    if layout.is_empty() {
        return bad(format!("{path}.Layout is required"));
    }
    if content.is_empty() {
        return bad(format!("{path}.Content must hold at least one message"));
    }
    if content.len() > 1 && layout != "CAROUSEL" {
        return bad(format!(
            "{path}.Content holds {} messages; only a CAROUSEL holds more than one",
            content.len()
        ));
    }
    if content.len() > MAX_CAROUSEL {
        return bad(format!(
            "{path}.Content holds {} messages; a carousel holds at most {MAX_CAROUSEL}",
            content.len()
        ));
    }
    for (i, item) in content.iter().enumerate() {
        let at = format!("{path}.Content[{i}]");
        check_colour(&format!("{at}.BackgroundColor"), item.get("BackgroundColor"))?;
        for (config, text, max) in
            [("HeaderConfig", "Header", MAX_HEADER), ("BodyConfig", "Body", MAX_BODY)]
        {
            let Some(config) = item.get(config) else { continue };
            let length = config.get(text).and_then(Value::as_str).map_or(0, |t| t.chars().count());
            if length > max {
                return bad(format!("{at}.{config}.{text} has {length} characters; at most {max}"));
            }
            check_colour(&format!("{at}.{config}.TextColor"), config.get("TextColor"))?;
        }
        for button in ["PrimaryBtn", "SecondaryBtn"] {
            if let Some(b) = item.get(button) {
                check_button(&format!("{at}.{button}"), b)?;
            }
        }
    }
    Ok(())
}

/// The in-app messages of a campaign request: the campaign's and each treatment's.
fn in_app_messages(request: &Value) -> Vec<(String, &Value)> {
    let mut found: Vec<(String, &Value)> = request
        .pointer("/MessageConfiguration/InAppMessage")
        .filter(|m| !m.is_null())
        .map(|m| ("MessageConfiguration.InAppMessage".to_owned(), m))
        .into_iter()
        .collect();
    for (i, t) in request
        .get("AdditionalTreatments")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
    {
        if let Some(m) = t.pointer("/MessageConfiguration/InAppMessage").filter(|m| !m.is_null()) {
            found.push((format!("AdditionalTreatments[{i}].MessageConfiguration.InAppMessage"), m));
        }
    }
    found
}

/// The in-app rules of a campaign request (CreateCampaign, UpdateCampaign).
pub fn check_in_app_campaign(request: &Value) -> MockResult<()> {
    if let Some(priority) = request.get("Priority").and_then(Value::as_i64)
        && !(1..=5).contains(&priority)
    {
        return bad(format!("Priority must be from 1 (most urgent) to 5 (got {priority})"));
    }
    let messages = in_app_messages(request);
    let frequency = request.pointer("/Schedule/Frequency").and_then(Value::as_str);
    if messages.is_empty() {
        if frequency == Some("IN_APP_EVENT") {
            return bad(
                "A campaign with the IN_APP_EVENT frequency needs MessageConfiguration.InAppMessage",
            );
        }
        return Ok(());
    }
    if frequency != Some("IN_APP_EVENT") {
        return bad("An in-app campaign needs Schedule.Frequency IN_APP_EVENT");
    }
    if request.pointer("/Schedule/EventFilter").is_none_or(Value::is_null) {
        return bad("Schedule.EventFilter is required when Frequency is IN_APP_EVENT");
    }
    for (path, message) in messages {
        check_message(&path, message)?;
    }
    Ok(())
}

/// The entry of GetInAppMessages for one campaign and treatment.
fn entry(campaign: &Value, treatment: usize) -> Option<Value> {
    let own = |member: &str| {
        treatment
            .checked_sub(1)
            .and_then(|i| campaign.pointer(&format!("/AdditionalTreatments/{i}/{member}")))
            .filter(|v| !v.is_null())
            .or_else(|| campaign.get(member))
    };
    let message = own("MessageConfiguration")?.get("InAppMessage").filter(|m| !m.is_null())?;
    let schedule = own("Schedule").unwrap_or(&Value::Null);
    let mut in_app_schedule = json!({});
    for (from, to) in
        [("EndTime", "EndDate"), ("EventFilter", "EventFilter"), ("QuietTime", "QuietTime")]
    {
        if let Some(v) = schedule.get(from).filter(|v| !v.is_null()) {
            in_app_schedule[to] = v.clone();
        }
    }
    let cap = |member: &str| {
        campaign.pointer(&format!("/Limits/{member}")).and_then(Value::as_i64).unwrap_or(0)
    };
    let mut entry = json!({
        "CampaignId": campaign.get("Id"),
        "TreatmentId": treatment.to_string(),
        "InAppMessage": model().project("InAppMessage", message),
        "Schedule": in_app_schedule,
        "SessionCap": cap("Session"),
        "DailyCap": cap("Daily"),
        "TotalCap": cap("Total"),
    });
    if let Some(priority) = campaign.get("Priority").filter(|p| p.is_i64()) {
        entry["Priority"] = priority.clone();
    }
    Some(entry)
}

impl Backend {
    /// GetInAppMessages: the in-app campaigns whose segment holds the endpoint (and do not
    /// hold it out), not paused, within their schedule by the mock's clock, most urgent
    /// priority first.
    pub fn get_in_app_messages(&self, app_id: &str, endpoint_id: &str) -> MockResult<Value> {
        let now = self.clock_now();
        self.with_app(app_id, |app| {
            if app.endpoints.get(endpoint_id).is_none() {
                return Err(MockError::resource_not_found("Endpoint", endpoint_id));
            }
            let time = |campaign: &Value, member: &str| {
                campaign
                    .pointer(&format!("/Schedule/{member}"))
                    .and_then(Value::as_str)
                    .and_then(|t| rules::iso_timestamp(member, t).ok())
            };
            let mut found: Vec<Value> = app
                .campaigns
                .iter()
                .filter_map(|versions| versions.last())
                .filter(|c| {
                    c.pointer("/Schedule/Frequency").and_then(Value::as_str) == Some("IN_APP_EVENT")
                })
                .filter(|c| c.get("IsPaused").and_then(Value::as_bool) != Some(true))
                .filter(|c| time(c, "StartTime").is_none_or(|start| start <= now))
                .filter(|c| time(c, "EndTime").is_none_or(|end| now < end))
                .filter_map(|c| entry(c, treatment_of(app, c, endpoint_id, now)?))
                .collect();
            found.sort_by_key(|e| e.get("Priority").and_then(Value::as_i64).unwrap_or(i64::MAX));
            Ok(json!({ "InAppMessageCampaigns": found }))
        })
    }
}
