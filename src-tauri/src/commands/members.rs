//! The Members screen: the paged, searchable list and the member 360.

use kizuna_core::members::{self, MemberDetail, MemberPage};
use tauri::State;

use crate::AppError;
use crate::state::AppState;

/// One window of the member list matching `search`.
#[tauri::command]
pub async fn list_members(
    state: State<'_, AppState>,
    search: String,
    offset: u32,
    limit: u32,
) -> Result<MemberPage, AppError> {
    state
        .read(move |store| members::list_members(store.conn(), &search, offset, limit))
        .await
}

/// Profile, identities, tags and timeline of one member.
#[tauri::command]
pub async fn member_detail(
    state: State<'_, AppState>,
    id: String,
) -> Result<MemberDetail, AppError> {
    state
        .read(move |store| members::member_detail(store.conn(), &id))
        .await
}
