//! Possible duplicate member records, for a person to review.

use kizuna_core::duplicates::{self, DuplicateSuggestion};
use tauri::State;

use crate::AppError;
use crate::state::AppState;

/// The most suggestions one call returns.
const MAX_SUGGESTIONS: usize = 500;

/// Pairs of member records that may be the same person, most confident first.
#[tauri::command]
pub async fn duplicate_suggestions(
    state: State<'_, AppState>,
) -> Result<Vec<DuplicateSuggestion>, AppError> {
    state
        .read(|store| duplicates::find_duplicates(store.conn(), MAX_SUGGESTIONS))
        .await
}
