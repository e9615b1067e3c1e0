//! Creating, editing, listing and showing campaigns, and linking events to them.

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{CampaignKind, pair_id};
use crate::audit;
use crate::error::{CoreError, Result};
use crate::ids::CampaignId;
use crate::money::{currency_info, parse_amount};
use crate::store::{SyncedTable, Writer};

/// Where a campaign stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum CampaignStatus {
    Planned,
    Running,
    Done,
    Cancelled,
}

impl CampaignStatus {
    /// The status as stored.
    pub fn as_sql(self) -> &'static str {
        match self {
            CampaignStatus::Planned => "planned",
            CampaignStatus::Running => "running",
            CampaignStatus::Done => "done",
            CampaignStatus::Cancelled => "cancelled",
        }
    }

    /// Reads `planned`, `running`, `done` or `cancelled`.
    pub fn parse(text: &str) -> Result<Self> {
        [Self::Planned, Self::Running, Self::Done, Self::Cancelled]
            .into_iter()
            .find(|s| s.as_sql().eq_ignore_ascii_case(text.trim()))
            .ok_or_else(|| {
                crate::invalid!(
                    "campaigns.unknownStatus",
                    "\"{text}\" is not a campaign status (use planned, running, done or cancelled)",
                    text
                )
            })
    }

    /// The status a window implies at `now`.
    pub fn from_window(starts_at: i64, ends_at: Option<i64>, now: i64) -> Self {
        match ends_at {
            _ if starts_at > now => CampaignStatus::Planned,
            Some(end) if end < now => CampaignStatus::Done,
            _ => CampaignStatus::Running,
        }
    }
}

/// A campaign as a form edits it; money is typed text in `currency`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CampaignInput {
    pub name: String,
    pub kind: CampaignKind,
    /// `None`: follows from the window at the time of saving.
    pub status: Option<CampaignStatus>,
    #[ts(type = "number")]
    pub starts_at: i64,
    #[ts(type = "number | null")]
    pub ends_at: Option<i64>,
    /// ISO code of the campaign's money (budget, spend, fees).
    pub currency: String,
    /// The budget as typed ("¥600,000"); empty for none.
    pub budget: String,
    /// Money actually spent so far as typed; empty for none.
    pub actual_spend: String,
    /// `new_members`, `activities` or `activities:<type>`, `event_attendance`,
    /// `perk_redemptions` or `ideas`.
    pub goal_metric: Option<String>,
    #[ts(type = "number | null")]
    pub goal_target: Option<i64>,
    pub owner: Option<String>,
    pub description: Option<String>,
}

/// One campaign in the list, with the members it brought so far.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CampaignRow {
    pub id: String,
    pub name: String,
    pub kind: CampaignKind,
    pub status: CampaignStatus,
    #[ts(type = "number")]
    pub starts_at: i64,
    #[ts(type = "number | null")]
    pub ends_at: Option<i64>,
    pub currency: Option<String>,
    #[ts(type = "number | null")]
    pub budget_minor: Option<i64>,
    #[ts(type = "number | null")]
    pub actual_spend_minor: Option<i64>,
    /// Sum of the fees of the roster (declined influencers left out).
    #[ts(type = "number")]
    pub fees_minor: i64,
    pub goal_metric: Option<String>,
    #[ts(type = "number | null")]
    pub goal_target: Option<i64>,
    pub owner: Option<String>,
    pub description: Option<String>,
    /// Members attributed to the campaign up to `now`.
    #[ts(type = "number")]
    pub members_brought: i64,
}

/// An event linked to a campaign.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LinkedEvent {
    pub event_id: String,
    pub title: String,
    #[ts(type = "number")]
    pub starts_at: i64,
}

/// How many members came through one channel (`code`, `link`, `referrer`, `manual`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ViaCount {
    pub via: String,
    #[ts(type = "number")]
    pub members: i64,
}

/// A campaign with its events, roster, codes and attribution counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CampaignDetail {
    pub campaign: CampaignRow,
    pub events: Vec<LinkedEvent>,
    pub roster: Vec<super::RosterEntry>,
    pub codes: Vec<super::CampaignCode>,
    pub by_via: Vec<ViaCount>,
    /// Perks linked to the campaign (by link or as the perk's own campaign), by name.
    pub linked_perks: Vec<super::LinkedPerk>,
}

const GOALS: [&str; 5] = [
    "new_members",
    "activities",
    "event_attendance",
    "perk_redemptions",
    "ideas",
];

fn opt_text(v: &Option<String>) -> Value {
    v.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map_or(Value::Null, |s| Value::Text(s.to_owned()))
}

/// Checks a goal metric and returns it as stored.
fn goal(conn: &Connection, metric: &str) -> Result<String> {
    let metric = metric.trim().to_lowercase();
    if let Some(kind) = metric.strip_prefix("activities:") {
        let known: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM activity_types WHERE key = ?1)",
            [kind],
            |r| r.get(0),
        )?;
        if !known {
            return Err(crate::invalid!(
                "campaigns.goalNotActivity",
                "\"{kind}\" is not an activity type, so it cannot be the campaign's goal",
                kind
            ));
        }
        return Ok(metric);
    }
    if GOALS.contains(&metric.as_str()) {
        return Ok(metric);
    }
    Err(crate::invalid!(
        "campaigns.unknownGoal",
        "\"{metric}\" is not a goal metric (use new_members, activities:<type>, event_attendance, perk_redemptions or ideas)",
        metric
    ))
}

/// Checks a campaign form and turns it into cells.
fn cells(conn: &Connection, input: &CampaignInput, now: i64) -> Result<Vec<(&'static str, Value)>> {
    let name = input.name.trim();
    if name.is_empty() {
        return Err(crate::invalid!(
            "campaigns.nameMissing",
            "a campaign needs a name"
        ));
    }
    if input.ends_at.is_some_and(|end| end < input.starts_at) {
        return Err(crate::invalid!(
            "campaigns.endBeforeStart",
            "the campaign ends before it starts; pick an end date after the start"
        ));
    }
    let currency = currency_info(input.currency.trim())?.code;
    let money = |text: &str, what: crate::Invalid| -> Result<Value> {
        if text.trim().is_empty() {
            return Ok(Value::Null);
        }
        parse_amount(text, currency)
            .map(|m| Value::Integer(m.minor))
            .map_err(|e| {
                crate::invalid!("campaigns.badAmount", "{what}: {reason}", what, reason = e)
            })
    };
    let goal_metric = match input.goal_metric.as_deref().map(str::trim) {
        Some(m) if !m.is_empty() => Value::Text(goal(conn, m)?),
        _ => Value::Null,
    };
    if input.goal_target.is_some_and(|t| t < 0) {
        return Err(crate::invalid!(
            "campaigns.negativeTarget",
            "the goal target cannot be negative"
        ));
    }
    let status = input
        .status
        .unwrap_or_else(|| CampaignStatus::from_window(input.starts_at, input.ends_at, now));
    Ok(vec![
        ("name", Value::Text(name.to_owned())),
        ("kind", Value::Text(input.kind.as_sql().to_owned())),
        ("status", Value::Text(status.as_sql().to_owned())),
        ("starts_at", Value::Integer(input.starts_at)),
        ("ends_at", input.ends_at.map_or(Value::Null, Value::Integer)),
        ("currency", Value::Text(currency.to_owned())),
        (
            "budget_minor",
            money(
                &input.budget,
                crate::invalid_reason!("campaigns.budget", "budget"),
            )?,
        ),
        (
            "actual_spend_minor",
            money(
                &input.actual_spend,
                crate::invalid_reason!("campaigns.actualSpend", "actual spend"),
            )?,
        ),
        ("goal_metric", goal_metric),
        (
            "goal_target",
            input.goal_target.map_or(Value::Null, Value::Integer),
        ),
        ("owner", opt_text(&input.owner)),
        ("description", opt_text(&input.description)),
    ])
}

/// Creates a campaign from a checked form; nothing is saved when a field is wrong.
pub fn add_campaign(w: &mut Writer<'_>, input: &CampaignInput) -> Result<CampaignId> {
    let cells = cells(w.tx(), input, w.now_ms())?;
    let id = CampaignId::new();
    w.insert(SyncedTable::Campaigns, id.as_str(), &cells)?;
    audit::record(
        w,
        "campaign.create",
        Some(id.as_str()),
        &serde_json::json!({}),
    )?;
    Ok(id)
}

/// Saves an edited campaign; nothing is saved when a field is wrong.
pub fn update_campaign(w: &mut Writer<'_>, id: &str, input: &CampaignInput) -> Result<()> {
    ensure_campaign(w.tx(), id)?;
    let cells = cells(w.tx(), input, w.now_ms())?;
    w.update(SyncedTable::Campaigns, id, &cells)?;
    audit::record(w, "campaign.update", Some(id), &serde_json::json!({}))
}

/// Fails with "campaign … was not found" unless `id` is a campaign.
pub(super) fn ensure_campaign(conn: &Connection, id: &str) -> Result<()> {
    let found: bool = conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM campaigns WHERE id = ?1)")?
        .query_row([id], |r| r.get(0))?;
    if found {
        Ok(())
    } else {
        Err(CoreError::NotFound {
            what: "campaign",
            id: id.to_owned(),
        })
    }
}

/// Fails with "… is not a member" unless `id` is a live member.
pub(super) fn ensure_member(conn: &Connection, id: &str) -> Result<()> {
    let row: Option<(String, Option<i64>)> = conn
        .prepare_cached("SELECT display_name, deleted_at FROM members WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    match row {
        Some((_, None)) => Ok(()),
        Some((name, Some(_))) => Err(crate::invalid!(
            "campaigns.memberDeleted",
            "{name} is not a member any more (deleted)",
            name
        )),
        None => Err(crate::invalid!(
            "campaigns.notMember",
            "\"{id}\" is not a member of this community",
            id
        )),
    }
}

const ROW_SQL: &str = "SELECT c.id, c.name, c.kind, c.status, c.starts_at, c.ends_at, c.currency,
        c.budget_minor, c.actual_spend_minor,
        (SELECT coalesce(sum(fee_minor), 0) FROM campaign_influencers i
          WHERE i.campaign_id = c.id AND i.status <> 'declined'),
        c.goal_metric, c.goal_target, c.owner, c.description,
        (SELECT count(*) FROM campaign_attributions a
          WHERE a.campaign_id = c.id AND a.attributed_at <= ?1)
     FROM campaigns c";

fn read_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<CampaignRow> {
    let kind: String = r.get(2)?;
    let status: String = r.get(3)?;
    let invalid = |i: usize, e: CoreError| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
    };
    Ok(CampaignRow {
        id: r.get(0)?,
        name: r.get(1)?,
        kind: CampaignKind::parse(&kind).map_err(|e| invalid(2, e))?,
        status: CampaignStatus::parse(&status).map_err(|e| invalid(3, e))?,
        starts_at: r.get(4)?,
        ends_at: r.get(5)?,
        currency: r.get(6)?,
        budget_minor: r.get(7)?,
        actual_spend_minor: r.get(8)?,
        fees_minor: r.get(9)?,
        goal_metric: r.get(10)?,
        goal_target: r.get(11)?,
        owner: r.get(12)?,
        description: r.get(13)?,
        members_brought: r.get(14)?,
    })
}

/// Every campaign, the latest start first, with the members each brought up to `now`.
pub fn list_campaigns(conn: &Connection, now: i64) -> Result<Vec<CampaignRow>> {
    let sql = format!("{ROW_SQL} ORDER BY c.starts_at DESC, c.id");
    let rows = conn
        .prepare_cached(&sql)?
        .query_map([now], read_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// One campaign with its linked events, roster (with deliverables), codes and how members came.
pub fn campaign_detail(conn: &Connection, id: &str, now: i64) -> Result<CampaignDetail> {
    let sql = format!("{ROW_SQL} WHERE c.id = ?2");
    let campaign = conn
        .prepare_cached(&sql)?
        .query_row(params![now, id], read_row)
        .optional()?
        .ok_or_else(|| CoreError::NotFound {
            what: "campaign",
            id: id.to_owned(),
        })?;
    let events = conn
        .prepare_cached(
            "SELECT e.id, e.title, e.starts_at FROM campaign_events ce
             JOIN events e ON e.id = ce.event_id WHERE ce.campaign_id = ?1
             ORDER BY e.starts_at, e.id",
        )?
        .query_map([id], |r| {
            Ok(LinkedEvent {
                event_id: r.get(0)?,
                title: r.get(1)?,
                starts_at: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let by_via = conn
        .prepare_cached(
            "SELECT via, count(*) FROM campaign_attributions
             WHERE campaign_id = ?1 AND attributed_at <= ?2 GROUP BY via ORDER BY count(*) DESC, via",
        )?
        .query_map(params![id, now], |r| {
            Ok(ViaCount {
                via: r.get(0)?,
                members: r.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(CampaignDetail {
        campaign,
        events,
        roster: super::roster(conn, id)?,
        codes: super::codes(conn, id)?,
        by_via,
        linked_perks: super::perk_links::linked_perks(conn, id)?,
    })
}

/// Links an event to a campaign; linking it again changes nothing.
pub fn link_event(w: &mut Writer<'_>, campaign: &str, event: &str) -> Result<()> {
    ensure_campaign(w.tx(), campaign)?;
    let event_exists: bool = w.tx().query_row(
        "SELECT EXISTS (SELECT 1 FROM events WHERE id = ?1)",
        [event],
        |r| r.get(0),
    )?;
    if !event_exists {
        return Err(CoreError::NotFound {
            what: "event",
            id: event.to_owned(),
        });
    }
    let linked: bool = w.tx().query_row(
        "SELECT EXISTS (SELECT 1 FROM campaign_events WHERE campaign_id = ?1 AND event_id = ?2)",
        [campaign, event],
        |r| r.get(0),
    )?;
    if linked {
        return Ok(());
    }
    w.insert(
        SyncedTable::CampaignEvents,
        &pair_id("campaign_event", campaign, event),
        &[
            ("campaign_id", Value::Text(campaign.to_owned())),
            ("event_id", Value::Text(event.to_owned())),
        ],
    )
}

/// Unlinks an event from a campaign.
pub fn unlink_event(w: &mut Writer<'_>, campaign: &str, event: &str) -> Result<()> {
    let id: Option<String> = w
        .tx()
        .query_row(
            "SELECT id FROM campaign_events WHERE campaign_id = ?1 AND event_id = ?2",
            [campaign, event],
            |r| r.get(0),
        )
        .optional()?;
    match id {
        Some(id) => w.delete(SyncedTable::CampaignEvents, &id),
        None => Err(crate::invalid!(
            "campaigns.eventNotLinked",
            "event {event} is not linked to campaign {campaign}",
            event,
            campaign
        )),
    }
}
