//! Campaigns: the campaign itself (window, goal, money, owner, linked events), its influencer
//! roster with deliverables, referral codes and tagged links, and attribution of members.

mod attribution;
mod campaign;
mod codes;
mod cohort_pool;
mod cohorts;
mod compare;
mod compare_csv;
mod perk_links;
mod roster;
mod shortlist;

pub use attribution::{
    Attribution, AttributionVia, attribute_by_code, attribute_by_link, attribute_manually,
    attribute_referrals, attributions, remove_attribution, tag_activity,
};
pub use campaign::{
    CampaignDetail, CampaignInput, CampaignRow, CampaignStatus, LinkedEvent, ViaCount,
    add_campaign, campaign_detail, link_event, list_campaigns, unlink_event, update_campaign,
};
pub use codes::{CampaignCode, CodeKind, add_code, codes, remove_code};
pub use cohorts::{
    ACTIVE_DAYS, COHORT_WINDOWS, CampaignCohort, CohortToday, CohortWindow, MIN_MATURE_MEMBERS,
    campaign_cohort,
};
pub use compare::{
    CampaignComparisonRow, Caveat, Comparison, CostBasis, CurrencyTotal, RetentionPoint,
    all_campaign_ids, compare,
};
pub use compare_csv::{COMPARE_CSV_HEADER, caveat_text, compare_csv, plain_amount};
pub use perk_links::{LinkedPerk, link_perk, unlink_perk};
pub use roster::{
    Deliverable, DeliverableInput, DeliverableKind, InfluencerStatus, InfluencerTerms, RosterEntry,
    add_deliverable, add_influencer, remove_deliverable, remove_influencer, roster,
    update_deliverable, update_influencer,
};
pub use shortlist::{ShortlistCandidate, ShortlistFilters, TraitFilter, shortlist};

use rusqlite::types::Value;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::Result;
use crate::ids::CampaignId;
use crate::money::Money;
use crate::store::{SyncedTable, Writer};

/// The kind of a campaign.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CampaignKind {
    Influencer,
    Email,
    Social,
    Referral,
    CoCreation,
    Event,
}

impl CampaignKind {
    /// Every kind, in the order forms list them.
    pub const ALL: [CampaignKind; 6] = [
        CampaignKind::Influencer,
        CampaignKind::Email,
        CampaignKind::Social,
        CampaignKind::Referral,
        CampaignKind::CoCreation,
        CampaignKind::Event,
    ];

    /// The kind as stored (`co_creation` …).
    pub fn as_sql(self) -> &'static str {
        match self {
            CampaignKind::Influencer => "influencer",
            CampaignKind::Email => "email",
            CampaignKind::Social => "social",
            CampaignKind::Referral => "referral",
            CampaignKind::CoCreation => "co_creation",
            CampaignKind::Event => "event",
        }
    }

    /// Reads a stored or typed kind (`influencer`, `email`, `social`, `referral`,
    /// `co_creation`/`co-creation`, `event`).
    pub fn parse(text: &str) -> crate::error::Result<Self> {
        let wanted = text.trim().to_lowercase().replace('-', "_");
        Self::ALL
            .into_iter()
            .find(|k| k.as_sql() == wanted)
            .ok_or_else(|| {
                crate::invalid!("campaigns.unknownKind", "\"{text}\" is not a campaign kind (use influencer, email, social, referral, co_creation or event)", text)
            })
    }
}

/// The row id of a pair (campaign, something): the same on every replica.
pub(crate) fn pair_id(what: &str, campaign: &str, other: &str) -> String {
    uuid::Uuid::new_v5(
        &uuid::Uuid::NAMESPACE_OID,
        format!("kizuna.{what}/{campaign}/{other}").as_bytes(),
    )
    .to_string()
}

/// What is needed to create a campaign.
#[derive(Debug, Clone)]
pub struct NewCampaign {
    pub name: String,
    pub kind: CampaignKind,
    pub starts_at: i64,
    pub ends_at: Option<i64>,
    pub budget: Option<Money>,
    pub goal_metric: Option<String>,
    pub goal_target: Option<i64>,
}

/// Creates a campaign; its status follows from its window and `now`.
pub fn create_campaign(w: &mut Writer<'_>, new: &NewCampaign) -> Result<CampaignId> {
    if new.name.trim().is_empty() {
        return Err(crate::invalid!(
            "campaigns.nameMissing",
            "a campaign needs a name"
        ));
    }
    if new.budget.is_some_and(|b| b.minor < 0) {
        return Err(crate::invalid!(
            "campaigns.negativeBudget",
            "a budget cannot be negative"
        ));
    }
    let now = w.now_ms();
    let status = match new.ends_at {
        _ if new.starts_at > now => "planned",
        Some(end) if end < now => "done",
        _ => "running",
    };
    let id = CampaignId::new();
    w.insert(
        SyncedTable::Campaigns,
        id.as_str(),
        &[
            ("name", Value::Text(new.name.trim().to_owned())),
            ("kind", Value::Text(new.kind.as_sql().to_owned())),
            ("status", Value::Text(status.to_owned())),
            ("starts_at", Value::Integer(new.starts_at)),
            ("ends_at", new.ends_at.map_or(Value::Null, Value::Integer)),
            (
                "budget_minor",
                new.budget.map_or(Value::Null, |b| Value::Integer(b.minor)),
            ),
            (
                "currency",
                new.budget
                    .map_or(Value::Null, |b| Value::Text(b.currency().to_owned())),
            ),
            (
                "goal_metric",
                new.goal_metric.clone().map_or(Value::Null, Value::Text),
            ),
            (
                "goal_target",
                new.goal_target.map_or(Value::Null, Value::Integer),
            ),
        ],
    )?;
    Ok(id)
}
