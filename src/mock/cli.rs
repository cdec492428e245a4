//! Command-line arguments of `pinpoint-mock`.

use std::net::IpAddr;

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use super::demo::Seed;
use super::engine::Files;

/// The data set `pinpoint-mock` starts with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SeedChoice {
    /// The demo projects.
    Demo,
    /// Nothing.
    Empty,
}

/// `pinpoint-mock`: a Pinpoint-compatible mock server for the AWS CLI, SDKs and tests.
///
/// Its `about` is its own: a bare `about` would take the package description, which
/// describes the console.
#[derive(Debug, Clone, Parser)]
#[command(
    name = "pinpoint-mock",
    version,
    about = "A Pinpoint-compatible mock server (the one Pinpoint Console's demo mode runs), for \
             the AWS CLI, SDKs and test suites: every operation of the Pinpoint REST API, \
             kept in memory or, with --data-dir, in an SQLite database that survives restarts, \
             plus /_mock/ extensions (outbox, fault injection, ...)",
    long_about = None
)]
pub struct MockArgs {
    /// What to do instead of serving.
    #[command(subcommand)]
    pub command: Option<MockCommand>,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: IpAddr,
    /// Port to listen on (0 picks a free one).
    #[arg(long, default_value_t = 4566)]
    pub port: u16,
    /// Data set to start with (only when the data dir is new, or with no data dir).
    #[arg(long, value_enum, default_value_t = SeedChoice::Demo)]
    pub seed: SeedChoice,
    /// AWS region reported in ARNs when a request is not signed (a signed request's ARNs carry
    /// the region of its signing scope).
    #[arg(long, default_value = "us-east-1")]
    pub region: String,
    /// Verify the AWS Signature Version 4 of every API request (not /_mock/) with the keys in
    /// FILE: one `ACCESS_KEY_ID SECRET` or `ACCESS_KEY_ID=SECRET` per line, `#` comments.
    /// An unknown key, a wrong signature or a request time more than 15 minutes off is
    /// answered 403 as the service answers it. Without it, any signature is accepted.
    #[arg(long, value_name = "FILE")]
    pub credentials: Option<PathBuf>,
    /// Worker threads serving requests (default: one per core).
    #[arg(long)]
    pub threads: Option<usize>,
    /// Keep the whole state in this folder and find it again on restart: the database
    /// `pinpoint-mock.sqlite3`, `buckets/` (what s3:// URLs map to) and the event-stream log
    /// `event-stream.jsonl`. Without it the state lives in memory and is lost on exit (files
    /// go to `pinpoint-mock` in the system temp folder).
    #[arg(long, global = true)]
    pub data_dir: Option<PathBuf>,
    /// Keep the state in this PostgreSQL database instead (`postgres://user:password@host/db`),
    /// shared with every pinpoint-mock given the same URL. Files still go to --data-dir (or
    /// the temp folder). Also read from PINPOINT_MOCK_DATABASE_URL.
    #[arg(long, global = true, env = "PINPOINT_MOCK_DATABASE_URL", conflicts_with = "data_dir")]
    pub database_url: Option<String>,
    /// Folder that s3://BUCKET/KEY URLs map to (as BUCKET/KEY). Default: DATA_DIR/buckets.
    #[arg(long)]
    pub buckets: Option<PathBuf>,
}

/// `pinpoint-mock export` / `import`: move a world between data dirs, stores and machines.
#[derive(Debug, Clone, Subcommand)]
pub enum MockCommand {
    /// Write every project of the store (--data-dir or --database-url) to standard output as
    /// one JSON file.
    Export,
    /// Read a state file (from --file, or standard input) into the store (--data-dir or
    /// --database-url).
    Import {
        /// The state file; standard input when absent.
        #[arg(long)]
        file: Option<PathBuf>,
        /// Replace what the store holds (without it, a store that holds projects, message
        /// templates or recommender configurations is left as it is and the import is
        /// refused).
        #[arg(long)]
        replace: bool,
    },
}

impl MockArgs {
    /// Where the mock keeps its files.
    #[must_use]
    pub fn files(&self) -> Files {
        let dir =
            self.data_dir.clone().unwrap_or_else(|| std::env::temp_dir().join("pinpoint-mock"));
        let mut files = Files::under(&dir);
        if let Some(buckets) = &self.buckets {
            files.buckets.clone_from(buckets);
        }
        files
    }

    /// The seed as the mock takes it.
    #[must_use]
    pub fn seed(&self) -> Seed {
        match self.seed {
            SeedChoice::Demo => Seed::Demo,
            SeedChoice::Empty => Seed::Empty,
        }
    }
}

#[cfg(test)]
mod mock_help_tests {
    use clap::CommandFactory;

    use super::MockArgs;

    #[test]
    fn the_mock_describes_itself_not_the_console() {
        let command = MockArgs::command();
        let about = command.get_about().map(ToString::to_string).unwrap_or_default();
        assert!(about.contains("mock server"), "{about}");
        assert_ne!(about, env!("CARGO_PKG_DESCRIPTION"));
        assert_eq!(command.get_name(), "pinpoint-mock");
    }
}
