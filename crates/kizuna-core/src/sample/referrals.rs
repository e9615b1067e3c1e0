//! Word of mouth in the sample: members whose source is "friend referral" were brought in by
//! someone who joined before them. A few engaged "super-referrers" bring in many, and the
//! people they brought bring in others (a second generation).
//!
//! Drawn from its own random stream, so adding referrals changed nothing else in the sample.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rusqlite::OptionalExtension;

use super::plan::{MemberPlan, Origin};
use crate::error::Result;
use crate::ids::{CampaignId, MemberId};
use crate::referrals::{ReferralChannel, insert_referral};
use crate::store::Writer;

/// Mixed into the seed for the referral stream.
const STREAM: u64 = 0x5245_4645_5252_414C;
/// One super-referrer per this many members (at least one).
const MEMBERS_PER_SUPER: usize = 400;
/// How referrals are made: (channel, relative frequency).
const CHANNELS: &[(ReferralChannel, u32)] = &[
    (ReferralChannel::InPerson, 30),
    (ReferralChannel::Link, 25),
    (ReferralChannel::Code, 20),
    (ReferralChannel::Social, 15),
    (ReferralChannel::Event, 7),
    (ReferralChannel::Other, 3),
];

/// The referral campaign's id and window, to tag referrals made during it.
struct ReferralCampaign {
    id: CampaignId,
    starts_at: i64,
    ends_at: i64,
}

/// The sample's referral campaign (友だち紹介キャンペーン), if it has one.
fn referral_campaign(w: &Writer<'_>) -> Result<Option<ReferralCampaign>> {
    Ok(w.tx()
        .prepare_cached(
            "SELECT id, starts_at, coalesce(ends_at, ?1) FROM campaigns WHERE kind = 'referral'
             ORDER BY starts_at LIMIT 1",
        )?
        .query_row([w.now_ms()], |r| {
            Ok(ReferralCampaign {
                id: CampaignId(r.get(0)?),
                starts_at: r.get(1)?,
                ends_at: r.get(2)?,
            })
        })
        .optional()?)
}

fn can_refer(plan: &MemberPlan, at: i64) -> bool {
    !matches!(plan.origin, Origin::Copy(_)) && plan.joined_at < at && plan.active_until >= at
}

fn channel(rng: &mut ChaCha8Rng) -> ReferralChannel {
    let total: u32 = CHANNELS.iter().map(|(_, w)| w).sum();
    let mut roll = rng.random_range(0..total);
    for (channel, weight) in CHANNELS {
        if roll < *weight {
            return *channel;
        }
        roll -= weight;
    }
    ReferralChannel::Other
}

/// Picks who brought in member `i` (plans sorted by join time), if anyone could have.
fn pick_referrer(
    rng: &mut ChaCha8Rng,
    plans: &[MemberPlan],
    supers: &[usize],
    second_gen: &[usize],
    i: usize,
) -> Option<usize> {
    let at = plans[i].joined_at;
    let roll: f64 = rng.random();
    let pool = if roll < 0.45 {
        supers
    } else if roll < 0.7 {
        second_gen
    } else {
        &[]
    };
    let eligible: Vec<usize> = pool
        .iter()
        .copied()
        .filter(|&j| can_refer(&plans[j], at))
        .collect();
    if !eligible.is_empty() {
        return Some(eligible[rng.random_range(0..eligible.len())]);
    }
    // Anyone who had joined: a tournament of three, so engaged members refer more.
    (0..12)
        .map(|_| rng.random_range(0..i))
        .filter(|&j| can_refer(&plans[j], at))
        .take(3)
        .max_by(|a, b| plans[*a].propensity.total_cmp(&plans[*b].propensity))
}

/// The most engaged of the members who joined in the first third and are still active.
fn super_referrers(rng: &mut ChaCha8Rng, plans: &[MemberPlan], now_ms: i64) -> Vec<usize> {
    let wanted = (plans.len() / MEMBERS_PER_SUPER).max(1);
    let early = (plans.len() / 3).max(1);
    let mut supers = Vec::with_capacity(wanted);
    for _ in 0..wanted * 20 {
        if supers.len() == wanted {
            break;
        }
        let best = (0..5)
            .map(|_| rng.random_range(0..early))
            .filter(|&j| can_refer(&plans[j], now_ms) && !supers.contains(&j))
            .max_by(|a, b| plans[*a].propensity.total_cmp(&plans[*b].propensity));
        supers.extend(best);
    }
    supers
}

/// Records the sample's referrals; returns how many (each logged one `referral` activity).
pub fn plant_referrals(
    w: &mut Writer<'_>,
    seed: u64,
    plans: &[MemberPlan],
    ids: &[MemberId],
    now_ms: i64,
) -> Result<u32> {
    let campaign = referral_campaign(w)?;
    let campaign = campaign.as_ref();
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ STREAM);
    // The plans' "now", not the write's: a real clock has moved on since they were made.
    let supers = super_referrers(&mut rng, plans, now_ms);
    let mut second_gen: Vec<usize> = Vec::new();
    let mut made = 0;
    for i in 1..plans.len() {
        let plan = &plans[i];
        // One in six sample members came by "friend referral"; most of them name who.
        let referred =
            plan.profile.source.as_deref() == Some("friend referral") && rng.random_bool(0.9);
        if !referred || matches!(plan.origin, Origin::Copy(_)) || supers.contains(&i) {
            continue;
        }
        let Some(referrer) = pick_referrer(&mut rng, plans, &supers, &second_gen, i) else {
            continue;
        };
        let at = plan.joined_at;
        let in_campaign =
            campaign.filter(|c| (c.starts_at..=c.ends_at).contains(&at) && rng.random_bool(0.7));
        let channel = match in_campaign {
            Some(_) if rng.random_bool(0.6) => ReferralChannel::Code,
            Some(_) => ReferralChannel::Link,
            None => channel(&mut rng),
        };
        let code = (channel == ReferralChannel::Code).then(|| format!("HINATA-{referrer:05}"));
        insert_referral(
            w,
            &ids[referrer],
            &ids[i],
            channel,
            at,
            code.as_deref(),
            in_campaign.map(|c| &c.id),
        )?;
        if supers.contains(&referrer) {
            second_gen.push(i);
        }
        made += 1;
    }
    Ok(made)
}
