//! Engagement: the explained score of a member and members per level.

use kizuna_core::engagement::{self, LevelCount, ScoreExplanation};
use tauri::State;

use crate::AppError;
use crate::state::AppState;

/// Why a member has the score and level they have.
#[tauri::command]
pub async fn member_score(
    state: State<'_, AppState>,
    id: String,
) -> Result<ScoreExplanation, AppError> {
    state
        .with_store(move |store| {
            Ok(engagement::explain(
                store.conn(),
                &id,
                store.clock().now_ms(),
            )?)
        })
        .await
}

/// How many members each level has.
#[tauri::command]
pub async fn level_distribution(state: State<'_, AppState>) -> Result<Vec<LevelCount>, AppError> {
    state
        .read(|store| engagement::level_distribution(store.conn()))
        .await
}
