//! Settings › Engagement: activity types and weights, the score half-life, levels and
//! influencer tier thresholds. Each save is one write that re-scores members.

use kizuna_core::activity_types::ActivityTypePatch;
use kizuna_core::engagement::LevelInput;
use kizuna_core::engagement_settings::{self, EngagementSettings, RulesApplied};
use kizuna_core::influencers::InfluencerThresholds;
use tauri::State;

use crate::AppError;
use crate::state::AppState;

/// The engagement rules as they are now, with each activity type's usage.
#[tauri::command]
pub async fn engagement_settings(
    state: State<'_, AppState>,
) -> Result<EngagementSettings, AppError> {
    state
        .read(|store| engagement_settings::engagement_settings(store.conn()))
        .await
}

/// Changes an activity type's labels and weight; `None` keeps a field.
#[tauri::command]
pub async fn update_activity_type(
    state: State<'_, AppState>,
    key: String,
    label_en: Option<String>,
    label_ja: Option<String>,
    weight: Option<f64>,
) -> Result<RulesApplied, AppError> {
    let patch = ActivityTypePatch {
        label_en,
        label_ja,
        weight,
    };
    state
        .write(move |w| engagement_settings::update_activity_type(w, &key, &patch))
        .await
}

/// Adds a custom activity type (for manual activities such as "gave a talk").
#[tauri::command]
pub async fn create_activity_type(
    state: State<'_, AppState>,
    key: String,
    label_en: String,
    label_ja: String,
    weight: f64,
) -> Result<(), AppError> {
    state
        .with_store(move |store| {
            Ok(store.write(|w| {
                engagement_settings::create_activity_type(w, &key, &label_en, &label_ja, weight)
            })?)
        })
        .await
}

/// Deletes an unused custom activity type.
#[tauri::command]
pub async fn delete_activity_type(state: State<'_, AppState>, key: String) -> Result<(), AppError> {
    state
        .write(move |w| engagement_settings::delete_activity_type(w, &key))
        .await
}

/// Sets the score half-life in days.
#[tauri::command]
pub async fn save_half_life(
    state: State<'_, AppState>,
    days: f64,
) -> Result<RulesApplied, AppError> {
    state
        .write(move |w| engagement_settings::save_half_life(w, days))
        .await
}

/// Replaces the levels (lowest first).
#[tauri::command]
pub async fn save_levels(
    state: State<'_, AppState>,
    levels: Vec<LevelInput>,
) -> Result<RulesApplied, AppError> {
    state
        .write(move |w| engagement_settings::save_levels(w, &levels))
        .await
}

/// Saves the influencer tier thresholds.
#[tauri::command]
pub async fn save_tier_thresholds(
    state: State<'_, AppState>,
    thresholds: InfluencerThresholds,
) -> Result<(), AppError> {
    state
        .write(move |w| engagement_settings::save_tier_thresholds(w, &thresholds))
        .await
}
