//! "Why is this member a 4?": a member's score broken down by activity type, with their level
//! and what the next level needs.

use std::collections::BTreeMap;

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use ts_rs::TS;

use super::levels::{Ladder, Level};
use super::score::Rules;
use crate::error::{CoreError, Result};

/// What one activity type adds to a member's score.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TypeContribution {
    pub activity_type: String,
    pub label_en: String,
    pub label_ja: String,
    /// Activities of this type counted (those dated by `asOf`).
    pub count: u32,
    pub weight: f64,
    /// Σ weight × 0.5^(age / half-life) over these activities.
    pub contribution: f64,
    /// This type's part of the score, from 0 to 1 (0 when the score is 0).
    pub share: f64,
    #[ts(type = "number | null")]
    pub last_at: Option<i64>,
}

/// A member's score at one instant, explained.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ScoreExplanation {
    pub member_id: String,
    pub display_name: String,
    /// The sum of `byType[].contribution`.
    pub score: f64,
    /// The instant the score is computed for (unix ms).
    #[ts(type = "number")]
    pub as_of: i64,
    pub half_life_days: f64,
    pub level: Level,
    /// The level above, if any.
    pub next_level: Option<Level>,
    /// Points still needed to reach `nextLevel` (at `asOf`).
    pub points_to_next: Option<f64>,
    /// Activities counted.
    pub activity_count: u32,
    /// Contributions per activity type, largest first.
    pub by_type: Vec<TypeContribution>,
}

/// Explains `member_id`'s score at `now_ms` from their activities and the current weights,
/// half-life and levels.
pub fn explain(conn: &Connection, member_id: &str, now_ms: i64) -> Result<ScoreExplanation> {
    let display_name: String = conn
        .prepare_cached("SELECT display_name FROM members WHERE id = ?1 AND deleted_at IS NULL")?
        .query_row([member_id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| CoreError::NotFound {
            what: "member",
            id: member_id.to_owned(),
        })?;
    let rules = Rules::load(conn)?;
    let ladder = Ladder::load(conn)?;
    let mut by_key: BTreeMap<String, TypeContribution> = BTreeMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT a.activity_type, a.occurred_at, coalesce(t.label_en, a.activity_type),
                coalesce(t.label_ja, a.activity_type)
         FROM activities a LEFT JOIN activity_types t ON t.key = a.activity_type
         WHERE a.member_id = ?1 AND a.occurred_at <= ?2",
    )?;
    let mut rows = stmt.query(params![member_id, now_ms])?;
    while let Some(row) = rows.next()? {
        let key: String = row.get(0)?;
        let occurred_at: i64 = row.get(1)?;
        if !by_key.contains_key(&key) {
            let first = TypeContribution {
                weight: rules.weight(&key),
                activity_type: key.clone(),
                label_en: row.get(2)?,
                label_ja: row.get(3)?,
                count: 0,
                contribution: 0.0,
                share: 0.0,
                last_at: None,
            };
            by_key.insert(key.clone(), first);
        }
        let Some(entry) = by_key.get_mut(&key) else {
            continue;
        };
        entry.count += 1;
        entry.contribution += rules.contribution(&key, occurred_at, now_ms);
        entry.last_at = entry.last_at.max(Some(occurred_at));
    }
    let mut by_type: Vec<TypeContribution> = by_key.into_values().collect();
    let score: f64 = by_type.iter().map(|t| t.contribution).sum();
    for t in &mut by_type {
        t.share = if score > 0.0 {
            t.contribution / score
        } else {
            0.0
        };
    }
    by_type.sort_by(|a, b| {
        b.contribution
            .total_cmp(&a.contribution)
            .then_with(|| a.activity_type.cmp(&b.activity_type))
    });
    let stored_rank: Option<i64> = conn
        .prepare_cached("SELECT level_rank FROM member_scores WHERE member_id = ?1")?
        .query_row([member_id], |r| r.get(0))
        .optional()?;
    let rank = match stored_rank {
        Some(current) => ladder.settle(score, current),
        None => ladder.place(score).rank,
    };
    let level = ladder
        .level(rank)
        .unwrap_or_else(|| ladder.place(score))
        .clone();
    let next_level = ladder.above(level.rank).cloned();
    Ok(ScoreExplanation {
        member_id: member_id.to_owned(),
        display_name,
        score,
        as_of: now_ms,
        half_life_days: rules.half_life.days(),
        points_to_next: next_level.as_ref().map(|n| (n.min_score - score).max(0.0)),
        level,
        next_level,
        activity_count: by_type.iter().map(|t| t.count).sum(),
        by_type,
    })
}
