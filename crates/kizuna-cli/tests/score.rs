//! `kizuna score` and `kizuna levels` against a real sample community file.

mod common;

use common::{kizuna, stdout};

fn sample() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("sample.kizuna");
    stdout(&kizuna(&db, &["demo", "--members", "60"]));
    (dir, db)
}

#[test]
fn recompute_explain_and_levels_print_what_a_manager_needs() {
    let (_dir, db) = sample();

    let recomputed = stdout(&kizuna(&db, &["score", "recompute", "--full"]));
    assert!(recomputed.contains("recomputed 60 members"), "{recomputed}");
    assert!(recomputed.contains("full: requested"), "{recomputed}");
    assert!(recomputed.contains("members changed level"), "{recomputed}");

    let summary: serde_json::Value =
        serde_json::from_str(&stdout(&kizuna(&db, &["score", "--json", "--top", "1"])))
            .expect("JSON summary");
    assert_eq!(summary["levels"].as_array().map(Vec::len), Some(5));
    let member = summary["topMembers"][0]["memberId"]
        .as_str()
        .expect("a top member");

    let table = stdout(&kizuna(&db, &["score", "--explain", member]));
    assert!(table.contains("activity type"), "{table}");
    assert!(table.contains("total"), "{table}");
    assert!(table.contains("level "), "{table}");
    let json: serde_json::Value = serde_json::from_str(&stdout(&kizuna(
        &db,
        &["score", "--explain", member, "--json"],
    )))
    .expect("JSON explanation");
    assert_eq!(json["memberId"], member);
    assert!(json["byType"].as_array().is_some_and(|t| !t.is_empty()));

    let levels = stdout(&kizuna(&db, &["levels"]));
    for label in [
        "Newcomer",
        "Participant",
        "Contributor",
        "Advocate",
        "Champion",
    ] {
        assert!(levels.contains(label), "{levels}");
    }
}

#[test]
fn explaining_an_unknown_member_says_which_id_was_not_found() {
    let (_dir, db) = sample();
    let output = kizuna(&db, &["score", "--explain", "no-such-member"]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("member no-such-member was not found"),
        "{stderr}"
    );
}

#[test]
fn scoring_a_missing_community_tells_how_to_create_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = kizuna(&dir.path().join("missing.kizuna"), &["score", "recompute"]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("there is no community at"), "{stderr}");
    assert!(!dir.path().join("missing.kizuna").exists());
}

#[cfg(unix)]
#[test]
fn a_reader_that_stops_early_does_not_make_kizuna_panic() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};

    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("sample.kizuna");
    stdout(&kizuna(&db, &["demo", "--members", "1500"]));
    // `kizuna members list | head -1`: the reader closes the pipe after one line, long
    // before the ~200 KB table (more than a pipe buffer) is written.
    let mut child = Command::new(env!("CARGO_BIN_EXE_kizuna"))
        .arg("--db")
        .arg(&db)
        .args(["members", "list", "--limit", "1500"])
        .env_remove("KIZUNA_DB")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run kizuna");
    let mut first = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut first)
        .expect("first line");
    let output = child.wait_with_output().expect("kizuna ends");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!first.is_empty(), "the first line arrived");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_ne!(output.status.code(), Some(101), "{stderr}");
}
