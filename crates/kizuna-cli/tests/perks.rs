//! `kizuna perks …`: the sample's perks, creating one with a wave, a dry-run bulk grant, codes,
//! a grant to one member redeemed by code, and the specific messages for bad input.

mod common;

use common::{kizuna, stderr_of_failure, stdout};

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).expect("JSON output")
}

#[test]
fn create_a_perk_preview_grant_and_redeem_by_code() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("sample.kizuna");
    stdout(&kizuna(&db, &["demo", "--members", "300"]));

    let list = stdout(&kizuna(&db, &["perks", "list"]));
    assert!(list.contains("Early access: Spring Blend 2026"), "{list}");
    assert!(list.contains("Limited tote bag"), "{list}");

    let bad = kizuna(
        &db,
        &[
            "perks",
            "create",
            "--name",
            "Oops",
            "--kind",
            "merchandise",
            "--start",
            "2026-05-01",
            "--stock",
            "-1",
        ],
    );
    assert!(stderr_of_failure(&bad).contains("stock cannot be negative (-1)"));

    let id = stdout(&kizuna(
        &db,
        &[
            "perks",
            "create",
            "--name",
            "Roastery tour",
            "--kind",
            "experience",
            "--start",
            "2026-01-01",
            "--stock",
            "2",
        ],
    ))
    .trim()
    .to_owned();
    stdout(&kizuna(
        &db,
        &[
            "perks",
            "wave",
            "add",
            &id,
            "--number",
            "1",
            "--name",
            "Everyone",
            "--opens",
            "2026-01-01",
        ],
    ));
    let dup = kizuna(
        &db,
        &[
            "perks",
            "wave",
            "add",
            &id,
            "--number",
            "1",
            "--name",
            "Again",
            "--opens",
            "2026-01-01",
        ],
    );
    assert!(stderr_of_failure(&dup).contains("the perk already has a wave 1"));

    let preview = stdout(&kizuna(
        &db,
        &["perks", "grant", &id, "--wave", "1", "--dry-run"],
    ));
    assert!(preview.contains("2 would get it"), "{preview}");
    assert!(preview.contains("out of stock"), "{preview}");
    let shown = json(&stdout(&kizuna(&db, &["perks", "show", &id, "--json"])));
    assert_eq!(
        shown["grants"].as_array().map(Vec::len),
        Some(0),
        "dry run writes nothing"
    );

    let codes = stdout(&kizuna(&db, &["perks", "codes", "generate", &id, "3"]));
    assert_eq!(codes.lines().count(), 3);
    let member = preview
        .lines()
        .nth(1)
        .and_then(|l| l.split_whitespace().next())
        .expect("a member row")
        .to_owned();
    stdout(&kizuna(&db, &["perks", "grant", &id, "--member", &member]));
    let again = kizuna(&db, &["perks", "grant", &id, "--member", &member]);
    assert!(stderr_of_failure(&again).contains("already has \"Roastery tour\""));
    let code = codes.lines().next().expect("a code");
    let redeemed = stdout(&kizuna(
        &db,
        &["perks", "redeem", "--code", &code.to_lowercase()],
    ));
    assert!(redeemed.contains("redeemed"), "{redeemed}");
    let shown = json(&stdout(&kizuna(&db, &["perks", "show", &id, "--json"])));
    assert_eq!(shown["grants"][0]["status"], "redeemed");
    assert_eq!(
        stdout(&kizuna(&db, &["perks", "conflicts"])).trim(),
        "no conflicts"
    );
}
