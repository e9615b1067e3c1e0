//! What the side-by-side merge screen shows before anything is written, and the merge history
//! of a member.

use std::collections::HashSet;

use rusqlite::{Connection, params};
use serde::Serialize;
use ts_rs::TS;

use super::apply::{IDENTITY_KEYS, TAG_KEYS, keyed, registrations};
use super::fields::{FieldChoices, FieldValue, MemberField, Side};
use super::snapshot::{Snapshot, read_row};
use super::traits::TRAIT_KEYS;
use super::{MergeId, check_pair};
use crate::error::{CoreError, Result};
use crate::store::SyncedTable;

/// One member of a merge.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MergeSide {
    pub id: String,
    pub display_name: String,
}

/// One profile field, both values side by side.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FieldComparison {
    pub field: MemberField,
    pub kept: Option<FieldValue>,
    pub merged: Option<FieldValue>,
    pub differs: bool,
    /// The side a merge without picks takes it from.
    pub default_side: Side,
}

/// How many rows move to the kept member, and how many are dropped as duplicates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MoveCounts {
    pub identities: u32,
    /// Identities the kept member already has (same platform and handle): dropped.
    pub duplicate_identities: u32,
    pub tags: u32,
    /// Tags the kept member already has: dropped.
    pub duplicate_tags: u32,
    pub traits: u32,
    /// Traits the kept member already has (same dimension, key and value): dropped.
    pub duplicate_traits: u32,
    pub activities: u32,
    pub registrations: u32,
    /// Events both are registered for: the better status stays.
    pub shared_events: u32,
}

/// An identity both members have.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct IdentityClash {
    pub platform: String,
    pub handle: String,
}

/// Both members side by side and what a merge would move.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MergePreview {
    pub kept: MergeSide,
    pub merged: MergeSide,
    pub fields: Vec<FieldComparison>,
    pub moves: MoveCounts,
    pub duplicate_identities: Vec<IdentityClash>,
}

/// One merge in a member's history.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MergeRecord {
    pub id: String,
    pub kept: MergeSide,
    pub merged: MergeSide,
    #[ts(type = "number")]
    pub merged_at: i64,
    #[ts(type = "number | null")]
    pub undone_at: Option<i64>,
    /// Profile fields taken from the merged member (column names).
    pub fields_taken: Vec<String>,
}

/// Both members side by side, refusing pairs that cannot be merged.
pub fn merge_preview(conn: &Connection, kept_id: &str, merged_id: &str) -> Result<MergePreview> {
    let (kept, merged) = check_pair(conn, kept_id, merged_id)?;
    let missing = |id: &str| CoreError::NotFound {
        what: "member",
        id: id.to_owned(),
    };
    let k = read_row(conn, SyncedTable::Members, kept_id)?.ok_or_else(|| missing(kept_id))?;
    let m = read_row(conn, SyncedTable::Members, merged_id)?.ok_or_else(|| missing(merged_id))?;
    let defaults = FieldChoices::default();
    let fields = MemberField::ALL
        .into_iter()
        .map(|field| {
            let kept = FieldValue::of(k.get(field.column()));
            let merged = FieldValue::of(m.get(field.column()));
            FieldComparison {
                field,
                differs: kept != merged,
                kept,
                merged,
                default_side: defaults.side(field, &k, &m),
            }
        })
        .collect();

    let kept_handles: HashSet<String> = keyed(conn, IDENTITY_KEYS, kept_id)?
        .into_iter()
        .map(|(_, key)| key)
        .collect();
    let mut moves = MoveCounts::default();
    let mut duplicate_identities = Vec::new();
    for (_, key) in keyed(conn, IDENTITY_KEYS, merged_id)? {
        if kept_handles.contains(&key) {
            moves.duplicate_identities += 1;
            let (platform, handle) = key.split_once('\u{1f}').unwrap_or((&key, ""));
            duplicate_identities.push(IdentityClash {
                platform: platform.to_owned(),
                handle: handle.to_owned(),
            });
        } else {
            moves.identities += 1;
        }
    }
    let kept_tags: HashSet<String> = keyed(conn, TAG_KEYS, kept_id)?
        .into_iter()
        .map(|(_, tag)| tag)
        .collect();
    for (_, tag) in keyed(conn, TAG_KEYS, merged_id)? {
        if kept_tags.contains(&tag) {
            moves.duplicate_tags += 1;
        } else {
            moves.tags += 1;
        }
    }
    let kept_traits: HashSet<String> = keyed(conn, TRAIT_KEYS, kept_id)?
        .into_iter()
        .map(|(_, key)| key)
        .collect();
    for (_, key) in keyed(conn, TRAIT_KEYS, merged_id)? {
        if kept_traits.contains(&key) {
            moves.duplicate_traits += 1;
        } else {
            moves.traits += 1;
        }
    }
    moves.activities = conn
        .prepare_cached("SELECT count(*) FROM activities WHERE member_id = ?1")?
        .query_row([merged_id], |r| r.get(0))?;
    let kept_events: HashSet<String> = registrations(conn, kept_id)?
        .into_iter()
        .map(|(_, event, _)| event)
        .collect();
    for (_, event, _) in registrations(conn, merged_id)? {
        if kept_events.contains(&event) {
            moves.shared_events += 1;
        } else {
            moves.registrations += 1;
        }
    }
    Ok(MergePreview {
        kept: MergeSide {
            id: kept.id,
            display_name: kept.display_name,
        },
        merged: MergeSide {
            id: merged.id,
            display_name: merged.display_name,
        },
        fields,
        moves,
        duplicate_identities,
    })
}

/// Merges `member_id` took part in (kept or merged), or all merges; newest first.
pub fn list_merges(conn: &Connection, member_id: Option<&str>) -> Result<Vec<MergeRecord>> {
    let mut stmt = conn.prepare_cached(
        "SELECT g.id, g.kept_member_id, k.display_name, g.merged_member_id, m.display_name,
                g.merged_at, g.undone_at, g.snapshot
         FROM merges g
         JOIN members k ON k.id = g.kept_member_id
         JOIN members m ON m.id = g.merged_member_id
         WHERE ?1 IS NULL OR g.kept_member_id = ?1 OR g.merged_member_id = ?1
         ORDER BY g.merged_at DESC, g.id DESC",
    )?;
    let rows = stmt
        .query_map(params![member_id], |r| {
            Ok((
                MergeRecord {
                    id: r.get(0)?,
                    kept: MergeSide {
                        id: r.get(1)?,
                        display_name: r.get(2)?,
                    },
                    merged: MergeSide {
                        id: r.get(3)?,
                        display_name: r.get(4)?,
                    },
                    merged_at: r.get(5)?,
                    undone_at: r.get(6)?,
                    fields_taken: Vec::new(),
                },
                r.get::<_, String>(7)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|(mut record, snapshot)| {
            record.fields_taken = Snapshot::parse(&snapshot)?.fields_taken;
            Ok(record)
        })
        .collect()
}

/// Unix ms as RFC 3339 UTC, for messages.
pub(super) fn format_ms(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms).map_or_else(|| ms.to_string(), |t| t.to_rfc3339())
}

impl MergeRecord {
    /// The merge's id, typed.
    pub fn merge_id(&self) -> MergeId {
        MergeId(self.id.clone())
    }
}
