//! Saved segments: a name and a validated rule tree in the synced `segments` table, written
//! through the [`Writer`] (so they sync) and recorded in the audit log.

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

use super::rules::{Group, parse_rules};
use super::{count_segment, validate};
use crate::audit;
use crate::error::{CoreError, ErrorDetail, Result};
use crate::store::{SyncedTable, Writer};

/// A saved segment.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SavedSegment {
    pub id: String,
    pub name: String,
    pub rules: Group,
    #[ts(type = "number")]
    pub created_at: i64,
    #[ts(type = "number")]
    pub updated_at: i64,
}

/// A saved segment in the list, with how many members it has now.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SegmentSummary {
    pub id: String,
    pub name: String,
    /// The current count; `None` when the rules no longer apply (see `problem`).
    pub count: Option<u32>,
    /// Why the segment cannot be counted, e.g. a campaign it names was deleted.
    pub problem: Option<String>,
    /// The same reason by key, for the UI to word in the manager's language.
    pub problem_detail: Option<ErrorDetail>,
    #[ts(type = "number")]
    pub updated_at: i64,
}

fn checked_name(conn: &Connection, name: &str, except: Option<&str>) -> Result<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(crate::invalid!(
            "segments.nameMissing",
            "a segment needs a name"
        ));
    }
    let taken: Option<String> = conn
        .prepare_cached(
            "SELECT id FROM segments WHERE lower(name) = lower(?1) AND id IS NOT ?2 LIMIT 1",
        )?
        .query_row(rusqlite::params![name, except], |r| r.get(0))
        .optional()?;
    if taken.is_some() {
        return Err(crate::invalid!(
            "segments.nameTaken",
            "there is already a segment named \"{name}\"",
            name
        ));
    }
    Ok(name.to_owned())
}

/// Saves a new segment after validating its name and rules; returns its id.
pub fn create_segment(w: &mut Writer<'_>, name: &str, rules: &Group) -> Result<String> {
    let name = checked_name(w.tx(), name, None)?;
    validate(w.tx(), rules)?;
    let id = uuid::Uuid::now_v7().to_string();
    let now = w.now_ms();
    w.insert(
        SyncedTable::Segments,
        &id,
        &[
            ("name", Value::Text(name.clone())),
            ("rules", Value::Text(serde_json::to_string(rules)?)),
            ("created_at", Value::Integer(now)),
            ("updated_at", Value::Integer(now)),
        ],
    )?;
    audit::record(
        w,
        "segment.create",
        Some(&id),
        &serde_json::json!({ "name": name }),
    )?;
    Ok(id)
}

/// Renames a segment and/or replaces its rules (validated); only the given parts change.
pub fn update_segment(
    w: &mut Writer<'_>,
    id: &str,
    name: Option<&str>,
    rules: Option<&Group>,
) -> Result<()> {
    get_segment(w.tx(), id)?;
    let mut cells = Vec::new();
    if let Some(name) = name {
        cells.push(("name", Value::Text(checked_name(w.tx(), name, Some(id))?)));
    }
    if let Some(rules) = rules {
        validate(w.tx(), rules)?;
        cells.push(("rules", Value::Text(serde_json::to_string(rules)?)));
    }
    if cells.is_empty() {
        return Ok(());
    }
    cells.push(("updated_at", Value::Integer(w.now_ms())));
    w.update(SyncedTable::Segments, id, &cells)?;
    audit::record(w, "segment.update", Some(id), &serde_json::json!({}))
}

/// Deletes a saved segment (the members are untouched).
pub fn delete_segment(w: &mut Writer<'_>, id: &str) -> Result<()> {
    let segment = get_segment(w.tx(), id)?;
    w.delete(SyncedTable::Segments, id)?;
    audit::record(
        w,
        "segment.delete",
        Some(id),
        &serde_json::json!({ "name": segment.name }),
    )
}

/// One saved segment with its rules.
pub fn get_segment(conn: &Connection, id: &str) -> Result<SavedSegment> {
    let row: Option<(String, String, i64, i64)> = conn
        .prepare_cached("SELECT name, rules, created_at, updated_at FROM segments WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .optional()?;
    let (name, rules, created_at, updated_at) = row.ok_or_else(|| CoreError::NotFound {
        what: "segment",
        id: id.to_owned(),
    })?;
    Ok(SavedSegment {
        id: id.to_owned(),
        name,
        rules: parse_rules(&rules)?,
        created_at,
        updated_at,
    })
}

/// Every saved segment by name, each with its member count as of `now_ms`.
pub fn list_segments(conn: &Connection, now_ms: i64) -> Result<Vec<SegmentSummary>> {
    let rows: Vec<(String, String, String, i64)> = conn
        .prepare_cached("SELECT id, name, rules, updated_at FROM segments ORDER BY name, id")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    rows.into_iter()
        .map(|(id, name, rules, updated_at)| {
            let counted = parse_rules(&rules).and_then(|g| count_segment(conn, &g, now_ms));
            let (count, problem, problem_detail) = match counted {
                Ok(n) => (Some(n), None, None),
                Err(CoreError::InvalidInput(why)) => {
                    (None, Some(why.to_string()), Some(why.detail()))
                }
                Err(other) => return Err(other),
            };
            Ok(SegmentSummary {
                id,
                name,
                count,
                problem,
                problem_detail,
                updated_at,
            })
        })
        .collect()
}
