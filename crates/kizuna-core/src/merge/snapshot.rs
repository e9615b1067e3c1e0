//! The merge snapshot: every row a merge touched, whole, as it was before, plus the cells the
//! merge wrote, so undo can check nothing changed since and put those cells back.

use std::collections::BTreeMap;

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::error::{CoreError, Result};
use crate::store::{SyncedTable, Writer};

/// Cells of a row, column → value as JSON (integers stay integers, reals stay reals).
pub type Cells = BTreeMap<String, serde_json::Value>;

/// The format of the snapshot this build writes.
pub const SNAPSHOT_VERSION: u32 = 1;

/// One row a merge touched.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RowChange {
    pub table: String,
    pub id: String,
    /// The whole row before the merge (derived search columns left out).
    pub before: Cells,
    /// The cells the merge wrote; `None` when the merge deleted the row.
    pub after: Option<Cells>,
    /// Where a deleted row was stored (its rowid), so undo can put it back in the same place
    /// and anything read in storage order (a member's handles) reads as before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rowid: Option<i64>,
}

/// What `merges.snapshot` holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Snapshot {
    pub version: u32,
    /// Profile fields taken from the merged member (column names).
    pub fields_taken: Vec<String>,
    /// Every touched row, in the order the merge wrote them.
    pub changes: Vec<RowChange>,
}

impl Snapshot {
    /// Reads a stored snapshot, refusing formats this build does not know.
    pub fn parse(text: &str) -> Result<Self> {
        let snapshot: Snapshot = serde_json::from_str(text)?;
        if snapshot.version != SNAPSHOT_VERSION {
            return Err(crate::invalid!(
                "merge.newerSnapshot",
                "this merge was saved by another Kizuna version (snapshot format {version}); update Kizuna to undo it",
                version = snapshot.version
            ));
        }
        Ok(snapshot)
    }
}

/// The synced tables a merge may touch.
pub fn table(name: &str) -> Result<SyncedTable> {
    [
        SyncedTable::Members,
        SyncedTable::Identities,
        SyncedTable::MemberTags,
        SyncedTable::Activities,
        SyncedTable::Registrations,
        SyncedTable::Referrals,
        SyncedTable::MemberTraits,
        SyncedTable::EventFeedback,
        SyncedTable::EventSuggestions,
        SyncedTable::SuggestionVotes,
        SyncedTable::CampaignInfluencers,
        SyncedTable::CampaignDeliverables,
        SyncedTable::CampaignCodes,
        SyncedTable::CampaignAttributions,
        SyncedTable::PerkGrants,
        SyncedTable::Ideas,
        SyncedTable::IdeaVotes,
        SyncedTable::IdeaComments,
    ]
    .into_iter()
    .find(|t| t.name() == name)
    .ok_or_else(|| {
        crate::invalid!(
            "merge.snapshotTable",
            "the merge snapshot names an unexpected table \"{name}\"",
            name
        )
    })
}

/// Columns that are derived locally and never part of a snapshot.
fn derived(column: &str) -> bool {
    matches!(column, "id" | "search_text" | "sort_key")
}

/// The whole row `id` of `table`, if it exists.
pub fn read_row(conn: &Connection, table: SyncedTable, id: &str) -> Result<Option<Cells>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT * FROM {} WHERE id = ?1", table.name()))?;
    let names: Vec<String> = stmt.column_names().map(str::to_owned).collect();
    let values: Option<Vec<Value>> = stmt
        .query_row([id], |r| (0..names.len()).map(|i| r.get(i)).collect())
        .optional()?;
    let Some(values) = values else {
        return Ok(None);
    };
    names
        .into_iter()
        .zip(values)
        .filter(|(c, _)| !derived(c))
        .map(|(c, v)| Ok((c, to_json(&v)?)))
        .collect::<Result<Cells>>()
        .map(Some)
}

/// An SQLite value as JSON.
pub fn to_json(value: &Value) -> Result<serde_json::Value> {
    Ok(match value {
        Value::Null => serde_json::Value::Null,
        Value::Integer(i) => serde_json::Value::from(*i),
        Value::Real(f) => serde_json::Number::from_f64(*f)
            .map(serde_json::Value::Number)
            .ok_or_else(|| {
                crate::invalid!(
                    "merge.snapshotNumber",
                    "{value} cannot be saved in a merge",
                    value = f
                )
            })?,
        Value::Text(s) => serde_json::Value::String(s.clone()),
        Value::Blob(_) => {
            return Err(crate::invalid!(
                "merge.snapshotBinary",
                "binary values cannot be saved in a merge snapshot"
            ));
        }
    })
}

/// A JSON value back as the SQLite value it was read from.
pub fn to_sql(value: &serde_json::Value) -> Result<Value> {
    Ok(match value {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Number(n) => match (n.as_i64(), n.as_f64()) {
            (Some(i), _) => Value::Integer(i),
            (None, Some(f)) => Value::Real(f),
            _ => {
                return Err(crate::invalid!(
                    "merge.snapshotRange",
                    "{value} is out of range",
                    value = n
                ));
            }
        },
        serde_json::Value::String(s) => Value::Text(s.clone()),
        other => {
            return Err(crate::invalid!(
                "merge.snapshotValue",
                "the merge snapshot holds an unexpected value {value}",
                value = other
            ));
        }
    })
}

/// Writes through the [`Writer`] while remembering each touched row as it was.
#[derive(Debug, Default)]
pub struct Recorder {
    pub changes: Vec<RowChange>,
}

impl Recorder {
    /// Sets those of `cells` that differ on row `id` (recording the row even if none do).
    pub fn update(
        &mut self,
        w: &mut Writer<'_>,
        table: SyncedTable,
        id: &str,
        cells: &[(&str, Value)],
    ) -> Result<()> {
        let before = existing(w.tx(), table, id)?;
        let mut after = Cells::new();
        let mut changed: Vec<(&str, Value)> = Vec::new();
        for (column, value) in cells {
            let json = to_json(value)?;
            if before.get(*column) != Some(&json) {
                after.insert((*column).to_owned(), json);
                changed.push((column, value.clone()));
            }
        }
        w.update(table, id, &changed)?;
        self.changes.push(RowChange {
            table: table.name().to_owned(),
            id: id.to_owned(),
            before,
            after: Some(after),
            rowid: None,
        });
        Ok(())
    }

    /// Deletes row `id`, keeping all of it in the snapshot.
    pub fn delete(&mut self, w: &mut Writer<'_>, table: SyncedTable, id: &str) -> Result<()> {
        let before = existing(w.tx(), table, id)?;
        let rowid: i64 = w
            .tx()
            .prepare_cached(&format!("SELECT rowid FROM {} WHERE id = ?1", table.name()))?
            .query_row([id], |r| r.get(0))?;
        w.delete(table, id)?;
        self.changes.push(RowChange {
            table: table.name().to_owned(),
            id: id.to_owned(),
            before,
            after: None,
            rowid: Some(rowid),
        });
        Ok(())
    }
}

fn existing(conn: &Connection, table: SyncedTable, id: &str) -> Result<Cells> {
    read_row(conn, table, id)?.ok_or_else(|| CoreError::NotFound {
        what: table.name(),
        id: id.to_owned(),
    })
}
