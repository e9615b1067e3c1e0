//! The platform accounts Kizuna pulls from, in the `connections` table of the community file
//! (local, not synced). A connection's token is kept by the [`SecretStore`] under
//! `connection:<id>`, never in the file.

use kizuna_core::Store;
use kizuna_core::secrets::{SecretStore, connection_key};
use reqwest::Url;
use rusqlite::{OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{ConnectorError, SyncSummary};

/// The platforms Kizuna connects to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ConnectionKind {
    Discourse,
    Discord,
    Eventbrite,
}

impl ConnectionKind {
    /// The key stored in the `connections` table.
    pub fn key(self) -> &'static str {
        match self {
            ConnectionKind::Discourse => "discourse",
            ConnectionKind::Discord => "discord",
            ConnectionKind::Eventbrite => "eventbrite",
        }
    }

    /// The kind a key names.
    pub fn parse(key: &str) -> Option<Self> {
        match key.trim().to_lowercase().as_str() {
            "discourse" => Some(ConnectionKind::Discourse),
            "discord" => Some(ConnectionKind::Discord),
            "eventbrite" => Some(ConnectionKind::Eventbrite),
            _ => None,
        }
    }

    /// The platform's API address, for platforms that have one (a Discourse forum has its own).
    pub fn default_base_url(self) -> Option<&'static str> {
        match self {
            ConnectionKind::Discourse => None,
            ConnectionKind::Discord => Some("https://discord.com/api/v10"),
            ConnectionKind::Eventbrite => Some("https://www.eventbriteapi.com"),
        }
    }

    /// What the `account` of a connection of this kind is, in a manager's words (keyed).
    pub fn account_word(self) -> kizuna_core::Invalid {
        match self {
            ConnectionKind::Discourse => kizuna_core::invalid_reason!(
                "connections.accountDiscourse",
                "the API username the key belongs to (e.g. system)"
            ),
            ConnectionKind::Discord => {
                kizuna_core::invalid_reason!("connections.accountDiscord", "the server (guild) id")
            }
            ConnectionKind::Eventbrite => {
                kizuna_core::invalid_reason!("connections.accountEventbrite", "the organization id")
            }
        }
    }
}

/// A platform account Kizuna pulls from (its token is in the keychain).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Connection {
    pub id: String,
    pub kind: ConnectionKind,
    pub label: String,
    pub base_url: String,
    /// Discourse: the API username; Discord: the guild id; Eventbrite: the organization id.
    pub account: String,
    #[ts(type = "number")]
    pub created_at: i64,
    /// When a sync last ran (whether or not it succeeded).
    #[ts(type = "number | null")]
    pub last_sync_at: Option<i64>,
    /// Why the last sync or check failed; `None` after a good sync.
    pub last_error: Option<String>,
    /// The counts of the last good sync.
    pub last_summary: Option<SyncSummary>,
}

/// What a manager gives to connect an account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewConnection {
    pub kind: ConnectionKind,
    pub label: String,
    /// The forum's address (Discourse); the platform's API address when `None`.
    pub base_url: Option<String>,
    pub account: String,
    /// Goes to the keychain, never to the community file.
    pub token: String,
}

/// Adds a connection and keeps its token in `secrets`.
pub fn add_connection(
    store: &Store,
    secrets: &dyn SecretStore,
    new: &NewConnection,
) -> Result<Connection, ConnectorError> {
    let label = new.label.trim();
    if label.is_empty() {
        return Err(ConnectorError::InvalidInput(kizuna_core::invalid_reason!(
            "connections.nameMissing",
            "give the connection a name (e.g. \"Community forum\")"
        )));
    }
    let account = new.account.trim();
    if account.is_empty() {
        return Err(ConnectorError::InvalidInput(kizuna_core::invalid_reason!(
            "connections.accountMissing",
            "give the account: {meaning}",
            meaning = new.kind.account_word()
        )));
    }
    if matches!(
        new.kind,
        ConnectionKind::Discord | ConnectionKind::Eventbrite
    ) && !account.chars().all(|c| c.is_ascii_digit())
    {
        return Err(ConnectorError::InvalidInput(kizuna_core::invalid_reason!(
            "connections.accountNotDigits",
            "the account must be {meaning} (digits only); \"{account}\" is not",
            meaning = new.kind.account_word(),
            account
        )));
    }
    let token = new.token.trim();
    if token.is_empty() {
        return Err(ConnectorError::InvalidInput(kizuna_core::invalid_reason!(
            "connections.tokenMissing",
            "paste the platform's API token"
        )));
    }
    let base_url = base_url(new)?;
    let id = uuid::Uuid::now_v7().to_string();
    let now = store.clock().now_ms();
    store.conn().execute(
        "INSERT INTO connections (id, kind, label, base_url, account, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![id, new.kind.key(), label, base_url, account, now],
    )?;
    if let Err(e) = secrets.set(&connection_key(&id), token) {
        store
            .conn()
            .execute("DELETE FROM connections WHERE id = ?1", [&id])?;
        return Err(e.into());
    }
    get_connection(store, &id)
}

fn base_url(new: &NewConnection) -> Result<String, ConnectorError> {
    let given = new
        .base_url
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let Some(url) = given.or(new.kind.default_base_url()) else {
        return Err(ConnectorError::InvalidInput(kizuna_core::invalid_reason!(
            "connections.addressMissing",
            "give the forum's address, e.g. https://forum.example.com"
        )));
    };
    let parsed = Url::parse(url).map_err(|e| {
        ConnectorError::InvalidInput(kizuna_core::invalid_reason!(
            "connections.notWebAddress",
            "\"{url}\" is not a web address ({e}); write it like https://forum.example.com",
            url,
            e
        ))
    })?;
    if !matches!(parsed.scheme(), "https" | "http") || parsed.host_str().is_none() {
        return Err(ConnectorError::InvalidInput(kizuna_core::invalid_reason!(
            "connections.notHttp",
            "\"{url}\" is not an http(s) address; write it like https://forum.example.com",
            url
        )));
    }
    Ok(url.trim_end_matches('/').to_owned())
}

const COLUMNS: &str =
    "id, kind, label, base_url, account, created_at, last_sync_at, last_error, last_summary";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Connection> {
    let kind: String = r.get(1)?;
    let summary: Option<String> = r.get(8)?;
    Ok(Connection {
        id: r.get(0)?,
        kind: ConnectionKind::parse(&kind).unwrap_or(ConnectionKind::Discourse),
        label: r.get(2)?,
        base_url: r.get(3)?,
        account: r.get(4)?,
        created_at: r.get(5)?,
        last_sync_at: r.get(6)?,
        last_error: r.get(7)?,
        // A summary an older Kizuna wrote differently is simply not shown.
        last_summary: summary.and_then(|s| serde_json::from_str(&s).ok()),
    })
}

/// Every connection, oldest first.
pub fn list_connections(store: &Store) -> Result<Vec<Connection>, ConnectorError> {
    let mut stmt = store.conn().prepare(&format!(
        "SELECT {COLUMNS} FROM connections ORDER BY created_at, id"
    ))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}

/// One connection.
pub fn get_connection(store: &Store, id: &str) -> Result<Connection, ConnectorError> {
    store
        .conn()
        .query_row(
            &format!("SELECT {COLUMNS} FROM connections WHERE id = ?1"),
            [id],
            from_row,
        )
        .optional()?
        .ok_or_else(|| ConnectorError::UnknownConnection { id: id.to_owned() })
}

/// Removes a connection and forgets its token (what it imported stays, with its history).
pub fn remove_connection(
    store: &Store,
    secrets: &dyn SecretStore,
    id: &str,
) -> Result<(), ConnectorError> {
    get_connection(store, id)?;
    // The token goes first: a connection whose token could not be forgotten stays listed.
    secrets.delete(&connection_key(id))?;
    store
        .conn()
        .execute("DELETE FROM connections WHERE id = ?1", [id])?;
    Ok(())
}

/// The incremental position a connector left (JSON), if any.
pub(crate) fn cursor(store: &Store, id: &str) -> Result<Option<serde_json::Value>, ConnectorError> {
    let text: Option<String> =
        store
            .conn()
            .query_row("SELECT cursor FROM connections WHERE id = ?1", [id], |r| {
                r.get(0)
            })?;
    // A damaged cursor means a full fetch, which imports nothing twice.
    Ok(text.and_then(|t| serde_json::from_str(&t).ok()))
}

/// Records a good sync: the new cursor and its counts, and clears the last error.
pub(crate) fn record_success(
    store: &Store,
    id: &str,
    at: i64,
    cursor: &serde_json::Value,
    summary: &SyncSummary,
) -> Result<(), ConnectorError> {
    store.conn().execute(
        "UPDATE connections SET cursor = ?2, last_sync_at = ?3, last_error = NULL,
             last_summary = ?4 WHERE id = ?1",
        params![
            id,
            cursor.to_string(),
            at,
            serde_json::to_string(summary).map_err(kizuna_core::CoreError::from)?
        ],
    )?;
    Ok(())
}

/// Records a failed sync's reason (the cursor and last summary stay as they were).
pub(crate) fn record_failure(
    store: &Store,
    id: &str,
    at: i64,
    error: &ConnectorError,
) -> Result<(), ConnectorError> {
    store.conn().execute(
        "UPDATE connections SET last_sync_at = ?2, last_error = ?3 WHERE id = ?1",
        params![id, at, error.to_string()],
    )?;
    Ok(())
}
