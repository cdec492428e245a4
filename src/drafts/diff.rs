//! Member-by-member comparison of two request bodies (campaign and segment versions), and the
//! `aws pinpoint …` command line for a body.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde_json::Value;

/// One member that differs between two versions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The member's path, e.g. `Schedule.Frequency` or `AdditionalTreatments[0].SizePercent`.
    pub path: String,
    /// Its value in the older version (`None`: absent).
    pub before: Option<String>,
    /// Its value in the newer version (`None`: absent).
    pub after: Option<String>,
}

/// Every leaf of `value` as `path → JSON text`.
#[must_use]
pub fn flatten(value: &Value) -> BTreeMap<String, String> {
    fn walk(prefix: &str, value: &Value, out: &mut BTreeMap<String, String>) {
        match value {
            Value::Object(map) => {
                for (k, v) in map {
                    let path = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
                    walk(&path, v, out);
                }
            }
            Value::Array(items) if !items.is_empty() && items.iter().any(Value::is_object) => {
                for (i, v) in items.iter().enumerate() {
                    walk(&format!("{prefix}[{i}]"), v, out);
                }
            }
            Value::String(s) => {
                out.insert(prefix.to_owned(), s.clone());
            }
            other => {
                out.insert(prefix.to_owned(), other.to_string());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk("", value, &mut out);
    out
}

/// The members that differ between `before` and `after`, in path order.
#[must_use]
pub fn diff(before: &Value, after: &Value) -> Vec<Change> {
    let a = flatten(before);
    let b = flatten(after);
    let mut paths: Vec<&String> = a.keys().chain(b.keys()).collect();
    paths.sort();
    paths.dedup();
    paths
        .into_iter()
        .filter(|p| a.get(*p) != b.get(*p))
        .map(|p| Change { path: p.clone(), before: a.get(p).cloned(), after: b.get(p).cloned() })
        .collect()
}

/// `text` quoted for a POSIX shell.
#[must_use]
pub fn shell_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// An `aws pinpoint OPERATION --flag value … --BODY-FLAG 'json'` command line.
#[must_use]
pub fn cli_command(
    operation: &str,
    args: &[(&str, &str)],
    body_flag: &str,
    body: &Value,
) -> String {
    let mut line = format!("aws pinpoint {operation}");
    for (flag, value) in args {
        let _ = write!(line, " --{flag} {}", shell_quote(value));
    }
    let _ = write!(line, " --{body_flag} {}", shell_quote(&body.to_string()));
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn diff_names_each_changed_member() {
        let a = json!({"Name": "A", "Limits": {"Daily": 1}, "AdditionalTreatments": [{"SizePercent": 10}]});
        let b = json!({"Name": "A", "Limits": {"Daily": 2, "Total": 5}, "AdditionalTreatments": [{"SizePercent": 20}]});
        let changes = diff(&a, &b);
        let paths: Vec<_> = changes.iter().map(|c| c.path.as_str()).collect();
        assert_eq!(paths, ["AdditionalTreatments[0].SizePercent", "Limits.Daily", "Limits.Total"]);
        assert_eq!(changes[1].before.as_deref(), Some("1"));
        assert_eq!(changes[2].before, None);
        assert_eq!(changes[2].after.as_deref(), Some("5"));
        assert!(diff(&a, &a).is_empty());
    }

    #[test]
    fn the_command_line_quotes_for_the_shell() {
        let line = cli_command(
            "create-segment",
            &[("application-id", "abc")],
            "write-segment-request",
            &json!({"Name": "it's"}),
        );
        assert_eq!(
            line,
            r#"aws pinpoint create-segment --application-id 'abc' --write-segment-request '{"Name":"it'\''s"}'"#
        );
    }
}
