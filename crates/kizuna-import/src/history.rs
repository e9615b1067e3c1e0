//! The import history, and undoing a whole import: every row it inserted is deleted (with
//! tombstones, so replicas delete them too) and every blank it filled is emptied again — except
//! what people have built on since. A member the import created who has gained anything else
//! (an activity logged by hand, a perk, a merge, …) is kept, and so is a value someone changed
//! after the import; the undo report names both.

use std::collections::HashSet;

use kizuna_core::ids::MemberId;
use kizuna_core::members::refresh_search;
use kizuna_core::store::{SyncedTable, Writer};
use kizuna_core::{CoreError, Store, audit};
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::{Value as Json, json};
use ts_rs::TS;

/// One import in the history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportRun {
    pub id: String,
    pub source_key: String,
    pub label: String,
    pub format: String,
    #[ts(type = "number")]
    pub started_at: i64,
    #[ts(type = "number")]
    pub finished_at: i64,
    pub actor: String,
    /// Counts as the import reported them (`membersCreated`, `activitiesCreated`, …).
    #[ts(type = "Record<string, number>")]
    pub summary: Json,
    #[ts(type = "number | null")]
    pub undone_at: Option<i64>,
}

/// What an undo did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UndoReport {
    /// Rows the import had inserted that are now deleted.
    #[ts(type = "number")]
    pub rows_removed: u64,
    /// Blanks the import had filled that are empty again.
    #[ts(type = "number")]
    pub cells_restored: u64,
    /// Members the import created that are kept because of what was added to them since.
    pub members_kept: Vec<String>,
    /// Values the import wrote that someone changed since (kept as they are now).
    #[ts(type = "number")]
    pub cells_changed_since: u64,
}

/// The latest imports first.
pub fn import_history(conn: &Connection, limit: u32) -> Result<Vec<ImportRun>, CoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, source_key, label, format, started_at, finished_at, actor, summary, undone_at
         FROM import_runs ORDER BY started_at DESC, id DESC LIMIT ?1",
    )?;
    let rows = stmt.query_map([limit], |r| {
        let summary: String = r.get(7)?;
        Ok(ImportRun {
            id: r.get(0)?,
            source_key: r.get(1)?,
            label: r.get(2)?,
            format: r.get(3)?,
            started_at: r.get(4)?,
            finished_at: r.get(5)?,
            actor: r.get(6)?,
            summary: serde_json::from_str(&summary).unwrap_or(Json::Null),
            undone_at: r.get(8)?,
        })
    })?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}

fn synced(table: &str) -> Option<SyncedTable> {
    Some(match table {
        "members" => SyncedTable::Members,
        "identities" => SyncedTable::Identities,
        "member_tags" => SyncedTable::MemberTags,
        "events" => SyncedTable::Events,
        "registrations" => SyncedTable::Registrations,
        "activities" => SyncedTable::Activities,
        _ => return None,
    })
}

/// Tables that refer to members, and the columns that do; derived local tables excluded.
const MEMBER_REFERENCES: &[(&str, &str)] = &[
    ("identities", "member_id"),
    ("member_tags", "member_id"),
    ("activities", "member_id"),
    ("registrations", "member_id"),
    ("merges", "kept_member_id"),
    ("merges", "merged_member_id"),
    ("referrals", "referrer_id"),
    ("referrals", "referred_id"),
    ("member_traits", "member_id"),
    ("event_feedback", "member_id"),
    ("suggestion_votes", "member_id"),
    ("campaign_influencers", "member_id"),
    ("campaign_attributions", "member_id"),
    ("campaign_attributions", "referrer_id"),
    ("perk_grants", "member_id"),
    ("ideas", "author_id"),
    ("idea_votes", "member_id"),
    ("idea_comments", "member_id"),
];

/// Whether anything not written by the import refers to the member.
fn built_on(
    tx: &Connection,
    member: &str,
    inserted: &HashSet<(String, String)>,
) -> Result<bool, CoreError> {
    for (table, column) in MEMBER_REFERENCES {
        let sql = format!("SELECT id FROM {table} WHERE {column} = ?1");
        let ids = tx
            .prepare_cached(&sql)?
            .query_map([member], |r| r.get::<_, String>(0))?
            .collect::<Result<Vec<_>, _>>()?;
        if ids
            .into_iter()
            .any(|id| !inserted.contains(&((*table).to_owned(), id)))
        {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Undoes the import `run_id` in one transaction.
pub fn undo_import(store: &mut Store, run_id: &str) -> Result<UndoReport, CoreError> {
    store.write(|w| undo(w, run_id))
}

fn undo(w: &mut Writer<'_>, run_id: &str) -> Result<UndoReport, CoreError> {
    let run: Option<(String, Option<i64>)> = w
        .tx()
        .prepare_cached("SELECT label, undone_at FROM import_runs WHERE id = ?1")?
        .query_row([run_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let Some((label, undone_at)) = run else {
        return Err(CoreError::NotFound {
            what: "import",
            id: run_id.to_owned(),
        });
    };
    if undone_at.is_some() {
        return Err(kizuna_core::invalid!(
            "import.alreadyUndone",
            "the import of \"{label}\" was already undone",
            label
        ));
    }
    let rows: Vec<(String, String, String, Option<String>)> = w
        .tx()
        .prepare_cached(
            "SELECT tbl, row_id, action, before FROM import_run_rows
             WHERE run_id = ?1 ORDER BY seq DESC",
        )?
        .query_map([run_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let inserted: HashSet<(String, String)> = rows
        .iter()
        .filter(|r| r.2 == "insert")
        .map(|r| (r.0.clone(), r.1.clone()))
        .collect();
    let mut kept: HashSet<String> = HashSet::new();
    let mut report = UndoReport::default();
    for (_, id, _, _) in rows.iter().filter(|r| r.0 == "members" && r.2 == "insert") {
        if built_on(w.tx(), id, &inserted)? || merged(w.tx(), id)? {
            kept.insert(id.clone());
            report.members_kept.push(name(w.tx(), id)?);
        }
    }
    let mut touched = HashSet::new();
    for (table, id, action, before) in &rows {
        let Some(synced_table) = synced(table) else {
            continue;
        };
        if action == "update" {
            let cells: Json = before
                .as_deref()
                .and_then(|b| serde_json::from_str(b).ok())
                .unwrap_or(Json::Null);
            let (restored, changed) = restore(w, synced_table, id, &cells)?;
            report.cells_restored += restored;
            report.cells_changed_since += changed;
            if table == "members" {
                touched.insert(id.clone());
            }
            continue;
        }
        if keeps(w.tx(), table, id, &kept)? {
            continue;
        }
        if table == "members" {
            for derived in ["member_scores", "level_changes"] {
                w.tx()
                    .execute(&format!("DELETE FROM {derived} WHERE member_id = ?1"), [id])?;
            }
        }
        if table == "events" && event_in_use(w.tx(), id)? {
            continue;
        }
        let exists: bool = w
            .tx()
            .prepare_cached(&format!(
                "SELECT EXISTS (SELECT 1 FROM {table} WHERE id = ?1)"
            ))?
            .query_row([id], |r| r.get(0))?;
        if exists {
            w.delete(synced_table, id)?;
            report.rows_removed += 1;
        }
    }
    for member in touched {
        let live: bool = w
            .tx()
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM members WHERE id = ?1)")?
            .query_row([&member], |r| r.get(0))?;
        if live {
            refresh_search(w, &MemberId(member))?;
        }
    }
    w.tx().execute(
        "UPDATE import_runs SET undone_at = ?2 WHERE id = ?1",
        rusqlite::params![run_id, w.now_ms()],
    )?;
    audit::record(
        w,
        "import.undo",
        Some(run_id),
        &json!({
            "rowsRemoved": report.rows_removed,
            "cellsRestored": report.cells_restored,
            "membersKept": report.members_kept.len(),
        }),
    )?;
    Ok(report)
}

/// Whether a row must stay because its member is kept.
fn keeps(
    tx: &Connection,
    table: &str,
    id: &str,
    kept: &HashSet<String>,
) -> Result<bool, CoreError> {
    if kept.is_empty() {
        return Ok(false);
    }
    if table == "members" {
        return Ok(kept.contains(id));
    }
    if matches!(table, "identities" | "member_tags") {
        let member: Option<String> = tx
            .prepare_cached(&format!("SELECT member_id FROM {table} WHERE id = ?1"))?
            .query_row([id], |r| r.get(0))
            .optional()?;
        return Ok(member.is_some_and(|m| kept.contains(&m)));
    }
    Ok(false)
}

fn merged(tx: &Connection, member: &str) -> Result<bool, CoreError> {
    Ok(tx
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM members WHERE id = ?1 AND merged_into IS NOT NULL)
                 OR EXISTS (SELECT 1 FROM members WHERE merged_into = ?1)",
        )?
        .query_row([member], |r| r.get(0))?)
}

fn event_in_use(tx: &Connection, event: &str) -> Result<bool, CoreError> {
    Ok(tx
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM registrations WHERE event_id = ?1)
                 OR EXISTS (SELECT 1 FROM activities WHERE event_id = ?1)",
        )?
        .query_row([event], |r| r.get(0))?)
}

fn name(tx: &Connection, member: &str) -> Result<String, CoreError> {
    Ok(tx
        .prepare_cached("SELECT display_name FROM members WHERE id = ?1")?
        .query_row([member], |r| r.get(0))
        .optional()?
        .unwrap_or_else(|| member.to_owned()))
}

fn to_sql(v: &Json) -> Value {
    match v {
        Json::Null => Value::Null,
        Json::Number(n) => n.as_i64().map_or_else(
            || Value::Real(n.as_f64().unwrap_or_default()),
            Value::Integer,
        ),
        Json::String(s) => Value::Text(s.clone()),
        other => Value::Text(other.to_string()),
    }
}

/// Puts back each `{column: [before, after]}` cell that still holds `after`.
fn restore(
    w: &mut Writer<'_>,
    table: SyncedTable,
    id: &str,
    cells: &Json,
) -> Result<(u64, u64), CoreError> {
    let Some(cells) = cells.as_object() else {
        return Ok((0, 0));
    };
    let (mut restored, mut changed) = (0, 0);
    let mut back = Vec::new();
    for (column, pair) in cells {
        let (Some(before), Some(after)) = (pair.get(0), pair.get(1)) else {
            continue;
        };
        if !column.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
            continue;
        }
        let now: Option<Value> = w
            .tx()
            .prepare_cached(&format!(
                "SELECT {column} FROM {} WHERE id = ?1",
                table.name()
            ))?
            .query_row([id], |r| r.get(0))
            .optional()?;
        match now {
            Some(now) if now == to_sql(after) => {
                back.push((column.as_str(), to_sql(before)));
                restored += 1;
            }
            Some(_) => changed += 1,
            None => {}
        }
    }
    if !back.is_empty() {
        w.update(table, id, &back)?;
    }
    Ok((restored, changed))
}
