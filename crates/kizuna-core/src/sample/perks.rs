//! Perks in the sample: an early access in two waves (Champions on day 1, Advocates on day 7)
//! linked to the influencer campaign, a discount code perk with imported codes, and limited
//! merchandise (stock 50), with grants dated in the past and some redemptions.
//!
//! Drawn from its own random stream and planted after scoring, so it changes nothing else.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rusqlite::types::Value;

use crate::error::Result;
use crate::ids::CampaignId;
use crate::perks::{
    BulkTarget, CODE_ALPHABET, PerkInput, PerkKind, WaveInput, create_perk, grant_bulk,
    import_codes, redeem_grant,
};
use crate::store::{SyncedTable, Writer};

/// Mixed into the seed for the perks stream.
const STREAM: u64 = 0x5045_524b_5300_0001;
const DAY: i64 = 86_400_000;
const CODES: usize = 40;

fn rank(w: &Writer<'_>, key: &str) -> Result<i64> {
    Ok(w.tx()
        .query_row("SELECT rank FROM levels WHERE key = ?1", [key], |r| {
            r.get(0)
        })?)
}

fn perk(
    kind: PerkKind,
    name: &str,
    starts_at: i64,
    ends_at: Option<i64>,
    stock: Option<i64>,
    campaign: Option<&CampaignId>,
    waves: Vec<WaveInput>,
) -> PerkInput {
    PerkInput {
        kind,
        name: name.to_owned(),
        description: None,
        starts_at,
        ends_at,
        stock,
        campaign_id: campaign.map(|c| c.to_string()),
        waves,
    }
}

/// Dates every grant of `perk` back to a day after `from` and redeems every `redeem_every`th;
/// returns how many were redeemed.
fn settle(
    w: &mut Writer<'_>,
    rng: &mut ChaCha8Rng,
    perk: &str,
    from: i64,
    redeem_every: usize,
) -> Result<u32> {
    let grants: Vec<(String, Option<i64>)> = w
        .tx()
        .prepare(
            "SELECT g.id, wv.opens_at FROM perk_grants g LEFT JOIN perk_waves wv ON wv.id = g.wave_id
             WHERE g.perk_id = ?1 ORDER BY g.member_id",
        )?
        .query_map([perk], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut redeemed = 0;
    for (i, (id, opens)) in grants.iter().enumerate() {
        let at = opens.unwrap_or(from) + rng.random_range(0..3) * DAY;
        w.update(
            SyncedTable::PerkGrants,
            id,
            &[("granted_at", Value::Integer(at))],
        )?;
        if redeem_every > 0 && i % redeem_every == 0 {
            redeem_grant(w, id)?;
            redeemed += 1;
        }
    }
    Ok(redeemed)
}

/// Plants the sample's perks and grants (`campaigns` as `sample_campaigns` made them);
/// returns how many `perk_redeemed` activities it logged.
pub(super) fn plant_perks(
    w: &mut Writer<'_>,
    seed: u64,
    campaigns: &[CampaignId],
    now: i64,
) -> Result<u32> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ STREAM);
    let (champion, advocate) = (rank(w, "champion")?, rank(w, "advocate")?);
    let start = now - 90 * DAY;
    let wave = |number: i64, name: &str, day: i64, min_level: i64| WaveInput {
        number,
        name: name.to_owned(),
        opens_at: start + day * DAY,
        segment_id: None,
        min_level: Some(min_level),
    };
    let early = create_perk(
        w,
        &perk(
            PerkKind::EarlyAccess,
            "Early access: Spring Blend 2026",
            start,
            None,
            None,
            campaigns.first(),
            vec![
                wave(1, "Champions", 0, champion),
                wave(2, "Advocates", 6, advocate),
            ],
        ),
    )?;
    for number in [1, 2] {
        let target = BulkTarget {
            segment_id: None,
            wave: Some(number),
        };
        grant_bulk(w, &early, &target)?;
    }
    let mut redeemed = settle(w, &mut rng, &early, start, 2)?;

    let discount = create_perk(
        w,
        &perk(
            PerkKind::DiscountCode,
            "会員限定 20% OFF クーポン",
            start,
            None,
            Some(i64::try_from(CODES).unwrap_or(0)),
            None,
            vec![wave(1, "Advocates and up", 0, advocate)],
        ),
    )?;
    let codes: Vec<String> = (0..CODES)
        .map(|_| {
            let tail: String = (0..6)
                .map(|_| char::from(CODE_ALPHABET[rng.random_range(0..CODE_ALPHABET.len())]))
                .collect();
            format!("HINATA-{tail}")
        })
        .collect();
    import_codes(w, &discount, &codes.join("\n"))?;
    grant_bulk(
        w,
        &discount,
        &BulkTarget {
            segment_id: None,
            wave: Some(1),
        },
    )?;
    redeemed += settle(w, &mut rng, &discount, start, 3)?;

    let merch = create_perk(
        w,
        &perk(
            PerkKind::Merchandise,
            "Limited tote bag",
            start,
            None,
            Some(50),
            None,
            vec![wave(1, "Champions", 14, champion)],
        ),
    )?;
    grant_bulk(
        w,
        &merch,
        &BulkTarget {
            segment_id: None,
            wave: Some(1),
        },
    )?;
    redeemed += settle(w, &mut rng, &merch, start + 14 * DAY, 4)?;
    Ok(redeemed)
}
