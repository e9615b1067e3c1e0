//! Campaigns (the campaigns issue adds rosters, attribution and comparison).

use rusqlite::types::Value;

use crate::error::{CoreError, Result};
use crate::ids::CampaignId;
use crate::money::Money;
use crate::store::{SyncedTable, Writer};

/// The kind of a campaign.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CampaignKind {
    Influencer,
    Email,
    Social,
    Referral,
    CoCreation,
    Event,
}

impl CampaignKind {
    fn as_sql(self) -> &'static str {
        match self {
            CampaignKind::Influencer => "influencer",
            CampaignKind::Email => "email",
            CampaignKind::Social => "social",
            CampaignKind::Referral => "referral",
            CampaignKind::CoCreation => "co_creation",
            CampaignKind::Event => "event",
        }
    }
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
        return Err(CoreError::InvalidInput(
            "a campaign needs a name".to_owned(),
        ));
    }
    if new.budget.is_some_and(|b| b.minor < 0) {
        return Err(CoreError::InvalidInput(
            "a budget cannot be negative".to_owned(),
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
