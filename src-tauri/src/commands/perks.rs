//! Perks from the app: list, form, waves, grants one by one or in bulk after a preview, codes
//! (pasted, from a CSV file or generated), redemption, revocation, expiry, effect and conflicts.

use kizuna_core::perks::{
    self, BulkPreview, BulkTarget, MemberGrant, PerkConflict, PerkDetail, PerkEffect, PerkInput,
    PerkRow, ShopRedemptionReport, WaveInput,
};
use kizuna_report::{Lang, Theme, charts};
use tauri::State;

use super::picked_file::read_picked_text;
use crate::AppError;
use crate::state::AppState;

/// The largest code or shop CSV file read (a list of 100,000 codes is about 1 MB).
const MAX_CODES_MB: u64 = 5;

/// Every perk, the latest start first, with how much of it is given.
#[tauri::command]
pub async fn list_perks(state: State<'_, AppState>) -> Result<Vec<PerkRow>, AppError> {
    state.read(|store| perks::list_perks(store.conn())).await
}

/// One perk with its waves and grants.
#[tauri::command]
pub async fn perk_detail(state: State<'_, AppState>, id: String) -> Result<PerkDetail, AppError> {
    state
        .read(move |store| perks::perk_detail(store.conn(), &id))
        .await
}

/// Creates a perk with its waves; returns its id.
#[tauri::command]
pub async fn create_perk(state: State<'_, AppState>, input: PerkInput) -> Result<String, AppError> {
    state.write(move |w| perks::create_perk(w, &input)).await
}

/// Saves an edited perk, then adds the new waves in `input.waves` (nothing saved if any is refused).
#[tauri::command]
pub async fn update_perk(
    state: State<'_, AppState>,
    id: String,
    input: PerkInput,
) -> Result<(), AppError> {
    state
        .write(move |w| {
            perks::update_perk(w, &id, &input)?;
            for wave in &input.waves {
                perks::add_wave(w, &id, wave)?;
            }
            Ok(())
        })
        .await
}

/// Adds a wave to a perk; returns its id.
#[tauri::command]
pub async fn add_perk_wave(
    state: State<'_, AppState>,
    perk_id: String,
    wave: WaveInput,
) -> Result<String, AppError> {
    state
        .write(move |w| perks::add_wave(w, &perk_id, &wave))
        .await
}

/// Grants a perk to one member (in `wave`, or the first open wave they may get); returns the grant.
#[tauri::command]
pub async fn grant_perk_to_member(
    state: State<'_, AppState>,
    perk_id: String,
    member_id: String,
    wave: Option<i64>,
) -> Result<String, AppError> {
    state
        .write(move |w| perks::grant_to_member(w, &perk_id, &member_id, wave))
        .await
}

/// Who a bulk grant would reach, and who not and why; changes nothing.
#[tauri::command]
pub async fn preview_perk_bulk(
    state: State<'_, AppState>,
    perk_id: String,
    target: BulkTarget,
) -> Result<BulkPreview, AppError> {
    state
        .with_store(move |store| {
            let now = store.clock().now_ms();
            Ok(perks::preview_bulk(store.conn(), &perk_id, &target, now)?)
        })
        .await
}

/// Grants the perk to everyone the preview says gets it, all or nothing.
#[tauri::command]
pub async fn grant_perk_bulk(
    state: State<'_, AppState>,
    perk_id: String,
    target: BulkTarget,
) -> Result<BulkPreview, AppError> {
    state
        .write(move |w| perks::grant_bulk(w, &perk_id, &target))
        .await
}

/// Imports pasted codes (one a line, or CSV with a `code` column); returns how many.
#[tauri::command]
pub async fn import_perk_codes(
    state: State<'_, AppState>,
    perk_id: String,
    text: String,
) -> Result<u32, AppError> {
    state
        .write(move |w| perks::import_codes(w, &perk_id, &text))
        .await
}

/// Imports the codes of the file at `path` (from the open dialog); returns how many.
#[tauri::command]
pub async fn import_perk_codes_file(
    state: State<'_, AppState>,
    perk_id: String,
    path: String,
) -> Result<u32, AppError> {
    state
        .write(move |w| {
            let text = read_picked_text(&path, MAX_CODES_MB, "a list of codes or a shop export")?;
            perks::import_codes(w, &perk_id, &text)
        })
        .await
}

/// Generates `count` new codes; returns them.
#[tauri::command]
pub async fn generate_perk_codes(
    state: State<'_, AppState>,
    perk_id: String,
    count: u32,
) -> Result<Vec<String>, AppError> {
    state
        .write(move |w| perks::generate_codes(w, &perk_id, count))
        .await
}

/// Marks a grant redeemed.
#[tauri::command]
pub async fn redeem_perk_grant(
    state: State<'_, AppState>,
    grant_id: String,
) -> Result<(), AppError> {
    state
        .write(move |w| perks::redeem_grant(w, &grant_id))
        .await
}

/// Redeems the grant holding `code`; returns the grant's id.
#[tauri::command]
pub async fn redeem_perk_code(
    state: State<'_, AppState>,
    code: String,
) -> Result<String, AppError> {
    state.write(move |w| perks::redeem_by_code(w, &code)).await
}

/// Checks a shop's CSV export at `path` (from the open dialog) for a perk; writes nothing.
#[tauri::command]
pub async fn check_perk_redemption_csv(
    state: State<'_, AppState>,
    perk_id: String,
    path: String,
) -> Result<ShopRedemptionReport, AppError> {
    state
        .read(move |store| {
            let text = read_picked_text(&path, MAX_CODES_MB, "a list of codes or a shop export")?;
            perks::check_redemption_csv(store.conn(), &perk_id, &text)
        })
        .await
}

/// Redeems the grants of a shop's CSV export at `path`: all rows, or none when one is wrong.
#[tauri::command]
pub async fn redeem_perk_redemption_csv(
    state: State<'_, AppState>,
    perk_id: String,
    path: String,
) -> Result<ShopRedemptionReport, AppError> {
    state
        .write(move |w| {
            let text = read_picked_text(&path, MAX_CODES_MB, "a list of codes or a shop export")?;
            perks::redeem_from_csv(w, &perk_id, &text)
        })
        .await
}

/// Revokes a grant not redeemed yet; its stock is free again.
#[tauri::command]
pub async fn revoke_perk_grant(
    state: State<'_, AppState>,
    grant_id: String,
) -> Result<(), AppError> {
    state
        .write(move |w| perks::revoke_grant(w, &grant_id))
        .await
}

/// Expires the open grants of every ended perk; returns how many.
#[tauri::command]
pub async fn expire_perk_grants(state: State<'_, AppState>) -> Result<u32, AppError> {
    state.write(perks::expire_grants).await
}

/// Activity 60 days before vs after the grants of a perk: its whole row, then a row per wave.
#[tauri::command]
pub async fn perk_effect(
    state: State<'_, AppState>,
    perk_id: String,
) -> Result<Vec<PerkEffect>, AppError> {
    state
        .with_store(move |store| {
            let now = store.clock().now_ms();
            Ok(perks::perk_effect(store.conn(), Some(&perk_id), now)?)
        })
        .await
}

/// The perk effect as an SVG chart in the UI's theme and language.
#[tauri::command]
pub async fn perk_effect_chart(
    state: State<'_, AppState>,
    perk_id: String,
    theme: Theme,
    lang: Lang,
) -> Result<String, AppError> {
    state
        .with_store(move |store| {
            let now = store.clock().now_ms();
            let rows = perks::perk_effect(store.conn(), Some(&perk_id), now)?;
            Ok(charts::perk_effect(&rows, lang, theme)?)
        })
        .await
}

/// Oversubscribed perks and codes held twice after a sync.
#[tauri::command]
pub async fn perk_conflicts(state: State<'_, AppState>) -> Result<Vec<PerkConflict>, AppError> {
    state
        .read(|store| perks::perk_conflicts(store.conn()))
        .await
}

/// Every perk grant of one member, the latest first.
#[tauri::command]
pub async fn member_perk_grants(
    state: State<'_, AppState>,
    member_id: String,
) -> Result<Vec<MemberGrant>, AppError> {
    state
        .read(move |store| perks::member_grants(store.conn(), &member_id))
        .await
}
