//! The replica side of sync: the changes this file wrote that the hub has not seen, and the
//! merge of changes from other replicas.
//!
//! Merging keeps every received change in the local change log and rebuilds each touched row
//! from its log: for each column the change with the greatest (hlc, replica UUID) wins, and the
//! `_row` cell says whether the row exists. A row's state is therefore a function of the set of
//! changes a replica holds, whatever order they came in — which is what makes replicas converge.
//! A row left pointing at one that another replica deleted (an activity of an erased member) is
//! deleted too, with a tombstone of its own.

use std::collections::{BTreeSet, HashMap};

use kizuna_core::hlc::Hlc;
use kizuna_core::ids::MemberId;
use kizuna_core::members::refresh_search;
use kizuna_core::store::{ROW_CELL, SyncedTable, Writer};
use kizuna_core::{CoreError, Store};
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params};

use crate::protocol::{CellValue, Change};

/// What merging a batch of changes did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergeReport {
    /// Changes received.
    pub received: u64,
    /// Changes this replica did not have yet.
    pub new: u64,
    /// Rows inserted, updated or deleted.
    pub rows_changed: u64,
    /// Rows deleted because what they pointed at was deleted on another replica.
    pub orphans_removed: u64,
    /// Fields changed here and elsewhere to different values (kept in `sync_conflicts`).
    pub conflicts: u64,
}

fn to_value(cell: &CellValue) -> Result<Value, CoreError> {
    Ok(match cell {
        CellValue::Null => Value::Null,
        CellValue::Integer(i) => Value::Integer(*i),
        CellValue::Real(f) => Value::Real(*f),
        CellValue::Text(s) => Value::Text(s.clone()),
        CellValue::Blob(hex) => Value::Blob(from_hex(hex).ok_or_else(|| {
            kizuna_core::invalid!("sync.blobNotHex", "a change carries a blob that is not hex")
        })?),
    })
}

fn from_value(value: Value) -> CellValue {
    match value {
        Value::Null => CellValue::Null,
        Value::Integer(i) => CellValue::Integer(i),
        Value::Real(f) => CellValue::Real(f),
        Value::Text(s) => CellValue::Text(s),
        Value::Blob(b) => CellValue::Blob(b.iter().map(|x| format!("{x:02x}")).collect()),
    }
}

fn from_hex(hex: &str) -> Option<Vec<u8>> {
    if !hex.len().is_multiple_of(2) {
        return None;
    }
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok())
        .collect()
}

/// The changes this replica wrote after its change-log position `after`, at most `limit`,
/// with the position of the last one (or `after` when there are none).
pub fn outgoing(store: &Store, after: i64, limit: u32) -> Result<(Vec<Change>, i64), CoreError> {
    let site = store.site_uuid().to_owned();
    let mut stmt = store.conn().prepare_cached(
        "SELECT c.seq, c.tbl, c.pk, c.col, c.val, c.hlc FROM change_log c
         JOIN sync_sites s ON s.id = c.site
         WHERE s.site_uuid = ?1 AND c.seq > ?2 ORDER BY c.seq LIMIT ?3",
    )?;
    let mut last = after;
    let changes = stmt
        .query_map(params![site, after, limit], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                Change {
                    table: r.get(1)?,
                    pk: r.get(2)?,
                    column: r.get(3)?,
                    value: from_value(r.get(4)?),
                    hlc: r.get(5)?,
                    site: site.clone(),
                },
            ))
        })?
        .map(|row| {
            row.map(|(seq, change)| {
                last = seq;
                change
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok((changes, last))
}

/// Every cell this replica holds, as changes: what a new replica starts from.
pub fn all_changes(conn: &Connection) -> Result<Vec<Change>, CoreError> {
    let mut stmt = conn.prepare(
        "SELECT c.tbl, c.pk, c.col, c.val, c.hlc, s.site_uuid FROM change_log c
         JOIN sync_sites s ON s.id = c.site ORDER BY c.seq",
    )?;
    let changes = stmt
        .query_map([], |r| {
            Ok(Change {
                table: r.get(0)?,
                pk: r.get(1)?,
                column: r.get(2)?,
                value: from_value(r.get(3)?),
                hlc: r.get(4)?,
                site: r.get(5)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(changes)
}

/// Merges changes from other replicas in one transaction: all of them or none.
pub fn merge(store: &mut Store, changes: &[Change]) -> Result<MergeReport, CoreError> {
    store.write(|w| merge_in(w, changes, None))
}

/// Merges like [`merge`], and keeps as a sync conflict every field this replica changed after
/// its change-log position `sent` (not sent to the others yet) that an arriving change also
/// changed to another value.
pub fn merge_noting_conflicts(
    store: &mut Store,
    changes: &[Change],
    sent: i64,
) -> Result<MergeReport, CoreError> {
    store.write(|w| merge_in(w, changes, Some(sent)))
}

fn merge_in(
    w: &mut Writer<'_>,
    changes: &[Change],
    sent: Option<i64>,
) -> Result<MergeReport, CoreError> {
    w.tx().execute_batch("PRAGMA defer_foreign_keys = ON")?;
    let mut report = MergeReport {
        received: changes.len() as u64,
        ..MergeReport::default()
    };
    let mut sites: HashMap<String, i64> = HashMap::new();
    let mut touched: BTreeSet<(usize, String)> = BTreeSet::new();
    for change in changes {
        let table = SyncedTable::from_name(&change.table).ok_or_else(|| {
            kizuna_core::invalid!(
                "sync.changeTable",
                "a change names an unknown table \"{table}\"",
                table = change.table
            )
        })?;
        if !is_identifier(&change.column) {
            return Err(kizuna_core::invalid!(
                "sync.changeColumn",
                "a change names a column that cannot exist: \"{column}\"",
                column = change.column
            ));
        }
        let site = match sites.get(&change.site) {
            Some(id) => *id,
            None => {
                let id = site_id(w.tx(), &change.site)?;
                sites.insert(change.site.clone(), id);
                id
            }
        };
        let known: bool = w
            .tx()
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM change_log
                 WHERE tbl = ?1 AND pk = ?2 AND col = ?3 AND hlc = ?4 AND site = ?5)",
            )?
            .query_row(
                params![change.table, change.pk, change.column, change.hlc, site],
                |r| r.get(0),
            )?;
        if known {
            continue;
        }
        if let Some(sent) = sent {
            report.conflicts += note_conflict(w, change, sent)?;
        }
        w.tx()
            .prepare_cached(
                "INSERT INTO change_log (tbl, pk, col, val, hlc, site) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![
                change.table,
                change.pk,
                change.column,
                to_value(&change.value)?,
                change.hlc,
                site
            ])?;
        w.observe(Hlc::from_packed(change.hlc));
        report.new += 1;
        let order = SyncedTable::ALL
            .iter()
            .position(|t| *t == table)
            .unwrap_or(usize::MAX);
        touched.insert((order, change.pk.clone()));
    }
    let mut columns = HashMap::new();
    let mut searchable = BTreeSet::new();
    for (order, pk) in &touched {
        let table = SyncedTable::ALL[*order];
        if rebuild(w, table, pk, &mut columns)? {
            report.rows_changed += 1;
            match table {
                SyncedTable::Members => {
                    searchable.insert(pk.clone());
                }
                // A member's search text folds in their handles.
                SyncedTable::Identities => {
                    let member: Option<String> = w
                        .tx()
                        .prepare_cached("SELECT member_id FROM identities WHERE id = ?1")?
                        .query_row([pk], |r| r.get(0))
                        .optional()?;
                    searchable.extend(member);
                }
                _ => {}
            }
        }
    }
    report.orphans_removed = remove_orphans(w)?;
    report.rows_changed += resettle_shared_values(w, &mut columns)?;
    for member in searchable {
        let exists: bool = w
            .tx()
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM members WHERE id = ?1)")?
            .query_row([&member], |r| r.get(0))?;
        if exists {
            refresh_search(w, &MemberId(member))?;
        }
    }
    Ok(report)
}

/// Records a conflict when this replica changed the same field after `sent` to another value.
fn note_conflict(w: &Writer<'_>, change: &Change, sent: i64) -> Result<u64, CoreError> {
    if change.column == ROW_CELL || change.table == SyncedTable::AuditLog.name() {
        return Ok(0);
    }
    let mine: Option<(Value, i64)> = w
        .tx()
        .prepare_cached(
            "SELECT val, hlc FROM change_log
             WHERE tbl = ?1 AND pk = ?2 AND col = ?3 AND site = ?4 AND seq > ?5
             ORDER BY hlc DESC LIMIT 1",
        )?
        .query_row(
            params![change.table, change.pk, change.column, w.site(), sent],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((local, local_hlc)) = mine else {
        return Ok(0);
    };
    let remote = to_value(&change.value)?;
    if local == remote {
        return Ok(0);
    }
    let local_site: String = w
        .tx()
        .prepare_cached("SELECT site_uuid FROM sync_sites WHERE id = ?1")?
        .query_row([w.site()], |r| r.get(0))?;
    let kept = if (change.hlc, change.site.as_str()) > (local_hlc, local_site.as_str()) {
        "remote"
    } else {
        "local"
    };
    w.tx()
        .prepare_cached(
            "INSERT INTO sync_conflicts (tbl, pk, col, local_val, remote_val, remote_site, kept,
                 detected_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?
        .execute(params![
            change.table,
            change.pk,
            change.column,
            local,
            remote,
            change.site,
            kept,
            w.now_ms()
        ])?;
    Ok(1)
}

fn is_identifier(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

fn site_id(conn: &Connection, uuid: &str) -> Result<i64, CoreError> {
    conn.prepare_cached("INSERT OR IGNORE INTO sync_sites (site_uuid) VALUES (?1)")?
        .execute([uuid])?;
    Ok(conn
        .prepare_cached("SELECT id FROM sync_sites WHERE site_uuid = ?1")?
        .query_row([uuid], |r| r.get(0))?)
}

/// The columns of a table (cached per merge).
fn table_columns<'c>(
    conn: &Connection,
    table: SyncedTable,
    cache: &'c mut HashMap<&'static str, Vec<String>>,
) -> Result<&'c Vec<String>, CoreError> {
    if !cache.contains_key(table.name()) {
        let names = conn
            .prepare(&format!(
                "SELECT name FROM pragma_table_info('{}')",
                table.name()
            ))?
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<Result<Vec<_>, _>>()?;
        cache.insert(table.name(), names);
    }
    Ok(&cache[table.name()])
}

/// Rebuilds one row from its cells in the change log; returns whether the table changed.
fn rebuild(
    w: &mut Writer<'_>,
    table: SyncedTable,
    pk: &str,
    cache: &mut HashMap<&'static str, Vec<String>>,
) -> Result<bool, CoreError> {
    let mut winners: HashMap<String, (i64, String, Value)> = HashMap::new();
    {
        let mut stmt = w.tx().prepare_cached(
            "SELECT c.col, c.val, c.hlc, s.site_uuid FROM change_log c
             JOIN sync_sites s ON s.id = c.site WHERE c.tbl = ?1 AND c.pk = ?2",
        )?;
        let rows = stmt.query_map(params![table.name(), pk], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Value>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?;
        for row in rows {
            let (column, value, hlc, site) = row?;
            let wins = winners
                .get(&column)
                .is_none_or(|(h, s, _)| (hlc, site.as_str()) > (*h, s.as_str()));
            if wins {
                winners.insert(column, (hlc, site, value));
            }
        }
    }
    let alive = matches!(winners.get(ROW_CELL), Some((_, _, Value::Integer(1))));
    let name = table.name();
    let exists: bool = w
        .tx()
        .prepare_cached(&format!(
            "SELECT EXISTS (SELECT 1 FROM {name} WHERE id = ?1)"
        ))?
        .query_row([pk], |r| r.get(0))?;
    if !alive {
        // A deleted row keeps no values in the log: an edit made elsewhere while it was being
        // erased must not keep the person's data here (erasure wins).
        w.tx()
            .prepare_cached(
                "UPDATE change_log SET val = NULL
                 WHERE tbl = ?1 AND pk = ?2 AND col != ?3 AND val IS NOT NULL",
            )?
            .execute(params![name, pk, ROW_CELL])?;
        if exists {
            w.tx()
                .prepare_cached(&format!("DELETE FROM {name} WHERE id = ?1"))?
                .execute([pk])?;
            return Ok(true);
        }
        return Ok(false);
    }
    settle_shared_values(w, table, pk, &mut winners)?;
    let columns: Vec<String> = table_columns(w.tx(), table, cache)?
        .iter()
        .filter(|c| c.as_str() != "id" && winners.contains_key(c.as_str()))
        .cloned()
        .collect();
    let values: Vec<&Value> = columns.iter().map(|c| &winners[c.as_str()].2).collect();
    let mut bound: Vec<&dyn rusqlite::ToSql> = vec![&pk];
    bound.extend(values.iter().map(|v| *v as &dyn rusqlite::ToSql));
    let changed = if exists {
        if columns.is_empty() {
            return Ok(false);
        }
        let sets: Vec<String> = columns
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{c} = ?{}", i + 2))
            .collect();
        let differs: Vec<String> = columns
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{c} IS NOT ?{}", i + 2))
            .collect();
        w.tx()
            .prepare_cached(&format!(
                "UPDATE {name} SET {} WHERE id = ?1 AND ({})",
                sets.join(", "),
                differs.join(" OR ")
            ))?
            .execute(bound.as_slice())?
            > 0
    } else {
        let placeholders: Vec<String> = (2..=columns.len() + 1).map(|i| format!("?{i}")).collect();
        let sql = format!(
            "INSERT INTO {name} (id{}{}) VALUES (?1{}{})",
            if columns.is_empty() { "" } else { ", " },
            columns.join(", "),
            if placeholders.is_empty() { "" } else { ", " },
            placeholders.join(", ")
        );
        match w.tx().prepare_cached(&sql)?.execute(bound.as_slice()) {
            Ok(n) => n > 0,
            // Cells of a row that have not all arrived yet: it appears when the rest does.
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::ConstraintViolation =>
            {
                false
            }
            Err(other) => return Err(other.into()),
        }
    };
    Ok(changed)
}

/// Columns that are unique when set but may be empty: a perk code held by one grant. Two
/// replicas can give the same code to two members offline; the grant with the smaller id keeps
/// it in the table, the other's cell stays in the change log, where the perk conflicts list finds
/// it for a person to resolve. The rule depends only on the ids, so every replica agrees.
const SHARED_VALUES: &[(SyncedTable, &str)] = &[(SyncedTable::PerkGrants, "code_id")];

fn settle_shared_values(
    w: &Writer<'_>,
    table: SyncedTable,
    pk: &str,
    winners: &mut HashMap<String, (i64, String, Value)>,
) -> Result<(), CoreError> {
    for (shared_table, column) in SHARED_VALUES {
        if *shared_table != table {
            continue;
        }
        let Some((_, _, value)) = winners.get(*column) else {
            continue;
        };
        if *value == Value::Null {
            continue;
        }
        let name = table.name();
        let holder: Option<String> = w
            .tx()
            .prepare_cached(&format!(
                "SELECT id FROM {name} WHERE {column} = ?1 AND id != ?2"
            ))?
            .query_row(params![value, pk], |r| r.get(0))
            .optional()?;
        match holder {
            Some(holder) if holder.as_str() < pk => {
                if let Some(cell) = winners.get_mut(*column) {
                    cell.2 = Value::Null;
                }
            }
            Some(holder) => {
                w.tx()
                    .prepare_cached(&format!("UPDATE {name} SET {column} = NULL WHERE id = ?1"))?
                    .execute([holder])?;
            }
            None => {}
        }
    }
    Ok(())
}

/// Gives a shared value back to rows that lost it to a holder which has since let it go (the
/// holder's own value changed, or it was deleted), so the rule "smallest id holds it" holds
/// whatever order the changes came in.
fn resettle_shared_values(
    w: &mut Writer<'_>,
    cache: &mut HashMap<&'static str, Vec<String>>,
) -> Result<u64, CoreError> {
    let mut changed = 0;
    for (table, column) in SHARED_VALUES {
        let name = table.name();
        for _ in 0..8 {
            let waiting: Vec<String> = w
                .tx()
                .prepare(&format!(
                    "SELECT t.id FROM {name} t WHERE t.{column} IS NULL AND EXISTS (
                         SELECT 1 FROM change_log c
                         WHERE c.tbl = ?1 AND c.pk = t.id AND c.col = ?2 AND c.val IS NOT NULL)
                     ORDER BY t.id"
                ))?
                .query_map(params![name, column], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            let mut moved = 0;
            for id in waiting {
                if rebuild(w, *table, &id, cache)? {
                    moved += 1;
                }
            }
            changed += moved;
            if moved == 0 {
                break;
            }
        }
    }
    Ok(changed)
}

/// Deletes (with tombstones) rows whose parent row another replica deleted, until none is left.
fn remove_orphans(w: &mut Writer<'_>) -> Result<u64, CoreError> {
    let mut removed = 0;
    loop {
        let orphans: Vec<(String, i64)> = w
            .tx()
            .prepare("SELECT \"table\", rowid FROM pragma_foreign_key_check")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<Vec<_>, _>>()?;
        if orphans.is_empty() {
            return Ok(removed);
        }
        let mut progressed = false;
        for (name, rowid) in orphans {
            let Some(table) = SyncedTable::from_name(&name) else {
                // A local (derived) table: its rows follow the synced ones.
                w.tx()
                    .execute(&format!("DELETE FROM {name} WHERE rowid = ?1"), [rowid])?;
                progressed = true;
                continue;
            };
            let id: Option<String> = w
                .tx()
                .query_row(
                    &format!("SELECT id FROM {name} WHERE rowid = ?1"),
                    [rowid],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(id) = id {
                w.delete(table, &id)?;
                removed += 1;
                progressed = true;
            }
        }
        if !progressed {
            return Ok(removed);
        }
    }
}
