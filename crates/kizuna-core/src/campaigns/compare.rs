//! Campaigns side by side: what each cost, how many members it brought, what a member (and a
//! member still active at 90 days) cost, its retention curve, its cohort's level mix and its
//! word of mouth, with the caveats that keep a young cohort from being judged.
//!
//! Cost is the actual spend when set, else the budget, plus the fees of influencers who did
//! not decline, all in the campaign's currency. Amounts in different currencies are never
//! added up: [`Comparison::totals`] has one entry per currency.

use std::collections::BTreeMap;

use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

use super::cohort_pool;
use super::cohorts::{CampaignCohort, MIN_MATURE_MEMBERS};
use crate::engagement::{Ladder, LevelCount};
use crate::error::{CoreError, Result};

/// Where a campaign's cost comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum CostBasis {
    /// The actual spend (plus fees).
    Actual,
    /// No spend recorded yet: the budget (plus fees).
    Budget,
    /// Only influencer fees.
    FeesOnly,
    /// Nothing recorded.
    None,
}

/// Why a row's figures should be read with care.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum Caveat {
    /// Fewer than [`MIN_MATURE_MEMBERS`] members have reached this window.
    TooYoung { days: u32, mature: u32 },
    /// The campaign has brought no members (yet).
    NoMembers,
    /// No spend, budget or fee is recorded.
    NoCost,
    /// Amounts are recorded but the campaign has no currency.
    NoCurrency,
}

/// One point of a retention curve: the share of the mature members still active.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RetentionPoint {
    pub days: u32,
    pub mature: u32,
    pub active: u32,
    /// `active / mature`, or `None` when no member is mature yet.
    pub share: Option<f64>,
    /// Too few mature members to judge: charts leave the point out.
    pub too_young: bool,
}

/// One campaign in a comparison.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CampaignComparisonRow {
    pub campaign_id: String,
    pub name: String,
    /// As stored: influencer, email, social, referral, co_creation or event.
    pub kind: String,
    /// As stored: planned, running, done or cancelled.
    pub status: String,
    #[ts(type = "number")]
    pub starts_at: i64,
    #[ts(type = "number | null")]
    pub ends_at: Option<i64>,
    /// The currency of every amount in this row (ISO 4217).
    pub currency: Option<String>,
    /// Spend (or budget) plus fees, in minor units; `None` when nothing is recorded.
    #[ts(type = "number | null")]
    pub cost_minor: Option<i64>,
    pub cost_basis: CostBasis,
    /// Fees of the influencers who did not decline, in minor units.
    #[ts(type = "number")]
    pub fees_minor: i64,
    /// Live members the campaign brought.
    pub members: u32,
    /// Cost divided by members brought (rounded), when both exist.
    #[ts(type = "number | null")]
    pub cost_per_member_minor: Option<i64>,
    /// Mature members active at 90 days.
    pub active_at_90: u32,
    /// Cost per member still active at 90 days, when the 90-day window is judgeable.
    #[ts(type = "number | null")]
    pub cost_per_active_90_minor: Option<i64>,
    /// Share still active at 30, 90, 180 and 365 days.
    pub retention: Vec<RetentionPoint>,
    /// The cohort's current level mix, every level lowest first.
    pub levels_now: Vec<LevelCount>,
    /// Members the cohort referred who have joined (word of mouth).
    pub second_generation: u32,
    /// Members those referred members referred.
    pub third_generation: u32,
    pub caveats: Vec<Caveat>,
}

/// Totals of the campaigns in one currency.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CurrencyTotal {
    pub currency: String,
    pub campaigns: u32,
    #[ts(type = "number")]
    pub cost_minor: i64,
    pub members: u32,
    #[ts(type = "number | null")]
    pub cost_per_member_minor: Option<i64>,
}

/// Campaigns side by side.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Comparison {
    /// The instant the figures are for (unix ms).
    #[ts(type = "number")]
    pub as_of: i64,
    /// The fewest mature members for a window to be judged.
    pub min_mature: u32,
    pub campaigns: Vec<CampaignComparisonRow>,
    /// One entry per currency, by currency code.
    pub totals: Vec<CurrencyTotal>,
}

/// The campaign's own columns and the fees of its roster.
struct CampaignFacts {
    name: String,
    kind: String,
    status: String,
    starts_at: i64,
    ends_at: Option<i64>,
    currency: Option<String>,
    budget: Option<i64>,
    spend: Option<i64>,
    fees: Option<i64>,
}

fn facts(conn: &Connection, id: &str) -> Result<Option<CampaignFacts>> {
    Ok(conn
        .prepare_cached(
            "SELECT name, kind, status, starts_at, ends_at, currency, budget_minor,
                    actual_spend_minor,
                    (SELECT sum(fee_minor) FROM campaign_influencers i
                     WHERE i.campaign_id = c.id AND i.status <> 'declined')
             FROM campaigns c WHERE id = ?1",
        )?
        .query_row([id], |r| {
            Ok(CampaignFacts {
                name: r.get(0)?,
                kind: r.get(1)?,
                status: r.get(2)?,
                starts_at: r.get(3)?,
                ends_at: r.get(4)?,
                currency: r.get(5)?,
                budget: r.get(6)?,
                spend: r.get(7)?,
                fees: r.get(8)?,
            })
        })
        .optional()?)
}

/// `total / n` rounded to the nearest minor unit, when `n` is not zero.
fn per(total: Option<i64>, n: u32) -> Option<i64> {
    let n = i64::from(n);
    total.filter(|_| n > 0).map(|t| (t + n / 2) / n)
}

fn row(facts: CampaignFacts, cohort: CampaignCohort) -> CampaignComparisonRow {
    let (base, basis) = match (facts.spend, facts.budget, facts.fees) {
        (Some(spend), _, _) => (Some(spend), CostBasis::Actual),
        (None, Some(budget), _) => (Some(budget), CostBasis::Budget),
        (None, None, Some(_)) => (None, CostBasis::FeesOnly),
        (None, None, None) => (None, CostBasis::None),
    };
    let fees = facts.fees.unwrap_or(0);
    let cost = (basis != CostBasis::None).then(|| base.unwrap_or(0) + fees);
    let retention: Vec<RetentionPoint> = cohort
        .windows
        .iter()
        .map(|w| RetentionPoint {
            days: w.days,
            mature: w.mature,
            active: w.active,
            share: w.active_share,
            too_young: w.too_young,
        })
        .collect();
    let at_90 = cohort.windows.iter().find(|w| w.days == 90);
    let active_at_90 = at_90.map_or(0, |w| w.active);
    let judgeable_90 = at_90.is_some_and(|w| !w.too_young);
    let mut caveats: Vec<Caveat> = if cohort.members == 0 {
        vec![Caveat::NoMembers]
    } else {
        cohort
            .windows
            .iter()
            .filter(|w| w.too_young)
            .map(|w| Caveat::TooYoung {
                days: w.days,
                mature: w.mature,
            })
            .collect()
    };
    if cost.is_none() {
        caveats.push(Caveat::NoCost);
    } else if facts.currency.is_none() {
        caveats.push(Caveat::NoCurrency);
    }
    CampaignComparisonRow {
        campaign_id: cohort.campaign_id,
        name: facts.name,
        kind: facts.kind,
        status: facts.status,
        starts_at: facts.starts_at,
        ends_at: facts.ends_at,
        currency: facts.currency,
        cost_minor: cost,
        cost_basis: basis,
        fees_minor: fees,
        members: cohort.members,
        cost_per_member_minor: per(cost, cohort.members),
        active_at_90,
        cost_per_active_90_minor: per(cost.filter(|_| judgeable_90), active_at_90),
        retention,
        levels_now: cohort.today.levels,
        second_generation: cohort.today.second_generation,
        third_generation: cohort.today.third_generation,
        caveats,
    }
}

fn totals(rows: &[CampaignComparisonRow]) -> Vec<CurrencyTotal> {
    let mut by_currency: BTreeMap<&str, (u32, i64, u32)> = BTreeMap::new();
    for row in rows {
        if let (Some(currency), Some(cost)) = (row.currency.as_deref(), row.cost_minor) {
            let entry = by_currency.entry(currency).or_default();
            entry.0 += 1;
            entry.1 += cost;
            entry.2 += row.members;
        }
    }
    by_currency
        .into_iter()
        .map(|(currency, (campaigns, cost, members))| CurrencyTotal {
            currency: currency.to_owned(),
            campaigns,
            cost_minor: cost,
            members,
            cost_per_member_minor: per(Some(cost), members),
        })
        .collect()
}

/// Every campaign's id, earliest start first.
pub fn all_campaign_ids(conn: &Connection) -> Result<Vec<String>> {
    Ok(conn
        .prepare_cached("SELECT id FROM campaigns ORDER BY starts_at, id")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

/// Compares `campaign_ids` (in that order, each once; every campaign when empty) as of
/// `now_ms`. An unknown id is a `NotFound` error.
pub fn compare(conn: &Connection, campaign_ids: &[String], now_ms: i64) -> Result<Comparison> {
    let ids = if campaign_ids.is_empty() {
        all_campaign_ids(conn)?
    } else {
        let mut seen = Vec::with_capacity(campaign_ids.len());
        for id in campaign_ids {
            if !seen.contains(id) {
                seen.push(id.clone());
            }
        }
        seen
    };
    let ladder = Ladder::load(conn)?;
    let mut known = Vec::with_capacity(ids.len());
    for id in &ids {
        known.push(facts(conn, id)?.ok_or_else(|| CoreError::NotFound {
            what: "campaign",
            id: id.clone(),
        })?);
    }
    let cohorts = cohort_pool::cohorts(conn, &ladder, &ids, now_ms)?;
    let rows: Vec<_> = known
        .into_iter()
        .zip(cohorts)
        .map(|(f, c)| row(f, c))
        .collect();
    Ok(Comparison {
        as_of: now_ms,
        min_mature: MIN_MATURE_MEMBERS,
        totals: totals(&rows),
        campaigns: rows,
    })
}
