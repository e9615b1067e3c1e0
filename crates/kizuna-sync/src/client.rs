//! The desktop side of sync: pull the team's changes after the last cursor and merge them
//! (noting fields changed here and there as conflicts), then push this replica's new changes. Cursors live in the file (`kizuna_meta`), per hub,
//! and move only after the hub or the merge confirmed, so a sync cut off anywhere is simply
//! done again: pushes are idempotent and merging a change twice changes nothing.

use std::time::Duration;

use kizuna_core::{CoreError, Store};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::protocol::{
    BootstrapResponse, PROTOCOL_VERSION, PullResponse, PushRequest, PushResponse, SiteLabel,
    SitesResponse,
};
use crate::replica::{MergeReport, merge_noting_conflicts, outgoing};

/// Meta key of the sync position.
const STATE_KEY: &str = "sync_state";
/// Meta key of the team's replica labels (a JSON object: replica UUID → label).
pub const SITE_LABELS_KEY: &str = "sync_site_labels";
/// Changes per push.
const PUSH_PAGE: u32 = 5_000;
/// The longest one sync waits, in all, when the hub asks it to slow down (429 with
/// `Retry-After`); past that it stops with [`SyncError::Busy`].
const MAX_BUSY_WAIT: Duration = Duration::from_secs(30);

/// Why a sync did not finish, in words a manager understands.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error(
        "cannot reach the hub at {0}; you may be offline. Your changes are kept and sync when the hub is reachable"
    )]
    Unreachable(String),
    #[error("the hub refused the token (wrong or revoked); ask your team's admin for a new one")]
    Unauthorized,
    #[error("the hub does not let this token do that; ask your team's admin")]
    Forbidden,
    #[error("the hub is busy; sync again in {retry_after_secs} seconds")]
    Busy { retry_after_secs: u64 },
    #[error("the hub answered {status}: {message}")]
    Refused { status: u16, message: String },
    #[error("the hub's answer could not be read: {0}")]
    BadAnswer(String),
    #[error("no hub is set; enter your team's hub address in Settings → Sync")]
    NoHub,
    #[error("no token is saved for this hub; paste the token your team's admin gave you and save")]
    NoToken,
    #[error(transparent)]
    Keychain(#[from] kizuna_core::secrets::SecretError),
    #[error(transparent)]
    Core(#[from] CoreError),
}

/// Why a sync failed, as a stable name the app turns into words in its language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SyncReason {
    /// The hub could not be reached (offline, wrong address, hub down).
    Unreachable,
    /// The token is wrong or revoked (401).
    Unauthorized,
    /// The token may not do this (403).
    Forbidden,
    /// The hub asked to slow down for longer than a sync waits (429).
    RateLimited,
    /// The hub refused a request as too large (413).
    TooLarge,
    /// The hub failed or its database is down (5xx).
    ServerError,
    /// The hub's answer could not be read (not a Kizuna hub, or a proxy page).
    BadResponse,
    /// The hub speaks another sync protocol version: update Kizuna.
    VersionMismatch,
    /// The hub refused the request for another reason (other 4xx).
    Refused,
    /// No hub address is set.
    NoHub,
    /// No token is saved for the hub.
    NoToken,
    /// The system keychain is locked or not available.
    KeychainUnavailable,
    /// The community file could not be read or written.
    Local,
}

/// A failed sync as the app shows it: its reason, and the details its words need.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncFailure {
    pub reason: SyncReason,
    /// The HTTP status the hub answered, when it answered.
    pub status: Option<u16>,
    /// For `rate_limited`: when to try again.
    pub retry_after_secs: Option<u64>,
}

impl SyncError {
    /// The failure's stable reason and details.
    pub fn failure(&self) -> SyncFailure {
        let (reason, status, retry_after_secs) = match self {
            SyncError::Unreachable(_) => (SyncReason::Unreachable, None, None),
            SyncError::Unauthorized => (SyncReason::Unauthorized, Some(401), None),
            SyncError::Forbidden => (SyncReason::Forbidden, Some(403), None),
            SyncError::Busy { retry_after_secs } => {
                (SyncReason::RateLimited, Some(429), Some(*retry_after_secs))
            }
            SyncError::Refused { status, message } => (
                match status {
                    413 => SyncReason::TooLarge,
                    500..=599 => SyncReason::ServerError,
                    _ if message.contains("sync protocol") => SyncReason::VersionMismatch,
                    _ => SyncReason::Refused,
                },
                Some(*status),
                None,
            ),
            SyncError::BadAnswer(_) => (SyncReason::BadResponse, None, None),
            SyncError::NoHub => (SyncReason::NoHub, None, None),
            SyncError::NoToken => (SyncReason::NoToken, None, None),
            SyncError::Keychain(_) => (SyncReason::KeychainUnavailable, None, None),
            SyncError::Core(_) => (SyncReason::Local, None, None),
        };
        SyncFailure {
            reason,
            status,
            retry_after_secs,
        }
    }
}

/// Where this replica is with one hub.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SyncState {
    pub hub: String,
    /// The last change-log position pushed.
    pub pushed: i64,
    /// The hub's cursor after the last merged change.
    pub pulled: i64,
    /// Unix ms of the last finished sync.
    pub last_sync_at: Option<i64>,
}

/// What one sync did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncReport {
    pub pushed: u64,
    pub pulled: u64,
    pub merge: MergeReport,
}

/// The sync position saved for `hub` (a fresh one for a new hub).
pub fn state(store: &Store, hub: &str) -> Result<SyncState, CoreError> {
    let saved: Option<SyncState> = store
        .meta(STATE_KEY)?
        .and_then(|s| serde_json::from_str(&s).ok());
    Ok(match saved {
        Some(s) if s.hub == hub => s,
        _ => SyncState {
            hub: hub.to_owned(),
            ..SyncState::default()
        },
    })
}

fn save(store: &Store, state: &SyncState) -> Result<(), CoreError> {
    store.set_meta(STATE_KEY, &serde_json::to_string(state)?)
}

/// How many changes this replica has that `hub` has not received yet.
pub fn pending(store: &Store, hub: &str) -> Result<u64, CoreError> {
    let from = state(store, hub)?.pushed;
    Ok(store.conn().query_row(
        "SELECT count(*) FROM change_log c JOIN sync_sites s ON s.id = c.site
         WHERE s.site_uuid = ?1 AND c.seq > ?2",
        rusqlite::params![store.site_uuid(), from],
        |r| r.get::<_, i64>(0),
    )? as u64)
}

/// One sync with the hub at `hub` (e.g. `http://127.0.0.1:7800`) using `token`.
pub async fn sync(store: &mut Store, hub: &str, token: &str) -> Result<SyncReport, SyncError> {
    let hub = hub.trim_end_matches('/');
    let http = reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(10))
        .timeout(Duration::from_secs(120))
        .user_agent(concat!("Kizuna/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| SyncError::BadAnswer(e.to_string()))?;
    let mut state = state(store, hub)?;
    let mut report = SyncReport::default();
    let mut received = Vec::new();
    let mut waited = Duration::ZERO;
    let mut cursor = state.pulled;
    if cursor == 0 {
        // A new replica starts from the team's current cells, not its whole history.
        let mut page_from: Option<(String, String, String)> = None;
        let mut fixed: Option<i64> = None;
        loop {
            let mut url = reqwest::Url::parse(&format!("{hub}/v1/bootstrap"))
                .map_err(|e| SyncError::BadAnswer(format!("the hub address is not valid: {e}")))?;
            {
                let mut query = url.query_pairs_mut();
                if let Some(c) = fixed {
                    query.append_pair("cursor", &c.to_string());
                }
                if let Some((table, pk, column)) = &page_from {
                    query
                        .append_pair("table", table)
                        .append_pair("pk", pk)
                        .append_pair("column", column);
                }
            }
            let page: BootstrapResponse =
                call(hub, http.get(url).bearer_auth(token), &mut waited).await?;
            fixed = Some(page.cursor);
            received.extend(page.changes);
            if !page.more {
                break;
            }
            page_from = page.next;
        }
        cursor = fixed.unwrap_or(0);
    }
    loop {
        let page: PullResponse = call(
            hub,
            http.get(format!("{hub}/v1/pull?after={cursor}"))
                .bearer_auth(token),
            &mut waited,
        )
        .await?;
        cursor = page.next;
        received.extend(page.changes);
        if !page.more {
            break;
        }
    }
    report.pulled = received.len() as u64;
    // Pull first: a field changed here and not sent yet, also changed elsewhere, is noted
    // as a conflict while the merge can still tell the two apart.
    report.merge = merge_noting_conflicts(store, &received, state.pushed)?;
    state.pulled = cursor;
    save(store, &state)?;
    let mut page = PUSH_PAGE;
    loop {
        let (changes, last) = outgoing(store, state.pushed, page)?;
        if changes.is_empty() {
            break;
        }
        let sent = changes.len() as u64;
        let body = PushRequest {
            version: PROTOCOL_VERSION,
            changes,
        };
        let pushed: Result<PushResponse, _> = call(
            hub,
            http.post(format!("{hub}/v1/push"))
                .bearer_auth(token)
                .json(&body),
            &mut waited,
        )
        .await;
        match pushed {
            Ok(_) => {}
            // Too large for the hub (long texts): send fewer changes at a time.
            Err(SyncError::Refused { status: 413, .. }) if page > 1 => {
                page /= 2;
                continue;
            }
            Err(e) => return Err(e),
        }
        state.pushed = last;
        save(store, &state)?;
        report.pushed += sent;
    }
    exchange_labels(store, &http, hub, token, &mut waited).await?;
    state.last_sync_at = Some(store.clock().now_ms());
    save(store, &state)?;
    Ok(report)
}

/// Tells the hub this laptop's label and keeps the labels of the team's other laptops, for
/// the conflicts view. A hub without the label endpoints (404) is left alone.
async fn exchange_labels(
    store: &Store,
    http: &reqwest::Client,
    hub: &str,
    token: &str,
    waited: &mut Duration,
) -> Result<(), SyncError> {
    let mine = SiteLabel {
        site: store.site_uuid().to_owned(),
        label: crate::settings::site_label(store)?,
    };
    let request = http
        .post(format!("{hub}/v1/site"))
        .bearer_auth(token)
        .json(&mine);
    match call::<serde_json::Value>(hub, request, waited).await {
        Ok(_) => {}
        Err(SyncError::Refused { status: 404, .. }) => return Ok(()),
        Err(e) => return Err(e),
    }
    let sites: SitesResponse = call(
        hub,
        http.get(format!("{hub}/v1/sites")).bearer_auth(token),
        waited,
    )
    .await?;
    let labels: serde_json::Map<String, serde_json::Value> = sites
        .sites
        .into_iter()
        .map(|s| (s.site, serde_json::Value::String(s.label)))
        .collect();
    store.set_meta(
        SITE_LABELS_KEY,
        &serde_json::Value::Object(labels).to_string(),
    )?;
    Ok(())
}

/// Sends `request`; when the hub answers 429, waits as its `Retry-After` says and sends it again,
/// as long as the sync's total wait (`waited`) stays within [`MAX_BUSY_WAIT`].
async fn call<T: for<'de> Deserialize<'de>>(
    hub: &str,
    request: reqwest::RequestBuilder,
    waited: &mut Duration,
) -> Result<T, SyncError> {
    loop {
        let attempt = request
            .try_clone()
            .ok_or_else(|| SyncError::BadAnswer("a request could not be repeated".to_owned()))?;
        let response = attempt
            .send()
            .await
            .map_err(|_| SyncError::Unreachable(hub.to_owned()))?;
        if response.status() != reqwest::StatusCode::TOO_MANY_REQUESTS {
            return answer(response).await;
        }
        let wait = retry_after(&response);
        if *waited + wait > MAX_BUSY_WAIT {
            return Err(SyncError::Busy {
                retry_after_secs: wait.as_secs().max(1),
            });
        }
        tracing::info!(seconds = wait.as_secs(), "the hub asked to slow down");
        tokio::time::sleep(wait).await;
        *waited += wait;
    }
}

/// The wait a 429 asks for: `Retry-After` in seconds (an HTTP date or nothing counts as 5 s).
fn retry_after(response: &reqwest::Response) -> Duration {
    let seconds = response
        .headers()
        .get(reqwest::header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok())
        .unwrap_or(5);
    Duration::from_secs(seconds.max(1))
}

async fn answer<T: for<'de> Deserialize<'de>>(response: reqwest::Response) -> Result<T, SyncError> {
    let status = response.status();
    if status == reqwest::StatusCode::UNAUTHORIZED {
        return Err(SyncError::Unauthorized);
    }
    if status == reqwest::StatusCode::FORBIDDEN {
        return Err(SyncError::Forbidden);
    }
    if !status.is_success() {
        let message = response
            .json::<serde_json::Value>()
            .await
            .ok()
            .and_then(|v| v["error"].as_str().map(str::to_owned))
            .unwrap_or_else(|| status.canonical_reason().unwrap_or("error").to_owned());
        return Err(SyncError::Refused {
            status: status.as_u16(),
            message,
        });
    }
    response
        .json::<T>()
        .await
        .map_err(|e| SyncError::BadAnswer(e.to_string()))
}

#[cfg(test)]
mod tests {
    use kizuna_core::secrets::SecretError;

    use super::*;

    fn reason(error: SyncError) -> SyncReason {
        error.failure().reason
    }

    fn refused(status: u16, message: &str) -> SyncError {
        SyncError::Refused {
            status,
            message: message.to_owned(),
        }
    }

    #[test]
    fn every_sync_error_has_a_stable_reason_for_the_app() {
        assert_eq!(
            reason(SyncError::Unreachable("http://hub".to_owned())),
            SyncReason::Unreachable
        );
        assert_eq!(reason(SyncError::Unauthorized), SyncReason::Unauthorized);
        assert_eq!(reason(SyncError::Forbidden), SyncReason::Forbidden);
        assert_eq!(
            SyncError::Busy {
                retry_after_secs: 60
            }
            .failure(),
            SyncFailure {
                reason: SyncReason::RateLimited,
                status: Some(429),
                retry_after_secs: Some(60)
            }
        );
        assert_eq!(reason(refused(413, "too big")), SyncReason::TooLarge);
        assert_eq!(reason(refused(503, "no database")), SyncReason::ServerError);
        assert_eq!(reason(refused(500, "oops")), SyncReason::ServerError);
        assert_eq!(
            reason(refused(400, "this hub speaks sync protocol 2, not 1")),
            SyncReason::VersionMismatch
        );
        assert_eq!(reason(refused(422, "missing field")), SyncReason::Refused);
        assert_eq!(
            reason(SyncError::BadAnswer("not JSON".to_owned())),
            SyncReason::BadResponse
        );
        assert_eq!(reason(SyncError::NoHub), SyncReason::NoHub);
        assert_eq!(reason(SyncError::NoToken), SyncReason::NoToken);
        assert_eq!(
            reason(SyncError::Keychain(SecretError::Unavailable(
                "locked".to_owned()
            ))),
            SyncReason::KeychainUnavailable
        );
        assert_eq!(
            reason(SyncError::Core(kizuna_core::invalid!("test.example", "x"))),
            SyncReason::Local
        );
        // The names the app's catalogues are keyed by.
        assert_eq!(
            serde_json::to_string(&SyncReason::KeychainUnavailable).expect("json"),
            "\"keychain_unavailable\""
        );
    }
}
