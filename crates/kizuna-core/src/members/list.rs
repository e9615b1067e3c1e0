//! The paged Members list and the member 360 detail.

use rusqlite::{Connection, OptionalExtension, params};

use super::{
    Identity, MAX_PAGE, Member, MemberDetail, MemberPage, MemberRow, TIMELINE_LIMIT, TimelineEntry,
};
use crate::error::{CoreError, Result};
use crate::influencers::{InfluencerThresholds, influencer_thresholds};
use crate::search_text::{glob_pattern, like_pattern};

/// The columns [`member_row`] reads, selected from `members m`.
pub(crate) const MEMBER_ROW_COLUMNS: &str =
    "m.id, m.display_name, m.name_reading, m.email, m.joined_at,
    (SELECT group_concat(DISTINCT platform) FROM identities i WHERE i.member_id = m.id),
    (SELECT max(followers) FROM identities i WHERE i.member_id = m.id),
    (SELECT max(occurred_at) FROM activities a WHERE a.member_id = m.id)";

/// One Members-list row from a query selecting [`MEMBER_ROW_COLUMNS`], tiered by `thresholds`.
pub(crate) fn member_row(
    r: &rusqlite::Row<'_>,
    thresholds: &InfluencerThresholds,
) -> rusqlite::Result<MemberRow> {
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
        tier: max_followers.and_then(|f| thresholds.tier(f)),
        last_active_at: r.get(7)?,
    })
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
    let thresholds = influencer_thresholds(conn)?;
    // Three or more characters go through the trigram index; shorter ones scan.
    let (filter, pattern) = match (search.trim().is_empty(), glob_pattern(search)) {
        (true, _) => ("", String::new()),
        (false, Some(glob)) => (
            " AND rowid IN (SELECT rowid FROM members_search WHERE search_text GLOB ?1)",
            glob,
        ),
        (false, None) => (" AND search_text LIKE ?1 ESCAPE '\\'", like_pattern(search)),
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
        "SELECT {MEMBER_ROW_COLUMNS}
         FROM members m
         WHERE deleted_at IS NULL{filter}
         ORDER BY sort_key, id
         LIMIT {limit} OFFSET {offset}"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt
        .query_map(
            rusqlite::params_from_iter(filter_params(filter, &pattern)),
            |r| member_row(r, &thresholds),
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

/// The member 360: profile, identities, tags and the newest activities. A deleted member is
/// shown (with `deleted_at`) so they can be restored; one merged into another is `NotFound`.
pub fn member_detail(conn: &Connection, id: &str) -> Result<MemberDetail> {
    let member = conn
        .prepare_cached(
            "SELECT id, display_name, name_reading, email, phone, locale, country, city,
                    birth_year, joined_at, source, notes, deleted_at
             FROM members WHERE id = ?1 AND merged_into IS NULL",
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
                deleted_at: r.get(12)?,
            })
        })
        .optional()?
        .ok_or_else(|| CoreError::NotFound {
            what: "member",
            id: id.to_owned(),
        })?;
    let thresholds = influencer_thresholds(conn)?;
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
                tier: followers.and_then(|f| thresholds.tier(f)),
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
    let traits = super::member_traits(conn, id)?;
    Ok(MemberDetail {
        member,
        identities,
        tags,
        traits,
        timeline,
        activity_count,
    })
}
