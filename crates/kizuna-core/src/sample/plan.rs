//! Planning sample members before they are written: who they are, when they joined, how
//! engaged they are and what they did.

use std::collections::HashSet;

use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::names::{self, JaName};
use super::plant::{self, PlantCounts};
use super::{HISTORY_DAYS, SampleSpec};
use crate::members::{NewIdentity, NewMember};

const DAY_MS: i64 = 86_400_000;
const MONTH_MS: f64 = 30.4 * 86_400_000.0;

/// One member to write, with what drives their activity.
#[derive(Debug, Clone)]
pub struct MemberPlan {
    pub profile: NewMember,
    pub joined_at: i64,
    /// Relative activity rate; engaged members are likelier to attend events.
    pub propensity: f64,
    /// When they stopped taking part (churn); `now` for members still active.
    pub active_until: i64,
    /// How many activities to log for them.
    pub activity_count: u32,
    pub(super) platforms: Vec<&'static str>,
    /// Whose record this is (planted duplicates and namesakes point at a person).
    pub(super) origin: Origin,
}

/// Whose record a planned member is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Person `n`'s own record.
    Person(u32),
    /// Another record of person `n` (a planted duplicate).
    Copy(u32),
    /// A different person with person `n`'s name (a planted namesake).
    Namesake(u32),
}

/// One planned activity.
#[derive(Debug, Clone)]
pub struct PlannedActivity {
    pub activity_type: &'static str,
    pub at: i64,
    pub platform: Option<&'static str>,
    pub url: Option<String>,
}

/// Activity mix: (type, relative frequency). `referral` activities come only with recorded
/// referrals (see `referrals.rs`).
const MIX: &[(&str, u32)] = &[
    ("reaction", 30),
    ("comment", 22),
    ("post", 14),
    ("vote", 8),
    ("question", 6),
    ("answer", 6),
    ("review", 3),
    ("perk_redeemed", 3),
    ("idea", 2),
    ("content", 2),
];

fn normal(rng: &mut ChaCha8Rng) -> f64 {
    // Box–Muller; 1 - u keeps ln away from zero.
    let u1: f64 = 1.0 - rng.random::<f64>();
    let u2: f64 = rng.random();
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

fn pick<'a, T>(rng: &mut ChaCha8Rng, items: &'a [T]) -> &'a T {
    &items[rng.random_range(0..items.len())]
}

fn ascii_slug(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            'ü' => Some('u'),
            c if c.is_ascii_alphanumeric() => Some(c.to_ascii_lowercase()),
            _ => None,
        })
        .collect()
}

/// Plans every member, sorted by join time, with activity counts scaled so the community
/// has `spec.activities_per_member` activities per member on average. About 1% of them are
/// planted duplicates and a few are namesakes (see `plant.rs`).
pub fn plan_members(rng: &mut ChaCha8Rng, spec: &SampleSpec, now_ms: i64) -> Vec<MemberPlan> {
    let planted = PlantCounts::for_members(spec.members);
    let mut taken = HashSet::new();
    let mut plans: Vec<MemberPlan> = (0..spec.members - planted.total())
        .map(|n| plan_member(rng, now_ms, &mut taken, Origin::Person(n)))
        .collect();
    plant::plant(&mut plans, spec.seed, now_ms, &mut taken, planted);
    plans.sort_by_key(|p| p.joined_at);
    let expected: Vec<f64> = plans
        .iter()
        .map(|p| p.propensity * ((p.active_until - p.joined_at) as f64 / MONTH_MS).max(0.05))
        .collect();
    let total: f64 = expected.iter().sum();
    let scale = spec.activities_per_member * f64::from(spec.members) / total.max(1e-9);
    for (plan, e) in plans.iter_mut().zip(expected) {
        let exact = e * scale;
        plan.activity_count = exact.floor() as u32 + u32::from(rng.random::<f64>() < exact.fract());
    }
    plans
}

/// One member; `taken` holds the email local parts already used, so no two people share an
/// address or the handles derived from it.
pub(super) fn plan_member(
    rng: &mut ChaCha8Rng,
    now_ms: i64,
    taken: &mut HashSet<String>,
    origin: Origin,
) -> MemberPlan {
    let history = HISTORY_DAYS * DAY_MS;
    let joined_at = if rng.random_bool(0.12) {
        // Founding members, up to three years back.
        now_ms - history - rng.random_range(0..history)
    } else {
        // Growth: more members joined recently.
        now_ms - history + (rng.random::<f64>().powf(0.7) * history as f64) as i64
    };
    let churned = rng.random_bool(0.68);
    let active_until = if churned {
        let months = -rng.random::<f64>().max(1e-9).ln() * 7.0;
        (joined_at + (months * MONTH_MS) as i64).min(now_ms)
    } else {
        now_ms
    };
    let propensity = (normal(rng) * 1.1).exp();
    let japanese = rng.random_bool(0.62);
    let mut profile = if japanese {
        japanese_profile(rng)
    } else {
        english_profile(rng)
    };
    profile.joined_at = Some(joined_at);
    profile.birth_year = rng.random_bool(0.7).then(|| rng.random_range(1962..2007));
    profile.source = Some(
        (*pick(
            rng,
            &[
                "instagram",
                "friend referral",
                "event",
                "website",
                "shop purchase",
                "x",
            ],
        ))
        .to_owned(),
    );
    let n_tags = rng.random_range(0..3);
    profile.tags = (0..n_tags)
        .map(|_| (*pick(rng, names::TAGS)).to_owned())
        .collect();
    profile.tags.sort();
    profile.tags.dedup();
    make_email_unique(&mut profile, taken);
    let handle_base = profile
        .email
        .as_deref()
        .and_then(|e| e.split('@').next())
        .unwrap_or("member")
        .replace('.', "_");
    let platforms = plan_identities(rng, &mut profile, &handle_base, japanese);
    MemberPlan {
        profile,
        joined_at,
        propensity,
        active_until,
        activity_count: 0,
        platforms,
        origin,
    }
}

fn make_email_unique(profile: &mut NewMember, taken: &mut HashSet<String>) {
    let Some(email) = profile.email.clone() else {
        return;
    };
    if let Some((local, domain)) = email.split_once('@') {
        let stem = local.trim_end_matches(|c: char| c.is_ascii_digit());
        let n = local[stem.len()..].parse().unwrap_or(0);
        let unique = plant::claim(taken, stem, n);
        if unique != local {
            profile.email = Some(format!("{unique}@{domain}"));
        }
    }
}

fn japanese_profile(rng: &mut ChaCha8Rng) -> NewMember {
    let family: &JaName = pick(rng, names::JA_FAMILY);
    let given: &JaName = pick(rng, names::JA_GIVEN);
    let n: u32 = rng.random_range(1..100);
    NewMember {
        display_name: format!("{} {}", family.0, given.0),
        name_reading: Some(format!("{} {}", family.1, given.1)),
        email: Some(format!("{}.{}{n}@example.jp", given.2, family.2)),
        phone: rng.random_bool(0.4).then(|| {
            format!(
                "090-{:04}-{:04}",
                rng.random_range(0..10_000),
                rng.random_range(0..10_000)
            )
        }),
        locale: Some("ja-JP".to_owned()),
        country: Some("JP".to_owned()),
        city: Some((*pick(rng, names::JA_CITIES)).to_owned()),
        ..NewMember::default()
    }
}

fn english_profile(rng: &mut ChaCha8Rng) -> NewMember {
    let given = *pick(rng, names::EN_GIVEN);
    let family = *pick(rng, names::EN_FAMILY);
    let (country, city, locale) = *pick(rng, names::OTHER_PLACES);
    let n: u32 = rng.random_range(1..100);
    NewMember {
        display_name: format!("{given} {family}"),
        email: Some(format!(
            "{}.{}{n}@example.com",
            ascii_slug(given),
            ascii_slug(family)
        )),
        locale: Some(locale.to_owned()),
        country: Some(country.to_owned()),
        city: Some(city.to_owned()),
        ..NewMember::default()
    }
}

fn plan_identities(
    rng: &mut ChaCha8Rng,
    profile: &mut NewMember,
    handle: &str,
    japanese: bool,
) -> Vec<&'static str> {
    let odds: &[(&'static str, f64, bool)] = &[
        ("discord", 0.55, false),
        ("x", 0.45, true),
        ("instagram", 0.42, true),
        ("line", if japanese { 0.3 } else { 0.0 }, false),
        ("youtube", 0.07, true),
        ("tiktok", 0.1, true),
        ("github", 0.06, false),
    ];
    let mut platforms = Vec::new();
    for &(platform, p, has_followers) in odds {
        if !rng.random_bool(p) {
            continue;
        }
        // Log-normal followers: median ~150, about 1 in 9 over 1k (nano), 1 in 250 over 10k.
        let followers = has_followers.then(|| (5.0 + 1.7 * normal(rng)).exp().round() as i64);
        let url = match platform {
            "x" => Some(format!("https://x.com/{handle}")),
            "instagram" => Some(format!("https://www.instagram.com/{handle}")),
            "youtube" => Some(format!("https://www.youtube.com/@{handle}")),
            "tiktok" => Some(format!("https://www.tiktok.com/@{handle}")),
            "github" => Some(format!("https://github.com/{handle}")),
            _ => None,
        };
        profile.identities.push(NewIdentity {
            platform: platform.to_owned(),
            handle: if platform == "discord" {
                format!("{handle}#{}", rng.random_range(1000..10_000))
            } else {
                handle.to_owned()
            },
            url,
            followers,
        });
        platforms.push(platform);
    }
    platforms
}

/// The member's activities, spread over their active months.
pub fn plan_activities(rng: &mut ChaCha8Rng, plan: &MemberPlan) -> Vec<PlannedActivity> {
    let total_weight: u32 = MIX.iter().map(|(_, w)| w).sum();
    // Never past `active_until` (at most now): a member who joined an hour ago has no activity tomorrow.
    let span = (plan.active_until - plan.joined_at).max(1);
    (0..plan.activity_count)
        .map(|_| {
            let mut roll = rng.random_range(0..total_weight);
            let activity_type = MIX
                .iter()
                .find(|(_, w)| {
                    let hit = roll < *w;
                    roll = roll.saturating_sub(*w);
                    hit
                })
                .map_or("comment", |(t, _)| *t);
            let platform = match activity_type {
                "review" | "perk_redeemed" => Some("shop"),
                "idea" | "vote" => Some("community"),
                _ if plan.platforms.is_empty() => Some("community"),
                _ => Some(*pick(rng, &plan.platforms)),
            };
            let at = plan.joined_at + rng.random_range(0..span);
            let url = matches!(activity_type, "content" | "review" | "idea").then(|| {
                format!(
                    "https://community.example.com/t/{}",
                    rng.random_range(10_000..999_999)
                )
            });
            PlannedActivity {
                activity_type,
                at,
                platform,
                url,
            }
        })
        .collect()
}
