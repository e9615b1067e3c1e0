//! Community settings that sync between replicas (the score half-life, …): one `settings` row
//! per key, written through the store so every change lands in the change log.
//!
//! Local, per-file settings (the community name, the sample flag) stay in `kizuna_meta`.

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension};

use crate::error::Result;
use crate::store::{SyncedTable, Writer};

/// The stored value of `key`, if it was ever set.
pub fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT value FROM settings WHERE id = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?)
}

/// Sets `key` to `value`; setting the value it already has writes nothing.
pub fn set(w: &mut Writer<'_>, key: &str, value: &str) -> Result<()> {
    let current = get(w.tx(), key)?;
    let cells = [("value", Value::Text(value.to_owned()))];
    match current {
        Some(current) if current == value => Ok(()),
        Some(_) => w.update(SyncedTable::Settings, key, &cells),
        None => w.insert(SyncedTable::Settings, key, &cells),
    }
}
