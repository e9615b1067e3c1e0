//! Word of mouth: a member's referrals, recording and removing one, top advocates and
//! influencers by tier.

use kizuna_core::ids::MemberId;
use kizuna_core::influencers::{self, InfluencerRow, parse_tier};
use kizuna_core::referrals::{self, Advocate, MemberReferrals, ReferralChannel};
use tauri::State;

use crate::AppError;
use crate::state::AppState;

/// How many generations the member page's tree shows.
const TREE_DEPTH: u32 = 3;
/// The most rows the Word of mouth lists show.
const MAX_ROWS: u32 = 200;

/// Who referred the member, whom they brought in, their reach and a small tree.
#[tauri::command]
pub async fn member_referrals(
    state: State<'_, AppState>,
    id: String,
) -> Result<MemberReferrals, AppError> {
    state
        .with_store(move |store| {
            Ok(referrals::member_referrals(
                store.conn(),
                &MemberId::from(id.as_str()),
                TREE_DEPTH,
            )?)
        })
        .await
}

/// Records that `referrer` brought `referred` in through `channel`, now.
#[tauri::command]
pub async fn record_referral(
    state: State<'_, AppState>,
    referrer: String,
    referred: String,
    channel: ReferralChannel,
) -> Result<MemberReferrals, AppError> {
    state
        .with_store(move |store| {
            let (referrer, referred) = (MemberId(referrer), MemberId(referred));
            let at = store.clock().now_ms();
            store.write(|w| {
                referrals::record_referral(w, &referrer, &referred, channel, at, None, None)
            })?;
            Ok(referrals::member_referrals(
                store.conn(),
                &referred,
                TREE_DEPTH,
            )?)
        })
        .await
}

/// Forgets who referred `referred` (and the referrer's referral activity).
#[tauri::command]
pub async fn remove_referral(
    state: State<'_, AppState>,
    referred: String,
) -> Result<MemberReferrals, AppError> {
    state
        .with_store(move |store| {
            let referred = MemberId(referred);
            store.write(|w| referrals::remove_referral(w, &referred))?;
            Ok(referrals::member_referrals(
                store.conn(),
                &referred,
                TREE_DEPTH,
            )?)
        })
        .await
}

/// The members whose word of mouth brought the most people in, with their level.
#[tauri::command]
pub async fn top_advocates(
    state: State<'_, AppState>,
    limit: u32,
) -> Result<Vec<Advocate>, AppError> {
    state
        .with_store(move |store| {
            Ok(referrals::advocate_board(
                store.conn(),
                store.clock().now_ms(),
                limit.min(MAX_ROWS),
                None,
            )?)
        })
        .await
}

/// Influencers, most followers first, only `tier` (nano, micro, mid, macro) when given.
#[tauri::command]
pub async fn list_influencers(
    state: State<'_, AppState>,
    tier: Option<String>,
    limit: u32,
) -> Result<Vec<InfluencerRow>, AppError> {
    state
        .with_store(move |store| {
            let tier = tier.as_deref().map(parse_tier).transpose()?;
            Ok(influencers::influencers(
                store.conn(),
                tier,
                None,
                limit.min(MAX_ROWS),
            )?)
        })
        .await
}
