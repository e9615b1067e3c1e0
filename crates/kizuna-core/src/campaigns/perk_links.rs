//! Perks linked to a campaign: a perk belongs to at most one campaign (`perks.campaign_id`),
//! set from the perk's form or linked and unlinked from the campaign.

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::campaign::ensure_campaign;
use crate::error::{CoreError, Result};
use crate::perks::PerkKind;
use crate::store::{SyncedTable, Writer};

/// A perk linked to a campaign.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LinkedPerk {
    pub perk_id: String,
    pub name: String,
    pub kind: PerkKind,
}

/// The perks linked to `campaign`, by name.
pub(super) fn linked_perks(conn: &Connection, campaign: &str) -> Result<Vec<LinkedPerk>> {
    let rows: Vec<(String, String, String)> = conn
        .prepare_cached(
            "SELECT p.id, p.name, p.kind FROM perks p
             WHERE p.campaign_id = ?1
             ORDER BY p.name, p.id",
        )?
        .query_map([campaign], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    rows.into_iter()
        .map(|(perk_id, name, kind)| {
            Ok(LinkedPerk {
                perk_id,
                name,
                kind: PerkKind::parse(&kind)?,
            })
        })
        .collect()
}

/// Links a perk to a campaign; linking it again changes nothing. A perk already linked to
/// another campaign is refused (unlink it there first).
pub fn link_perk(w: &mut Writer<'_>, campaign: &str, perk: &str) -> Result<()> {
    ensure_campaign(w.tx(), campaign)?;
    let (name, current) = perk_link(w, perk)?;
    match current {
        Some(c) if c == campaign => Ok(()),
        Some(c) => {
            let other: String =
                w.tx()
                    .query_row("SELECT name FROM campaigns WHERE id = ?1", [&c], |r| {
                        r.get(0)
                    })?;
            Err(crate::invalid!(
                "campaigns.perkLinkedElsewhere",
                "the perk \"{name}\" is already linked to the campaign \"{other}\": unlink it there first",
                name,
                other
            ))
        }
        None => w.update(
            SyncedTable::Perks,
            perk,
            &[("campaign_id", Value::Text(campaign.to_owned()))],
        ),
    }
}

/// Unlinks a perk from a campaign.
pub fn unlink_perk(w: &mut Writer<'_>, campaign: &str, perk: &str) -> Result<()> {
    let (name, current) = perk_link(w, perk)?;
    if current.as_deref() == Some(campaign) {
        w.update(SyncedTable::Perks, perk, &[("campaign_id", Value::Null)])
    } else {
        Err(crate::invalid!(
            "campaigns.perkNotLinked",
            "the perk \"{name}\" is not linked to this campaign",
            name
        ))
    }
}

/// The perk's name and its campaign, or `NotFound`.
fn perk_link(w: &Writer<'_>, perk: &str) -> Result<(String, Option<String>)> {
    w.tx()
        .query_row(
            "SELECT name, campaign_id FROM perks WHERE id = ?1",
            [perk],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .ok_or_else(|| CoreError::NotFound {
            what: "perk",
            id: perk.to_owned(),
        })
}
