//! `kizuna duplicates` against real community files: the sample's planted duplicates, an
//! empty community and a missing file.

mod common;

use common::{kizuna, stdout};

#[test]
fn duplicates_lists_the_sample_s_planted_pairs_with_names_reasons_and_ids() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("sample.kizuna");
    stdout(&kizuna(&db, &["demo", "--members", "400"]));

    let json: serde_json::Value =
        serde_json::from_str(&stdout(&kizuna(&db, &["duplicates", "--json"])))
            .expect("JSON suggestions");
    let suggestions = json.as_array().expect("an array");
    assert_eq!(
        suggestions.len(),
        4,
        "1% of 400 members are planted: {json:#}"
    );
    for s in suggestions {
        assert_ne!(s["first"]["id"], s["second"]["id"]);
        assert!(s["first"]["displayName"].is_string() && s["second"]["displayName"].is_string());
        assert!(
            s["confidence"]
                .as_f64()
                .is_some_and(|c| c > 0.0 && c <= 1.0)
        );
        assert!(!s["reasons"].as_array().expect("reasons").is_empty());
    }

    let text = stdout(&kizuna(&db, &["duplicates", "--limit", "1"]));
    let first = &suggestions[0];
    for expected in [
        first["first"]["displayName"].as_str(),
        first["second"]["displayName"].as_str(),
        first["first"]["id"].as_str(),
        first["second"]["id"].as_str(),
    ] {
        let expected = expected.expect("text field");
        assert!(text.contains(expected), "{expected} missing from:\n{text}");
    }
    assert!(text.contains("same "), "{text}");
    assert_eq!(
        text.lines().count(),
        3,
        "one suggestion, three lines:\n{text}"
    );
}

#[test]
fn duplicates_in_an_empty_community_says_there_are_none() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("empty.kizuna");
    stdout(&kizuna(&db, &["init", "--name", "Tokyo Coffee Club"]));

    assert_eq!(
        stdout(&kizuna(&db, &["duplicates"])).trim(),
        "no duplicate suggestions"
    );
    assert_eq!(stdout(&kizuna(&db, &["duplicates", "--json"])).trim(), "[]");
}

#[test]
fn duplicates_without_a_community_file_explains_how_to_make_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = kizuna(&dir.path().join("missing.kizuna"), &["duplicates"]);

    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("kizuna demo"), "{stderr}");
}
