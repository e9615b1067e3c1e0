//! Which campaign brought a member, and how: by referral code, tagged link, referrer (one of
//! the campaign's influencers) or by hand. A member is attributed at most once per campaign:
//! the row id is derived from (campaign, member) and a second attribution returns the first.

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

use super::campaign::{ensure_campaign, ensure_member};
use super::codes::CodeKind;
use super::pair_id;
use crate::audit;
use crate::error::{CoreError, Result};
use crate::store::{SyncedTable, Writer};

/// How a member came to be attributed to a campaign.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum AttributionVia {
    Code,
    Link,
    Referrer,
    Manual,
}

impl AttributionVia {
    /// The channel as stored.
    pub fn as_sql(self) -> &'static str {
        match self {
            AttributionVia::Code => "code",
            AttributionVia::Link => "link",
            AttributionVia::Referrer => "referrer",
            AttributionVia::Manual => "manual",
        }
    }

    fn parse(text: &str) -> Self {
        match text {
            "code" => AttributionVia::Code,
            "link" => AttributionVia::Link,
            "referrer" => AttributionVia::Referrer,
            _ => AttributionVia::Manual,
        }
    }
}

/// One member attributed to one campaign.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Attribution {
    pub id: String,
    pub campaign_id: String,
    pub member_id: String,
    pub display_name: String,
    pub via: AttributionVia,
    pub code_id: Option<String>,
    /// The code or link tag, when attributed through one.
    pub code: Option<String>,
    /// The influencer who referred them, when attributed via `referrer`.
    pub referrer_id: Option<String>,
    #[ts(type = "number")]
    pub attributed_at: i64,
}

const SELECT: &str = "SELECT a.id, a.campaign_id, a.member_id, m.display_name, a.via, a.code_id,
        k.code, a.referrer_id, a.attributed_at
     FROM campaign_attributions a JOIN members m ON m.id = a.member_id
     LEFT JOIN campaign_codes k ON k.id = a.code_id";

fn read(r: &rusqlite::Row<'_>) -> rusqlite::Result<Attribution> {
    Ok(Attribution {
        id: r.get(0)?,
        campaign_id: r.get(1)?,
        member_id: r.get(2)?,
        display_name: r.get(3)?,
        via: AttributionVia::parse(&r.get::<_, String>(4)?),
        code_id: r.get(5)?,
        code: r.get(6)?,
        referrer_id: r.get(7)?,
        attributed_at: r.get(8)?,
    })
}

fn existing(conn: &Connection, campaign: &str, member: &str) -> Result<Option<Attribution>> {
    Ok(conn
        .prepare_cached(&format!(
            "{SELECT} WHERE a.campaign_id = ?1 AND a.member_id = ?2"
        ))?
        .query_row([campaign, member], read)
        .optional()?)
}

/// Attributes `member` to `campaign` unless they already are; returns the row and whether it
/// is new.
fn attribute(
    w: &mut Writer<'_>,
    campaign: &str,
    member: &str,
    via: AttributionVia,
    code_id: Option<&str>,
    referrer: Option<&str>,
    at: i64,
) -> Result<(Attribution, bool)> {
    ensure_campaign(w.tx(), campaign)?;
    ensure_member(w.tx(), member)?;
    if let Some(found) = existing(w.tx(), campaign, member)? {
        return Ok((found, false));
    }
    let text = |v: Option<&str>| v.map_or(Value::Null, |s| Value::Text(s.to_owned()));
    w.insert(
        SyncedTable::CampaignAttributions,
        &pair_id("campaign_attribution", campaign, member),
        &[
            ("campaign_id", Value::Text(campaign.to_owned())),
            ("member_id", Value::Text(member.to_owned())),
            ("via", Value::Text(via.as_sql().to_owned())),
            ("code_id", text(code_id)),
            ("referrer_id", text(referrer)),
            ("attributed_at", Value::Integer(at)),
        ],
    )?;
    let row = existing(w.tx(), campaign, member)?.ok_or_else(|| CoreError::NotFound {
        what: "attribution",
        id: member.to_owned(),
    })?;
    Ok((row, true))
}

fn by_code(
    w: &mut Writer<'_>,
    kind: CodeKind,
    member: &str,
    code: &str,
    at: i64,
) -> Result<Attribution> {
    let folded = kind.fold(code);
    let found: Option<(String, String)> = w
        .tx()
        .query_row(
            "SELECT id, campaign_id FROM campaign_codes WHERE kind = ?1 AND code = ?2",
            [kind.as_sql(), &folded],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((code_id, campaign)) = found else {
        let noun = kind.noun();
        return Err(crate::invalid!(
            "campaigns.unknownCode",
            "there is no campaign with the {noun} \"{code}\"",
            noun,
            code = code.trim()
        ));
    };
    let via = match kind {
        CodeKind::Code => AttributionVia::Code,
        CodeKind::Link => AttributionVia::Link,
    };
    Ok(attribute(w, &campaign, member, via, Some(&code_id), None, at)?.0)
}

/// Attributes `member` to the campaign whose referral code they used (any case) at `at`.
pub fn attribute_by_code(
    w: &mut Writer<'_>,
    member: &str,
    code: &str,
    at: i64,
) -> Result<Attribution> {
    by_code(w, CodeKind::Code, member, code, at)
}

/// Attributes `member` to the campaign whose link tag they came through at `at`.
pub fn attribute_by_link(
    w: &mut Writer<'_>,
    member: &str,
    tag: &str,
    at: i64,
) -> Result<Attribution> {
    by_code(w, CodeKind::Link, member, tag, at)
}

/// Attributes `member` to `campaign` by hand (recorded in the audit log when new).
pub fn attribute_manually(
    w: &mut Writer<'_>,
    campaign: &str,
    member: &str,
    at: i64,
) -> Result<Attribution> {
    let (row, new) = attribute(w, campaign, member, AttributionVia::Manual, None, None, at)?;
    if new {
        audit::record(
            w,
            "campaign.attribute",
            Some(member),
            &json!({ "campaign": campaign, "attribution": row.id }),
        )?;
    }
    Ok(row)
}

/// Attributes members whom the campaign's influencers (declined ones apart) referred within
/// the campaign's window, via `referrer`; returns how many were newly attributed.
pub fn attribute_referrals(w: &mut Writer<'_>, campaign: &str) -> Result<u32> {
    ensure_campaign(w.tx(), campaign)?;
    let referred: Vec<(String, String, i64)> = w
        .tx()
        .prepare_cached(
            "SELECT r.referred_id, r.referrer_id, r.referred_at
             FROM campaigns c
             JOIN campaign_influencers ci ON ci.campaign_id = c.id AND ci.status <> 'declined'
             JOIN referrals r ON r.referrer_id = ci.member_id
             JOIN members m ON m.id = r.referred_id AND m.deleted_at IS NULL
             WHERE c.id = ?1 AND r.referred_at >= c.starts_at
               AND (c.ends_at IS NULL OR r.referred_at <= c.ends_at)
             ORDER BY r.referred_at, r.referred_id",
        )?
        .query_map([campaign], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut added = 0;
    for (member, referrer, at) in referred {
        let via = AttributionVia::Referrer;
        if attribute(w, campaign, &member, via, None, Some(&referrer), at)?.1 {
            added += 1;
        }
    }
    Ok(added)
}

/// Undoes one attribution (recorded in the audit log).
pub fn remove_attribution(w: &mut Writer<'_>, id: &str) -> Result<()> {
    let found: Option<(String, String)> = w
        .tx()
        .query_row(
            "SELECT campaign_id, member_id FROM campaign_attributions WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((campaign, member)) = found else {
        return Err(CoreError::NotFound {
            what: "attribution",
            id: id.to_owned(),
        });
    };
    w.delete(SyncedTable::CampaignAttributions, id)?;
    audit::record(
        w,
        "campaign.unattribute",
        Some(&member),
        &json!({ "campaign": campaign, "attribution": id }),
    )
}

/// The members attributed to a campaign, in the order they came.
pub fn attributions(conn: &Connection, campaign: &str) -> Result<Vec<Attribution>> {
    let rows = conn
        .prepare_cached(&format!(
            "{SELECT} WHERE a.campaign_id = ?1 ORDER BY a.attributed_at, a.member_id"
        ))?
        .query_map([campaign], read)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Ties an activity to a campaign (`None` unties it).
pub fn tag_activity(w: &mut Writer<'_>, activity: &str, campaign: Option<&str>) -> Result<()> {
    if let Some(campaign) = campaign {
        ensure_campaign(w.tx(), campaign)?;
    }
    let value = campaign.map_or(Value::Null, |c| Value::Text(c.to_owned()));
    w.update(SyncedTable::Activities, activity, &[("campaign_id", value)])
        .map_err(|e| match e {
            CoreError::NotFound { id, .. } => CoreError::NotFound {
                what: "activity",
                id,
            },
            other => other,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_row_id_depends_only_on_campaign_and_member() {
        let a = pair_id("campaign_attribution", "c1", "m1");
        assert_eq!(a, pair_id("campaign_attribution", "c1", "m1"));
        assert_ne!(a, pair_id("campaign_attribution", "c1", "m2"));
        assert_ne!(a, pair_id("campaign_attribution", "c2", "m1"));
    }
}
