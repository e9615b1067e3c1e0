//! Traits in the sample: what a coffee roaster knows about its regulars — occupation and
//! household, coffee interests and values, phones and apps, and how they buy. About four in
//! five members have some; planted duplicates (another source's record) have none.
//!
//! Drawn from its own random stream, so adding traits changed nothing else in the sample.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::MEMBERS_PER_TRANSACTION;
use super::plan::{MemberPlan, Origin};
use crate::error::Result;
use crate::ids::MemberId;
use crate::members::{TraitDimension, insert_trait};
use crate::store::Store;

/// Mixed into the seed for the trait stream.
const STREAM: u64 = 0x5452_4149_5453;

const OCCUPATIONS: &[&str] = &[
    "office worker",
    "student",
    "designer",
    "engineer",
    "barista",
    "freelancer",
    "teacher",
    "nurse",
    "cafe owner",
];
const HOUSEHOLDS: &[&str] = &["single", "couple", "family with kids"];
const INTERESTS: &[&str] = &[
    "pour-over",
    "espresso",
    "latte art",
    "cold brew",
    "single origin",
    "home roasting",
    "cafe hopping",
    "AeroPress",
];
const VALUES: &[&str] = &[
    "sustainability",
    "fair trade",
    "local business",
    "craftsmanship",
];
const APPS: &[&str] = &["Instagram", "LINE", "X", "YouTube", "TikTok"];
const PURCHASE: &[&str] = &["weekly buyer", "monthly buyer", "occasional buyer"];
const CHANNELS: &[&str] = &["online store", "in store", "both"];

/// (dimension, key, value) of one planned trait.
type Planned = (TraitDimension, &'static str, &'static str);

fn pick(rng: &mut ChaCha8Rng, items: &'static [&'static str]) -> &'static str {
    items[rng.random_range(0..items.len())]
}

/// Up to `most` different items, at least one.
fn some_of(rng: &mut ChaCha8Rng, items: &'static [&'static str], most: usize) -> Vec<&'static str> {
    let n = rng.random_range(1..=most);
    let mut chosen: Vec<&'static str> = Vec::with_capacity(n);
    while chosen.len() < n {
        let item = pick(rng, items);
        if !chosen.contains(&item) {
            chosen.push(item);
        }
    }
    chosen
}

/// The traits of one member (none for a fifth of them).
fn plan_traits(rng: &mut ChaCha8Rng, plan: &MemberPlan) -> Vec<Planned> {
    use TraitDimension::*;
    let mut out = Vec::new();
    if matches!(plan.origin, Origin::Copy(_)) || rng.random_bool(0.2) {
        return out;
    }
    let japanese = plan.profile.locale.as_deref() == Some("ja-JP");
    if rng.random_bool(0.6) {
        out.push((Demographic, "occupation", pick(rng, OCCUPATIONS)));
    }
    if rng.random_bool(0.3) {
        out.push((Demographic, "household", pick(rng, HOUSEHOLDS)));
    }
    for interest in some_of(rng, INTERESTS, 3) {
        out.push((Psychographic, "interest", interest));
    }
    if rng.random_bool(0.35) {
        out.push((Psychographic, "value", pick(rng, VALUES)));
    }
    if rng.random_bool(0.7) {
        let iphone = if japanese { 0.65 } else { 0.5 };
        let device = if rng.random_bool(iphone) {
            "iPhone"
        } else {
            "Android"
        };
        out.push((Technology, "device", device));
    }
    if rng.random_bool(0.6) {
        let mut apps = some_of(rng, APPS, 2);
        if japanese && !apps.contains(&"LINE") && rng.random_bool(0.5) {
            apps.push("LINE");
        }
        for app in apps {
            out.push((Technology, "app", app));
        }
    }
    // Engaged members buy more often and subscribe more.
    let engaged = plan.propensity > 1.0;
    if rng.random_bool(0.7) {
        let frequency = if engaged && rng.random_bool(0.5) {
            "weekly buyer"
        } else {
            pick(rng, PURCHASE)
        };
        out.push((Behaviour, "purchase_frequency", frequency));
    }
    if rng.random_bool(if engaged { 0.4 } else { 0.15 }) {
        out.push((Behaviour, "subscription", "subscriber"));
    }
    if rng.random_bool(0.4) {
        out.push((Behaviour, "channel", pick(rng, CHANNELS)));
    }
    out
}

/// Gives the sample's members their traits; returns how many were written.
pub(super) fn plant_traits(
    store: &mut Store,
    seed: u64,
    plans: &[MemberPlan],
    ids: &[MemberId],
) -> Result<u32> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ STREAM);
    let mut written = 0;
    let people: Vec<(&MemberPlan, &MemberId)> = plans.iter().zip(ids).collect();
    for batch in people.chunks(MEMBERS_PER_TRANSACTION) {
        written += store.write(|w| {
            let mut n = 0;
            for (plan, id) in batch {
                for (dimension, key, value) in plan_traits(&mut rng, plan) {
                    insert_trait(w, id, dimension, key, value)?;
                    n += 1;
                }
            }
            Ok(n)
        })?;
    }
    Ok(written)
}
