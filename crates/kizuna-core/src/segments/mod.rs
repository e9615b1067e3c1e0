//! Segments: a rule tree over member fields, tags, traits, platforms, level, score, activity,
//! event attendance and campaign participation, with AND/OR groups. A tree is validated, compiled
//! into one parameterised SQL query over live members, counted (live counts while editing),
//! listed, exported as CSV, and saved by name.

mod choices;
mod export;
mod rules;
mod sql;
mod store;
mod trait_rule;
mod validate;

use rusqlite::Connection;

use crate::error::Result;
use crate::influencers::influencer_thresholds;
use crate::members::{MAX_PAGE, MEMBER_ROW_COLUMNS, MemberPage, member_row};

pub use choices::{ActivityTypeChoice, NamedChoice, SegmentChoices, segment_choices};
pub use export::{CSV_HEADER, export_csv};
pub use rules::{
    ActivityRule, AttendanceRule, CampaignRule, CompareOp, FieldOp, FieldRule, FieldType, Group,
    GroupOp, LevelRule, MemberField, Node, Operand, PlatformRule, RulePath, ScoreRule, TagOp,
    TagRule, parse_rules,
};
pub use store::{
    SavedSegment, SegmentSummary, create_segment, delete_segment, get_segment, list_segments,
    update_segment,
};
pub use trait_rule::{TraitOp, TraitRule};
pub use validate::{MAX_DAYS, MAX_DEPTH, validate};

/// How many live members match `group` as of `now_ms`.
pub fn count_segment(conn: &Connection, group: &Group, now_ms: i64) -> Result<u32> {
    validate(conn, group)?;
    let compiled = sql::compile(conn, group, now_ms)?;
    let query = format!(
        "SELECT count(*) FROM members m WHERE m.deleted_at IS NULL AND {}",
        compiled.condition
    );
    Ok(conn
        .prepare(&query)?
        .query_row(rusqlite::params_from_iter(&compiled.params), |r| r.get(0))?)
}

/// The ids of every live member matching `group` as of `now_ms`, in id order.
pub fn segment_member_ids(conn: &Connection, group: &Group, now_ms: i64) -> Result<Vec<String>> {
    validate(conn, group)?;
    let compiled = sql::compile(conn, group, now_ms)?;
    let query = format!(
        "SELECT m.id FROM members m WHERE m.deleted_at IS NULL AND {} ORDER BY m.id",
        compiled.condition
    );
    let ids = conn
        .prepare(&query)?
        .query_map(rusqlite::params_from_iter(&compiled.params), |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(ids)
}

/// One page of the members matching `group`, in the Members list's order (reading, then id).
pub fn segment_members(
    conn: &Connection,
    group: &Group,
    now_ms: i64,
    offset: u32,
    limit: u32,
) -> Result<MemberPage> {
    let total = count_segment(conn, group, now_ms)?;
    let compiled = sql::compile(conn, group, now_ms)?;
    let thresholds = influencer_thresholds(conn)?;
    let query = format!(
        "SELECT {MEMBER_ROW_COLUMNS}
         FROM members m WHERE m.deleted_at IS NULL AND {}
         ORDER BY m.sort_key, m.id
         LIMIT {} OFFSET {offset}",
        compiled.condition,
        limit.min(MAX_PAGE),
    );
    let rows = conn
        .prepare(&query)?
        .query_map(rusqlite::params_from_iter(&compiled.params), |r| {
            member_row(r, &thresholds)
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(MemberPage {
        total,
        offset,
        rows,
    })
}
