//! The member page's referral card and the advocates board with levels.

mod common;

use common::{add_member, days_ago, named, new_store, now, now_ms};
use kizuna_core::Store;
use kizuna_core::engagement::{RecomputeMode, recompute};
use kizuna_core::ids::MemberId;
use kizuna_core::members::delete_member;
use kizuna_core::referrals::{
    ReferralChannel, advocate_board, member_referrals, record_referral, top_advocates,
};

fn refer(store: &mut Store, referrer: &MemberId, referred: &MemberId, channel: ReferralChannel) {
    store
        .write(|w| record_referral(w, referrer, referred, channel, days_ago(2), None, None))
        .expect("refer");
}

#[test]
fn the_card_names_the_referrer_and_shows_reach_and_a_depth_limited_tree() {
    let (_dir, mut store) = new_store();
    let [a, b, c, d] = ["Aoi", "Ben", "Chika", "Dan"].map(|n| add_member(&mut store, &named(n)));
    refer(&mut store, &a, &b, ReferralChannel::Social);
    refer(&mut store, &b, &c, ReferralChannel::InPerson);
    refer(&mut store, &c, &d, ReferralChannel::Link);

    let card = member_referrals(store.conn(), &b, 1).expect("card");
    let by = card.referred_by.expect("referred");
    assert_eq!(by.referrer_name, "Aoi");
    assert_eq!(by.referral.channel, ReferralChannel::Social);
    assert!(!by.referrer_deleted);
    assert_eq!((card.reach.direct, card.reach.total), (1, 2));
    assert_eq!(card.tree.children.len(), 1);
    assert_eq!(card.tree.children[0].display_name, "Chika");
    assert!(
        card.tree.children[0].children.is_empty(),
        "depth 1 stops at Chika"
    );

    let top = member_referrals(store.conn(), &a, 5).expect("card");
    assert!(top.referred_by.is_none());
    assert_eq!(top.reach.total, 3);

    store.write(|w| delete_member(w, &a)).expect("delete");
    let after = member_referrals(store.conn(), &b, 1).expect("card");
    assert!(after.referred_by.expect("still referred").referrer_deleted);
}

#[test]
fn the_board_ranks_like_top_advocates_and_adds_each_level() {
    let (_dir, mut store) = new_store();
    let [a, b, c, d] = ["Aoi", "Ben", "Chika", "Dan"].map(|n| add_member(&mut store, &named(n)));
    refer(&mut store, &a, &b, ReferralChannel::Code);
    refer(&mut store, &a, &c, ReferralChannel::Code);
    refer(&mut store, &d, &a, ReferralChannel::Event);
    store
        .write(|w| recompute(w, now_ms(), RecomputeMode::Full))
        .expect("scores");

    let board = advocate_board(store.conn(), now_ms(), 10, None).expect("board");
    let plain = top_advocates(store.conn(), now(), 10, None).expect("advocates");
    let ids: Vec<&str> = board.iter().map(|r| r.member_id.as_str()).collect();
    let plain_ids: Vec<&str> = plain.iter().map(|r| r.member_id.as_str()).collect();
    assert_eq!(ids, plain_ids);
    assert_eq!(board[0].member_id, d.as_str());
    assert_eq!((board[0].direct, board[0].total), (1, 3));
    assert!(
        board.iter().all(|r| r.level.is_some()),
        "every advocate is scored"
    );
}
