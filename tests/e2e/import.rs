//! Import through the screen: a Luma guest list is chosen in the file input, the preview
//! recognises it and asks for its event, the dry run shows what will happen and the bad lines
//! by number, the import writes exactly that, the new members are in Members, and the history
//! undoes the whole import.

use std::sync::Arc;

use kizuna_core::store::OpenMode;
use kizuna_core::{Store, SystemClock};
use thirtyfour::prelude::*;

use crate::harness::{AppSession, run_flow};

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/crates/kizuna-import/tests/fixtures/luma_guests.csv"
);

fn e(error: WebDriverError) -> String {
    error.to_string()
}

fn sample(session: &AppSession) -> Store {
    let path = session.data_dir.path().join("sample.kizuna");
    Store::open(&path, OpenMode::MustExist, Arc::new(SystemClock)).expect("sample file")
}

fn count(store: &Store, sql: &str) -> i64 {
    store
        .conn()
        .query_row(sql, [], |r| r.get(0))
        .expect("count query")
}

/// The `data-count` of the element matching `css`.
async fn data_count(s: &AppSession, css: &str) -> Result<i64, String> {
    let found = s.wait_for_all(css, css, |n| n == 1).await?;
    let value = found[0].attr("data-count").await.map_err(e)?;
    value
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| format!("`{css}` has no data-count"))
}

/// Fails the step with both numbers when they differ.
fn expect_eq(what: &str, got: i64, want: i64) -> Result<(), String> {
    if got == want {
        Ok(())
    } else {
        Err(format!("{what}: {got} on screen, expected {want}"))
    }
}

/// Sets an input's value the way typing would (datetime-local fields take no keys in WebKit).
async fn set_value(s: &AppSession, css: &str, value: &str) -> Result<(), String> {
    let input = s.wait_for_all(css, css, |n| n == 1).await?;
    s.driver
        .execute(
            "arguments[0].value = arguments[1]; \
             arguments[0].dispatchEvent(new Event('input', { bubbles: true }));",
            vec![input[0].to_json().map_err(e)?, serde_json::json!(value)],
        )
        .await
        .map_err(e)?;
    Ok(())
}

#[tokio::test]
#[ignore = "needs a display, tauri-driver and the built UI: run by scripts/test"]
async fn a_luma_guest_list_is_checked_imported_seen_and_undone() {
    run_flow("import_luma", async |s| {
        s.click("[data-testid=nav-import]").await?;
        s.wait_for_text("[data-testid=import-history]", "the history", |t| {
            t.contains("Nothing has been imported yet")
        })
        .await?;
        let members_before = count(
            &sample(s),
            "SELECT count(*) FROM members WHERE deleted_at IS NULL",
        );
        let input = s
            .wait_for_all("[data-testid=import-file-input]", "the file input", |n| {
                n == 1
            })
            .await?;
        input[0].send_keys(FIXTURE).await.map_err(e)?;

        // The preview: Luma recognised, 5 readable rows, the unreadable one by line and column,
        // and the event asked for.
        let preview = s
            .wait_for_all(
                "[data-testid=import-preview][data-format=luma]",
                "Luma preview",
                |n| n == 1,
            )
            .await?;
        if !preview[0]
            .text()
            .await
            .map_err(e)?
            .contains("luma_guests.csv")
        {
            return Err("the preview does not name the file".to_owned());
        }
        expect_eq(
            "[data-testid=import-records]",
            data_count(s, "[data-testid=import-records]").await?,
            5,
        )?;
        expect_eq(
            "[data-testid=import-unreadable]",
            data_count(s, "[data-testid=import-unreadable]").await?,
            1,
        )?;
        s.wait_for_text("[data-testid=import-unreadable]", "bad lines", |t| {
            t.contains("Line 6") && t.contains("\"not-an-email\" is not a valid email address")
        })
        .await?;
        s.type_into("[data-testid=import-event-title]", "Latte Art Night")
            .await?;
        set_value(s, "[data-testid=import-event-start]", "2026-10-20T19:00").await?;
        s.click("[data-testid=import-event-apply]").await?;

        // The dry run: the person with an unknown status is refused there, with line 6.
        s.click("[data-testid=import-check]").await?;
        s.wait_for_all("[data-testid=import-dry-run]", "the dry run", |n| n == 1)
            .await?;
        expect_eq(
            "[data-testid=import-count-created]",
            data_count(s, "[data-testid=import-count-created]").await?,
            4,
        )?;
        expect_eq(
            "[data-testid=import-count-events]",
            data_count(s, "[data-testid=import-count-events]").await?,
            1,
        )?;
        expect_eq(
            "[data-testid=import-count-registrations]",
            data_count(s, "[data-testid=import-count-registrations]").await?,
            4,
        )?;
        s.wait_for_text(
            "[data-testid=import-dry-run]",
            "the dry run's bad lines",
            |t| {
                t.contains("2 lines not imported")
                    && t.contains("Line 7")
                    && t.contains("\"maybe\" is not a registration status")
            },
        )
        .await?;
        expect_eq(
            "the dry run wrote nothing",
            count(
                &sample(s),
                "SELECT count(*) FROM members WHERE deleted_at IS NULL",
            ),
            members_before,
        )?;
        s.screenshot("import_dry_run").await;

        // The import writes what the dry run said.
        s.click("[data-testid=import-run]").await?;
        s.wait_for_text("[data-testid=import-done-message]", "done", |t| {
            t.contains("Imported “luma_guests.csv”")
        })
        .await?;
        expect_eq(
            "[data-testid=import-count-created]",
            data_count(s, "[data-testid=import-count-created]").await?,
            4,
        )?;
        let store = sample(s);
        expect_eq(
            "count in the community file",
            count(
                &store,
                "SELECT count(*) FROM members WHERE deleted_at IS NULL",
            ),
            members_before + 4,
        )?;
        expect_eq(
            "count in the community file",
            count(
                &store,
                "SELECT count(*) FROM registrations r JOIN events e ON e.id = r.event_id
                 WHERE e.title = 'Latte Art Night'",
            ),
            4,
        )?;
        drop(store);

        // The new members are in Members.
        s.click("[data-testid=import-see-members]").await?;
        s.replace_text("[data-testid=member-search]", "Chie Mori")
            .await?;
        s.wait_for_content("[data-testid=member-row]", "the imported member", |t| {
            t.contains("Chie Mori")
        })
        .await?;

        // The history undoes the whole import.
        s.click("[data-testid=nav-import]").await?;
        s.wait_for_all(
            "[data-testid=import-run]",
            "one import in the history",
            |n| n == 1,
        )
        .await?;
        s.click("[data-testid=import-undo]").await?;
        s.click("[data-testid=import-undo-yes]").await?;
        s.wait_for_text("[data-testid=import-undo-message]", "undone", |t| {
            t.contains("Undid “luma_guests.csv”")
        })
        .await?;
        expect_eq(
            "undo removed the members the import created",
            count(
                &sample(s),
                "SELECT count(*) FROM members WHERE deleted_at IS NULL",
            ),
            members_before,
        )?;
        Ok(())
    })
    .await;
}
