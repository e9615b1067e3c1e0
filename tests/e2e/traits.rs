//! Member traits on the member page: the sample member's traits grouped by dimension, one added
//! (and the same one refused with the specific reason, the typed value kept), removed again,
//! and the card in Japanese.

use std::sync::Arc;

use kizuna_core::engagement::top_members;
use kizuna_core::members::member_traits;
use kizuna_core::store::OpenMode;
use kizuna_core::{Store, SystemClock};
use thirtyfour::components::SelectElement;
use thirtyfour::prelude::*;

use crate::harness::{AppSession, run_flow};

const CHIP: &str = "[data-testid=trait-chip][data-key=app][data-value=Threads]";

fn sample(session: &AppSession) -> Store {
    let path = session.data_dir.path().join("sample.kizuna");
    Store::open(&path, OpenMode::MustExist, Arc::new(SystemClock)).expect("sample file")
}

/// The member's traits in the file, as `key=value`.
fn stored(session: &AppSession, member: &str) -> Vec<String> {
    member_traits(sample(session).conn(), member)
        .expect("traits")
        .into_iter()
        .map(|t| format!("{}={}", t.key, t.value))
        .collect()
}

async fn text_of(s: &AppSession, css: &str) -> Result<String, String> {
    let found = s.wait_for_all(css, css, |n| n >= 1).await?;
    Ok(found[0]
        .prop("textContent")
        .await
        .map_err(e)?
        .unwrap_or_default())
}

async fn add_app(s: &AppSession, value: &str) -> Result<(), String> {
    let value_field = s
        .wait_for_all("[data-testid=trait-value]", "value field", |n| n == 1)
        .await?;
    value_field[0].clear().await.map_err(e)?;
    value_field[0].send_keys(value).await.map_err(e)?;
    s.click("[data-testid=trait-add]").await
}

#[tokio::test]
#[ignore = "needs the built app, tauri-driver and a display: run by scripts/test"]
async fn a_trait_is_added_refused_twice_with_the_reason_and_removed() {
    run_flow("traits", async |s: &AppSession| {
        s.wait_for_text("[data-testid=kpi-members] .kpi-value", "members KPI", |t| {
            t == "2,000"
        })
        .await?;
        let member = top_members(sample(s).conn(), 1).expect("top").remove(0);
        let before = stored(s, &member.member_id);
        s.click("[data-testid=nav-members]").await?;
        s.type_into("[data-testid=member-search]", &member.display_name)
            .await?;
        let css = format!(
            "[data-testid=member-row][data-member-id='{}']",
            member.member_id
        );
        s.wait_for_all(&css, "the member's row", |n| n == 1).await?[0]
            .click()
            .await
            .map_err(e)?;

        // The sample member's traits, each a chip under its dimension.
        s.wait_for_all("[data-testid=trait-chip]", "trait chips", |n| {
            n == before.len()
        })
        .await?;

        // Add one: technology / app / Threads.
        let select = s
            .wait_for_all("[data-testid=trait-dimension]", "dimension", |n| n == 1)
            .await?;
        SelectElement::new(&select[0])
            .await
            .map_err(e)?
            .select_by_value("technology")
            .await
            .map_err(e)?;
        s.type_into("[data-testid=trait-key]", "App").await?;
        add_app(s, "Threads").await?;
        s.wait_for_all(CHIP, "the new chip", |n| n == 1).await?;
        if !stored(s, &member.member_id).contains(&"app=Threads".to_owned()) {
            return Err("the added trait is not in the file".to_owned());
        }

        // The same again (other case): the specific reason, the typed value kept, nothing saved.
        add_app(s, "threads").await?;
        let error = text_of(s, "[data-testid=trait-error]").await?;
        if !error.contains("already has “App: Threads”") {
            return Err(format!("unexpected error text: {error:?}"));
        }
        let kept = s
            .wait_for_all("[data-testid=trait-value]", "value field", |n| n == 1)
            .await?[0]
            .prop("value")
            .await
            .map_err(e)?;
        if kept.as_deref() != Some("threads") {
            return Err(format!("the typed value was not kept: {kept:?}"));
        }
        if stored(s, &member.member_id).len() != before.len() + 1 {
            return Err("a refused trait was saved".to_owned());
        }
        s.screenshot("traits-refused").await;

        // Japanese: the dimensions and common keys in Japanese.
        s.click("[data-testid=lang-ja]").await?;
        let card = text_of(s, "[data-testid=member-traits]").await?;
        if !(card.contains("興味・価値観") && card.contains("アプリ")) {
            return Err(format!("the card is not in Japanese: {card:?}"));
        }
        s.screenshot("traits-ja").await;
        s.click("[data-testid=lang-en]").await?;

        // Remove it with its × button.
        s.click(&format!(
            "{CHIP} button[aria-label='Remove trait App: Threads']"
        ))
        .await?;
        s.wait_for_all(CHIP, "the chip gone", |n| n == 0).await?;
        if stored(s, &member.member_id) != before {
            return Err("removing did not give back the member's traits".to_owned());
        }
        Ok(())
    })
    .await;
}

fn e(error: WebDriverError) -> String {
    error.to_string()
}
