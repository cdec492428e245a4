//! Command-line arguments of both binaries.

use std::net::IpAddr;

use clap::{Parser, ValueEnum};

use crate::api::ConnectionSpec;
use crate::mock::demo::Seed;

/// Which connection to open at start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ConnectionChoice {
    /// The embedded mock with demo data (no credentials needed).
    Demo,
    /// Amazon Pinpoint, credentials and region from aws-config.
    Aws,
    /// A custom endpoint (--endpoint-url).
    Custom,
}

/// `pinpoint-console`: a desktop console for Amazon Pinpoint.
#[derive(Debug, Clone, Parser)]
#[command(version, about)]
pub struct ConsoleArgs {
    /// Connection to open at start. Default: custom when an endpoint URL is given, AWS when a
    /// profile or region is given, else demo.
    #[arg(long, value_enum)]
    pub connection: Option<ConnectionChoice>,
    /// AWS profile (SSO profiles work). aws-config also reads AWS_PROFILE.
    #[arg(long)]
    pub profile: Option<String>,
    /// AWS region. aws-config also reads AWS_REGION.
    #[arg(long)]
    pub region: Option<String>,
    /// Endpoint URL of a Pinpoint-compatible service, e.g. a `pinpoint-mock`.
    #[arg(long, env = "AWS_ENDPOINT_URL")]
    pub endpoint_url: Option<String>,
    /// AWS: use the static access keys saved in the OS keyring (from the connection dialog).
    #[arg(long)]
    pub keyring_keys: bool,
    /// Start the demo mock empty instead of with the demo data set.
    #[arg(long)]
    pub empty_demo: bool,
}

impl ConsoleArgs {
    /// The connection these arguments ask for.
    #[must_use]
    pub fn connection(&self) -> ConnectionSpec {
        let choice = self.connection.unwrap_or(if self.endpoint_url.is_some() {
            ConnectionChoice::Custom
        } else if self.profile.is_some() || self.region.is_some() || self.keyring_keys {
            ConnectionChoice::Aws
        } else {
            ConnectionChoice::Demo
        });
        match choice {
            ConnectionChoice::Demo => ConnectionSpec::Demo,
            ConnectionChoice::Aws => ConnectionSpec::Aws {
                profile: self.profile.clone(),
                region: self.region.clone(),
                keyring_keys: self.keyring_keys,
                new_keys: None,
            },
            ConnectionChoice::Custom => ConnectionSpec::Custom {
                endpoint_url: self.endpoint_url.clone().unwrap_or_default(),
                region: self.region.clone(),
                profile: self.profile.clone(),
            },
        }
    }

    /// The demo mock's data set.
    #[must_use]
    pub fn demo_seed(&self) -> Seed {
        if self.empty_demo { Seed::Empty } else { Seed::Demo }
    }
}

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
             served from memory, plus /_mock/ extensions (outbox, fault injection, ...)",
    long_about = None
)]
pub struct MockArgs {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: IpAddr,
    /// Port to listen on (0 picks a free one).
    #[arg(long, default_value_t = 4566)]
    pub port: u16,
    /// Data set to start with.
    #[arg(long, value_enum, default_value_t = SeedChoice::Demo)]
    pub seed: SeedChoice,
    /// AWS region reported in ARNs.
    #[arg(long, default_value = "us-east-1")]
    pub region: String,
    /// Worker threads serving requests (default: one per core).
    #[arg(long)]
    pub threads: Option<usize>,
    /// Folder for the mock's files: `buckets/` (what s3:// URLs map to) and the event-stream
    /// log `event-stream.jsonl`. Default: `pinpoint-mock` in the system temp folder.
    #[arg(long)]
    pub data_dir: Option<std::path::PathBuf>,
    /// Folder that s3://BUCKET/KEY URLs map to (as BUCKET/KEY). Default: DATA_DIR/buckets.
    #[arg(long)]
    pub buckets: Option<std::path::PathBuf>,
}

impl MockArgs {
    /// Where the mock keeps its files.
    #[must_use]
    pub fn files(&self) -> crate::mock::engine::Files {
        let dir =
            self.data_dir.clone().unwrap_or_else(|| std::env::temp_dir().join("pinpoint-mock"));
        let mut files = crate::mock::engine::Files::under(&dir);
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
