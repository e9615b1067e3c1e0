//! Editing members from the member page: create, edit, soft delete and restore, identities,
//! tags, manual activities, and the privacy tools (export to a file, erase).

use kizuna_core::activity_types::{self, ActivityTypeUsage};
use kizuna_core::export_file;
use kizuna_core::ids::MemberId;
use kizuna_core::members::{
    self, DeletedMember, ErasureReport, IdentityPatch, MemberPatch, NewIdentity, NewMember,
};
use tauri::State;

use crate::AppError;
use crate::state::AppState;

/// Adds a member with their first identities and tags in one transaction; returns the new id.
#[tauri::command]
pub async fn create_member(state: State<'_, AppState>, new: NewMember) -> Result<String, AppError> {
    state
        .with_store(move |store| Ok(store.write(|w| members::create_member(w, &new))?.0))
        .await
}

/// Changes profile fields; returns the names of the fields that changed.
#[tauri::command]
pub async fn update_member(
    state: State<'_, AppState>,
    id: String,
    patch: MemberPatch,
) -> Result<Vec<String>, AppError> {
    state
        .with_store(move |store| {
            let changed = store.write(|w| members::update_member(w, &MemberId(id), &patch))?;
            Ok(changed.into_iter().map(str::to_owned).collect())
        })
        .await
}

/// Soft-deletes a member (restore brings them back).
#[tauri::command]
pub async fn delete_member(state: State<'_, AppState>, id: String) -> Result<(), AppError> {
    state
        .write(move |w| members::delete_member(w, &MemberId(id)))
        .await
}

/// Deleted (not merged) members, most recently deleted first, so they can be restored.
#[tauri::command]
pub async fn list_deleted_members(
    state: State<'_, AppState>,
) -> Result<Vec<DeletedMember>, AppError> {
    state
        .read(|store| members::deleted_members(store.conn(), 500))
        .await
}

/// Brings back a soft-deleted member.
#[tauri::command]
pub async fn restore_member(state: State<'_, AppState>, id: String) -> Result<(), AppError> {
    state
        .write(move |w| members::restore_member(w, &MemberId(id)))
        .await
}

/// Adds a platform identity to a member; returns its id.
#[tauri::command]
pub async fn add_identity(
    state: State<'_, AppState>,
    member_id: String,
    identity: NewIdentity,
) -> Result<String, AppError> {
    state
        .with_store(move |store| {
            let id = store.write(|w| members::add_identity(w, &MemberId(member_id), &identity))?;
            Ok(id.0)
        })
        .await
}

/// Edits one identity; returns the names of the fields that changed.
#[tauri::command]
pub async fn update_identity(
    state: State<'_, AppState>,
    identity_id: String,
    patch: IdentityPatch,
) -> Result<Vec<String>, AppError> {
    state
        .with_store(move |store| {
            let changed = store.write(|w| members::update_identity(w, &identity_id, &patch))?;
            Ok(changed.into_iter().map(str::to_owned).collect())
        })
        .await
}

/// Removes one identity from its member.
#[tauri::command]
pub async fn remove_identity(
    state: State<'_, AppState>,
    identity_id: String,
) -> Result<(), AppError> {
    state
        .write(move |w| members::remove_identity(w, &identity_id))
        .await
}

/// Puts a tag on a member (created on first use).
#[tauri::command]
pub async fn tag_member(
    state: State<'_, AppState>,
    member_id: String,
    tag: String,
) -> Result<(), AppError> {
    state
        .write(move |w| members::tag_member(w, &MemberId(member_id), &tag))
        .await
}

/// Takes a tag off a member; returns whether they had it.
#[tauri::command]
pub async fn untag_member(
    state: State<'_, AppState>,
    member_id: String,
    tag: String,
) -> Result<bool, AppError> {
    state
        .write(move |w| members::untag_member(w, &MemberId(member_id), &tag))
        .await
}

/// Every activity type, for the "Log activity" picker.
#[tauri::command]
pub async fn list_activity_types(
    state: State<'_, AppState>,
) -> Result<Vec<ActivityTypeUsage>, AppError> {
    state
        .read(|store| activity_types::list_activity_types(store.conn()))
        .await
}

/// Logs an activity a manager saw happen; returns the activity's id.
#[tauri::command]
pub async fn log_manual_activity(
    state: State<'_, AppState>,
    member_id: String,
    type_key: String,
    occurred_at: i64,
    note: Option<String>,
    url: Option<String>,
) -> Result<String, AppError> {
    state
        .with_store(move |store| {
            let id = store.write(|w| {
                activity_types::log_manual_activity(
                    w,
                    &MemberId(member_id),
                    &type_key,
                    occurred_at,
                    note.as_deref(),
                    url.as_deref(),
                )
            })?;
            Ok(id.to_string())
        })
        .await
}

/// Writes everything about one member as pretty JSON to `path`, records the export in the
/// audit log, and returns the number of bytes written.
#[tauri::command]
pub async fn export_member(
    state: State<'_, AppState>,
    id: String,
    path: String,
) -> Result<u64, AppError> {
    state
        .with_store(move |store| {
            let destination = export_file::destination(&path)?;
            Ok(members::save_member_export(store, &id, &destination)?)
        })
        .await
}

/// Erases a member for good (every row and change-log value); returns what was removed.
#[tauri::command]
pub async fn erase_member(
    state: State<'_, AppState>,
    id: String,
) -> Result<ErasureReport, AppError> {
    state
        .write(move |w| members::erase_member(w, &MemberId(id)))
        .await
}
