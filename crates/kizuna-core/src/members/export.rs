//! Privacy export: everything Kizuna holds about one person, as one JSON document.

use rusqlite::types::{Value, ValueRef};
use rusqlite::{Connection, OptionalExtension, ToSql};
use serde_json::{Map, Value as Json, json};

use std::io::Write;
use std::path::Path;

use crate::error::{CoreError, Result};
use crate::{Store, audit, export_file};

/// The `format` field of an export, so a reader can tell what the file is.
pub const EXPORT_FORMAT: &str = "kizuna.member-export";
/// The version of the export's shape.
pub const EXPORT_VERSION: u32 = 1;

/// Columns that are derived locally and say nothing new about the person.
const DERIVED: &[&str] = &["search_text", "sort_key"];

/// JSON columns stored as text, exported as JSON rather than as a string.
const JSON_COLUMNS: &[&str] = &["meta", "snapshot", "details"];

fn cell(column: &str, value: ValueRef<'_>) -> Json {
    match value {
        ValueRef::Null => Json::Null,
        ValueRef::Integer(i) => i.into(),
        ValueRef::Real(f) => f.into(),
        ValueRef::Text(t) => {
            let text = String::from_utf8_lossy(t).into_owned();
            if JSON_COLUMNS.contains(&column) {
                serde_json::from_str(&text).unwrap_or(Json::String(text))
            } else {
                Json::String(text)
            }
        }
        ValueRef::Blob(b) => b
            .iter()
            .map(|x| format!("{x:02x}"))
            .collect::<String>()
            .into(),
    }
}

/// Every row of `sql` as a JSON object keyed by column name (derived columns left out).
pub(crate) fn rows_json(conn: &Connection, sql: &str, args: &[&dyn ToSql]) -> Result<Vec<Json>> {
    let mut stmt = conn.prepare(sql)?;
    let names: Vec<String> = stmt.column_names().map(str::to_owned).collect();
    let rows = stmt
        .query_map(args, |r| {
            let mut object = Map::new();
            for (i, name) in names.iter().enumerate() {
                if !DERIVED.contains(&name.as_str()) {
                    object.insert(name.clone(), cell(name, r.get_ref(i)?));
                }
            }
            Ok(Json::Object(object))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub(crate) fn table_exists(conn: &Connection, table: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1)",
        )?
        .query_row([table], |r| r.get(0))?)
}

/// Everything about one member (also a deleted one): profile, the records merged into it,
/// identities, tags, traits, activities, registrations, referrals, event feedback, proposals and
/// votes, ideas with their votes and comments, merges, score and level history, and the audit
/// entries about them. Derived search columns are left out.
pub fn export_member(conn: &Connection, id: &str) -> Result<Json> {
    let exists: Option<Value> = conn
        .prepare_cached("SELECT id FROM members WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?;
    if exists.is_none() {
        return Err(CoreError::NotFound {
            what: "member",
            id: id.to_owned(),
        });
    }
    let one: &[&dyn ToSql] = &[&id];
    let member = rows_json(conn, "SELECT * FROM members WHERE id = ?1", one)?
        .into_iter()
        .next()
        .unwrap_or(Json::Null);
    let referrals = if table_exists(conn, "referrals")? {
        json!({
            "referredBy": rows_json(conn, "SELECT * FROM referrals WHERE referred_id = ?1", one)?,
            "referred": rows_json(
                conn,
                "SELECT * FROM referrals WHERE referrer_id = ?1 ORDER BY referred_at",
                one,
            )?,
        })
    } else {
        Json::Null
    };
    Ok(json!({
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "member": member,
        "mergedRecords": rows_json(conn, "SELECT * FROM members WHERE merged_into = ?1 ORDER BY id", one)?,
        "identities": rows_json(conn, "SELECT * FROM identities WHERE member_id = ?1 ORDER BY platform, handle", one)?,
        "tags": rows_json(
            conn,
            "SELECT t.name, mt.id AS member_tag_id FROM member_tags mt JOIN tags t ON t.id = mt.tag_id
             WHERE mt.member_id = ?1 ORDER BY t.name",
            one,
        )?,
        "traits": rows_json(
            conn,
            "SELECT * FROM member_traits WHERE member_id = ?1 ORDER BY dimension, key, value",
            one,
        )?,
        "activities": rows_json(
            conn,
            "SELECT a.*, t.label_en AS type_label_en, t.label_ja AS type_label_ja
             FROM activities a LEFT JOIN activity_types t ON t.key = a.activity_type
             WHERE a.member_id = ?1 ORDER BY a.occurred_at, a.id",
            one,
        )?,
        "registrations": rows_json(
            conn,
            "SELECT r.*, e.title AS event_title, e.starts_at AS event_starts_at
             FROM registrations r JOIN events e ON e.id = r.event_id
             WHERE r.member_id = ?1 ORDER BY e.starts_at, r.id",
            one,
        )?,
        "referrals": referrals,
        "eventFeedback": rows_json(
            conn,
            "SELECT f.*, e.title AS event_title FROM event_feedback f JOIN events e ON e.id = f.event_id
             WHERE f.member_id = ?1 ORDER BY f.submitted_at, f.id",
            one,
        )?,
        "eventProposals": rows_json(
            conn,
            "SELECT * FROM event_suggestions WHERE proposed_by = ?1 ORDER BY proposed_at, id",
            one,
        )?,
        "eventVotes": rows_json(
            conn,
            "SELECT v.*, s.text AS option_text FROM suggestion_votes v
             JOIN event_suggestions s ON s.id = v.suggestion_id
             WHERE v.member_id = ?1 ORDER BY v.voted_at, v.id",
            one,
        )?,
        "campaignRoster": rows_json(
            conn,
            "SELECT ci.*, c.name AS campaign_name FROM campaign_influencers ci
             JOIN campaigns c ON c.id = ci.campaign_id WHERE ci.member_id = ?1 ORDER BY ci.added_at, ci.id",
            one,
        )?,
        "campaignDeliverables": rows_json(
            conn,
            "SELECT d.* FROM campaign_deliverables d JOIN campaign_influencers ci ON ci.id = d.influencer_id
             WHERE ci.member_id = ?1 ORDER BY d.planned_at, d.id",
            one,
        )?,
        "campaignAttributions": rows_json(
            conn,
            "SELECT a.*, c.name AS campaign_name FROM campaign_attributions a
             JOIN campaigns c ON c.id = a.campaign_id WHERE a.member_id = ?1 ORDER BY a.attributed_at, a.id",
            one,
        )?,
        "campaignReferred": rows_json(
            conn,
            "SELECT id, campaign_id, member_id, attributed_at FROM campaign_attributions
             WHERE referrer_id = ?1 ORDER BY attributed_at, id",
            one,
        )?,
        "perkGrants": rows_json(
            conn,
            "SELECT g.*, p.name AS perk_name, c.code AS code FROM perk_grants g
             JOIN perks p ON p.id = g.perk_id LEFT JOIN perk_codes c ON c.id = g.code_id
             WHERE g.member_id = ?1 ORDER BY g.granted_at, g.id",
            one,
        )?,
        "ideas": rows_json(
            conn,
            "SELECT * FROM ideas WHERE author_id = ?1 ORDER BY created_at, id",
            one,
        )?,
        "ideaVotes": rows_json(
            conn,
            "SELECT v.*, i.title AS idea_title FROM idea_votes v JOIN ideas i ON i.id = v.idea_id
             WHERE v.member_id = ?1 ORDER BY v.voted_at, v.id",
            one,
        )?,
        "ideaComments": rows_json(
            conn,
            "SELECT c.*, i.title AS idea_title FROM idea_comments c JOIN ideas i ON i.id = c.idea_id
             WHERE c.member_id = ?1 ORDER BY c.created_at, c.id",
            one,
        )?,
        "merges": rows_json(
            conn,
            "SELECT * FROM merges WHERE kept_member_id = ?1 OR merged_member_id = ?1 ORDER BY merged_at",
            one,
        )?,
        "score": rows_json(conn, "SELECT * FROM member_scores WHERE member_id = ?1", one)?
            .into_iter()
            .next()
            .unwrap_or(Json::Null),
        "levelHistory": rows_json(conn, "SELECT * FROM level_changes WHERE member_id = ?1 ORDER BY at, id", one)?,
        "audit": rows_json(conn, "SELECT * FROM audit_log WHERE subject = ?1 ORDER BY at, id", one)?,
    }))
}

/// Writes [`export_member`] as pretty JSON to `path` (whole or not at all), records
/// `member.export` with the size in the audit log, and returns the bytes written.
pub fn save_member_export(store: &mut Store, id: &str, path: &Path) -> Result<u64> {
    let export = export_member(store.conn(), id)?;
    let text = serde_json::to_string_pretty(&export)?;
    export_file::write_whole(path, |mut file| {
        file.write_all(text.as_bytes()).map_err(CoreError::Export)
    })?;
    let bytes = text.len() as u64;
    store.write(|w| audit::record(w, "member.export", Some(id), &json!({ "bytes": bytes })))?;
    Ok(bytes)
}
