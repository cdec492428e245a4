//! Reading endpoint files and making endpoint objects of their rows: CSV cells (text, read
//! by the member's type) and JSON leaves (typed already), each put at its member path.

use serde_json::{Map, Value};

use super::{MAP_PREFIXES, STRUCTURES, member_of};

/// One row of a file: its number (CSV: the line, the header being line 1; JSON lines: the
/// line; a JSON array: the item, from 1) and its content, or why it cannot be read.
pub type FileRow<T> = (usize, Result<T, String>);

/// A CSV file: its header's columns and each record's cells.
pub type CsvFile = (Vec<String>, Vec<FileRow<Vec<String>>>);

/// Reads a CSV file: the header's columns and each record's cells.
pub fn read_csv(text: &str) -> Result<CsvFile, String> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
    let columns: Vec<String> = reader
        .headers()
        .map_err(|e| format!("bad CSV header: {e}"))?
        .iter()
        .map(|c| c.trim().to_owned())
        .collect();
    let rows = reader
        .records()
        .enumerate()
        .map(|(i, record)| match record {
            Ok(r) => {
                let line = r.position().map_or(i + 2, |p| p.line() as usize);
                (line, Ok(r.iter().map(str::to_owned).collect()))
            }
            Err(e) => {
                let line = e.position().map_or(i + 2, |p| p.line() as usize);
                (line, Err(format!("unreadable CSV: {e}")))
            }
        })
        .collect();
    Ok((columns, rows))
}

/// Reads a JSON file: an array of endpoint objects, or one object per line.
pub fn read_json(text: &str) -> Result<Vec<FileRow<Map<String, Value>>>, String> {
    let object = |v: Value| match v {
        Value::Object(map) => Ok(map),
        _ => Err("a row must be a JSON object (an endpoint)".to_owned()),
    };
    let trimmed = text.trim_start();
    if trimmed.starts_with('[') {
        let items: Vec<Value> =
            serde_json::from_str(trimmed).map_err(|e| format!("bad JSON array: {e}"))?;
        return Ok(items.into_iter().enumerate().map(|(i, v)| (i + 1, object(v))).collect());
    }
    Ok(text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, line)| {
            let parsed = serde_json::from_str(line).map_err(|e| format!("invalid JSON: {e}"));
            (i + 1, parsed.and_then(object))
        })
        .collect())
}

/// The object at a dotted path of structures, made on the way (a non-object is replaced).
fn object_at<'a>(
    row: &'a mut Map<String, Value>,
    path: &str,
) -> Option<&'a mut Map<String, Value>> {
    let (head, rest) = path.split_once('.').map_or((path, None), |(h, r)| (h, Some(r)));
    let node = row.entry(head.to_owned()).or_insert_with(|| Value::Object(Map::new()));
    if !node.is_object() {
        *node = Value::Object(Map::new());
    }
    let inner = node.as_object_mut()?;
    match rest {
        Some(rest) => object_at(inner, rest),
        None => Some(inner),
    }
}

/// Puts `value` at a member path: a map entry (`Attributes.NAME`, whose name may hold dots),
/// a structure's member (`Demographic.Platform`), or a top-level member.
fn set_path(row: &mut Map<String, Value>, path: &str, value: Value) {
    for prefix in MAP_PREFIXES {
        if let Some(name) = path.strip_prefix(prefix) {
            if let Some(map) = object_at(row, &prefix[..prefix.len() - 1]) {
                map.insert(name.to_owned(), value);
            }
            return;
        }
    }
    match path.rsplit_once('.') {
        Some((structure, member)) => {
            if let Some(map) = object_at(row, structure) {
                map.insert(member.to_owned(), value);
            }
        }
        None => {
            row.insert(path.to_owned(), value);
        }
    }
}

/// An endpoint object from CSV cells, each `(column, text)`: columns naming no member and
/// empty cells are left out; list members (`Attributes.*`, `User.UserAttributes.*`) split on
/// `;`; numeric members (`Metrics.*`, `Location.Latitude`, `Location.Longitude`) are numbers
/// when the text is one (else the check names them).
#[must_use]
pub fn from_csv<'a>(cells: impl IntoIterator<Item = (&'a str, &'a str)>) -> Map<String, Value> {
    let mut row = Map::new();
    for (column, raw) in cells {
        let (Some(member), raw) = (member_of(column), raw.trim()) else { continue };
        if raw.is_empty() {
            continue;
        }
        let value =
            if member.starts_with("Attributes.") || member.starts_with("User.UserAttributes.") {
                Value::Array(
                    raw.split(';')
                        .map(str::trim)
                        .filter(|v| !v.is_empty())
                        .map(|v| Value::String(v.to_owned()))
                        .collect(),
                )
            } else if member.starts_with("Metrics.")
                || matches!(member, "Location.Latitude" | "Location.Longitude")
            {
                raw.parse::<f64>()
                    .ok()
                    .and_then(serde_json::Number::from_f64)
                    .map_or_else(|| Value::String(raw.to_owned()), Value::Number)
            } else {
                Value::String(raw.to_owned())
            };
        set_path(&mut row, member, value);
    }
    row
}

/// An endpoint object from typed values under member paths (a JSON file's leaves, as
/// `leaves` flattens them, mapped to members): paths naming no member and nulls are left out.
#[must_use]
pub fn from_leaves<'a>(
    leaves: impl IntoIterator<Item = (&'a str, &'a Value)>,
) -> Map<String, Value> {
    let mut row = Map::new();
    for (path, value) in leaves {
        if let (Some(member), false) = (member_of(path), value.is_null()) {
            set_path(&mut row, member, value.clone());
        }
    }
    row
}

/// A JSON endpoint object as `(member path, value)` leaves: structures are walked into (map
/// entries become `Attributes.NAME`), everything else (strings, numbers, lists) is a leaf.
#[must_use]
pub fn leaves(row: &Map<String, Value>) -> Vec<(String, Value)> {
    fn walk(prefix: &str, value: &Value, out: &mut Vec<(String, Value)>) {
        match value {
            Value::Object(map) if STRUCTURES.contains(&prefix) || prefix.is_empty() => {
                for (k, v) in map {
                    let path = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
                    walk(&path, v, out);
                }
            }
            Value::Null => {}
            other => out.push((prefix.to_owned(), other.clone())),
        }
    }
    let mut out = Vec::new();
    walk("", &Value::Object(row.clone()), &mut out);
    out
}
