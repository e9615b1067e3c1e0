//! Finding the member a record is about (by the id an earlier import gave them, email or
//! handle), creating them when there is none, and filling in what Kizuna does not know yet.
//! An import never overwrites a value a manager has: it only fills blanks and adds identities
//! and tags.

use kizuna_core::ids::MemberId;
use kizuna_core::members::{
    NewIdentity, NewMember, add_identity, create_member_with_id, refresh_search, tag_member,
    validate_email,
};
use kizuna_core::store::{SyncedTable, Writer};
use kizuna_core::{CoreError, Invalid};
use rusqlite::OptionalExtension;
use rusqlite::types::Value;
use serde_json::{Map, json};

use super::journal::Journal;
use crate::record::PersonIn;

/// How a record found its member.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// Created by this import.
    Created,
    /// The member an earlier import of the same source created (or whom they were merged into).
    Previous,
    ByEmail,
    ByHandle,
}

/// The member of a record, or why the record is skipped.
pub enum Resolved {
    Member { id: MemberId, found: Found },
    Skipped(Invalid),
}

fn clean(v: &Option<String>) -> Option<String> {
    v.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

/// A display name for a person the source does not name: the email's local part or a handle.
pub fn name_of(person: &PersonIn) -> Option<String> {
    clean(&person.display_name)
        .or_else(|| clean(&person.email).map(|e| e.split('@').next().unwrap_or(&e).to_owned()))
        .or_else(|| {
            person
                .identities
                .iter()
                .map(|i| i.handle.trim())
                .find(|h| !h.is_empty())
                .map(str::to_owned)
        })
}

/// Checks a record's person the way the member form does, before anything is written.
pub fn validate(person: &PersonIn) -> Result<(), Invalid> {
    if name_of(person).is_none() {
        return Err(kizuna_core::invalid_reason!(
            "import.noName",
            "the row has no name, email or handle to know the person by"
        ));
    }
    if let Some(email) = clean(&person.email) {
        validate_email(&email).map_err(|e| match e {
            CoreError::InvalidInput(invalid) => invalid,
            other => kizuna_core::invalid_reason!("import.rowFailed", "{reason}", reason = other),
        })?;
    }
    for identity in &person.identities {
        if let Some(f) = identity.followers.filter(|f| *f < 0) {
            return Err(kizuna_core::invalid_reason!(
                "import.negativeFollowers",
                "a follower count cannot be negative (you entered {count})",
                count = f
            ));
        }
    }
    Ok(())
}

/// Finds or creates the member of `person`; `derived` is the id an import of this source gives.
pub fn resolve(
    w: &mut Writer<'_>,
    journal: &mut Journal,
    derived: &str,
    person: &PersonIn,
    source_label: &str,
) -> Result<Resolved, CoreError> {
    if let Some(found) = follow(w, derived)? {
        return Ok(found);
    }
    if erased(w, derived)? {
        return Ok(Resolved::Skipped(kizuna_core::invalid_reason!(
            "import.erased",
            "this person was erased from Kizuna and is not imported again"
        )));
    }
    if let Some(email) = clean(&person.email) {
        let id: Option<String> = w
            .tx()
            .prepare_cached(
                "SELECT id FROM members WHERE lower(email) = lower(?1) AND deleted_at IS NULL
                 ORDER BY joined_at LIMIT 1",
            )?
            .query_row([&email], |r| r.get(0))
            .optional()?;
        if let Some(id) = id {
            return Ok(Resolved::Member {
                id: MemberId(id),
                found: Found::ByEmail,
            });
        }
    }
    for identity in &person.identities {
        let id: Option<String> = w
            .tx()
            .prepare_cached(
                "SELECT m.id FROM identities i JOIN members m ON m.id = i.member_id
                 WHERE i.platform = ?1 AND i.handle = ?2 AND m.deleted_at IS NULL LIMIT 1",
            )?
            .query_row(
                [
                    identity.platform.trim().to_lowercase(),
                    identity.handle.trim().to_owned(),
                ],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(id) = id {
            return Ok(Resolved::Member {
                id: MemberId(id),
                found: Found::ByHandle,
            });
        }
    }
    let new = NewMember {
        display_name: name_of(person).unwrap_or_default(),
        name_reading: clean(&person.name_reading),
        email: clean(&person.email),
        phone: clean(&person.phone),
        locale: clean(&person.locale),
        country: clean(&person.country),
        city: clean(&person.city),
        birth_year: None,
        joined_at: person.joined_at,
        source: Some(source_label.to_owned()),
        notes: None,
        identities: identities(person),
        tags: tags(person),
    };
    let id = create_member_with_id(w, MemberId(derived.to_owned()), &new)?;
    journal.inserted(SyncedTable::Members, id.as_str());
    journal_children(w, journal, &id)?;
    Ok(Resolved::Member {
        id,
        found: Found::Created,
    })
}

fn identities(person: &PersonIn) -> Vec<NewIdentity> {
    person
        .identities
        .iter()
        .filter(|i| !i.handle.trim().is_empty())
        .map(|i| NewIdentity {
            platform: i.platform.clone(),
            handle: i.handle.clone(),
            url: i.url.clone(),
            followers: i.followers,
        })
        .collect()
}

fn tags(person: &PersonIn) -> Vec<String> {
    let mut tags: Vec<String> = person
        .tags
        .iter()
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty())
        .collect();
    tags.sort();
    tags.dedup();
    tags
}

/// The live member at `id`, following merges; `None` when no such row exists.
fn follow(w: &Writer<'_>, id: &str) -> Result<Option<Resolved>, CoreError> {
    let mut current = id.to_owned();
    for _ in 0..16 {
        let row: Option<(Option<i64>, Option<String>)> = w
            .tx()
            .prepare_cached("SELECT deleted_at, merged_into FROM members WHERE id = ?1")?
            .query_row([&current], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        match row {
            None if current == id => return Ok(None),
            None => break,
            Some((None, _)) => {
                return Ok(Some(Resolved::Member {
                    id: MemberId(current),
                    found: Found::Previous,
                }));
            }
            Some((Some(_), Some(into))) => current = into,
            Some((Some(_), None)) => {
                return Ok(Some(Resolved::Skipped(kizuna_core::invalid_reason!(
                    "import.deleted",
                    "this person was deleted in Kizuna; restore them to import them again"
                ))));
            }
        }
    }
    Ok(Some(Resolved::Skipped(kizuna_core::invalid_reason!(
        "import.mergeUnfollowable",
        "this person's merged record could not be followed"
    ))))
}

fn erased(w: &Writer<'_>, id: &str) -> Result<bool, CoreError> {
    Ok(w.tx()
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM audit_log WHERE subject = ?1 AND action = 'member.erase')",
        )?
        .query_row([id], |r| r.get(0))?)
}

/// Journals the identities and tags `create_member` just gave a new member.
fn journal_children(w: &Writer<'_>, journal: &mut Journal, id: &MemberId) -> Result<(), CoreError> {
    for (table, sql) in [
        (
            SyncedTable::Identities,
            "SELECT id FROM identities WHERE member_id = ?1",
        ),
        (
            SyncedTable::MemberTags,
            "SELECT id FROM member_tags WHERE member_id = ?1",
        ),
    ] {
        let ids = w
            .tx()
            .prepare_cached(sql)?
            .query_map([id.as_str()], |r| r.get::<_, String>(0))?
            .collect::<Result<Vec<_>, _>>()?;
        for row in ids {
            journal.inserted(table, &row);
        }
    }
    Ok(())
}

/// Fills the blanks of an existing member and adds identities and tags they lack; returns
/// whether anything changed.
pub fn enrich(
    w: &mut Writer<'_>,
    journal: &mut Journal,
    id: &MemberId,
    person: &PersonIn,
) -> Result<bool, CoreError> {
    let current: [Option<String>; 6] = w
        .tx()
        .prepare_cached(
            "SELECT name_reading, email, phone, locale, country, city FROM members WHERE id = ?1",
        )?
        .query_row([id.as_str()], |r| {
            Ok([
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ])
        })?;
    let offered = [
        &person.name_reading,
        &person.email,
        &person.phone,
        &person.locale,
        &person.country,
        &person.city,
    ];
    let columns = [
        "name_reading",
        "email",
        "phone",
        "locale",
        "country",
        "city",
    ];
    let mut cells = Vec::new();
    let mut before = Map::new();
    for ((column, now), offer) in columns.iter().zip(&current).zip(offered) {
        if let (None, Some(value)) = (now, clean(offer)) {
            if *column == "email" && validate_email(&value).is_err() {
                continue;
            }
            before.insert((*column).to_owned(), json!([null, value]));
            cells.push((*column, Value::Text(value)));
        }
    }
    let mut changed = false;
    if !cells.is_empty() {
        w.update(SyncedTable::Members, id.as_str(), &cells)?;
        journal.updated(SyncedTable::Members, id.as_str(), before.into());
        changed = true;
    }
    for identity in identities(person) {
        let known: bool = w
            .tx()
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM identities WHERE member_id = ?1 AND platform = ?2
                 AND lower(handle) = lower(?3))",
            )?
            .query_row(
                [
                    id.as_str(),
                    &identity.platform.trim().to_lowercase(),
                    identity.handle.trim(),
                ],
                |r| r.get(0),
            )?;
        if !known {
            let added = add_identity(w, id, &identity)?;
            journal.inserted(SyncedTable::Identities, added.as_str());
            changed = true;
        }
    }
    for tag in tags(person) {
        let had: Option<String> = member_tag(w, id, &tag)?;
        if had.is_none() {
            tag_member(w, id, &tag)?;
            if let Some(row) = member_tag(w, id, &tag)? {
                journal.inserted(SyncedTable::MemberTags, &row);
            }
            changed = true;
        }
    }
    if changed {
        refresh_search(w, id)?;
    }
    Ok(changed)
}

fn member_tag(w: &Writer<'_>, id: &MemberId, tag: &str) -> Result<Option<String>, CoreError> {
    Ok(w.tx()
        .prepare_cached(
            "SELECT mt.id FROM member_tags mt JOIN tags t ON t.id = mt.tag_id
             WHERE mt.member_id = ?1 AND t.name = ?2",
        )?
        .query_row([id.as_str(), tag], |r| r.get(0))
        .optional()?)
}
