//! A hand-built community with three campaigns whose cohort figures are known by hand.
//!
//! Campaign A (JPY, spend ¥240,000, budget ¥300,000, fees ¥60,000 + a declined ¥50,000):
//! twelve members attributed 400 days ago (o0–o11) and three 100 days ago (r0–r2).
//! - active: o0–o5 at +25 d, o0–o2 at +80 d, o0 at +170 d and +360 d, r0 at +10 d and +85 d;
//! - levels: o0 1→2 at +20 d and 2→3 at +200 d; o1 1→2 at +100 d; nobody else has history;
//! - events: o0 attended E1 (380 days ago) and E2 (200 days ago), o3 attended E2, r1 only
//!   registered for E2;
//! - referrals: o0 brought Yui (joined at o0's +50 d), Yui brought Zen (+100 d); o1 brought r0
//!   (in the cohort, so not word of mouth); o2 brought Dai, who was deleted.
//!
//! Campaign B (no money): five members attributed 200 days ago, s0 active at +20 d.
//! Campaign C (USD budget $100.00): nobody yet.

use kizuna_core::Store;
use kizuna_core::events::EventStatus;
use kizuna_core::ids::MemberId;
use kizuna_core::members::delete_member;
use kizuna_core::referrals::{ReferralChannel, record_referral};
use rusqlite::params;

use crate::common::{activity, add_event, add_member_joined, days_ago, event, log};

pub const DAY: i64 = 86_400_000;

/// The hand-built community's campaigns and notable members.
pub struct Community {
    pub a: String,
    pub b: String,
    pub c: String,
    pub old: Vec<MemberId>,
    pub recent: Vec<MemberId>,
}

fn campaign(store: &Store, id: &str, name: &str, money: (Option<i64>, Option<i64>, Option<&str>)) {
    store
        .conn()
        .execute(
            "INSERT INTO campaigns (id, name, kind, status, starts_at, budget_minor,
                 actual_spend_minor, currency)
             VALUES (?1, ?2, 'influencer', 'running', ?3, ?4, ?5, ?6)",
            params![id, name, days_ago(420), money.0, money.1, money.2],
        )
        .expect("insert a campaign");
}

fn attribute(store: &Store, campaign: &str, member: &MemberId, at: i64) {
    store
        .conn()
        .execute(
            "INSERT INTO campaign_attributions (id, campaign_id, member_id, via, attributed_at)
             VALUES (?1, ?2, ?3, 'manual', ?4)",
            params![
                format!("{campaign}/{member}"),
                campaign,
                member.as_str(),
                at
            ],
        )
        .expect("attribute a member");
}

fn influencer(store: &mut Store, campaign: &str, name: &str, fee: i64, status: &str) {
    let member = add_member_joined(store, name, days_ago(900));
    store
        .conn()
        .execute(
            "INSERT INTO campaign_influencers (id, campaign_id, member_id, fee_minor, status,
                 added_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                format!("inf-{name}"),
                campaign,
                member.as_str(),
                fee,
                status,
                days_ago(420)
            ],
        )
        .expect("add an influencer");
}

fn level_change(store: &Store, member: &MemberId, from: i64, to: i64, at: i64) {
    store
        .conn()
        .execute(
            "INSERT INTO level_changes (member_id, from_rank, to_rank, at, score, cause)
             VALUES (?1, ?2, ?3, ?4, 0.0, 'activity')",
            params![member.as_str(), from, to, at],
        )
        .expect("record a level change");
}

fn registration(store: &Store, event: &str, member: &MemberId, status: &str) {
    store
        .conn()
        .execute(
            "INSERT INTO registrations (id, event_id, member_id, status, registered_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                format!("{event}/{member}"),
                event,
                member.as_str(),
                status,
                days_ago(500)
            ],
        )
        .expect("register a member");
}

fn refer(store: &mut Store, referrer: &MemberId, referred: &MemberId, at: i64) {
    store
        .write(|w| {
            record_referral(
                w,
                referrer,
                referred,
                ReferralChannel::Other,
                at,
                None,
                None,
            )
        })
        .expect("record a referral");
}

/// Builds the community the module documentation describes.
pub fn build(store: &mut Store) -> Community {
    let (a, b, c) = ("campaign-a", "campaign-b", "campaign-c");
    campaign(
        store,
        a,
        "Spring influencers",
        (Some(300_000), Some(240_000), Some("JPY")),
    );
    campaign(store, b, "Newsletter", (None, None, None));
    campaign(store, c, "US launch", (Some(10_000), None, Some("USD")));
    influencer(store, a, "Hana", 60_000, "contracted");
    influencer(store, a, "Ken", 50_000, "declined");

    let (old_at, recent_at) = (days_ago(400), days_ago(100));
    let old: Vec<MemberId> = (0..12)
        .map(|i| add_member_joined(store, &format!("o{i}"), old_at))
        .collect();
    let recent: Vec<MemberId> = (0..3)
        .map(|i| add_member_joined(store, &format!("r{i}"), recent_at))
        .collect();
    for m in &old {
        attribute(store, a, m, old_at);
    }
    for m in &recent {
        attribute(store, a, m, recent_at);
    }
    let young: Vec<MemberId> = (0..5)
        .map(|i| add_member_joined(store, &format!("s{i}"), days_ago(200)))
        .collect();
    for m in &young {
        attribute(store, b, m, days_ago(200));
    }

    let mut act = |m: &MemberId, at: i64| log(store, &activity(m, "post", at));
    for m in &old[..6] {
        act(m, old_at + 25 * DAY);
    }
    for m in &old[..3] {
        act(m, old_at + 80 * DAY);
    }
    act(&old[0], old_at + 170 * DAY);
    act(&old[0], old_at + 360 * DAY);
    act(&recent[0], recent_at + 10 * DAY);
    act(&recent[0], recent_at + 85 * DAY);
    act(&young[0], days_ago(200) + 20 * DAY);

    level_change(store, &old[0], 1, 2, old_at + 20 * DAY);
    level_change(store, &old[0], 2, 3, old_at + 200 * DAY);
    level_change(store, &old[1], 1, 2, old_at + 100 * DAY);

    let e1 = add_event(store, &event("Meetup", days_ago(380), EventStatus::Done));
    let e2 = add_event(store, &event("Workshop", days_ago(200), EventStatus::Done));
    registration(store, e1.as_str(), &old[0], "attended");
    registration(store, e2.as_str(), &old[0], "attended");
    registration(store, e2.as_str(), &old[3], "attended");
    registration(store, e2.as_str(), &recent[1], "going");

    let yui = add_member_joined(store, "Yui", old_at + 50 * DAY);
    let zen = add_member_joined(store, "Zen", old_at + 100 * DAY);
    let dai = add_member_joined(store, "Dai", old_at + 10 * DAY);
    refer(store, &old[0], &yui, old_at + 50 * DAY);
    refer(store, &yui, &zen, old_at + 100 * DAY);
    refer(store, &old[1], &recent[0], recent_at);
    refer(store, &old[2], &dai, old_at + 10 * DAY);
    store.write(|w| delete_member(w, &dai)).expect("delete Dai");

    Community {
        a: a.to_owned(),
        b: b.to_owned(),
        c: c.to_owned(),
        old,
        recent,
    }
}
