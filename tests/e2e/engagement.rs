//! Engagement a manager can trust: levels on the dashboard, a member's score explained by
//! activity type, and the duplicates Kizuna suggests for review.

use std::sync::Arc;

use kizuna_core::duplicates::find_duplicates;
use kizuna_core::engagement::{explain, level_distribution, top_members};
use kizuna_core::store::OpenMode;
use kizuna_core::{Store, SystemClock};
use thirtyfour::prelude::*;

use crate::harness::{AppSession, run_flow};

fn sample(session: &AppSession) -> Store {
    let path = session.data_dir.path().join("sample.kizuna");
    Store::open(&path, OpenMode::MustExist, Arc::new(SystemClock)).expect("sample file")
}

#[tokio::test]
#[ignore = "needs the built app, tauri-driver and a display: run by scripts/test"]
async fn a_members_level_is_explained_and_duplicates_are_listed_for_review() {
    run_flow("engagement", async |s: &AppSession| {
        s.wait_for_text("[data-testid=kpi-members] .kpi-value", "members KPI", |t| {
            t == "2,000"
        })
        .await?;
        let (levels, champion, expected_types, suggestions) = {
            let store = sample(s);
            let levels = level_distribution(store.conn()).expect("levels");
            let champion = top_members(store.conn(), 1).expect("top").remove(0);
            let explained = explain(store.conn(), &champion.member_id, store.clock().now_ms())
                .expect("explain");
            let suggestions = find_duplicates(store.conn(), 500)
                .expect("duplicates")
                .len();
            (levels, champion, explained.by_type.len(), suggestions)
        };
        s.wait_for_all(
            "[data-testid=level-distribution] [data-testid=level-row]",
            "level rows",
            |n| n == levels.len(),
        )
        .await?;

        // The five engagement insight charts, each drawn with data tooltips.
        s.wait_for_all("[data-testid=insight-chart] svg", "insight charts", |n| {
            n == 5
        })
        .await?;
        s.wait_for_all(
            "[data-testid=insight-chart] svg title",
            "insight tooltips",
            |n| n >= 25,
        )
        .await?;
        s.screenshot("insights").await;

        // The most engaged member: their level and the breakdown by activity type.
        s.click("[data-testid=nav-members]").await?;
        s.wait_for_text("[data-testid=member-count]", "member count", |t| {
            t.contains("2,000")
        })
        .await?;
        s.type_into("[data-testid=member-search]", &champion.display_name)
            .await?;
        let row = s
            .wait_for_all(
                &format!(
                    "[data-testid=member-row][data-member-id='{}']",
                    champion.member_id
                ),
                "the champion's row",
                |n| n == 1,
            )
            .await?;
        row[0].click().await.map_err(e)?;
        s.wait_for_text("[data-testid=member-detail-name]", "member name", |t| {
            t.contains(&champion.display_name)
        })
        .await?;
        s.wait_for_text("[data-testid=score-level]", "level chip", |t| {
            t == champion.level_label_en
        })
        .await?;
        s.wait_for_all("[data-testid=score-type-row]", "breakdown rows", |n| {
            n == expected_types
        })
        .await?;
        s.screenshot("score-breakdown").await;

        // Possible duplicates: as many as the core finds, none merged automatically.
        s.click("[data-testid=nav-members]").await?;
        s.click("[data-testid=open-duplicates]").await?;
        s.wait_for_all(
            "[data-testid=duplicate-suggestion]",
            "duplicate suggestions",
            |n| n == suggestions,
        )
        .await?;
        if suggestions == 0 {
            return Err("the sample community plants duplicates; none were suggested".to_owned());
        }
        Ok(())
    })
    .await;
}

fn e(error: WebDriverError) -> String {
    error.to_string()
}
