//! Referral codes (folded to upper case) and link tags (lower case) of campaigns, unique across
//! campaigns, optionally one influencer's own.

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::campaign::ensure_campaign;
use crate::error::Result;
use crate::store::{SyncedTable, Writer};

/// A referral code people type, or a tag in the links they follow (e.g. `utm_campaign`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum CodeKind {
    Code,
    Link,
}

impl CodeKind {
    /// The kind as stored.
    pub fn as_sql(self) -> &'static str {
        match self {
            CodeKind::Code => "code",
            CodeKind::Link => "link",
        }
    }

    /// `code` folds to upper case, `link` to lower case, both trimmed.
    pub fn fold(self, text: &str) -> String {
        match self {
            CodeKind::Code => text.trim().to_uppercase(),
            CodeKind::Link => text.trim().to_lowercase(),
        }
    }

    /// What the manager calls it, keyed so the UI words it in its language.
    pub(crate) fn noun(self) -> crate::Invalid {
        match self {
            CodeKind::Code => crate::invalid_reason!("campaigns.referralCode", "referral code"),
            CodeKind::Link => crate::invalid_reason!("campaigns.linkTag", "link tag"),
        }
    }
}

/// A campaign's code or link tag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CampaignCode {
    pub id: String,
    pub campaign_id: String,
    pub kind: CodeKind,
    pub code: String,
    /// The roster row of the influencer the code belongs to.
    pub influencer_id: Option<String>,
    pub influencer_name: Option<String>,
    /// Members attributed through this code.
    #[ts(type = "number")]
    pub members_brought: i64,
}

/// Adds a code or link tag to a campaign (for one of its influencers when given) and returns
/// its id; a code already used by any campaign is refused.
pub fn add_code(
    w: &mut Writer<'_>,
    campaign: &str,
    kind: CodeKind,
    code: &str,
    influencer: Option<&str>,
) -> Result<String> {
    ensure_campaign(w.tx(), campaign)?;
    let code = kind.fold(code);
    if code.is_empty() {
        return Err(crate::invalid!(
            "campaigns.codeMissing",
            "enter a {noun}",
            noun = kind.noun()
        ));
    }
    if code.chars().any(char::is_whitespace) || code.chars().count() > 64 {
        return Err(crate::invalid!(
            "campaigns.badCode",
            "\"{code}\" cannot be a {noun}: use up to 64 letters, digits or signs without spaces",
            code,
            noun = kind.noun()
        ));
    }
    let taken: Option<String> = w
        .tx()
        .query_row(
            "SELECT c.name FROM campaign_codes k JOIN campaigns c ON c.id = k.campaign_id
             WHERE k.kind = ?1 AND k.code = ?2",
            [kind.as_sql(), &code],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(name) = taken {
        return Err(crate::invalid!(
            "campaigns.codeTaken",
            "the {noun} \"{code}\" is already used by the campaign \"{name}\"",
            noun = kind.noun(),
            code,
            name
        ));
    }
    if let Some(influencer) = influencer {
        let on_roster: bool = w.tx().query_row(
            "SELECT EXISTS (SELECT 1 FROM campaign_influencers WHERE id = ?1 AND campaign_id = ?2)",
            [influencer, campaign],
            |r| r.get(0),
        )?;
        if !on_roster {
            return Err(crate::invalid!(
                "campaigns.influencerNotOnRoster",
                "influencer {influencer} is not on this campaign's roster",
                influencer
            ));
        }
    }
    let id = crate::ids::derived_id("campaign_code", &[kind.as_sql(), &code]);
    w.insert(
        SyncedTable::CampaignCodes,
        &id,
        &[
            ("campaign_id", Value::Text(campaign.to_owned())),
            ("kind", Value::Text(kind.as_sql().to_owned())),
            ("code", Value::Text(code)),
            (
                "influencer_id",
                influencer.map_or(Value::Null, |i| Value::Text(i.to_owned())),
            ),
        ],
    )?;
    Ok(id)
}

/// Deletes a code no member was attributed through yet.
pub fn remove_code(w: &mut Writer<'_>, id: &str) -> Result<()> {
    let used: i64 = w.tx().query_row(
        "SELECT count(*) FROM campaign_attributions WHERE code_id = ?1",
        [id],
        |r| r.get(0),
    )?;
    if used > 0 {
        return Err(crate::invalid!(
            "campaigns.codeUsed",
            "{used} members were attributed through this code; it cannot be deleted",
            used
        ));
    }
    w.delete(SyncedTable::CampaignCodes, id)
}

/// A campaign's codes and link tags, codes first, alphabetically.
pub fn codes(conn: &Connection, campaign: &str) -> Result<Vec<CampaignCode>> {
    let mut stmt = conn.prepare_cached(
        "SELECT k.id, k.campaign_id, k.kind, k.code, k.influencer_id, m.display_name,
                (SELECT count(*) FROM campaign_attributions a WHERE a.code_id = k.id)
         FROM campaign_codes k
         LEFT JOIN campaign_influencers ci ON ci.id = k.influencer_id
         LEFT JOIN members m ON m.id = ci.member_id
         WHERE k.campaign_id = ?1 ORDER BY k.kind, k.code",
    )?;
    let rows = stmt
        .query_map([campaign], |r| {
            let kind: String = r.get(2)?;
            Ok(CampaignCode {
                id: r.get(0)?,
                campaign_id: r.get(1)?,
                kind: if kind == "link" {
                    CodeKind::Link
                } else {
                    CodeKind::Code
                },
                code: r.get(3)?,
                influencer_id: r.get(4)?,
                influencer_name: r.get(5)?,
                members_brought: r.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}
