//! Platform connectors: Discourse, Discord and Eventbrite accounts pulled over their HTTP APIs
//! into [`SourceRecord`]s, which the import engine matches, writes and keeps in the import
//! history like any file. Each connection keeps an incremental cursor (JSON) in the
//! `connections` table so the next sync asks only for what is new; its token stays in the
//! keychain ([`SecretStore`]) and is never written to the file or a log.

mod connections;
mod discord;
mod discourse;
mod eventbrite;
pub mod http;

use kizuna_core::secrets::{SecretError, SecretStore, connection_key};
use kizuna_core::{CoreError, Store};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::engine::{ImportError, ImportOptions, import};
use crate::record::{ImportBatch, RowError, SourceInfo, SourceRecord};
pub use connections::{
    Connection, ConnectionKind, NewConnection, add_connection, get_connection, list_connections,
    remove_connection,
};
use http::Http;
pub use http::{ConnectorEnv, HttpSettings, SleepFuture, Sleeper, TokioSleeper};

/// Why a connector stopped, in words a manager can act on. A sync that fails writes nothing
/// but the reason (kept as the connection's last error).
#[derive(Debug, thiserror::Error)]
pub enum ConnectorError {
    #[error(
        "The token was refused (401) by {endpoint}: it may have been revoked or mistyped. Create a new token on the platform and add the connection again"
    )]
    Unauthorized { endpoint: String },
    #[error(
        "The platform refused access (403) to {endpoint}: the token works but lacks a permission (Discourse: an admin API key; Discord: the bot needs the Server Members intent and Read Message History; Eventbrite: access to the organization)"
    )]
    Forbidden { endpoint: String },
    #[error(
        "{endpoint} was not found (404): check the address and the account (forum URL, server id, organization id)"
    )]
    NotFound { endpoint: String },
    #[error("{}", rate_limited(endpoint, *wait_secs))]
    RateLimited {
        endpoint: String,
        wait_secs: Option<u64>,
    },
    #[error(
        "The platform had a problem ({status}) answering {endpoint}, {tries} tries in a row; nothing was imported. Try again later"
    )]
    Server {
        endpoint: String,
        status: u16,
        tries: u32,
    },
    #[error("The platform answered {endpoint} with an unexpected status {status}")]
    Refused { endpoint: String, status: u16 },
    #[error("The answer to {what} was not what Kizuna expected ({detail}); nothing was imported")]
    Malformed { what: String, detail: String },
    #[error("Could not reach {endpoint}: {detail}. Check the address and the internet connection")]
    Network { endpoint: String, detail: String },
    #[error(
        "{endpoint} did not answer within {after_secs} s; nothing was imported. Try again later"
    )]
    TimedOut { endpoint: String, after_secs: f64 },
    #[error("The sync was cancelled; nothing was imported")]
    Cancelled,
    #[error(
        "No token is kept for this connection in the keychain; remove the connection and add it again with its token"
    )]
    NoToken,
    #[error("There is no connection {id}")]
    UnknownConnection { id: String },
    /// A connection's details were refused, keyed like the core's refusals.
    #[error("{0}")]
    InvalidInput(kizuna_core::Invalid),
    #[error(transparent)]
    Secrets(#[from] SecretError),
    #[error(transparent)]
    Import(#[from] ImportError),
    #[error(transparent)]
    Store(#[from] CoreError),
}

fn rate_limited(endpoint: &str, wait_secs: Option<u64>) -> String {
    match wait_secs {
        Some(s) => format!(
            "The platform is limiting requests (429) to {endpoint} and asked to wait {s} s; nothing was imported. Try again later"
        ),
        None => format!(
            "The platform kept limiting requests (429) to {endpoint}; nothing was imported. Try again later"
        ),
    }
}

impl From<rusqlite::Error> for ConnectorError {
    fn from(e: rusqlite::Error) -> Self {
        ConnectorError::Store(CoreError::from(e))
    }
}

impl ConnectorError {
    /// A stable code the UI switches on.
    pub fn code(&self) -> &'static str {
        match self {
            ConnectorError::Unauthorized { .. } => "unauthorized",
            ConnectorError::Forbidden { .. } => "forbidden",
            ConnectorError::NotFound { .. } => "notFound",
            ConnectorError::RateLimited { .. } => "rateLimited",
            ConnectorError::Server { .. } | ConnectorError::Refused { .. } => "server",
            ConnectorError::Malformed { .. } => "malformed",
            ConnectorError::Network { .. } => "network",
            ConnectorError::TimedOut { .. } => "timedOut",
            ConnectorError::Cancelled => "cancelled",
            ConnectorError::NoToken => "noToken",
            ConnectorError::UnknownConnection { .. } => "unknownConnection",
            ConnectorError::InvalidInput(_) => "invalidInput",
            ConnectorError::Secrets(_) => "keychain",
            ConnectorError::Import(_) | ConnectorError::Store(_) => "storage",
        }
    }
}

/// How far a sync is, for a progress bar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", tag = "step")]
pub enum SyncProgress {
    /// Pages are coming in: `what` is being read, `records` have come so far.
    Fetching {
        what: String,
        #[ts(type = "number")]
        records: u64,
    },
    /// The records are being imported.
    Importing {
        #[ts(type = "number")]
        done: u64,
        #[ts(type = "number")]
        total: u64,
    },
}

/// What one sync did.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncSummary {
    /// People, posts, messages and attendees read from the platform.
    #[ts(type = "number")]
    pub records: u64,
    /// HTTP requests made (retries included).
    pub requests: u32,
    /// The import history entry; `None` when nothing changed.
    pub run_id: Option<String>,
    #[ts(type = "number")]
    pub members_created: u64,
    #[ts(type = "number")]
    pub members_updated: u64,
    #[ts(type = "number")]
    pub events_created: u64,
    #[ts(type = "number")]
    pub registrations_created: u64,
    #[ts(type = "number")]
    pub registrations_updated: u64,
    #[ts(type = "number")]
    pub activities_created: u64,
    /// Records the platform sent that could not be imported, and why.
    pub errors: Vec<RowError>,
    #[ts(type = "number")]
    pub finished_at: i64,
}

impl SyncSummary {
    /// Whether the sync wrote anything.
    pub fn changed_anything(&self) -> bool {
        self.members_created
            + self.members_updated
            + self.events_created
            + self.registrations_created
            + self.registrations_updated
            + self.activities_created
            > 0
    }
}

/// A token, kept out of `Debug` output.
pub(crate) struct Token(String);

impl Token {
    pub fn reveal(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Token(…)")
    }
}

/// What a connector read: records for the engine and the cursor to keep if they import.
pub(crate) struct Fetched {
    pub records: Vec<SourceRecord>,
    pub cursor: serde_json::Value,
    /// The IANA zone of the events read, when they all share one.
    pub time_zone: Option<String>,
    /// What was read but cannot be imported (e.g. a channel the bot may not read).
    pub errors: Vec<RowError>,
}

/// A fetch in progress: the client, and the progress callback that may cancel it.
pub(crate) struct Fetch<'a, 'p> {
    pub http: Http<'a>,
    progress: &'p mut (dyn FnMut(SyncProgress) -> bool + Send),
    records: u64,
}

impl Fetch<'_, '_> {
    /// Counts `added` records read from `what`; `Cancelled` when the person cancelled.
    pub fn read(&mut self, what: &str, added: usize) -> Result<(), ConnectorError> {
        self.records += added as u64;
        let going_on = (self.progress)(SyncProgress::Fetching {
            what: what.to_owned(),
            records: self.records,
        });
        if going_on {
            Ok(())
        } else {
            Err(ConnectorError::Cancelled)
        }
    }
}

fn load(
    store: &Store,
    secrets: &dyn SecretStore,
    id: &str,
) -> Result<(Connection, Token), ConnectorError> {
    let connection = get_connection(store, id)?;
    let token = secrets
        .get(&connection_key(id))?
        .filter(|t| !t.trim().is_empty())
        .ok_or(ConnectorError::NoToken)?;
    Ok((connection, Token(token)))
}

fn client<'a>(
    connection: &Connection,
    token: &Token,
    env: &'a ConnectorEnv,
) -> Result<Http<'a>, ConnectorError> {
    let headers = match connection.kind {
        ConnectionKind::Discourse => discourse::headers(connection, token),
        ConnectionKind::Discord => discord::headers(token),
        ConnectionKind::Eventbrite => eventbrite::headers(token),
    };
    Http::new(&connection.base_url, &headers, env)
}

/// Makes one cheap authenticated call and says what it saw (or why it failed). The returned
/// future does not hold the store.
pub fn test_connection<'a>(
    store: &Store,
    secrets: &dyn SecretStore,
    id: &str,
    env: &'a ConnectorEnv,
) -> impl Future<Output = Result<String, ConnectorError>> + Send + use<'a> {
    let loaded = load(store, secrets, id);
    async move {
        let (connection, token) = loaded?;
        let mut http = client(&connection, &token, env)?;
        match connection.kind {
            ConnectionKind::Discourse => discourse::check(&mut http, &connection).await,
            ConnectionKind::Discord => discord::check(&mut http, &connection).await,
            ConnectionKind::Eventbrite => eventbrite::check(&mut http, &connection).await,
        }
    }
}

/// Pulls what is new on the platform since the last sync and imports it in one transaction
/// (undoable from the import history); records the outcome on the connection. `progress`
/// returning `false` cancels; nothing is then imported.
pub async fn sync_connection(
    store: &mut Store,
    secrets: &dyn SecretStore,
    id: &str,
    env: &ConnectorEnv,
    progress: &mut (dyn FnMut(SyncProgress) -> bool + Send),
) -> Result<SyncSummary, ConnectorError> {
    let (connection, token) = load(store, secrets, id)?;
    let started = store.clock().now_ms();
    let outcome = run_sync(store, &connection, &token, env, progress).await;
    let at = store.clock().now_ms();
    match outcome {
        Ok((summary, cursor)) => {
            connections::record_success(store, id, at, &cursor, &summary)?;
            Ok(summary)
        }
        Err(e) => {
            tracing::warn!(
                connection = %id,
                kind = connection.kind.key(),
                code = e.code(),
                "sync failed after {} ms",
                at - started
            );
            connections::record_failure(store, id, at, &e)?;
            Err(e)
        }
    }
}

async fn run_sync(
    store: &mut Store,
    connection: &Connection,
    token: &Token,
    env: &ConnectorEnv,
    progress: &mut (dyn FnMut(SyncProgress) -> bool + Send),
) -> Result<(SyncSummary, serde_json::Value), ConnectorError> {
    let cursor = connections::cursor(store, &connection.id)?;
    let now = store.clock().now();
    let mut fetch = Fetch {
        http: client(connection, token, env)?,
        progress,
        records: 0,
    };
    let fetched = match connection.kind {
        ConnectionKind::Discourse => discourse::fetch(&mut fetch, connection, cursor).await?,
        ConnectionKind::Discord => discord::fetch(&mut fetch, connection, cursor).await?,
        ConnectionKind::Eventbrite => {
            eventbrite::fetch(&mut fetch, connection, cursor, now).await?
        }
    };
    let requests = fetch.http.requests;
    let progress = fetch.progress;
    let batch = ImportBatch {
        source: SourceInfo {
            key: source_key(connection),
            label: connection.label.clone(),
            format: format!("{}-api", connection.kind.key()),
            fingerprint: None,
        },
        records: fetched.records,
        errors: fetched.errors,
    };
    let options = match fetched.time_zone {
        Some(time_zone) => ImportOptions { time_zone },
        None => ImportOptions::for_store(store),
    };
    let report = import(store, &batch, &options, &mut |done, total| {
        progress(SyncProgress::Importing { done, total })
    })
    .map_err(|e| match e {
        ImportError::Cancelled => ConnectorError::Cancelled,
        other => other.into(),
    })?;
    let summary = SyncSummary {
        records: report.records,
        requests,
        run_id: report.run_id,
        members_created: report.members_created,
        members_updated: report.members_updated,
        events_created: report.events_created,
        registrations_created: report.registrations_created,
        registrations_updated: report.registrations_updated,
        activities_created: report.activities_created,
        errors: report.errors,
        finished_at: store.clock().now_ms(),
    };
    Ok((summary, fetched.cursor))
}

/// The key that scopes a connection's external ids: `discourse:<host>`, `discord:<guild>`,
/// `eventbrite:<organization>`.
pub fn source_key(connection: &Connection) -> String {
    match connection.kind {
        ConnectionKind::Discourse => {
            let host = reqwest::Url::parse(&connection.base_url)
                .ok()
                .and_then(|u| {
                    u.host_str().map(|h| match u.port() {
                        Some(p) => format!("{h}:{p}"),
                        None => h.to_owned(),
                    })
                })
                .unwrap_or_else(|| connection.base_url.clone());
            format!("discourse:{}", host.to_lowercase())
        }
        ConnectionKind::Discord => format!("discord:{}", connection.account),
        ConnectionKind::Eventbrite => format!("eventbrite:{}", connection.account),
    }
}

/// Unix ms of an RFC 3339 time as platforms write it.
pub(crate) fn time_ms(text: &str) -> Option<i64> {
    chrono::DateTime::parse_from_rfc3339(text.trim())
        .ok()
        .map(|t| t.timestamp_millis())
}

/// A cursor stored by an earlier sync, read as this connector's type (a damaged one is none).
pub(crate) fn read_cursor<T: serde::de::DeserializeOwned + Default>(
    cursor: Option<serde_json::Value>,
) -> T {
    cursor
        .and_then(|c| serde_json::from_value(c).ok())
        .unwrap_or_default()
}

/// The cursor to store.
pub(crate) fn write_cursor<T: Serialize>(cursor: &T) -> serde_json::Value {
    serde_json::to_value(cursor).unwrap_or(serde_json::Value::Null)
}
