//! Redeeming a perk's grants from a shop's CSV export: a good file, re-importing it, bad rows
//! with their lines and nothing applied, the shops' header names, and CRLF with a BOM.

mod common;

use common::{add_member, count, days_ago, ms, named, new_store};
use kizuna_core::perks::{
    GrantStatus, PerkInput, PerkKind, ShopCsvLineError, ShopRedemptionReport, check_redemption_csv,
    create_perk, grant_to_member, import_codes, perk_detail, redeem_from_csv, revoke_grant,
};
use kizuna_core::{CoreError, Store};

fn perk(name: &str) -> PerkInput {
    PerkInput {
        kind: PerkKind::DiscountCode,
        name: name.to_owned(),
        description: None,
        starts_at: days_ago(30),
        ends_at: None,
        stock: None,
        campaign_id: None,
        waves: Vec::new(),
    }
}

/// A perk "Coupon" with codes AAA1..AAA4 given to four members (in that order), one code
/// (FREE9) never given, and a perk "Other" with code OTH1 given to a fifth member.
fn community() -> (tempfile::TempDir, Store, String, Vec<String>) {
    let (dir, mut store) = new_store();
    let id = store
        .write(|w| create_perk(w, &perk("Coupon")))
        .expect("perk");
    store
        .write(|w| import_codes(w, &id, "AAA1\nAAA2\nAAA3\nAAA4\nFREE9"))
        .expect("codes");
    let mut grants = Vec::new();
    for name in ["A", "B", "C", "D"] {
        let member = add_member(&mut store, &named(name));
        grants.push(
            store
                .write(|w| grant_to_member(w, &id, member.as_str(), None))
                .expect("grant"),
        );
    }
    let other = store
        .write(|w| create_perk(w, &perk("Other")))
        .expect("perk");
    store
        .write(|w| import_codes(w, &other, "OTH1"))
        .expect("codes");
    let e = add_member(&mut store, &named("E"));
    store
        .write(|w| grant_to_member(w, &other, e.as_str(), None))
        .expect("grant");
    (dir, store, id, grants)
}

fn redeemed(store: &Store) -> i64 {
    count(
        store.conn(),
        "SELECT count(*) FROM perk_grants WHERE status = 'redeemed'",
    )
}

fn activities(store: &Store) -> i64 {
    count(
        store.conn(),
        "SELECT count(*) FROM activities WHERE activity_type = 'perk_redeemed'",
    )
}

fn report(to_redeem: u32, already: u32) -> ShopRedemptionReport {
    ShopRedemptionReport {
        to_redeem,
        already_redeemed: already,
        bad_rows: Vec::new(),
    }
}

#[test]
fn a_shop_file_redeems_its_codes_at_their_dates_and_reimporting_changes_nothing() {
    let (_dir, mut store, id, grants) = community();
    let csv =
        "order,code,redeemed_at\n1001,aaa1,2026-11-20T10:00:00Z\n1002, AAA2 ,2026-11-21 09:30\n";
    assert_eq!(
        check_redemption_csv(store.conn(), &id, csv).expect("check"),
        report(2, 0)
    );
    assert_eq!(redeemed(&store), 0, "a check writes nothing");
    assert_eq!(
        store
            .write(|w| redeem_from_csv(w, &id, csv))
            .expect("redeem"),
        report(2, 0)
    );
    let detail = perk_detail(store.conn(), &id).expect("detail");
    let first = detail
        .grants
        .iter()
        .find(|g| g.id == grants[0])
        .expect("grant");
    assert_eq!(first.status, GrantStatus::Redeemed);
    assert_eq!(first.redeemed_at, Some(ms("2026-11-20T10:00:00Z")));
    let times: Vec<i64> = store
        .conn()
        .prepare("SELECT occurred_at FROM activities WHERE activity_type = 'perk_redeemed' ORDER BY occurred_at")
        .expect("query")
        .query_map([], |r| r.get(0))
        .expect("rows")
        .collect::<rusqlite::Result<_>>()
        .expect("times");
    assert_eq!(
        times,
        vec![ms("2026-11-20T10:00:00Z"), ms("2026-11-21T09:30:00Z")]
    );

    assert_eq!(
        store
            .write(|w| redeem_from_csv(w, &id, csv))
            .expect("again"),
        report(0, 2)
    );
    assert_eq!((redeemed(&store), activities(&store)), (2, 2));
}

#[test]
fn bad_rows_are_listed_by_line_and_nothing_is_redeemed() {
    let (_dir, mut store, id, grants) = community();
    store
        .write(|w| revoke_grant(w, &grants[3]))
        .expect("revoke");
    store
        .write(|w| redeem_from_csv(w, &id, "code,date\nAAA2,2026-11-01\n"))
        .expect("redeem one");
    let csv = "code,date\nAAA1,2026-11-22\nNOPE7,\nOTH1,\nFREE9,\nAAA4,\nAAA3,yesterday\n,\nAAA2,2026-11-05\nAAA1,\n";
    let check = check_redemption_csv(store.conn(), &id, csv).expect("check");
    let line = |line: u64, message: &str| ShopCsvLineError {
        line,
        message: message.to_owned(),
    };
    assert_eq!(check.to_redeem, 1);
    assert_eq!(
        check.bad_rows,
        vec![
            line(3, "NOPE7 is not a perk code of this community"),
            line(4, "code OTH1 belongs to another perk (\"Other\")"),
            line(5, "code FREE9 has not been given to anyone yet"),
            line(
                6,
                "the grant with code AAA4 is revoked; it cannot be redeemed"
            ),
            line(
                7,
                "date \"yesterday\" is not a date (YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] or ISO 8601)"
            ),
            line(8, "the code is empty"),
            line(9, "code AAA2 was already redeemed on 2026-11-01"),
            line(10, "code AAA1 appears twice in the file (lines 2 and 10)"),
        ]
    );
    let err = store.write(|w| redeem_from_csv(w, &id, csv));
    match err {
        Err(CoreError::InvalidInput(m)) => {
            let m = m.to_string();
            assert!(
                m.starts_with("8 rows cannot be redeemed, so nothing was redeemed:\nline 3: NOPE7"),
                "{m}"
            );
        }
        other => panic!("expected invalid input, got {other:?}"),
    }
    assert_eq!((redeemed(&store), activities(&store)), (1, 1));
}

#[test]
fn shop_header_names_are_recognised_and_a_file_without_a_code_column_is_refused() {
    let (_dir, mut store, id, _) = community();
    for (csv, expected) in [
        (
            "Name,Discount Code,Created at\n#1,AAA1,2026-11-20 10:00:00 +0000\n",
            1,
        ),
        ("discount_code\nAAA1\nAAA2\n", 1),
        ("COUPON,Date\nAAA3,2026-11-22\n", 1),
    ] {
        let check = check_redemption_csv(store.conn(), &id, csv).expect("check");
        assert!(check.bad_rows.is_empty(), "{csv}: {:?}", check.bad_rows);
        assert_eq!(check.to_redeem, expected, "{csv}");
        store
            .write(|w| redeem_from_csv(w, &id, csv))
            .expect("redeem");
    }
    assert_eq!(redeemed(&store), 3);
    match check_redemption_csv(store.conn(), &id, "order,total\n1,20\n") {
        Err(CoreError::InvalidInput(m)) => assert_eq!(
            m.to_string(),
            "line 1: the file needs a code column (\"code\", \"discount_code\" or \"coupon\")"
        ),
        other => panic!("expected invalid input, got {other:?}"),
    }
}

#[test]
fn a_windows_export_with_crlf_and_a_bom_reads_the_same() {
    let (_dir, mut store, id, _) = community();
    let csv = "\u{feff}Code,Redeemed At\r\nAAA1,2026-11-20\r\nAAA2,2026-11-20\r\nZZZ,\r\n";
    let check = check_redemption_csv(store.conn(), &id, csv).expect("check");
    assert_eq!(check.to_redeem, 2);
    assert_eq!(
        check.bad_rows,
        vec![ShopCsvLineError {
            line: 4,
            message: "ZZZ is not a perk code of this community".to_owned(),
        }]
    );
    let fixed = csv.replace("ZZZ,\r\n", "");
    assert_eq!(
        store
            .write(|w| redeem_from_csv(w, &id, &fixed))
            .expect("redeem"),
        report(2, 0)
    );
}
