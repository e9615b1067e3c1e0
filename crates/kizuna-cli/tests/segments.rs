//! `kizuna segments …` against a real community file: count, save, list, export, delete, and a
//! rule on an unknown field refused with the rule it names.

mod common;

use common::{kizuna, stderr_of_failure, stdout};

const SPEAKERS_IN_TOKYO: &str = r#"{"op":"and","rules":[
    {"kind":"tag","op":"has","name":"speaker"},
    {"kind":"field","field":"city","op":"equals","value":"Tokyo"}]}"#;

#[test]
fn a_segment_is_counted_saved_listed_exported_and_deleted() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("c.kizuna");
    stdout(&kizuna(&db, &["init", "--name", "Test"]));
    let mut speakers = Vec::new();
    for (name, city, speaker) in [
        ("山田 太郎", "Tokyo", true),
        ("佐藤 花子", "Tokyo", false),
        ("Emma Wilson", "Osaka", true),
        ("鈴木 一郎", "Tokyo", true),
    ] {
        let id = stdout(&kizuna(&db, &["members", "add", "--name", name]))
            .trim()
            .to_owned();
        stdout(&kizuna(&db, &["members", "edit", &id, "--city", city]));
        if speaker {
            stdout(&kizuna(&db, &["members", "tag", &id, "speaker"]));
            if city == "Tokyo" {
                speakers.push(id);
            }
        }
    }

    let counted = stdout(&kizuna(
        &db,
        &["segments", "count", "--rules", SPEAKERS_IN_TOKYO],
    ));
    assert!(counted.starts_with("2 members match"), "{counted}");

    let saved = stdout(&kizuna(
        &db,
        &[
            "segments",
            "save",
            "Tokyo speakers",
            "--rules",
            SPEAKERS_IN_TOKYO,
        ],
    ));
    assert!(
        saved.starts_with("saved segment \"Tokyo speakers\" (2 members)"),
        "{saved}"
    );
    let id = saved.lines().nth(1).expect("the new id").to_owned();
    let listed = stdout(&kizuna(&db, &["segments", "list"]));
    assert!(
        listed.contains(&id) && listed.contains("Tokyo speakers"),
        "{listed}"
    );

    let csv = dir.path().join("speakers.csv");
    let csv_arg = csv.to_string_lossy().into_owned();
    stdout(&kizuna(&db, &["segments", "export", &id, "-o", &csv_arg]));
    let text = std::fs::read_to_string(&csv).expect("the CSV");
    let mut exported: Vec<&str> = text
        .lines()
        .skip(1)
        .map(|line| line.split(',').next().unwrap_or_default())
        .collect();
    exported.sort_unstable();
    speakers.sort();
    assert_eq!(exported, speakers, "{text}");

    stdout(&kizuna(&db, &["segments", "delete", &id]));
    let after = stdout(&kizuna(&db, &["segments", "list"]));
    assert!(after.starts_with("no saved segments"), "{after}");
}

#[test]
fn a_rule_on_an_unknown_field_is_refused_with_the_rule_it_names_and_nothing_is_saved() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("c.kizuna");
    stdout(&kizuna(&db, &["init", "--name", "Test"]));
    let rules = r#"{"op":"and","rules":[
        {"kind":"tag","op":"has","name":"speaker"},
        {"kind":"field","field":"shoe_size","op":"equals","value":"27"}]}"#;
    let refused = stderr_of_failure(&kizuna(
        &db,
        &["segments", "save", "Feet", "--rules", rules],
    ));
    assert!(
        refused.contains("rule 2: \"shoe_size\" is not a member field"),
        "{refused}"
    );
    let listed = stdout(&kizuna(&db, &["segments", "list"]));
    assert!(listed.starts_with("no saved segments"), "{listed}");
}
