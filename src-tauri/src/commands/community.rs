//! Opening and creating communities.

use kizuna_core::community::{self, CommunityInfo};
use tauri::State;

use crate::AppError;
use crate::state::AppState;

/// Opens the current community; on first run generates and opens the sample.
#[tauri::command]
pub async fn open_community(state: State<'_, AppState>) -> Result<CommunityInfo, AppError> {
    state.with_store(|store| Ok(community::info(store)?)).await
}

/// Opens the sample community (generating it if it was removed).
#[tauri::command]
pub async fn open_sample_community(state: State<'_, AppState>) -> Result<CommunityInfo, AppError> {
    state
        .switch_to(|s| community::open_sample(s.communities(), s.clock()))
        .await
}

/// Starts a new, empty community called `name` and opens it.
#[tauri::command]
pub async fn create_empty_community(
    state: State<'_, AppState>,
    name: String,
) -> Result<CommunityInfo, AppError> {
    state
        .switch_to(move |s| community::start_empty(s.communities(), &name, s.clock()))
        .await
}
