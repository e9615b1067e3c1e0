//! Backups in the app: the automatic backup exists after the first open, "Back up now" adds
//! one, and restoring it after a member was renamed brings the old name back (after a preview
//! of what the backup holds against the file now). A community file whose header was
//! overwritten is shown as damaged, with its latest backup offered and restored; one saved by a
//! newer Kizuna is explained and left as it was.

use std::ffi::OsStr;
use std::sync::Arc;

use kizuna_core::backup::{back_up, backups_dir_for, list_backups};
use kizuna_core::members::{NewMember, create_member, list_members, member_detail};
use kizuna_core::paths::Communities;
use kizuna_core::store::OpenMode;
use kizuna_core::{Store, SystemClock};

use crate::harness::{AppSession, run_flow_with};

fn sample_path(session: &AppSession) -> std::path::PathBuf {
    session.data_dir.path().join("sample.kizuna")
}

/// The display name of member `id` in the community file, read by the core.
fn name_in_file(session: &AppSession, id: &str) -> String {
    let store = Store::open(
        &sample_path(session),
        OpenMode::MustExist,
        Arc::new(SystemClock),
    )
    .expect("sample file");
    member_detail(store.conn(), id)
        .expect("member")
        .member
        .display_name
}

async fn open_member(s: &AppSession, id: &str, search: &str) -> Result<(), String> {
    s.click("[data-testid=nav-members]").await?;
    s.replace_text("[data-testid=member-search]", search)
        .await?;
    s.click(&format!("[data-testid=member-row][data-member-id='{id}']"))
        .await?;
    s.wait_for_text("[data-testid=member-detail-name]", "member page", |t| {
        t.contains(search)
    })
    .await
    .map(drop)
}

#[tokio::test]
#[ignore = "needs the built app, tauri-driver and a display: run by scripts/test"]
async fn backup_now_then_a_rename_is_undone_by_restoring_the_backup() {
    // The automatic backup waits a minute after opening; here it looks at once.
    let env: [(&str, &OsStr); 1] = [("KIZUNA_AUTO_BACKUP_AFTER_MS", OsStr::new("0"))];
    let session = AppSession::start_with(tempfile::tempdir().expect("data dir"), &env).await;
    run_flow_with(session, "backups", async |s: &AppSession| {
        s.wait_for_text("[data-testid=kpi-members] .kpi-value", "members KPI", |t| {
            t == "2,000"
        })
        .await?;
        s.click("[data-testid=lang-en]").await?;
        // The automatic daily backup is taken in the background once the community is open.
        let dir = backups_dir_for(&sample_path(s));
        let mut automatic = Vec::new();
        for _ in 0..200 {
            automatic = list_backups(&dir).expect("list backups");
            if !automatic.is_empty() {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(150)).await;
        }
        if automatic.len() != 1 {
            return Err(format!(
                "expected one automatic backup, found {automatic:?}"
            ));
        }

        s.click("[data-testid=nav-settings]").await?;
        s.wait_for_all(
            "[data-testid=backup-row]",
            "the automatic backup listed",
            |n| n == 1,
        )
        .await?;
        s.click("[data-testid=backup-now]").await?;
        s.wait_for_text("[data-testid=backup-taken]", "backed up line", |t| {
            t.starts_with("Backed up (") && (t.contains("MB") || t.contains("KB"))
        })
        .await?;
        s.wait_for_all("[data-testid=backup-row]", "two backups listed", |n| n == 2)
            .await?;
        let manual = list_backups(&dir).expect("list").remove(0);
        let manual_file = manual
            .path
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        s.screenshot("backups-listed").await;

        // Rename a member after the backup.
        let (id, old_name) = {
            let store = Store::open(&sample_path(s), OpenMode::MustExist, Arc::new(SystemClock))
                .expect("sample");
            let row = list_members(store.conn(), "", 0, 1)
                .expect("members")
                .rows
                .remove(0);
            (row.id, row.display_name)
        };
        let new_name = format!("{old_name} Renamed-After-Backup");
        open_member(s, &id, &old_name).await?;
        s.click("[data-testid=edit-member]").await?;
        s.replace_text(
            "[data-testid=edit-member-form] [data-testid=field-displayName]",
            &new_name,
        )
        .await?;
        s.click("[data-testid=edit-member-form] [data-testid=save-member]")
            .await?;
        s.wait_for_text("[data-testid=member-detail-name]", "renamed", |t| {
            t.contains("Renamed-After-Backup")
        })
        .await?;
        if name_in_file(s, &id) != new_name {
            return Err("the rename did not reach the file".to_owned());
        }

        // Restore the backup taken by "Back up now": a preview first, then the restore.
        s.click("[data-testid=nav-settings]").await?;
        s.click(&format!(
            "[data-testid=backup-row][data-file='{manual_file}'] [data-testid=backup-restore]"
        ))
        .await?;
        s.wait_for_text(
            "[data-testid=restore-preview-members] [data-testid=in-backup]",
            "members in the backup",
            |t| t == "2,000",
        )
        .await?;
        s.wait_for_text(
            "[data-testid=restore-preview-members] [data-testid=now]",
            "members now",
            |t| t == "2,000",
        )
        .await?;
        s.screenshot("backups-restore-preview").await;
        s.click("[data-testid=restore-confirm]").await?;
        s.wait_for_text("[data-testid=kpi-members] .kpi-value", "dashboard", |t| {
            t == "2,000"
        })
        .await?;
        open_member(s, &id, &old_name).await?;
        s.wait_for_text("[data-testid=member-detail-name]", "old name back", |t| {
            !t.contains("Renamed-After-Backup")
        })
        .await?;
        if name_in_file(s, &id) != old_name {
            return Err("the restored file still has the new name".to_owned());
        }
        // The file as it was before the restore is kept as a backup too.
        let after = list_backups(&dir).expect("list");
        if after.len() != 3 {
            return Err(format!(
                "expected 3 backups after the restore, found {after:?}"
            ));
        }
        Ok(())
    })
    .await;
}

#[tokio::test]
#[ignore = "needs the built app, tauri-driver and a display: run by scripts/test"]
async fn a_damaged_community_file_is_explained_and_its_latest_backup_restored() {
    let data_dir = tempfile::tempdir().expect("temp data dir");
    let communities = Communities::new(data_dir.path());
    let mut store =
        kizuna_core::community::start_empty(&communities, "Damaged Club", Arc::new(SystemClock))
            .expect("create");
    store
        .write(|w| {
            for name in ["Aiko", "Ben", "Chie"] {
                let member = NewMember {
                    display_name: name.to_owned(),
                    ..NewMember::default()
                };
                create_member(w, &member)?;
            }
            Ok(())
        })
        .expect("members");
    let path = store.path().to_path_buf();
    back_up(&store, &backups_dir_for(&path)).expect("back up");
    store
        .conn()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
        .expect("checkpoint");
    drop(store);
    // Overwrite the file's header, as a stray program or a failing disk would.
    let mut bytes = std::fs::read(&path).expect("read");
    bytes[..100].fill(0x5a);
    std::fs::write(&path, bytes).expect("damage");

    let session = AppSession::start_with(data_dir, &[]).await;
    run_flow_with(session, "damaged-file", async |s: &AppSession| {
        s.click("[data-testid=lang-en]").await?;
        s.wait_for_text(
            "[data-testid=community-unavailable] h1",
            "damaged title",
            |t| t == "This community file is damaged",
        )
        .await?;
        s.wait_for_text("[data-testid=damaged-offer]", "the backup offered", |t| {
            t.contains("“Damaged Club” with 3 members")
        })
        .await?;
        s.wait_for_text(
            "[data-testid=restore-latest-backup]",
            "restore button",
            |t| t.starts_with("Restore the latest backup ("),
        )
        .await?;
        s.screenshot("damaged-file-offer").await;
        s.click("[data-testid=lang-ja]").await?;
        s.wait_for_text(
            "[data-testid=community-unavailable] h1",
            "Japanese title",
            |t| t == "このコミュニティのファイルは壊れています",
        )
        .await?;
        s.screenshot("damaged-file-offer-ja").await;
        s.click("[data-testid=lang-en]").await?;
        s.click("[data-testid=restore-latest-backup]").await?;
        s.wait_for_text("[data-testid=kpi-members] .kpi-value", "dashboard", |t| {
            t == "3"
        })
        .await?;
        // The damaged file is kept beside the backups.
        let kept = std::fs::read_dir(backups_dir_for(&path))
            .expect("backups folder")
            .filter_map(Result::ok)
            .any(|e| {
                e.file_name()
                    .to_string_lossy()
                    .ends_with("-damaged-file.bin")
            });
        if !kept {
            return Err("the damaged file was not kept".to_owned());
        }
        Ok(())
    })
    .await;
}

#[tokio::test]
#[ignore = "needs the built app, tauri-driver and a display: run by scripts/test"]
async fn a_community_from_a_newer_kizuna_is_explained_and_left_alone() {
    let data_dir = tempfile::tempdir().expect("temp data dir");
    let communities = Communities::new(data_dir.path());
    let store =
        kizuna_core::community::start_empty(&communities, "Future Club", Arc::new(SystemClock))
            .expect("create");
    let path = store.path().to_path_buf();
    store
        .conn()
        .execute_batch(&format!(
            "PRAGMA user_version = {}",
            kizuna_core::store::SCHEMA_VERSION + 1
        ))
        .expect("saved by a newer version");
    drop(store);
    let before = std::fs::read(&path).expect("read");

    let session = AppSession::start_with(data_dir, &[]).await;
    run_flow_with(session, "newer-version", async |s: &AppSession| {
        s.click("[data-testid=lang-en]").await?;
        s.wait_for_text(
            "[data-testid=community-unavailable] h1",
            "newer-version title",
            |t| t == "This community needs a newer Kizuna",
        )
        .await?;
        s.wait_for_text("[data-testid=newer-version-explain]", "what to do", |t| {
            t.contains("update Kizuna")
        })
        .await?;
        s.wait_for_all(
            "[data-testid=unavailable-open-sample]",
            "another community offered",
            |n| n == 1,
        )
        .await?;
        if std::fs::read(&path).expect("read") != before {
            return Err("the newer file was changed".to_owned());
        }
        Ok(())
    })
    .await;
}
