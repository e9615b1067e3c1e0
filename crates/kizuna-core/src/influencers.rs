//! Influencer tiers by follower count, with thresholds the community edits (a synced setting),
//! and the list of influencers behind the Influencers screen.

use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::Result;
use crate::members::InfluencerTier;
use crate::settings;
use crate::store::Writer;

/// Settings key of the tier thresholds (JSON).
pub const THRESHOLDS_KEY: &str = "influencers.tier_thresholds";

/// The fewest followers for each tier; below `nano_min` a member is not counted as an influencer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct InfluencerThresholds {
    #[ts(type = "number")]
    pub nano_min: i64,
    #[ts(type = "number")]
    pub micro_min: i64,
    #[ts(type = "number")]
    pub mid_min: i64,
    #[ts(type = "number")]
    pub macro_min: i64,
}

impl Default for InfluencerThresholds {
    /// 1k, 10k, 100k and 1M followers, as [`InfluencerTier::from_followers`] uses.
    fn default() -> Self {
        Self {
            nano_min: 1_000,
            micro_min: 10_000,
            mid_min: 100_000,
            macro_min: 1_000_000,
        }
    }
}

impl InfluencerThresholds {
    /// The thresholds from the smallest tier up, with their tiers.
    pub fn ladder(&self) -> [(InfluencerTier, i64); 4] {
        [
            (InfluencerTier::Nano, self.nano_min),
            (InfluencerTier::Micro, self.micro_min),
            (InfluencerTier::Mid, self.mid_min),
            (InfluencerTier::Macro, self.macro_min),
        ]
    }

    /// The tier for a follower count, if any.
    pub fn tier(&self, followers: i64) -> Option<InfluencerTier> {
        self.ladder()
            .into_iter()
            .rev()
            .find(|(_, min)| followers >= *min)
            .map(|(tier, _)| tier)
    }

    /// The follower range `[min, max)` of `tier`.
    pub fn range(&self, tier: InfluencerTier) -> (i64, i64) {
        let ladder = self.ladder();
        let at = ladder.iter().position(|(t, _)| *t == tier).unwrap_or(0);
        let max = ladder.get(at + 1).map_or(i64::MAX, |(_, min)| *min);
        (ladder[at].1, max)
    }

    /// Checks that every threshold is positive and each tier starts above the one below.
    pub fn validate(&self) -> Result<()> {
        let ladder = self.ladder();
        if let Some((tier, min)) = ladder.iter().find(|(_, min)| *min <= 0) {
            return Err(crate::invalid!(
                "influencers.thresholdTooLow",
                "the {tier} threshold must be at least 1 follower (got {min})",
                tier = tier_word(*tier),
                min
            ));
        }
        for pair in ladder.windows(2) {
            let ((low, low_min), (high, high_min)) = (pair[0], pair[1]);
            if high_min <= low_min {
                return Err(crate::invalid!(
                    "influencers.thresholdOrder",
                    "the {high} threshold ({highMin}) must be above the {low} threshold ({lowMin})",
                    high = tier_name(high),
                    highMin = high_min,
                    low = tier_name(low),
                    lowMin = low_min
                ));
            }
        }
        Ok(())
    }
}

/// The tier's name inside a refusal, keyed so the UI words it in its language.
fn tier_word(tier: InfluencerTier) -> crate::Invalid {
    match tier {
        InfluencerTier::Nano => crate::invalid_reason!("influencers.nano", "nano"),
        InfluencerTier::Micro => crate::invalid_reason!("influencers.micro", "micro"),
        InfluencerTier::Mid => crate::invalid_reason!("influencers.mid", "mid"),
        InfluencerTier::Macro => crate::invalid_reason!("influencers.macro", "macro"),
    }
}

/// The tier's name as the UI and the CLI write it.
pub fn tier_name(tier: InfluencerTier) -> &'static str {
    match tier {
        InfluencerTier::Nano => "nano",
        InfluencerTier::Micro => "micro",
        InfluencerTier::Mid => "mid",
        InfluencerTier::Macro => "macro",
    }
}

/// Reads a tier name (`nano`, `micro`, `mid`, `macro`).
pub fn parse_tier(name: &str) -> Result<InfluencerTier> {
    InfluencerThresholds::default()
        .ladder()
        .into_iter()
        .map(|(tier, _)| tier)
        .find(|tier| tier_name(*tier).eq_ignore_ascii_case(name.trim()))
        .ok_or_else(|| {
            crate::invalid!(
                "influencers.unknownTier",
                "\"{name}\" is not an influencer tier (use nano, micro, mid or macro)",
                name
            )
        })
}

/// The community's tier thresholds (the defaults until someone edits them).
pub fn influencer_thresholds(conn: &Connection) -> Result<InfluencerThresholds> {
    match settings::get(conn, THRESHOLDS_KEY)? {
        Some(json) => Ok(serde_json::from_str(&json)?),
        None => Ok(InfluencerThresholds::default()),
    }
}

/// Saves new tier thresholds after checking them; nothing is saved when they are invalid.
pub fn set_influencer_thresholds(
    w: &mut Writer<'_>,
    thresholds: &InfluencerThresholds,
) -> Result<()> {
    thresholds.validate()?;
    settings::set(w, THRESHOLDS_KEY, &serde_json::to_string(thresholds)?)
}

/// One influencer: a live member with their most-followed account (on the platform asked
/// for) and its tier.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct InfluencerRow {
    pub member_id: String,
    pub display_name: String,
    pub platform: String,
    pub handle: String,
    #[ts(type = "number")]
    pub followers: i64,
    pub tier: InfluencerTier,
}

/// Live members in an influencer tier, most followers first: by their most-followed account,
/// or only their accounts on `platform`; only `tier` when given.
pub fn influencers(
    conn: &Connection,
    tier: Option<InfluencerTier>,
    platform: Option<&str>,
    limit: u32,
) -> Result<Vec<InfluencerRow>> {
    let thresholds = influencer_thresholds(conn)?;
    let (min, max) = match tier {
        Some(tier) => thresholds.range(tier),
        None => (thresholds.nano_min, i64::MAX),
    };
    let platform = platform
        .map(|p| p.trim().to_lowercase())
        .filter(|p| !p.is_empty());
    let mut stmt = conn.prepare_cached(
        "SELECT member_id, display_name, platform, handle, followers FROM (
             SELECT i.member_id, m.display_name, m.sort_key, i.platform, i.handle, i.followers,
                    row_number() OVER (PARTITION BY i.member_id
                                       ORDER BY i.followers DESC, i.platform, i.handle) AS rank
             FROM identities i JOIN members m ON m.id = i.member_id
             WHERE m.deleted_at IS NULL AND i.followers IS NOT NULL
               AND (?1 IS NULL OR i.platform = ?1)
         )
         WHERE rank = 1 AND followers >= ?2 AND followers < ?3
         ORDER BY followers DESC, sort_key, member_id
         LIMIT ?4",
    )?;
    let rows = stmt
        .query_map(params![platform, min, max, limit], |r| {
            let followers: i64 = r.get(4)?;
            Ok(InfluencerRow {
                member_id: r.get(0)?,
                display_name: r.get(1)?,
                platform: r.get(2)?,
                handle: r.get(3)?,
                followers,
                tier: thresholds.tier(followers).unwrap_or(InfluencerTier::Nano),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}
