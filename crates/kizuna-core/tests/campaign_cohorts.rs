//! Campaign cohorts followed at 30/90/180/365 days, and campaigns compared side by side: known
//! answers on a hand-built community, and equality with an independent reference query.

mod common;
#[path = "campaign_cohorts/community.rs"]
mod community;
#[path = "campaign_cohorts/reference.rs"]
mod reference;

use std::collections::BTreeMap;

use common::{new_store, now_ms};
use kizuna_core::campaigns::{
    COHORT_WINDOWS, COMPARE_CSV_HEADER, CampaignCohort, Caveat, CohortWindow, CostBasis,
    all_campaign_ids, campaign_cohort, compare, compare_csv,
};
use kizuna_core::community::create_sample;
use kizuna_core::engagement::LevelCount;
use kizuna_core::sample::SampleSpec;
use reference::{Expected, expected};
use rusqlite::Connection;

fn ranks(levels: &[LevelCount]) -> BTreeMap<i64, i64> {
    levels
        .iter()
        .filter(|l| l.members > 0)
        .map(|l| (l.level.rank, i64::from(l.members)))
        .collect()
}

fn figures(w: &CohortWindow) -> Expected {
    Expected {
        mature: w.mature.into(),
        active: w.active.into(),
        attended_any: w.attended_any.into(),
        events_attended: w.events_attended.into(),
        second: w.second_generation.into(),
        third: w.third_generation.into(),
        ranks: ranks(&w.levels),
    }
}

/// Asserts every window of `campaign` equals the reference query; returns the cohort.
fn matches_reference(conn: &Connection, campaign: &str, now: i64) -> CampaignCohort {
    let cohort = campaign_cohort(conn, campaign, now).expect("cohort");
    assert_eq!(cohort.windows.len(), COHORT_WINDOWS.len());
    for (window, days) in cohort.windows.iter().zip(COHORT_WINDOWS) {
        assert_eq!(window.days, days);
        assert_eq!(
            figures(window),
            expected(conn, campaign, days.into(), now),
            "campaign {campaign}, {days} days"
        );
    }
    cohort
}

#[test]
fn cohort_windows_follow_each_member_from_their_own_attribution() {
    let (_dir, mut store) = new_store();
    let c = community::build(&mut store);
    let cohort = matches_reference(store.conn(), &c.a, now_ms());
    assert_eq!(cohort.members, 15);
    let [w30, w90, w180, w365] = [0, 1, 2, 3].map(|k| &cohort.windows[k]);
    // The three recent members count at 30 and 90 days only.
    assert_eq!(
        [w30.mature, w90.mature, w180.mature, w365.mature],
        [15, 15, 12, 12]
    );
    assert_eq!(
        [w30.active, w90.active, w180.active, w365.active],
        [7, 4, 1, 1]
    );
    assert_eq!(w30.active_share, Some(7.0 / 15.0));
    assert_eq!(w365.active_share, Some(1.0 / 12.0));
    assert!(cohort.windows.iter().all(|w| !w.too_young));
    // o0 reached Participant at +20 days and Contributor at +200; o1 Participant at +100.
    assert_eq!(ranks(&w30.levels), BTreeMap::from([(1, 14), (2, 1)]));
    assert_eq!(ranks(&w180.levels), BTreeMap::from([(1, 10), (2, 2)]));
    assert_eq!(
        ranks(&w365.levels),
        BTreeMap::from([(1, 10), (2, 1), (3, 1)])
    );
    // Attended events count once started; a "going" registration is not attendance.
    assert_eq!((w180.attended_any, w180.events_attended), (1, 1));
    assert_eq!((w365.attended_any, w365.events_attended), (2, 3));
    assert_eq!(cohort.today.active, 1);
    assert_eq!(
        ranks(&cohort.today.levels),
        BTreeMap::from([(1, 13), (2, 1), (3, 1)])
    );
}

#[test]
fn word_of_mouth_counts_second_and_third_generation_once_they_joined() {
    let (_dir, mut store) = new_store();
    let c = community::build(&mut store);
    let cohort = campaign_cohort(store.conn(), &c.a, now_ms()).expect("cohort");
    let generations: Vec<(u32, u32)> = cohort
        .windows
        .iter()
        .map(|w| (w.second_generation, w.third_generation))
        .collect();
    // Yui joined at +50 days, Zen (Yui's referral) at +100; r0, brought by o1, is in the
    // cohort itself, and Dai was deleted: neither is word of mouth.
    assert_eq!(generations, [(0, 0), (1, 0), (1, 1), (1, 1)]);
    assert_eq!(
        (
            cohort.today.second_generation,
            cohort.today.third_generation
        ),
        (1, 1)
    );
    assert_eq!(c.old.len() + c.recent.len(), 15);
}

#[test]
fn a_small_or_unripe_cohort_is_too_young_to_judge() {
    let (_dir, mut store) = new_store();
    let c = community::build(&mut store);
    let young = matches_reference(store.conn(), &c.b, now_ms());
    let windows: Vec<(u32, bool, Option<f64>)> = young
        .windows
        .iter()
        .map(|w| (w.mature, w.too_young, w.active_share))
        .collect();
    assert_eq!(
        windows,
        [
            (5, true, Some(0.2)),
            (5, true, Some(0.0)),
            (5, true, Some(0.0)),
            (0, true, None)
        ]
    );
    let empty = matches_reference(store.conn(), &c.c, now_ms());
    assert_eq!(empty.members, 0);
    assert!(
        empty
            .windows
            .iter()
            .all(|w| w.too_young && w.active_share.is_none())
    );
}

#[test]
fn an_unknown_campaign_is_not_found() {
    let (_dir, store) = new_store();
    let err = campaign_cohort(store.conn(), "nope", now_ms()).expect_err("unknown");
    assert_eq!(err.to_string(), "campaign nope was not found");
    let ids = ["nope".to_owned()];
    assert!(compare(store.conn(), &ids, now_ms()).is_err());
}

#[test]
fn comparison_shows_cost_per_member_and_keeps_currencies_apart() {
    let (_dir, mut store) = new_store();
    let c = community::build(&mut store);
    let ids = [c.a.clone(), c.b.clone(), c.c.clone(), c.a.clone()];
    let cmp = compare(store.conn(), &ids, now_ms()).expect("compare");
    let names: Vec<&str> = cmp
        .campaigns
        .iter()
        .map(|r| r.campaign_id.as_str())
        .collect();
    assert_eq!(names, [c.a.as_str(), c.b.as_str(), c.c.as_str()]);

    let a = &cmp.campaigns[0];
    // Spend ¥240,000 (the budget is ignored once spend is known) + ¥60,000 of fees; the
    // declined influencer's fee is not a cost.
    assert_eq!(
        (a.cost_minor, a.cost_basis, a.fees_minor),
        (Some(300_000), CostBasis::Actual, 60_000)
    );
    assert_eq!(a.cost_per_member_minor, Some(20_000));
    assert_eq!(
        (a.active_at_90, a.cost_per_active_90_minor),
        (4, Some(75_000))
    );
    let shares: Vec<Option<f64>> = a.retention.iter().map(|p| p.share).collect();
    assert_eq!(
        shares,
        [
            Some(7.0 / 15.0),
            Some(4.0 / 15.0),
            Some(1.0 / 12.0),
            Some(1.0 / 12.0)
        ]
    );
    assert_eq!((a.second_generation, a.third_generation), (1, 1));
    assert!(a.caveats.is_empty());

    let b = &cmp.campaigns[1];
    assert_eq!((b.cost_minor, b.cost_basis), (None, CostBasis::None));
    assert_eq!(b.cost_per_active_90_minor, None);
    assert_eq!(
        b.caveats,
        [
            Caveat::TooYoung {
                days: 30,
                mature: 5
            },
            Caveat::TooYoung {
                days: 90,
                mature: 5
            },
            Caveat::TooYoung {
                days: 180,
                mature: 5
            },
            Caveat::TooYoung {
                days: 365,
                mature: 0
            },
            Caveat::NoCost,
        ]
    );

    let usd = &cmp.campaigns[2];
    assert_eq!(
        (usd.cost_minor, usd.cost_basis),
        (Some(10_000), CostBasis::Budget)
    );
    assert_eq!(usd.cost_per_member_minor, None);
    assert_eq!(usd.caveats, [Caveat::NoMembers]);
    let totals: Vec<(&str, i64, u32, Option<i64>)> = cmp
        .totals
        .iter()
        .map(|t| {
            (
                t.currency.as_str(),
                t.cost_minor,
                t.members,
                t.cost_per_member_minor,
            )
        })
        .collect();
    assert_eq!(
        totals,
        [("JPY", 300_000, 15, Some(20_000)), ("USD", 10_000, 0, None)]
    );

    let all = compare(store.conn(), &[], now_ms()).expect("compare all");
    assert_eq!(all.campaigns.len(), 3);
}

#[test]
fn comparison_csv_has_one_row_per_campaign_with_its_id_first() {
    let (_dir, mut store) = new_store();
    let c = community::build(&mut store);
    let mut out = Vec::new();
    let ids = [c.a.clone(), c.b.clone(), c.c.clone()];
    let written = compare_csv(store.conn(), &ids, now_ms(), &mut out).expect("csv");
    assert_eq!(written, 3);
    let text = String::from_utf8(out).expect("utf-8");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], COMPARE_CSV_HEADER.join(","));
    assert_eq!(
        lines[0],
        "campaign_id,name,kind,status,starts,ends,currency,cost,cost_basis,fees,members,\
         cost_per_member,active_at_90,cost_per_active_at_90,retention_30,retention_90,\
         retention_180,retention_365,second_generation,third_generation,level_mix,caveats"
    );
    assert_eq!(
        lines[1],
        "campaign-a,Spring influencers,influencer,running,2025-09-29,,JPY,300000,actual,60000,\
         15,20000,4,75000,0.467,0.267,0.083,0.083,1,1,\
         Newcomer=13;Participant=1;Contributor=1;Advocate=0;Champion=0,"
    );
    // Too-young retention is left blank (B's 20% at 30 days is five members), never zero.
    assert_eq!(
        lines[2],
        "campaign-b,Newsletter,influencer,running,2025-09-29,,,,none,0,5,,0,,,,,,0,0,\
         Newcomer=5;Participant=0;Contributor=0;Advocate=0;Champion=0,\
         too young at 30 days (5 members); too young at 90 days (5 members); \
         too young at 180 days (5 members); too young at 365 days (0 members); no cost recorded"
    );
    // Dollars are written with cents.
    assert_eq!(
        lines[3],
        "campaign-c,US launch,influencer,running,2025-09-29,,USD,100.00,budget,0.00,0,,0,,,,,,\
         0,0,Newcomer=0;Participant=0;Contributor=0;Advocate=0;Champion=0,no members brought yet"
    );
}

#[test]
fn cohort_figures_equal_the_reference_on_the_sample_community() {
    let (_dir, path) = common::temp_path();
    let (store, _) = create_sample(
        &path,
        &SampleSpec::with_members(1_500),
        common::fixed_clock(),
    )
    .expect("sample");
    let conn = store.conn();
    let campaigns = all_campaign_ids(conn).expect("campaigns");
    // Today, and a year and a half on, when every window of every member has passed.
    for now in [now_ms(), now_ms() + 540 * community::DAY] {
        let (mut members, mut judged, mut word_of_mouth) = (0, 0, 0);
        for id in &campaigns {
            let cohort = matches_reference(conn, id, now);
            members += cohort.members;
            judged += cohort.windows.iter().filter(|w| !w.too_young).count();
            word_of_mouth += cohort.today.second_generation;
        }
        assert!(members > 50, "the sample attributes members ({members})");
        assert!(judged > 0, "some window can be judged");
        assert!(word_of_mouth > 0, "some word of mouth");
    }
}

#[test]
fn comparing_many_campaigns_at_once_gives_each_its_own_cohort_in_order() {
    let (_dir, path) = common::temp_path();
    let (store, _) = create_sample(
        &path,
        &SampleSpec::with_members(1_500),
        common::fixed_clock(),
    )
    .expect("sample");
    let conn = store.conn();
    let mut ids = all_campaign_ids(conn).expect("campaigns");
    ids.reverse();
    assert!(ids.len() > 2, "the sample has several campaigns");
    let cmp = compare(conn, &ids, now_ms()).expect("compare");
    let order: Vec<&str> = cmp
        .campaigns
        .iter()
        .map(|r| r.campaign_id.as_str())
        .collect();
    assert_eq!(order, ids.iter().map(String::as_str).collect::<Vec<_>>());
    for row in &cmp.campaigns {
        let alone = campaign_cohort(conn, &row.campaign_id, now_ms()).expect("cohort");
        let at_90 = alone
            .windows
            .iter()
            .find(|w| w.days == 90)
            .expect("90 days");
        assert_eq!(
            (
                row.members,
                row.active_at_90,
                row.second_generation,
                row.third_generation
            ),
            (
                alone.members,
                at_90.active,
                alone.today.second_generation,
                alone.today.third_generation
            ),
            "campaign {}",
            row.campaign_id
        );
        assert_eq!(row.levels_now, alone.today.levels);
    }
}
