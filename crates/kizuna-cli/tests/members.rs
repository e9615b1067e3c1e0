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

#[test]
fn accounts_and_tags_are_managed_and_bad_ones_refused_with_the_reason() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("c.kizuna");
    stdout(&kizuna(&db, &["init", "--name", "Test"]));
    let id = stdout(&kizuna(&db, &["members", "add", "--name", "鈴木 一郎"]))
        .trim()
        .to_owned();
    let show = |db: &std::path::Path| -> serde_json::Value {
        serde_json::from_str(&stdout(&kizuna(db, &["members", "show", &id]))).expect("JSON")
    };

    let negative = stderr_of_failure(&kizuna(
        &db,
        &[
            "members",
            "identity",
            "add",
            &id,
            "instagram",
            "ichiro",
            "--followers",
            "-5",
        ],
    ));
    assert!(
        negative.contains("cannot be negative (got -5)"),
        "{negative}"
    );
    assert_eq!(show(&db)["identities"].as_array().map(Vec::len), Some(0));

    let identity = stdout(&kizuna(
        &db,
        &[
            "members",
            "identity",
            "add",
            &id,
            "instagram",
            "ichiro",
            "--followers",
            "12000",
        ],
    ))
    .trim()
    .to_owned();
    let edited = stdout(&kizuna(
        &db,
        &[
            "members",
            "identity",
            "edit",
            &identity,
            "--followers",
            "150000",
        ],
    ));
    assert!(edited.contains("followers"), "{edited}");
    let refused = stderr_of_failure(&kizuna(
        &db,
        &[
            "members",
            "identity",
            "edit",
            &identity,
            "--followers",
            "-1",
        ],
    ));
    assert!(refused.contains("cannot be negative (got -1)"), "{refused}");

    stdout(&kizuna(&db, &["members", "tag", &id, "speaker"]));
    let detail = show(&db);
    assert_eq!(detail["identities"][0]["handle"], "ichiro");
    assert_eq!(detail["tags"][0], "speaker");
    let empty = stderr_of_failure(&kizuna(&db, &["members", "tag", &id, "  "]));
    assert!(empty.contains("a tag needs a name"), "{empty}");

    stdout(&kizuna(&db, &["members", "untag", &id, "speaker"]));
    let missing = stderr_of_failure(&kizuna(&db, &["members", "untag", &id, "speaker"]));
    assert!(missing.contains("has no tag speaker"), "{missing}");
    stdout(&kizuna(&db, &["members", "identity", "remove", &identity]));
    let detail = show(&db);
    assert_eq!(detail["identities"].as_array().map(Vec::len), Some(0));
    assert_eq!(detail["tags"].as_array().map(Vec::len), Some(0));
}

#[test]
fn a_deleted_member_is_listed_until_restored() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("c.kizuna");
    stdout(&kizuna(&db, &["init", "--name", "Test"]));
    let id = stdout(&kizuna(&db, &["members", "add", "--name", "佐藤 花子"]))
        .trim()
        .to_owned();
    assert_eq!(stdout(&kizuna(&db, &["members", "deleted"])), "0 deleted\n");
    let nameless = stderr_of_failure(&kizuna(&db, &["members", "add", "--name", "  "]));
    assert!(nameless.contains("a member needs a name"), "{nameless}");
    stdout(&kizuna(&db, &["members", "delete", &id]));
    let listed = stdout(&kizuna(&db, &["members", "deleted"]));
    let first = listed.lines().next().unwrap_or_default();
    assert!(
        first.starts_with(&id) && first.ends_with("佐藤 花子"),
        "{listed}"
    );
    assert!(listed.ends_with("1 deleted\n"), "{listed}");
    stdout(&kizuna(&db, &["members", "restore", &id]));
    assert_eq!(stdout(&kizuna(&db, &["members", "deleted"])), "0 deleted\n");
}
