//! One endpoint row of a file, read and judged the same way wherever it comes in: a segment
//! import job (the mock's) and an endpoint upload (the console's). A row is an
//! `EndpointBatchItem`: CSV files name its members in a header row (`Id`, `ChannelType`,
//! `Address`, `Demographic.Platform`, `Attributes.interests`, `User.UserAttributes.plan`,
//! `Metrics.score` …; list values separated by `;`), JSON files hold one endpoint object per
//! line or an array of them.
//!
//! The rules are the service's: the members and types of `EndpointBatchItem`, the channel
//! types of its `ChannelType` enum, `OptOut` ALL or NONE, `EndpointStatus` ACTIVE or INACTIVE,
//! an IANA `Demographic.Timezone`, coordinates in range, an ISO-8601 `EffectiveDate`, and the
//! address its documentation asks for (an E.164 number for SMS and VOICE, an email address for
//! EMAIL). Beyond the service, a row needs an `Id` (the endpoint it creates or updates) and a
//! `ChannelType`, so that the same file gives the same endpoints however often it is read.
//! Members the shape does not have (a CSV `Notes` column, the `CohortId` of an exported
//! endpoint) are left out, not refused.

mod file;

use serde_json::{Map, Value};

pub use self::file::{CsvFile, FileRow, from_csv, from_leaves, leaves, read_csv, read_json};
use super::rules;

/// The values of the `ChannelType` enum, in the order the forms offer them.
pub const CHANNEL_TYPES: [&str; 13] = [
    "SMS",
    "EMAIL",
    "GCM",
    "APNS",
    "APNS_SANDBOX",
    "APNS_VOIP",
    "APNS_VOIP_SANDBOX",
    "ADM",
    "BAIDU",
    "VOICE",
    "CUSTOM",
    "IN_APP",
    "PUSH",
];

/// The members a column can name besides the maps (`Attributes.NAME`, `Metrics.NAME`,
/// `User.UserAttributes.NAME`).
pub const MEMBERS: [&str; 22] = [
    "Id",
    "ChannelType",
    "Address",
    "OptOut",
    "EndpointStatus",
    "EffectiveDate",
    "RequestId",
    "User.UserId",
    "Demographic.AppVersion",
    "Demographic.Locale",
    "Demographic.Make",
    "Demographic.Model",
    "Demographic.ModelVersion",
    "Demographic.Platform",
    "Demographic.PlatformVersion",
    "Demographic.Timezone",
    "Location.City",
    "Location.Country",
    "Location.Latitude",
    "Location.Longitude",
    "Location.PostalCode",
    "Location.Region",
];

/// The map members: a column `PREFIX.NAME` sets the entry `NAME`.
pub const MAP_PREFIXES: [&str; 3] = ["Attributes.", "User.UserAttributes.", "Metrics."];

/// The structure members (a JSON file nests their members; a column names one of them).
const STRUCTURES: [&str; 6] =
    ["Demographic", "Location", "User", "Attributes", "Metrics", "User.UserAttributes"];

/// The member a column names (trimmed), or `None` when it names none (the column is left out).
#[must_use]
pub fn member_of(column: &str) -> Option<&str> {
    let column = column.trim();
    let map_entry = MAP_PREFIXES.iter().any(|p| column.len() > p.len() && column.starts_with(p));
    (MEMBERS.contains(&column) || map_entry || STRUCTURES.contains(&column)).then_some(column)
}

/// The value as the row showed it, for a message.
fn shown(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.as_f64().map_or_else(|| n.to_string(), |f| f.to_string()),
        other => other.to_string(),
    }
}

fn string<'a>(path: &str, value: &'a Value) -> Result<&'a str, String> {
    value.as_str().ok_or_else(|| format!("{path} must be text (got {value})"))
}

fn present<'a>(row: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    row.get(key).filter(|v| !v.is_null())
}

/// Checks a `Map<string, list<string>>` member.
fn lists(path: &str, value: &Value) -> Result<Value, String> {
    let Value::Object(map) = value else {
        return Err(format!("{path} must be a map of lists of text (got {value})"));
    };
    for (name, values) in map {
        let ok = values.as_array().is_some_and(|items| items.iter().all(Value::is_string));
        if !ok {
            return Err(format!("{path}.{name} must be a list of text values (got {values})"));
        }
    }
    Ok(value.clone())
}

/// Checks a structure of text members (`Demographic`, `Location`), keeping its known members.
fn structure(
    path: &str,
    value: &Value,
    members: &[&str],
    check: impl Fn(&str, &Value) -> Result<Value, String>,
) -> Result<Value, String> {
    let Value::Object(map) = value else {
        return Err(format!("{path} must be an object (got {value})"));
    };
    let mut out = Map::new();
    for member in members {
        if let Some(v) = present(map, member) {
            out.insert((*member).to_owned(), check(&format!("{path}.{member}"), v)?);
        }
    }
    Ok(Value::Object(out))
}

fn text_member(path: &str, value: &Value) -> Result<Value, String> {
    string(path, value).map(|s| Value::String(s.to_owned()))
}

/// Checks one address against its channel: what the service's documentation asks for.
pub fn address(channel_type: &str, address: &str) -> Result<(), String> {
    match channel_type {
        "SMS" | "VOICE" if !rules::looks_like_e164(address) => {
            Err(format!("Address '{address}' is not an E.164 number, e.g. +12065550100"))
        }
        "EMAIL" if !rules::looks_like_email(address) => {
            Err(format!("Address '{address}' is not an email address"))
        }
        _ => Ok(()),
    }
}

/// Judges one row: the endpoint as an `EndpointBatchItem` object (its members only), or the
/// first problem, worded for the person who wrote the file.
pub fn check(row: &Map<String, Value>) -> Result<Map<String, Value>, String> {
    let mut out = Map::new();
    let id = present(row, "Id").map(|v| string("Id", v)).transpose()?.map(str::trim);
    let Some(id) = id.filter(|i| !i.is_empty()) else {
        return Err("Id is required: the endpoint the row creates or updates".to_owned());
    };
    out.insert("Id".into(), Value::String(id.to_owned()));
    let Some(channel) = present(row, "ChannelType") else {
        return Err("ChannelType is required, e.g. SMS or EMAIL".to_owned());
    };
    let channel = string("ChannelType", channel)?;
    if !CHANNEL_TYPES.contains(&channel) {
        let upper = channel.to_ascii_uppercase();
        let hint = if CHANNEL_TYPES.contains(&upper.as_str()) {
            format!("; write it as {upper}")
        } else {
            String::new()
        };
        return Err(format!(
            "ChannelType '{channel}' is not one of {}{hint}",
            CHANNEL_TYPES.join(", ")
        ));
    }
    out.insert("ChannelType".into(), Value::String(channel.to_owned()));
    if let Some(v) = present(row, "Address") {
        let a = string("Address", v)?;
        address(channel, a)?;
        out.insert("Address".into(), v.clone());
    }
    for (member, allowed) in
        [("OptOut", ["ALL", "NONE"]), ("EndpointStatus", ["ACTIVE", "INACTIVE"])]
    {
        if let Some(v) = present(row, member) {
            let s = string(member, v)?;
            if !allowed.contains(&s) {
                return Err(format!("{member} '{s}' is not {} or {}", allowed[0], allowed[1]));
            }
            out.insert(member.into(), v.clone());
        }
    }
    if let Some(v) = present(row, "EffectiveDate") {
        rules::iso_timestamp("EffectiveDate", string("EffectiveDate", v)?)?;
        out.insert("EffectiveDate".into(), v.clone());
    }
    if let Some(v) = present(row, "RequestId") {
        out.insert("RequestId".into(), text_member("RequestId", v)?);
    }
    if let Some(v) = present(row, "Demographic") {
        let members = MEMBERS.iter().filter_map(|m| m.strip_prefix("Demographic."));
        let members: Vec<&str> = members.collect();
        let demographic = structure("Demographic", v, &members, |path, v| {
            let s = string(path, v)?;
            if path.ends_with(".Timezone") && s.parse::<chrono_tz::Tz>().is_err() {
                return Err(format!(
                    "{path} '{s}' is not an IANA time zone such as America/New_York"
                ));
            }
            Ok(v.clone())
        })?;
        out.insert("Demographic".into(), demographic);
    }
    if let Some(v) = present(row, "Location") {
        let members: Vec<&str> =
            MEMBERS.iter().filter_map(|m| m.strip_prefix("Location.")).collect();
        let location = structure("Location", v, &members, |path, v| {
            let range = match path {
                "Location.Latitude" => 90.0,
                "Location.Longitude" => 180.0,
                _ => return text_member(path, v),
            };
            match v.as_f64() {
                Some(n) if n.abs() <= range => Ok(v.clone()),
                _ => Err(format!(
                    "{path} '{}' is not a number between -{range} and {range}",
                    shown(v)
                )),
            }
        })?;
        out.insert("Location".into(), location);
    }
    if let Some(v) = present(row, "Attributes") {
        out.insert("Attributes".into(), lists("Attributes", v)?);
    }
    if let Some(v) = present(row, "Metrics") {
        let Value::Object(map) = v else {
            return Err(format!("Metrics must be a map of numbers (got {v})"));
        };
        if let Some((name, bad)) = map.iter().find(|(_, n)| !n.is_number()) {
            return Err(format!("Metrics.{name} '{}' is not a number", shown(bad)));
        }
        out.insert("Metrics".into(), v.clone());
    }
    if let Some(v) = present(row, "User") {
        let Value::Object(user) = v else {
            return Err(format!("User must be an object (got {v})"));
        };
        let mut checked = Map::new();
        if let Some(uid) = present(user, "UserId") {
            checked.insert("UserId".into(), text_member("User.UserId", uid)?);
        }
        if let Some(attributes) = present(user, "UserAttributes") {
            checked.insert("UserAttributes".into(), lists("User.UserAttributes", attributes)?);
        }
        out.insert("User".into(), Value::Object(checked));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn csv_row(header: &str, line: &str) -> Result<Map<String, Value>, String> {
        let text = format!("{header}\n{line}\n");
        let (columns, rows) = read_csv(&text).unwrap();
        let cells = rows.into_iter().next().unwrap().1.unwrap();
        check(&from_csv(columns.iter().map(String::as_str).zip(cells.iter().map(String::as_str))))
    }

    #[test]
    fn csv_cells_become_typed_members() {
        let row = csv_row(
            "Id,ChannelType,Address,Attributes.interests,User.UserAttributes.plan,Metrics.score,Location.Latitude,Notes",
            "a,SMS,+12065550100,hiking; news;,gold,7.5,47.6,ignored",
        )
        .unwrap();
        assert_eq!(
            Value::Object(row),
            json!({"Id": "a", "ChannelType": "SMS", "Address": "+12065550100",
                   "Attributes": {"interests": ["hiking", "news"]},
                   "User": {"UserAttributes": {"plan": ["gold"]}},
                   "Metrics": {"score": 7.5}, "Location": {"Latitude": 47.6}})
        );
    }

    #[test]
    fn each_rule_names_the_member() {
        let h =
            "Id,ChannelType,Address,OptOut,Metrics.score,Demographic.Timezone,Location.Longitude";
        for (line, expected) in [
            (",SMS,,,,,", "Id is required"),
            ("a,,,,,,", "ChannelType is required"),
            ("a,sms,,,,,", "write it as SMS"),
            ("a,FAX,,,,,", "ChannelType 'FAX' is not one of"),
            ("a,SMS,2065550100,,,,", "Address '2065550100' is not an E.164 number"),
            ("a,EMAIL,nobody,,,,", "Address 'nobody' is not an email address"),
            ("a,SMS,,MAYBE,,,", "OptOut 'MAYBE' is not ALL or NONE"),
            ("a,SMS,,,high,,", "Metrics.score 'high' is not a number"),
            ("a,SMS,,,,Mars/Olympus,", "Demographic.Timezone 'Mars/Olympus' is not an IANA"),
            ("a,SMS,,,,,200", "Location.Longitude '200' is not a number between -180 and 180"),
        ] {
            let message = csv_row(h, line).unwrap_err();
            assert!(message.contains(expected), "{line}: {message}");
        }
        assert!(csv_row(h, "a,GCM,token-1,NONE,1,Europe/Paris,2.35").is_ok());
    }

    #[test]
    fn json_rows_are_checked_as_typed_and_leaves_round_trip() {
        let rows =
            read_json("{\"Id\":\"a\",\"ChannelType\":\"SMS\",\"Metrics\":{\"x\":\"9\"}}\n\n[1]\n")
                .unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].0, 3, "numbered by line");
        assert!(rows[1].1.as_ref().unwrap_err().contains("JSON object"));
        let first = rows[0].1.as_ref().unwrap();
        assert_eq!(check(first).unwrap_err(), "Metrics.x '9' is not a number");
        let exported = json!({"Id": "e", "ChannelType": "EMAIL", "Address": "e@example.com",
            "CohortId": "12", "Attributes": {"a.b": ["1;2"]}, "User": {"UserId": "u"},
            "EffectiveDate": "2026-11-26T12:00:00.000Z"});
        let exported = exported.as_object().unwrap();
        let leaves = leaves(exported);
        let rebuilt = from_leaves(leaves.iter().map(|(p, v)| (p.as_str(), v)));
        assert_eq!(check(&rebuilt), check(exported));
        assert!(check(exported).unwrap().get("CohortId").is_none(), "not a member: left out");
    }
}
