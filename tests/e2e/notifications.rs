//! A long job that ends while Kizuna is in the background is announced by a system
//! notification: the real D-Bus notification server (dunst, started by D-Bus activation on the
//! test's session bus) shows nothing while Kizuna is in front, and "Report ready" with the
//! report's title and page count once the Reports screen made a report behind another window.

use std::process::Command;

use crate::harness::{AppSession, run_flow};

/// The summaries and bodies of the notifications the server has shown, newest first.
fn shown_notifications() -> Result<Vec<(String, String)>, String> {
    let out = Command::new("dunstctl")
        .arg("history")
        .output()
        .map_err(|e| format!("dunstctl (package dunst): {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "dunstctl history: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let history: serde_json::Value =
        serde_json::from_slice(&out.stdout).map_err(|e| format!("dunstctl history: {e}"))?;
    let text = |n: &serde_json::Value, field: &str| {
        n[field]["data"].as_str().unwrap_or_default().to_owned()
    };
    Ok(history["data"][0]
        .as_array()
        .map(|list| {
            list.iter()
                .map(|n| (text(n, "summary"), text(n, "body")))
                .collect()
        })
        .unwrap_or_default())
}

/// Opens another X window and gives it the keyboard focus, as switching to another application
/// does (there is no window manager under Xvfb to do it); the window closes when dropped.
struct OtherWindow(std::process::Child);

impl OtherWindow {
    fn take_focus() -> Result<Self, String> {
        let child = Command::new("xev")
            .args(["-name", "other-application", "-geometry", "200x100+20+20"])
            .stdout(std::process::Stdio::null())
            .spawn()
            .map_err(|e| format!("xev (package x11-utils): {e}"))?;
        let other = Self(child);
        let focused = Command::new("xdotool")
            .args([
                "search",
                "--sync",
                "--name",
                "other-application",
                "windowfocus",
                "--sync",
            ])
            .status()
            .map_err(|e| format!("xdotool: {e}"))?;
        if !focused.success() {
            return Err(format!(
                "xdotool could not focus the other window: {focused}"
            ));
        }
        Ok(other)
    }
}

impl Drop for OtherWindow {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Whether the system says Kizuna's window is the active one, as the notification rule asks.
async fn page_has_focus(s: &AppSession) -> Result<bool, String> {
    let answer = s
        .invoke(
            "plugin:window|is_focused",
            serde_json::json!({ "label": "main" }),
        )
        .await?;
    answer
        .as_bool()
        .ok_or_else(|| format!("is_focused answered {answer}"))
}

#[tokio::test]
#[ignore = "needs the built app, tauri-driver, a display and dunst: run by scripts/test"]
async fn a_report_finished_in_the_background_is_announced_by_the_system() {
    run_flow("notifications", async |s: &AppSession| {
        s.wait_for_all("[data-testid=sample-badge]", "sample badge", |n| n == 1)
            .await?;
        if !page_has_focus(s).await? {
            return Err("the window does not have the focus to begin with".into());
        }
        s.click("[data-testid=nav-reports]").await?;
        s.click("[data-testid=report-kind-overview]").await?;
        s.click("[data-testid=report-preset-thisYear]").await?;

        // In front: the screen shows the report and nothing is announced.
        s.click("[data-testid=report-show]").await?;
        s.wait_for_all("[data-testid=report-page]", "report pages", |n| n >= 1)
            .await?;
        tokio::time::sleep(std::time::Duration::from_secs(1)).await;
        let quiet = shown_notifications().unwrap_or_default();
        if !quiet.is_empty() {
            return Err(format!("notified while Kizuna was in front: {quiet:?}"));
        }

        // Behind another window: the same report made again is announced.
        let _other = OtherWindow::take_focus()?;
        let mut away = false;
        for _ in 0..25 {
            away = !page_has_focus(s).await?;
            if away {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        }
        if !away {
            return Err("the page kept the focus after another window took it".into());
        }
        s.driver
            .execute(
                "document.querySelector('[data-testid=report-show]').click();",
                vec![],
            )
            .await
            .map_err(|e| e.to_string())?;
        let title = s
            .wait_for_text("[data-testid=report-title]", "report title", |t| {
                !t.is_empty()
            })
            .await?;
        let count = s
            .wait_for_text("[data-testid=report-page-count]", "page count", |t| {
                t.ends_with("pages")
            })
            .await?;
        let expected = (
            "Report ready".to_owned(),
            format!("{}: {count} ready to look at and save.", title.trim()),
        );
        let mut seen = Vec::new();
        for _ in 0..50 {
            seen = shown_notifications().unwrap_or_default();
            if seen.contains(&expected) {
                return Ok(());
            }
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        }
        Err(format!(
            "expected {expected:?} among the notifications shown, saw {seen:?}"
        ))
    })
    .await;
}
