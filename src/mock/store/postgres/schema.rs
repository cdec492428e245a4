//! The PostgreSQL backing's schema: created in an empty database, checked in one that has it,
//! brought up from version 1 (no account row) to the current version, and refused when it is
//! newer or not ours. All of it in one transaction under an advisory lock, so processes
//! starting at once create it once.

use ::postgres::NoTls;

use super::errors::describe;
use super::pool::Conn;
use super::{PostgresOpenError, SCHEMA_VERSION, classify, prepared};
use crate::mock::store::account::ACCOUNT_KEY;

/// Key of the advisory lock that serializes schema creation by processes starting at once.
const SCHEMA_LOCK: i64 = 0x7069_6e70_6f69_6e74; // "pinpoint"

/// Checks the schema, creating it in an empty database, in one transaction that holds an
/// advisory lock (two processes starting at once create it once).
pub(super) fn open_schema(conn: &mut Conn) -> Result<(), PostgresOpenError> {
    let server = conn.server.to_string();
    let opened = conn.config.connect(NoTls).map_err(|e| classify(&server, &e))?;
    let mut client = opened;
    let other = |e: &::postgres::Error| PostgresOpenError::Other {
        server: server.clone(),
        reason: describe(e),
    };
    let mut tx = client.transaction().map_err(|e| other(&e))?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&SCHEMA_LOCK]).map_err(|e| other(&e))?;
    let found = tx
        .query_one(
            "SELECT to_regclass('pinpoint_mock_meta') IS NOT NULL, \
                    to_regclass('projects') IS NOT NULL, to_regclass('project_rows') IS NOT NULL",
            &[],
        )
        .map_err(|e| other(&e))?;
    let (meta, projects, rows): (bool, bool, bool) = (found.get(0), found.get(1), found.get(2));
    if meta {
        let version: Option<String> = tx
            .query_opt("SELECT value FROM pinpoint_mock_meta WHERE key = 'schema_version'", &[])
            .map_err(|e| other(&e))?
            .map(|row| row.get(0));
        let Some(found) = version else {
            return Err(PostgresOpenError::Foreign {
                server,
                what: "a pinpoint_mock_meta table without a schema version".to_owned(),
            });
        };
        return match found.trim().parse::<i64>() {
            Ok(SCHEMA_VERSION) if projects && rows => {
                drop(tx);
                conn.live = Some(prepared(client, &server)?);
                Ok(())
            }
            Ok(1) if projects && rows => {
                add_account(&mut tx).map_err(|e| other(&e))?;
                tx.execute(
                    "UPDATE pinpoint_mock_meta SET value = $1 WHERE key = 'schema_version'",
                    &[&SCHEMA_VERSION.to_string()],
                )
                .map_err(|e| other(&e))?;
                tx.commit().map_err(|e| other(&e))?;
                conn.live = Some(prepared(client, &server)?);
                Ok(())
            }
            Ok(1 | SCHEMA_VERSION) => Err(PostgresOpenError::Foreign {
                server,
                what: "a pinpoint_mock_meta table but not the projects and project_rows tables"
                    .to_owned(),
            }),
            Ok(n) if n > SCHEMA_VERSION => Err(PostgresOpenError::NewerSchema { server, found }),
            _ => Err(PostgresOpenError::Foreign {
                server,
                what: format!("a pinpoint_mock_meta table with schema version '{found}'"),
            }),
        };
    }
    if projects || rows {
        let what = match (projects, rows) {
            (true, true) => "tables named projects and project_rows",
            (true, false) => "a table named projects",
            _ => "a table named project_rows",
        };
        return Err(PostgresOpenError::Foreign { server, what: what.to_owned() });
    }
    let created_by = format!("pinpoint-mock {}", env!("CARGO_PKG_VERSION"));
    tx.batch_execute(
        "CREATE TABLE pinpoint_mock_meta (key text PRIMARY KEY, value text NOT NULL);
         CREATE TABLE projects (
             id text PRIMARY KEY,
             position bigserial NOT NULL,
             app text NOT NULL,
             seq bigint NOT NULL
         );
         CREATE TABLE project_rows (
             project text NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
             tbl text NOT NULL,
             key text NOT NULL,
             ord bigint NOT NULL,
             body text,
             seq bigint NOT NULL,
             PRIMARY KEY (project, tbl, key)
         );
         CREATE INDEX project_rows_since ON project_rows (project, seq);",
    )
    .map_err(|e| other(&e))?;
    tx.execute(
        "INSERT INTO pinpoint_mock_meta (key, value) VALUES ('schema_version', $1), ('created_by', $2)",
        &[&SCHEMA_VERSION.to_string(), &created_by],
    )
    .map_err(|e| other(&e))?;
    add_account(&mut tx).map_err(|e| other(&e))?;
    tx.commit().map_err(|e| other(&e))?;
    conn.live = Some(prepared(client, &server)?);
    Ok(())
}

/// Adds the account's row (schema version 2): its counter and lock serve the account's
/// transactions as a project's serve the project's. Its `app` is a placeholder nothing reads.
fn add_account(tx: &mut ::postgres::Transaction<'_>) -> Result<(), ::postgres::Error> {
    tx.execute(
        "INSERT INTO projects (id, app, seq) VALUES ($1, '{}', 1) ON CONFLICT (id) DO NOTHING",
        &[&ACCOUNT_KEY],
    )
    .map(drop)
}
