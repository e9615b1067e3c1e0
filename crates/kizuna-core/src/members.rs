//! Members and their platform identities: creation with validation, the paged list behind the
//! Members screen, and the member 360 detail.

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{CoreError, Result};
use crate::ids::{IdentityId, MemberId, TagId};
use crate::search_text::{fold, like_pattern};
use crate::store::{SyncedTable, Writer};

/// A member's profile.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Member {
    pub id: String,
    pub display_name: String,
    pub name_reading: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub locale: Option<String>,
    pub country: Option<String>,
    pub city: Option<String>,
    pub birth_year: Option<i32>,
    #[ts(type = "number")]
    pub joined_at: i64,
    pub source: Option<String>,
    pub notes: Option<String>,
}

/// What is needed to add a member, with their identities.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct NewMember {
    pub display_name: String,
    pub name_reading: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub locale: Option<String>,
    pub country: Option<String>,
    pub city: Option<String>,
    pub birth_year: Option<i32>,
    /// Unix ms; `None` means "now".
    pub joined_at: Option<i64>,
    pub source: Option<String>,
    pub notes: Option<String>,
    pub identities: Vec<NewIdentity>,
    pub tags: Vec<String>,
}

/// One account of a member on a platform.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct NewIdentity {
    pub platform: String,
    pub handle: String,
    pub url: Option<String>,
    pub followers: Option<u64>,
}

/// A member's account on one platform, as shown.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Identity {
    pub id: String,
    pub platform: String,
    pub handle: String,
    pub url: Option<String>,
    #[ts(type = "number | null")]
    pub followers: Option<i64>,
    pub tier: Option<InfluencerTier>,
}

/// Influencer tier by follower count. Below 1,000 followers a member is not counted as an
/// influencer; nano is 1k–10k, micro 10k–100k, mid 100k–1M, macro above.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum InfluencerTier {
    Nano,
    Micro,
    Mid,
    Macro,
}

impl InfluencerTier {
    /// The tier for a follower count, if any.
    pub fn from_followers(followers: i64) -> Option<Self> {
        match followers {
            f if f >= 1_000_000 => Some(Self::Macro),
            f if f >= 100_000 => Some(Self::Mid),
            f if f >= 10_000 => Some(Self::Micro),
            f if f >= 1_000 => Some(Self::Nano),
            _ => None,
        }
    }
}

/// One row of the Members list.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MemberRow {
    pub id: String,
    pub display_name: String,
    pub name_reading: Option<String>,
    pub email: Option<String>,
    pub platforms: Vec<String>,
    #[ts(type = "number | null")]
    pub max_followers: Option<i64>,
    pub tier: Option<InfluencerTier>,
    #[ts(type = "number")]
    pub joined_at: i64,
    #[ts(type = "number | null")]
    pub last_active_at: Option<i64>,
}

/// A window of the Members list and the total number of matches.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MemberPage {
    pub total: u32,
    pub offset: u32,
    pub rows: Vec<MemberRow>,
}

/// One entry of a member's activity timeline.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TimelineEntry {
    pub id: String,
    pub activity_type: String,
    pub label_en: String,
    pub label_ja: String,
    #[ts(type = "number")]
    pub occurred_at: i64,
    pub platform: Option<String>,
    pub url: Option<String>,
    pub event_title: Option<String>,
}

/// Everything the member 360 view shows.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MemberDetail {
    pub member: Member,
    pub identities: Vec<Identity>,
    pub tags: Vec<String>,
    pub timeline: Vec<TimelineEntry>,
    pub activity_count: u32,
}

/// The most timeline entries the detail view loads at once.
pub const TIMELINE_LIMIT: u32 = 500;
/// The most rows one page of the Members list may ask for.
pub const MAX_PAGE: u32 = 1_000;

fn text(v: &Option<String>) -> Value {
    match v.as_deref().map(str::trim) {
        Some(s) if !s.is_empty() => Value::Text(s.to_owned()),
        _ => Value::Null,
    }
}

fn validate(new: &NewMember) -> Result<()> {
    if new.display_name.trim().is_empty() {
        return Err(CoreError::InvalidInput("a member needs a name".to_owned()));
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
        Err(CoreError::InvalidInput(format!(
            "\"{email}\" is not a valid email address"
        )))
    }
}

fn validate_identity(identity: &NewIdentity) -> Result<()> {
    if identity.platform.trim().is_empty() || identity.handle.trim().is_empty() {
        return Err(CoreError::InvalidInput(
            "an identity needs a platform and a handle".to_owned(),
        ));
    }
    if identity
        .followers
        .is_some_and(|f| i64::try_from(f).is_err())
    {
        return Err(CoreError::InvalidInput(
            "the follower count is too large".to_owned(),
        ));
    }
    Ok(())
}

/// Adds a member with their identities and tags; returns the new id.
pub fn create_member(w: &mut Writer<'_>, new: &NewMember) -> Result<MemberId> {
    validate(new)?;
    let id = MemberId::new();
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
    let followers = new
        .followers
        .map(i64::try_from)
        .transpose()
        .map_err(|_| CoreError::InvalidInput("the follower count is too large".to_owned()))?;
    w.insert(
        SyncedTable::Identities,
        id.as_str(),
        &[
            ("member_id", Value::Text(member.to_string())),
            ("platform", Value::Text(new.platform.trim().to_lowercase())),
            ("handle", Value::Text(new.handle.trim().to_owned())),
            ("url", text(&new.url)),
            ("followers", followers.map_or(Value::Null, Value::Integer)),
        ],
    )?;
    Ok(id)
}

/// Puts a tag (created on first use) on a member; tagging twice is a no-op.
pub fn tag_member(w: &mut Writer<'_>, member: &MemberId, tag: &str) -> Result<()> {
    let name = tag.trim();
    if name.is_empty() {
        return Err(CoreError::InvalidInput("a tag needs a name".to_owned()));
    }
    let existing: Option<String> = w
        .tx()
        .prepare_cached("SELECT id FROM tags WHERE name = ?1")?
        .query_row([name], |r| r.get(0))
        .optional()?;
    let tag_id = match existing {
        Some(id) => id,
        None => {
            let id = TagId::new().0;
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
            &uuid::Uuid::now_v7().to_string(),
            &[
                ("member_id", Value::Text(member.to_string())),
                ("tag_id", Value::Text(tag_id)),
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

/// One page of live members in reading order, filtered by `search` (name, reading, email or
/// handle, folded for case, width and kana).
pub fn list_members(
    conn: &Connection,
    search: &str,
    offset: u32,
    limit: u32,
) -> Result<MemberPage> {
    let limit = limit.min(MAX_PAGE);
    let pattern = like_pattern(search);
    let filter = if search.trim().is_empty() {
        ""
    } else {
        " AND search_text LIKE ?1 ESCAPE '\\'"
    };
    let total: u32 = conn
        .prepare_cached(&format!(
            "SELECT count(*) FROM members WHERE deleted_at IS NULL{filter}"
        ))?
        .query_row(
            rusqlite::params_from_iter(filter_params(filter, &pattern)),
            |r| r.get(0),
        )?;
    let sql = format!(
        "SELECT m.id, m.display_name, m.name_reading, m.email, m.joined_at,
                (SELECT group_concat(DISTINCT platform) FROM identities i WHERE i.member_id = m.id),
                (SELECT max(followers) FROM identities i WHERE i.member_id = m.id),
                (SELECT max(occurred_at) FROM activities a WHERE a.member_id = m.id)
         FROM members m
         WHERE deleted_at IS NULL{filter}
         ORDER BY sort_key, id
         LIMIT {limit} OFFSET {offset}"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt
        .query_map(
            rusqlite::params_from_iter(filter_params(filter, &pattern)),
            |r| {
                let platforms: Option<String> = r.get(5)?;
                let max_followers: Option<i64> = r.get(6)?;
                Ok(MemberRow {
                    id: r.get(0)?,
                    display_name: r.get(1)?,
                    name_reading: r.get(2)?,
                    email: r.get(3)?,
                    joined_at: r.get(4)?,
                    platforms: platforms
                        .map(|p| p.split(',').map(str::to_owned).collect())
                        .unwrap_or_default(),
                    max_followers,
                    tier: max_followers.and_then(InfluencerTier::from_followers),
                    last_active_at: r.get(7)?,
                })
            },
        )?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(MemberPage {
        total,
        offset,
        rows,
    })
}

fn filter_params<'a>(filter: &str, pattern: &'a str) -> Vec<&'a str> {
    if filter.is_empty() {
        vec![]
    } else {
        vec![pattern]
    }
}

/// The member 360: profile, identities, tags and the newest activities.
pub fn member_detail(conn: &Connection, id: &str) -> Result<MemberDetail> {
    let member = conn
        .prepare_cached(
            "SELECT id, display_name, name_reading, email, phone, locale, country, city,
                    birth_year, joined_at, source, notes
             FROM members WHERE id = ?1 AND deleted_at IS NULL",
        )?
        .query_row([id], |r| {
            Ok(Member {
                id: r.get(0)?,
                display_name: r.get(1)?,
                name_reading: r.get(2)?,
                email: r.get(3)?,
                phone: r.get(4)?,
                locale: r.get(5)?,
                country: r.get(6)?,
                city: r.get(7)?,
                birth_year: r.get(8)?,
                joined_at: r.get(9)?,
                source: r.get(10)?,
                notes: r.get(11)?,
            })
        })
        .optional()?
        .ok_or_else(|| CoreError::NotFound {
            what: "member",
            id: id.to_owned(),
        })?;
    let identities = conn
        .prepare_cached(
            "SELECT id, platform, handle, url, followers FROM identities
             WHERE member_id = ?1 ORDER BY followers DESC NULLS LAST, platform",
        )?
        .query_map([id], |r| {
            let followers: Option<i64> = r.get(4)?;
            Ok(Identity {
                id: r.get(0)?,
                platform: r.get(1)?,
                handle: r.get(2)?,
                url: r.get(3)?,
                followers,
                tier: followers.and_then(InfluencerTier::from_followers),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let tags = conn
        .prepare_cached(
            "SELECT t.name FROM member_tags mt JOIN tags t ON t.id = mt.tag_id
             WHERE mt.member_id = ?1 ORDER BY t.name",
        )?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    let timeline = conn
        .prepare_cached(
            "SELECT a.id, a.activity_type, t.label_en, t.label_ja, a.occurred_at, a.platform,
                    a.url, e.title
             FROM activities a
             JOIN activity_types t ON t.key = a.activity_type
             LEFT JOIN events e ON e.id = a.event_id
             WHERE a.member_id = ?1
             ORDER BY a.occurred_at DESC, a.id DESC
             LIMIT ?2",
        )?
        .query_map(params![id, TIMELINE_LIMIT], |r| {
            Ok(TimelineEntry {
                id: r.get(0)?,
                activity_type: r.get(1)?,
                label_en: r.get(2)?,
                label_ja: r.get(3)?,
                occurred_at: r.get(4)?,
                platform: r.get(5)?,
                url: r.get(6)?,
                event_title: r.get(7)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let activity_count = conn
        .prepare_cached("SELECT count(*) FROM activities WHERE member_id = ?1")?
        .query_row([id], |r| r.get(0))?;
    Ok(MemberDetail {
        member,
        identities,
        tags,
        timeline,
        activity_count,
    })
}
