//! Member traits from the member page: add, remove, and the catalogue behind the pickers.

use kizuna_core::ids::MemberId;
use kizuna_core::members::{self, MemberTrait, TraitUsage};
use tauri::State;

use crate::AppError;
use crate::state::AppState;

/// Gives a member a trait; returns it as stored (key in lower case, both trimmed).
#[tauri::command]
pub async fn add_member_trait(
    state: State<'_, AppState>,
    member_id: String,
    dimension: String,
    key: String,
    value: String,
) -> Result<MemberTrait, AppError> {
    state
        .write(move |w| members::add_trait(w, &MemberId(member_id), &dimension, &key, &value))
        .await
}

/// Takes one trait off its member.
#[tauri::command]
pub async fn remove_member_trait(
    state: State<'_, AppState>,
    trait_id: String,
) -> Result<(), AppError> {
    state
        .write(move |w| members::remove_trait(w, &trait_id))
        .await
}

/// Every trait live members have, with how many have it, for suggestions while typing.
#[tauri::command]
pub async fn trait_catalogue(state: State<'_, AppState>) -> Result<Vec<TraitUsage>, AppError> {
    state
        .read(move |store| members::trait_catalogue(store.conn()))
        .await
}
