//! Recomputing stored scores and levels: a full pass over every activity, or an incremental one
//! that decays the stored scores and adds only what was logged since the last pass.

use std::collections::HashMap;

use rusqlite::types::{FromSqlError, Type, ValueRef};
use rusqlite::{Connection, OptionalExtension, Rows, params};
use serde::Serialize;
use ts_rs::TS;

use super::levels::Ladder;
use super::queries::{LevelChangeCause, record_level_change};
use super::{HalfLife, half_life};
use crate::error::Result;
use crate::store::Writer;

/// How a recompute goes about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecomputeMode {
    /// Decay the stored scores and add new activities; a full pass when that would be wrong.
    Incremental,
    /// Read every activity again.
    Full,
}

/// Why a recompute read every activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum FullReason {
    /// The caller asked for it.
    Requested,
    /// Scores had never been computed in this file.
    FirstRun,
    /// A weight or the half-life changed.
    RulesChanged,
    /// Activities already counted were edited, moved or deleted.
    HistoryEdited,
    /// "Now" is earlier than the stored scores.
    ClockWentBack,
}

/// What a recompute did.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RecomputeReport {
    /// Why every activity was read; `None` when the recompute was incremental.
    pub full: Option<FullReason>,
    /// The instant the scores are computed for (unix ms).
    #[ts(type = "number")]
    pub as_of: i64,
    /// Live members scored.
    pub members: u32,
    /// Activities read to do it.
    pub activities_read: u32,
    /// Members who moved up a level.
    pub promoted: u32,
    /// Members who moved down a level.
    pub demoted: u32,
}

impl RecomputeReport {
    /// Members whose level changed.
    pub fn changed_level(&self) -> u32 {
        self.promoted + self.demoted
    }
}

/// The weights and half-life a score is computed with.
#[derive(Debug, Clone)]
pub(crate) struct Rules {
    pub(crate) half_life: HalfLife,
    weights: HashMap<String, f64>,
}

impl Rules {
    /// The community's current weights and half-life.
    pub(crate) fn load(conn: &Connection) -> Result<Self> {
        let weights = conn
            .prepare_cached("SELECT key, weight FROM activity_types")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Self {
            half_life: half_life(conn)?,
            weights,
        })
    }

    /// The weight of an activity type (0 for a type that no longer exists).
    pub(crate) fn weight(&self, activity_type: &str) -> f64 {
        self.weights.get(activity_type).copied().unwrap_or(0.0)
    }

    /// What one activity adds to a score at `now_ms`.
    pub(crate) fn contribution(&self, activity_type: &str, occurred_at: i64, now_ms: i64) -> f64 {
        self.weight(activity_type) * self.half_life.decay(now_ms - occurred_at)
    }

    fn fingerprint(&self) -> String {
        let mut weights: Vec<String> = self
            .weights
            .iter()
            .map(|(k, w)| format!("{k}={:x}", w.to_bits()))
            .collect();
        weights.sort();
        format!(
            "half_life={:x};{}",
            self.half_life.days().to_bits(),
            weights.join(";")
        )
    }
}

/// Where the last recompute stopped.
#[derive(Debug, Clone)]
struct ScoreState {
    as_of: i64,
    last_activity_rowid: i64,
    rules: String,
    ladder: String,
    stale: bool,
}

fn load_state(conn: &Connection) -> Result<Option<ScoreState>> {
    Ok(conn
        .prepare_cached(
            "SELECT as_of, last_activity_rowid, rules, ladder, stale FROM score_state WHERE id = 1",
        )?
        .query_row([], |r| {
            Ok(ScoreState {
                as_of: r.get(0)?,
                last_activity_rowid: r.get(1)?,
                rules: r.get(2)?,
                ladder: r.get(3)?,
                stale: r.get(4)?,
            })
        })
        .optional()?)
}

/// A member's stored score before this recompute.
#[derive(Debug, Clone, Copy)]
struct Prior {
    score: f64,
    as_of: i64,
    rank: i64,
    last_activity_at: Option<i64>,
}

/// A member's score as it is being computed.
#[derive(Debug, Clone, Copy, Default)]
struct Tally {
    score: f64,
    last_activity_at: Option<i64>,
    /// Activities were added in this pass, so the stored row must be rewritten.
    added: bool,
    /// Scored from all their activities in this pass: nothing more to add.
    complete: bool,
}

impl Tally {
    fn add(&mut self, contribution: f64, occurred_at: i64) {
        self.score += contribution;
        self.last_activity_at = self.last_activity_at.max(Some(occurred_at));
        self.added = true;
    }
}

/// The scores one pass produced, before levels are placed.
struct Pass {
    scores: HashMap<String, Tally>,
    priors: HashMap<String, Prior>,
    activities_read: u32,
    /// What the stored scores were multiplied by (incremental only).
    decay: Option<f64>,
}

/// Whether stored scores need a recompute before they are shown: activities were added or
/// edited, weights, half-life or levels changed, the clock went back, or the scores are older
/// than `max_age_ms`. Time-only decay can wait: level changes it causes are dated at the exact
/// instant the score crossed the threshold whenever the recompute runs.
pub fn recompute_due(conn: &Connection, now_ms: i64, max_age_ms: i64) -> Result<bool> {
    let Some(state) = load_state(conn)? else {
        return Ok(true);
    };
    if state.stale || now_ms < state.as_of || now_ms - state.as_of > max_age_ms {
        return Ok(true);
    }
    let newest: i64 = conn
        .prepare_cached("SELECT coalesce(max(rowid), 0) FROM activities")?
        .query_row([], |r| r.get(0))?;
    Ok(newest > state.last_activity_rowid
        || Rules::load(conn)?.fingerprint() != state.rules
        || Ladder::load(conn)?.fingerprint() != state.ladder)
}

/// Recomputes every live member's score and level at `now_ms`, appending a level change for
/// each member who moved. Runs inside the caller's write; only local, derived tables change.
pub fn recompute(w: &Writer<'_>, now_ms: i64, mode: RecomputeMode) -> Result<RecomputeReport> {
    let tx: &Connection = w.tx();
    let rules = Rules::load(tx)?;
    let ladder = Ladder::load(tx)?;
    let state = load_state(tx)?;
    let (rules_print, ladder_print) = (rules.fingerprint(), ladder.fingerprint());
    let rules_changed = state
        .as_ref()
        .is_some_and(|s| s.rules != rules_print || s.ladder != ladder_print);
    let watermark: i64 =
        tx.query_row("SELECT coalesce(max(rowid), 0) FROM activities", [], |r| {
            r.get(0)
        })?;
    let full = match &state {
        None => Some(FullReason::FirstRun),
        Some(s) if s.rules != rules_print => Some(FullReason::RulesChanged),
        Some(s) if s.stale => Some(FullReason::HistoryEdited),
        Some(s) if now_ms < s.as_of => Some(FullReason::ClockWentBack),
        Some(_) if mode == RecomputeMode::Full => Some(FullReason::Requested),
        Some(_) => None,
    };
    let pass = match (&state, full) {
        (Some(state), None) => incremental_pass(tx, &rules, state, now_ms)?,
        _ => full_pass(tx, &rules, now_ms)?,
    };
    let judge = Judge {
        ladder: &ladder,
        half_life: rules.half_life,
        rules_changed,
        now_ms,
    };
    let report = place_and_store(tx, &judge, pass, full, now_ms)?;
    tx.prepare_cached(
        "INSERT INTO score_state (id, as_of, last_activity_rowid, rules, ladder, stale)
         VALUES (1, ?1, ?2, ?3, ?4, 0)
         ON CONFLICT (id) DO UPDATE SET as_of = excluded.as_of,
             last_activity_rowid = excluded.last_activity_rowid, rules = excluded.rules,
             ladder = excluded.ladder, stale = 0",
    )?
    .execute(params![now_ms, watermark, rules_print, ladder_print])?;
    tracing::info!(?report, "engagement scores recomputed");
    Ok(report)
}

fn load_priors(conn: &Connection) -> Result<HashMap<String, Prior>> {
    let mut stmt = conn.prepare_cached(
        "SELECT member_id, score, as_of, level_rank, last_activity_at FROM member_scores",
    )?;
    let priors = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                Prior {
                    score: r.get(1)?,
                    as_of: r.get(2)?,
                    rank: r.get(3)?,
                    last_activity_at: r.get(4)?,
                },
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(priors)
}

fn text<'a>(value: ValueRef<'a>, column: usize) -> rusqlite::Result<&'a str> {
    value.as_str().map_err(|e: FromSqlError| {
        rusqlite::Error::FromSqlConversionFailure(column, Type::Text, Box::new(e))
    })
}

/// Adds each `(member_id, activity_type, occurred_at)` row dated by `now_ms` to the member's
/// tally, skipping members not being scored or already complete; returns the rows read.
fn absorb(
    mut rows: Rows<'_>,
    rules: &Rules,
    now_ms: i64,
    scores: &mut HashMap<String, Tally>,
) -> Result<u32> {
    let mut read = 0u32;
    while let Some(row) = rows.next()? {
        read += 1;
        let occurred_at: i64 = row.get(2)?;
        if occurred_at > now_ms {
            continue;
        }
        if let Some(tally) = scores.get_mut(text(row.get_ref(0)?, 0)?)
            && !tally.complete
        {
            let activity_type = text(row.get_ref(1)?, 1)?;
            tally.add(
                rules.contribution(activity_type, occurred_at, now_ms),
                occurred_at,
            );
        }
    }
    Ok(read)
}

/// Scores every live member from all their activities.
fn full_pass(tx: &Connection, rules: &Rules, now_ms: i64) -> Result<Pass> {
    let priors = load_priors(tx)?;
    let mut scores: HashMap<String, Tally> = tx
        .prepare_cached("SELECT id FROM members WHERE deleted_at IS NULL")?
        .query_map([], |r| r.get::<_, String>(0))?
        .map(|id| id.map(|id| (id, Tally::default())))
        .collect::<rusqlite::Result<_>>()?;
    // A plain table scan: reading in rowid order beats any index for every row.
    let mut stmt =
        tx.prepare_cached("SELECT member_id, activity_type, occurred_at FROM activities")?;
    let activities_read = absorb(stmt.query([])?, rules, now_ms, &mut scores)?;
    Ok(Pass {
        scores,
        priors,
        activities_read,
        decay: None,
    })
}

/// Decays the stored scores to `now_ms` and adds what the last pass did not count: activities
/// past its watermark, activities it saw dated in its future, and members it had not scored.
fn incremental_pass(
    tx: &Connection,
    rules: &Rules,
    state: &ScoreState,
    now_ms: i64,
) -> Result<Pass> {
    tx.execute(
        "DELETE FROM member_scores
         WHERE member_id IN (SELECT id FROM members WHERE deleted_at IS NOT NULL)",
        [],
    )?;
    let priors = load_priors(tx)?;
    let factor = rules.half_life.decay(now_ms - state.as_of);
    let mut scores: HashMap<String, Tally> = priors
        .iter()
        .map(|(id, p)| {
            let tally = Tally {
                score: p.score * factor,
                last_activity_at: p.last_activity_at,
                ..Tally::default()
            };
            (id.clone(), tally)
        })
        .collect();
    let mut activities_read = 0;
    // New members, and members restored after a deletion: score them from all their activities.
    let unscored: Vec<String> = tx
        .prepare_cached(
            "SELECT id FROM members m WHERE deleted_at IS NULL
             AND NOT EXISTS (SELECT 1 FROM member_scores s WHERE s.member_id = m.id)",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut by_member = tx.prepare_cached(
        "SELECT member_id, activity_type, occurred_at FROM activities WHERE member_id = ?1",
    )?;
    for id in unscored {
        scores.insert(id.clone(), Tally::default());
        activities_read += absorb(by_member.query([&id])?, rules, now_ms, &mut scores)?;
        if let Some(tally) = scores.get_mut(&id) {
            tally.added = true;
            tally.complete = true;
        }
    }
    let mut added = tx.prepare_cached(
        "SELECT member_id, activity_type, occurred_at FROM activities
         WHERE rowid > ?1 AND occurred_at <= ?2",
    )?;
    activities_read += absorb(
        added.query(params![state.last_activity_rowid, now_ms])?,
        rules,
        now_ms,
        &mut scores,
    )?;
    let mut came_due = tx.prepare_cached(
        "SELECT member_id, activity_type, occurred_at FROM activities
         WHERE occurred_at > ?1 AND occurred_at <= ?2 AND rowid <= ?3",
    )?;
    activities_read += absorb(
        came_due.query(params![state.as_of, now_ms, state.last_activity_rowid])?,
        rules,
        now_ms,
        &mut scores,
    )?;
    Ok(Pass {
        scores,
        priors,
        activities_read,
        decay: Some(factor),
    })
}

/// A level change before it is stored.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct NewLevelChange {
    pub(crate) member_id: String,
    pub(crate) from_rank: i64,
    pub(crate) to_rank: i64,
    pub(crate) at: i64,
    pub(crate) score: f64,
    pub(crate) cause: LevelChangeCause,
}

/// Decides each member's level and the level changes that lead there.
struct Judge<'a> {
    ladder: &'a Ladder,
    half_life: HalfLife,
    rules_changed: bool,
    now_ms: i64,
}

impl Judge<'_> {
    /// The member's new rank and the changes recorded on the way.
    fn judge(
        &self,
        member_id: &str,
        prior: Option<&Prior>,
        score: f64,
    ) -> (i64, Vec<NewLevelChange>) {
        let current = prior.map_or(self.ladder.lowest_rank(), |p| p.rank);
        let rank = self.ladder.settle(score, current);
        if rank == current {
            return (rank, vec![]);
        }
        let change = |from_rank, to_rank, at, score, cause| NewLevelChange {
            member_id: member_id.to_owned(),
            from_rank,
            to_rank,
            at,
            score,
            cause,
        };
        let now = self.now_ms;
        let single = |cause| vec![change(current, rank, now, score, cause)];
        let changes = match prior {
            _ if self.rules_changed => single(LevelChangeCause::Rules),
            _ if rank > current => single(LevelChangeCause::Activity),
            None => single(LevelChangeCause::Activity),
            Some(p) => {
                let decayed = p.score * self.half_life.decay((now - p.as_of).max(0));
                if score < decayed * (1.0 - 1e-9) {
                    single(LevelChangeCause::History)
                } else {
                    self.decay_steps(member_id, p, current, rank)
                }
            }
        };
        (rank, changes)
    }

    /// One demotion per threshold the decaying score fell below, each dated at the instant it
    /// reached that threshold: score × 0.5^(Δt / half-life) = threshold.
    fn decay_steps(&self, member_id: &str, p: &Prior, from: i64, to: i64) -> Vec<NewLevelChange> {
        let mut steps = vec![];
        let mut rank = from;
        while rank > to {
            let (Some(level), Some(below)) = (self.ladder.level(rank), self.ladder.below(rank))
            else {
                break;
            };
            let threshold = level.min_score;
            let at = if threshold > 0.0 && p.score > threshold {
                let elapsed = self.half_life.millis() * (p.score / threshold).log2();
                (p.as_of + elapsed.round() as i64).clamp(p.as_of, self.now_ms)
            } else {
                self.now_ms
            };
            let next = below.rank.max(to);
            steps.push(NewLevelChange {
                member_id: member_id.to_owned(),
                from_rank: rank,
                to_rank: next,
                at,
                score: threshold,
                cause: LevelChangeCause::Decay,
            });
            rank = next;
        }
        steps
    }
}

/// Places every scored member, stores scores, levels and level changes, and reports.
fn place_and_store(
    tx: &Connection,
    judge: &Judge<'_>,
    pass: Pass,
    full: Option<FullReason>,
    now_ms: i64,
) -> Result<RecomputeReport> {
    let mut report = RecomputeReport {
        full,
        as_of: now_ms,
        members: u32::try_from(pass.scores.len()).unwrap_or(u32::MAX),
        activities_read: pass.activities_read,
        promoted: 0,
        demoted: 0,
    };
    let mut changes = vec![];
    let mut rows = vec![];
    for (member_id, tally) in &pass.scores {
        let prior = pass.priors.get(member_id);
        let (rank, steps) = judge.judge(member_id, prior, tally.score);
        let current = prior.map_or(judge.ladder.lowest_rank(), |p| p.rank);
        report.promoted += u32::from(rank > current);
        report.demoted += u32::from(rank < current);
        let rewrite = pass.decay.is_none() || prior.is_none_or(|p| p.rank != rank);
        if rewrite || tally.added {
            rows.push((member_id.as_str(), tally, rank));
        }
        changes.extend(steps);
    }
    match pass.decay {
        // Same multiplication as the pass did in memory, so untouched rows match it bit for bit.
        Some(factor) => {
            tx.prepare_cached("UPDATE member_scores SET score = score * ?1, as_of = ?2")?
                .execute(params![factor, now_ms])?;
        }
        None => {
            tx.execute("DELETE FROM member_scores", [])?;
        }
    }
    write_rows(tx, &rows, now_ms)?;
    changes.sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.member_id.cmp(&b.member_id)));
    for change in &changes {
        record_level_change(tx, change)?;
    }
    Ok(report)
}

fn write_rows(tx: &Connection, rows: &[(&str, &Tally, i64)], now_ms: i64) -> Result<()> {
    let mut upsert = tx.prepare_cached(
        "INSERT INTO member_scores (member_id, score, as_of, level_rank, last_activity_at)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (member_id) DO UPDATE SET score = excluded.score, as_of = excluded.as_of,
             level_rank = excluded.level_rank, last_activity_at = excluded.last_activity_at",
    )?;
    for (member_id, tally, rank) in rows {
        upsert.execute(params![
            member_id,
            tally.score,
            now_ms,
            rank,
            tally.last_activity_at
        ])?;
    }
    Ok(())
}
