//! Command-line arguments of the console (`pinpoint-mock`'s are in `mock::cli`).

use clap::{Parser, ValueEnum};

use crate::api::ConnectionSpec;
use crate::api::demo::Seed;

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
    /// Start demo mode over with no projects (the kept demo data is emptied).
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
