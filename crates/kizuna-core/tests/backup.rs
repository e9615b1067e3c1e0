//! Backups on real files: a restore brings back exactly what was backed up, retention keeps
//! the right files, damaged files are refused with the backup to restore, and a backup taken
//! while another connection writes is a consistent snapshot.

mod common;

use std::path::Path;
use std::sync::Arc;

use common::{add_member, at, count, named, new_store, open};
use kizuna_core::backup::{
    CommunityCounts, KEEP_DAILY, back_up, backup_list, backups_dir_for, daily_backup,
    damaged_community, due_for_daily_backup, find_backup, list_backups, preview_backup,
    prune_backups, restore_backup, restore_preview,
};
use kizuna_core::store::{OpenMode, SCHEMA_VERSION};
use kizuna_core::{CoreError, FixedClock, Store};

fn members(store: &Store) -> Vec<String> {
    let mut stmt = store
        .conn()
        .prepare("SELECT display_name FROM members WHERE deleted_at IS NULL ORDER BY display_name")
        .expect("prepare");
    stmt.query_map([], |r| r.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows")
}

#[test]
fn restoring_a_backup_brings_back_exactly_what_was_backed_up() {
    let (_dir, mut store) = new_store();
    add_member(&mut store, &named("Aiko"));
    add_member(&mut store, &named("Ben"));
    let dir = backups_dir_for(store.path());
    let info = back_up(&store, &dir).expect("back up");
    assert!(info.path.starts_with(&dir));
    assert!(info.path.to_string_lossy().ends_with("-community.kizuna"));
    let before = members(&store);

    add_member(&mut store, &named("Chie"));
    let path = store.path().to_path_buf();
    drop(store);

    let preview = preview_backup(&info.path).expect("preview");
    assert_eq!(preview.members, 2);
    assert_eq!(preview.schema_version, SCHEMA_VERSION);
    assert_eq!(preview.saved_at, Some(common::now()));

    let report = restore_backup(&info.path, &path).expect("restore");
    let restored = open(&path);
    assert_eq!(members(&restored), before);
    assert_eq!(report.restored.members, 2);
    // The file as it was before the restore is itself a backup, with Chie in it.
    let previous = report.previous.expect("the replaced file was kept");
    assert_eq!(preview_backup(&previous).expect("preview").members, 3);
    assert_eq!(list_backups(&dir).expect("list").len(), 2);
}

#[test]
fn restoring_something_that_is_not_a_backup_changes_nothing() {
    let (dir, mut store) = new_store();
    add_member(&mut store, &named("Aiko"));
    let path = store.path().to_path_buf();
    drop(store);
    let junk = dir.path().join("notes.kizuna");
    std::fs::write(&junk, "not a database at all").expect("write");
    let err = restore_backup(&junk, &path).expect_err("refused");
    assert!(matches!(err, CoreError::NotKizunaDatabase { .. }), "{err}");
    assert_eq!(members(&open(&path)), vec!["Aiko".to_owned()]);
    assert!(
        list_backups(&backups_dir_for(&path))
            .expect("list")
            .is_empty()
    );
}

fn backup_at(store: &Store, dir: &Path, when: &str) {
    let clocked = Store::open(
        store.path(),
        OpenMode::MustExist,
        Arc::new(FixedClock(at(when))),
    )
    .expect("open");
    back_up(&clocked, dir).expect("back up");
}

#[test]
fn retention_keeps_the_newest_of_each_recent_day_and_week() {
    let (_dir, store) = new_store();
    let dir = backups_dir_for(store.path());
    // Two backups on each of 20 days, 1 to 20 November 2026 (weeks 44 to 47).
    for day in 1..=20 {
        for hour in ["08", "20"] {
            backup_at(&store, &dir, &format!("2026-11-{day:02}T{hour}:00:00Z"));
        }
    }
    assert_eq!(list_backups(&dir).expect("list").len(), 40);
    let removed = prune_backups(&dir, 3, 3).expect("prune");
    let kept: Vec<String> = list_backups(&dir)
        .expect("list")
        .iter()
        .map(|b| b.saved_at.format("%m-%d %H").to_string())
        .collect();
    // Days 20, 19, 18 (evening); weeks 47 (20th), 46 (the 15th, its Sunday), 45 (the 8th).
    assert_eq!(
        kept,
        ["11-20 20", "11-19 20", "11-18 20", "11-15 20", "11-08 20"]
    );
    assert_eq!(removed.len(), 35);
    // Nothing but backups is ever deleted, and half-written ones only once they are old.
    std::fs::write(dir.join("readme.txt"), "mine").expect("write");
    let old_partial = dir.join("20261101T000000000Z-community.kizuna-tmp");
    std::fs::write(&old_partial, "half").expect("write");
    std::fs::File::options()
        .write(true)
        .open(&old_partial)
        .and_then(|f| {
            f.set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(7200))
        })
        .expect("age it");
    let fresh_partial = dir.join("20261121T000000000Z-community.kizuna-tmp");
    std::fs::write(&fresh_partial, "being written").expect("write");
    prune_backups(&dir, 0, 0).expect("prune");
    assert!(dir.join("readme.txt").exists());
    assert!(
        !old_partial.exists(),
        "a killed backup's leftover is cleaned up"
    );
    assert!(
        fresh_partial.exists(),
        "a backup being written is left alone"
    );
    assert_eq!(
        list_backups(&dir).expect("list").len(),
        1,
        "the newest always stays"
    );
}

#[test]
fn a_daily_backup_is_due_after_a_day_without_one() {
    let (_dir, store) = new_store();
    let dir = backups_dir_for(store.path());
    assert!(due_for_daily_backup(&dir, at("2026-11-23T12:00:00Z")).expect("due"));
    backup_at(&store, &dir, "2026-11-23T12:00:00Z");
    assert!(!due_for_daily_backup(&dir, at("2026-11-24T11:59:00Z")).expect("due"));
    assert!(due_for_daily_backup(&dir, at("2026-11-24T12:00:00Z")).expect("due"));
}

fn damaged_copy(store: &Store, name: &str, damage: impl Fn(&Path)) -> std::path::PathBuf {
    let path = store.path().with_file_name(name);
    store
        .conn()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
        .expect("checkpoint");
    std::fs::copy(store.path(), &path).expect("copy");
    damage(&path);
    path
}

fn expect_corrupt(path: &Path, backup: &Path) {
    let err = Store::open(path, OpenMode::MustExist, common::fixed_clock()).expect_err("refused");
    assert!(matches!(err, CoreError::Corrupt { .. }), "{err:?}");
    let message = err.to_string();
    assert!(message.contains("is damaged"), "{message}");
    assert!(
        message.contains(&format!("restore the latest backup, {}", backup.display())),
        "{message}"
    );
}

#[test]
fn a_truncated_or_garbled_file_is_refused_naming_the_latest_backup() {
    let (_dir, mut store) = new_store();
    for i in 0..300 {
        add_member(&mut store, &named(&format!("Member {i}")));
    }
    let backup = back_up(&store, &backups_dir_for(store.path())).expect("back up");
    let truncated = damaged_copy(&store, "truncated.kizuna", |p| {
        let len = std::fs::metadata(p).expect("meta").len();
        let f = std::fs::OpenOptions::new()
            .write(true)
            .open(p)
            .expect("open");
        f.set_len(len / 2).expect("truncate");
    });
    expect_corrupt(&truncated, &backup.path);
    let garbled = damaged_copy(&store, "garbled.kizuna", |p| {
        let mut bytes = std::fs::read(p).expect("read");
        let mid = bytes.len() / 2;
        for (i, b) in bytes[mid..mid + 8192].iter_mut().enumerate() {
            *b = (i * 31 % 251) as u8;
        }
        std::fs::write(p, bytes).expect("write");
    });
    expect_corrupt(&garbled, &backup.path);
    // A damaged file can still be replaced by its backup.
    restore_backup(&backup.path, &garbled).expect("restore over the damaged file");
    assert_eq!(
        count(open(&garbled).conn(), "SELECT count(*) FROM members"),
        300
    );
}

#[test]
fn a_file_from_a_newer_kizuna_is_refused_by_open_and_by_restore() {
    let (dir, store) = new_store();
    let path = store.path().to_path_buf();
    drop(store);
    let newer = dir.path().join("newer.kizuna");
    std::fs::copy(&path, &newer).expect("copy");
    rusqlite::Connection::open(&newer)
        .expect("open")
        .execute_batch(&format!("PRAGMA user_version = {}", SCHEMA_VERSION + 1))
        .expect("bump");
    let err = Store::open(&newer, OpenMode::MustExist, common::fixed_clock()).expect_err("refused");
    assert!(matches!(err, CoreError::NewerVersion { .. }), "{err:?}");
    let err = restore_backup(&newer, &path).expect_err("refused");
    assert!(matches!(err, CoreError::NewerVersion { .. }), "{err:?}");
}

#[test]
fn a_backup_taken_while_another_connection_writes_is_a_consistent_snapshot() {
    let (_dir, store) = new_store();
    let path = store.path().to_path_buf();
    let writer = std::thread::spawn(move || {
        let mut other = open(&path);
        // Each write adds a member and an activity type row in one transaction; a torn copy
        // would show the two counts apart.
        for i in 0..400 {
            other
                .write(|w| {
                    w.tx().execute(
                        "INSERT INTO kizuna_meta (key, value) VALUES (?1, 'x')",
                        [format!("pair-{i}-a")],
                    )?;
                    w.tx().execute(
                        "INSERT INTO kizuna_meta (key, value) VALUES (?1, 'x')",
                        [format!("pair-{i}-b")],
                    )?;
                    Ok(())
                })
                .expect("write");
        }
    });
    let dir = backups_dir_for(store.path());
    let mut taken = Vec::new();
    while !writer.is_finished() {
        taken.push(back_up(&store, &dir).expect("back up while writing"));
    }
    writer.join().expect("writer");
    taken.push(back_up(&store, &dir).expect("back up"));
    for info in &taken {
        let copy = rusqlite::Connection::open(&info.path).expect("open copy");
        let ok: String = copy
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .expect("check");
        assert_eq!(ok, "ok");
        let a = count(
            &copy,
            "SELECT count(*) FROM kizuna_meta WHERE key LIKE 'pair-%-a'",
        );
        let b = count(
            &copy,
            "SELECT count(*) FROM kizuna_meta WHERE key LIKE 'pair-%-b'",
        );
        assert_eq!(a, b, "{} is torn", info.path.display());
    }
    assert!(taken.len() >= 2, "backed up {} times", taken.len());
    let last = count(
        &rusqlite::Connection::open(&taken.last().expect("one").path).expect("open"),
        "SELECT count(*) FROM kizuna_meta WHERE key LIKE 'pair-%'",
    );
    assert_eq!(last, 800);
}

#[test]
fn the_daily_backup_is_taken_once_a_day_while_the_app_keeps_writing_and_keeps_a_week() {
    let (_dir, mut store) = new_store();
    add_member(&mut store, &named("Aiko"));
    let path = store.path().to_path_buf();
    let first = daily_backup(&path, at("2026-11-01T09:00:00Z"))
        .expect("daily")
        .expect("due at first open");
    assert_eq!(preview_backup(&first.path).expect("preview").members, 1);
    // The store stays open and writable while backups are taken on their own connection.
    add_member(&mut store, &named("Ben"));
    assert_eq!(
        daily_backup(&path, at("2026-11-02T08:59:00Z")).expect("daily"),
        None,
        "not due within a day"
    );
    let second = daily_backup(&path, at("2026-11-02T09:00:00Z"))
        .expect("daily")
        .expect("due after a day");
    assert_eq!(preview_backup(&second.path).expect("preview").members, 2);
    // Twenty days of one backup a day: the retention of `kizuna backup prune` applies.
    for day in 3..=20 {
        daily_backup(&path, at(&format!("2026-11-{day:02}T09:00:00Z")))
            .expect("daily")
            .expect("due");
    }
    let kept = list_backups(&backups_dir_for(&path)).expect("list");
    assert!(kept.len() >= KEEP_DAILY && kept.len() < 12, "{kept:?}");
    assert_eq!(kept[0].saved_at, at("2026-11-20T09:00:00Z"));
}

#[test]
fn the_app_lists_its_own_backups_and_finds_one_by_file_name_only() {
    let (dir, mut store) = new_store();
    add_member(&mut store, &named("Aiko"));
    let backups = backups_dir_for(store.path());
    let own = back_up(&store, &backups).expect("back up");
    // Another community's backup in the same folder is not listed.
    let other_path = dir.path().join("other.kizuna");
    let other = open(&other_path);
    other
        .set_meta(kizuna_core::store::META_NAME, "Other club")
        .expect("name");
    back_up(&other, &backups).expect("back up the other");
    let list = backup_list(&store).expect("list");
    assert_eq!(list.backups.len(), 1);
    let file = list.backups[0].file.clone();
    assert_eq!(backups.join(&file), own.path);

    for bad in [
        "../community.kizuna",
        "",
        "notes.txt",
        own.path.to_str().expect("utf-8"),
    ] {
        let err = find_backup(store.path(), bad).expect_err("refused");
        assert!(matches!(err, CoreError::NotFound { .. }), "{bad}: {err:?}");
    }
    add_member(&mut store, &named("Ben"));
    let current = CommunityCounts::of(store.conn()).expect("counts");
    let preview = restore_preview(store.path(), &file, Some(current)).expect("preview");
    assert_eq!(preview.in_backup.members, 1);
    assert_eq!(preview.current.map(|c| c.members), Some(2));
    assert_eq!(preview.backup.saved_at_ms, common::now_ms());
}

#[test]
fn a_remembered_community_with_an_overwritten_header_is_damaged_and_offered_its_backup() {
    let dir = tempfile::tempdir().expect("temp dir");
    let communities = kizuna_core::paths::Communities::new(dir.path());
    let mut store = kizuna_core::community::start_empty(
        &communities,
        "Tokyo Coffee Club",
        common::fixed_clock(),
    )
    .expect("create");
    add_member(&mut store, &named("Aiko"));
    let path = store.path().to_path_buf();
    back_up(&store, &backups_dir_for(&path)).expect("back up");
    store
        .conn()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
        .expect("checkpoint");
    drop(store);
    let mut bytes = std::fs::read(&path).expect("read");
    bytes[..100].fill(0x5a);
    std::fs::write(&path, bytes).expect("overwrite the header");

    let err = kizuna_core::community::open_current(&communities, None, common::fixed_clock())
        .expect_err("refused");
    assert_eq!(err.code(), kizuna_core::ErrorCode::Corrupt, "{err:?}");
    assert!(
        err.to_string().contains("restore the latest backup"),
        "{err}"
    );

    let damaged = damaged_community(&path).expect("damaged");
    assert_eq!(damaged.file, "tokyo-coffee-club.kizuna");
    let latest = damaged.latest.expect("a backup to offer");
    assert_eq!(
        (latest.community.as_str(), latest.in_backup.members),
        ("Tokyo Coffee Club", 1)
    );
    assert_eq!(latest.current, None);
    let chosen = find_backup(&path, &latest.backup.file).expect("find");
    restore_backup(&chosen.path, &path).expect("restore");
    let reopened = kizuna_core::community::open_current(&communities, None, common::fixed_clock())
        .expect("opens after the restore");
    assert_eq!(members(&reopened), vec!["Aiko".to_owned()]);
}

#[test]
fn a_damaged_file_is_offered_a_backup_named_like_it_before_a_newer_one_of_another_community() {
    let (dir, mut store) = new_store();
    add_member(&mut store, &named("Aiko"));
    let backups = backups_dir_for(store.path());
    backup_at(&store, &backups, "2026-11-20T09:00:00Z");
    let other = open(&dir.path().join("sample.kizuna"));
    other
        .set_meta(kizuna_core::store::META_NAME, "Hinata Coffee Roasters")
        .expect("name");
    backup_at(&other, &backups, "2026-11-22T09:00:00Z");
    drop(other);
    let path = store.path().to_path_buf();
    drop(store);
    std::fs::write(&path, b"garbage in place of the community").expect("damage");

    let offered = damaged_community(&path)
        .expect("damaged")
        .latest
        .expect("a backup");
    assert_eq!(offered.community, "Community");
    assert_eq!(offered.in_backup.members, 1);
    assert_eq!(
        offered.backup.saved_at_ms,
        at("2026-11-20T09:00:00Z").timestamp_millis()
    );
}
