//! An event's money and aftermath from the event page: budget lines and summary with its chart,
//! turnout, feedback (typed or from CSV), the event's effect, and the suggestion list.

use kizuna_core::Store;
use kizuna_core::budget::{self, BudgetLine, BudgetLineInput, BudgetSummary};
use kizuna_core::event_outcomes::{
    self, EventEffect, EventOutcome, Feedback, FeedbackCsvCheck, FeedbackInput,
};
use kizuna_core::suggestions::{self, RankedSuggestion, SuggestionKind};
use kizuna_report::{Lang, Theme, charts};
use tauri::State;

use super::picked_file::read_picked;
use crate::AppError;
use crate::state::AppState;

/// The largest feedback file read (a survey export is far smaller).
const MAX_CSV_MB: u64 = 20;

/// An event's budget lines, costs first.
#[tauri::command]
pub async fn budget_lines(
    state: State<'_, AppState>,
    event_id: String,
) -> Result<Vec<BudgetLine>, AppError> {
    state
        .read(move |store| budget::budget_lines(store.conn(), &event_id))
        .await
}

/// Adds a line; amounts are text parsed strictly in the event's currency. Returns its id.
#[tauri::command]
pub async fn add_budget_line(
    state: State<'_, AppState>,
    event_id: String,
    input: BudgetLineInput,
) -> Result<String, AppError> {
    state
        .write(move |w| budget::add_line(w, &event_id, &input))
        .await
}

/// Replaces a line's fields.
#[tauri::command]
pub async fn update_budget_line(
    state: State<'_, AppState>,
    line_id: String,
    input: BudgetLineInput,
) -> Result<(), AppError> {
    state
        .write(move |w| budget::update_line(w, &line_id, &input))
        .await
}

/// Deletes a line.
#[tauri::command]
pub async fn delete_budget_line(
    state: State<'_, AppState>,
    line_id: String,
) -> Result<(), AppError> {
    state.write(move |w| budget::delete_line(w, &line_id)).await
}

/// Totals, variance per category and cost per registered, attended and newly engaged member.
#[tauri::command]
pub async fn budget_summary(
    state: State<'_, AppState>,
    event_id: String,
) -> Result<BudgetSummary, AppError> {
    state
        .read(move |store| budget::budget_summary(store.conn(), &event_id))
        .await
}

/// Planned vs actual cost per category as an SVG chart in the UI's theme and language.
#[tauri::command]
pub async fn budget_chart(
    state: State<'_, AppState>,
    event_id: String,
    theme: Theme,
    lang: Lang,
) -> Result<String, AppError> {
    state
        .with_store(move |store| {
            let summary = budget::budget_summary(store.conn(), &event_id)?;
            Ok(charts::budget_planned_vs_actual(
                &summary.chart,
                &summary.currency,
                lang,
                theme,
            )?)
        })
        .await
}

/// Turnout, first-time attendees and ratings.
#[tauri::command]
pub async fn event_outcome(
    state: State<'_, AppState>,
    event_id: String,
) -> Result<EventOutcome, AppError> {
    state
        .read(move |store| event_outcomes::event_outcome(store.conn(), &event_id))
        .await
}

/// Attendees' activity 60 days after vs before, against members of the same level.
#[tauri::command]
pub async fn event_effect(
    state: State<'_, AppState>,
    event_id: String,
) -> Result<EventEffect, AppError> {
    state
        .with_store(move |store| {
            let now = store.clock().now_ms();
            Ok(event_outcomes::event_effect(store.conn(), &event_id, now)?)
        })
        .await
}

/// The event's feedback, newest first.
#[tauri::command]
pub async fn event_feedback(
    state: State<'_, AppState>,
    event_id: String,
) -> Result<Vec<Feedback>, AppError> {
    state
        .read(move |store| event_outcomes::event_feedback(store.conn(), &event_id))
        .await
}

/// Records one piece of feedback typed in by hand; returns its id.
#[tauri::command]
pub async fn add_feedback(
    state: State<'_, AppState>,
    event_id: String,
    input: FeedbackInput,
) -> Result<String, AppError> {
    state
        .write(move |w| event_outcomes::add_feedback(w, &event_id, &input))
        .await
}

/// Deletes a piece of feedback.
#[tauri::command]
pub async fn delete_feedback(
    state: State<'_, AppState>,
    feedback_id: String,
) -> Result<(), AppError> {
    state
        .write(move |w| event_outcomes::delete_feedback(w, &feedback_id))
        .await
}

/// Reads the CSV file at `path` (from the open dialog) and reports its rows and every bad row.
#[tauri::command]
pub async fn check_feedback_csv(
    state: State<'_, AppState>,
    event_id: String,
    path: String,
) -> Result<FeedbackCsvCheck, AppError> {
    state
        .with_store(move |store| {
            let data = read_picked(&path, MAX_CSV_MB, "a feedback CSV")?;
            Ok(event_outcomes::check_feedback_csv(
                store.conn(),
                &event_id,
                &data,
            )?)
        })
        .await
}

/// Imports every row of the CSV file at `path`, or none if any row is bad; returns how many.
#[tauri::command]
pub async fn import_feedback_csv(
    state: State<'_, AppState>,
    event_id: String,
    path: String,
) -> Result<u32, AppError> {
    state
        .write(move |w| {
            let data = read_picked(&path, MAX_CSV_MB, "a feedback CSV")?;
            event_outcomes::import_feedback_csv(w, &event_id, &data)
        })
        .await
}

/// The suggestion list, most votes first; ties share a place.
#[tauri::command]
pub async fn ranked_suggestions(
    state: State<'_, AppState>,
    event_id: String,
) -> Result<Vec<RankedSuggestion>, AppError> {
    state
        .read(move |store| suggestions::ranked_suggestions(store.conn(), &event_id))
        .await
}

/// Proposes a topic, venue or date, on behalf of a member or of nobody; returns its id.
#[tauri::command]
pub async fn propose_suggestion(
    state: State<'_, AppState>,
    event_id: String,
    kind: SuggestionKind,
    text: String,
    member_id: Option<String>,
) -> Result<String, AppError> {
    state
        .with_store(move |store| {
            Ok(store
                .write(|w| suggestions::propose(w, &event_id, kind, &text, member_id.as_deref()))?)
        })
        .await
}

/// Records a member's vote for an option (voting twice changes nothing).
#[tauri::command]
pub async fn vote_suggestion(
    state: State<'_, AppState>,
    suggestion_id: String,
    member_id: String,
) -> Result<(), AppError> {
    state
        .with_store(move |store| vote(store, &suggestion_id, &member_id, true))
        .await
}

/// Takes back a member's vote for an option.
#[tauri::command]
pub async fn unvote_suggestion(
    state: State<'_, AppState>,
    suggestion_id: String,
    member_id: String,
) -> Result<(), AppError> {
    state
        .with_store(move |store| vote(store, &suggestion_id, &member_id, false))
        .await
}

fn vote(store: &mut Store, suggestion: &str, member: &str, on: bool) -> Result<(), AppError> {
    Ok(store.write(|w| {
        if on {
            suggestions::vote(w, suggestion, member)
        } else {
            suggestions::unvote(w, suggestion, member)
        }
    })?)
}
