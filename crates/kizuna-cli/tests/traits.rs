//! `kizuna members traits` and `kizuna members trait add|remove` against a real community file.

mod common;

use common::{kizuna, stderr_of_failure, stdout};

#[test]
fn traits_are_added_listed_refused_with_the_reason_and_removed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("c.kizuna");
    stdout(&kizuna(&db, &["init", "--name", "Test"]));
    let member = stdout(&kizuna(&db, &["members", "add", "--name", "佐藤 花子"]))
        .trim()
        .to_owned();
    let add = |dimension: &str, key: &str, value: &str| {
        kizuna(
            &db,
            &["members", "trait", "add", &member, dimension, key, value],
        )
    };
    let espresso = stdout(&add("psychographic", "interest", "espresso"))
        .trim()
        .to_owned();
    stdout(&add("technology", "device", "iPhone"));

    let unknown = stderr_of_failure(&add("hobby", "interest", "espresso"));
    assert!(
        unknown.contains("\"hobby\" is not a trait dimension (known dimensions: demographic"),
        "{unknown}"
    );
    let twice = stderr_of_failure(&add("psychographic", "interest", "Espresso"));
    assert!(
        twice.contains("already has the psychographic trait interest: espresso"),
        "{twice}"
    );

    let listed = stdout(&kizuna(&db, &["members", "traits", &member]));
    let lines: Vec<&str> = listed.lines().collect();
    assert_eq!(lines.len(), 3, "{listed}");
    assert!(
        lines[0].starts_with(&espresso) && lines[0].ends_with("espresso"),
        "{listed}"
    );
    assert!(
        lines[1].contains("technology") && lines[1].ends_with("iPhone"),
        "{listed}"
    );
    assert_eq!(lines[2], "2 traits");

    let removed = stdout(&kizuna(&db, &["members", "trait", "remove", &espresso]));
    assert_eq!(removed.trim(), format!("removed trait {espresso}"));
    let listed = stdout(&kizuna(&db, &["members", "traits", &member]));
    assert!(
        !listed.contains("espresso") && listed.ends_with("1 trait\n"),
        "{listed}"
    );
    let gone = stderr_of_failure(&kizuna(&db, &["members", "trait", "remove", &espresso]));
    assert!(
        gone.contains(&format!("trait {espresso} was not found")),
        "{gone}"
    );
}
