//! Desktop conventions: a second launch on the same data folder hands over to the running window
//! and exits, while a launch on another folder runs alongside; the native menu bar's items (sent
//! to the page as `menu` events) lead to screens and open the command palette; the menu bar
//! follows the UI's language.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::harness::{AppSession, run_flow};

/// Starts the app binary directly (not through WebDriver) on `data_dir`.
fn launch(data_dir: &std::path::Path) -> Child {
    Command::new(crate::harness::app_binary())
        .env("KIZUNA_DATA_DIR", data_dir)
        .env_remove("KIZUNA_DB")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start a second Kizuna")
}

/// Waits up to `limit` for `child` to exit; None when it is still running.
fn exit_within(child: &mut Child, limit: Duration) -> Option<std::process::ExitStatus> {
    let deadline = Instant::now() + limit;
    while Instant::now() < deadline {
        if let Ok(Some(status)) = child.try_wait() {
            return Some(status);
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    None
}

/// Sends a `menu` event as the menu bar does when an item is chosen.
async fn choose_menu(s: &AppSession, action: Value) -> Result<(), String> {
    s.invoke(
        "plugin:event|emit",
        json!({ "event": "menu", "payload": action }),
    )
    .await
    .map(|_| ())
}

#[tokio::test]
#[ignore = "needs the built app, tauri-driver and a display: run by scripts/test"]
async fn one_window_per_data_folder_and_the_menu_bar_leads_to_screens() {
    run_flow("desktop", async |s: &AppSession| {
        s.wait_for_all("[data-testid=sample-badge]", "sample badge", |n| n == 1)
            .await?;

        // The same folder: the second launch exits and the first window stays usable.
        let mut second = launch(s.data_dir.path());
        match exit_within(&mut second, Duration::from_secs(30)) {
            Some(status) if status.success() => {}
            Some(status) => return Err(format!("the second launch ended with {status}")),
            None => {
                let _ = second.kill();
                return Err("a second launch on the same data folder kept running".into());
            }
        }
        s.click("[data-testid=nav-members]").await?;
        s.wait_for_all(
            "[data-testid=member-row]",
            "members after the second launch",
            |n| n >= 1,
        )
        .await?;

        // Another folder runs alongside.
        let other = tempfile::tempdir().map_err(|e| e.to_string())?;
        let mut alongside = launch(other.path());
        let ended = exit_within(&mut alongside, Duration::from_secs(5));
        let _ = alongside.kill();
        let _ = alongside.wait();
        if let Some(status) = ended {
            return Err(format!(
                "a launch on another data folder did not run alongside ({status})"
            ));
        }

        // Menu items: a screen, then the palette.
        choose_menu(s, json!({ "action": "navigate", "href": "/reports" })).await?;
        s.wait_for_all("[data-testid=report-show]", "Reports from the menu", |n| {
            n == 1
        })
        .await?;
        choose_menu(s, json!({ "action": "palette" })).await?;
        s.wait_for_all(
            "[data-testid=command-palette]",
            "palette from the menu",
            |n| n == 1,
        )
        .await?;

        // The menu bar is rebuilt in Japanese when the UI asks.
        s.invoke("set_menu_language", json!({ "lang": "ja" }))
            .await?;
        s.invoke("set_menu_language", json!({ "lang": "en" }))
            .await?;
        Ok(())
    })
    .await;
}
