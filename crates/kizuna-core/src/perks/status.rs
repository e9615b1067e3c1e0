//! A grant's life after it is given: redeemed (by grant or by code), revoked (stock returns),
//! or expired when the perk's window ends.

use rusqlite::OptionalExtension;
use rusqlite::types::Value;

use super::GrantStatus;
use crate::activities::{NewActivity, log_activity};
use crate::audit;
use crate::error::{CoreError, Result};
use crate::ids::MemberId;
use crate::store::{SyncedTable, Writer};

fn grant_state(w: &Writer<'_>, grant: &str) -> Result<(String, String, GrantStatus)> {
    let row: Option<(String, String, String)> = w
        .tx()
        .query_row(
            "SELECT g.member_id, p.name, g.status FROM perk_grants g JOIN perks p ON p.id = g.perk_id
             WHERE g.id = ?1",
            [grant],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let (member, perk, status) = row.ok_or_else(|| CoreError::NotFound {
        what: "perk grant",
        id: grant.to_owned(),
    })?;
    Ok((member, perk, GrantStatus::parse(&status)?))
}

fn must_be_granted(perk: &str, status: GrantStatus, doing: crate::Invalid) -> Result<()> {
    match status {
        GrantStatus::Granted => Ok(()),
        other => Err(crate::invalid!(
            "perks.grantAlreadyInStatus",
            "this grant of \"{perk}\" is already {status}; it cannot be {doing}",
            perk,
            status = other.word(),
            doing
        )),
    }
}

/// Marks a grant redeemed and logs a `perk_redeemed` activity for the member.
pub fn redeem_grant(w: &mut Writer<'_>, grant: &str) -> Result<()> {
    let now = w.now_ms();
    redeem_grant_at(w, grant, now)
}

/// Marks a grant redeemed at `now` (ms) and logs `perk_redeemed` at that time.
pub(crate) fn redeem_grant_at(w: &mut Writer<'_>, grant: &str, now: i64) -> Result<()> {
    let (member, perk, status) = grant_state(w, grant)?;
    must_be_granted(
        &perk,
        status,
        crate::invalid_reason!("perks.doingRedeem", "redeemed"),
    )?;
    w.update(
        SyncedTable::PerkGrants,
        grant,
        &[
            ("status", Value::Text("redeemed".to_owned())),
            ("redeemed_at", Value::Integer(now)),
        ],
    )?;
    log_activity(
        w,
        &NewActivity {
            member: MemberId(member),
            activity_type: "perk_redeemed".to_owned(),
            occurred_at: now,
            platform: None,
            url: None,
            event: None,
            campaign: None,
        },
    )?;
    audit::record(w, "perk.redeem", Some(grant), &serde_json::json!({}))
}

/// Redeems the grant holding `code` (any case); returns the grant's id.
pub fn redeem_by_code(w: &mut Writer<'_>, code: &str) -> Result<String> {
    let wanted = code.trim().to_uppercase();
    let found: Option<(String, Option<String>)> = w
        .tx()
        .query_row(
            "SELECT c.id, g.id FROM perk_codes c LEFT JOIN perk_grants g ON g.code_id = c.id
             WHERE c.code = ?1",
            [&wanted],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    match found {
        None => Err(crate::invalid!(
            "perks.unknownCode",
            "{code} is not a perk code of this community",
            code = wanted
        )),
        Some((_, None)) => Err(crate::invalid!(
            "perks.codeNotGiven",
            "code {code} has not been given to anyone yet",
            code = wanted
        )),
        Some((_, Some(grant))) => {
            redeem_grant(w, &grant)?;
            Ok(grant)
        }
    }
}

/// Revokes a grant that was not redeemed yet; its stock is free again.
pub fn revoke_grant(w: &mut Writer<'_>, grant: &str) -> Result<()> {
    let (_, perk, status) = grant_state(w, grant)?;
    must_be_granted(
        &perk,
        status,
        crate::invalid_reason!("perks.doingRevoke", "revoked"),
    )?;
    let now = w.now_ms();
    w.update(
        SyncedTable::PerkGrants,
        grant,
        &[
            ("status", Value::Text("revoked".to_owned())),
            ("revoked_at", Value::Integer(now)),
        ],
    )?;
    audit::record(w, "perk.revoke", Some(grant), &serde_json::json!({}))
}

/// Expires every grant not redeemed whose perk's window has ended; returns how many.
pub fn expire_grants(w: &mut Writer<'_>) -> Result<u32> {
    let now = w.now_ms();
    let due: Vec<String> = w
        .tx()
        .prepare(
            "SELECT g.id FROM perk_grants g JOIN perks p ON p.id = g.perk_id
             WHERE g.status = 'granted' AND p.ends_at IS NOT NULL AND p.ends_at < ?1 ORDER BY g.id",
        )?
        .query_map([now], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for id in &due {
        w.update(
            SyncedTable::PerkGrants,
            id,
            &[
                ("status", Value::Text("expired".to_owned())),
                ("expired_at", Value::Integer(now)),
            ],
        )?;
    }
    let count = u32::try_from(due.len()).unwrap_or(u32::MAX);
    if count > 0 {
        audit::record(
            w,
            "perk.expire",
            None,
            &serde_json::json!({ "count": count }),
        )?;
    }
    Ok(count)
}
