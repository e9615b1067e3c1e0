//! The Budget tab of an event in the app: three budget lines typed in — one first refused for
//! "12,5,0" with the specific reason and the typed text kept — and the cost per attendee on
//! screen equal to the core's figure. Used by the events flow after the door check-in.

use std::sync::Arc;

use kizuna_core::budget::budget_summary;
use kizuna_core::money::{Lang, format_amount};
use kizuna_core::store::OpenMode;
use kizuna_core::{Store, SystemClock};
use thirtyfour::prelude::*;

use crate::harness::AppSession;

fn sample(session: &AppSession) -> Store {
    let path = session.data_dir.path().join("sample.kizuna");
    Store::open(&path, OpenMode::MustExist, Arc::new(SystemClock)).expect("sample file")
}

fn e(err: WebDriverError) -> String {
    err.to_string()
}

/// Opens the cost form, picks `category`, types the amounts and saves.
async fn add_line(
    s: &AppSession,
    category: &str,
    planned: &str,
    actual: Option<&str>,
) -> Result<(), String> {
    s.click("[data-testid=budget-add-line]").await?;
    s.select_value("[data-testid=budget-line-category]", category)
        .await?;
    s.replace_text("[data-testid=budget-line-planned]", planned)
        .await?;
    if let Some(actual) = actual {
        s.replace_text("[data-testid=budget-line-actual]", actual)
            .await?;
    }
    s.click("[data-testid=budget-line-save]").await
}

async fn lines(s: &AppSession, n: usize) -> Result<(), String> {
    s.wait_for_all("[data-testid=budget-line]", "budget lines", |found| {
        found == n
    })
    .await
    .map(|_| ())
}

/// On an event's page: enters venue ¥120,000 (actual ¥118,000), catering 30,000 and
/// merchandise ("12,5,0" refused, then 8,000), and checks the cost per attendee on screen
/// against the core and against `expected_per_attendee`.
pub async fn enter_a_budget_of_three_lines(
    s: &AppSession,
    event_id: &str,
    expected_per_attendee: &str,
) -> Result<(), String> {
    s.click("[data-testid=event-tab-budget]").await?;

    add_line(s, "venue", "¥120,000", Some("¥118,000")).await?;
    lines(s, 1).await?;
    add_line(s, "catering", "30,000", None).await?;
    lines(s, 2).await?;

    // A misplaced comma is refused with the reason next to the field; the text stays.
    add_line(s, "merchandise", "12,5,0", None).await?;
    s.wait_for_text("[data-testid=budget-error]", "amount error", |t| {
        t.contains("\"12,5,0\" has a comma in the wrong place")
            || t.contains("“12,5,0” has a comma in the wrong place")
    })
    .await?;
    let kept = s
        .wait_for_all("[data-testid=budget-line-planned]", "planned", |n| n == 1)
        .await?[0]
        .prop("value")
        .await
        .map_err(e)?
        .unwrap_or_default();
    if kept != "12,5,0" {
        return Err(format!("the typed amount was not kept: {kept:?}"));
    }
    lines(s, 2).await?;
    s.screenshot("event-budget-error").await;

    s.replace_text("[data-testid=budget-line-planned]", "8,000")
        .await?;
    s.click("[data-testid=budget-line-save]").await?;
    lines(s, 3).await?;

    let summary = budget_summary(sample(s).conn(), event_id).expect("summary");
    let per_attendee = summary
        .cost_per_attended_minor
        .ok_or("the core has no cost per attendee")?;
    let expected = format_amount(per_attendee, "JPY", Lang::En);
    s.wait_for_text(
        "[data-testid=cost-per-attendee]",
        "cost per attendee",
        |t| t.trim() == expected,
    )
    .await?;
    if expected != expected_per_attendee {
        return Err(format!(
            "the screen and the core agree on {expected}, expected {expected_per_attendee}"
        ));
    }
    s.wait_for_text("[data-testid=budget-total-cost]", "actual cost", |t| {
        t.trim() == "¥118,000"
    })
    .await?;
    Ok(())
}
