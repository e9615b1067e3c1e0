//! Cohorts: the members a campaign brought, followed 30, 90, 180 and 365 days after each one's
//! attribution.
//!
//! Method. The cohort is the campaign's attributed members who are still live (not deleted,
//! not merged away: their history is gone or has moved). Each member is followed from their own
//! `attributed_at`; the figure for a window of `d` days is taken at `t = attributed_at + d days`:
//! - **active**: at least one activity in the 30 days ending at `t` (`t − 30 d < occurred_at ≤ t`);
//! - **level**: the member's rank at `t` from the level history: the `to_rank` of their last
//!   change at or before `t`, else the `from_rank` of their first change after it, else their
//!   stored level, else the lowest level (a rank no longer on the ladder counts under the
//!   highest level below it);
//! - **events attended**: registrations marked attended whose event started before `t`;
//! - **second generation**: live members they referred who joined by `t` and are not
//!   themselves in the cohort; **third generation**: the same one step further.
//!
//! A window a member has not reached yet (`t > now`) is too young for them: rates are computed
//! over the members who reached it (mature), and a window with fewer than
//! [`MIN_MATURE_MEMBERS`] mature members is flagged too young to judge.

use std::collections::BTreeMap;

use rusqlite::{Connection, params};
use serde::Serialize;
use ts_rs::TS;

use crate::engagement::{Ladder, LevelCount};
use crate::error::{CoreError, Result};

/// The days after joining at which a cohort is followed.
pub const COHORT_WINDOWS: [u32; 4] = [30, 90, 180, 365];
/// The fewest mature members for a window's figures to be worth judging.
pub const MIN_MATURE_MEMBERS: u32 = 10;
/// A member is active at a day when they did something in the days ending there.
pub const ACTIVE_DAYS: i64 = 30;

const DAY_MS: i64 = 86_400_000;
/// The marker `days` of the "as of now" row in [`FOLLOW_SQL`].
const TODAY: i64 = -1;

/// One window of a cohort: the members who reached it and what they had done by then.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CohortWindow {
    /// Days after each member's attribution.
    pub days: u32,
    /// Members whose window has passed; the rates below count only them.
    pub mature: u32,
    /// Fewer than [`MIN_MATURE_MEMBERS`] mature members: too young to judge.
    pub too_young: bool,
    /// Mature members active in the 30 days ending at their window.
    pub active: u32,
    /// `active / mature`, or `None` when no member is mature yet.
    pub active_share: Option<f64>,
    /// Mature members who had attended at least one event by their window.
    pub attended_any: u32,
    /// Events attended by the mature members by their window, all told.
    pub events_attended: u32,
    /// Mature members by their level at their window, every level lowest first.
    pub levels: Vec<LevelCount>,
    /// Members the mature members referred who had joined by their window.
    pub second_generation: u32,
    /// Members those referred members referred, joined by the window.
    pub third_generation: u32,
}

/// The cohort as it stands at `now`.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CohortToday {
    /// Members active in the last 30 days.
    pub active: u32,
    /// Members by their current level, every level lowest first.
    pub levels: Vec<LevelCount>,
    /// Members who have attended at least one event.
    pub attended_any: u32,
    /// Events attended, all told.
    pub events_attended: u32,
    /// Members the cohort referred (word of mouth) who have joined.
    pub second_generation: u32,
    /// Members those referred members referred.
    pub third_generation: u32,
}

/// The members a campaign brought, followed over [`COHORT_WINDOWS`].
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CampaignCohort {
    pub campaign_id: String,
    /// Live members attributed to the campaign.
    pub members: u32,
    /// The earliest and latest attribution (unix ms), when there are members.
    #[ts(type = "number | null")]
    pub first_attributed_at: Option<i64>,
    #[ts(type = "number | null")]
    pub last_attributed_at: Option<i64>,
    /// One entry per [`COHORT_WINDOWS`] day count, in that order.
    pub windows: Vec<CohortWindow>,
    pub today: CohortToday,
    /// The instant the figures are for (unix ms).
    #[ts(type = "number")]
    pub as_of: i64,
}

/// One row per (cohort member, window reached) plus one per member for today (`days` = -1).
/// Referred members (`k`, then `j`) count when live, joined by `t` and outside the cohort.
const FOLLOW_SQL: &str = "
WITH cohort AS (
    SELECT a.member_id AS id, a.attributed_at AS at
    FROM campaign_attributions a
    JOIN members m ON m.id = a.member_id AND m.deleted_at IS NULL AND m.merged_into IS NULL
    WHERE a.campaign_id = ?1
),
windows(days) AS (VALUES (30), (90), (180), (365)),
points AS (
    SELECT c.id, w.days, c.at + w.days * ?3 AS t FROM cohort c, windows w
    WHERE c.at + w.days * ?3 <= ?2
    UNION ALL
    SELECT c.id, -1, ?2 FROM cohort c
)
SELECT p.days,
    EXISTS (SELECT 1 FROM activities a WHERE a.member_id = p.id
            AND a.occurred_at > p.t - ?4 AND a.occurred_at <= p.t),
    coalesce(
        (SELECT to_rank FROM level_changes c WHERE c.member_id = p.id AND c.at <= p.t
         ORDER BY c.at DESC, c.id DESC LIMIT 1),
        (SELECT from_rank FROM level_changes c WHERE c.member_id = p.id AND c.at > p.t
         ORDER BY c.at, c.id LIMIT 1),
        (SELECT level_rank FROM member_scores s WHERE s.member_id = p.id),
        ?5),
    (SELECT count(*) FROM registrations r JOIN events e ON e.id = r.event_id
     WHERE r.member_id = p.id AND r.status = 'attended' AND e.starts_at < p.t),
    (SELECT count(*) FROM referrals f JOIN members k ON k.id = f.referred_id
     WHERE f.referrer_id = p.id
       AND k.deleted_at IS NULL AND k.merged_into IS NULL AND k.joined_at <= p.t
       AND NOT EXISTS (SELECT 1 FROM campaign_attributions x
                       WHERE x.campaign_id = ?1 AND x.member_id = k.id)),
    (SELECT count(*) FROM referrals f JOIN members k ON k.id = f.referred_id
     JOIN referrals f2 ON f2.referrer_id = k.id JOIN members j ON j.id = f2.referred_id
     WHERE f.referrer_id = p.id
       AND k.deleted_at IS NULL AND k.merged_into IS NULL AND k.joined_at <= p.t
       AND NOT EXISTS (SELECT 1 FROM campaign_attributions x
                       WHERE x.campaign_id = ?1 AND x.member_id = k.id)
       AND j.deleted_at IS NULL AND j.merged_into IS NULL AND j.joined_at <= p.t
       AND NOT EXISTS (SELECT 1 FROM campaign_attributions x
                       WHERE x.campaign_id = ?1 AND x.member_id = j.id))
FROM points p";

/// Running totals of one window (or of today).
#[derive(Debug, Default)]
struct Tally {
    members: u32,
    active: u32,
    attended_any: u32,
    events_attended: u32,
    ranks: BTreeMap<i64, u32>,
    second: u32,
    third: u32,
}

impl Tally {
    fn add(&mut self, active: bool, rank: i64, attended: u32, second: u32, third: u32) {
        self.members += 1;
        self.active += u32::from(active);
        self.attended_any += u32::from(attended > 0);
        self.events_attended += attended;
        *self.ranks.entry(rank).or_default() += 1;
        self.second += second;
        self.third += third;
    }

    fn window(&self, days: u32, ladder: &Ladder) -> CohortWindow {
        CohortWindow {
            days,
            mature: self.members,
            too_young: self.members < MIN_MATURE_MEMBERS,
            active: self.active,
            active_share: (self.members > 0)
                .then(|| f64::from(self.active) / f64::from(self.members)),
            attended_any: self.attended_any,
            events_attended: self.events_attended,
            levels: level_mix(ladder, &self.ranks),
            second_generation: self.second,
            third_generation: self.third,
        }
    }

    fn today(&self, ladder: &Ladder) -> CohortToday {
        CohortToday {
            active: self.active,
            levels: level_mix(ladder, &self.ranks),
            attended_any: self.attended_any,
            events_attended: self.events_attended,
            second_generation: self.second,
            third_generation: self.third,
        }
    }
}

/// Every level of the ladder, lowest first, with how many of `ranks` fall on it; a rank no
/// longer on the ladder counts under the highest level below it (else the lowest).
pub(crate) fn level_mix(ladder: &Ladder, ranks: &BTreeMap<i64, u32>) -> Vec<LevelCount> {
    let lowest = ladder.lowest_rank();
    let mut counts: BTreeMap<i64, u32> = BTreeMap::new();
    for (rank, n) in ranks {
        let placed = ladder
            .level(*rank)
            .or_else(|| ladder.below(*rank))
            .map_or(lowest, |l| l.rank);
        *counts.entry(placed).or_default() += n;
    }
    ladder
        .levels()
        .iter()
        .map(|level| LevelCount {
            level: level.clone(),
            members: counts.get(&level.rank).copied().unwrap_or(0),
        })
        .collect()
}

pub(crate) fn ensure_campaign(conn: &Connection, campaign_id: &str) -> Result<()> {
    let known: bool = conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM campaigns WHERE id = ?1)")?
        .query_row([campaign_id], |r| r.get(0))?;
    if known {
        Ok(())
    } else {
        Err(CoreError::NotFound {
            what: "campaign",
            id: campaign_id.to_owned(),
        })
    }
}

/// The cohort `campaign_id` brought, followed over [`COHORT_WINDOWS`] as of `now_ms`, as the
/// module documentation describes.
pub fn campaign_cohort(
    conn: &Connection,
    campaign_id: &str,
    now_ms: i64,
) -> Result<CampaignCohort> {
    ensure_campaign(conn, campaign_id)?;
    let ladder = Ladder::load(conn)?;
    cohort_with(conn, &ladder, campaign_id, now_ms)
}

pub(crate) fn cohort_with(
    conn: &Connection,
    ladder: &Ladder,
    campaign_id: &str,
    now_ms: i64,
) -> Result<CampaignCohort> {
    let mut windows: Vec<Tally> = COHORT_WINDOWS.iter().map(|_| Tally::default()).collect();
    let mut today = Tally::default();
    let mut stmt = conn.prepare_cached(FOLLOW_SQL)?;
    let mut rows = stmt.query(params![
        campaign_id,
        now_ms,
        DAY_MS,
        ACTIVE_DAYS * DAY_MS,
        ladder.lowest_rank()
    ])?;
    while let Some(r) = rows.next()? {
        let days: i64 = r.get(0)?;
        let tally = if days == TODAY {
            &mut today
        } else {
            match COHORT_WINDOWS.iter().position(|d| i64::from(*d) == days) {
                Some(k) => &mut windows[k],
                None => continue,
            }
        };
        tally.add(r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?);
    }
    let (first, last): (Option<i64>, Option<i64>) = conn
        .prepare_cached(
            "SELECT min(a.attributed_at), max(a.attributed_at) FROM campaign_attributions a
             JOIN members m ON m.id = a.member_id AND m.deleted_at IS NULL
                 AND m.merged_into IS NULL
             WHERE a.campaign_id = ?1",
        )?
        .query_row([campaign_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(CampaignCohort {
        campaign_id: campaign_id.to_owned(),
        members: today.members,
        first_attributed_at: first,
        last_attributed_at: last,
        windows: COHORT_WINDOWS
            .iter()
            .zip(&windows)
            .map(|(days, tally)| tally.window(*days, ladder))
            .collect(),
        today: today.today(ladder),
        as_of: now_ms,
    })
}
