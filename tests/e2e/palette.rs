//! The command palette on the sample community: Ctrl-K opens it anywhere, a member's Japanese name
//! finds that member and Enter opens their page, "report" leads to the Reports screen, Esc closes
//! it, and the top bar's button opens it for mouse users with events found by title.

use std::sync::Arc;

use kizuna_core::members::list_members;
use kizuna_core::store::OpenMode;
use kizuna_core::{Store, SystemClock};
use thirtyfour::prelude::*;

use crate::harness::{AppSession, run_flow};

fn e(err: WebDriverError) -> String {
    err.to_string()
}

/// A sample member named 山田 and how the palette should show them.
fn a_yamada(session: &AppSession) -> (String, String) {
    let path = session.data_dir.path().join("sample.kizuna");
    let store =
        Store::open(&path, OpenMode::MustExist, Arc::new(SystemClock)).expect("sample file");
    let page = list_members(store.conn(), "山田", 0, 1).expect("list");
    let member = page
        .rows
        .first()
        .expect("the sample has members named 山田");
    (member.id.clone(), member.display_name.clone())
}

#[tokio::test]
#[ignore = "needs the built app, tauri-driver and a display: run by scripts/test"]
async fn ctrl_k_jumps_to_a_member_a_screen_and_an_event() {
    run_flow("palette", async |s: &AppSession| {
        s.wait_for_all("[data-testid=sample-badge]", "sample badge", |n| n == 1)
            .await?;
        let (id, name) = a_yamada(s);

        s.ctrl_k().await?;
        let input = s
            .palette_search(&name, "the member first", |t| t.contains(&name))
            .await?;
        input.send_keys(Key::Enter).await.map_err(e)?;
        s.wait_for_text("[data-testid=member-detail-name]", "member page", |t| {
            t.contains(&name)
        })
        .await?;
        let url = s.driver.current_url().await.map_err(e)?;
        if !url.path().ends_with(&id) {
            return Err(format!("Enter opened {url}, not member {id}"));
        }

        s.ctrl_k().await?;
        let input = s
            .palette_search("report", "the Reports screen first", |t| {
                t.starts_with("Reports")
            })
            .await?;
        input.send_keys(Key::Enter).await.map_err(e)?;
        s.wait_for_all("[data-testid=report-show]", "Reports screen", |n| n == 1)
            .await?;

        s.ctrl_k().await?;
        let input = s
            .wait_for_all("[data-testid=palette-input]", "palette input", |n| n == 1)
            .await?
            .remove(0);
        input.send_keys(Key::Escape).await.map_err(e)?;
        s.wait_for_all("[data-testid=command-palette]", "palette closed", |n| {
            n == 0
        })
        .await?;

        s.click("[data-testid=open-palette]").await?;
        let input = s
            .palette_search("meetup", "an event by title", |t| t.contains("Meetup"))
            .await?;
        let typed = input.value().await.map_err(e)?.unwrap_or_default();
        if typed != "meetup" {
            return Err(format!(
                "the palette's field holds {typed:?} after typing \"meetup\""
            ));
        }
        s.wait_for_all(
            "[data-testid=palette-item][data-kind=event]",
            "events found",
            |n| n >= 1,
        )
        .await?;
        // Let the window repaint before the picture (WebKitWebDriver shows the last frame).
        tokio::time::sleep(std::time::Duration::from_millis(700)).await;
        s.screenshot("palette-events").await;
        Ok(())
    })
    .await;
}
