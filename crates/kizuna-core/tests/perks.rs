//! Perks on a hand-built community with known answers: the form's checks with their messages,
//! grants to one member, the bulk preview's reasons in score order, codes, redemption,
//! revocation and expiry, merge and undo, erasure and the privacy export.

mod common;

use common::{add_member, count, days_ago, named, new_store, now_ms};
use kizuna_core::engagement::ensure_default_levels;
use kizuna_core::ids::MemberId;
use kizuna_core::members::{erase_member, export_member, tag_member};
use kizuna_core::merge::{FieldChoices, merge_members, undo_merge};
use kizuna_core::perks::{
    BulkOutcome, BulkTarget, GrantStatus, PerkInput, PerkKind, WaveInput, add_wave, create_perk,
    expire_grants, generate_codes, grant_bulk, grant_to_member, import_codes, perk_detail,
    preview_bulk, redeem_by_code, redeem_grant, revoke_grant, update_perk,
};
use kizuna_core::segments::{create_segment, parse_rules};
use kizuna_core::{CoreError, Store};

fn perk(name: &str, stock: Option<i64>) -> PerkInput {
    PerkInput {
        kind: PerkKind::EarlyAccess,
        name: name.to_owned(),
        description: None,
        starts_at: days_ago(10),
        ends_at: None,
        stock,
        campaign_id: None,
        waves: Vec::new(),
    }
}

fn wave(number: i64, opens_at: i64, min_level: Option<i64>) -> WaveInput {
    WaveInput {
        number,
        name: format!("Wave {number}"),
        opens_at,
        segment_id: None,
        min_level,
    }
}

fn message<T: std::fmt::Debug>(r: Result<T, CoreError>) -> String {
    match r {
        Err(CoreError::InvalidInput(m)) => m.to_string(),
        other => panic!("expected invalid input, got {other:?}"),
    }
}

/// Members with an engagement score and level (ranks: 4 advocate, 5 champion).
fn scored(store: &mut Store, name: &str, score: f64, rank: i64) -> MemberId {
    let id = add_member(store, &named(name));
    store
        .write(|w| {
            w.tx().execute(
                "INSERT INTO member_scores (member_id, score, as_of, level_rank) VALUES (?1, ?2, 0, ?3)",
                rusqlite::params![id.as_str(), score, rank],
            )?;
            Ok(())
        })
        .expect("score a member");
    id
}

fn with_levels() -> (tempfile::TempDir, Store) {
    let (dir, mut store) = new_store();
    store.write(ensure_default_levels).expect("levels");
    (dir, store)
}

#[test]
fn bad_perk_input_is_refused_with_a_specific_message_and_nothing_saved() {
    let (_dir, mut store) = with_levels();
    let ends_early = PerkInput {
        ends_at: Some(days_ago(20)),
        ..perk("Early", None)
    };
    assert_eq!(
        message(store.write(|w| create_perk(w, &ends_early))),
        "the perk ends before it starts; pick an end date after the start"
    );
    assert_eq!(
        message(store.write(|w| create_perk(w, &perk("Tote", Some(-3))))),
        "stock cannot be negative (-3); leave it empty for unlimited"
    );
    let unknown_campaign = PerkInput {
        campaign_id: Some("nope".to_owned()),
        ..perk("Linked", None)
    };
    assert_eq!(
        message(store.write(|w| create_perk(w, &unknown_campaign))),
        "\"nope\" is not a campaign of this community"
    );
    let twice = PerkInput {
        waves: vec![wave(1, days_ago(5), None), wave(1, days_ago(2), None)],
        ..perk("Waves", None)
    };
    assert_eq!(
        message(store.write(|w| create_perk(w, &twice))),
        "the perk already has a wave 1; pick another number"
    );
    let bad_level = PerkInput {
        waves: vec![wave(1, days_ago(5), Some(9))],
        ..perk("Levels", None)
    };
    assert_eq!(
        message(store.write(|w| create_perk(w, &bad_level))),
        "9 is not an engagement level rank"
    );
    let mut bad_segment = wave(2, days_ago(5), None);
    bad_segment.segment_id = Some("ghost".to_owned());
    let id = store
        .write(|w| create_perk(w, &perk("Ok", Some(1))))
        .expect("a valid perk");
    assert_eq!(
        message(store.write(|w| add_wave(w, &id, &bad_segment))),
        "\"ghost\" is not a saved segment"
    );
    assert_eq!(count(store.conn(), "SELECT count(*) FROM perks"), 1);
    assert_eq!(count(store.conn(), "SELECT count(*) FROM perk_waves"), 0);
}

#[test]
fn one_member_grants_check_eligibility_stock_and_duplicates() {
    let (_dir, mut store) = with_levels();
    let champ = scored(&mut store, "Champ", 90.0, 5);
    let adv = scored(&mut store, "Adv", 60.0, 4);
    let third = scored(&mut store, "Third", 95.0, 5);
    let input = PerkInput {
        waves: vec![
            wave(1, days_ago(5), Some(5)),
            wave(2, now_ms() + 86_400_000 * 3, Some(4)),
        ],
        ..perk("Spring early access", Some(2))
    };
    let id = store.write(|w| create_perk(w, &input)).expect("perk");
    let why = message(store.write(|w| grant_to_member(w, &id, adv.as_str(), None)));
    assert!(
        why.starts_with(
            "Adv cannot get \"Spring early access\": below level 5 (wave 1); wave 2 opens on "
        ),
        "{why}"
    );
    let grant = store
        .write(|w| grant_to_member(w, &id, champ.as_str(), None))
        .expect("champion gets wave 1");
    assert_eq!(
        message(store.write(|w| grant_to_member(w, &id, champ.as_str(), None))),
        "Champ already has \"Spring early access\""
    );
    store
        .write(|w| grant_to_member(w, &id, third.as_str(), Some(1)))
        .expect("second of two");
    let fourth = scored(&mut store, "Fourth", 99.0, 5);
    assert_eq!(
        message(store.write(|w| grant_to_member(w, &id, fourth.as_str(), None))),
        "\"Spring early access\" is out of stock: every one is already given"
    );
    // Revoking returns stock; stock cannot be cut below what is given.
    store.write(|w| revoke_grant(w, &grant)).expect("revoke");
    store
        .write(|w| grant_to_member(w, &id, fourth.as_str(), None))
        .expect("stock came back");
    assert_eq!(
        message(store.write(|w| update_perk(
            w,
            &id,
            &PerkInput {
                stock: Some(1),
                ..input.clone()
            }
        ))),
        "stock 1 is less than the 2 grants already given; revoke some first"
    );
}

#[test]
fn bulk_preview_lists_who_gets_it_and_why_not_in_score_order() {
    let (_dir, mut store) = with_levels();
    let low = scored(&mut store, "Low", 10.0, 2);
    let has = scored(&mut store, "Has", 80.0, 5);
    let top = scored(&mut store, "Top", 99.0, 5);
    let next = scored(&mut store, "Next", 70.0, 4);
    let last = scored(&mut store, "Last", 50.0, 4);
    for m in [&low, &has, &top, &next, &last] {
        store.write(|w| tag_member(w, m, "vip")).expect("tag");
    }
    let rules = parse_rules(r#"{"op":"and","rules":[{"kind":"tag","op":"has","name":"vip"}]}"#)
        .expect("rules");
    let segment = store
        .write(|w| create_segment(w, "VIPs", &rules))
        .expect("segment");
    let input = PerkInput {
        waves: vec![wave(1, days_ago(5), Some(4))],
        ..perk("Tote", Some(3))
    };
    let id = store.write(|w| create_perk(w, &input)).expect("perk");
    store
        .write(|w| grant_to_member(w, &id, has.as_str(), None))
        .expect("one already has it");
    let target = BulkTarget {
        segment_id: Some(segment),
        wave: Some(1),
    };
    let preview = preview_bulk(store.conn(), &id, &target, now_ms()).expect("preview");
    let seen: Vec<(&str, BulkOutcome)> = preview
        .rows
        .iter()
        .map(|r| (r.member_name.as_str(), r.outcome))
        .collect();
    assert_eq!(
        seen,
        vec![
            ("Top", BulkOutcome::Gets),
            ("Has", BulkOutcome::AlreadyHas),
            ("Next", BulkOutcome::Gets),
            ("Last", BulkOutcome::OutOfStock),
            ("Low", BulkOutcome::NotEligible),
        ]
    );
    assert_eq!(
        preview.rows[4].reason.as_deref(),
        Some("below level 4 (wave 1)")
    );
    assert_eq!(
        count(store.conn(), "SELECT count(*) FROM perk_grants"),
        1,
        "preview writes nothing"
    );
    let done = store.write(|w| grant_bulk(w, &id, &target)).expect("grant");
    assert_eq!((done.gets, done.out_of_stock), (2, 1));
    assert_eq!(
        count(
            store.conn(),
            "SELECT count(*) FROM perk_grants WHERE status = 'granted'"
        ),
        3
    );
}

#[test]
fn codes_are_imported_once_given_once_and_redeemed_by_code() {
    let (_dir, mut store) = with_levels();
    let a = add_member(&mut store, &named("A"));
    let id = store
        .write(|w| {
            create_perk(
                w,
                &PerkInput {
                    kind: PerkKind::DiscountCode,
                    ..perk("Coupon", None)
                },
            )
        })
        .expect("perk");
    assert_eq!(
        message(store.write(|w| import_codes(w, &id, "code,note\nabc1,x\nXYZ2,y\nABC1,z\n"))),
        "code ABC1 appears twice in the list (lines 2 and 4); remove one and import again"
    );
    assert_eq!(
        store
            .write(|w| import_codes(w, &id, "abc1\n\nxyz2\n"))
            .expect("import"),
        2
    );
    assert_eq!(
        message(store.write(|w| import_codes(w, &id, "NEW9\nXYZ2"))),
        "code XYZ2 is already a perk code in this community; nothing was imported"
    );
    assert_eq!(count(store.conn(), "SELECT count(*) FROM perk_codes"), 2);
    let generated = store
        .write(|w| generate_codes(w, &id, 5))
        .expect("generate");
    assert!(
        generated
            .iter()
            .all(|c| c.len() == 8 && !c.contains(['0', 'O', '1', 'I', 'L']))
    );
    let grant = store
        .write(|w| grant_to_member(w, &id, a.as_str(), None))
        .expect("grant");
    let detail = perk_detail(store.conn(), &id).expect("detail");
    assert_eq!(detail.grants[0].code.as_deref(), Some("ABC1"));
    assert_eq!(
        message(store.write(|w| redeem_by_code(w, "xyz2"))),
        "code XYZ2 has not been given to anyone yet"
    );
    assert_eq!(
        store
            .write(|w| redeem_by_code(w, " abc1 "))
            .expect("redeem"),
        grant
    );
    assert_eq!(
        message(store.write(|w| redeem_grant(w, &grant))),
        "this grant of \"Coupon\" is already redeemed; it cannot be redeemed"
    );
    assert_eq!(
        count(
            store.conn(),
            "SELECT count(*) FROM activities WHERE activity_type = 'perk_redeemed'"
        ),
        1
    );
}

#[test]
fn ended_perks_cannot_be_granted_and_their_open_grants_expire() {
    let (_dir, mut store) = with_levels();
    let a = add_member(&mut store, &named("A"));
    let b = add_member(&mut store, &named("B"));
    let id = store
        .write(|w| create_perk(w, &perk("Soon over", None)))
        .expect("perk");
    store
        .write(|w| grant_to_member(w, &id, a.as_str(), None))
        .expect("grant");
    let ended = PerkInput {
        ends_at: Some(days_ago(1)),
        ..perk("Soon over", None)
    };
    store
        .write(|w| update_perk(w, &id, &ended))
        .expect("end it");
    let why = message(store.write(|w| grant_to_member(w, &id, b.as_str(), None)));
    assert!(why.starts_with("\"Soon over\" ended on "), "{why}");
    assert_eq!(store.write(expire_grants).expect("expire"), 1);
    let detail = perk_detail(store.conn(), &id).expect("detail");
    assert_eq!(detail.grants[0].status, GrantStatus::Expired);
    assert!(detail.grants[0].expired_at.is_some());
}

#[test]
fn merge_moves_grants_undo_restores_them_and_erase_removes_them() {
    let (_dir, mut store) = with_levels();
    let kept = add_member(&mut store, &named("Kept"));
    let merged = add_member(&mut store, &named("Merged"));
    let p1 = store
        .write(|w| create_perk(w, &perk("One", None)))
        .expect("perk");
    let p2 = store
        .write(|w| create_perk(w, &perk("Two", None)))
        .expect("perk");
    store
        .write(|w| grant_to_member(w, &p1, kept.as_str(), None))
        .expect("g");
    store
        .write(|w| grant_to_member(w, &p1, merged.as_str(), None))
        .expect("g");
    store
        .write(|w| grant_to_member(w, &p2, merged.as_str(), None))
        .expect("g");
    let owned = |s: &Store, m: &MemberId| {
        count(
            s.conn(),
            &format!("SELECT count(*) FROM perk_grants WHERE member_id = '{m}'"),
        )
    };
    let merge = store
        .write(|w| merge_members(w, &kept, &merged, &FieldChoices::default()))
        .expect("merge");
    assert_eq!((owned(&store, &kept), owned(&store, &merged)), (2, 0));
    store.write(|w| undo_merge(w, &merge)).expect("undo");
    assert_eq!((owned(&store, &kept), owned(&store, &merged)), (1, 2));

    let export = export_member(store.conn(), merged.as_str()).expect("export");
    assert_eq!(export["perkGrants"].as_array().map(Vec::len), Some(2));
    let report = store.write(|w| erase_member(w, &merged)).expect("erase");
    assert_eq!(report.perk_grants, 2);
    assert_eq!(owned(&store, &merged), 0);
    assert_eq!(owned(&store, &kept), 1);
}
