//! `kizuna members …` against a real community file: CSV listing, edit errors, export, erase.

mod common;

use common::{kizuna, stderr_of_failure, stdout};

#[test]
fn members_are_added_listed_as_csv_edited_exported_and_erased() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("c.kizuna");
    stdout(&kizuna(&db, &["init", "--name", "Test"]));
    let id = stdout(&kizuna(
        &db,
        &[
            "members",
            "add",
            "--name",
            "Yamada, \"Taro\"",
            "--email",
            "taro@example.jp",
        ],
    ))
    .trim()
    .to_owned();

    let csv = stdout(&kizuna(
        &db,
        &["members", "list", "--limit", "5", "--format", "csv"],
    ));
    let mut lines = csv.lines();
    assert_eq!(lines.next().map(|h| h.split(',').next()), Some(Some("id")));
    let row = lines.next().expect("one member");
    assert!(
        row.starts_with(&format!("{id},\"Yamada, \"\"Taro\"\"\",,taro@example.jp")),
        "{row}"
    );

    let bad = stderr_of_failure(&kizuna(&db, &["members", "edit", &id, "--email", "taro@"]));
    assert!(
        bad.contains("\"taro@\" is not a valid email address"),
        "{bad}"
    );
    let edited = stdout(&kizuna(
        &db,
        &["members", "edit", &id, "--email", "t@example.com"],
    ));
    assert_eq!(edited.trim(), "updated email");

    stdout(&kizuna(
        &db,
        &[
            "members",
            "log-activity",
            &id,
            "review",
            "--note",
            "great review",
        ],
    ));
    let unknown = stderr_of_failure(&kizuna(&db, &["members", "log-activity", &id, "juggling"]));
    assert!(
        unknown.contains("\"juggling\" is not a known activity type"),
        "{unknown}"
    );

    let file = dir.path().join("taro.json");
    stdout(&kizuna(
        &db,
        &[
            "members",
            "export",
            &id,
            "-o",
            file.to_str().expect("utf-8 path"),
        ],
    ));
    let export: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&file).expect("export file")).expect("JSON");
    assert_eq!(export["member"]["email"], "t@example.com");
    assert_eq!(export["activities"][0]["meta"]["note"], "great review");

    let refused = stderr_of_failure(&kizuna(&db, &["members", "erase", &id]));
    assert!(refused.contains("run again with --yes"), "{refused}");
    let erased = stdout(&kizuna(&db, &["members", "erase", &id, "--yes"]));
    assert!(erased.contains(&format!("erased member {id}")), "{erased}");
    let gone = stderr_of_failure(&kizuna(&db, &["members", "show", &id]));
    assert!(
        gone.contains(&format!("member {id} was not found")),
        "{gone}"
    );
}
