//! Settings and word of mouth: a new weight shows in a member's score breakdown, decreasing
//! level thresholds are refused with the core's reason, and Word of mouth ranks advocates as
//! the core does.

use std::sync::Arc;

use kizuna_core::engagement::{LevelInput, explain, levels, top_members, validate_levels};
use kizuna_core::referrals::advocate_board;
use kizuna_core::store::OpenMode;
use kizuna_core::{CoreError, Store, SystemClock};
use thirtyfour::prelude::*;

use crate::harness::{AppSession, run_flow};

fn sample(session: &AppSession) -> Store {
    let path = session.data_dir.path().join("sample.kizuna");
    Store::open(&path, OpenMode::MustExist, Arc::new(SystemClock)).expect("sample file")
}

async fn replace_text(element: &WebElement, text: &str) -> Result<(), String> {
    element.clear().await.map_err(e)?;
    element.send_keys(text).await.map_err(e)
}

async fn open_member(s: &AppSession, id: &str, name: &str) -> Result<(), String> {
    s.click("[data-testid=nav-members]").await?;
    let search = s
        .wait_for_all("[data-testid=member-search]", "search box", |n| n == 1)
        .await?;
    replace_text(&search[0], name).await?;
    let row = s
        .wait_for_all(
            &format!("[data-testid=member-row][data-member-id='{id}']"),
            "the member's row",
            |n| n == 1,
        )
        .await?;
    row[0].click().await.map_err(e)?;
    s.wait_for_text("[data-testid=member-detail-name]", "member name", |t| {
        t.contains(name)
    })
    .await?;
    Ok(())
}

#[tokio::test]
#[ignore = "needs the built app, tauri-driver and a display: run by scripts/test"]
async fn settings_change_scores_refuse_bad_levels_and_word_of_mouth_ranks_advocates() {
    run_flow("settings", async |s: &AppSession| {
        s.wait_for_text("[data-testid=kpi-members] .kpi-value", "members KPI", |t| {
            t == "2,000"
        })
        .await?;
        s.click("[data-testid=lang-en]").await?;
        let (champion, activity_type, old_weight, advocate, current_levels) = {
            let store = sample(s);
            let champion = top_members(store.conn(), 1).expect("top").remove(0);
            let explained = explain(store.conn(), &champion.member_id, store.clock().now_ms())
                .expect("explain");
            let top = explained.by_type[0].clone();
            // advocate_board ranks exactly as referrals::top_advocates (tested in the core).
            let advocate = advocate_board(store.conn(), store.clock().now_ms(), 1, None)
                .expect("advocates")
                .remove(0);
            let current = levels(store.conn()).expect("levels");
            (champion, top.activity_type, top.weight, advocate, current)
        };
        let new_weight = old_weight.round() + 7.0;
        let row_css = format!(
            "[data-testid=score-type-row][data-activity-type='{activity_type}'] td:nth-of-type(2)"
        );

        // Before: the breakdown shows the weight the sample ships with.
        open_member(s, &champion.member_id, &champion.display_name).await?;
        s.wait_for_content(&row_css, "old weight", |t| t == format!("×{old_weight}"))
            .await?;

        // Settings: raise that type's weight; the save re-scores everyone.
        s.click("[data-testid=nav-settings]").await?;
        s.click(&format!(
            "[data-testid=activity-type-row][data-key='{activity_type}'] [data-testid=type-edit]"
        ))
        .await?;
        let weight = s
            .wait_for_all("[data-testid=type-weight]", "weight field", |n| n == 1)
            .await?;
        replace_text(&weight[0], &new_weight.to_string()).await?;
        s.click("[data-testid=type-save]").await?;
        s.wait_for_text("[data-testid=types-saved]", "saved line", |t| {
            t.starts_with("Saved.")
        })
        .await?;
        s.screenshot("settings-weight-saved").await;

        // Decreasing thresholds: the third level below the second.
        let mut input: Vec<LevelInput> = current_levels
            .iter()
            .map(|l| LevelInput {
                key: l.key.clone(),
                label_en: l.label_en.clone(),
                label_ja: l.label_ja.clone(),
                min_score: l.min_score,
            })
            .collect();
        input[2].min_score = input[1].min_score - 1.0;
        let expected = match validate_levels(&input) {
            Err(CoreError::InvalidInput(message)) => message.to_string(),
            other => return Err(format!("the core accepted decreasing levels: {other:?}")),
        };
        let thresholds = s
            .wait_for_all("[data-testid=level-min-score]", "thresholds", |n| {
                n == current_levels.len()
            })
            .await?;
        replace_text(&thresholds[2], &input[2].min_score.to_string()).await?;
        s.click("[data-testid=levels-save]").await?;
        s.wait_for_text("[data-testid=levels-error]", "levels error", |t| {
            t == expected
        })
        .await?;
        s.screenshot("settings-levels-error").await;
        s.click("[data-testid=lang-ja]").await?;
        s.screenshot("settings-ja").await;
        s.click("[data-testid=lang-en]").await?;

        // After: the member's breakdown uses the new weight.
        open_member(s, &champion.member_id, &champion.display_name).await?;
        s.wait_for_content(&row_css, "new weight", |t| t == format!("×{new_weight}"))
            .await?;
        s.screenshot("settings-member-breakdown").await;

        // Word of mouth: the top advocate is the core's.
        s.click("[data-testid=nav-members]").await?;
        s.click("[data-testid=open-word-of-mouth]").await?;
        let rows = s
            .wait_for_all("[data-testid=advocate-row]", "advocate rows", |n| n >= 1)
            .await?;
        let first = rows[0].attr("data-member-id").await.map_err(e)?;
        if first.as_deref() != Some(advocate.member_id.as_str()) {
            return Err(format!(
                "top advocate {first:?}, the core says {} ({})",
                advocate.member_id, advocate.display_name
            ));
        }
        s.wait_for_text("[data-testid=advocate-total]", "reach", |t| {
            t == advocate.total.to_string()
        })
        .await?;
        s.screenshot("word-of-mouth").await;
        s.click("[data-testid=lang-ja]").await?;
        s.screenshot("word-of-mouth-ja").await;

        // The advocate's own page: the referrals card with their reach.
        s.click("[data-testid=advocate-name]").await?;
        s.wait_for_all(
            &format!(
                "[data-testid=referral-reach][data-total='{}']",
                advocate.total
            ),
            "reach on the member page",
            |n| n == 1,
        )
        .await?;
        // Recording the advocate as their own referrer: the core's refusal is shown.
        s.click("[data-testid=lang-en]").await?;
        s.click("[data-testid=referral-record]").await?;
        s.type_into("[data-testid=referrer-search]", &advocate.display_name)
            .await?;
        s.click(&format!(
            "[data-testid=referrer-option][data-member-id='{}']",
            advocate.member_id
        ))
        .await?;
        s.click("[data-testid=referral-save]").await?;
        let error = s
            .wait_for_text("[data-testid=referral-error]", "self-referral", |t| {
                t == "a member cannot refer themselves"
            })
            .await;
        let card = s
            .wait_for_all("[data-testid=member-referrals]", "referrals card", |n| {
                n == 1
            })
            .await?;
        card[0].scroll_into_view().await.map_err(e)?;
        s.screenshot("member-referrals").await;
        error?;

        // Someone they brought in: the card names them as the referrer.
        s.click("[data-testid=referral-tree-node] > a").await?;
        s.wait_for_text("[data-testid=referred-by]", "referred by", |t| {
            t.starts_with(&format!("Referred by {} via", advocate.display_name))
        })
        .await?;
        let card = s
            .wait_for_all("[data-testid=member-referrals]", "referrals card", |n| {
                n == 1
            })
            .await?;
        card[0].scroll_into_view().await.map_err(e)?;
        s.click("[data-testid=lang-ja]").await?;
        s.screenshot("member-referred-by-ja").await;
        s.click("[data-testid=lang-en]").await
    })
    .await;
}

fn e(error: WebDriverError) -> String {
    error.to_string()
}
