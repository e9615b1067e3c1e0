//! About Kizuna: the command palette leads to it; it shows the version Cargo builds, the counts of
//! the third-party notices; searching "serde" finds the crate, and choosing it shows its licence
//! and the texts of its licence files. The menu bar's Help → About Kizuna sends the same page.

use serde_json::json;
use thirtyfour::prelude::*;

use crate::harness::{AppSession, run_flow};

fn e(err: WebDriverError) -> String {
    err.to_string()
}

#[tokio::test]
#[ignore = "needs the built app, tauri-driver and a display: run by scripts/test"]
async fn about_shows_the_version_and_the_licence_text_of_a_chosen_crate() {
    run_flow("about", async |s: &AppSession| {
        s.wait_for_all("[data-testid=sample-badge]", "sample badge", |n| n == 1)
            .await?;

        // From the palette, as a keyboard user would.
        s.ctrl_k().await?;
        let input = s
            .palette_search("about", "About in the palette", |t| {
                t.contains("About Kizuna")
            })
            .await?;
        input.send_keys(Key::Enter).await.map_err(e)?;

        let version = env!("CARGO_PKG_VERSION");
        s.wait_for_text("[data-testid=about-version]", "the version", |t| {
            t == format!("Version {version}")
        })
        .await?;
        s.wait_for_text("[data-testid=about-licence]", "Kizuna's licence", |t| {
            t.contains("MIT OR Apache-2.0")
        })
        .await?;
        let counts = s
            .wait_for_text("[data-testid=notice-counts]", "the counts", |t| {
                t.contains("Rust crates") && t.contains("npm packages") && t.contains("1 font")
            })
            .await?;

        // Search, choose serde, read its licence.
        s.type_into("[data-testid=notice-search]", "serde").await?;
        s.wait_for_content("[data-testid=notice-row]", "serde first", |t| {
            t.starts_with("serde")
        })
        .await?;
        s.click("[data-testid=notice-row][data-name=serde]").await?;
        s.wait_for_text("[data-testid=notice-licence]", "serde's licence", |t| {
            t.contains("MIT") || t.contains("Apache")
        })
        .await?;
        s.wait_for_content("[data-testid=notice-text]", "serde's licence text", |t| {
            t.contains("Permission is hereby granted") || t.contains("Apache License")
        })
        .await?;
        s.screenshot("about-serde").await;

        // Help → About Kizuna in the menu bar sends this page as a `menu` event.
        s.click("[data-testid=nav-dashboard]").await?;
        s.wait_for_all("[data-testid=kpi-members]", "the dashboard", |n| n == 1)
            .await?;
        s.invoke(
            "plugin:event|emit",
            json!({ "event": "menu", "payload": { "action": "navigate", "href": "/about" } }),
        )
        .await?;
        s.wait_for_text("[data-testid=notice-counts]", "About from the menu", |t| {
            t == counts
        })
        .await?;
        Ok(())
    })
    .await;
}
