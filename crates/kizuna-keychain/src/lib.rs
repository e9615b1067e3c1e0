//! Kizuna's tokens in the OS keychain, behind [`kizuna_core::secrets::SecretStore`]: the
//! Secret Service on Linux (GNOME Keyring, KWallet; over zbus, so no libdbus is needed),
//! Keychain on macOS, Credential Manager on Windows. Every entry is under the service
//! `kizuna`, with the key (`connection:<id>`, `hub:<url>`) as its user name.

use keyring::Entry;
use kizuna_core::secrets::{SecretError, SecretStore};

/// The service name every Kizuna entry is filed under.
pub const SERVICE: &str = "kizuna";

/// The OS keychain.
#[derive(Debug, Clone)]
pub struct Keychain {
    service: String,
}

impl Default for Keychain {
    fn default() -> Self {
        Self::new()
    }
}

impl Keychain {
    /// The keychain, with entries under the service `kizuna`.
    pub fn new() -> Self {
        Self::with_service(SERVICE)
    }

    /// The keychain with entries under another service name (tests keep theirs apart).
    pub fn with_service(service: &str) -> Self {
        Self {
            service: service.to_owned(),
        }
    }

    /// Whether a keychain answers at all; the error says why not.
    pub fn check_available() -> Result<(), SecretError> {
        Entry::store_status()
            .as_ref()
            .map(|_| ())
            .map_err(|e| explain("", e))
    }

    fn entry(&self, key: &str) -> Result<Entry, SecretError> {
        Entry::new(&self.service, key).map_err(|e| explain(key, &e))
    }
}

impl SecretStore for Keychain {
    fn get(&self, key: &str) -> Result<Option<String>, SecretError> {
        match self.entry(key)?.get_password() {
            Ok(value) => Ok(Some(value)),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(explain(key, &e)),
        }
    }

    fn set(&self, key: &str, value: &str) -> Result<(), SecretError> {
        self.entry(key)?
            .set_password(value)
            .map_err(|e| explain(key, &e))
    }

    fn delete(&self, key: &str) -> Result<(), SecretError> {
        match self.entry(key)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(explain(key, &e)),
        }
    }
}

/// The keychain's error in a manager's words (never with the secret in it).
fn explain(key: &str, e: &keyring::Error) -> SecretError {
    use keyring::Error as K;
    match e {
        K::NoDefaultStore => SecretError::Unavailable(
            "no keychain service answered (on Linux: no Secret Service such as GNOME Keyring on the session bus)"
                .to_owned(),
        ),
        K::NoStorageAccess(why) => SecretError::Unavailable(format!("access was refused ({why})")),
        K::PlatformFailure(why) => SecretError::Unavailable(why.to_string()),
        K::BadEncoding(_) | K::BadDataFormat(..) => SecretError::Damaged {
            key: key.to_owned(),
        },
        other => SecretError::Refused(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_keychain_is_said_in_plain_words() {
        let e = explain("connection:1", &keyring::Error::NoDefaultStore);
        assert!(
            e.to_string().starts_with(
                "The system keychain is locked or not available: no keychain service answered"
            ),
            "{e}"
        );
    }

    #[test]
    fn a_damaged_entry_names_its_key_not_its_bytes() {
        let e = explain(
            "hub:https://h",
            &keyring::Error::BadEncoding(b"s3cr3t\xff".to_vec()),
        );
        let text = e.to_string();
        assert!(text.contains("hub:https://h"), "{text}");
        assert!(!text.contains("s3cr3t"), "{text}");
    }
}
