//! `kizuna referrals`, `kizuna advocates` and `kizuna influencers` on a sample community.

mod common;

use common::{kizuna, stderr_of_failure, stdout};
use std::process::Output;

fn json(output: &Output) -> serde_json::Value {
    serde_json::from_str(&stdout(output)).expect("JSON output")
}

#[test]
fn advocates_tree_and_referral_errors_on_the_sample() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("sample.kizuna");
    stdout(&kizuna(&db, &["demo", "--members", "300"]));

    let top = json(&kizuna(&db, &["advocates", "--limit", "3", "--json"]));
    let top = top.as_array().expect("an array");
    assert_eq!(top.len(), 3);
    let best = &top[0];
    assert!(best["total"].as_u64().is_some_and(|t| t >= 20), "{best:#}");
    assert!(best["total"].as_u64() >= top[1]["total"].as_u64());
    let best_id = best["memberId"].as_str().expect("id");
    let best_name = best["displayName"].as_str().expect("name");

    let tree = stdout(&kizuna(&db, &["referrals", "tree", best_id]));
    assert!(tree.starts_with(best_name), "{tree}");
    assert!(tree.contains("in all"), "{tree}");
    assert!(
        tree.lines().any(|l| l.starts_with("    ")),
        "a second generation: {tree}"
    );

    let child = json(&kizuna(&db, &["referrals", "tree", best_id, "--json"]))["tree"]["children"]
        [0]["memberId"]
        .as_str()
        .expect("a referred member")
        .to_owned();
    let again = kizuna(&db, &["referrals", "add", &child, best_id]);
    let message = stderr_of_failure(&again);
    assert!(
        message.contains("loop") || message.contains("already referred"),
        "{message}"
    );

    let bad = kizuna(
        &db,
        &["referrals", "add", best_id, &child, "--channel", "pigeon"],
    );
    assert!(
        stderr_of_failure(&bad).contains("\"pigeon\" is not a referral channel"),
        "specific message"
    );
}

#[test]
fn influencers_by_tier_and_edited_thresholds() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("sample.kizuna");
    stdout(&kizuna(&db, &["demo", "--members", "200"]));

    let nano = json(&kizuna(&db, &["influencers", "--tier", "nano", "--json"]));
    let nano = nano.as_array().expect("an array");
    assert!(!nano.is_empty(), "the sample has nano influencers");
    assert!(nano.iter().all(|r| r["tier"] == "nano"));

    let wider = json(&kizuna(
        &db,
        &[
            "influencers",
            "--set-thresholds",
            "100,10000,100000,1000000",
            "--json",
        ],
    ));
    assert!(wider.as_array().expect("an array").len() > nano.len());

    let refused = kizuna(
        &db,
        &["influencers", "--set-thresholds", "100,50,100000,1000000"],
    );
    assert!(
        stderr_of_failure(&refused).contains("the micro threshold (50) must be above"),
        "specific message"
    );
    let text = stdout(&kizuna(&db, &["influencers", "--limit", "1"]));
    assert!(text.starts_with("tiers: nano ≥ 100,"), "{text}");
}
