//! The event filter's attribute and metric lines (`name = a; b`, `total >= 5`): read into the
//! request's dimensions, and written back from the service's.

use std::collections::HashMap;

use aws_sdk_pinpoint::types::{AttributeDimension, AttributeType, MetricDimension};

use crate::drafts::FieldErrors;

/// Operators of the event filter's attribute lines: (written, `AttributeType`).
pub(super) const ATTRIBUTE_OPS: [(&str, &str); 3] =
    [("!=", "EXCLUSIVE"), ("~", "CONTAINS"), ("=", "INCLUSIVE")];
/// Operators of the event filter's metric lines: (written, `ComparisonOperator`).
pub(super) const METRIC_OPS: [(&str, &str); 5] = [
    (">=", "GREATER_THAN_OR_EQUAL"),
    ("<=", "LESS_THAN_OR_EQUAL"),
    (">", "GREATER_THAN"),
    ("<", "LESS_THAN"),
    ("=", "EQUAL"),
];

/// Splits `line` at the first operator of `ops` found (in their order): (name, wire op, rest).
fn split_op<'a>(
    line: &'a str,
    ops: &[(&str, &'static str)],
) -> Option<(&'a str, &'static str, &'a str)> {
    // The operator written first in the line (the longer one where two start together), so
    // `url = https://x/~bob` is an equality, not a "contains".
    let (at, written, wire) = ops
        .iter()
        .filter_map(|(written, wire)| line.find(written).map(|at| (at, *written, *wire)))
        .min_by_key(|(at, written, _)| (*at, std::cmp::Reverse(written.len())))?;
    let name = line[..at].trim();
    (!name.is_empty()).then_some((name, wire, line[at + written.len()..].trim()))
}

pub(super) fn non_empty_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty())
}

pub(crate) fn event_attributes(
    text: &str,
    key: &str,
    errors: &mut FieldErrors,
) -> HashMap<String, AttributeDimension> {
    let mut out = HashMap::new();
    for line in non_empty_lines(text) {
        let Some((name, op, values)) = split_op(line, &ATTRIBUTE_OPS) else {
            errors.add(key, format!("'{line}' is not name = a; b (or !=, ~)"));
            continue;
        };
        let values: Vec<String> =
            values.split(';').map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned).collect();
        if values.is_empty() {
            errors.add(key, format!("'{line}' has no value"));
        }
        out.insert(
            name.to_owned(),
            AttributeDimension::builder()
                .attribute_type(AttributeType::from(op))
                .set_values(Some(values))
                .build(),
        );
    }
    out
}

pub(crate) fn event_metrics(
    text: &str,
    key: &str,
    errors: &mut FieldErrors,
) -> HashMap<String, MetricDimension> {
    let mut out = HashMap::new();
    for line in non_empty_lines(text) {
        match split_op(line, &METRIC_OPS).map(|(n, op, v)| (n, op, v.parse::<f64>())) {
            Some((name, op, Ok(value))) => {
                out.insert(
                    name.to_owned(),
                    MetricDimension::builder().comparison_operator(op).value(value).build(),
                );
            }
            _ => errors.add(key, format!("'{line}' is not name >= number (or >, <, <=, =)")),
        }
    }
    out
}

pub(crate) fn attribute_lines(map: &HashMap<String, AttributeDimension>) -> String {
    let mut lines: Vec<String> = map
        .iter()
        .map(|(name, d)| {
            let wire = d.attribute_type().map_or("INCLUSIVE", AttributeType::as_str);
            let op = ATTRIBUTE_OPS.iter().find(|(_, w)| *w == wire).map_or("=", |(o, _)| o);
            format!("{name} {op} {}", d.values().join("; "))
        })
        .collect();
    lines.sort();
    lines.join("\n")
}

pub(crate) fn metric_lines(map: &HashMap<String, MetricDimension>) -> String {
    let mut lines: Vec<String> = map
        .iter()
        .map(|(name, d)| {
            let wire = d.comparison_operator().unwrap_or("EQUAL");
            let op = METRIC_OPS.iter().find(|(_, w)| *w == wire).map_or("=", |(o, _)| o);
            format!("{name} {op} {}", d.value().unwrap_or(0.0))
        })
        .collect();
    lines.sort();
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operators_split_where_they_are_written() {
        assert_eq!(
            split_op("url = https://x.com/~bob", &ATTRIBUTE_OPS),
            Some(("url", "INCLUSIVE", "https://x.com/~bob"))
        );
        assert_eq!(split_op("plan = a!=b", &ATTRIBUTE_OPS), Some(("plan", "INCLUSIVE", "a!=b")));
        assert_eq!(split_op("plan != free", &ATTRIBUTE_OPS), Some(("plan", "EXCLUSIVE", "free")));
        assert_eq!(
            split_op("total >= 5", &METRIC_OPS),
            Some(("total", "GREATER_THAN_OR_EQUAL", "5"))
        );
        assert_eq!(split_op("= 5", &METRIC_OPS), None);
    }
}
