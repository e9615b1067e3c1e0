//! Editing a member 360: profile patches that write only the cells that changed (so two
//! managers editing different fields on different devices both keep their edit), identities,
//! tags, and soft delete with restore.

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Deserializer};
use serde_json::json;
use ts_rs::TS;

use super::create::{text, validate_birth_year, validate_email, validate_name};
use super::refresh_search;
use crate::audit;
use crate::error::{CoreError, Result};
use crate::ids::MemberId;
use crate::store::{SyncedTable, Writer};

/// Reads a present JSON field (even `null`) as `Some`, so a missing field means "leave it".
fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

/// Changes to a member's profile. `None` leaves a field as it is; for optional fields
/// `Some(None)` clears it and `Some(Some(v))` sets it.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MemberPatch {
    #[ts(optional)]
    pub display_name: Option<String>,
    #[serde(default, deserialize_with = "present")]
    #[ts(optional)]
    pub name_reading: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[ts(optional)]
    pub email: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[ts(optional)]
    pub phone: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[ts(optional)]
    pub locale: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[ts(optional)]
    pub country: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[ts(optional)]
    pub city: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[ts(optional)]
    pub birth_year: Option<Option<i32>>,
    /// Unix ms.
    #[ts(optional, type = "number")]
    pub joined_at: Option<i64>,
    #[serde(default, deserialize_with = "present")]
    #[ts(optional)]
    pub source: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[ts(optional)]
    pub notes: Option<Option<String>>,
}

/// Changes to one platform identity; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct IdentityPatch {
    #[ts(optional)]
    pub platform: Option<String>,
    #[ts(optional)]
    pub handle: Option<String>,
    #[serde(default, deserialize_with = "present")]
    #[ts(optional)]
    pub url: Option<Option<String>>,
    /// Taken as a signed number from the UI so a negative count gets a specific error.
    #[serde(default, deserialize_with = "present")]
    #[ts(optional, type = "number | null")]
    pub followers: Option<Option<i64>>,
}

const PROFILE_COLUMNS: &str = "display_name, name_reading, email, phone, locale, country, city, \
                               birth_year, joined_at, source, notes";

/// The cells a patch asks for, validated and normalised as `create_member` does.
fn patch_cells(patch: &MemberPatch, now_ms: i64) -> Result<Vec<(&'static str, Value)>> {
    let mut cells = Vec::new();
    if let Some(name) = &patch.display_name {
        validate_name(name)?;
        cells.push(("display_name", Value::Text(name.trim().to_owned())));
    }
    if let Some(Some(email)) = &patch.email
        && !email.trim().is_empty()
    {
        validate_email(email.trim())?;
    }
    if let Some(Some(year)) = patch.birth_year {
        validate_birth_year(year, now_ms)?;
    }
    let texts = [
        ("name_reading", &patch.name_reading),
        ("email", &patch.email),
        ("phone", &patch.phone),
        ("locale", &patch.locale),
        ("country", &patch.country),
        ("city", &patch.city),
        ("source", &patch.source),
        ("notes", &patch.notes),
    ];
    for (column, value) in texts {
        if let Some(v) = value {
            cells.push((column, text(v)));
        }
    }
    if let Some(year) = patch.birth_year {
        cells.push(("birth_year", year.map_or(Value::Null, |y| y.into())));
    }
    if let Some(joined) = patch.joined_at {
        cells.push(("joined_at", Value::Integer(joined)));
    }
    Ok(cells)
}

/// Applies `patch` to a live member, writing only the cells whose value changes; returns the
/// names of the changed columns (empty when nothing changed, and then nothing is logged).
pub fn update_member(
    w: &mut Writer<'_>,
    id: &MemberId,
    patch: &MemberPatch,
) -> Result<Vec<&'static str>> {
    let wanted = patch_cells(patch, w.now_ms())?;
    let current = live_profile(w.tx(), id.as_str())?;
    let changed: Vec<(&'static str, Value)> = wanted
        .into_iter()
        .filter(|(column, value)| current.iter().any(|(c, v)| c == column && v != value))
        .collect();
    let columns: Vec<&'static str> = changed.iter().map(|(c, _)| *c).collect();
    w.update(SyncedTable::Members, id.as_str(), &changed)?;
    if columns
        .iter()
        .any(|c| matches!(*c, "display_name" | "name_reading" | "email"))
    {
        refresh_search(w, id)?;
    }
    Ok(columns)
}

/// The profile cells of a member who is not deleted, or `NotFound`.
fn live_profile(conn: &Connection, id: &str) -> Result<Vec<(&'static str, Value)>> {
    let names: Vec<&'static str> = PROFILE_COLUMNS.split(", ").map(str::trim).collect();
    let sql = format!("SELECT {PROFILE_COLUMNS} FROM members WHERE id = ?1 AND deleted_at IS NULL");
    conn.prepare_cached(&sql)?
        .query_row([id], |r| {
            names
                .iter()
                .enumerate()
                .map(|(i, name)| Ok((*name, r.get::<_, Value>(i)?)))
                .collect::<rusqlite::Result<Vec<_>>>()
        })
        .optional()?
        .ok_or_else(|| member_not_found(id))
}

fn member_not_found(id: &str) -> CoreError {
    CoreError::NotFound {
        what: "member",
        id: id.to_owned(),
    }
}

/// Refuses a negative follower count with the number the caller gave.
pub fn validate_followers(followers: i64) -> Result<()> {
    if followers < 0 {
        return Err(crate::invalid!(
            "members.negativeFollowers",
            "a follower count cannot be negative (got {followers})",
            followers
        ));
    }
    Ok(())
}

/// Edits one identity, writing only the cells that change; returns the changed columns.
pub fn update_identity(
    w: &mut Writer<'_>,
    identity_id: &str,
    patch: &IdentityPatch,
) -> Result<Vec<&'static str>> {
    let mut wanted = Vec::new();
    for (column, value) in [("platform", &patch.platform), ("handle", &patch.handle)] {
        if let Some(v) = value {
            if v.trim().is_empty() {
                return Err(crate::invalid!(
                    "members.identityIncomplete",
                    "an identity needs a platform and a handle"
                ));
            }
            let v = if column == "platform" {
                v.trim().to_lowercase()
            } else {
                v.trim().to_owned()
            };
            wanted.push((column, Value::Text(v)));
        }
    }
    if let Some(url) = &patch.url {
        wanted.push(("url", text(url)));
    }
    if let Some(followers) = patch.followers {
        if let Some(f) = followers {
            validate_followers(f)?;
        }
        wanted.push(("followers", followers.map_or(Value::Null, Value::Integer)));
    }
    let current: Option<(String, String, String, Value, Value)> = w
        .tx()
        .prepare_cached(
            "SELECT member_id, platform, handle, url, followers FROM identities WHERE id = ?1",
        )?
        .query_row([identity_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .optional()?;
    let (member, platform, handle, url, followers) =
        current.ok_or_else(|| CoreError::NotFound {
            what: "identity",
            id: identity_id.to_owned(),
        })?;
    let now = [
        ("platform", Value::Text(platform)),
        ("handle", Value::Text(handle)),
        ("url", url),
        ("followers", followers),
    ];
    let changed: Vec<(&'static str, Value)> = wanted
        .into_iter()
        .filter(|(column, value)| now.iter().any(|(c, v)| c == column && v != value))
        .collect();
    let columns: Vec<&'static str> = changed.iter().map(|(c, _)| *c).collect();
    w.update(SyncedTable::Identities, identity_id, &changed)?;
    if columns.contains(&"handle") {
        refresh_search(w, &MemberId(member))?;
    }
    Ok(columns)
}

/// Removes one identity from its member (a tombstone in the change log).
pub fn remove_identity(w: &mut Writer<'_>, identity_id: &str) -> Result<()> {
    let member: Option<String> = w
        .tx()
        .prepare_cached("SELECT member_id FROM identities WHERE id = ?1")?
        .query_row([identity_id], |r| r.get(0))
        .optional()?;
    let member = member.ok_or_else(|| CoreError::NotFound {
        what: "identity",
        id: identity_id.to_owned(),
    })?;
    w.delete(SyncedTable::Identities, identity_id)?;
    refresh_search(w, &MemberId(member))
}

/// Takes a tag off a member; returns whether the member had it.
pub fn untag_member(w: &mut Writer<'_>, member: &MemberId, tag: &str) -> Result<bool> {
    let row: Option<String> = w
        .tx()
        .prepare_cached(
            "SELECT mt.id FROM member_tags mt JOIN tags t ON t.id = mt.tag_id
             WHERE mt.member_id = ?1 AND t.name = ?2",
        )?
        .query_row(params![member.as_str(), tag.trim()], |r| r.get(0))
        .optional()?;
    match row {
        Some(id) => {
            w.delete(SyncedTable::MemberTags, &id)?;
            Ok(true)
        }
        None => Ok(false),
    }
}

/// `(deleted_at, merged_into)` of a member, or `NotFound`.
fn member_state(conn: &Connection, id: &str) -> Result<(Option<i64>, Option<String>)> {
    conn.prepare_cached("SELECT deleted_at, merged_into FROM members WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or_else(|| member_not_found(id))
}

/// Soft-deletes a member: hidden from lists and scores, kept for restore.
pub fn delete_member(w: &mut Writer<'_>, id: &MemberId) -> Result<()> {
    if member_state(w.tx(), id.as_str())?.0.is_some() {
        return Err(crate::invalid!(
            "members.alreadyDeleted",
            "member {id} is already deleted",
            id
        ));
    }
    let now = w.now_ms();
    w.update(
        SyncedTable::Members,
        id.as_str(),
        &[("deleted_at", Value::Integer(now))],
    )?;
    audit::record(w, "member.delete", Some(id.as_str()), &json!({}))
}

/// Brings back a soft-deleted member (not one merged into another: undo the merge instead).
pub fn restore_member(w: &mut Writer<'_>, id: &MemberId) -> Result<()> {
    match member_state(w.tx(), id.as_str())? {
        (None, _) => Err(crate::invalid!(
            "members.notDeleted",
            "member {id} is not deleted",
            id
        )),
        (Some(_), Some(kept)) => Err(crate::invalid!(
            "members.restoreMerged",
            "member {id} was merged into {kept}; undo that merge to bring them back",
            id,
            kept
        )),
        (Some(_), None) => {
            w.update(
                SyncedTable::Members,
                id.as_str(),
                &[("deleted_at", Value::Null)],
            )?;
            audit::record(w, "member.restore", Some(id.as_str()), &json!({}))
        }
    }
}
