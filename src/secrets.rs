//! Secrets (channel credentials) behind one small store: the OS keyring in the app (Keychain,
//! Credential Manager, Secret Service through keyring-core), an in-memory store for tests. A
//! secret is never written to the app's state on disk, its logs or its config: the store is the
//! only place it lives.
//!
//! Entries are keyed by connection, project and channel; each holds a JSON object of the
//! members the service does not echo back (keys, certificates, and the ids that go with them).

use std::collections::{BTreeMap, HashMap};
use std::sync::{Mutex, PoisonError};

/// The keyring service name of every entry.
pub const SERVICE: &str = "pinpoint-console";

/// What a secret belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SecretKey {
    /// The connection (`demo`, `custom:URL`, `aws:PROFILE:REGION`).
    pub connection: String,
    /// The project id.
    pub app_id: String,
    /// What within the project, e.g. `channel/apns`.
    pub item: String,
}

impl SecretKey {
    /// The keyring account name.
    #[must_use]
    pub fn account(&self) -> String {
        format!("{}|{}|{}", self.connection, self.app_id, self.item)
    }
}

/// A value that must not show up in logs or debug output.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Redacted<T>(pub T);

impl<T> std::fmt::Debug for Redacted<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("<redacted>")
    }
}

/// The members stored for one key.
pub type SecretFields = BTreeMap<String, String>;

/// Why the store could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SecretError {
    /// No keyring, a locked one, or no session bus: the user can still save once.
    #[error(
        "The OS keyring is not available ({0}). Secrets are sent for this save only and not stored."
    )]
    Unavailable(String),
    /// The keyring answered with an error.
    #[error("The OS keyring failed: {0}")]
    Failed(String),
}

impl SecretError {
    /// The underlying reason, without the explanation around it.
    #[must_use]
    pub fn reason(&self) -> &str {
        match self {
            Self::Unavailable(r) | Self::Failed(r) => r,
        }
    }
}

/// A store of secrets. Calls may block (D-Bus, Keychain): call them off the UI thread.
pub trait SecretStore: Send + Sync + std::fmt::Debug {
    /// The fields stored under `key`, if any.
    fn get(&self, key: &SecretKey) -> Result<Option<SecretFields>, SecretError>;
    /// Stores `fields` under `key`, replacing what was there.
    fn set(&self, key: &SecretKey, fields: &SecretFields) -> Result<(), SecretError>;
    /// Removes what is stored under `key` (nothing stored is fine).
    fn delete(&self, key: &SecretKey) -> Result<(), SecretError>;
}

/// The OS keyring.
#[derive(Debug)]
pub struct KeyringStore(());

fn map_error(error: keyring_core::Error) -> SecretError {
    match error {
        keyring_core::Error::NoStorageAccess(e) => SecretError::Unavailable(e.to_string()),
        keyring_core::Error::NoDefaultStore => {
            SecretError::Unavailable("no credential store".into())
        }
        other => SecretError::Failed(other.to_string()),
    }
}

impl KeyringStore {
    /// Opens the platform's credential store and makes it keyring-core's default. Any failure
    /// here means the keyring is not available.
    pub fn open() -> Result<Self, SecretError> {
        Self::open_store().map_err(|e| SecretError::Unavailable(e.reason().to_owned()))
    }

    fn open_store() -> Result<Self, SecretError> {
        #[cfg(target_os = "linux")]
        let store = zbus_secret_service_keyring_store::Store::new().map_err(map_error)?;
        #[cfg(target_os = "macos")]
        let store = apple_native_keyring_store::keychain::Store::new().map_err(map_error)?;
        #[cfg(target_os = "windows")]
        let store = windows_native_keyring_store::Store::new().map_err(map_error)?;
        #[cfg(not(any(target_os = "linux", target_os = "macos", target_os = "windows")))]
        return Err(SecretError::Unavailable("no keyring on this platform".into()));
        #[cfg(any(target_os = "linux", target_os = "macos", target_os = "windows"))]
        {
            keyring_core::set_default_store(store);
            Ok(Self(()))
        }
    }

    fn entry(key: &SecretKey) -> Result<keyring_core::Entry, SecretError> {
        keyring_core::Entry::new(SERVICE, &key.account()).map_err(map_error)
    }
}

impl SecretStore for KeyringStore {
    fn get(&self, key: &SecretKey) -> Result<Option<SecretFields>, SecretError> {
        match Self::entry(key)?.get_password() {
            Ok(text) => serde_json::from_str(&text)
                .map(Some)
                .map_err(|e| SecretError::Failed(format!("a stored entry is not readable: {e}"))),
            Err(keyring_core::Error::NoEntry) => Ok(None),
            Err(e) => Err(map_error(e)),
        }
    }

    fn set(&self, key: &SecretKey, fields: &SecretFields) -> Result<(), SecretError> {
        let text = serde_json::to_string(fields).map_err(|e| SecretError::Failed(e.to_string()))?;
        Self::entry(key)?.set_password(&text).map_err(map_error)
    }

    fn delete(&self, key: &SecretKey) -> Result<(), SecretError> {
        match Self::entry(key)?.delete_credential() {
            Ok(()) | Err(keyring_core::Error::NoEntry) => Ok(()),
            Err(e) => Err(map_error(e)),
        }
    }
}

/// An in-memory store, for tests (never used by the app itself).
#[derive(Debug, Default)]
pub struct MemoryStore(Mutex<HashMap<SecretKey, SecretFields>>);

impl SecretStore for MemoryStore {
    fn get(&self, key: &SecretKey) -> Result<Option<SecretFields>, SecretError> {
        Ok(self.0.lock().unwrap_or_else(PoisonError::into_inner).get(key).cloned())
    }

    fn set(&self, key: &SecretKey, fields: &SecretFields) -> Result<(), SecretError> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).insert(key.clone(), fields.clone());
        Ok(())
    }

    fn delete(&self, key: &SecretKey) -> Result<(), SecretError> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).remove(key);
        Ok(())
    }
}

/// A store that is not there (no keyring could be opened): every call says why.
#[derive(Debug)]
pub struct UnavailableStore(pub String);

impl SecretStore for UnavailableStore {
    fn get(&self, _key: &SecretKey) -> Result<Option<SecretFields>, SecretError> {
        Err(SecretError::Unavailable(self.0.clone()))
    }

    fn set(&self, _key: &SecretKey, _fields: &SecretFields) -> Result<(), SecretError> {
        Err(SecretError::Unavailable(self.0.clone()))
    }

    fn delete(&self, _key: &SecretKey) -> Result<(), SecretError> {
        Err(SecretError::Unavailable(self.0.clone()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_store_round_trips_and_deletes() {
        let store = MemoryStore::default();
        let key = SecretKey {
            connection: "demo".into(),
            app_id: "a".into(),
            item: "channel/apns".into(),
        };
        assert_eq!(store.get(&key).unwrap(), None);
        let fields = SecretFields::from([("TokenKey".to_owned(), "k".to_owned())]);
        store.set(&key, &fields).unwrap();
        assert_eq!(store.get(&key).unwrap(), Some(fields));
        store.delete(&key).unwrap();
        store.delete(&key).unwrap();
        assert_eq!(store.get(&key).unwrap(), None);
        assert_eq!(key.account(), "demo|a|channel/apns");
    }
}
