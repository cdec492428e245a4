//! Connections: Demo (the embedded mock), AWS (aws-config: profiles, SSO, env) and Custom (any
//! endpoint URL, e.g. a separate `pinpoint-mock`). Builds the SDK client with explicit
//! timeouts and retries: by default the SDK would wait forever on a server that never answers.

use std::time::Duration;

use aws_config::BehaviorVersion;
use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use aws_sdk_pinpoint::config::{Credentials, Region};

use super::demo::DemoData;
use super::error::ApiError;
use crate::secrets::Redacted;

/// Region used where none is given and none is needed (mock connections).
pub const MOCK_REGION: &str = "us-east-1";

/// Which kind of backend a connection talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConnectionKind {
    /// The embedded mock with the demo data set.
    Demo,
    /// Amazon Pinpoint through aws-config.
    Aws,
    /// Any endpoint URL.
    Custom,
}

/// What the user asked to connect to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConnectionSpec {
    /// The embedded mock, started inside the worker on 127.0.0.1 with a free port.
    Demo,
    /// AWS with an optional named profile and region (else `AWS_PROFILE`, `AWS_REGION`, …).
    Aws {
        /// Profile name (SSO profiles work).
        profile: Option<String>,
        /// Region.
        region: Option<String>,
        /// Use static access keys kept in the OS keyring instead of the profile chain.
        keyring_keys: bool,
        /// Access keys to save in the keyring first (key id, secret); never kept in app state.
        new_keys: Option<Redacted<(String, String)>>,
    },
    /// A custom endpoint, e.g. `http://127.0.0.1:4566`.
    Custom {
        /// The endpoint URL.
        endpoint_url: String,
        /// Region for signing (default us-east-1).
        region: Option<String>,
        /// Profile for credentials; without one, static placeholder credentials are used
        /// (a mock accepts any signature).
        profile: Option<String>,
    },
}

impl ConnectionSpec {
    /// The same connection without keys waiting to be saved (what the UI keeps).
    #[must_use]
    pub fn without_new_keys(&self) -> Self {
        match self {
            Self::Aws { profile, region, keyring_keys, .. } => Self::Aws {
                profile: profile.clone(),
                region: region.clone(),
                keyring_keys: *keyring_keys,
                new_keys: None,
            },
            other => other.clone(),
        }
    }

    /// The kind of this connection.
    #[must_use]
    pub fn kind(&self) -> ConnectionKind {
        match self {
            Self::Demo => ConnectionKind::Demo,
            Self::Aws { .. } => ConnectionKind::Aws,
            Self::Custom { .. } => ConnectionKind::Custom,
        }
    }
}

/// The timeouts and retries of every call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeouts {
    /// TCP/TLS connect.
    pub connect: Duration,
    /// One attempt, from send to the end of the answer.
    pub attempt: Duration,
    /// The whole operation, all retries included.
    pub operation: Duration,
    /// Attempts in all (1 = no retry).
    pub max_attempts: u32,
}

impl Default for Timeouts {
    fn default() -> Self {
        Self {
            connect: Duration::from_secs(3),
            attempt: Duration::from_secs(10),
            operation: Duration::from_secs(30),
            max_attempts: 3,
        }
    }
}

/// A live connection, as the top bar shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectionInfo {
    /// Kind.
    pub kind: ConnectionKind,
    /// One line for the top bar, e.g. `Demo · mock at 127.0.0.1:40123`.
    pub label: String,
    /// The endpoint URL in use, where one is set.
    pub endpoint_url: Option<String>,
    /// The region.
    pub region: String,
    /// In demo mode: where the demo's world is kept.
    pub demo: Option<DemoData>,
}

impl ConnectionSpec {
    /// What this connection reaches, for messages: "the demo mock", "AWS (profile, region)",
    /// or the endpoint URL.
    #[must_use]
    pub fn describe(&self) -> String {
        match self {
            Self::Demo => "the demo mock".to_owned(),
            Self::Aws { profile, region, .. } => format!(
                "AWS ({}, {})",
                profile.as_deref().unwrap_or("default profile"),
                region.as_deref().unwrap_or("default region")
            ),
            Self::Custom { endpoint_url, .. } => endpoint_url.clone(),
        }
    }
}

impl ConnectionInfo {
    /// True when the backend is a mock (Demo, or Custom on a loopback address), so the
    /// mock-only `/_mock/` extensions may be offered.
    #[must_use]
    pub fn is_mock(&self) -> bool {
        match self.kind {
            ConnectionKind::Demo => true,
            ConnectionKind::Aws => false,
            ConnectionKind::Custom => self.endpoint_url.as_deref().is_some_and(|u| {
                u.contains("://127.") || u.contains("://localhost") || u.contains("://[::1]")
            }),
        }
    }
}

/// Builds an SDK client for `spec`; `mock_url` is the embedded mock's URL for Demo.
pub async fn build_client(
    spec: &ConnectionSpec,
    mock_url: Option<&str>,
    timeouts: Timeouts,
    static_keys: Option<(String, String)>,
) -> Result<(aws_sdk_pinpoint::Client, ConnectionInfo), ApiError> {
    let timeout_config = TimeoutConfig::builder()
        .connect_timeout(timeouts.connect)
        .operation_attempt_timeout(timeouts.attempt)
        .operation_timeout(timeouts.operation)
        .build();
    let retry_config = RetryConfig::standard().with_max_attempts(timeouts.max_attempts.max(1));
    let mut loader = aws_config::defaults(BehaviorVersion::latest())
        .timeout_config(timeout_config)
        .retry_config(retry_config);
    let static_credentials =
        |name: &'static str| Credentials::new("pinpoint-console", "mock-secret", None, None, name);
    match spec {
        ConnectionSpec::Demo => {
            let url =
                mock_url.ok_or_else(|| ApiError::configuration("the demo mock is not running"))?;
            loader = loader
                .region(Region::new(MOCK_REGION))
                .endpoint_url(url)
                .credentials_provider(static_credentials("demo"));
        }
        ConnectionSpec::Aws { profile, region, .. } => {
            if let Some((id, secret)) = static_keys {
                loader = loader
                    .credentials_provider(Credentials::new(id, secret, None, None, "keyring"));
            } else if let Some(profile) = profile {
                loader = loader.profile_name(profile);
            }
            if let Some(region) = region {
                loader = loader.region(Region::new(region.clone()));
            }
        }
        ConnectionSpec::Custom { endpoint_url, region, profile } => {
            if !(endpoint_url.starts_with("http://") || endpoint_url.starts_with("https://")) {
                return Err(ApiError::configuration(format!(
                    "The endpoint URL must start with http:// or https:// (got '{endpoint_url}')"
                )));
            }
            loader = loader
                .endpoint_url(endpoint_url.trim_end_matches('/'))
                .region(Region::new(region.clone().unwrap_or_else(|| MOCK_REGION.to_owned())));
            match profile {
                Some(profile) => loader = loader.profile_name(profile),
                None => loader = loader.credentials_provider(static_credentials("custom")),
            }
        }
    }
    let config = loader.load().await;
    let Some(region) = config.region().map(ToString::to_string) else {
        return Err(ApiError::configuration(
            "No AWS region: pass --region, set AWS_REGION, or choose a profile that has one",
        ));
    };
    let endpoint_url = match spec {
        ConnectionSpec::Demo => mock_url.map(str::to_owned),
        ConnectionSpec::Custom { endpoint_url, .. } => Some(endpoint_url.clone()),
        ConnectionSpec::Aws { .. } => config.endpoint_url().map(str::to_owned),
    };
    let label = match spec {
        ConnectionSpec::Demo => format!(
            "Demo · mock at {}",
            endpoint_url.as_deref().unwrap_or_default().trim_start_matches("http://")
        ),
        ConnectionSpec::Aws { keyring_keys: true, .. } => {
            format!("AWS · access keys from the keyring · {region}")
        }
        ConnectionSpec::Aws { profile, .. } => {
            format!("AWS · {} · {region}", profile.as_deref().unwrap_or("default credentials"))
        }
        ConnectionSpec::Custom { endpoint_url, .. } => format!("Custom · {endpoint_url}"),
    };
    let info = ConnectionInfo { kind: spec.kind(), label, endpoint_url, region, demo: None };
    Ok((aws_sdk_pinpoint::Client::new(&config), info))
}
