//! Team sync through the Settings screen: a real PostgreSQL, the hub on 127.0.0.1, an unlocked
//! GNOME Keyring on the test's session bus, and two app windows with their own community files.
//! Both are set up in Settings → Team sync (the token goes to the keychain); a member renamed in
//! the first window reaches the second after "Sync now" in each.

use std::ffi::OsStr;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use kizuna_core::SystemClock;
use kizuna_core::members::{NewMember, create_member};
use kizuna_sync::hub::{self, teams};
use thirtyfour::prelude::*;

use crate::harness::AppSession;
use crate::keyring;

#[path = "../../crates/kizuna-sync/tests/common/mod.rs"]
mod postgres;

const OLD_NAME: &str = "Aiko Tanaka";
const NEW_NAME: &str = "Aiko Tanaka-Sato";
const A_NAME: &str = "Aiko Sato (A)";
const B_NAME: &str = "Aiko Sato (B)";
const AUTO_NAME: &str = "Aiko Sato";
/// What laptop A goes by in the team (Settings → Team sync).
const A_LABEL: &str = "Aiko (aiko-laptop)";

fn e(error: WebDriverError) -> String {
    error.to_string()
}

/// The hub: this test binary run again as its own process (`hub_process`), serving a fresh
/// database on a free port, with one team and one member's token.
struct Hub {
    url: String,
    token: String,
    process: Child,
    _pg: postgres::Postgres,
}

impl Drop for Hub {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

/// The hub process's database and address (set only in that process).
const HUB_DATABASE_ENV: &str = "KIZUNA_E2E_HUB_DATABASE_URL";
const HUB_LISTEN_ENV: &str = "KIZUNA_E2E_HUB_LISTEN";

async fn start_hub() -> Hub {
    let pg = postgres::Postgres::start();
    // What `kizuna hub create-team` and `kizuna hub invite` do, straight on the database.
    let pool = hub::pool(&pg.url).expect("pool");
    hub::schema::migrate(&pool).await.expect("migrate");
    teams::create_team(&pool, "Hinata Coffee")
        .await
        .expect("team");
    let token = teams::invite(&pool, "Hinata Coffee", "e2e laptops")
        .await
        .expect("token");
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port");
    let process = Command::new(std::env::current_exe().expect("this test binary"))
        .args(["--exact", "sync::hub_process", "--ignored", "--nocapture"])
        .env(HUB_DATABASE_ENV, &pg.url)
        .env(HUB_LISTEN_ENV, format!("127.0.0.1:{port}"))
        .stdout(Stdio::null())
        .spawn()
        .expect("start the hub process");
    let deadline = Instant::now() + Duration::from_secs(30);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "the hub never listened");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Hub {
        url: format!("http://127.0.0.1:{port}"),
        token,
        process,
        _pg: pg,
    }
}

/// Not a test by itself: the hub process `start_hub` runs (`kizuna hub serve`'s code); without
/// its environment it returns at once.
#[tokio::test(flavor = "multi_thread")]
#[ignore = "the hub process of the sync test"]
async fn hub_process() {
    let (Ok(database_url), Ok(listen)) = (
        std::env::var(HUB_DATABASE_ENV),
        std::env::var(HUB_LISTEN_ENV),
    ) else {
        return;
    };
    let listen = listen.parse().expect("hub address");
    hub::serve(&database_url, listen, hub::RateLimit::default())
        .await
        .expect("hub serves");
}

/// A new community file called `name` in a data folder of its own; with a member when asked.
fn community(name: &str, with_member: bool) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("data dir");
    let path = dir.path().join(format!("{name}.kizuna"));
    let mut store = kizuna_core::community::create_empty(&path, name, Arc::new(SystemClock))
        .expect("community file");
    if with_member {
        store
            .write(|w| {
                create_member(
                    w,
                    &NewMember {
                        display_name: OLD_NAME.to_owned(),
                        ..NewMember::default()
                    },
                )
            })
            .expect("member");
    }
    (dir, path)
}

async fn open_app(dir: tempfile::TempDir, file: &Path) -> AppSession {
    AppSession::start_with(
        dir,
        &[
            ("KIZUNA_DB", file.as_os_str()),
            // Automatic sync looks twice a second instead of every 30 s.
            ("KIZUNA_AUTO_SYNC_LOOK_MS", OsStr::new("500")),
        ],
    )
    .await
}

/// Settings → Team sync: the hub address and token, Save; the token is then shown as saved.
async fn set_up_sync(s: &AppSession, url: &str, token: &str, label: &str) -> Result<(), String> {
    s.click("[data-testid=nav-settings]").await?;
    // The saved settings have loaded (they would overwrite what is typed before).
    s.wait_for_all(
        "[data-testid=sync-not-set], [data-testid=sync-status]",
        "the sync status",
        |n| n >= 1,
    )
    .await?;
    s.replace_text("[data-testid=sync-hub-url]", url).await?;
    s.type_into("[data-testid=sync-token]", token).await?;
    s.replace_text("[data-testid=sync-label]", label).await?;
    s.click("[data-testid=sync-save]").await?;
    s.wait_for_text("[data-testid=sync-message]", "saved", |t| {
        t.contains("Saved")
    })
    .await?;
    s.wait_for_text("[data-testid=sync-token-saved]", "the token saved", |t| {
        t.contains("Saved in the keychain")
    })
    .await?;
    let token_field = s
        .wait_for_all("[data-testid=sync-token]", "token field", |n| n == 1)
        .await?;
    let shown = token_field[0].prop("value").await.map_err(e)?;
    if shown.unwrap_or_default() != "" {
        return Err("the token is shown back after saving".to_owned());
    }
    Ok(())
}

/// "Sync now", then waits for "Synced." and no changes waiting.
async fn sync_now(s: &AppSession) -> Result<(), String> {
    s.click("[data-testid=nav-settings]").await?;
    let before = last_sync_at(s).await?;
    s.click("[data-testid=sync-now]:not([disabled])").await?;
    s.wait_for_text("[data-testid=sync-message]", "the sync finished", |t| {
        t.contains("Synced")
    })
    .await?;
    // This sync's own finish, not a "Synced." left from the one before.
    let deadline = Instant::now() + Duration::from_secs(30);
    while last_sync_at(s).await? == before {
        if Instant::now() > deadline {
            return Err("Sync now did not finish a new sync".to_owned());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    s.wait_for_content("[data-testid=sync-pending]", "nothing waiting", |t| {
        t == "0"
    })
    .await?;
    Ok(())
}

async fn open_member(s: &AppSession, name: &str) -> Result<(), String> {
    s.click("[data-testid=nav-members]").await?;
    s.replace_text("[data-testid=member-search]", name).await?;
    s.wait_for_all("[data-testid=member-row]", "the member's row", |n| n == 1)
        .await?;
    // A click can land on a row the settling search is replacing: click again, as a person would.
    for _ in 0..5 {
        s.click("[data-testid=member-row]").await?;
        for _ in 0..25 {
            if let Ok(heading) = s
                .driver
                .find(By::Css("[data-testid=member-detail-name]"))
                .await
                && heading.text().await.is_ok_and(|t| t.contains(name))
            {
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }
    Err(format!(
        "the page of {name} never opened from the members list"
    ))
}

/// Scrolls Settings to the sync section and saves the window as `name`.
async fn screenshot_sync(s: &AppSession, name: &str) -> Result<(), String> {
    let section = s
        .wait_for_all("[data-testid=sync-section]", "sync section", |n| n == 1)
        .await?;
    section[0].scroll_into_view().await.map_err(e)?;
    s.screenshot(name).await;
    Ok(())
}

/// A hub that does not answer: "Sync now" says so in words and keeps the changes.
async fn unreachable_hub_is_explained(s: &AppSession, token: &str) -> Result<(), String> {
    s.click("[data-testid=nav-settings]").await?;
    s.wait_for_text("[data-testid=sync-not-set]", "the empty state", |t| {
        t.contains("No hub yet")
    })
    .await?;
    s.replace_text("[data-testid=sync-hub-url]", "ftp://hub.example.com")
        .await?;
    s.click("[data-testid=sync-save]").await?;
    s.wait_for_text("[data-testid=error-notice]", "a refused address", |t| {
        t.contains("not a hub address")
    })
    .await?;
    set_up_sync(s, "http://127.0.0.1:9", token, "Ren (ren-desktop)").await?;
    s.click("[data-testid=sync-now]:not([disabled])").await?;
    s.wait_for_text("[data-testid=sync-last-error]", "an unreachable hub", |t| {
        t.contains("cannot reach the hub at http://127.0.0.1:9")
    })
    .await?;
    s.wait_for_text("[data-testid=sync-last]", "never synced", |t| t == "Never")
        .await?;
    // The same failure in Japanese: the hub's reason, not its English message.
    s.click("[data-testid=lang-ja]").await?;
    s.wait_for_text(
        "[data-testid=sync-last-error]",
        "unreachable in Japanese",
        |t| t.contains("ハブ（http://127.0.0.1:9）に接続できません"),
    )
    .await?;
    screenshot_sync(s, "sync_unreachable_ja").await?;
    s.click("[data-testid=lang-en]").await?;
    Ok(())
}

async fn flow(a: &AppSession, b: &AppSession, hub: &Hub) -> Result<(), String> {
    a.click("[data-testid=nav-settings]").await?;
    a.wait_for_text("[data-testid=sync-not-set]", "the empty state", |t| {
        t.contains("No hub yet")
    })
    .await?;
    set_up_sync(a, &hub.url, &hub.token, A_LABEL).await?;
    a.wait_for_content("[data-testid=sync-pending]", "changes waiting in A", |t| {
        t != "0"
    })
    .await?;
    a.wait_for_text("[data-testid=sync-conflicts-empty]", "no conflicts", |t| {
        t.contains("No conflicts")
    })
    .await?;
    sync_now(a).await?;

    unreachable_hub_is_explained(b, &hub.token).await?;
    screenshot_sync(b, "sync_unreachable").await?;
    set_up_sync(b, &hub.url, &hub.token, "Ren (ren-desktop)").await?;
    sync_now(b).await?;
    open_member(b, OLD_NAME).await?;

    open_member(a, OLD_NAME).await?;
    a.click("[data-testid=edit-member]").await?;
    a.replace_text("[data-testid=field-displayName]", NEW_NAME)
        .await?;
    a.click("[data-testid=save-member]").await?;
    a.wait_for_text("[data-testid=member-detail-name]", "renamed in A", |t| {
        t.contains(NEW_NAME)
    })
    .await?;
    sync_now(a).await?;

    sync_now(b).await?;
    screenshot_sync(b, "sync_settings").await?;
    b.click("[data-testid=lang-ja]").await?;
    b.wait_for_text("[data-testid=sync-message]", "Japanese", |t| {
        t.contains("同期しました")
    })
    .await?;
    screenshot_sync(b, "sync_settings_ja").await?;
    b.click("[data-testid=lang-en]").await?;
    open_member(b, NEW_NAME).await?;
    both_rename_offline_and_one_is_kept(a, b).await?;
    automatic_sync_brings_a_rename(a, b).await
}

async fn rename(s: &AppSession, from: &str, to: &str) -> Result<(), String> {
    open_member(s, from).await?;
    s.click("[data-testid=edit-member]").await?;
    s.replace_text("[data-testid=field-displayName]", to)
        .await?;
    s.click("[data-testid=save-member]").await?;
    s.wait_for_text("[data-testid=member-detail-name]", "renamed", |t| {
        t.contains(to)
    })
    .await?;
    Ok(())
}

/// Both rename the member before syncing: the second to sync sees one conflict with both
/// names, keeps the other laptop's, and after the next syncs both show it.
async fn both_rename_offline_and_one_is_kept(a: &AppSession, b: &AppSession) -> Result<(), String> {
    rename(a, NEW_NAME, A_NAME).await?;
    rename(b, NEW_NAME, B_NAME).await?;
    sync_now(a).await?;
    b.click("[data-testid=nav-settings]").await?;
    b.click("[data-testid=sync-now]:not([disabled])").await?;
    b.wait_for_text("[data-testid=sync-message]", "B synced", |t| {
        t.contains("Synced")
    })
    .await?;
    let row = b
        .wait_for_text("[data-testid=sync-conflict]", "the conflict", |t| {
            t.contains(A_NAME) && t.contains(B_NAME)
        })
        .await?;
    if !row.contains("Member") {
        return Err(format!("the conflict does not say it is a member: {row:?}"));
    }
    // Each side says who made it: this laptop's person, and A by the name A goes by.
    b.wait_for_text("[data-testid=conflict-mine-by]", "this side by You", |t| {
        t.starts_with("You, ")
    })
    .await?;
    b.wait_for_text(
        "[data-testid=conflict-theirs-by]",
        "the other side by A",
        |t| t.starts_with(&format!("{A_LABEL}, ")),
    )
    .await?;
    let list = b
        .wait_for_all("[data-testid=sync-conflicts]", "the conflicts", |n| n == 1)
        .await?;
    list[0].scroll_into_view().await.map_err(e)?;
    b.screenshot("sync_conflict").await;
    b.click("[data-testid=keep-theirs]").await?;
    b.wait_for_text("[data-testid=sync-conflicts-empty]", "settled", |t| {
        t.contains("No conflicts")
    })
    .await?;
    // Back up to Sync now (scrolled under the header, a click would land on the header).
    let section = b
        .wait_for_all("[data-testid=sync-section]", "sync section", |n| n == 1)
        .await?;
    section[0].scroll_into_view().await.map_err(e)?;
    sync_now(b).await?;
    sync_now(a).await?;
    open_member(a, A_NAME).await?;
    open_member(b, A_NAME).await?;
    Ok(())
}

/// The last sync's unix ms as the status shows it.
async fn last_sync_at(s: &AppSession) -> Result<String, String> {
    let found = s
        .wait_for_all("[data-testid=sync-last]", "last sync", |n| n == 1)
        .await?;
    Ok(found[0]
        .attr("data-at")
        .await
        .map_err(e)?
        .unwrap_or_default())
}

/// With "Sync automatically" on, a rename reaches the other laptop with no click on Sync now,
/// and the Settings screen refreshes its status by itself.
async fn automatic_sync_brings_a_rename(a: &AppSession, b: &AppSession) -> Result<(), String> {
    rename(a, A_NAME, AUTO_NAME).await?;
    b.click("[data-testid=nav-settings]").await?;
    b.wait_for_text("[data-testid=sync-last]", "B's last sync", |t| t != "Never")
        .await?;
    let before = last_sync_at(b).await?;
    a.click("[data-testid=nav-settings]").await?;
    a.click("[data-testid=sync-auto]").await?;
    a.wait_for_content("[data-testid=sync-pending]", "A sent by itself", |t| {
        t == "0"
    })
    .await?;
    b.click("[data-testid=sync-auto]").await?;
    // No click: the status changes when the background sync announces itself.
    let deadline = Instant::now() + Duration::from_secs(30);
    while last_sync_at(b).await? == before {
        if Instant::now() > deadline {
            return Err("B's status never showed an automatic sync".to_owned());
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    open_member(b, AUTO_NAME).await?;
    Ok(())
}

#[tokio::test]
#[ignore = "needs a display, tauri-driver, PostgreSQL, GNOME Keyring and the built UI: run by scripts/test"]
async fn a_member_renamed_on_one_laptop_reaches_the_other_through_the_hub() {
    let keyring = keyring::start();
    let hub = start_hub().await;
    let (dir_a, file_a) = community("Hinata Coffee A", true);
    let (dir_b, file_b) = community("Hinata Coffee B", false);
    let a = open_app(dir_a, &file_a).await;
    let b = open_app(dir_b, &file_b).await;
    let outcome = flow(&a, &b, &hub).await;
    if let Err(step) = &outcome {
        let shot_a = a.screenshot("sync-failure-a").await;
        let shot_b = b.screenshot("sync-failure-b").await;
        a.stop().await;
        b.stop().await;
        drop(keyring);
        panic!(
            "sync failed: {step}\nscreenshots: {} {}",
            shot_a.display(),
            shot_b.display()
        );
    }
    a.screenshot("sync_renamed_a").await;
    b.screenshot("sync_received_b").await;
    a.stop().await;
    b.stop().await;
    drop(keyring);
}
