//! Why a PostgreSQL database could not be opened or used, in messages that name the server
//! (never the password), and which failures mean the connection is gone.

use ::postgres::Config;
use ::postgres::config::Host;
use ::postgres::error::SqlState;

use super::super::StoreError;
use super::SCHEMA_VERSION;

/// Why a PostgreSQL database could not be opened. Every message names the server (without
/// the password) and says what to do.
#[derive(Debug, Clone, thiserror::Error)]
pub enum PostgresOpenError {
    /// The URL does not parse.
    #[error(
        "the database URL is not valid ({0}); expected postgres://user:password@host:port/database"
    )]
    BadUrl(String),
    /// TLS was required; this build speaks plain TCP only.
    #[error(
        "{server}: sslmode=require is not supported (pinpoint-mock connects without TLS); use sslmode=disable or prefer on a trusted network"
    )]
    TlsRequired {
        /// The server, as `postgres://user@host:port/database`.
        server: String,
    },
    /// The server cannot be reached (refused, unknown host, timed out).
    #[error("cannot reach the PostgreSQL server at {server}: {reason}")]
    Unreachable {
        /// The server.
        server: String,
        /// What the network or the server said.
        reason: String,
    },
    /// The login was refused (wrong password, unknown role, pg_hba).
    #[error("the PostgreSQL server at {server} refused the login: {reason}")]
    AuthFailed {
        /// The server.
        server: String,
        /// What the server said.
        reason: String,
    },
    /// The database named in the URL does not exist.
    #[error("{server}: {reason}; create it first (createdb) or name another")]
    NoDatabase {
        /// The server.
        server: String,
        /// What the server said.
        reason: String,
    },
    /// The database holds a schema written by a newer pinpoint-mock.
    #[error(
        "{server} holds pinpoint-mock data in schema version {found}, newer than this program's {SCHEMA_VERSION}: run a newer pinpoint-mock (nothing was changed)"
    )]
    NewerSchema {
        /// The server.
        server: String,
        /// The version found.
        found: String,
    },
    /// The database holds tables of the same names that pinpoint-mock did not create.
    #[error(
        "{server} already holds {what} that pinpoint-mock did not create: give pinpoint-mock a database (or schema) of its own (nothing was changed)"
    )]
    Foreign {
        /// The server.
        server: String,
        /// What was found.
        what: String,
    },
    /// Anything else the server answered.
    #[error("{server}: {reason}")]
    Other {
        /// The server.
        server: String,
        /// What went wrong.
        reason: String,
    },
}

impl From<PostgresOpenError> for StoreError {
    fn from(error: PostgresOpenError) -> Self {
        match error {
            PostgresOpenError::NewerSchema { .. } | PostgresOpenError::Foreign { .. } => {
                Self::Corrupt(error.to_string())
            }
            _ => Self::Unavailable(error.to_string()),
        }
    }
}

/// An error with its causes, in one line ("error connecting to server: Connection refused").
pub(super) fn describe(error: &::postgres::Error) -> String {
    if let Some(db) = error.as_db_error() {
        return format!("{}: {}", db.severity(), db.message());
    }
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// True when the connection is gone rather than the statement refused: closed, a network
/// error, a connection exception (SQLSTATE class 08), or the server shutting the session
/// down (a restart ends every open connection this way, seen on its next use).
pub(super) fn broken(error: &::postgres::Error) -> bool {
    if error.is_closed() {
        return true;
    }
    match error.code() {
        Some(code) => {
            code.code().starts_with("08")
                || *code == SqlState::ADMIN_SHUTDOWN
                || *code == SqlState::CRASH_SHUTDOWN
                || *code == SqlState::IDLE_SESSION_TIMEOUT
        }
        None => std::error::Error::source(error)
            .is_some_and(<dyn std::error::Error>::is::<std::io::Error>),
    }
}

/// The server as `postgres://user@host:port/database`, for messages (never the password).
pub(super) fn describe_server(config: &Config) -> String {
    let hosts: Vec<String> = config
        .get_hosts()
        .iter()
        .enumerate()
        .map(|(i, host)| {
            let port = config.get_ports().get(i).or_else(|| config.get_ports().first());
            let name = match host {
                Host::Tcp(name) => name.clone(),
                #[cfg(unix)]
                Host::Unix(path) => path.display().to_string(),
            };
            port.map_or(name.clone(), |port| format!("{name}:{port}"))
        })
        .collect();
    let hosts = if hosts.is_empty() { "localhost".to_owned() } else { hosts.join(",") };
    let user = config.get_user().map(|u| format!("{u}@")).unwrap_or_default();
    let db = config.get_dbname().or(config.get_user()).unwrap_or_default();
    format!("postgres://{user}{hosts}/{db}")
}
