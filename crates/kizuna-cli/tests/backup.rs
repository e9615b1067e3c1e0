//! `kizuna backup now|list|restore|prune` on a real file: a restore asks first, then brings
//! back what was backed up and keeps the replaced file as a backup of its own.

mod common;

use common::{kizuna, stdout};

fn member_count(db: &std::path::Path) -> String {
    let out = stdout(&kizuna(db, &["stats"]));
    out.lines()
        .find(|l| l.starts_with("members"))
        .expect("a members line")
        .split_whitespace()
        .last()
        .expect("a number")
        .to_owned()
}

#[test]
fn backup_restore_round_trip_through_the_cli() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("club.kizuna");
    stdout(&kizuna(&db, &["init", "--name", "Tokyo Coffee Club"]));
    stdout(&kizuna(&db, &["members", "add", "--name", "Aiko"]));
    let now = stdout(&kizuna(&db, &["backup", "now"]));
    let backup = now
        .strip_prefix("backed up to ")
        .and_then(|rest| rest.split(" (").next())
        .expect("the backup's path")
        .to_owned();
    assert!(backup.contains("/backups/"), "{backup}");
    assert!(backup.ends_with("-tokyo-coffee-club.kizuna"), "{backup}");
    stdout(&kizuna(&db, &["members", "add", "--name", "Ben"]));
    assert_eq!(member_count(&db), "2");

    let asked = stdout(&kizuna(&db, &["backup", "restore", &backup]));
    assert!(asked.contains("community   Tokyo Coffee Club"), "{asked}");
    assert!(asked.contains("members     1"), "{asked}");
    assert!(
        asked.contains("nothing was changed; run again with --yes"),
        "{asked}"
    );
    assert_eq!(member_count(&db), "2", "no --yes, no change");

    let done = stdout(&kizuna(&db, &["backup", "restore", &backup, "--yes"]));
    assert!(done.contains("the file as it was is kept in"), "{done}");
    assert_eq!(member_count(&db), "1");

    let list = stdout(&kizuna(&db, &["backup", "list"]));
    assert_eq!(list.lines().count(), 2, "{list}");
    let pruned = stdout(&kizuna(
        &db,
        &["backup", "prune", "--keep-daily", "1", "--keep-weekly", "0"],
    ));
    assert!(pruned.ends_with("1 backups deleted\n"), "{pruned}");
    assert_eq!(stdout(&kizuna(&db, &["backup", "list"])).lines().count(), 1);
}
