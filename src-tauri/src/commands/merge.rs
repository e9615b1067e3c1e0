//! Merging two records of one person side by side, and undoing a merge later.

use kizuna_core::ids::MemberId;
use kizuna_core::merge::{self, FieldChoices, MergeId, MergePreview, MergeRecord};
use tauri::State;

use crate::AppError;
use crate::state::AppState;

/// Both members field by field and what a merge would move; refuses pairs that cannot merge.
#[tauri::command]
pub async fn merge_preview(
    state: State<'_, AppState>,
    kept_id: String,
    merged_id: String,
) -> Result<MergePreview, AppError> {
    state
        .read(move |store| merge::merge_preview(store.conn(), &kept_id, &merged_id))
        .await
}

/// Merges `merged_id` into `kept_id` with the manager's field picks; returns the merge's id.
#[tauri::command]
pub async fn merge_members(
    state: State<'_, AppState>,
    kept_id: String,
    merged_id: String,
    choices: FieldChoices,
) -> Result<MergeId, AppError> {
    let (kept, merged) = (MemberId(kept_id), MemberId(merged_id));
    state
        .write(move |w| merge::merge_members(w, &kept, &merged, &choices))
        .await
}

/// Undoes a merge: both members are as they were before it.
#[tauri::command]
pub async fn undo_merge(state: State<'_, AppState>, merge_id: String) -> Result<(), AppError> {
    let id = MergeId(merge_id);
    state.write(move |w| merge::undo_merge(w, &id)).await
}

/// Merges a member took part in (kept or merged), or every merge; newest first.
#[tauri::command]
pub async fn list_merges(
    state: State<'_, AppState>,
    member_id: Option<String>,
) -> Result<Vec<MergeRecord>, AppError> {
    state
        .read(move |store| merge::list_merges(store.conn(), member_id.as_deref()))
        .await
}
