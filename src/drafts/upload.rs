//! Batch upload of endpoints from a CSV or JSON file: columns mapped to endpoint members (a
//! CSV header or a JSON member path names them by default, e.g. `Demographic.Platform`,
//! `Attributes.interests`), every row judged on its own with its row number by the rules an
//! import job uses too (`pinpoint::endpoint_row`), good rows sent in chunks of 100.

use aws_sdk_pinpoint::types::{
    ChannelType, EndpointBatchItem, EndpointBatchRequest, EndpointLocation, EndpointUser,
};
use serde_json::{Map, Value};

use crate::pinpoint::endpoint_row::{self, FileRow};

/// Items per UpdateEndpointsBatch.
pub const CHUNK: usize = 100;

/// What a column maps to when it is left out.
pub const IGNORE: &str = "(ignore)";

/// The members a column can map to, in the mapping's list (besides the maps, offered per
/// column as `Attributes.NAME`, `User.UserAttributes.NAME` and `Metrics.NAME`).
pub fn members() -> impl Iterator<Item = &'static str> {
    std::iter::once(IGNORE).chain(endpoint_row::MEMBERS)
}

/// A loaded file: its columns, each column's member, and its rows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Upload {
    /// Column names (CSV header; for JSON, the member paths found).
    pub columns: Vec<String>,
    /// The member each column maps to (`(ignore)` to skip).
    pub mapping: Vec<String>,
    /// The rows: their number in the file and their cells (one per column: text for CSV,
    /// typed values for JSON, null where a JSON row has none), or why the row is unreadable.
    pub rows: Vec<FileRow<Vec<Value>>>,
    /// True for a JSON file (cells are typed, not text to read).
    pub json: bool,
}

/// A row that cannot be uploaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    /// The row number in the file (CSV: the line, the header being line 1; JSON: the line, or
    /// the item of an array).
    pub row: usize,
    /// What is wrong.
    pub message: String,
}

fn default_member(column: &str) -> String {
    endpoint_row::member_of(column).map_or_else(|| IGNORE.to_owned(), str::to_owned)
}

impl Upload {
    /// Reads a file's text: CSV with a header row, or JSON (an array of endpoint objects, or
    /// one object per line).
    pub fn parse(text: &str, json: bool) -> Result<Self, String> {
        if !json {
            let (columns, rows) = endpoint_row::read_csv(text)?;
            let rows = rows
                .into_iter()
                .map(|(n, cells)| (n, cells.map(|c| c.into_iter().map(Value::String).collect())))
                .collect();
            let mapping = columns.iter().map(|c| default_member(c)).collect();
            return Ok(Self { columns, mapping, rows, json });
        }
        let read = endpoint_row::read_json(text)?;
        let mut columns: Vec<String> = Vec::new();
        let flat: Vec<FileRow<Vec<(String, Value)>>> = read
            .into_iter()
            .map(|(n, row)| {
                let leaves = row.map(|r| endpoint_row::leaves(&r));
                for (path, _) in leaves.iter().flatten() {
                    if !columns.contains(path) {
                        columns.push(path.clone());
                    }
                }
                (n, leaves)
            })
            .collect();
        let rows = flat
            .into_iter()
            .map(|(n, leaves)| {
                let cells = leaves.map(|leaves| {
                    columns
                        .iter()
                        .map(|c| {
                            leaves.iter().find(|(p, _)| p == c).map_or(Value::Null, |l| l.1.clone())
                        })
                        .collect()
                });
                (n, cells)
            })
            .collect();
        let mapping = columns.iter().map(|c| default_member(c)).collect();
        Ok(Self { columns, mapping, rows, json })
    }

    /// A column's value in the first readable row, as text (for the mapping's sample).
    #[must_use]
    pub fn sample(&self, column: usize) -> String {
        let first = self.rows.iter().find_map(|(_, cells)| cells.as_ref().ok());
        match first.and_then(|cells| cells.get(column)) {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Null) | None => String::new(),
            Some(other) => other.to_string(),
        }
    }

    /// The endpoint object of a row under the current mapping.
    fn row_object(&self, cells: &[Value]) -> Map<String, Value> {
        let mapped = self.mapping.iter().zip(cells).filter(|(m, _)| m.as_str() != IGNORE);
        if self.json {
            endpoint_row::from_leaves(mapped.map(|(m, v)| (m.as_str(), v)))
        } else {
            endpoint_row::from_csv(
                mapped.map(|(m, v)| (m.as_str(), v.as_str().unwrap_or_default())),
            )
        }
    }

    /// Checks every row; returns the good items and the problems with their row numbers.
    #[must_use]
    pub fn items(&self) -> (Vec<EndpointBatchItem>, Vec<RowProblem>) {
        let mut items = Vec::new();
        let mut problems = Vec::new();
        for (number, cells) in &self.rows {
            let checked = cells
                .as_ref()
                .map_err(Clone::clone)
                .and_then(|c| endpoint_row::check(&self.row_object(c)));
            match checked {
                Ok(row) => items.push(item(&row)),
                Err(message) => problems.push(RowProblem { row: *number, message }),
            }
        }
        (items, problems)
    }
}

/// The batch item of a row the rules accepted.
fn item(row: &Map<String, Value>) -> EndpointBatchItem {
    let text = |v: Option<&Value>| v.and_then(Value::as_str).map(str::to_owned);
    let top = |k: &str| text(row.get(k));
    let within = |s: &str, k: &str| text(row.get(s).and_then(|o| o.get(k)));
    let lists = |v: Option<&Value>| {
        v.and_then(Value::as_object).map(|map| {
            map.iter()
                .map(|(k, values)| {
                    let values = values.as_array().into_iter().flatten();
                    (k.clone(), values.filter_map(Value::as_str).map(str::to_owned).collect())
                })
                .collect()
        })
    };
    let location = row.get("Location");
    let coordinate = |k: &str| location.and_then(|l| l.get(k)).and_then(Value::as_f64);
    let user = row.get("User");
    EndpointBatchItem::builder()
        .set_id(top("Id"))
        .set_channel_type(top("ChannelType").map(|c| ChannelType::from(c.as_str())))
        .set_address(top("Address"))
        .set_opt_out(top("OptOut"))
        .set_endpoint_status(top("EndpointStatus"))
        .set_effective_date(top("EffectiveDate"))
        .set_request_id(top("RequestId"))
        .set_attributes(lists(row.get("Attributes")))
        .set_metrics(
            row.get("Metrics")
                .and_then(Value::as_object)
                .map(|m| m.iter().filter_map(|(k, v)| Some((k.clone(), v.as_f64()?))).collect()),
        )
        .set_demographic(
            row.get("Demographic")
                .map(|_| super::endpoint::demographic(|k| within("Demographic", k))),
        )
        .set_location(location.map(|_| {
            let l = |k: &str| within("Location", k);
            EndpointLocation::builder()
                .set_city(l("City"))
                .set_country(l("Country"))
                .set_latitude(coordinate("Latitude"))
                .set_longitude(coordinate("Longitude"))
                .set_postal_code(l("PostalCode"))
                .set_region(l("Region"))
                .build()
        }))
        .set_user(user.map(|u| {
            EndpointUser::builder()
                .set_user_id(text(u.get("UserId")))
                .set_user_attributes(lists(u.get("UserAttributes")))
                .build()
        }))
        .build()
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
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].row, 3);
        assert!(problems[0].message.starts_with("Address '12345' is not an E.164 number"));
        assert_eq!(items[0].attributes().unwrap()["interests"], vec!["hiking", "news"]);
        assert_eq!(items[0].user().and_then(EndpointUser::user_id), Some("u1"));
        assert_eq!(chunks(&items).len(), 1);
    }

    #[test]
    fn json_lines_keep_their_types_and_a_remapped_column_moves() {
        let text = r#"{"Id":"a","ChannelType":"SMS","Address":"+12065550100","Demographic":{"Platform":"iOS"},"Attributes":{"x":["1;2","3"]},"Metrics":{"m":4}}"#;
        let mut upload = Upload::parse(text, true).unwrap();
        assert!(upload.mapping.contains(&"Demographic.Platform".to_owned()));
        let (items, problems) = upload.items();
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(items[0].attributes().unwrap()["x"], vec!["1;2", "3"], "a list stays whole");
        assert!((items[0].metrics().unwrap()["m"] - 4.0).abs() < f64::EPSILON);
        let platform = upload.columns.iter().position(|c| c == "Demographic.Platform").unwrap();
        upload.mapping[platform] = "Demographic.Make".into();
        let (items, _) = upload.items();
        let demographic = items[0].demographic().unwrap();
        assert_eq!((demographic.make(), demographic.platform()), (Some("iOS"), None));
    }
}
