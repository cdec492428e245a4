//! The keyring entries the worker reads and writes: AWS access keys for a keyring-keys
//! connection, and each channel's secrets per connection and project.

use std::sync::Arc;

use super::{ApiError, ConnectionSpec};
use crate::pinpoint::ChannelKind;
use crate::secrets::{Redacted, SecretError, SecretFields, SecretKey, SecretStore};

/// The keyring entry of the AWS access keys.
fn aws_keys_key() -> SecretKey {
    SecretKey { connection: "aws".into(), app_id: "-".into(), item: "access-keys".into() }
}

/// The keyring entry of a channel's secrets.
#[must_use]
pub fn channel_key(connection_key: &str, app_id: &str, kind: ChannelKind) -> SecretKey {
    SecretKey {
        connection: connection_key.to_owned(),
        app_id: app_id.to_owned(),
        item: format!("channel/{}", kind.path()),
    }
}

/// For an AWS connection on keyring keys: saves new keys if given, then reads them.
pub async fn aws_keys(
    spec: &ConnectionSpec,
    secrets: &Arc<dyn SecretStore>,
) -> Result<Option<(String, String)>, ApiError> {
    let ConnectionSpec::Aws { keyring_keys: true, new_keys, .. } = spec else { return Ok(None) };
    let store = Arc::clone(secrets);
    let new_keys = new_keys.clone();
    let keyring = |e: SecretError| ApiError::configuration(e.to_string());
    let stored = tokio::task::spawn_blocking(move || {
        let key = aws_keys_key();
        if let Some(Redacted((id, secret))) = new_keys {
            let fields = SecretFields::from([
                ("AccessKeyId".to_owned(), id),
                ("SecretAccessKey".to_owned(), secret),
            ]);
            store.set(&key, &fields)?;
        }
        store.get(&key)
    })
    .await
    .map_err(|e| ApiError::configuration(format!("the keyring task stopped: {e}")))?
    .map_err(keyring)?;
    let fields = stored.ok_or_else(|| {
        ApiError::configuration(
            "No AWS access keys are saved in the keyring yet: enter them in the connection dialog",
        )
    })?;
    match (fields.get("AccessKeyId"), fields.get("SecretAccessKey")) {
        (Some(id), Some(secret)) => Ok(Some((id.clone(), secret.clone()))),
        _ => Err(ApiError::configuration(
            "The access keys in the keyring are incomplete: enter them again",
        )),
    }
}
