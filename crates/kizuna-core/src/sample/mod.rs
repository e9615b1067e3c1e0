//! A believable, seeded sample community: Japanese and English members with kana readings,
//! identities with follower counts (some nano and micro influencers), traits, 18 months of varied
//! activity, past and upcoming events with registrations, and a few campaigns.
//!
//! The same seed and "now" give the same community, from 2,000 members (first run) to 100k
//! members with about 2M activities (benchmarks).
//!
//! About 1% of members are planted duplicates (another record of the same person, written as
//! another source would) and a few are namesakes; [`planted_pairs`] gives the ground truth.

mod budgets;
mod campaign_work;
mod events;
mod ideas;
mod names;
mod perks;
mod plan;
mod plant;
mod referrals;
mod traits;
mod voices;

use chrono::{DateTime, Duration, Utc};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use crate::activities::{NewActivity, ensure_builtin_types, log_activity};
use crate::campaigns::{CampaignKind, NewCampaign, create_campaign};
use crate::engagement::{RecomputeMode, ensure_default_levels, recompute};
use crate::error::Result;
use crate::ids::MemberId;
use crate::members::create_member;
use crate::money::Money;
use crate::store::{META_NAME, META_SAMPLE, Store};
use plan::{plan_activities, plan_members};
pub use plant::{PlantCounts, PlantedPairs};

/// What to generate.
#[derive(Debug, Clone)]
pub struct SampleSpec {
    pub members: u32,
    /// Average activities per member (20 gives 2M activities for 100k members).
    pub activities_per_member: f64,
    pub seed: u64,
}

impl SampleSpec {
    /// A community of `members` with the default seed and activity level.
    pub fn with_members(members: u32) -> Self {
        Self {
            members,
            activities_per_member: 20.0,
            seed: 0x6B69_7A75_6E61,
        }
    }
}

/// What was generated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SampleReport {
    pub members: u32,
    pub activities: u32,
    pub events: u32,
    pub registrations: u32,
    pub campaigns: u32,
    /// Members brought in by another member (each logged a `referral` activity).
    pub referrals: u32,
    /// Traits on members (interests, devices, buying habits…).
    pub traits: u32,
}

/// The sample community's name.
pub const SAMPLE_NAME: &str = "Hinata Coffee Roasters";
/// How far back the sample's history reaches, in days (18 months).
pub const HISTORY_DAYS: i64 = 548;
/// The months of history the sample is scored over (18).
const HISTORY_MONTHS: u32 = 18;
const MEMBERS_PER_TRANSACTION: usize = 2_000;

/// The planted duplicates and namesakes of the community [`generate`] makes from `spec` at
/// `now`, as positions in creation order (`ORDER BY rowid`). Recomputed from the seed rather
/// than stored, because anything stored on a member would sync with it.
pub fn planted_pairs(spec: &SampleSpec, now: DateTime<Utc>) -> PlantedPairs {
    let mut rng = ChaCha8Rng::seed_from_u64(spec.seed);
    plant::pairs(&plan_members(&mut rng, spec, now.timestamp_millis()))
}

/// Fills an empty store with a sample community and marks it as a sample.
pub fn generate(store: &mut Store, spec: &SampleSpec) -> Result<SampleReport> {
    let existing: u32 = store
        .conn()
        .query_row("SELECT count(*) FROM members", [], |r| r.get(0))?;
    if existing > 0 {
        return Err(crate::invalid!(
            "sample.notEmpty",
            "{path} already has {existing} members; sample data goes only into an empty community",
            path = store.path().display(),
            existing
        ));
    }
    if spec.members == 0 {
        return Err(crate::invalid!(
            "sample.noMembers",
            "a sample community needs at least one member"
        ));
    }
    let now = store.clock().now();
    let now_ms = now.timestamp_millis();
    let mut rng = ChaCha8Rng::seed_from_u64(spec.seed);
    let plans = plan_members(&mut rng, spec, now_ms);
    let mut report = SampleReport::default();

    store.set_meta(META_NAME, SAMPLE_NAME)?;
    store.set_meta(META_SAMPLE, "1")?;
    let campaigns = store.write(|w| {
        ensure_builtin_types(w)?;
        ensure_default_levels(w)?;
        sample_campaigns(w, now_ms)
    })?;
    report.campaigns = u32::try_from(campaigns.len()).unwrap_or(u32::MAX);

    let mut ids: Vec<MemberId> = Vec::with_capacity(plans.len());
    for batch in plans.chunks(MEMBERS_PER_TRANSACTION) {
        let activities = store.write(|w| {
            let mut logged = 0;
            for plan in batch {
                let id = create_member(w, &plan.profile)?;
                for a in plan_activities(&mut rng, plan) {
                    log_activity(
                        w,
                        &NewActivity {
                            member: id.clone(),
                            activity_type: a.activity_type.to_owned(),
                            occurred_at: a.at,
                            platform: a.platform.map(str::to_owned),
                            url: a.url,
                            event: None,
                            campaign: None,
                        },
                    )?;
                    logged += 1;
                }
                ids.push(id);
            }
            Ok(logged)
        })?;
        report.activities += activities;
    }
    report.members = u32::try_from(ids.len()).unwrap_or(u32::MAX);
    report.referrals =
        store.write(|w| referrals::plant_referrals(w, spec.seed, &plans, &ids, now_ms))?;
    report.activities += report.referrals;
    report.traits = traits::plant_traits(store, spec.seed, &plans, &ids)?;
    store.write(|w| campaign_work::plant_campaign_work(w, spec.seed, &campaigns))?;

    let (events, registrations, attended) =
        store.write(|w| events::sample_events(w, &mut rng, &plans, &ids, now_ms))?;
    report.events = events;
    report.registrations = registrations;
    report.activities += attended;
    budgets::plant_money_and_voices(store, spec.seed, now_ms)?;
    // Score it month by month, as if Kizuna had been running all along, so the level history
    // (promotions, decay demotions) spans the whole sample, not just today.
    report.activities += store.write(|w| {
        for back in (1..=HISTORY_MONTHS).rev() {
            let month_end = crate::activities::month_start(now, back - 1).timestamp_millis() - 1;
            recompute(w, month_end, RecomputeMode::Incremental)?;
        }
        // Perks go to members by their level, and their redemptions are activities too.
        let redeemed = perks::plant_perks(w, spec.seed, &campaigns, now_ms)?;
        // Ideas and votes come from members by their level; both are activities too.
        let ideas = ideas::plant_ideas(w, spec.seed, now_ms)?;
        // A last full pass, so today's scores are exactly what a full recompute gives.
        recompute(w, now_ms, RecomputeMode::Full)?;
        Ok(redeemed + ideas)
    })?;
    tracing::info!(?report, "sample community generated");
    Ok(report)
}

fn sample_campaigns(
    w: &mut crate::store::Writer<'_>,
    now_ms: i64,
) -> Result<Vec<crate::ids::CampaignId>> {
    let day = Duration::days(1).num_milliseconds();
    let specs: [(&str, CampaignKind, i64, i64, i64, &str); 5] = [
        (
            "Micro-influencer seeding: Spring Blend",
            CampaignKind::Influencer,
            400,
            340,
            600_000,
            "new_members",
        ),
        (
            "友だち紹介キャンペーン",
            CampaignKind::Referral,
            300,
            200,
            150_000,
            "new_members",
        ),
        (
            "Newsletter: Origin Stories",
            CampaignKind::Email,
            240,
            60,
            40_000,
            "activities",
        ),
        (
            "#HinataLatteArt photo challenge",
            CampaignKind::Social,
            120,
            90,
            80_000,
            "activities",
        ),
        (
            "新ブレンド共創プロジェクト",
            CampaignKind::CoCreation,
            60,
            -30,
            250_000,
            "ideas",
        ),
    ];
    specs
        .iter()
        .map(|(name, kind, starts_ago, ends_ago, budget, metric)| {
            create_campaign(
                w,
                &NewCampaign {
                    name: (*name).to_owned(),
                    kind: *kind,
                    starts_at: now_ms - starts_ago * day,
                    ends_at: Some(now_ms - ends_ago * day),
                    budget: Some(Money::new(*budget, "JPY")?),
                    goal_metric: Some((*metric).to_owned()),
                    goal_target: Some(budget / 1_000),
                },
            )
        })
        .collect()
}
