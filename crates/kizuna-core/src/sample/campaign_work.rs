//! Campaign work in the sample: the influencer campaign gets a roster of five nano and micro
//! influencers (fees, deliverables, a referral code each) and the members who joined during it
//! are attributed by code (about a third) or because an influencer referred them; the
//! newsletter gets a link tag and link attributions.
//!
//! Drawn from its own random stream, so it changes nothing else in the sample.

use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::campaigns::{
    CodeKind, DeliverableInput, DeliverableKind, InfluencerStatus, InfluencerTerms, add_code,
    add_deliverable, add_influencer, attribute_by_code, attribute_by_link, attribute_referrals,
};
use crate::error::Result;
use crate::ids::CampaignId;
use crate::store::Writer;

/// Mixed into the seed for the campaign stream.
const STREAM: u64 = 0x4341_4d50_4149_474e;
const DAY: i64 = 86_400_000;
/// How many influencers the influencer campaign works with.
const INFLUENCERS: usize = 5;
/// The newsletter's link tag.
const NEWSLETTER_TAG: &str = "origin-stories";

/// (start, end) of a campaign.
fn window(w: &Writer<'_>, id: &CampaignId) -> Result<(i64, i64)> {
    Ok(w.tx().query_row(
        "SELECT starts_at, coalesce(ends_at, starts_at) FROM campaigns WHERE id = ?1",
        [id.as_str()],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

/// Live members who joined within `[start, end]`, in a stable order.
fn joined_between(w: &Writer<'_>, start: i64, end: i64) -> Result<Vec<(String, i64)>> {
    Ok(w.tx()
        .prepare(
            "SELECT id, joined_at FROM members
             WHERE deleted_at IS NULL AND joined_at BETWEEN ?1 AND ?2 ORDER BY joined_at, id",
        )?
        .query_map([start, end], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?)
}

/// Plants rosters, codes and attributions on the sample's influencer and newsletter campaigns
/// (`campaigns` as `sample_campaigns` made them); returns how many members were attributed.
pub(super) fn plant_campaign_work(
    w: &mut Writer<'_>,
    seed: u64,
    campaigns: &[CampaignId],
) -> Result<u32> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ STREAM);
    let mut attributed = 0;
    if let Some(campaign) = campaigns.first() {
        attributed += influencer_campaign(w, &mut rng, campaign)?;
    }
    if let Some(campaign) = campaigns.get(2) {
        let (start, end) = window(w, campaign)?;
        add_code(w, campaign.as_str(), CodeKind::Link, NEWSLETTER_TAG, None)?;
        for (member, joined) in joined_between(w, start, end)? {
            if rng.random_bool(0.25) {
                attribute_by_link(w, &member, NEWSLETTER_TAG, joined)?;
                attributed += 1;
            }
        }
    }
    Ok(attributed)
}

fn influencer_campaign(
    w: &mut Writer<'_>,
    rng: &mut ChaCha8Rng,
    campaign: &CampaignId,
) -> Result<u32> {
    let (start, end) = window(w, campaign)?;
    // Nano and micro accounts on the platforms the roaster works with, one per member.
    let mut candidates: Vec<(String, String, String, String, i64)> = w
        .tx()
        .prepare(
            "SELECT i.id, i.member_id, i.platform, i.handle, i.followers FROM identities i
             JOIN members m ON m.id = i.member_id
             WHERE m.deleted_at IS NULL AND m.joined_at < ?1
               AND i.platform IN ('instagram', 'youtube', 'x')
               AND i.followers BETWEEN 1000 AND 99999
             ORDER BY i.member_id, i.followers DESC, i.id",
        )?
        .query_map([start], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    candidates.dedup_by(|a, b| a.1 == b.1);
    candidates.shuffle(rng);
    // Two micro influencers (10k+ followers) when there are, the rest nano.
    let (micro, nano): (Vec<_>, Vec<_>) = candidates.into_iter().partition(|c| c.4 >= 10_000);
    let picked: Vec<_> = micro
        .into_iter()
        .take(2)
        .chain(nano)
        .take(INFLUENCERS)
        .collect();
    let mut codes = Vec::new();
    for (n, (identity, member, platform, handle, followers)) in picked.into_iter().enumerate() {
        let fee = rng.random_range(4..=16) * 5_000;
        let terms = InfluencerTerms {
            identity_id: Some(identity),
            fee: fee.to_string(),
            status: InfluencerStatus::Done,
            notes: None,
        };
        let roster_row = add_influencer(w, campaign.as_str(), &member, &terms)?;
        let kind = match platform.as_str() {
            "youtube" => DeliverableKind::Video,
            _ if rng.random_bool(0.3) => DeliverableKind::Story,
            _ => DeliverableKind::Post,
        };
        for d in 0..rng.random_range(1..=3_i64) {
            let planned = start + (d * 14 + rng.random_range(0..10)) * DAY;
            let published = planned + rng.random_range(0..3) * DAY;
            let host = if platform == "x" {
                "x.com".to_owned()
            } else {
                format!("{platform}.com")
            };
            add_deliverable(
                w,
                &roster_row,
                &DeliverableInput {
                    kind,
                    planned_at: Some(planned),
                    published_at: (published <= end).then_some(published),
                    url: Some(format!("https://{host}/{handle}/{}", 1_000 + d)),
                    reach: Some(followers * rng.random_range(20..80) / 100),
                    notes: None,
                },
            )?;
        }
        let stem: String = handle
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .take(8)
            .collect();
        let code = format!("SPRING{}-{stem}", n + 1);
        add_code(
            w,
            campaign.as_str(),
            CodeKind::Code,
            &code,
            Some(&roster_row),
        )?;
        codes.push(code);
    }
    let mut attributed = attribute_referrals(w, campaign.as_str())?;
    if codes.is_empty() {
        return Ok(attributed);
    }
    for (member, joined) in joined_between(w, start, end)? {
        if rng.random_bool(0.35) {
            let code = &codes[rng.random_range(0..codes.len())];
            // One already attributed as someone an influencer referred stays so.
            if attribute_by_code(w, &member, code, joined)?
                .code_id
                .is_some()
            {
                attributed += 1;
            }
        }
    }
    Ok(attributed)
}
