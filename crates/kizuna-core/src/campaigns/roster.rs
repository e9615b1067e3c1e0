//! A campaign's influencer roster: members working on it through one of their identities, with
//! a fee, a status and deliverables; and the shortlist of candidates to pick from.

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::campaign::{ensure_campaign, ensure_member};
use crate::error::{CoreError, Result};
use crate::influencers::influencer_thresholds;
use crate::members::InfluencerTier;
use crate::money::parse_amount;
use crate::store::{SyncedTable, Writer};

/// Where an influencer stands on a campaign.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum InfluencerStatus {
    Shortlisted,
    Contracted,
    Declined,
    Done,
}

impl InfluencerStatus {
    /// The status as stored.
    pub fn as_sql(self) -> &'static str {
        match self {
            InfluencerStatus::Shortlisted => "shortlisted",
            InfluencerStatus::Contracted => "contracted",
            InfluencerStatus::Declined => "declined",
            InfluencerStatus::Done => "done",
        }
    }

    /// Reads `shortlisted`, `contracted`, `declined` or `done`.
    pub fn parse(text: &str) -> Result<Self> {
        [Self::Shortlisted, Self::Contracted, Self::Declined, Self::Done]
            .into_iter()
            .find(|s| s.as_sql().eq_ignore_ascii_case(text.trim()))
            .ok_or_else(|| {
                crate::invalid!("campaigns.unknownInfluencerStatus", "\"{text}\" is not an influencer status (use shortlisted, contracted, declined or done)", text)
            })
    }
}

/// What a deliverable is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum DeliverableKind {
    Post,
    Video,
    Story,
    Stream,
    Article,
    Other,
}

impl DeliverableKind {
    /// The kind as stored.
    pub fn as_sql(self) -> &'static str {
        match self {
            DeliverableKind::Post => "post",
            DeliverableKind::Video => "video",
            DeliverableKind::Story => "story",
            DeliverableKind::Stream => "stream",
            DeliverableKind::Article => "article",
            DeliverableKind::Other => "other",
        }
    }

    /// Reads a stored or typed kind.
    pub fn parse(text: &str) -> Result<Self> {
        use DeliverableKind::*;
        [Post, Video, Story, Stream, Article, Other]
            .into_iter()
            .find(|k| k.as_sql().eq_ignore_ascii_case(text.trim()))
            .ok_or_else(|| {
                crate::invalid!("campaigns.unknownDeliverable", "\"{text}\" is not a deliverable kind (use post, video, story, stream, article or other)", text)
            })
    }
}

/// The terms of an influencer on a campaign, as a form edits them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct InfluencerTerms {
    /// One of the member's own identities (the account they post from).
    pub identity_id: Option<String>,
    /// The fee as typed in the campaign's currency; empty for none.
    pub fee: String,
    pub status: InfluencerStatus,
    pub notes: Option<String>,
}

/// A deliverable as a form edits it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DeliverableInput {
    pub kind: DeliverableKind,
    #[ts(type = "number | null")]
    pub planned_at: Option<i64>,
    #[ts(type = "number | null")]
    pub published_at: Option<i64>,
    pub url: Option<String>,
    #[ts(type = "number | null")]
    pub reach: Option<i64>,
    pub notes: Option<String>,
}

/// A stored deliverable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Deliverable {
    pub id: String,
    pub influencer_id: String,
    /// Kind, dates, URL, reach and notes, as the form edits them.
    #[serde(flatten)]
    #[ts(flatten)]
    pub details: DeliverableInput,
}

/// One influencer on a campaign's roster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RosterEntry {
    pub id: String,
    pub campaign_id: String,
    pub member_id: String,
    pub display_name: String,
    pub identity_id: Option<String>,
    pub platform: Option<String>,
    pub handle: Option<String>,
    #[ts(type = "number | null")]
    pub followers: Option<i64>,
    pub tier: Option<InfluencerTier>,
    #[ts(type = "number | null")]
    pub fee_minor: Option<i64>,
    pub status: InfluencerStatus,
    pub notes: Option<String>,
    #[ts(type = "number")]
    pub added_at: i64,
    pub deliverables: Vec<Deliverable>,
    /// Members attributed through this influencer's codes or as people they referred.
    #[ts(type = "number")]
    pub members_brought: i64,
}

fn opt_text(v: &Option<String>) -> Value {
    v.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map_or(Value::Null, |s| Value::Text(s.to_owned()))
}

/// Checks terms for `member` on `campaign` and turns them into cells.
fn term_cells(
    conn: &Connection,
    campaign: &str,
    member: &str,
    terms: &InfluencerTerms,
) -> Result<Vec<(&'static str, Value)>> {
    let identity = match terms.identity_id.as_deref().map(str::trim) {
        Some(identity) if !identity.is_empty() => {
            let owner: Option<String> = conn
                .prepare_cached("SELECT member_id FROM identities WHERE id = ?1")?
                .query_row([identity], |r| r.get(0))
                .optional()?;
            match owner {
                Some(owner) if owner == member => Value::Text(identity.to_owned()),
                Some(_) => {
                    return Err(crate::invalid!(
                        "campaigns.identityOfOther",
                        "identity {identity} belongs to someone else; pick one of this member's own accounts",
                        identity
                    ));
                }
                None => {
                    return Err(crate::invalid!(
                        "campaigns.noIdentity",
                        "there is no identity {identity}",
                        identity
                    ));
                }
            }
        }
        _ => Value::Null,
    };
    let fee = if terms.fee.trim().is_empty() {
        Value::Null
    } else {
        let currency: Option<String> = conn.query_row(
            "SELECT currency FROM campaigns WHERE id = ?1",
            [campaign],
            |r| r.get(0),
        )?;
        let Some(currency) = currency else {
            return Err(crate::invalid!(
                "campaigns.feeWithoutCurrency",
                "set the campaign's currency before entering fees"
            ));
        };
        let money = parse_amount(&terms.fee, &currency)
            .map_err(|e| crate::invalid!("campaigns.badFee", "fee: {reason}", reason = e))?;
        Value::Integer(money.minor)
    };
    Ok(vec![
        ("identity_id", identity),
        ("fee_minor", fee),
        ("status", Value::Text(terms.status.as_sql().to_owned())),
        ("notes", opt_text(&terms.notes)),
    ])
}

/// Puts a member on a campaign's roster and returns the roster row's id.
pub fn add_influencer(
    w: &mut Writer<'_>,
    campaign: &str,
    member: &str,
    terms: &InfluencerTerms,
) -> Result<String> {
    ensure_campaign(w.tx(), campaign)?;
    ensure_member(w.tx(), member)?;
    let already: bool = w.tx().query_row(
        "SELECT EXISTS (SELECT 1 FROM campaign_influencers WHERE campaign_id = ?1 AND member_id = ?2)",
        [campaign, member],
        |r| r.get(0),
    )?;
    if already {
        return Err(crate::invalid!(
            "campaigns.alreadyOnRoster",
            "this member is already on the campaign's roster"
        ));
    }
    let mut cells = term_cells(w.tx(), campaign, member, terms)?;
    cells.push(("campaign_id", Value::Text(campaign.to_owned())));
    cells.push(("member_id", Value::Text(member.to_owned())));
    cells.push(("added_at", Value::Integer(w.now_ms())));
    let id = crate::ids::derived_id("campaign_influencer", &[campaign, member]);
    w.insert(SyncedTable::CampaignInfluencers, &id, &cells)?;
    Ok(id)
}

/// The (campaign, member) of a roster row.
fn roster_row(conn: &Connection, id: &str) -> Result<(String, String)> {
    conn.prepare_cached("SELECT campaign_id, member_id FROM campaign_influencers WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or_else(|| CoreError::NotFound {
            what: "influencer",
            id: id.to_owned(),
        })
}

/// Changes an influencer's identity, fee, status or notes.
pub fn update_influencer(w: &mut Writer<'_>, id: &str, terms: &InfluencerTerms) -> Result<()> {
    let (campaign, member) = roster_row(w.tx(), id)?;
    let cells = term_cells(w.tx(), &campaign, &member, terms)?;
    w.update(SyncedTable::CampaignInfluencers, id, &cells)
}

/// Takes an influencer off the roster with their deliverables; their codes stay, unassigned.
pub fn remove_influencer(w: &mut Writer<'_>, id: &str) -> Result<()> {
    roster_row(w.tx(), id)?;
    for d in ids(
        w.tx(),
        "SELECT id FROM campaign_deliverables WHERE influencer_id = ?1",
        id,
    )? {
        w.delete(SyncedTable::CampaignDeliverables, &d)?;
    }
    for c in ids(
        w.tx(),
        "SELECT id FROM campaign_codes WHERE influencer_id = ?1",
        id,
    )? {
        w.update(
            SyncedTable::CampaignCodes,
            &c,
            &[("influencer_id", Value::Null)],
        )?;
    }
    w.delete(SyncedTable::CampaignInfluencers, id)
}

pub(super) fn ids(conn: &Connection, sql: &str, arg: &str) -> Result<Vec<String>> {
    Ok(conn
        .prepare_cached(sql)?
        .query_map([arg], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

fn deliverable_cells(input: &DeliverableInput) -> Result<Vec<(&'static str, Value)>> {
    if input.reach.is_some_and(|r| r < 0) {
        return Err(crate::invalid!(
            "campaigns.negativeReach",
            "reach cannot be negative"
        ));
    }
    let url = opt_text(&input.url);
    if let Value::Text(url) = &url
        && !(url.starts_with("https://") || url.starts_with("http://"))
    {
        return Err(crate::invalid!(
            "campaigns.notUrl",
            "\"{url}\" is not a web address (start it with https://)",
            url
        ));
    }
    let at = |v: Option<i64>| v.map_or(Value::Null, Value::Integer);
    Ok(vec![
        ("kind", Value::Text(input.kind.as_sql().to_owned())),
        ("planned_at", at(input.planned_at)),
        ("published_at", at(input.published_at)),
        ("url", url),
        ("reach", at(input.reach)),
        ("notes", opt_text(&input.notes)),
    ])
}

/// Adds a deliverable to an influencer on a roster and returns its id.
pub fn add_deliverable(
    w: &mut Writer<'_>,
    influencer: &str,
    input: &DeliverableInput,
) -> Result<String> {
    roster_row(w.tx(), influencer)?;
    let mut cells = deliverable_cells(input)?;
    cells.push(("influencer_id", Value::Text(influencer.to_owned())));
    let id = crate::ids::CampaignId::new().0;
    w.insert(SyncedTable::CampaignDeliverables, &id, &cells)?;
    Ok(id)
}

/// Saves an edited deliverable.
pub fn update_deliverable(w: &mut Writer<'_>, id: &str, input: &DeliverableInput) -> Result<()> {
    let cells = deliverable_cells(input)?;
    w.update(SyncedTable::CampaignDeliverables, id, &cells)
}

/// Deletes a deliverable.
pub fn remove_deliverable(w: &mut Writer<'_>, id: &str) -> Result<()> {
    w.delete(SyncedTable::CampaignDeliverables, id)
}

fn deliverables(conn: &Connection, influencer: &str) -> Result<Vec<Deliverable>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, influencer_id, kind, planned_at, published_at, url, reach, notes
         FROM campaign_deliverables WHERE influencer_id = ?1
         ORDER BY coalesce(published_at, planned_at), id",
    )?;
    let rows = stmt
        .query_map([influencer], |r| {
            Ok((
                Deliverable {
                    id: r.get(0)?,
                    influencer_id: r.get(1)?,
                    details: DeliverableInput {
                        kind: DeliverableKind::Other,
                        planned_at: r.get(3)?,
                        published_at: r.get(4)?,
                        url: r.get(5)?,
                        reach: r.get(6)?,
                        notes: r.get(7)?,
                    },
                },
                r.get::<_, String>(2)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|(mut d, kind)| {
            d.details.kind = DeliverableKind::parse(&kind)?;
            Ok(d)
        })
        .collect()
}

/// A campaign's roster, most followers first, with deliverables and members brought.
pub fn roster(conn: &Connection, campaign: &str) -> Result<Vec<RosterEntry>> {
    let thresholds = influencer_thresholds(conn)?;
    let mut stmt = conn.prepare_cached(
        "SELECT ci.id, ci.campaign_id, ci.member_id, m.display_name, ci.identity_id, i.platform,
                i.handle, i.followers, ci.fee_minor, ci.status, ci.notes, ci.added_at,
                (SELECT count(*) FROM campaign_attributions a
                  WHERE a.campaign_id = ci.campaign_id
                    AND (a.code_id IN (SELECT id FROM campaign_codes WHERE influencer_id = ci.id)
                         OR (a.via = 'referrer' AND a.referrer_id = ci.member_id)))
         FROM campaign_influencers ci JOIN members m ON m.id = ci.member_id
         LEFT JOIN identities i ON i.id = ci.identity_id
         WHERE ci.campaign_id = ?1
         ORDER BY coalesce(i.followers, -1) DESC, m.sort_key, ci.id",
    )?;
    let rows = stmt
        .query_map([campaign], |r| {
            let followers: Option<i64> = r.get(7)?;
            Ok((
                RosterEntry {
                    id: r.get(0)?,
                    campaign_id: r.get(1)?,
                    member_id: r.get(2)?,
                    display_name: r.get(3)?,
                    identity_id: r.get(4)?,
                    platform: r.get(5)?,
                    handle: r.get(6)?,
                    followers,
                    tier: followers.and_then(|f| thresholds.tier(f)),
                    fee_minor: r.get(8)?,
                    status: InfluencerStatus::Shortlisted,
                    notes: r.get(10)?,
                    added_at: r.get(11)?,
                    deliverables: Vec::new(),
                    members_brought: r.get(12)?,
                },
                r.get::<_, String>(9)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|(entry, status)| {
            Ok(RosterEntry {
                status: InfluencerStatus::parse(&status)?,
                deliverables: deliverables(conn, &entry.id)?,
                ..entry
            })
        })
        .collect()
}
