//! Segments: saved rule trees, live counts while a manager edits one, the matching members,
//! CSV export, and the choices the rule editors pick from.
//!
//! Rule trees arrive as JSON values and are read with [`Group::try_from`], so a bad tree comes
//! back as `InvalidInput` naming the rule ("rule 2.1: …") instead of a bare IPC error.

use std::io::BufWriter;

use kizuna_core::members::MemberPage;
use kizuna_core::segments::{self, Group, SavedSegment, SegmentChoices, SegmentSummary};
use kizuna_core::{CoreError, export_file};
use serde_json::Value;
use tauri::State;

use crate::AppError;
use crate::state::AppState;

fn rule_tree(rules: Value) -> Result<Group, CoreError> {
    Group::try_from(rules)
}

/// Every saved segment with its current member count.
#[tauri::command]
pub async fn list_segments(state: State<'_, AppState>) -> Result<Vec<SegmentSummary>, AppError> {
    state
        .with_store(|store| {
            Ok(segments::list_segments(
                store.conn(),
                store.clock().now_ms(),
            )?)
        })
        .await
}

/// One saved segment with its rules.
#[tauri::command]
pub async fn get_segment(state: State<'_, AppState>, id: String) -> Result<SavedSegment, AppError> {
    state
        .read(move |store| segments::get_segment(store.conn(), &id))
        .await
}

/// Saves a new segment; returns it as stored.
#[tauri::command]
pub async fn create_segment(
    state: State<'_, AppState>,
    name: String,
    rules: Value,
) -> Result<SavedSegment, AppError> {
    state
        .with_store(move |store| {
            let group = rule_tree(rules)?;
            let id = store.write(|w| segments::create_segment(w, &name, &group))?;
            Ok(segments::get_segment(store.conn(), &id)?)
        })
        .await
}

/// Renames a segment and/or replaces its rules; returns it as stored.
#[tauri::command]
pub async fn update_segment(
    state: State<'_, AppState>,
    id: String,
    name: Option<String>,
    rules: Option<Value>,
) -> Result<SavedSegment, AppError> {
    state
        .with_store(move |store| {
            let group = rules.map(rule_tree).transpose()?;
            store.write(|w| segments::update_segment(w, &id, name.as_deref(), group.as_ref()))?;
            Ok(segments::get_segment(store.conn(), &id)?)
        })
        .await
}

/// Deletes a saved segment (its members are untouched).
#[tauri::command]
pub async fn delete_segment(state: State<'_, AppState>, id: String) -> Result<(), AppError> {
    state.write(move |w| segments::delete_segment(w, &id)).await
}

/// How many members an unsaved rule tree matches (validated first, so the error names the rule).
#[tauri::command]
pub async fn count_segment_rules(
    state: State<'_, AppState>,
    rules: Value,
) -> Result<u32, AppError> {
    state
        .with_store(move |store| {
            let group = rule_tree(rules)?;
            Ok(segments::count_segment(
                store.conn(),
                &group,
                store.clock().now_ms(),
            )?)
        })
        .await
}

/// One page of the members a rule tree matches, as rows of the Members list.
#[tauri::command]
pub async fn segment_members(
    state: State<'_, AppState>,
    rules: Value,
    offset: u32,
    limit: u32,
) -> Result<MemberPage, AppError> {
    state
        .with_store(move |store| {
            let group = rule_tree(rules)?;
            let now = store.clock().now_ms();
            Ok(segments::segment_members(
                store.conn(),
                &group,
                now,
                offset,
                limit,
            )?)
        })
        .await
}

/// Writes the members of a saved segment (`id`) or of `rules` as CSV to `path`; returns how many
/// members were written. The file appears whole or not at all.
#[tauri::command]
pub async fn export_segment_csv(
    state: State<'_, AppState>,
    id: Option<String>,
    rules: Option<Value>,
    path: String,
) -> Result<u32, AppError> {
    let target = export_file::destination(&path)?;
    state
        .with_store(move |store| {
            let group = match (id, rules) {
                (_, Some(rules)) => rule_tree(rules)?,
                (Some(id), None) => segments::get_segment(store.conn(), &id)?.rules,
                (None, None) => {
                    return Err(kizuna_core::invalid!(
                        "segments.nothingToExport",
                        "choose a segment or build rules to export"
                    )
                    .into());
                }
            };
            let now = store.clock().now_ms();
            Ok(export_file::write_whole(&target, |file| {
                segments::export_csv(store.conn(), &group, now, BufWriter::new(file))
            })?)
        })
        .await
}

/// What the rule editors pick from: tags, platforms, levels, activity types, events, campaigns.
#[tauri::command]
pub async fn segment_choices(state: State<'_, AppState>) -> Result<SegmentChoices, AppError> {
    state
        .read(|store| segments::segment_choices(store.conn()))
        .await
}
