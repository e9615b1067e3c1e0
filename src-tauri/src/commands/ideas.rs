//! Ideas from the app: the ranked list, one idea with its votes, comments, status history and
//! contributors, CSV import and export, merging duplicates, and granting a perk to the voters
//! or contributors of an idea after a preview.

use kizuna_core::CoreError;
use kizuna_core::ideas::{
    self, Contributor, IdeaAudience, IdeaDetail, IdeaInput, IdeaRow, IdeaSort, IdeaSource,
    IdeaStatus,
};
use kizuna_core::perks::{self, BulkPreview};
use tauri::State;

use super::picked_file::read_picked;
use crate::AppError;
use crate::state::AppState;

/// The largest ideas CSV read (10,000 ideas with bodies are a few MB).
const MAX_IDEAS_CSV_MB: u64 = 10;

/// Ideas not merged into another, optionally of one status, in `sort` order.
#[tauri::command]
pub async fn list_ideas(
    state: State<'_, AppState>,
    status: Option<IdeaStatus>,
    sort: IdeaSort,
) -> Result<Vec<IdeaRow>, AppError> {
    state
        .read(move |store| ideas::list_ideas(store.conn(), status, sort))
        .await
}

/// One idea with its status history, voters, comments and merged ideas.
#[tauri::command]
pub async fn idea_detail(state: State<'_, AppState>, id: String) -> Result<IdeaDetail, AppError> {
    state
        .read(move |store| ideas::idea_detail(store.conn(), &id))
        .await
}

/// Creates an idea entered by hand; returns its id.
#[tauri::command]
pub async fn create_idea(state: State<'_, AppState>, input: IdeaInput) -> Result<String, AppError> {
    state
        .write(move |w| ideas::create_idea(w, &input, IdeaSource::Manual))
        .await
}

/// Saves an edited idea's title, body, author and topic.
#[tauri::command]
pub async fn update_idea(
    state: State<'_, AppState>,
    id: String,
    input: IdeaInput,
) -> Result<(), AppError> {
    state
        .write(move |w| ideas::update_idea(w, &id, &input))
        .await
}

/// Moves an idea to another status (a move the workflow does not allow is refused).
#[tauri::command]
pub async fn set_idea_status(
    state: State<'_, AppState>,
    id: String,
    status: IdeaStatus,
) -> Result<(), AppError> {
    state
        .write(move |w| ideas::set_status(w, &id, status))
        .await
}

/// Records a member's vote on an idea; a second vote by the same member is refused.
#[tauri::command]
pub async fn vote_idea(
    state: State<'_, AppState>,
    id: String,
    member_id: String,
) -> Result<String, AppError> {
    state.write(move |w| ideas::vote(w, &id, &member_id)).await
}

/// Takes back a member's vote on an idea.
#[tauri::command]
pub async fn unvote_idea(
    state: State<'_, AppState>,
    id: String,
    member_id: String,
) -> Result<(), AppError> {
    state
        .write(move |w| ideas::unvote(w, &id, &member_id))
        .await
}

/// Adds a comment by a member, or by the team when `member_id` is empty; returns its id.
#[tauri::command]
pub async fn comment_idea(
    state: State<'_, AppState>,
    id: String,
    member_id: Option<String>,
    body: String,
) -> Result<String, AppError> {
    state
        .write(move |w| ideas::add_comment(w, &id, member_id.as_deref(), &body))
        .await
}

/// Merges the duplicate idea `merged` into `kept` (votes combined, no member twice).
#[tauri::command]
pub async fn merge_idea(
    state: State<'_, AppState>,
    kept: String,
    merged: String,
) -> Result<(), AppError> {
    state
        .write(move |w| ideas::merge_ideas(w, &kept, &merged))
        .await
}

/// Undoes the merge of `merged`; returns the idea it had been merged into.
#[tauri::command]
pub async fn unmerge_idea(state: State<'_, AppState>, merged: String) -> Result<String, AppError> {
    state.write(move |w| ideas::unmerge_idea(w, &merged)).await
}

/// The idea's author, commenters and voters, each once, by name.
#[tauri::command]
pub async fn idea_contributors(
    state: State<'_, AppState>,
    id: String,
) -> Result<Vec<Contributor>, AppError> {
    state
        .read(move |store| ideas::contributors(store.conn(), &id))
        .await
}

/// Writes the contributors as CSV at `path` (picked in the save dialog); returns how many.
#[tauri::command]
pub async fn export_idea_contributors(
    state: State<'_, AppState>,
    id: String,
    path: String,
) -> Result<u32, AppError> {
    state
        .read(move |store| {
            let csv = ideas::contributors_csv(store.conn(), &id)?;
            let rows = ideas::contributors(store.conn(), &id)?.len();
            std::fs::write(path.trim(), csv).map_err(|e| {
                kizuna_core::invalid!(
                    "files.cannotWrite",
                    "cannot write \"{path}\": {e}",
                    path = path.trim(),
                    e
                )
            })?;
            Ok::<_, CoreError>(u32::try_from(rows).unwrap_or(u32::MAX))
        })
        .await
}

/// Imports the ideas CSV picked in the open dialog: every row or none; returns how many.
#[tauri::command]
pub async fn import_ideas_csv_file(
    state: State<'_, AppState>,
    path: String,
) -> Result<u32, AppError> {
    state
        .write(move |w| {
            let data = read_picked(&path, MAX_IDEAS_CSV_MB, "an ideas CSV")?;
            let ids = ideas::import_ideas_csv(w, &data)?;
            Ok(u32::try_from(ids.len()).unwrap_or(u32::MAX))
        })
        .await
}

/// Who of the idea's voters or contributors would get the perk, and who not and why.
#[tauri::command]
pub async fn preview_idea_perk_grant(
    state: State<'_, AppState>,
    idea_id: String,
    perk_id: String,
    who: IdeaAudience,
) -> Result<BulkPreview, AppError> {
    state
        .read(move |store| {
            let members = ideas::audience_ids(store.conn(), &idea_id, who)?;
            let now = store.clock().now_ms();
            perks::preview_grant_to_members(store.conn(), &perk_id, &members, now)
        })
        .await
}

/// Grants the perk to every voter or contributor the preview says gets it, all or nothing.
#[tauri::command]
pub async fn grant_idea_perk(
    state: State<'_, AppState>,
    idea_id: String,
    perk_id: String,
    who: IdeaAudience,
) -> Result<BulkPreview, AppError> {
    state
        .write(move |w| {
            let members = ideas::audience_ids(w.tx(), &idea_id, who)?;
            perks::grant_to_members(w, &perk_id, &members)
        })
        .await
}
