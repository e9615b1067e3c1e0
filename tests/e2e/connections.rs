//! Settings → Connections: a Discourse forum is added (its token goes to the system keychain,
//! never into the community file), "Test" on an address nothing answers explains the failure in
//! words, and Remove takes the connection away with its token.

use std::sync::Arc;

use kizuna_core::store::OpenMode;
use kizuna_core::{Store, SystemClock};

use crate::harness::{AppSession, run_flow};
use crate::keyring;

const TOKEN: &str = "kizuna-e2e-discourse-key-5f1c9a";

fn sample_bytes(session: &AppSession) -> Vec<u8> {
    let path = session.data_dir.path().join("sample.kizuna");
    // Reading through SQLite first folds the write-ahead log into the file.
    let store = Store::open(&path, OpenMode::MustExist, Arc::new(SystemClock)).expect("sample");
    store
        .conn()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
        .expect("checkpoint");
    drop(store);
    std::fs::read(&path).expect("read the community file")
}

#[tokio::test]
#[ignore = "needs a display, tauri-driver, GNOME Keyring and the built UI: run by scripts/test"]
async fn a_connection_is_added_tested_and_removed_and_its_token_stays_in_the_keychain() {
    let _keyring = keyring::start();
    run_flow("connections", async |s| {
        s.click("[data-testid=nav-settings]").await?;
        s.wait_for_all(
            "[data-testid=connections-empty]",
            "no connections yet",
            |n| n == 1,
        )
        .await?;
        s.select_value("[data-testid=connection-kind]", "discourse")
            .await?;
        s.type_into("[data-testid=connection-label]", "Community forum")
            .await?;
        s.type_into("[data-testid=connection-url]", "http://127.0.0.1:9")
            .await?;
        s.type_into("[data-testid=connection-account]", "system")
            .await?;
        s.type_into("[data-testid=connection-token]", TOKEN).await?;
        s.click("[data-testid=connection-add-submit]").await?;
        s.wait_for_text("[data-testid=connections-message]", "added", |t| {
            t.contains("Added “Community forum”")
        })
        .await?;
        s.wait_for_all("[data-testid=connection]", "one connection", |n| n == 1)
            .await?;

        s.click("[data-testid=connection-test]").await?;
        s.wait_for_text("[data-testid=error-notice]", "the failed test", |t| {
            t.contains("Could not reach") && t.contains("127.0.0.1:9")
        })
        .await?;
        let bytes = sample_bytes(s);
        if bytes.windows(TOKEN.len()).any(|w| w == TOKEN.as_bytes()) {
            return Err("the token is in the community file".to_owned());
        }
        s.screenshot("connections_failed_test").await;

        s.click("[data-testid=connection-remove]").await?;
        s.click("[data-testid=connection-remove-yes]").await?;
        s.wait_for_all(
            "[data-testid=connections-empty]",
            "no connection left",
            |n| n == 1,
        )
        .await?;
        Ok(())
    })
    .await;
}
