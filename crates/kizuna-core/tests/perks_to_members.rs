//! Granting a perk to an explicit list of members (an idea's voters): the preview's outcomes
//! and reasons, each member once, stock, and the grant acting exactly on the preview.

mod common;

use common::{add_member, count, days_ago, named, new_store};
use kizuna_core::engagement::ensure_default_levels;
use kizuna_core::ids::MemberId;
use kizuna_core::perks::{
    BulkOutcome, PerkInput, PerkKind, WaveInput, create_perk, grant_to_member, grant_to_members,
    preview_grant_to_members,
};
use kizuna_core::{CoreError, Store};

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

fn perk(stock: Option<i64>, waves: Vec<WaveInput>) -> PerkInput {
    PerkInput {
        kind: PerkKind::EarlyAccess,
        name: "Early access".to_owned(),
        description: None,
        starts_at: days_ago(10),
        ends_at: None,
        stock,
        campaign_id: None,
        waves,
    }
}

fn wave(number: i64, opens_at: i64, min_level: i64) -> WaveInput {
    WaveInput {
        number,
        name: format!("Wave {number}"),
        opens_at,
        segment_id: None,
        min_level: Some(min_level),
    }
}

#[test]
fn the_preview_says_who_of_the_listed_members_gets_it_and_the_grant_does_exactly_that() {
    let (_dir, mut store) = new_store();
    store.write(ensure_default_levels).expect("levels");
    let champion = scored(&mut store, "Champion", 90.0, 5);
    let advocate = scored(&mut store, "Advocate", 70.0, 4);
    let holder = scored(&mut store, "Holder", 80.0, 5);
    let newcomer = scored(&mut store, "Newcomer", 5.0, 1);
    let outsider = scored(&mut store, "Not listed", 99.0, 5);
    // Wave 1 (advocates and up) is open; wave 2 (everyone) opens in ten days. Stock 2.
    let id = store
        .write(|w| {
            create_perk(
                w,
                &perk(
                    Some(2),
                    vec![wave(1, days_ago(1), 4), wave(2, days_ago(-10), 1)],
                ),
            )
        })
        .expect("perk");
    store
        .write(|w| grant_to_member(w, &id, holder.as_str(), None))
        .expect("holder");
    let listed: Vec<String> = [&newcomer, &advocate, &holder, &champion, &advocate]
        .iter()
        .map(|m| m.as_str().to_owned())
        .collect();
    let now = common::now_ms();
    let preview = preview_grant_to_members(store.conn(), &id, &listed, now).expect("preview");
    let outcomes: Vec<(&str, BulkOutcome)> = preview
        .rows
        .iter()
        .map(|r| (r.member_name.as_str(), r.outcome))
        .collect();
    // Score order, each member once; the holder's grant took one of the two in stock.
    assert_eq!(
        outcomes,
        vec![
            ("Champion", BulkOutcome::Gets),
            ("Holder", BulkOutcome::AlreadyHas),
            ("Advocate", BulkOutcome::OutOfStock),
            ("Newcomer", BulkOutcome::NotEligible),
        ]
    );
    assert_eq!(
        (
            preview.gets,
            preview.already_has,
            preview.out_of_stock,
            preview.not_eligible
        ),
        (1, 1, 1, 1)
    );
    let why = preview.rows[3].reason.as_deref().unwrap_or_default();
    assert!(why.contains("below level 4 (wave 1)"), "{why}");
    assert!(why.contains("wave 2 opens on"), "{why}");

    let done = store
        .write(|w| grant_to_members(w, &id, &listed))
        .expect("grant");
    assert_eq!(done, preview);
    let granted = |m: &MemberId| {
        count(
            store.conn(),
            &format!(
                "SELECT count(*) FROM perk_grants WHERE perk_id = '{id}' AND member_id = '{}'",
                m.as_str()
            ),
        )
    };
    assert_eq!(granted(&champion), 1);
    assert_eq!(granted(&advocate), 0);
    assert_eq!(granted(&newcomer), 0);
    assert_eq!(granted(&outsider), 0);
    assert_eq!(count(store.conn(), "SELECT count(*) FROM perk_grants"), 2);
}

#[test]
fn an_unknown_member_in_the_list_is_refused_and_nothing_is_granted() {
    let (_dir, mut store) = new_store();
    let member = add_member(&mut store, &named("Member"));
    let id = store
        .write(|w| create_perk(w, &perk(None, Vec::new())))
        .expect("perk");
    let listed = vec![member.as_str().to_owned(), "ghost".to_owned()];
    match store.write(|w| grant_to_members(w, &id, &listed)) {
        Err(CoreError::InvalidInput(m)) => {
            assert_eq!(m.to_string(), "\"ghost\" is not a member of this community");
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert_eq!(count(store.conn(), "SELECT count(*) FROM perk_grants"), 0);
}
