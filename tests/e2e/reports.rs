//! The Reports screen on the sample community: an event report without its event is refused at
//! the form; a Japanese community overview for this year is made, its pages appear with a
//! Japanese title and its tables are listed; saving it writes a PDF with those pages and that
//! title, and changing a choice afterwards says the pages shown are no longer what would be
//! saved.

use std::process::Command;

use serde_json::json;
use thirtyfour::prelude::*;

use crate::harness::{AppSession, run_flow};

/// What the form field matching `css` holds.
async fn field_value(s: &AppSession, css: &str) -> Result<String, String> {
    let field = s
        .driver
        .find(By::Css(css))
        .await
        .map_err(|e| e.to_string())?;
    Ok(field
        .value()
        .await
        .map_err(|e| e.to_string())?
        .unwrap_or_default())
}

#[tokio::test]
#[ignore = "needs the built app, tauri-driver and a display: run by scripts/test"]
async fn a_japanese_overview_is_previewed_and_saved_as_the_pdf_shown() {
    run_flow("reports", async |s: &AppSession| {
        s.wait_for_all("[data-testid=sample-badge]", "sample badge", |n| n == 1)
            .await?;
        s.click("[data-testid=nav-reports]").await?;

        // An event report needs its event: said at the form, the button stays off.
        s.click("[data-testid=report-kind-event]").await?;
        s.wait_for_text("[data-testid=report-problem]", "no event chosen", |t| {
            t.contains("Choose the event")
        })
        .await?;
        let show = s
            .driver
            .find(By::Css("[data-testid=report-show]"))
            .await
            .map_err(|e| e.to_string())?;
        if show.is_enabled().await.map_err(|e| e.to_string())? {
            return Err("the report could be asked for without its event".into());
        }

        // A Japanese overview of this year.
        s.click("[data-testid=report-kind-overview]").await?;
        s.click("[data-testid=report-preset-thisYear]").await?;
        s.click("[data-testid=report-lang-ja]").await?;
        s.click("[data-testid=report-show]").await?;
        let pages = s
            .wait_for_all("[data-testid=report-page]", "report pages", |n| n >= 2)
            .await?
            .len();
        let count = s
            .wait_for_text("[data-testid=report-page-count]", "page count", |t| {
                t.ends_with("pages")
            })
            .await?;
        if count != format!("{pages} pages") {
            return Err(format!("{pages} pages shown but the count says {count:?}"));
        }
        let title = s
            .wait_for_text("[data-testid=report-title]", "report title", |t| {
                t.chars().any(|c| ('\u{3040}'..='\u{30ff}').contains(&c))
                    || t.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
            })
            .await?;
        s.screenshot("reports-overview-ja").await;

        // Saving writes the PDF that was shown: the same pages and title.
        let from = field_value(s, "[data-testid=report-from]").await?;
        let to = field_value(s, "[data-testid=report-to]").await?;
        let pdf = s.data_dir.path().join("overview-ja.pdf");
        let saved = s
            .invoke(
                "report_save_pdf",
                json!({
                    "request": {
                        "kind": "overview", "from": from, "to": to,
                        "segmentId": null, "eventId": null, "lang": "ja"
                    },
                    "path": pdf.display().to_string(),
                }),
            )
            .await?;
        if saved["pages"] != json!(pages) {
            return Err(format!("{pages} pages shown, {saved} saved"));
        }
        let info = Command::new("pdfinfo")
            .arg(&pdf)
            .output()
            .map_err(|e| format!("pdfinfo (poppler-utils): {e}"))?;
        let info = String::from_utf8_lossy(&info.stdout);
        let pdf_title = info
            .lines()
            .find_map(|line| line.strip_prefix("Title:"))
            .map(str::trim)
            .unwrap_or_default();
        if pdf_title != title.trim() {
            return Err(format!(
                "the saved PDF is titled {pdf_title:?}, the preview {title:?}"
            ));
        }

        // Another language after the preview: the pages shown are marked as not what is saved.
        s.click("[data-testid=report-lang-en]").await?;
        s.wait_for_all("[data-testid=report-stale]", "stale notice", |n| n == 1)
            .await?;
        Ok(())
    })
    .await;
}
