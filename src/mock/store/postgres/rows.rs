//! The SQL every connection prepares once, and the row conversions and bulk statements the
//! backing's reads and commits share.

use std::collections::HashMap;

use ::postgres::{Client, IsolationLevel, Statement};

use super::pool::{Failure, Live};
use crate::mock::store::account::ACCOUNT_KEY;
use crate::mock::store::backing::StoredProject;
use crate::mock::store::tracked::Row;
use crate::mock::wire::ApplicationResponse;

/// Rows per statement when a commit stores many (a campaign run can store tens of
/// thousands): each chunk is one `INSERT … SELECT FROM unnest(…)` inside the transaction.
const ROWS_PER_STATEMENT: usize = 5_000;

/// The statements every connection prepares once.
pub(super) struct Statements {
    pub(super) lock: Statement,
    pub(super) since: Statement,
    pub(super) peek: Statement,
    pub(super) bump: Statement,
    pub(super) upsert: Statement,
    pub(super) create: Statement,
    pub(super) delete: Statement,
    pub(super) update: Statement,
    pub(super) list: Statement,
    pub(super) all_projects: Statement,
    pub(super) all_rows: Statement,
    pub(super) one_project: Statement,
    pub(super) one_rows: Statement,
}

const UPSERT: &str = "INSERT INTO project_rows (project, tbl, key, ord, body, seq) \
     SELECT $1, t, k, o, b, $6 FROM unnest($2::text[], $3::text[], $4::int8[], $5::text[]) AS u(t, k, o, b) \
     ON CONFLICT (project, tbl, key) DO UPDATE SET ord = excluded.ord, body = excluded.body, seq = excluded.seq";

impl Statements {
    pub(super) fn prepare(client: &mut Client) -> Result<Self, ::postgres::Error> {
        Ok(Self {
            lock: client.prepare("SELECT seq FROM projects WHERE id = $1 FOR UPDATE")?,
            since: client.prepare(
                "SELECT tbl, key, ord, body FROM project_rows WHERE project = $1 AND seq > $2",
            )?,
            // One statement, so the counter and the rows come from one snapshot.
            peek: client.prepare(
                "SELECT p.seq, r.tbl, r.key, r.ord, r.body FROM projects p \
                 LEFT JOIN project_rows r ON r.project = p.id AND r.seq > $2 WHERE p.id = $1",
            )?,
            bump: client.prepare("UPDATE projects SET seq = seq + 1 WHERE id = $1 RETURNING seq")?,
            upsert: client.prepare(UPSERT)?,
            create: client.prepare(
                "INSERT INTO projects (id, app, seq) VALUES ($1, $2, 1) ON CONFLICT (id) DO NOTHING",
            )?,
            delete: client.prepare("DELETE FROM projects WHERE id = $1")?,
            update: client.prepare("UPDATE projects SET app = $2 WHERE id = $1")?,
            list: client.prepare(&format!(
                "SELECT app FROM projects WHERE id <> '{ACCOUNT_KEY}' ORDER BY position"
            ))?,
            all_projects: client.prepare(&format!(
                "SELECT id, app, seq FROM projects WHERE id <> '{ACCOUNT_KEY}' ORDER BY position"
            ))?,
            all_rows: client.prepare(
                "SELECT project, tbl, key, ord, body FROM project_rows WHERE body IS NOT NULL",
            )?,
            one_project: client.prepare("SELECT id, app, seq FROM projects WHERE id = $1")?,
            one_rows: client.prepare(
                "SELECT project, tbl, key, ord, body FROM project_rows \
                 WHERE project = $1 AND body IS NOT NULL",
            )?,
        })
    }
}

pub(super) fn to_i64(value: u64, what: &str) -> Result<i64, Failure> {
    i64::try_from(value).map_err(|_| Failure::Data(format!("{what} {value} is too large to store")))
}

pub(super) fn to_u64(value: i64, what: &str) -> Result<u64, Failure> {
    u64::try_from(value).map_err(|_| Failure::Data(format!("stored {what} {value} is negative")))
}

pub(super) fn parse_app(text: &str) -> Result<ApplicationResponse, Failure> {
    serde_json::from_str(text)
        .map_err(|e| Failure::Data(format!("a stored project cannot be read: {e}")))
}

/// A stored row from a `(tbl, key, ord, body)` tail starting at column `at`.
pub(super) fn row_at(row: &::postgres::Row, at: usize) -> Result<Row, Failure> {
    Ok(Row {
        table: row.try_get(at)?,
        key: row.try_get(at + 1)?,
        ord: to_u64(row.try_get(at + 2)?, "row order")?,
        body: row.try_get(at + 3)?,
    })
}

/// Removals first: a collection row may take the position a removed one had, and applying
/// the removal after it would take the new row out with it.
pub(super) fn removals_first(mut rows: Vec<Row>) -> Vec<Row> {
    rows.sort_by_key(|row| row.body.is_some());
    rows
}

/// Stores `rows` under the counter `seq`, a chunk of rows per statement.
pub(super) fn upsert(
    tx: &mut ::postgres::Transaction<'_>,
    statement: &Statement,
    id: &str,
    rows: &[Row],
    seq: i64,
) -> Result<(), Failure> {
    // A key written twice in one commit would fail the upsert; the last write wins.
    let mut last: HashMap<(&str, &str), usize> = HashMap::with_capacity(rows.len());
    for (i, row) in rows.iter().enumerate() {
        last.insert((&row.table, &row.key), i);
    }
    let mut kept: Vec<usize> = last.into_values().collect();
    kept.sort_unstable();
    for chunk in kept.chunks(ROWS_PER_STATEMENT) {
        let mut tables = Vec::with_capacity(chunk.len());
        let mut keys = Vec::with_capacity(chunk.len());
        let mut ords = Vec::with_capacity(chunk.len());
        let mut bodies = Vec::with_capacity(chunk.len());
        for &i in chunk {
            let row = &rows[i];
            tables.push(row.table.as_str());
            keys.push(row.key.as_str());
            ords.push(to_i64(row.ord, "row order")?);
            bodies.push(row.body.as_deref());
        }
        tx.execute(statement, &[&id, &tables, &keys, &ords, &bodies, &seq])?;
    }
    Ok(())
}

/// Projects and their live rows, read in one snapshot.
pub(super) fn load_from(live: &mut Live, id: Option<&str>) -> Result<Vec<StoredProject>, Failure> {
    let Live { client, st } = live;
    let mut tx = client
        .build_transaction()
        .isolation_level(IsolationLevel::RepeatableRead)
        .read_only(true)
        .start()?;
    let (projects, rows) = match id {
        Some(id) => (tx.query(&st.one_project, &[&id])?, tx.query(&st.one_rows, &[&id])?),
        None => (tx.query(&st.all_projects, &[])?, tx.query(&st.all_rows, &[])?),
    };
    tx.commit()?;
    let mut by_project: HashMap<String, Vec<Row>> = HashMap::new();
    for row in &rows {
        let project: String = row.try_get(0)?;
        by_project.entry(project).or_default().push(row_at(row, 1)?);
    }
    projects
        .iter()
        .map(|row| {
            let id: String = row.try_get(0)?;
            let app = parse_app(&row.try_get::<_, String>(1)?)?;
            let seq = to_u64(row.try_get(2)?, "project counter")?;
            let rows = by_project.remove(&id).unwrap_or_default();
            Ok(StoredProject { app, rows, seq })
        })
        .collect()
}
