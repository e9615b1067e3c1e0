//! Campaigns from the app: the campaign itself, linked events, the influencer roster with
//! deliverables, the shortlist, codes and tagged links, attribution and the cohort figures.
//! Each command is a thin call into `kizuna_core::campaigns`.

use kizuna_core::campaigns::{
    self as core, Attribution, CampaignCohort, CampaignDetail, CampaignInput, CampaignRow,
    CodeKind, DeliverableInput, InfluencerTerms, ShortlistCandidate, ShortlistFilters,
};
use tauri::State;

use crate::AppError;
use crate::state::AppState;

/// Every campaign, latest start first, with what it brought so far.
#[tauri::command]
pub async fn list_campaigns(state: State<'_, AppState>) -> Result<Vec<CampaignRow>, AppError> {
    state
        .read(|store| core::list_campaigns(store.conn(), store.clock().now_ms()))
        .await
}

/// One campaign with its events, roster, codes and attributions by channel.
#[tauri::command]
pub async fn campaign_detail(
    state: State<'_, AppState>,
    id: String,
) -> Result<CampaignDetail, AppError> {
    state
        .read(move |store| core::campaign_detail(store.conn(), &id, store.clock().now_ms()))
        .await
}

/// Creates a campaign from a form (nothing saved when a field is wrong); returns its id.
#[tauri::command]
pub async fn create_campaign(
    state: State<'_, AppState>,
    input: CampaignInput,
) -> Result<String, AppError> {
    state
        .write(move |w| Ok(core::add_campaign(w, &input)?.0))
        .await
}

/// Saves an edited campaign.
#[tauri::command]
pub async fn update_campaign(
    state: State<'_, AppState>,
    id: String,
    input: CampaignInput,
) -> Result<(), AppError> {
    state
        .write(move |w| core::update_campaign(w, &id, &input))
        .await
}

/// Links an event to a campaign.
#[tauri::command]
pub async fn link_campaign_event(
    state: State<'_, AppState>,
    campaign_id: String,
    event_id: String,
) -> Result<(), AppError> {
    state
        .write(move |w| core::link_event(w, &campaign_id, &event_id))
        .await
}

/// Unlinks an event from a campaign.
#[tauri::command]
pub async fn unlink_campaign_event(
    state: State<'_, AppState>,
    campaign_id: String,
    event_id: String,
) -> Result<(), AppError> {
    state
        .write(move |w| core::unlink_event(w, &campaign_id, &event_id))
        .await
}

/// Links a perk to a campaign (a perk belongs to at most one campaign).
#[tauri::command]
pub async fn link_campaign_perk(
    state: State<'_, AppState>,
    campaign_id: String,
    perk_id: String,
) -> Result<(), AppError> {
    state
        .write(move |w| core::link_perk(w, &campaign_id, &perk_id))
        .await
}

/// Unlinks a perk from a campaign.
#[tauri::command]
pub async fn unlink_campaign_perk(
    state: State<'_, AppState>,
    campaign_id: String,
    perk_id: String,
) -> Result<(), AppError> {
    state
        .write(move |w| core::unlink_perk(w, &campaign_id, &perk_id))
        .await
}

/// Puts a member on the campaign's roster; returns the roster row's id.
#[tauri::command]
pub async fn add_campaign_influencer(
    state: State<'_, AppState>,
    campaign_id: String,
    member_id: String,
    terms: InfluencerTerms,
) -> Result<String, AppError> {
    state
        .write(move |w| core::add_influencer(w, &campaign_id, &member_id, &terms))
        .await
}

/// Changes an influencer's account, fee, status or notes.
#[tauri::command]
pub async fn update_campaign_influencer(
    state: State<'_, AppState>,
    influencer_id: String,
    terms: InfluencerTerms,
) -> Result<(), AppError> {
    state
        .write(move |w| core::update_influencer(w, &influencer_id, &terms))
        .await
}

/// Takes an influencer off the roster with their deliverables.
#[tauri::command]
pub async fn remove_campaign_influencer(
    state: State<'_, AppState>,
    influencer_id: String,
) -> Result<(), AppError> {
    state
        .write(move |w| core::remove_influencer(w, &influencer_id))
        .await
}

/// Adds a deliverable to an influencer; returns its id.
#[tauri::command]
pub async fn add_campaign_deliverable(
    state: State<'_, AppState>,
    influencer_id: String,
    input: DeliverableInput,
) -> Result<String, AppError> {
    state
        .write(move |w| core::add_deliverable(w, &influencer_id, &input))
        .await
}

/// Saves an edited deliverable.
#[tauri::command]
pub async fn update_campaign_deliverable(
    state: State<'_, AppState>,
    deliverable_id: String,
    input: DeliverableInput,
) -> Result<(), AppError> {
    state
        .write(move |w| core::update_deliverable(w, &deliverable_id, &input))
        .await
}

/// Deletes a deliverable.
#[tauri::command]
pub async fn remove_campaign_deliverable(
    state: State<'_, AppState>,
    deliverable_id: String,
) -> Result<(), AppError> {
    state
        .write(move |w| core::remove_deliverable(w, &deliverable_id))
        .await
}

/// Adds a referral code or link tag (for one influencer when given); returns its id.
#[tauri::command]
pub async fn add_campaign_code(
    state: State<'_, AppState>,
    campaign_id: String,
    kind: CodeKind,
    code: String,
    influencer_id: Option<String>,
) -> Result<String, AppError> {
    state
        .write(move |w| core::add_code(w, &campaign_id, kind, &code, influencer_id.as_deref()))
        .await
}

/// Deletes a code no member was attributed through.
#[tauri::command]
pub async fn remove_campaign_code(
    state: State<'_, AppState>,
    code_id: String,
) -> Result<(), AppError> {
    state.write(move |w| core::remove_code(w, &code_id)).await
}

/// Attributes a member, now, to the campaign whose referral code or link tag they used.
#[tauri::command]
pub async fn attribute_campaign_code(
    state: State<'_, AppState>,
    member_id: String,
    kind: CodeKind,
    code: String,
) -> Result<Attribution, AppError> {
    state
        .write(move |w| {
            let now = w.now_ms();
            match kind {
                CodeKind::Code => core::attribute_by_code(w, &member_id, &code, now),
                CodeKind::Link => core::attribute_by_link(w, &member_id, &code, now),
            }
        })
        .await
}

/// Attributes a member to a campaign by hand, now.
#[tauri::command]
pub async fn attribute_campaign_manually(
    state: State<'_, AppState>,
    campaign_id: String,
    member_id: String,
) -> Result<Attribution, AppError> {
    state
        .write(move |w| {
            let now = w.now_ms();
            core::attribute_manually(w, &campaign_id, &member_id, now)
        })
        .await
}

/// Attributes the members the campaign's influencers referred in its window; returns how many.
#[tauri::command]
pub async fn attribute_campaign_referrals(
    state: State<'_, AppState>,
    campaign_id: String,
) -> Result<u32, AppError> {
    state
        .write(move |w| core::attribute_referrals(w, &campaign_id))
        .await
}

/// The members attributed to a campaign, with how each came.
#[tauri::command]
pub async fn campaign_attributions(
    state: State<'_, AppState>,
    campaign_id: String,
) -> Result<Vec<Attribution>, AppError> {
    state
        .read(move |store| core::attributions(store.conn(), &campaign_id))
        .await
}

/// Undoes one attribution.
#[tauri::command]
pub async fn remove_campaign_attribution(
    state: State<'_, AppState>,
    attribution_id: String,
) -> Result<(), AppError> {
    state
        .write(move |w| core::remove_attribution(w, &attribution_id))
        .await
}

/// Candidate influencers for a campaign by tier, platform and trait, best past results first.
#[tauri::command]
pub async fn campaign_shortlist(
    state: State<'_, AppState>,
    campaign_id: String,
    filters: ShortlistFilters,
) -> Result<Vec<ShortlistCandidate>, AppError> {
    state
        .read(move |store| core::shortlist(store.conn(), &campaign_id, &filters))
        .await
}

/// The cohort a campaign brought, followed at 30 / 90 / 180 / 365 days.
#[tauri::command]
pub async fn campaign_cohort(
    state: State<'_, AppState>,
    campaign_id: String,
) -> Result<CampaignCohort, AppError> {
    state
        .read(move |store| {
            core::campaign_cohort(store.conn(), &campaign_id, store.clock().now_ms())
        })
        .await
}
