//! Campaigns on a hand-built community with known answers: the form's checks, the roster,
//! codes and link tags, and first-level attribution (code, link, referrer, manual), each member
//! counted once per campaign.

mod common;

use common::{add_member, count, days_ago, identity, named, new_store, now_ms};
use kizuna_core::campaigns::{
    AttributionVia, CampaignInput, CampaignKind, CampaignStatus, CodeKind, InfluencerStatus,
    InfluencerTerms, ShortlistFilters, add_campaign, add_code, add_influencer, attribute_by_code,
    attribute_by_link, attribute_manually, attribute_referrals, attributions, campaign_detail,
    list_campaigns, shortlist, update_campaign,
};
use kizuna_core::ids::MemberId;
use kizuna_core::members::{InfluencerTier, NewMember};
use kizuna_core::referrals::{ReferralChannel, record_referral};
use kizuna_core::{CoreError, Store};

const DAY: i64 = 86_400_000;

fn input(name: &str) -> CampaignInput {
    CampaignInput {
        name: name.to_owned(),
        kind: CampaignKind::Influencer,
        status: None,
        starts_at: days_ago(60),
        ends_at: Some(days_ago(30)),
        currency: "JPY".to_owned(),
        budget: "¥300,000".to_owned(),
        actual_spend: "120000".to_owned(),
        goal_metric: Some("new_members".to_owned()),
        goal_target: Some(50),
        owner: Some("Aoi".to_owned()),
        description: None,
    }
}

fn message(err: CoreError) -> String {
    match err {
        CoreError::InvalidInput(m) => m.to_string(),
        other => panic!("expected a specific input error, got {other:?}"),
    }
}

fn terms(identity: Option<String>, fee: &str) -> InfluencerTerms {
    InfluencerTerms {
        identity_id: identity,
        fee: fee.to_owned(),
        status: InfluencerStatus::Contracted,
        notes: None,
    }
}

fn influencer_member(store: &mut Store, name: &str, handle: &str, followers: i64) -> MemberId {
    add_member(
        store,
        &NewMember {
            identities: vec![identity("instagram", handle, Some(followers))],
            joined_at: Some(days_ago(400)),
            ..named(name)
        },
    )
}

fn identity_of(store: &Store, member: &MemberId) -> String {
    store
        .conn()
        .query_row(
            "SELECT id FROM identities WHERE member_id = ?1",
            [member.as_str()],
            |r| r.get(0),
        )
        .expect("identity")
}

#[test]
fn a_campaign_form_is_checked_field_by_field_and_nothing_is_half_saved() {
    let (_dir, mut store) = new_store();
    let mut backwards = input("Backwards");
    backwards.ends_at = Some(days_ago(90));
    let err = store
        .write(|w| add_campaign(w, &backwards))
        .expect_err("refused");
    assert!(message(err).contains("ends before it starts"));

    let mut negative = input("Negative");
    negative.budget = "-5,000".to_owned();
    let err = message(
        store
            .write(|w| add_campaign(w, &negative))
            .expect_err("refused"),
    );
    assert!(
        err.starts_with("budget:") && err.contains("negative"),
        "{err}"
    );

    let mut garbage = input("Garbage");
    garbage.actual_spend = "lots".to_owned();
    let err = message(
        store
            .write(|w| add_campaign(w, &garbage))
            .expect_err("refused"),
    );
    assert!(err.starts_with("actual spend:"), "{err}");

    let mut goal = input("Goal");
    goal.goal_metric = Some("activities:no_such_type".to_owned());
    let err = message(
        store
            .write(|w| add_campaign(w, &goal))
            .expect_err("refused"),
    );
    assert!(err.contains("no_such_type"), "{err}");
    assert_eq!(count(store.conn(), "SELECT count(*) FROM campaigns"), 0);

    let id = store
        .write(|w| add_campaign(w, &input("Spring")))
        .expect("valid");
    let rows = list_campaigns(store.conn(), now_ms()).expect("list");
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].status, CampaignStatus::Done, "its window is over");
    assert_eq!(rows[0].budget_minor, Some(300_000));
    assert_eq!(rows[0].actual_spend_minor, Some(120_000));
    assert_eq!(rows[0].owner.as_deref(), Some("Aoi"));

    let mut edited = input("Spring (extended)");
    edited.ends_at = None;
    edited.status = Some(CampaignStatus::Cancelled);
    store
        .write(|w| update_campaign(w, id.as_str(), &edited))
        .expect("edit");
    let row = &list_campaigns(store.conn(), now_ms()).expect("list")[0];
    assert_eq!(row.name, "Spring (extended)");
    assert_eq!(row.status, CampaignStatus::Cancelled);
}

#[test]
fn the_roster_takes_members_through_their_own_accounts_only() {
    let (_dir, mut store) = new_store();
    let campaign = store
        .write(|w| add_campaign(w, &input("Spring")))
        .expect("campaign");
    let c = campaign.as_str();
    let hana = influencer_member(&mut store, "Hana", "hana_brews", 12_000);
    let ken = influencer_member(&mut store, "Ken", "ken_roasts", 3_000);
    let kens_account = identity_of(&store, &ken);

    let err = store
        .write(|w| add_influencer(w, c, hana.as_str(), &terms(Some(kens_account.clone()), "")))
        .expect_err("refused");
    assert!(message(err).contains("belongs to someone else"));
    let err = store
        .write(|w| add_influencer(w, c, hana.as_str(), &terms(None, "-10000")))
        .expect_err("refused");
    let err = message(err);
    assert!(err.starts_with("fee:") && err.contains("negative"), "{err}");
    let err = store
        .write(|w| add_influencer(w, c, "no-such-member", &terms(None, "")))
        .expect_err("refused");
    assert!(message(err).contains("is not a member"));
    let gone = add_member(&mut store, &named("Gone"));
    store
        .conn()
        .execute(
            "UPDATE members SET deleted_at = 1 WHERE id = ?1",
            [gone.as_str()],
        )
        .expect("soft delete");
    let err = store
        .write(|w| add_influencer(w, c, gone.as_str(), &terms(None, "")))
        .expect_err("refused");
    assert!(message(err).contains("Gone is not a member"));

    let hanas_account = identity_of(&store, &hana);
    store
        .write(|w| add_influencer(w, c, hana.as_str(), &terms(Some(hanas_account), "¥50,000")))
        .expect("Hana");
    store
        .write(|w| add_influencer(w, c, ken.as_str(), &terms(Some(kens_account), "20000")))
        .expect("Ken");
    let detail = campaign_detail(store.conn(), c, now_ms()).expect("detail");
    let names: Vec<&str> = detail
        .roster
        .iter()
        .map(|r| r.display_name.as_str())
        .collect();
    assert_eq!(names, ["Hana", "Ken"], "most followers first");
    assert_eq!(detail.roster[0].tier, Some(InfluencerTier::Micro));
    assert_eq!(detail.roster[1].tier, Some(InfluencerTier::Nano));
    assert_eq!(detail.campaign.fees_minor, 70_000);
}

#[test]
fn codes_are_folded_and_unique_across_campaigns() {
    let (_dir, mut store) = new_store();
    let spring = store
        .write(|w| add_campaign(w, &input("Spring")))
        .expect("campaign");
    let autumn = store
        .write(|w| add_campaign(w, &input("Autumn")))
        .expect("campaign");
    store
        .write(|w| add_code(w, spring.as_str(), CodeKind::Code, " hana10 ", None))
        .expect("code");
    store
        .write(|w| add_code(w, spring.as_str(), CodeKind::Link, "Spring-Blend", None))
        .expect("link");
    let err = store
        .write(|w| add_code(w, autumn.as_str(), CodeKind::Code, "HANA10", None))
        .expect_err("refused");
    assert!(message(err).contains("already used by the campaign \"Spring\""));
    let codes = kizuna_core::campaigns::codes(store.conn(), spring.as_str()).expect("codes");
    let shown: Vec<&str> = codes.iter().map(|c| c.code.as_str()).collect();
    assert_eq!(shown, ["HANA10", "spring-blend"]);
}

/// Spring: Hana (code HANA10) and Ken (who referred two people, one after the window).
#[test]
fn members_are_attributed_by_code_link_referrer_and_hand_once_per_campaign() {
    let (_dir, mut store) = new_store();
    let spring = store
        .write(|w| add_campaign(w, &input("Spring")))
        .expect("campaign");
    let c = spring.as_str();
    let hana = influencer_member(&mut store, "Hana", "hana_brews", 12_000);
    let ken = influencer_member(&mut store, "Ken", "ken_roasts", 3_000);
    let hana_row = store
        .write(|w| add_influencer(w, c, hana.as_str(), &terms(None, "")))
        .expect("Hana");
    store
        .write(|w| add_influencer(w, c, ken.as_str(), &terms(None, "")))
        .expect("Ken");
    store
        .write(|w| add_code(w, c, CodeKind::Code, "HANA10", Some(&hana_row)))
        .expect("code");
    store
        .write(|w| add_code(w, c, CodeKind::Link, "spring", None))
        .expect("link");
    let [a, b, r1, r2, m] =
        ["Aya", "Bo", "Ren", "Rio", "Mei"].map(|n| add_member(&mut store, &named(n)));
    for (referred, at) in [(&r1, days_ago(45)), (&r2, days_ago(10))] {
        store
            .write(|w| record_referral(w, &ken, referred, ReferralChannel::Social, at, None, None))
            .expect("referral");
    }

    let first = store
        .write(|w| attribute_by_code(w, a.as_str(), "hana10", days_ago(50)))
        .expect("by code");
    assert_eq!(first.via, AttributionVia::Code);
    assert_eq!(first.code.as_deref(), Some("HANA10"));
    let again = store
        .write(|w| attribute_by_link(w, a.as_str(), "SPRING", days_ago(40)))
        .expect("a second attribution is no error");
    assert_eq!(again, first, "the first attribution stands");
    store
        .write(|w| attribute_by_link(w, b.as_str(), "Spring", days_ago(40)))
        .expect("by link");
    let added = store
        .write(|w| attribute_referrals(w, c))
        .expect("referrals");
    assert_eq!(added, 1, "Rio was referred after the window");
    assert_eq!(
        store.write(|w| attribute_referrals(w, c)).expect("again"),
        0
    );
    store
        .write(|w| attribute_manually(w, c, m.as_str(), days_ago(35)))
        .expect("by hand");

    let err = store
        .write(|w| attribute_by_code(w, m.as_str(), "NOPE", now_ms()))
        .expect_err("refused");
    assert_eq!(
        message(err),
        "there is no campaign with the referral code \"NOPE\""
    );

    let rows = attributions(store.conn(), c).expect("attributions");
    let got: Vec<(&str, AttributionVia)> = rows
        .iter()
        .map(|r| (r.display_name.as_str(), r.via))
        .collect();
    assert_eq!(
        got,
        [
            ("Aya", AttributionVia::Code),
            ("Ren", AttributionVia::Referrer),
            ("Bo", AttributionVia::Link),
            ("Mei", AttributionVia::Manual),
        ]
    );
    assert_eq!(rows[1].referrer_id.as_deref(), Some(ken.as_str()));
    let detail = campaign_detail(store.conn(), c, now_ms()).expect("detail");
    assert_eq!(detail.campaign.members_brought, 4);
    let brought: Vec<(&str, i64)> = detail
        .roster
        .iter()
        .map(|r| (r.display_name.as_str(), r.members_brought))
        .collect();
    assert_eq!(brought, [("Hana", 1), ("Ken", 1)]);
    assert_eq!(
        count(
            store.conn(),
            "SELECT count(*) FROM audit_log WHERE action = 'campaign.attribute'"
        ),
        1
    );
    // Brought so far: at a "now" before Bo and Mei came, Aya and Ren.
    let earlier = list_campaigns(store.conn(), days_ago(41)).expect("list");
    assert_eq!(earlier[0].members_brought, 2);
}

#[test]
fn the_shortlist_puts_past_results_first_then_followers() {
    let (_dir, mut store) = new_store();
    let past = store
        .write(|w| add_campaign(w, &input("Past")))
        .expect("campaign");
    let mut next_input = input("Next");
    next_input.starts_at = now_ms() + DAY;
    next_input.ends_at = None;
    let next = store
        .write(|w| add_campaign(w, &next_input))
        .expect("campaign");
    let big = influencer_member(&mut store, "Big", "big", 80_000);
    let proven = influencer_member(&mut store, "Proven", "proven", 2_000);
    influencer_member(&mut store, "Tiny", "tiny", 500);
    let row = store
        .write(|w| add_influencer(w, past.as_str(), proven.as_str(), &terms(None, "")))
        .expect("roster");
    store
        .write(|w| add_code(w, past.as_str(), CodeKind::Code, "PROVEN", Some(&row)))
        .expect("code");
    let fan = add_member(&mut store, &named("Fan"));
    store
        .write(|w| attribute_by_code(w, fan.as_str(), "PROVEN", days_ago(40)))
        .expect("attributed");

    let all = shortlist(store.conn(), next.as_str(), &ShortlistFilters::default()).expect("list");
    let got: Vec<(&str, i64)> = all
        .iter()
        .map(|c| (c.display_name.as_str(), c.past_members_brought))
        .collect();
    assert_eq!(
        got,
        [("Proven", 1), ("Big", 0)],
        "under 1k followers is no influencer"
    );
    let micro = ShortlistFilters {
        tiers: vec![InfluencerTier::Micro],
        ..ShortlistFilters::default()
    };
    let got = shortlist(store.conn(), next.as_str(), &micro).expect("micro");
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].member_id, big.as_str());
}

mod property {
    use super::*;
    use proptest::prelude::*;

    #[derive(Debug, Clone)]
    enum Call {
        Code(usize, usize),
        Link(usize, usize),
        Manual(usize, usize),
        Referrals(usize),
    }

    fn call() -> impl Strategy<Value = Call> {
        prop_oneof![
            (0..6usize, 0..2usize).prop_map(|(m, c)| Call::Code(m, c)),
            (0..6usize, 0..2usize).prop_map(|(m, c)| Call::Link(m, c)),
            (0..6usize, 0..2usize).prop_map(|(m, c)| Call::Manual(m, c)),
            (0..2usize).prop_map(Call::Referrals),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]
        #[test]
        fn every_member_is_counted_once_per_campaign(calls in proptest::collection::vec(call(), 1..25)) {
            let (_dir, mut store) = new_store();
            let campaigns: Vec<String> = ["One", "Two"]
                .iter()
                .map(|n| store.write(|w| add_campaign(w, &input(n))).expect("campaign").0)
                .collect();
            let referrer = influencer_member(&mut store, "Ken", "ken", 3_000);
            let members: Vec<MemberId> =
                (0..6).map(|i| add_member(&mut store, &named(&format!("M{i}")))).collect();
            for (i, c) in campaigns.iter().enumerate() {
                store.write(|w| add_influencer(w, c, referrer.as_str(), &terms(None, ""))).expect("roster");
                store.write(|w| add_code(w, c, CodeKind::Code, &format!("CODE{i}"), None)).expect("code");
                store.write(|w| add_code(w, c, CodeKind::Link, &format!("tag{i}"), None)).expect("tag");
            }
            for m in &members[..3] {
                store.write(|w| record_referral(w, &referrer, m, ReferralChannel::Other, days_ago(45), None, None)).expect("referral");
            }
            for call in calls {
                store.write(|w| match &call {
                    Call::Code(m, c) => attribute_by_code(w, members[*m].as_str(), &format!("code{c}"), days_ago(40)).map(drop),
                    Call::Link(m, c) => attribute_by_link(w, members[*m].as_str(), &format!("TAG{c}"), days_ago(40)).map(drop),
                    Call::Manual(m, c) => attribute_manually(w, &campaigns[*c], members[*m].as_str(), days_ago(40)).map(drop),
                    Call::Referrals(c) => attribute_referrals(w, &campaigns[*c]).map(drop),
                }).expect("attribution");
            }
            let twice = count(store.conn(), "SELECT count(*) FROM (SELECT 1 FROM campaign_attributions GROUP BY campaign_id, member_id HAVING count(*) > 1)");
            prop_assert_eq!(twice, 0);
            for c in &campaigns {
                let listed = attributions(store.conn(), c).expect("rows");
                let brought = campaign_detail(store.conn(), c, now_ms()).expect("detail").campaign.members_brought;
                prop_assert_eq!(listed.len() as i64, brought);
            }
        }
    }
}
