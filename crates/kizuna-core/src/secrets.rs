//! Where tokens live: behind [`SecretStore`], which the app and the CLI back with the OS
//! keychain (`kizuna-keychain`) and tests with [`MemorySecrets`]. A token is never written to
//! the community file or to a log.

use std::collections::HashMap;
use std::sync::Mutex;

/// Why the keychain could not give, keep or forget a secret, in words a manager can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SecretError {
    /// No keychain answered, or it is locked.
    #[error(
        "The system keychain is locked or not available: {0}. Unlock it (or log in to the desktop) and try again"
    )]
    Unavailable(String),
    /// The keychain answered but refused or failed the request.
    #[error("The system keychain refused the request: {0}")]
    Refused(String),
    /// What the keychain holds under the key is not text Kizuna wrote.
    #[error(
        "The keychain entry {key} is damaged (not text); remove the connection and add it again"
    )]
    Damaged { key: String },
}

/// Keeps secrets (API tokens) by key, e.g. `connection:<id>` or `hub:<url>`.
pub trait SecretStore: Send + Sync {
    /// The secret under `key`, or `None` when there is none.
    fn get(&self, key: &str) -> Result<Option<String>, SecretError>;
    /// Keeps `value` under `key`, replacing what was there.
    fn set(&self, key: &str, value: &str) -> Result<(), SecretError>;
    /// Forgets the secret under `key`; forgetting a missing one is not an error.
    fn delete(&self, key: &str) -> Result<(), SecretError>;
}

/// The key of a platform connection's token.
pub fn connection_key(connection_id: &str) -> String {
    format!("connection:{connection_id}")
}

/// The key of a sync hub's token.
pub fn hub_key(url: &str) -> String {
    format!("hub:{}", url.trim_end_matches('/'))
}

/// Secrets kept in memory only, for tests (and as a stand-in where no keychain is wanted).
#[derive(Debug, Default)]
pub struct MemorySecrets {
    values: Mutex<HashMap<String, String>>,
}

impl MemorySecrets {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    fn values(&self) -> std::sync::MutexGuard<'_, HashMap<String, String>> {
        // A panic while holding the lock cannot leave the map half-written.
        self.values.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl SecretStore for MemorySecrets {
    fn get(&self, key: &str) -> Result<Option<String>, SecretError> {
        Ok(self.values().get(key).cloned())
    }

    fn set(&self, key: &str, value: &str) -> Result<(), SecretError> {
        self.values().insert(key.to_owned(), value.to_owned());
        Ok(())
    }

    fn delete(&self, key: &str) -> Result<(), SecretError> {
        self.values().remove(key);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_secret_is_kept_replaced_and_forgotten() {
        let secrets = MemorySecrets::new();
        let key = connection_key("c-1");
        assert_eq!(secrets.get(&key), Ok(None));
        secrets.set(&key, "first").expect("set");
        secrets.set(&key, "second").expect("replace");
        assert_eq!(secrets.get(&key), Ok(Some("second".to_owned())));
        secrets.delete(&key).expect("delete");
        secrets.delete(&key).expect("deleting twice is fine");
        assert_eq!(secrets.get(&key), Ok(None));
    }

    #[test]
    fn keys_name_what_the_secret_is_for() {
        assert_eq!(connection_key("abc"), "connection:abc");
        assert_eq!(
            hub_key("https://hub.example.com/"),
            "hub:https://hub.example.com"
        );
    }

    #[test]
    fn a_locked_keychain_is_explained() {
        let e = SecretError::Unavailable("no Secret Service on the session bus".to_owned());
        assert!(
            e.to_string()
                .starts_with("The system keychain is locked or not available: no Secret Service")
        );
    }
}
