//! Batch upload of endpoints from a CSV or JSON file: columns mapped to endpoint members (a
//! CSV header names them by default, e.g. `Demographic.Platform`, `Attributes.interests`),
//! every row checked on its own with its row number, good rows sent in chunks of 100.

use aws_sdk_pinpoint::types::{
    ChannelType, EndpointBatchItem, EndpointBatchRequest, EndpointDemographic, EndpointLocation,
    EndpointUser,
};
use serde_json::{Map, Value};

use super::endpoint::CHANNEL_TYPES;
use crate::pinpoint::rules;

/// Items per UpdateEndpointsBatch.
pub const CHUNK: usize = 100;

/// Members a column can map to (besides `Attributes.NAME`, `UserAttributes.NAME`, `Metrics.NAME`).
pub const MEMBERS: [&str; 21] = [
    "(ignore)",
    "Id",
    "Address",
    "ChannelType",
    "OptOut",
    "EndpointStatus",
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

/// A loaded file: its columns, each column's member, and its rows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Upload {
    /// Column names (CSV header; for JSON, the members found).
    pub columns: Vec<String>,
    /// The member each column maps to (`(ignore)` to skip).
    pub mapping: Vec<String>,
    /// Rows of raw values, one per column.
    pub rows: Vec<Vec<String>>,
}

/// A row that cannot be uploaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    /// The row number in the file (the CSV header is row 1).
    pub row: usize,
    /// What is wrong.
    pub message: String,
}

fn default_member(column: &str) -> String {
    let c = column.trim();
    let prefixed = ["Attributes.", "UserAttributes.", "User.UserAttributes.", "Metrics."];
    if MEMBERS.contains(&c) || prefixed.iter().any(|p| c.starts_with(p) && c.len() > p.len()) {
        c.replace("User.UserAttributes.", "UserAttributes.")
    } else {
        "(ignore)".to_owned()
    }
}

fn flatten(prefix: &str, value: &Value, out: &mut Vec<(String, String)>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let key = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
                flatten(&key, v, out);
            }
        }
        Value::Array(items) => {
            let joined: Vec<String> = items
                .iter()
                .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
                .collect();
            out.push((prefix.to_owned(), joined.join(";")));
        }
        Value::Null => {}
        other => out.push((
            prefix.to_owned(),
            other.as_str().map_or_else(|| other.to_string(), str::to_owned),
        )),
    }
}

impl Upload {
    /// Reads a file's text: CSV with a header row, or JSON (an array of endpoint objects, or
    /// one object per line).
    pub fn parse(text: &str, json: bool) -> Result<Self, String> {
        if !json {
            let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
            let columns: Vec<String> = reader
                .headers()
                .map_err(|e| format!("bad CSV header: {e}"))?
                .iter()
                .map(str::to_owned)
                .collect();
            let mut rows = Vec::new();
            for record in reader.records() {
                let record = record.map_err(|e| format!("bad CSV: {e}"))?;
                rows.push(
                    (0..columns.len())
                        .map(|i| record.get(i).unwrap_or_default().to_owned())
                        .collect(),
                );
            }
            let mapping = columns.iter().map(|c| default_member(c)).collect();
            return Ok(Self { columns, mapping, rows });
        }
        let trimmed = text.trim_start();
        let objects: Vec<Value> = if trimmed.starts_with('[') {
            serde_json::from_str(trimmed).map_err(|e| format!("bad JSON: {e}"))?
        } else {
            text.lines()
                .filter(|l| !l.trim().is_empty())
                .map(serde_json::from_str)
                .collect::<Result<_, _>>()
                .map_err(|e| format!("bad JSON line: {e}"))?
        };
        let mut columns: Vec<String> = Vec::new();
        let flat: Vec<Vec<(String, String)>> = objects
            .iter()
            .map(|o| {
                let mut out = Vec::new();
                flatten("", o, &mut out);
                for (k, _) in &out {
                    if !columns.contains(k) {
                        columns.push(k.clone());
                    }
                }
                out
            })
            .collect();
        let rows = flat
            .into_iter()
            .map(|pairs| {
                columns
                    .iter()
                    .map(|c| {
                        pairs
                            .iter()
                            .find(|(k, _)| k == c)
                            .map(|(_, v)| v.clone())
                            .unwrap_or_default()
                    })
                    .collect()
            })
            .collect();
        let mapping = columns.iter().map(|c| default_member(c)).collect();
        Ok(Self { columns, mapping, rows })
    }

    fn row_object(&self, row: &[String]) -> Map<String, Value> {
        let mut obj = Map::new();
        for (member, raw) in self.mapping.iter().zip(row) {
            let raw = raw.trim();
            if raw.is_empty() || member == "(ignore)" {
                continue;
            }
            obj.insert(member.clone(), Value::String(raw.to_owned()));
        }
        obj
    }

    /// Checks every row; returns the good items and the problems with their row numbers.
    #[must_use]
    pub fn items(&self) -> (Vec<EndpointBatchItem>, Vec<RowProblem>) {
        let mut items = Vec::new();
        let mut problems = Vec::new();
        for (i, row) in self.rows.iter().enumerate() {
            let number = i + 2;
            match item(&self.row_object(row)) {
                Ok(item) => items.push(item),
                Err(message) => problems.push(RowProblem { row: number, message }),
            }
        }
        (items, problems)
    }
}

/// Builds one batch item from `member → raw value`, or says what is wrong.
fn item(o: &Map<String, Value>) -> Result<EndpointBatchItem, String> {
    let get = |k: &str| o.get(k).and_then(Value::as_str).map(str::to_owned);
    let id = get("Id").ok_or("Id is empty")?;
    let channel = get("ChannelType").ok_or("ChannelType is empty")?.to_uppercase();
    if !CHANNEL_TYPES.contains(&channel.as_str()) {
        return Err(format!("ChannelType '{channel}' is not one of {}", CHANNEL_TYPES.join(", ")));
    }
    let address = get("Address");
    match (channel.as_str(), address.as_deref()) {
        ("SMS", Some(a)) if !rules::looks_like_e164(a) => {
            return Err(format!("Address '{a}' is not an E.164 number"));
        }
        ("EMAIL", Some(a)) if !rules::looks_like_email(a) => {
            return Err(format!("Address '{a}' is not an email address"));
        }
        _ => {}
    }
    for (member, allowed) in
        [("OptOut", ["ALL", "NONE"]), ("EndpointStatus", ["ACTIVE", "INACTIVE"])]
    {
        if let Some(v) = get(member).filter(|v| !allowed.contains(&v.as_str())) {
            return Err(format!("{member} '{v}' is not {} or {}", allowed[0], allowed[1]));
        }
    }
    let number = |k: &str, range: f64| -> Result<Option<f64>, String> {
        get(k)
            .map(|v| {
                v.parse::<f64>()
                    .ok()
                    .filter(|n| n.abs() <= range)
                    .ok_or(format!("{k} '{v}' is not a number between -{range} and {range}"))
            })
            .transpose()
    };
    let (lat, lon) = (number("Location.Latitude", 90.0)?, number("Location.Longitude", 180.0)?);
    if let Some(tz) = get("Demographic.Timezone") {
        tz.parse::<chrono_tz::Tz>()
            .map_err(|_| format!("Demographic.Timezone '{tz}' is not an IANA time zone"))?;
    }
    let mut builder = EndpointBatchItem::builder()
        .id(id)
        .channel_type(ChannelType::from(channel.as_str()))
        .set_address(address)
        .set_opt_out(get("OptOut"))
        .set_endpoint_status(get("EndpointStatus"));
    let mut user = EndpointUser::builder().set_user_id(get("User.UserId"));
    for (key, raw) in o {
        let values = || {
            raw.as_str()
                .unwrap_or_default()
                .split(';')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect::<Vec<_>>()
        };
        if let Some(name) = key.strip_prefix("Attributes.") {
            builder = builder.attributes(name, values());
        } else if let Some(name) = key.strip_prefix("UserAttributes.") {
            user = user.user_attributes(name, values());
        } else if let Some(name) = key.strip_prefix("Metrics.") {
            let text = raw.as_str().unwrap_or_default();
            let v: f64 = text.parse().map_err(|_| format!("{key} '{text}' is not a number"))?;
            builder = builder.metrics(name, v);
        }
    }
    let demographic = EndpointDemographic::builder()
        .set_app_version(get("Demographic.AppVersion"))
        .set_locale(get("Demographic.Locale"))
        .set_make(get("Demographic.Make"))
        .set_model(get("Demographic.Model"))
        .set_model_version(get("Demographic.ModelVersion"))
        .set_platform(get("Demographic.Platform"))
        .set_platform_version(get("Demographic.PlatformVersion"))
        .set_timezone(get("Demographic.Timezone"))
        .build();
    let location = EndpointLocation::builder()
        .set_city(get("Location.City"))
        .set_country(get("Location.Country"))
        .set_latitude(lat)
        .set_longitude(lon)
        .set_postal_code(get("Location.PostalCode"))
        .set_region(get("Location.Region"))
        .build();
    Ok(builder.demographic(demographic).location(location).user(user.build()).build())
}

/// The good items in requests of at most 100.
#[must_use]
pub fn chunks(items: &[EndpointBatchItem]) -> Vec<EndpointBatchRequest> {
    items
        .chunks(CHUNK)
        .map(|c| EndpointBatchRequest::builder().set_item(Some(c.to_vec())).build())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_rows_are_checked_one_by_one() {
        let text = "Id,ChannelType,Address,Demographic.Platform,Attributes.interests,User.UserId,Notes\n\
                    a,SMS,+12065550100,iOS,hiking;news,u1,x\n\
                    b,SMS,12345,iOS,,u2,\n\
                    c,EMAIL,c@example.com,Android,,u3,\n";
        let upload = Upload::parse(text, false).unwrap();
        assert_eq!(
            upload.mapping,
            [
                "Id",
                "ChannelType",
                "Address",
                "Demographic.Platform",
                "Attributes.interests",
                "User.UserId",
                "(ignore)"
            ]
        );
        let (items, problems) = upload.items();
        assert_eq!(items.len(), 2);
        assert_eq!(
            problems,
            vec![RowProblem { row: 3, message: "Address '12345' is not an E.164 number".into() }]
        );
        assert_eq!(items[0].attributes().unwrap()["interests"], vec!["hiking", "news"]);
        assert_eq!(chunks(&items).len(), 1);
    }

    #[test]
    fn json_lines_flatten_into_columns() {
        let text = r#"{"Id":"a","ChannelType":"SMS","Address":"+12065550100","Demographic":{"Platform":"iOS"},"Attributes":{"x":["1","2"]}}"#;
        let upload = Upload::parse(text, true).unwrap();
        assert!(upload.mapping.contains(&"Demographic.Platform".to_owned()));
        let (items, problems) = upload.items();
        assert!(problems.is_empty());
        assert_eq!(items[0].attributes().unwrap()["x"], vec!["1", "2"]);
    }
}
