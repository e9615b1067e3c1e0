//! The Settings screen's Engagement part: activity types and their weights, the score
//! half-life, the levels and the influencer tier thresholds. Each save is one write that
//! validates, applies, records an audit entry and re-places every member on the levels, so a
//! refused change leaves nothing behind and an accepted one is visible at once.

use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use crate::activity_types::{self, ActivityTypePatch, ActivityTypeUsage};
use crate::audit;
use crate::engagement::{self, HalfLife, Level, LevelInput, RecomputeMode};
use crate::error::Result;
use crate::influencers::{self, InfluencerThresholds};
use crate::store::Writer;

/// Everything the Engagement settings show, read in one go.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EngagementSettings {
    pub activity_types: Vec<ActivityTypeUsage>,
    pub half_life_days: f64,
    /// Lowest first.
    pub levels: Vec<Level>,
    pub tier_thresholds: InfluencerThresholds,
}

/// What re-scoring after a rules change did to the members' levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RulesApplied {
    /// Live members scored.
    pub members: u32,
    /// Members who moved up a level.
    pub promoted: u32,
    /// Members who moved down a level.
    pub demoted: u32,
}

/// The current engagement rules with each activity type's usage.
pub fn engagement_settings(conn: &Connection) -> Result<EngagementSettings> {
    Ok(EngagementSettings {
        activity_types: activity_types::list_activity_types(conn)?,
        half_life_days: engagement::half_life(conn)?.days(),
        levels: engagement::levels(conn)?,
        tier_thresholds: influencers::influencer_thresholds(conn)?,
    })
}

/// Recomputes scores in the same write; the recompute notices the changed rules itself and
/// reads every activity again, dating level moves with the cause "rules".
fn rescore(w: &mut Writer<'_>) -> Result<RulesApplied> {
    let report = engagement::recompute(w, w.now_ms(), RecomputeMode::Incremental)?;
    Ok(RulesApplied {
        members: report.members,
        promoted: report.promoted,
        demoted: report.demoted,
    })
}

/// Edits an activity type's labels or weight and re-scores everyone.
pub fn update_activity_type(
    w: &mut Writer<'_>,
    key: &str,
    patch: &ActivityTypePatch,
) -> Result<RulesApplied> {
    let changed = activity_types::update_activity_type(w, key, patch)?;
    if !changed.is_empty() {
        audit::record(
            w,
            "activity_type.update",
            Some(key),
            &serde_json::json!({
                "changed": changed,
                "labelEn": patch.label_en,
                "labelJa": patch.label_ja,
                "weight": patch.weight,
            }),
        )?;
    }
    rescore(w)
}

/// Adds a custom activity type for manual activities.
pub fn create_activity_type(
    w: &mut Writer<'_>,
    key: &str,
    label_en: &str,
    label_ja: &str,
    weight: f64,
) -> Result<()> {
    activity_types::create_activity_type(w, key, label_en, label_ja, weight)?;
    audit::record(
        w,
        "activity_type.create",
        Some(key.trim()),
        &serde_json::json!({ "labelEn": label_en, "labelJa": label_ja, "weight": weight }),
    )
}

/// Deletes an unused custom activity type (types in use and built-ins are refused).
pub fn delete_activity_type(w: &mut Writer<'_>, key: &str) -> Result<()> {
    activity_types::delete_activity_type(w, key)?;
    audit::record(w, "activity_type.delete", Some(key), &serde_json::json!({}))
}

/// Sets the score half-life in days and re-scores everyone.
pub fn save_half_life(w: &mut Writer<'_>, days: f64) -> Result<RulesApplied> {
    let half_life = HalfLife::from_days(days)?;
    let before = engagement::half_life(w.tx())?;
    engagement::set_half_life(w, half_life)?;
    audit::record(
        w,
        "engagement.half_life",
        None,
        &serde_json::json!({ "from": before.days(), "to": days }),
    )?;
    rescore(w)
}

/// Replaces the levels (lowest first) and re-places everyone on them.
pub fn save_levels(w: &mut Writer<'_>, levels: &[LevelInput]) -> Result<RulesApplied> {
    engagement::set_levels(w, levels)?;
    audit::record(
        w,
        "engagement.levels",
        None,
        &serde_json::json!({ "levels": levels }),
    )?;
    rescore(w)
}

/// Saves the influencer tier thresholds.
pub fn save_tier_thresholds(w: &mut Writer<'_>, thresholds: &InfluencerThresholds) -> Result<()> {
    influencers::set_influencer_thresholds(w, thresholds)?;
    audit::record(
        w,
        "influencers.tier_thresholds",
        None,
        &serde_json::to_value(thresholds)?,
    )
}
