//! `kizuna bench` on a small generated community and on a copy of a given file: every
//! measurement is reported with real times, and the given file is left unchanged. A behaviour
//! check, not a timed test.

mod common;

use std::process::Command;

use common::{kizuna, stdout};
use serde_json::Value;

/// Every measurement a run on the sample community reports.
const EXPECTED: &[&str] = &[
    "open",
    "dashboard.summary",
    "query.activityPerMonth",
    "chart.activityPerMonth",
    "query.activeWeekly",
    "chart.activeWeekly",
    "query.levelsOverTime",
    "chart.levelsOverTime",
    "query.cohortRetention",
    "chart.cohortRetention",
    "query.firstContribution",
    "chart.firstContribution",
    "query.activityMix",
    "chart.activityMix",
    "members.page.first",
    "members.page.middle",
    "members.page.last",
    "members.search",
    "segment.field",
    "segment.tag",
    "segment.platform",
    "segment.level",
    "segment.score",
    "segment.activity90d",
    "segment.trait",
    "segment.nested",
    "duplicates",
    "score.recompute.full",
    "activities.insert",
    "score.recompute.incremental",
];

fn measurements(json: &Value) -> Vec<(String, &Value)> {
    json["measurements"]
        .as_array()
        .expect("a list of measurements")
        .iter()
        .map(|m| (m["name"].as_str().expect("a name").to_owned(), m))
        .collect()
}

fn assert_timed(json: &Value, names: &[&str]) {
    let found = measurements(json);
    for name in names {
        let (_, m) = found
            .iter()
            .find(|(n, _)| n == name)
            .unwrap_or_else(|| panic!("{name} missing from {json:#}"));
        assert!(m["runs"].as_u64().is_some_and(|r| r >= 1), "{m}");
        let (p50, p95, max) = (&m["p50Ms"], &m["p95Ms"], &m["maxMs"]);
        let [p50, p95, max] = [p50, p95, max].map(|v| v.as_f64().expect("a time"));
        assert!(p50 > 0.0 && p50 <= p95 && p95 <= max, "{m}");
    }
}

#[test]
fn bench_times_every_measurement_on_a_generated_community() {
    let output = Command::new(env!("CARGO_BIN_EXE_kizuna"))
        .args(["bench", "--members", "300", "--json"])
        .env_remove("KIZUNA_DB")
        .output()
        .expect("run kizuna");
    let json: Value = serde_json::from_str(&stdout(&output)).expect("JSON output");

    assert_eq!(json["community"]["members"], 300, "{json:#}");
    assert!(json["community"]["activities"].as_u64() > Some(1_000));
    assert_timed(&json, &["sample.generate"]);
    assert_timed(&json, EXPECTED);
    let search = measurements(&json)
        .into_iter()
        .find(|(n, _)| n == "members.search")
        .map(|(_, m)| m.clone())
        .expect("search");
    assert!(
        search["runs"].as_u64() >= Some(60),
        "about 30 queries, several rounds: {search}"
    );
}

#[test]
fn bench_of_a_given_file_measures_a_copy_and_leaves_the_file_alone() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("club.kizuna");
    stdout(&kizuna(&db, &["demo", "--members", "150"]));
    let scores = stdout(&kizuna(&db, &["score", "--json", "--top", "5"]));
    let stats = stdout(&kizuna(&db, &["stats", "--json"]));
    let size = std::fs::metadata(&db).expect("file").len();

    let text = stdout(&kizuna(&db, &["bench"]));

    let header = text.lines().next().unwrap_or_default();
    assert!(header.starts_with("150 members"), "{text}");
    assert!(header.contains("copy of"), "{text}");
    for name in [
        "file.copy",
        "open",
        "members.search",
        "score.recompute.incremental",
    ] {
        assert!(
            text.lines().any(|l| l.starts_with(name)),
            "{name} missing:\n{text}"
        );
    }
    assert_eq!(
        stdout(&kizuna(&db, &["score", "--json", "--top", "5"])),
        scores
    );
    assert_eq!(stdout(&kizuna(&db, &["stats", "--json"])), stats);
    assert_eq!(std::fs::metadata(&db).expect("file").len(), size);
}
