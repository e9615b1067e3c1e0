//! `kizuna merge` against a real sample community: a dry run changes nothing, a merge prints
//! its id, `merge list` shows it and `merge undo` brings the duplicate suggestion back.

mod common;

use common::{kizuna, stdout};
use std::path::Path;

fn suggestion_count(db: &Path) -> usize {
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&kizuna(db, &["duplicates", "--json"]))).expect("JSON");
    json.as_array().expect("an array").len()
}

#[test]
fn merge_dry_run_then_merge_list_and_undo_a_planted_duplicate() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("sample.kizuna");
    stdout(&kizuna(&db, &["demo", "--members", "300"]));
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&kizuna(&db, &["duplicates", "--json"]))).expect("JSON");
    let before = suggestion_count(&db);
    let first = &json[0];
    let kept = first["first"]["id"].as_str().expect("id");
    let merged = first["second"]["id"].as_str().expect("id");

    let preview = stdout(&kizuna(&db, &["merge", kept, merged, "--dry-run"]));
    assert!(
        preview.contains("display_name") && preview.contains("joined_at"),
        "{preview}"
    );
    assert!(preview.contains("moves:"), "{preview}");
    assert!(
        !preview.contains("merged:"),
        "a dry run merges nothing: {preview}"
    );
    assert_eq!(suggestion_count(&db), before);

    let out = stdout(&kizuna(
        &db,
        &["merge", kept, merged, "--take", "notes,city"],
    ));
    let merge_id = out
        .lines()
        .find_map(|l| l.strip_prefix("merged: "))
        .expect("the merge id is printed")
        .to_owned();
    assert_eq!(suggestion_count(&db), before - 1);

    let list = stdout(&kizuna(&db, &["merge", "list", kept]));
    assert!(list.contains(&merge_id) && list.contains('⇐'), "{list}");

    assert!(stdout(&kizuna(&db, &["merge", "undo", &merge_id])).contains("undid"));
    assert_eq!(suggestion_count(&db), before);
    let twice = kizuna(&db, &["merge", "undo", &merge_id]);
    assert!(!twice.status.success());
    assert!(String::from_utf8_lossy(&twice.stderr).contains("already undone"));
}

#[test]
fn merge_with_an_unknown_field_is_refused_with_the_known_ones() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("sample.kizuna");
    stdout(&kizuna(&db, &["demo", "--members", "50"]));
    let out = kizuna(&db, &["merge", "a", "b", "--take", "favourite_bean"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("not a member field") && err.contains("birth_year"),
        "{err}"
    );
}
