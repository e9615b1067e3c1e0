//! The shortlist of candidate influencers for a campaign: members in a follower tier, with a
//! trait when asked, those with the best past results first.

use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::campaign::ensure_campaign;
use crate::error::Result;
use crate::influencers::influencer_thresholds;
use crate::members::InfluencerTier;
use crate::members::{TraitDimension, normalise_trait_key, normalise_trait_value};

/// A trait a shortlisted member must have.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TraitFilter {
    pub dimension: TraitDimension,
    pub key: String,
    pub value: String,
}

/// Which candidates the shortlist offers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ShortlistFilters {
    /// Only these tiers (all tiers when empty).
    pub tiers: Vec<InfluencerTier>,
    /// Only accounts on this platform.
    pub platform: Option<String>,
    pub trait_filter: Option<TraitFilter>,
    pub limit: u32,
}

/// A candidate influencer for a campaign.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ShortlistCandidate {
    pub member_id: String,
    pub display_name: String,
    pub identity_id: String,
    pub platform: String,
    pub handle: String,
    #[ts(type = "number")]
    pub followers: i64,
    pub tier: InfluencerTier,
    /// Other campaigns they were on the roster of.
    #[ts(type = "number")]
    pub past_campaigns: i64,
    /// Members attributed through their codes in other campaigns.
    #[ts(type = "number")]
    pub past_members_brought: i64,
    /// Already on this campaign's roster.
    pub on_roster: bool,
}

/// Candidate influencers for `campaign`: live members whose most-followed account (on the
/// platform asked for) puts them in a tier, with the trait asked for; those who brought the
/// most members through their codes in other campaigns first, then by followers.
pub fn shortlist(
    conn: &Connection,
    campaign: &str,
    filters: &ShortlistFilters,
) -> Result<Vec<ShortlistCandidate>> {
    ensure_campaign(conn, campaign)?;
    let thresholds = influencer_thresholds(conn)?;
    let platform = filters
        .platform
        .as_deref()
        .map(|p| p.trim().to_lowercase())
        .filter(|p| !p.is_empty());
    let (dimension, key, value) = match &filters.trait_filter {
        Some(t) => (
            Some(t.dimension.as_sql()),
            Some(normalise_trait_key(&t.key)?),
            Some(normalise_trait_value(&t.value)?),
        ),
        None => (None, None, None),
    };
    let mut stmt = conn.prepare_cached(
        "WITH best AS (
             SELECT i.id AS identity_id, i.member_id, m.display_name, m.sort_key, i.platform,
                    i.handle, i.followers,
                    row_number() OVER (PARTITION BY i.member_id
                                       ORDER BY i.followers DESC, i.platform, i.handle) AS rank
             FROM identities i JOIN members m ON m.id = i.member_id
             WHERE m.deleted_at IS NULL AND i.followers >= ?2
               AND (?1 IS NULL OR i.platform = ?1))
         SELECT b.member_id, b.display_name, b.identity_id, b.platform, b.handle, b.followers,
                (SELECT count(*) FROM campaign_influencers ci
                  WHERE ci.member_id = b.member_id AND ci.campaign_id <> ?3),
                (SELECT count(*) FROM campaign_attributions a
                   JOIN campaign_codes c ON c.id = a.code_id
                   JOIN campaign_influencers ci ON ci.id = c.influencer_id
                  WHERE ci.member_id = b.member_id AND a.campaign_id <> ?3) AS brought,
                EXISTS (SELECT 1 FROM campaign_influencers ci
                         WHERE ci.member_id = b.member_id AND ci.campaign_id = ?3)
         FROM best b
         WHERE b.rank = 1
           AND (?4 IS NULL OR EXISTS (SELECT 1 FROM member_traits t
                 WHERE t.member_id = b.member_id AND t.dimension = ?4 AND t.key = ?5
                   AND t.value = ?6))
         ORDER BY brought DESC, b.followers DESC, b.sort_key, b.member_id",
    )?;
    let rows = stmt
        .query_map(
            params![
                platform,
                thresholds.nano_min,
                campaign,
                dimension,
                key,
                value
            ],
            |r| {
                let followers: i64 = r.get(5)?;
                Ok(ShortlistCandidate {
                    member_id: r.get(0)?,
                    display_name: r.get(1)?,
                    identity_id: r.get(2)?,
                    platform: r.get(3)?,
                    handle: r.get(4)?,
                    followers,
                    tier: thresholds.tier(followers).unwrap_or(InfluencerTier::Nano),
                    past_campaigns: r.get(6)?,
                    past_members_brought: r.get(7)?,
                    on_roster: r.get(8)?,
                })
            },
        )?
        .filter(|c| {
            c.as_ref().map_or(true, |c| {
                filters.tiers.is_empty() || filters.tiers.contains(&c.tier)
            })
        })
        .take(if filters.limit == 0 {
            usize::MAX
        } else {
            filters.limit as usize
        })
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}
