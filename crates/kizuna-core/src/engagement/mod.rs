//! Engagement: explainable scores with time decay, and editable levels with their history.
//!
//! **Score.** A member's score at time `now` is the sum, over their activities that happened
//! by `now`, of the activity type's weight × 0.5^(age / half-life). The half-life is a synced
//! community setting (default 90 days); weights live on `activity_types`. Deleted members have
//! no score; activities dated after `now` count from the moment they happen.
//!
//! **Recompute.** Scores are stored in the local, derived `member_scores` table (never synced,
//! rebuilt by a full recompute). Because decay is exponential, score(t2) = score(t1) ×
//! 0.5^((t2 − t1) / half-life) + what was added since, so an incremental recompute decays the
//! stored scores and adds only the activities past its watermark (the highest `activities`
//! rowid read). It falls back to a full pass when the weights or half-life changed, when
//! activities it had read were edited or deleted (triggers mark the scores stale), or when the
//! clock is earlier than the stored scores.
//!
//! **Levels.** Absolute thresholds the manager edits (`levels`, synced). Each recompute places
//! every member and appends a `level_changes` row for each move, with its cause:
//! - `activity`: the member gained points (new activity) and moved, dated at the recompute;
//! - `decay`: time alone lowered the score below a threshold. Each threshold crossed gets its
//!   own row dated at the instant the decaying score reached it (computed exactly from the
//!   half-life), so the history is the same whether recomputes run hourly or monthly;
//! - `rules`: the weights, half-life or thresholds changed, dated at the recompute;
//! - `history`: counted activities were removed or moved (e.g. a merge), dated at the recompute.
//!
//! A recompute with no new data and the same `now` changes nothing, and a score within 1e-9
//! (relative) of a threshold keeps the member's current level, so rounding never moves anyone.

mod explain;
mod levels;
mod queries;
mod score;

use rusqlite::Connection;
use rusqlite::types::Value;
use serde::Serialize;
use ts_rs::TS;

use crate::error::{CoreError, Result};
use crate::settings;
use crate::store::{SyncedTable, Writer};

pub use explain::{ScoreExplanation, TypeContribution, explain};
pub use levels::{
    DEFAULT_LEVELS, DefaultLevel, Ladder, Level, LevelInput, ensure_default_levels, levels,
    set_levels, validate_levels,
};
pub use queries::{
    Direction, LevelChange, LevelChangeCause, LevelCount, ScoredMember, level_distribution,
    level_history, member_score, top_members,
};
pub use score::{FullReason, RecomputeMode, RecomputeReport, recompute, recompute_due};

/// Settings key of the half-life, in days.
pub const HALF_LIFE_KEY: &str = "engagement.half_life_days";
/// The highest weight an activity type may carry.
pub const MAX_WEIGHT: f64 = 1_000.0;

const DAY_MS: f64 = 86_400_000.0;

/// How fast engagement fades: an activity counts half as much after one half-life.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HalfLife {
    days: f64,
}

impl HalfLife {
    /// The half-life of a new community.
    pub const DEFAULT: HalfLife = HalfLife { days: 90.0 };
    /// The shortest half-life allowed, in days.
    pub const MIN_DAYS: f64 = 1.0;
    /// The longest half-life allowed, in days (ten years).
    pub const MAX_DAYS: f64 = 3_650.0;

    /// A half-life of `days` days, between [`Self::MIN_DAYS`] and [`Self::MAX_DAYS`].
    pub fn from_days(days: f64) -> Result<Self> {
        if !days.is_finite() || !(Self::MIN_DAYS..=Self::MAX_DAYS).contains(&days) {
            return Err(crate::invalid!(
                "engagement.halfLifeRange",
                "the score half-life must be between {min} and {max} days (got {days})",
                min = Self::MIN_DAYS,
                max = Self::MAX_DAYS,
                days
            ));
        }
        Ok(Self { days })
    }

    /// The half-life in days.
    pub fn days(self) -> f64 {
        self.days
    }

    /// The half-life in milliseconds.
    pub fn millis(self) -> f64 {
        self.days * DAY_MS
    }

    /// The factor a score shrinks by over `elapsed_ms` (1 for no time, ½ for one half-life).
    pub fn decay(self, elapsed_ms: i64) -> f64 {
        (-(elapsed_ms as f64) / self.millis()).exp2()
    }
}

/// The community's half-life (the default until a manager sets one).
pub fn half_life(conn: &Connection) -> Result<HalfLife> {
    match settings::get(conn, HALF_LIFE_KEY)? {
        None => Ok(HalfLife::DEFAULT),
        Some(text) => text
            .trim()
            .parse::<f64>()
            .map_err(|_| {
                crate::invalid!(
                    "engagement.storedHalfLife",
                    "the stored score half-life \"{text}\" is not a number of days; set it again",
                    text
                )
            })
            .and_then(HalfLife::from_days),
    }
}

/// Sets the community's half-life; the next recompute is a full one.
pub fn set_half_life(w: &mut Writer<'_>, half_life: HalfLife) -> Result<()> {
    settings::set(w, HALF_LIFE_KEY, &half_life.days().to_string())
}

/// Sets the score weight of an activity type; the next recompute is a full one.
pub fn set_weight(w: &mut Writer<'_>, activity_type: &str, weight: f64) -> Result<()> {
    // Adding 0.0 turns -0.0 into 0.0, so a "zero" weight is stored one way.
    let weight = weight + 0.0;
    if !weight.is_finite() || !(0.0..=MAX_WEIGHT).contains(&weight) {
        return Err(crate::invalid!(
            "engagement.weightRange",
            "the weight of \"{activity_type}\" must be between 0 and {max} (got {weight})",
            activity_type,
            max = MAX_WEIGHT,
            weight
        ));
    }
    let (id, current): (String, f64) = w
        .tx()
        .prepare_cached("SELECT id, weight FROM activity_types WHERE key = ?1")?
        .query_row([activity_type], |r| Ok((r.get(0)?, r.get(1)?)))
        .map_err(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => CoreError::NotFound {
                what: "activity type",
                id: activity_type.to_owned(),
            },
            other => other.into(),
        })?;
    if current.to_bits() == weight.to_bits() {
        return Ok(());
    }
    w.update(
        SyncedTable::ActivityTypes,
        &id,
        &[("weight", Value::Real(weight))],
    )
}
