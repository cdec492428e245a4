//! What the showcase project (Acme Retail (Android)) has beyond the other demo projects: three
//! more segments, a campaign sent from an email template, an in-app campaign, and journeys: a
//! draft with every kind of step, an active one the engine runs from the start, and one that
//! has run to its end.

use serde_json::{Value, json};

/// The project that shows the most.
pub const SHOWCASE: &str = "Acme Retail (Android)";

/// Adds the showcase's segments, campaigns and journeys to the generated project `app`.
pub fn extend(app: &mut Value) {
    if let Some(segments) = app.get_mut("Segments").and_then(Value::as_array_mut) {
        segments.extend(segments_to_add());
    }
    if let Some(campaigns) = app.get_mut("Campaigns").and_then(Value::as_array_mut) {
        campaigns.extend(campaigns_to_add());
    }
    app["Journeys"] = journeys();
}

fn segments_to_add() -> Vec<Value> {
    vec![
        json!({ "Name": "Gold members", "Dimensions": { "UserAttributes": {
            "tier": { "AttributeType": "INCLUSIVE", "Values": ["gold"] } } } }),
        json!({ "Name": "Frequent buyers", "Dimensions": { "Metrics": {
            "orders": { "ComparisonOperator": "GREATER_THAN_OR_EQUAL", "Value": 6.0 } } } }),
        json!({ "Name": "Email subscribers", "Dimensions": { "Demographic": {
            "Channel": { "DimensionType": "INCLUSIVE", "Values": ["EMAIL"] } } } }),
    ]
}

fn campaigns_to_add() -> Vec<Value> {
    vec![
        // Sent from a template rather than an inline message, when an order ships.
        json!({ "Name": "Order shipped email", "SegmentId": "Email subscribers",
          "Description": "Tells the buyer their order is on its way (order.shipped from the warehouse system)",
          "TemplateConfiguration": { "EmailTemplate": { "Name": "acme-order-shipped" } },
          "Schedule": { "StartTime": "2026-11-01T00:00:00Z", "Frequency": "EVENT", "Timezone": "UTC",
                        "EventFilter": { "FilterType": "ENDPOINT", "Dimensions": {
                            "EventType": { "DimensionType": "INCLUSIVE", "Values": ["order.shipped"] } } } },
          "tags": { "team": "growth", "channel": "email" } }),
        // Fetched by the app at the start of a session; gold members only.
        json!({ "Name": "Holiday sale banner", "SegmentId": "Gold members", "Priority": 2,
          "Description": "Shown in the app to gold members when they open it",
          "MessageConfiguration": { "InAppMessage": { "Layout": "TOP_BANNER", "Content": [{
              "BackgroundColor": "#0B3D2E",
              "HeaderConfig": { "Alignment": "LEFT", "Header": "Holiday sale: gold members first", "TextColor": "#FFFFFF" },
              "BodyConfig": { "Alignment": "LEFT", "Body": "40% off gifts until Sunday, before everyone else.", "TextColor": "#E8F5E9" },
              "PrimaryBtn": {
                  "DefaultConfig": { "ButtonAction": "LINK", "Link": "https://shop.example.com/holiday",
                                     "Text": "Shop now", "BackgroundColor": "#C62828", "TextColor": "#FFFFFF", "BorderRadius": 6 },
                  "Android": { "ButtonAction": "DEEP_LINK", "Link": "acme://holiday" } },
              "SecondaryBtn": { "DefaultConfig": { "ButtonAction": "CLOSE", "Text": "Later", "TextColor": "#FFFFFF" } } }] } },
          "Schedule": { "StartTime": "2026-11-15T00:00:00Z", "Frequency": "IN_APP_EVENT", "Timezone": "UTC",
                        "EventFilter": { "FilterType": "ENDPOINT", "Dimensions": {
                            "EventType": { "DimensionType": "INCLUSIVE", "Values": ["_session.start"] } } } },
          "Limits": { "Session": 1, "Daily": 2, "Total": 6 } }),
    ]
}

/// An activity that sends a template's message on `channel` (`EMAIL`, `SMS`, `PUSH`).
fn message(channel: &str, template: &str, next: Option<&str>) -> Value {
    let config = match channel {
        "EMAIL" => json!({ "FromAddress": "hello@growth.example.com" }),
        "SMS" => json!({ "SenderId": "GROWTH", "MessageType": "PROMOTIONAL" }),
        _ => json!({}),
    };
    let mut activity = json!({ "TemplateName": template, "MessageConfig": config });
    if let Some(next) = next {
        activity["NextActivity"] = json!(next);
    }
    json!({ channel: activity })
}

fn wait_for(duration: &str, next: &str) -> Value {
    json!({ "Wait": { "WaitTime": { "WaitFor": duration }, "NextActivity": next } })
}

fn segment_start(name: &str) -> Value {
    json!({ "SegmentStartCondition": { "SegmentId": name } })
}

fn journeys() -> Value {
    json!([
        { "State": "DRAFT", "Journey": {
            "Name": "Win back lapsed shoppers",
            "StartCondition": segment_start("Email subscribers"),
            "StartActivity": "holdout",
            "Activities": {
                "holdout": { "Description": "Keep 10% out to measure the lift",
                             "Holdout": { "Percentage": 10, "NextActivity": "welcome-back" } },
                "welcome-back": message("EMAIL", "acme-welcome", Some("wait-3-days")),
                "wait-3-days": wait_for("P3D", "bought"),
                "bought": { "Description": "Bought something since the email?",
                    "ConditionalSplit": {
                        "Condition": { "Operator": "ALL", "Conditions": [{ "EventCondition": { "Dimensions": {
                            "EventType": { "DimensionType": "INCLUSIVE", "Values": ["_monetization.purchase"] } } } }] },
                        "EvaluationWaitTime": { "WaitFor": "P1D" },
                        "TrueActivity": "by-tier", "FalseActivity": "nudge" } },
                "nudge": { "Description": "Text or push, half and half",
                    "RandomSplit": { "Branches": [
                        { "Percentage": 50, "NextActivity": "nudge-sms" },
                        { "Percentage": 50, "NextActivity": "nudge-push" }] } },
                "nudge-sms": message("SMS", "acme-loyalty-thanks", None),
                "nudge-push": message("PUSH", "acme-cart-reminder", None),
                "by-tier": { "Description": "Gold members get a call from the service team",
                    "MultiCondition": {
                        "Branches": [{ "Condition": { "SegmentCondition": { "SegmentId": "Gold members" } },
                                       "NextActivity": "vip-call" }],
                        "DefaultActivity": "thanks",
                        "EvaluationWaitTime": { "WaitFor": "PT1H" } } },
                "vip-call": { "ContactCenter": {} },
                "thanks": message("SMS", "acme-loyalty-thanks", None),
            },
            "QuietTime": { "Start": "21:00", "End": "08:00" },
            "WaitForQuietTime": true,
            "Limits": { "DailyCap": 1, "EndpointReentryCap": 1 },
        } },
        { "State": "ACTIVE", "Journey": {
            "Name": "Frequent buyer thank-you",
            "StartCondition": segment_start("Frequent buyers"),
            "StartActivity": "split",
            "RefreshFrequency": "P1D",
            "WaitForQuietTime": true,
            "Activities": {
                "split": { "RandomSplit": { "Branches": [
                    { "Percentage": 50, "NextActivity": "thank-by-sms" },
                    { "Percentage": 50, "NextActivity": "wait-5-minutes" }] } },
                "thank-by-sms": message("SMS", "acme-loyalty-thanks", None),
                "wait-5-minutes": wait_for("PT5M", "welcome-email"),
                "welcome-email": message("EMAIL", "acme-welcome", None),
            },
            "Limits": { "EndpointReentryCap": 1, "MessagesPerSecond": 50 },
        } },
        { "State": "ACTIVE", "Journey": {
            "Name": "Black Friday early access",
            "StartCondition": segment_start("Gold members"),
            "StartActivity": "early-access",
            "Activities": { "early-access": message("SMS", "acme-vip-early-access", None) },
            "Limits": { "EndpointReentryCap": 1 },
        } },
    ])
}
