//! The app's sync settings: which hub this community syncs with and whether it syncs by
//! itself, kept in the file (`kizuna_meta`); the hub's token lives only in the keychain
//! (under `hub_key(url)`). Also the status the Settings screen shows and the schedule of
//! automatic syncs.

use std::time::Duration;

use kizuna_core::secrets::{SecretStore, hub_key};
use kizuna_core::{CoreError, Store};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::client::{SyncError, SyncFailure, SyncReport, pending, state, sync};
use crate::protocol::MAX_LABEL_CHARS;

/// Meta key of the saved hub address and the automatic-sync switch.
const SETTINGS_KEY: &str = "sync_settings";
/// Meta key of the last failed sync's message (empty after a sync that worked).
const LAST_ERROR_KEY: &str = "sync_last_error";
/// Meta key of the last failed sync's reason (JSON [`SyncFailure`]; empty after a sync that
/// worked).
const LAST_FAILURE_KEY: &str = "sync_last_failure";

/// How often an automatic sync runs while the last one worked.
pub const AUTO_SYNC_EVERY: Duration = Duration::from_secs(10 * 60);
/// The longest wait between automatic tries after failures.
pub const MAX_RETRY_WAIT: Duration = Duration::from_secs(30 * 60);

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Saved {
    hub_url: Option<String>,
    auto: bool,
    /// What the team sees this laptop as; the default when unset.
    #[serde(default)]
    label: Option<String>,
}

/// What the Settings screen shows about sync (never the token itself).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncStatus {
    /// The hub this community syncs with, if one is set.
    pub hub_url: Option<String>,
    /// Whether the keychain holds a token for that hub.
    pub token_saved: bool,
    /// Unix ms of the last sync that finished.
    pub last_sync_at: Option<i64>,
    /// Changes made here that the hub has not received yet.
    pub pending: u64,
    /// Why the last sync failed, when it did (in English).
    pub last_error: Option<String>,
    /// The same as a stable reason, for the app to say in its language.
    pub last_failure: Option<SyncFailure>,
    /// Whether the app syncs by itself.
    pub auto: bool,
    /// What the team sees this laptop as in its sync conflicts (default: user@host).
    pub label: String,
}

fn saved(store: &Store) -> Result<Saved, CoreError> {
    Ok(store
        .meta(SETTINGS_KEY)?
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or_default())
}

/// The hub address as it is kept: `http(s)://host[:port][/path]`, without a trailing `/`.
pub fn check_hub_url(url: &str) -> Result<String, CoreError> {
    let trimmed = url.trim().trim_end_matches('/');
    let refuse = || {
        kizuna_core::invalid!(
            "sync.notHubAddress",
            "\"{text}\" is not a hub address; it looks like https://hub.example.com",
            text = trimmed
        )
    };
    let parsed = reqwest::Url::parse(trimmed).map_err(|_| refuse())?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
        return Err(refuse());
    }
    if !parsed.username().is_empty() || parsed.password().is_some() || parsed.query().is_some() {
        return Err(kizuna_core::invalid!(
            "sync.tokenInAddress",
            "put only the hub's address here; the token goes in its own field"
        ));
    }
    Ok(trimmed.to_owned())
}

/// Saves the hub address (checked) and, when given, its token in `secrets`; returns the
/// address as kept.
pub fn save_settings(
    store: &Store,
    secrets: &dyn SecretStore,
    hub_url: &str,
    token: Option<&str>,
) -> Result<String, SyncError> {
    let url = check_hub_url(hub_url)?;
    if let Some(token) = token.map(str::trim).filter(|t| !t.is_empty()) {
        secrets.set(&hub_key(&url), token)?;
    }
    let mut settings = saved(store)?;
    if settings.hub_url.as_deref() != Some(url.as_str()) {
        store.set_meta(LAST_ERROR_KEY, "")?;
        store.set_meta(LAST_FAILURE_KEY, "")?;
    }
    settings.hub_url = Some(url.clone());
    keep(store, &settings)?;
    Ok(url)
}

/// The label this laptop goes by in the team's sync conflicts: the one saved, else the OS
/// user name @ host name.
pub fn site_label(store: &Store) -> Result<String, CoreError> {
    Ok(saved(store)?.label.unwrap_or_else(default_label))
}

fn default_label() -> String {
    let user = whoami::username().unwrap_or_else(|_| "someone".to_owned());
    match whoami::hostname() {
        Ok(host) => format!("{user}@{host}"),
        Err(_) => user,
    }
}

/// Saves the label this laptop goes by (empty: back to the default); it reaches the team with
/// the next sync.
pub fn set_site_label(store: &Store, label: &str) -> Result<(), CoreError> {
    let label = label.trim();
    if label.chars().count() > MAX_LABEL_CHARS {
        return Err(kizuna_core::invalid!(
            "sync.labelTooLong",
            "a name for this laptop has at most {max} characters",
            max = MAX_LABEL_CHARS
        ));
    }
    let mut settings = saved(store)?;
    settings.label = (!label.is_empty()).then(|| label.to_owned());
    keep(store, &settings)
}

/// Turns automatic sync on or off.
pub fn set_auto(store: &Store, auto: bool) -> Result<(), CoreError> {
    let mut settings = saved(store)?;
    settings.auto = auto;
    keep(store, &settings)
}

fn keep(store: &Store, settings: &Saved) -> Result<(), CoreError> {
    store.set_meta(SETTINGS_KEY, &serde_json::to_string(settings)?)
}

/// Whether a hub is set and automatic sync is on.
pub fn auto_sync_on(store: &Store) -> Result<bool, CoreError> {
    let settings = saved(store)?;
    Ok(settings.auto && settings.hub_url.is_some())
}

/// The status shown in Settings.
pub fn status(store: &Store, secrets: &dyn SecretStore) -> Result<SyncStatus, CoreError> {
    let settings = saved(store)?;
    let last_error = store.meta(LAST_ERROR_KEY)?.filter(|e| !e.is_empty());
    let last_failure = store
        .meta(LAST_FAILURE_KEY)?
        .and_then(|f| serde_json::from_str(&f).ok());
    let Some(url) = settings.hub_url else {
        return Ok(SyncStatus {
            hub_url: None,
            token_saved: false,
            last_sync_at: None,
            pending: 0,
            last_error,
            last_failure,
            auto: settings.auto,
            label: site_label(store)?,
        });
    };
    Ok(SyncStatus {
        token_saved: matches!(secrets.get(&hub_key(&url)), Ok(Some(_))),
        last_sync_at: state(store, &url)?.last_sync_at,
        pending: pending(store, &url)?,
        last_error,
        last_failure,
        auto: settings.auto,
        label: site_label(store)?,
        hub_url: Some(url),
    })
}

/// Syncs with the saved hub using the token in `secrets`, and keeps the failure's message
/// (or clears it) for the status.
pub async fn sync_saved(
    store: &mut Store,
    secrets: &dyn SecretStore,
) -> Result<SyncReport, SyncError> {
    let outcome = sync_with_saved_token(store, secrets).await;
    let (message, failure) = match &outcome {
        Ok(_) => (String::new(), String::new()),
        Err(error) => (
            error.to_string(),
            serde_json::to_string(&error.failure()).map_err(CoreError::from)?,
        ),
    };
    store.set_meta(LAST_ERROR_KEY, &message)?;
    store.set_meta(LAST_FAILURE_KEY, &failure)?;
    outcome
}

async fn sync_with_saved_token(
    store: &mut Store,
    secrets: &dyn SecretStore,
) -> Result<SyncReport, SyncError> {
    let url = saved(store)?.hub_url.ok_or(SyncError::NoHub)?;
    let token = secrets.get(&hub_key(&url))?.ok_or(SyncError::NoToken)?;
    sync(store, &url, &token).await
}

/// How long to wait before the next automatic sync after `failures` failed tries in a row:
/// the usual interval after a success, then 1, 2, 4 … minutes, at most 30.
pub fn next_sync_in(failures: u32) -> Duration {
    if failures == 0 {
        return AUTO_SYNC_EVERY;
    }
    let minutes = 1u64 << (failures - 1).min(16);
    Duration::from_secs(minutes * 60).min(MAX_RETRY_WAIT)
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use kizuna_core::SystemClock;
    use kizuna_core::secrets::MemorySecrets;
    use kizuna_core::store::OpenMode;

    use super::*;

    fn store(dir: &tempfile::TempDir) -> Store {
        Store::open(
            &dir.path().join("c.kizuna"),
            OpenMode::CreateIfMissing,
            Arc::new(SystemClock),
        )
        .expect("store")
    }

    #[test]
    fn failures_back_off_doubling_up_to_half_an_hour_and_success_resets() {
        let minutes: Vec<u64> = (0..9).map(|n| next_sync_in(n).as_secs() / 60).collect();
        assert_eq!(minutes, [10, 1, 2, 4, 8, 16, 30, 30, 30]);
        assert_eq!(next_sync_in(u32::MAX), MAX_RETRY_WAIT);
    }

    #[test]
    fn only_web_addresses_are_hubs() {
        assert_eq!(
            check_hub_url(" https://hub.example.com/ ").expect("https"),
            "https://hub.example.com"
        );
        assert!(check_hub_url("http://127.0.0.1:7800").is_ok());
        for bad in [
            "",
            "hub.example.com",
            "ftp://hub.example.com",
            "file:///etc/passwd",
            "javascript:alert(1)",
            "https://user:pw@hub.example.com",
        ] {
            assert!(check_hub_url(bad).is_err(), "{bad} accepted");
        }
    }

    #[test]
    fn the_token_goes_to_the_keychain_and_never_into_the_file() {
        let dir = tempfile::tempdir().expect("dir");
        let store = store(&dir);
        let secrets = MemorySecrets::new();
        let url = save_settings(
            &store,
            &secrets,
            "https://hub.example.com/",
            Some("kzh_secret"),
        )
        .expect("saved");
        assert_eq!(
            secrets.get(&hub_key(&url)).expect("get").as_deref(),
            Some("kzh_secret")
        );
        let in_file: i64 = store
            .conn()
            .query_row(
                "SELECT count(*) FROM kizuna_meta WHERE value LIKE '%kzh_secret%'",
                [],
                |r| r.get(0),
            )
            .expect("count");
        assert_eq!(in_file, 0);
        set_auto(&store, true).expect("auto");
        let shown = status(&store, &secrets).expect("status");
        assert_eq!(shown.hub_url.as_deref(), Some("https://hub.example.com"));
        assert!(shown.token_saved && shown.auto);
        assert!(auto_sync_on(&store).expect("auto on"));
    }

    #[tokio::test]
    async fn a_sync_without_a_token_says_so_and_the_status_keeps_it() {
        let dir = tempfile::tempdir().expect("dir");
        let mut store = store(&dir);
        let secrets = MemorySecrets::new();
        assert!(matches!(
            sync_saved(&mut store, &secrets).await,
            Err(SyncError::NoHub)
        ));
        save_settings(&store, &secrets, "http://127.0.0.1:9", None).expect("saved");
        let failed = sync_saved(&mut store, &secrets).await;
        assert!(matches!(failed, Err(SyncError::NoToken)));
        let shown = status(&store, &secrets).expect("status");
        assert!(!shown.token_saved);
        assert!(shown.last_error.expect("error kept").contains("token"));
        assert_eq!(
            shown.last_failure.map(|f| f.reason),
            Some(crate::client::SyncReason::NoToken)
        );
    }
}
