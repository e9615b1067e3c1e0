//! Perks under pressure: random grant/redeem/revoke/expire sequences never take stock below
//! zero nor give a code twice; and two replicas granting offline at the same time produce an
//! oversubscribed perk and a code held twice, which `perk_conflicts` reports once the other
//! replica's rows arrive.

mod common;

use common::{add_member, days_ago, named, new_store, open, temp_path};
use kizuna_core::ids::MemberId;
use kizuna_core::perks::{
    PerkInput, PerkKind, create_perk, expire_grants, grant_to_member, import_codes, perk_conflicts,
    redeem_grant, revoke_grant, update_perk,
};
use kizuna_core::store::Store;
use proptest::prelude::*;

fn perk(name: &str, kind: PerkKind, stock: Option<i64>) -> PerkInput {
    PerkInput {
        kind,
        name: name.to_owned(),
        description: None,
        starts_at: days_ago(10),
        ends_at: None,
        stock,
        campaign_id: None,
        waves: Vec::new(),
    }
}

fn scalar(store: &Store, sql: &str) -> i64 {
    store
        .conn()
        .query_row(sql, [], |r| r.get(0))
        .expect("a number")
}

#[derive(Debug, Clone)]
enum Op {
    Grant(usize),
    Redeem(usize),
    Revoke(usize),
    EndAndExpire,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0..6usize).prop_map(Op::Grant),
        2 => (0..6usize).prop_map(Op::Redeem),
        2 => (0..6usize).prop_map(Op::Revoke),
        1 => Just(Op::EndAndExpire),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    #[test]
    fn random_sequences_keep_stock_and_codes_sound(ops in proptest::collection::vec(op(), 1..30), stock in 0..4i64) {
        let (_dir, mut store) = new_store();
        let members: Vec<MemberId> = (0..6).map(|i| add_member(&mut store, &named(&format!("M{i}")))).collect();
        let input = perk("Coupon", PerkKind::DiscountCode, Some(stock));
        let id = store.write(|w| create_perk(w, &input)).expect("perk");
        store.write(|w| import_codes(w, &id, "A1\nB2\nC3\nD4\nE5")).expect("codes");
        let mut grants: Vec<Option<String>> = vec![None; 6];
        for op in ops {
            match op {
                Op::Grant(i) => {
                    if let Ok(g) = store.write(|w| grant_to_member(w, &id, members[i].as_str(), None)) {
                        grants[i] = Some(g);
                    }
                }
                Op::Redeem(i) => if let Some(g) = &grants[i] { let _ = store.write(|w| redeem_grant(w, g)); },
                Op::Revoke(i) => if let Some(g) = &grants[i] { let _ = store.write(|w| revoke_grant(w, g)); },
                Op::EndAndExpire => {
                    let ended = PerkInput { ends_at: Some(days_ago(1)), ..input.clone() };
                    let _ = store.write(|w| update_perk(w, &id, &ended));
                    store.write(expire_grants).expect("expire");
                }
            }
            let live = scalar(&store, "SELECT count(*) FROM perk_grants WHERE status IN ('granted', 'redeemed')");
            prop_assert!(live <= stock, "{live} live grants for a stock of {stock}");
            prop_assert_eq!(
                scalar(&store, "SELECT count(code_id) - count(DISTINCT code_id) FROM perk_grants"),
                0
            );
            prop_assert!(perk_conflicts(store.conn()).expect("conflicts").is_empty());
        }
    }
}

/// Copies every change-log row `from` wrote after `mark` into `into`, and its grant rows, as
/// a sync would; a grant whose code the receiver's UNIQUE constraint refuses arrives without it
/// (the change log still says which code the other replica gave).
fn sync_grants(into: &std::path::Path, from: &std::path::Path, mark: i64) {
    let conn = rusqlite::Connection::open(into).expect("open receiver");
    conn.execute("ATTACH ?1 AS b", [from.to_string_lossy()])
        .expect("attach sender");
    conn.execute_batch(&format!(
        "INSERT OR IGNORE INTO sync_sites (site_uuid) SELECT site_uuid FROM b.sync_sites;
         INSERT INTO change_log (tbl, pk, col, val, hlc, site)
           SELECT c.tbl, c.pk, c.col, c.val, c.hlc,
                  (SELECT s.id FROM main.sync_sites s WHERE s.site_uuid = bs.site_uuid)
           FROM b.change_log c JOIN b.sync_sites bs ON bs.id = c.site WHERE c.seq > {mark};
         INSERT INTO main.perk_grants SELECT * FROM b.perk_grants g
           WHERE g.id NOT IN (SELECT id FROM main.perk_grants)
             AND (g.code_id IS NULL OR g.code_id NOT IN
                  (SELECT code_id FROM main.perk_grants WHERE code_id IS NOT NULL));
         INSERT INTO main.perk_grants (id, perk_id, member_id, wave_id, status, granted_at)
           SELECT id, perk_id, member_id, wave_id, status, granted_at FROM b.perk_grants
           WHERE id NOT IN (SELECT id FROM main.perk_grants);"
    ))
    .expect("copy rows across");
}

#[test]
fn two_replicas_granting_offline_show_up_as_conflicts_after_sync() {
    let (_dir, a_path) = temp_path();
    let b_dir = tempfile::tempdir().expect("dir");
    let b_path = b_dir.path().join("replica-b.kizuna");
    let (tote, coupon, x, y) = {
        let (_d, mut seed) = new_store();
        let x = add_member(&mut seed, &named("X"));
        let y = add_member(&mut seed, &named("Y"));
        let tote = seed
            .write(|w| create_perk(w, &perk("Tote", PerkKind::Merchandise, Some(1))))
            .expect("tote");
        let coupon = seed
            .write(|w| create_perk(w, &perk("Coupon", PerkKind::DiscountCode, None)))
            .expect("coupon");
        seed.write(|w| import_codes(w, &coupon, "SAME1\nNEXT2"))
            .expect("codes");
        let seed_path = seed.path().to_owned();
        drop(seed); // closing checkpoints the write-ahead log into the file
        std::fs::copy(&seed_path, &a_path).expect("replica a");
        std::fs::copy(&seed_path, &b_path).expect("replica b");
        (tote, coupon, x, y)
    };
    // Replica B is another device: a site of its own.
    rusqlite::Connection::open(&b_path)
        .and_then(|c| c.execute("DELETE FROM kizuna_meta WHERE key = 'site_id'", []))
        .expect("make b its own replica");
    let mut a = open(&a_path);
    let mut b = open(&b_path);
    let mark = scalar(&b, "SELECT max(seq) FROM change_log");
    for (store, member) in [(&mut a, &x), (&mut b, &y)] {
        store
            .write(|w| grant_to_member(w, &tote, member.as_str(), None))
            .expect("each replica has one tote left");
        store
            .write(|w| grant_to_member(w, &coupon, member.as_str(), None))
            .expect("each replica gives its first free code");
    }
    assert!(perk_conflicts(a.conn()).expect("before sync").is_empty());
    drop(a);
    drop(b);
    sync_grants(&a_path, &b_path, mark);

    let a = open(&a_path);
    let found = perk_conflicts(a.conn()).expect("after sync");
    let kinds: Vec<(&str, &str, &str)> = found
        .iter()
        .map(|c| (c.kind.as_str(), c.perk_name.as_str(), c.detail.as_str()))
        .collect();
    assert_eq!(
        kinds,
        vec![
            ("oversubscribed", "Tote", "2 live grants but a stock of 1"),
            ("code_twice", "Coupon", "code SAME1 is held by 2 grants"),
        ]
    );
    assert_eq!(found[0].grant_ids.len(), 2);
    assert_eq!(found[1].grant_ids.len(), 2);
}
