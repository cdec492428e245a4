//! A whole mock world as one JSON file (`pinpoint-mock export` / `import`, the console's
//! "Load demo data from file…"): every project with every stored row, in the rows' own
//! shape, so a world moves between SQLite and PostgreSQL and between machines unchanged.
//!
//! ```json
//! { "Format": "pinpoint-mock-state", "Version": 1,
//!   "Projects": [ { "App": { "Id": "…", … },
//!                   "Rows": [ { "Table": "endpoint", "Key": "e1", "Ord": 1, "Body": { … } } ] } ],
//!   "Account": { "Rows": [ { "Table": "template", "Key": "welcome/EMAIL", … } ] } }
//! ```
//!
//! `Account` (the account's templates and recommenders) is optional: a file written before
//! it existed reads as an account with nothing in it.
//!
//! Rows are written one at a time (a world of a million endpoints is not built in memory
//! twice to be exported).

use std::io::{self, BufRead, Write};

use serde::Deserialize;
use serde_json::value::RawValue;

use super::store::{Row, StoredProject, World};
use super::wire::ApplicationResponse;

/// The `Format` member of a state file.
pub const FORMAT: &str = "pinpoint-mock-state";
/// The version of the state file this binary writes and reads.
pub const VERSION: u64 = 1;

/// Why a state file cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum StateFileError {
    /// Not JSON, or not the shape of a state file.
    #[error("this is not a pinpoint-mock state file: {0}")]
    NotAStateFile(String),
    /// A state file of a newer version.
    #[error("this state file has version {0}; this pinpoint-mock reads version {VERSION}")]
    Newer(u64),
    /// A row's body is not JSON.
    #[error("row {table}/{key} of project {project} is not JSON")]
    BadRow {
        /// The project.
        project: String,
        /// The table.
        table: String,
        /// The key.
        key: String,
    },
}

/// Writes a state file holding `world`.
pub fn write_state<W: Write>(world: World, out: &mut W) -> io::Result<()> {
    write!(out, "{{\"Format\":\"{FORMAT}\",\"Version\":{VERSION},\"Projects\":[")?;
    for (i, project) in world.projects.into_iter().enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        out.write_all(b"\n{\"App\":")?;
        serde_json::to_writer(&mut *out, &project.app)?;
        out.write_all(b",")?;
        write_rows(&project.rows, out)?;
        out.write_all(b"}")?;
    }
    out.write_all(b"\n],\n\"Account\":{")?;
    write_rows(&world.account, out)?;
    out.write_all(b"}}\n")?;
    out.flush()
}

/// Writes `"Rows":[…]`, one row at a time.
fn write_rows<W: Write>(rows: &[Row], out: &mut W) -> io::Result<()> {
    out.write_all(b"\"Rows\":[")?;
    for (j, row) in rows.iter().filter(|r| r.body.is_some()).enumerate() {
        if j > 0 {
            out.write_all(b",")?;
        }
        out.write_all(b"\n{\"Table\":")?;
        serde_json::to_writer(&mut *out, &row.table)?;
        out.write_all(b",\"Key\":")?;
        serde_json::to_writer(&mut *out, &row.key)?;
        write!(out, ",\"Ord\":{},\"Body\":", row.ord)?;
        // Bodies are JSON the store wrote: embedded as they are.
        out.write_all(row.body.as_deref().unwrap_or("null").as_bytes())?;
        out.write_all(b"}")?;
    }
    out.write_all(b"]")
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct StateFile {
    format: String,
    version: u64,
    projects: Vec<ProjectEntry>,
    #[serde(default)]
    account: Option<AccountEntry>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct AccountEntry {
    rows: Vec<RowEntry>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ProjectEntry {
    app: ApplicationResponse,
    rows: Vec<RowEntry>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct RowEntry {
    table: String,
    key: String,
    ord: u64,
    body: Box<RawValue>,
}

impl RowEntry {
    fn into_row(self) -> Row {
        Row {
            table: self.table,
            key: self.key,
            ord: self.ord,
            body: Some(self.body.get().to_owned()),
        }
    }
}

/// Reads a state file.
pub fn read_state<R: BufRead>(input: R) -> Result<World, StateFileError> {
    let file: StateFile =
        serde_json::from_reader(input).map_err(|e| StateFileError::NotAStateFile(e.to_string()))?;
    if file.format != FORMAT {
        return Err(StateFileError::NotAStateFile(format!("its Format is '{}'", file.format)));
    }
    if file.version > VERSION {
        return Err(StateFileError::Newer(file.version));
    }
    let projects = file
        .projects
        .into_iter()
        .map(|p| StoredProject {
            rows: p.rows.into_iter().map(RowEntry::into_row).collect(),
            app: p.app,
            seq: 0,
        })
        .collect();
    let account = file
        .account
        .map(|a| a.rows.into_iter().map(RowEntry::into_row).collect())
        .unwrap_or_default();
    Ok(World { projects, account })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_world_survives_the_round_trip() {
        let app = ApplicationResponse {
            arn: "arn:a".into(),
            id: "a".into(),
            name: "A \"quoted\" name".into(),
            creation_date: "2026-01-01T00:00:00Z".into(),
            tags: std::collections::BTreeMap::default(),
        };
        let rows = vec![
            Row {
                table: "endpoint".into(),
                key: "e\n1".into(),
                ord: 3,
                body: Some("{\"Id\":\"e\\n1\"}".into()),
            },
            Row { table: "settings".into(), key: String::new(), ord: 0, body: Some("{}".into()) },
        ];
        let account = vec![Row {
            table: "template".into(),
            key: "welcome/EMAIL".into(),
            ord: 0,
            body: Some("{\"name\":\"welcome\"}".into()),
        }];
        let mut out = Vec::new();
        let world = World {
            projects: vec![StoredProject { app: app.clone(), rows: rows.clone(), seq: 0 }],
            account: account.clone(),
        };
        write_state(world, &mut out).unwrap();
        let back = read_state(out.as_slice()).unwrap();
        assert_eq!(back.projects.len(), 1);
        assert_eq!(back.projects[0].app, app);
        assert_eq!(back.projects[0].rows, rows);
        assert_eq!(back.account, account);
        let before_accounts = format!("{{\"Format\":\"{FORMAT}\",\"Version\":1,\"Projects\":[]}}");
        assert!(read_state(before_accounts.as_bytes()).unwrap().account.is_empty());
    }

    #[test]
    fn other_files_are_refused_by_name() {
        assert!(matches!(read_state(&b"{}"[..]), Err(StateFileError::NotAStateFile(_))));
        let newer = format!("{{\"Format\":\"{FORMAT}\",\"Version\":99,\"Projects\":[]}}");
        assert!(matches!(read_state(newer.as_bytes()), Err(StateFileError::Newer(99))));
    }
}
