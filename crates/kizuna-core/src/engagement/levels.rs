//! Levels: absolute score thresholds a manager can edit, seeded with five defaults, and the
//! ladder that places a score on them.

use rusqlite::Connection;
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::Result;
use crate::store::{SyncedTable, Writer};

/// A level as stored and shown.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Level {
    pub id: String,
    /// 1 for the lowest level, increasing upwards.
    #[ts(type = "number")]
    pub rank: i64,
    pub key: String,
    pub label_en: String,
    pub label_ja: String,
    /// The score a member needs to reach this level.
    pub min_score: f64,
}

/// One level as a manager edits it; its rank is its position in the list (lowest first).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LevelInput {
    pub key: String,
    pub label_en: String,
    pub label_ja: String,
    pub min_score: f64,
}

/// A level every community starts with.
#[derive(Debug, Clone, Copy)]
pub struct DefaultLevel {
    pub key: &'static str,
    pub label_en: &'static str,
    pub label_ja: &'static str,
    pub min_score: f64,
}

/// The levels of a new community, lowest first. The thresholds suit the built-in weights and a
/// 90-day half-life: the 2,000-member sample has 42% Newcomers, 36% Participants, 17%
/// Contributors, 4% Advocates and 1% Champions.
pub const DEFAULT_LEVELS: &[DefaultLevel] = &[
    DefaultLevel {
        key: "newcomer",
        label_en: "Newcomer",
        label_ja: "ニューカマー",
        min_score: 0.0,
    },
    DefaultLevel {
        key: "participant",
        label_en: "Participant",
        label_ja: "参加者",
        min_score: 2.0,
    },
    DefaultLevel {
        key: "contributor",
        label_en: "Contributor",
        label_ja: "コントリビューター",
        min_score: 10.0,
    },
    DefaultLevel {
        key: "advocate",
        label_en: "Advocate",
        label_ja: "アドボケイト",
        min_score: 30.0,
    },
    DefaultLevel {
        key: "champion",
        label_en: "Champion",
        label_ja: "チャンピオン",
        min_score: 80.0,
    },
];

/// The most levels a community may have.
pub const MAX_LEVELS: usize = 20;

/// Relative distance from a threshold within which a member keeps their level, so floating
/// point rounding (full vs incremental sums) never promotes or demotes anyone.
const SETTLE_TOLERANCE: f64 = 1e-9;

/// Stable id for a level key, the same on every replica so seeded and edited rows merge.
fn level_id(key: &str) -> String {
    uuid::Uuid::new_v5(
        &uuid::Uuid::NAMESPACE_OID,
        format!("kizuna.level.{key}").as_bytes(),
    )
    .to_string()
}

fn default_levels() -> Vec<Level> {
    DEFAULT_LEVELS
        .iter()
        .zip(1..)
        .map(|(d, rank)| Level {
            id: level_id(d.key),
            rank,
            key: d.key.to_owned(),
            label_en: d.label_en.to_owned(),
            label_ja: d.label_ja.to_owned(),
            min_score: d.min_score,
        })
        .collect()
}

fn level_cells(level: &Level) -> [(&'static str, Value); 5] {
    [
        ("rank", Value::Integer(level.rank)),
        ("key", Value::Text(level.key.clone())),
        ("label_en", Value::Text(level.label_en.clone())),
        ("label_ja", Value::Text(level.label_ja.clone())),
        ("min_score", Value::Real(level.min_score)),
    ]
}

/// Seeds the default levels when the community has none.
pub fn ensure_default_levels(w: &mut Writer<'_>) -> Result<()> {
    if !stored_levels(w.tx())?.is_empty() {
        return Ok(());
    }
    for level in default_levels() {
        w.insert(SyncedTable::Levels, &level.id, &level_cells(&level))?;
    }
    Ok(())
}

fn stored_levels(conn: &Connection) -> Result<Vec<Level>> {
    Ok(conn
        .prepare_cached(
            "SELECT id, rank, key, label_en, label_ja, min_score FROM levels
             ORDER BY rank, min_score, id",
        )?
        .query_map([], |r| {
            Ok(Level {
                id: r.get(0)?,
                rank: r.get(1)?,
                key: r.get(2)?,
                label_en: r.get(3)?,
                label_ja: r.get(4)?,
                min_score: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

/// The community's levels, lowest first (the defaults for a file upgraded from before levels).
pub fn levels(conn: &Connection) -> Result<Vec<Level>> {
    let stored = stored_levels(conn)?;
    Ok(if stored.is_empty() {
        default_levels()
    } else {
        stored
    })
}

/// Checks a list of levels: at least one, the first at 0 points, thresholds strictly increasing,
/// every key and label present, keys unique.
pub fn validate_levels(input: &[LevelInput]) -> Result<()> {
    if input.is_empty() {
        return Err(crate::invalid!(
            "levels.none",
            "there must be at least one level"
        ));
    }
    if input.len() > MAX_LEVELS {
        return Err(crate::invalid!(
            "levels.tooMany",
            "there can be at most {max} levels (got {count})",
            max = MAX_LEVELS,
            count = input.len()
        ));
    }
    for (n, level) in input.iter().enumerate() {
        let position = n + 1;
        let key = level.key.trim();
        if key.is_empty()
            || !key
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
        {
            return Err(crate::invalid!(
                "levels.badKey",
                "level {position} needs a key of lowercase letters, digits, - or _ (got \"{key}\")",
                position,
                key = level.key
            ));
        }
        if level.label_en.trim().is_empty() {
            return Err(crate::invalid!(
                "levels.englishLabelMissing",
                "level {position} needs an English label",
                position
            ));
        }
        if level.label_ja.trim().is_empty() {
            return Err(crate::invalid!(
                "levels.japaneseLabelMissing",
                "level {position} ({label}) needs a Japanese label",
                position,
                label = level.label_en.trim()
            ));
        }
        if !level.min_score.is_finite() {
            return Err(crate::invalid!(
                "levels.thresholdNotNumber",
                "the threshold of {label} must be a number",
                label = level.label_en.trim()
            ));
        }
        if input[..n].iter().any(|other| other.key.trim() == key) {
            return Err(crate::invalid!(
                "levels.duplicateKey",
                "two levels share the key \"{key}\"",
                key
            ));
        }
    }
    let first = &input[0];
    if first.min_score != 0.0 {
        return Err(crate::invalid!(
            "levels.firstNotZero",
            "the first level ({label}) must start at 0 points (got {score})",
            label = first.label_en.trim(),
            score = first.min_score
        ));
    }
    for pair in input.windows(2) {
        let (lower, upper) = (&pair[0], &pair[1]);
        if upper.min_score <= lower.min_score {
            return Err(crate::invalid!(
                "levels.notIncreasing",
                "level thresholds must increase: {upper} ({upperScore}) must be above {lower} ({lowerScore})",
                upper = upper.label_en.trim(),
                upperScore = upper.min_score,
                lower = lower.label_en.trim(),
                lowerScore = lower.min_score
            ));
        }
    }
    Ok(())
}

/// Replaces the community's levels with `input` (lowest first), writing only what changed so
/// concurrent edits of other levels merge. The next recompute places members on them.
pub fn set_levels(w: &mut Writer<'_>, input: &[LevelInput]) -> Result<Vec<Level>> {
    validate_levels(input)?;
    let wanted: Vec<Level> = input
        .iter()
        .zip(1..)
        .map(|(l, rank)| Level {
            id: level_id(l.key.trim()),
            rank,
            key: l.key.trim().to_owned(),
            label_en: l.label_en.trim().to_owned(),
            label_ja: l.label_ja.trim().to_owned(),
            min_score: l.min_score + 0.0,
        })
        .collect();
    let stored = stored_levels(w.tx())?;
    for old in &stored {
        if !wanted.iter().any(|l| l.id == old.id) {
            w.delete(SyncedTable::Levels, &old.id)?;
        }
    }
    for level in &wanted {
        let cells = level_cells(level);
        match stored.iter().find(|old| old.id == level.id) {
            None => w.insert(SyncedTable::Levels, &level.id, &cells)?,
            Some(old) => {
                let before = level_cells(old);
                let changed: Vec<(&str, Value)> = cells
                    .into_iter()
                    .zip(before)
                    .filter(|((_, new), (_, old))| new != old)
                    .map(|(cell, _)| cell)
                    .collect();
                w.update(SyncedTable::Levels, &level.id, &changed)?;
            }
        }
    }
    Ok(wanted)
}

/// The levels in rank order, placing scores on them.
#[derive(Debug, Clone, PartialEq)]
pub struct Ladder {
    levels: Vec<Level>,
}

impl Ladder {
    /// A ladder over `levels` (the defaults when empty).
    pub fn new(mut levels: Vec<Level>) -> Self {
        if levels.is_empty() {
            levels = default_levels();
        }
        levels.sort_by(|a, b| {
            a.rank
                .cmp(&b.rank)
                .then(a.min_score.total_cmp(&b.min_score))
                .then(a.id.cmp(&b.id))
        });
        Self { levels }
    }

    /// The community's ladder.
    pub fn load(conn: &Connection) -> Result<Self> {
        Ok(Self::new(levels(conn)?))
    }

    /// The levels, lowest first.
    pub fn levels(&self) -> &[Level] {
        &self.levels
    }

    fn lowest(&self) -> &Level {
        // `new` never leaves the ladder empty.
        &self.levels[0]
    }

    /// The rank every member starts at.
    pub fn lowest_rank(&self) -> i64 {
        self.lowest().rank
    }

    /// The level of this rank, if it exists.
    pub fn level(&self, rank: i64) -> Option<&Level> {
        self.levels.iter().find(|l| l.rank == rank)
    }

    /// The highest level whose threshold `score` reaches (the lowest level otherwise).
    pub fn place(&self, score: f64) -> &Level {
        self.levels
            .iter()
            .rev()
            .find(|l| l.min_score <= score)
            .unwrap_or_else(|| self.lowest())
    }

    /// The next level above `rank`.
    pub fn above(&self, rank: i64) -> Option<&Level> {
        self.levels.iter().find(|l| l.rank > rank)
    }

    /// The next level below `rank`.
    pub fn below(&self, rank: i64) -> Option<&Level> {
        self.levels.iter().rev().find(|l| l.rank < rank)
    }

    /// The rank for `score` given the member's `current` rank: [`Ladder::place`], except that a
    /// score within rounding distance of the threshold between them keeps the current level.
    pub fn settle(&self, score: f64, current: i64) -> i64 {
        let placed = self.place(score);
        let near = |threshold: f64| {
            (score - threshold).abs() <= SETTLE_TOLERANCE * threshold.abs().max(f64::MIN_POSITIVE)
        };
        if placed.rank > current && near(placed.min_score) {
            return self
                .below(placed.rank)
                .map_or(current, |l| l.rank.max(current));
        }
        if placed.rank < current && self.level(current).is_some_and(|l| near(l.min_score)) {
            return current;
        }
        placed.rank
    }

    /// What scores were placed with, to notice when thresholds change.
    pub(crate) fn fingerprint(&self) -> String {
        self.levels
            .iter()
            .map(|l| format!("{}:{:x}", l.rank, l.min_score.to_bits()))
            .collect::<Vec<_>>()
            .join(";")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ladder() -> Ladder {
        Ladder::new(default_levels())
    }

    #[test]
    fn a_score_is_placed_on_the_highest_threshold_it_reaches() {
        let ladder = ladder();
        assert_eq!(ladder.place(0.0).key, "newcomer");
        assert_eq!(ladder.place(2.0).key, "participant");
        assert_eq!(ladder.place(79.9).key, "advocate");
        assert_eq!(ladder.place(1e9).key, "champion");
    }

    #[test]
    fn rounding_noise_at_a_threshold_keeps_the_current_level() {
        let ladder = ladder();
        let threshold = ladder.levels()[2].min_score;
        assert_eq!(ladder.settle(threshold * (1.0 - 1e-12), 3), 3);
        assert_eq!(ladder.settle(threshold * (1.0 + 1e-12), 2), 2);
        assert_eq!(ladder.settle(threshold * 0.99, 3), 2);
        assert_eq!(ladder.settle(threshold * 1.01, 2), 3);
    }

    #[test]
    fn default_levels_are_valid() {
        let input: Vec<LevelInput> = DEFAULT_LEVELS
            .iter()
            .map(|d| LevelInput {
                key: d.key.to_owned(),
                label_en: d.label_en.to_owned(),
                label_ja: d.label_ja.to_owned(),
                min_score: d.min_score,
            })
            .collect();
        assert!(validate_levels(&input).is_ok());
    }
}
