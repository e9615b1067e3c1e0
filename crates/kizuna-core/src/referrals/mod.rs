//! Word of mouth: who brought whom into the community and through which channel, a member's
//! downstream reach (direct and transitive) and the top advocates.
//!
//! A member is referred by at most one person and referrals never form a loop, so the
//! referrals form a forest; the queries still guard against loops a sync might bring in.

mod advocates;
mod reach;
mod summary;

pub use advocates::{AdvocateRow, top_advocates};
pub use reach::{Reach, ReferralNode, reach, referral_tree};
pub use summary::{Advocate, MemberReferrals, ReferredBy, advocate_board, member_referrals};

use std::collections::HashSet;
use std::str::FromStr;

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::activities::{NewActivity, log_activity};
use crate::audit;
use crate::error::{CoreError, Result};
use crate::ids::{CampaignId, MemberId};
use crate::store::{SyncedTable, Writer};

/// How a referred member heard about the community.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ReferralChannel {
    InPerson,
    Link,
    Code,
    Social,
    Event,
    Other,
}

impl ReferralChannel {
    /// Every channel, in the order the UI offers them.
    pub const ALL: [ReferralChannel; 6] = [
        ReferralChannel::InPerson,
        ReferralChannel::Link,
        ReferralChannel::Code,
        ReferralChannel::Social,
        ReferralChannel::Event,
        ReferralChannel::Other,
    ];

    /// The stored (and command-line) name.
    pub fn as_sql(self) -> &'static str {
        match self {
            ReferralChannel::InPerson => "in_person",
            ReferralChannel::Link => "link",
            ReferralChannel::Code => "code",
            ReferralChannel::Social => "social",
            ReferralChannel::Event => "event",
            ReferralChannel::Other => "other",
        }
    }
}

impl FromStr for ReferralChannel {
    type Err = CoreError;

    fn from_str(s: &str) -> Result<Self> {
        let wanted = s.trim().to_lowercase().replace('-', "_");
        Self::ALL
            .into_iter()
            .find(|c| c.as_sql() == wanted)
            .ok_or_else(|| {
                let known: Vec<&str> = Self::ALL.iter().map(|c| c.as_sql()).collect();
                crate::invalid!(
                    "referrals.unknownChannel",
                    "\"{text}\" is not a referral channel (use one of {known})",
                    text = s,
                    known = known.join(", ")
                )
            })
    }
}

/// One recorded referral.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Referral {
    pub id: String,
    pub referrer_id: String,
    pub referred_id: String,
    pub channel: ReferralChannel,
    pub code: Option<String>,
    #[ts(type = "number")]
    pub referred_at: i64,
    pub campaign_id: Option<String>,
}

/// A live member's display name, or why they cannot take part in a referral.
fn live_member_name(conn: &Connection, id: &MemberId) -> Result<String> {
    let row: Option<(String, Option<i64>)> = conn
        .prepare_cached("SELECT display_name, deleted_at FROM members WHERE id = ?1")?
        .query_row([id.as_str()], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    match row {
        None => Err(CoreError::NotFound {
            what: "member",
            id: id.to_string(),
        }),
        Some((name, Some(_))) => Err(crate::invalid!(
            "referrals.memberGone",
            "{name} ({id}) was deleted or merged into another member, so they cannot be part of a referral",
            name,
            id
        )),
        Some((name, None)) => Ok(name),
    }
}

/// The name of whoever referred `member`, if anyone did.
fn existing_referrer(conn: &Connection, member: &MemberId) -> Result<Option<(String, String)>> {
    Ok(conn
        .prepare_cached(
            "SELECT m.id, m.display_name FROM referrals r JOIN members m ON m.id = r.referrer_id
             WHERE r.referred_id = ?1",
        )?
        .query_row([member.as_str()], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// Whether `descendant` was brought in, directly or through others, by `ancestor`: walks up
/// from `descendant` (each member has at most one referrer), stopping on any loop.
fn brought_in_by(conn: &Connection, descendant: &MemberId, ancestor: &MemberId) -> Result<bool> {
    let mut stmt =
        conn.prepare_cached("SELECT referrer_id FROM referrals WHERE referred_id = ?1")?;
    let mut seen = HashSet::new();
    let mut current = descendant.to_string();
    while seen.insert(current.clone()) {
        let Some(up) = stmt
            .query_row([&current], |r| r.get::<_, String>(0))
            .optional()?
        else {
            return Ok(false);
        };
        if up == ancestor.as_str() {
            return Ok(true);
        }
        current = up;
    }
    Ok(false)
}

/// Records that `referrer` brought `referred` in through `channel` at `at` (unix ms), with an
/// optional referral code and campaign, and logs a `referral` activity for the referrer and a
/// `referral.record` audit entry in the same transaction. Refuses self-referrals, unknown or
/// deleted members, a second referrer and loops.
pub fn record_referral(
    w: &mut Writer<'_>,
    referrer: &MemberId,
    referred: &MemberId,
    channel: ReferralChannel,
    at: i64,
    code: Option<&str>,
    campaign: Option<&CampaignId>,
) -> Result<String> {
    let id = insert_referral(w, referrer, referred, channel, at, code, campaign)?;
    audit::record(
        w,
        "referral.record",
        Some(referred.as_str()),
        &serde_json::json!({
            "referral": id,
            "referrer": referrer.as_str(),
            "channel": channel.as_sql(),
        }),
    )?;
    Ok(id)
}

/// [`record_referral`] without the audit entry, for generated data (the sample community).
pub(crate) fn insert_referral(
    w: &mut Writer<'_>,
    referrer: &MemberId,
    referred: &MemberId,
    channel: ReferralChannel,
    at: i64,
    code: Option<&str>,
    campaign: Option<&CampaignId>,
) -> Result<String> {
    if referrer == referred {
        return Err(crate::invalid!(
            "referrals.self",
            "a member cannot refer themselves"
        ));
    }
    let referrer_name = live_member_name(w.tx(), referrer)?;
    let referred_name = live_member_name(w.tx(), referred)?;
    if let Some((_, by)) = existing_referrer(w.tx(), referred)? {
        return Err(crate::invalid!(
            "referrals.alreadyReferred",
            "{referred} was already referred by {by}; a member has only one referrer \
             (remove that referral first)",
            referred = referred_name,
            by
        ));
    }
    if brought_in_by(w.tx(), referrer, referred)? {
        return Err(crate::invalid!(
            "referrals.loop",
            "{referrer} was brought in (directly or through others) by {referred}, \
             so {referrer} cannot have referred {referred}: that would be a loop",
            referrer = referrer_name,
            referred = referred_name
        ));
    }
    if let Some(campaign) = campaign {
        let known: bool = w
            .tx()
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM campaigns WHERE id = ?1)")?
            .query_row([campaign.as_str()], |r| r.get(0))?;
        if !known {
            return Err(CoreError::NotFound {
                what: "campaign",
                id: campaign.to_string(),
            });
        }
    }
    let code = code.map(str::trim).filter(|c| !c.is_empty());
    let activity = log_activity(
        w,
        &NewActivity {
            member: referrer.clone(),
            activity_type: "referral".to_owned(),
            occurred_at: at,
            platform: None,
            url: None,
            event: None,
            campaign: campaign.cloned(),
        },
    )?;
    // One referrer per referred member: two replicas recording it offline make one row.
    let id = crate::ids::derived_id("referral", &[referred.as_str()]);
    let text = |v: Option<&str>| v.map_or(Value::Null, |s| Value::Text(s.to_owned()));
    w.insert(
        SyncedTable::Referrals,
        &id,
        &[
            ("referrer_id", Value::Text(referrer.to_string())),
            ("referred_id", Value::Text(referred.to_string())),
            ("channel", Value::Text(channel.as_sql().to_owned())),
            ("code", text(code)),
            ("referred_at", Value::Integer(at)),
            ("campaign_id", text(campaign.map(CampaignId::as_str))),
            ("activity_id", Value::Text(activity.to_string())),
        ],
    )?;
    Ok(id)
}

/// Removes the referral that brought `referred` in, with the referrer's `referral` activity, and
/// records `referral.remove` in the audit log.
pub fn remove_referral(w: &mut Writer<'_>, referred: &MemberId) -> Result<()> {
    let found: Option<(String, Option<String>, String)> = w
        .tx()
        .prepare_cached(
            "SELECT id, activity_id, referrer_id FROM referrals WHERE referred_id = ?1",
        )?
        .query_row([referred.as_str()], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?;
    let Some((id, activity, referrer)) = found else {
        return Err(CoreError::NotFound {
            what: "referral of member",
            id: referred.to_string(),
        });
    };
    w.delete(SyncedTable::Referrals, &id)?;
    audit::record(
        w,
        "referral.remove",
        Some(referred.as_str()),
        &serde_json::json!({ "referrer": referrer }),
    )?;
    if let Some(activity) = activity {
        let exists: bool = w
            .tx()
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM activities WHERE id = ?1)")?
            .query_row([&activity], |r| r.get(0))?;
        if exists {
            w.delete(SyncedTable::Activities, &activity)?;
        }
    }
    Ok(())
}

/// Who referred `member`, if anyone.
pub fn referral_of(conn: &Connection, member: &MemberId) -> Result<Option<Referral>> {
    Ok(conn
        .prepare_cached(
            "SELECT id, referrer_id, referred_id, channel, code, referred_at, campaign_id
             FROM referrals WHERE referred_id = ?1",
        )?
        .query_row([member.as_str()], |r| {
            let channel: String = r.get(3)?;
            Ok(Referral {
                id: r.get(0)?,
                referrer_id: r.get(1)?,
                referred_id: r.get(2)?,
                channel: channel.parse().unwrap_or(ReferralChannel::Other),
                code: r.get(4)?,
                referred_at: r.get(5)?,
                campaign_id: r.get(6)?,
            })
        })
        .optional()?)
}
