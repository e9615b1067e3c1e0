//! `kizuna perks redeem-csv`: a shop's export checked with `--dry-run`, refused whole when a
//! row is wrong, applied, and applied again without change.

mod common;

use common::{kizuna, stderr_of_failure, stdout};

#[test]
fn redeem_a_perk_from_a_shop_csv() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("sample.kizuna");
    stdout(&kizuna(&db, &["demo", "--members", "300"]));
    let list = stdout(&kizuna(&db, &["perks", "list"]));
    let perk = list
        .lines()
        .find(|l| l.contains("discount_code"))
        .and_then(|l| l.split_whitespace().next())
        .expect("the sample's discount perk")
        .to_owned();
    let shown: serde_json::Value =
        serde_json::from_str(&stdout(&kizuna(&db, &["perks", "show", &perk, "--json"])))
            .expect("JSON output");
    let open: Vec<String> = shown["grants"]
        .as_array()
        .expect("grants")
        .iter()
        .filter(|g| g["status"] == "granted")
        .filter_map(|g| g["code"].as_str().map(str::to_owned))
        .take(2)
        .collect();
    assert_eq!(open.len(), 2, "the sample has open grants with codes");

    let good = dir.path().join("orders.csv");
    std::fs::write(
        &good,
        format!(
            "Name,Discount Code,Created at\n#1,{},2026-11-20 10:00\n#2,{},2026-11-21 11:00\n",
            open[0], open[1]
        ),
    )
    .expect("write the file");
    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        format!("code\n{}\nNOT-A-CODE\n", open[0].to_lowercase()),
    )
    .expect("write the file");
    let good = good.to_str().expect("utf-8 path");
    let bad = bad.to_str().expect("utf-8 path");

    let checked = stdout(&kizuna(
        &db,
        &["perks", "redeem-csv", &perk, bad, "--dry-run"],
    ));
    assert!(
        checked.contains("1 to redeem, 0 already redeemed"),
        "{checked}"
    );
    assert!(
        checked.contains("line 3: NOT-A-CODE is not a perk code of this community"),
        "{checked}"
    );
    let refused = kizuna(&db, &["perks", "redeem-csv", &perk, bad]);
    assert!(
        stderr_of_failure(&refused).contains("1 row cannot be redeemed, so nothing was redeemed"),
        "{}",
        stderr_of_failure(&refused)
    );

    let done = stdout(&kizuna(&db, &["perks", "redeem-csv", &perk, good]));
    assert!(done.contains("2 redeemed, 0 already redeemed"), "{done}");
    let again = stdout(&kizuna(&db, &["perks", "redeem-csv", &perk, good]));
    assert!(again.contains("0 redeemed, 2 already redeemed"), "{again}");
}
