//! Adding members, their identities and tags, with validation, and their search text.

use rusqlite::types::Value;
use rusqlite::{OptionalExtension, params};

use super::{NewIdentity, NewMember, validate_followers};
use crate::error::{CoreError, Result};
use crate::ids::{IdentityId, MemberId, derived_id};
use crate::search_text::fold;
use crate::store::{SyncedTable, Writer};

pub(crate) fn text(v: &Option<String>) -> Value {
    match v.as_deref().map(str::trim) {
        Some(s) if !s.is_empty() => Value::Text(s.to_owned()),
        _ => Value::Null,
    }
}

fn validate(new: &NewMember, now_ms: i64) -> Result<()> {
    validate_name(&new.display_name)?;
    if let Some(year) = new.birth_year {
        validate_birth_year(year, now_ms)?;
    }
    if let Some(email) = new
        .email
        .as_deref()
        .map(str::trim)
        .filter(|e| !e.is_empty())
    {
        validate_email(email)?;
    }
    for identity in &new.identities {
        validate_identity(identity)?;
    }
    Ok(())
}

/// Refuses an empty (or blank) display name.
pub(crate) fn validate_name(name: &str) -> Result<()> {
    if name.trim().is_empty() {
        return Err(crate::invalid!(
            "members.nameMissing",
            "a member needs a name"
        ));
    }
    Ok(())
}

/// The earliest birth year a member may have.
pub const MIN_BIRTH_YEAR: i32 = 1900;

/// Accepts birth years from [`MIN_BIRTH_YEAR`] to the current year (UTC).
pub fn validate_birth_year(year: i32, now_ms: i64) -> Result<()> {
    let this_year = chrono::DateTime::from_timestamp_millis(now_ms)
        .map_or(i32::MAX, |now| chrono::Datelike::year(&now));
    if (MIN_BIRTH_YEAR..=this_year).contains(&year) {
        Ok(())
    } else {
        Err(crate::invalid!(
            "members.birthYearRange",
            "the birth year must be between {min} and {max} (got {year})",
            min = MIN_BIRTH_YEAR,
            max = this_year,
            year
        ))
    }
}

/// Checks the shape of an email address (one `@`, a dot in the domain, no spaces).
pub fn validate_email(email: &str) -> Result<()> {
    let ok = match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !email.chars().any(char::is_whitespace)
        }
        None => false,
    };
    if ok {
        Ok(())
    } else {
        Err(crate::invalid!(
            "members.badEmail",
            "\"{email}\" is not a valid email address",
            email
        ))
    }
}

fn validate_identity(identity: &NewIdentity) -> Result<()> {
    if identity.platform.trim().is_empty() || identity.handle.trim().is_empty() {
        return Err(crate::invalid!(
            "members.identityIncomplete",
            "an identity needs a platform and a handle"
        ));
    }
    if let Some(followers) = identity.followers {
        validate_followers(followers)?;
    }
    Ok(())
}

/// Adds a member with their identities and tags; returns the new id.
pub fn create_member(w: &mut Writer<'_>, new: &NewMember) -> Result<MemberId> {
    create_member_with_id(w, MemberId::new(), new)
}

/// Adds a member under a given id (imports derive it from the source's person key, so two
/// replicas importing the same file create the same member).
pub fn create_member_with_id(
    w: &mut Writer<'_>,
    id: MemberId,
    new: &NewMember,
) -> Result<MemberId> {
    validate(new, w.now_ms())?;
    let joined_at = new.joined_at.unwrap_or(w.now_ms());
    w.insert(
        SyncedTable::Members,
        id.as_str(),
        &[
            (
                "display_name",
                Value::Text(new.display_name.trim().to_owned()),
            ),
            ("name_reading", text(&new.name_reading)),
            ("email", text(&new.email)),
            ("phone", text(&new.phone)),
            ("locale", text(&new.locale)),
            ("country", text(&new.country)),
            ("city", text(&new.city)),
            (
                "birth_year",
                new.birth_year
                    .map_or(Value::Null, |y| Value::Integer(y.into())),
            ),
            ("joined_at", Value::Integer(joined_at)),
            ("source", text(&new.source)),
            ("notes", text(&new.notes)),
        ],
    )?;
    for identity in &new.identities {
        insert_identity(w, &id, identity)?;
    }
    for tag in &new.tags {
        tag_member(w, &id, tag)?;
    }
    refresh_search(w, &id)?;
    Ok(id)
}

/// Adds one platform identity to an existing member.
pub fn add_identity(
    w: &mut Writer<'_>,
    member: &MemberId,
    new: &NewIdentity,
) -> Result<IdentityId> {
    validate_identity(new)?;
    let id = insert_identity(w, member, new)?;
    refresh_search(w, member)?;
    Ok(id)
}

fn insert_identity(w: &mut Writer<'_>, member: &MemberId, new: &NewIdentity) -> Result<IdentityId> {
    let id = IdentityId::new();
    w.insert(
        SyncedTable::Identities,
        id.as_str(),
        &[
            ("member_id", Value::Text(member.to_string())),
            ("platform", Value::Text(new.platform.trim().to_lowercase())),
            ("handle", Value::Text(new.handle.trim().to_owned())),
            ("url", text(&new.url)),
            (
                "followers",
                new.followers.map_or(Value::Null, Value::Integer),
            ),
        ],
    )?;
    Ok(id)
}

/// Puts a tag (created on first use) on a member; tagging twice is a no-op.
pub fn tag_member(w: &mut Writer<'_>, member: &MemberId, tag: &str) -> Result<()> {
    let name = tag.trim();
    if name.is_empty() {
        return Err(crate::invalid!("members.tagEmpty", "a tag needs a name"));
    }
    let existing: Option<String> = w
        .tx()
        .prepare_cached("SELECT id FROM tags WHERE name = ?1")?
        .query_row([name], |r| r.get(0))
        .optional()?;
    let tag_id = match existing {
        Some(id) => id,
        None => {
            let id = derived_id("tag", &[name]);
            w.insert(
                SyncedTable::Tags,
                &id,
                &[("name", Value::Text(name.to_owned()))],
            )?;
            id
        }
    };
    let already: bool = w
        .tx()
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM member_tags WHERE member_id = ?1 AND tag_id = ?2)",
        )?
        .query_row(params![member.as_str(), tag_id], |r| r.get(0))?;
    if !already {
        w.insert(
            SyncedTable::MemberTags,
            &derived_id("member_tag", &[member.as_str(), &tag_id]),
            &[
                ("member_id", Value::Text(member.to_string())),
                ("tag_id", Value::Text(tag_id.clone())),
            ],
        )?;
    }
    Ok(())
}

/// Recomputes the member's derived search text and sort key (local, never synced).
pub fn refresh_search(w: &Writer<'_>, member: &MemberId) -> Result<()> {
    let tx = w.tx();
    let (name, reading, email): (String, Option<String>, Option<String>) = tx
        .prepare_cached("SELECT display_name, name_reading, email FROM members WHERE id = ?1")?
        .query_row([member.as_str()], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?
        .ok_or_else(|| CoreError::NotFound {
            what: "member",
            id: member.to_string(),
        })?;
    let mut haystack = vec![name.clone()];
    haystack.extend(reading.clone());
    haystack.extend(email);
    let mut stmt = tx.prepare_cached("SELECT handle FROM identities WHERE member_id = ?1")?;
    for handle in stmt.query_map([member.as_str()], |r| r.get::<_, String>(0))? {
        haystack.push(handle?);
    }
    let search = fold(&haystack.join("\u{1f}"));
    let sort = fold(reading.as_deref().unwrap_or(&name));
    tx.prepare_cached("UPDATE members SET search_text = ?2, sort_key = ?3 WHERE id = ?1")?
        .execute(params![member.as_str(), search, sort])?;
    Ok(())
}
