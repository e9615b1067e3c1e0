//! Influencer tiers: editable, validated thresholds (a synced setting) and the influencer list.

mod common;

use common::{add_member, count, identity, named, new_store};
use kizuna_core::influencers::{
    InfluencerThresholds, influencer_thresholds, influencers, parse_tier, set_influencer_thresholds,
};
use kizuna_core::members::{InfluencerTier, NewMember, list_members, member_detail};
use kizuna_core::{CoreError, Store};

fn influencer(store: &mut Store, name: &str, accounts: &[(&str, i64)]) {
    add_member(
        store,
        &NewMember {
            identities: accounts
                .iter()
                .map(|(platform, followers)| {
                    identity(platform, &format!("{name}_{platform}"), Some(*followers))
                })
                .collect(),
            ..named(name)
        },
    );
}

fn listed(store: &Store, tier: Option<InfluencerTier>, platform: Option<&str>) -> Vec<String> {
    influencers(store.conn(), tier, platform, 50)
        .expect("list influencers")
        .into_iter()
        .map(|r| r.display_name)
        .collect()
}

fn thresholds(nano: i64, micro: i64, mid: i64, macro_min: i64) -> InfluencerThresholds {
    InfluencerThresholds {
        nano_min: nano,
        micro_min: micro,
        mid_min: mid,
        macro_min,
    }
}

#[test]
fn default_thresholds_agree_with_the_fixed_tiers() {
    let (_dir, store) = new_store();
    let defaults = influencer_thresholds(store.conn()).expect("read");
    assert_eq!(defaults, thresholds(1_000, 10_000, 100_000, 1_000_000));
    for followers in [
        0, 999, 1_000, 9_999, 10_000, 99_999, 100_000, 999_999, 1_000_000,
    ] {
        assert_eq!(
            defaults.tier(followers),
            InfluencerTier::from_followers(followers),
            "{followers} followers"
        );
    }
}

#[test]
fn thresholds_must_be_positive_and_strictly_increasing() {
    let (_dir, mut store) = new_store();
    let before = count(store.conn(), "SELECT count(*) FROM change_log");
    for (bad, expected) in [
        (
            thresholds(0, 10_000, 100_000, 1_000_000),
            "the nano threshold must be at least 1 follower",
        ),
        (
            thresholds(1_000, -5, 100_000, 1_000_000),
            "the micro threshold must be at least 1 follower (got -5)",
        ),
        (
            thresholds(1_000, 10_000, 10_000, 1_000_000),
            "the mid threshold (10000) must be above the micro threshold (10000)",
        ),
        (
            thresholds(1_000, 10_000, 100_000, 50_000),
            "the macro threshold (50000) must be above the mid threshold (100000)",
        ),
    ] {
        let err = store
            .write(|w| set_influencer_thresholds(w, &bad))
            .expect_err("invalid thresholds");
        match err {
            CoreError::InvalidInput(message) => {
                assert!(message.to_string().contains(expected), "{message}")
            }
            other => panic!("expected InvalidInput, got {other:?}"),
        }
    }
    assert_eq!(
        influencer_thresholds(store.conn()).expect("read"),
        InfluencerThresholds::default(),
        "nothing was saved"
    );
    assert_eq!(
        count(store.conn(), "SELECT count(*) FROM change_log"),
        before
    );
}

#[test]
fn editing_thresholds_moves_members_between_tiers_and_syncs() {
    let (_dir, mut store) = new_store();
    influencer(&mut store, "Aya", &[("instagram", 5_000)]);
    influencer(&mut store, "Kenji", &[("youtube", 50_000)]);
    influencer(&mut store, "Mia", &[("tiktok", 500_000)]);
    influencer(&mut store, "Sora", &[("x", 600)]);
    assert_eq!(listed(&store, Some(InfluencerTier::Micro), None), ["Kenji"]);
    assert_eq!(listed(&store, None, None), ["Mia", "Kenji", "Aya"]);

    store
        .write(|w| set_influencer_thresholds(w, &thresholds(500, 5_000, 50_000, 500_000)))
        .expect("save thresholds");

    let tiers: Vec<(String, InfluencerTier)> = influencers(store.conn(), None, None, 10)
        .expect("list")
        .into_iter()
        .map(|r| (r.display_name, r.tier))
        .collect();
    let expected = [
        ("Mia", InfluencerTier::Macro),
        ("Kenji", InfluencerTier::Mid),
        ("Aya", InfluencerTier::Micro),
        ("Sora", InfluencerTier::Nano),
    ];
    assert_eq!(
        tiers,
        expected.map(|(n, t)| (n.to_owned(), t)).to_vec(),
        "Sora became a nano influencer"
    );
    assert_eq!(listed(&store, Some(InfluencerTier::Micro), None), ["Aya"]);
    let page = list_members(store.conn(), "Sora", 0, 10).expect("members list");
    assert_eq!(
        page.rows[0].tier,
        Some(InfluencerTier::Nano),
        "the Members list agrees"
    );
    let detail = member_detail(store.conn(), &page.rows[0].id).expect("member 360");
    assert_eq!(
        detail.identities[0].tier,
        Some(InfluencerTier::Nano),
        "so does the 360"
    );
    assert_eq!(
        count(
            store.conn(),
            "SELECT count(*) FROM change_log WHERE tbl = 'settings'
             AND pk = 'influencers.tier_thresholds'"
        ),
        2,
        "the thresholds are a synced setting"
    );
}

#[test]
fn influencers_are_ranked_by_their_most_followed_account_or_one_platform() {
    let (_dir, mut store) = new_store();
    influencer(&mut store, "Aya", &[("instagram", 5_000), ("x", 40_000)]);
    influencer(&mut store, "Kenji", &[("instagram", 20_000)]);
    influencer(&mut store, "Ren", &[("instagram", 3_000)]);

    let all = influencers(store.conn(), None, None, 10).expect("list");
    assert_eq!(
        all.iter()
            .map(|r| (r.display_name.as_str(), r.platform.as_str(), r.followers))
            .collect::<Vec<_>>(),
        [
            ("Aya", "x", 40_000),
            ("Kenji", "instagram", 20_000),
            ("Ren", "instagram", 3_000)
        ]
    );
    assert_eq!(
        listed(&store, None, Some("Instagram")),
        ["Kenji", "Aya", "Ren"]
    );
    assert_eq!(
        listed(&store, Some(InfluencerTier::Nano), Some("instagram")),
        ["Aya", "Ren"]
    );
    assert_eq!(listed(&store, Some(InfluencerTier::Nano), None), ["Ren"]);
    assert_eq!(
        influencers(store.conn(), None, None, 1).expect("one").len(),
        1
    );
}

#[test]
fn tier_names_are_read_case_insensitively_and_unknown_ones_refused() {
    assert_eq!(parse_tier("Micro").expect("micro"), InfluencerTier::Micro);
    assert_eq!(parse_tier("macro").expect("macro"), InfluencerTier::Macro);
    let err = parse_tier("mega").expect_err("unknown");
    assert!(
        matches!(&err, CoreError::InvalidInput(m) if m.to_string().contains("\"mega\" is not an influencer tier")),
        "{err:?}"
    );
}
