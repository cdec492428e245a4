//! What an area's handler needs besides the SDK client: the secret store, the key secrets are
//! filed under for this connection, and the mock's URL when the connection is a mock.

use std::sync::Arc;

use super::{ApiError, ErrorKind};
use crate::secrets::{SecretError, SecretStore};

/// Per-call context, cloned into each request's task.
#[derive(Clone)]
pub struct CallContext {
    /// Where channel secrets live.
    pub secrets: Arc<dyn SecretStore>,
    /// Keys secrets by connection, so a demo key never meets a production project.
    pub connection_key: String,
    /// The mock's URL, when the connection is a mock (for the `/_mock/` extensions).
    pub mock_url: Option<String>,
}

impl CallContext {
    /// The mock's URL, or a `NotAMock` error saying that `what` needs a mock connection.
    pub fn mock(&self, what: &str) -> Result<&str, ApiError> {
        self.mock_url.as_deref().ok_or_else(|| {
            ApiError::local(
                ErrorKind::NotAMock,
                format!("{what} is a mock extension: connect to a mock to use it"),
            )
        })
    }

    /// Runs a keyring call off the async threads (it may block on D-Bus or the Keychain).
    pub async fn with_store<T: Send + 'static>(
        &self,
        f: impl FnOnce(&dyn SecretStore) -> Result<T, SecretError> + Send + 'static,
    ) -> Result<T, SecretError> {
        let store = Arc::clone(&self.secrets);
        tokio::task::spawn_blocking(move || f(store.as_ref()))
            .await
            .unwrap_or_else(|e| Err(SecretError::Failed(format!("the keyring task stopped: {e}"))))
    }
}
