//! Erasing a person ("right to be forgotten"): every row about them is deleted with a
//! tombstone so replicas delete it too, and their values are scrubbed from the change log.
//!
//! What counts as "the person": the member and every record merged into them (a merge is a
//! manager saying both records are one person), so erasing a merged record alone is refused.
//! Their identities, tags, traits, activities, registrations, referrals (either side), campaign
//! roster rows with their deliverables and campaign attributions (as referrer: unlinked), perk
//! grants, idea votes and idea comments, merges they
//! are part of (the snapshot holds their profile; such a merge can no longer be undone),
//! score and level history go. Kept: the tags themselves (shared names), a referrer's
//! `referral` activity when the erased member was the one referred (it is the referrer's),
//! ideas they wrote (kept for the voters, the author cleared),
//! and audit entries (ids only, never personal data). Change-log cells of every row that
//! belonged to them and no longer exists — also rows deleted earlier, such as identities a
//! merge dropped — get `val = NULL`; `_row` cells stay so sync still knows the row is gone.

use rusqlite::{Connection, params};
use serde::Serialize;
use serde_json::json;
use ts_rs::TS;

use super::export::table_exists;
use crate::audit;
use crate::error::{CoreError, Result};
use crate::ids::MemberId;
use crate::store::{SyncedTable, Writer};

/// How many rows an erasure removed (counts only: no personal data).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ErasureReport {
    /// The member and the records merged into them.
    pub members: u32,
    pub identities: u32,
    pub tags: u32,
    pub traits: u32,
    pub activities: u32,
    pub registrations: u32,
    pub referrals: u32,
    pub merges: u32,
    /// Ratings and comments they gave after events.
    pub feedback: u32,
    /// Their votes on options for upcoming events.
    pub votes: u32,
    /// Options they proposed, kept for the others who voted but no longer linked to them.
    pub proposals_unlinked: u32,
    /// Campaign roster rows, their deliverables, and attributions of them to campaigns.
    pub campaigns: u32,
    /// Perks granted to them (their codes stay with the perk, never given again).
    pub perk_grants: u32,
    /// Their votes and comments on ideas; ideas they wrote stay, no longer linked to them.
    pub ideas: u32,
    pub level_changes: u32,
    /// Change-log cells whose value was set to NULL.
    pub scrubbed_cells: u32,
}

/// Change-log columns whose value names the member a row belongs to.
const OWNER_COLUMNS: &str = "'member_id', 'referrer_id', 'referred_id', 'kept_member_id', 'merged_member_id', 'merged_into'";

/// Erases a member and the records merged into them, in one transaction, and records
/// `member.erase` in the audit log with counts only.
pub fn erase_member(w: &mut Writer<'_>, id: &MemberId) -> Result<ErasureReport> {
    let merged_into: Option<Option<String>> = w
        .tx()
        .prepare_cached("SELECT merged_into FROM members WHERE id = ?1")?
        .query_row([id.as_str()], |r| r.get(0))
        .map(Some)
        .or_else(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => Ok(None),
            other => Err(other),
        })?;
    match merged_into {
        None => {
            return Err(CoreError::NotFound {
                what: "member",
                id: id.to_string(),
            });
        }
        Some(Some(kept)) => {
            return Err(crate::invalid!(
                "members.eraseMerged",
                "member {id} was merged into {kept}; erase {kept} instead, which erases both records",
                id,
                kept
            ));
        }
        Some(None) => {}
    }
    let tx = w.tx();
    let people = ids(
        tx,
        "WITH RECURSIVE person(id) AS (
             SELECT ?1 UNION SELECT m.id FROM members m JOIN person p ON m.merged_into = p.id)
         SELECT id FROM person",
        id.as_str(),
    )?;
    let people_json = serde_json::to_string(&people)?;
    let of = |table: &str, columns: &[&str]| -> Result<Vec<String>> {
        let filter: Vec<String> = columns
            .iter()
            .map(|c| format!("{c} IN (SELECT value FROM json_each(?1))"))
            .collect();
        ids(
            tx,
            &format!("SELECT id FROM {table} WHERE {}", filter.join(" OR ")),
            &people_json,
        )
    };
    let member_tags = of("member_tags", &["member_id"])?;
    let identities = of("identities", &["member_id"])?;
    let traits = of("member_traits", &["member_id"])?;
    let activities = of("activities", &["member_id"])?;
    let registrations = of("registrations", &["member_id"])?;
    let referrals = if table_exists(tx, "referrals")? {
        of("referrals", &["referrer_id", "referred_id"])?
    } else {
        Vec::new()
    };
    let merges = of("merges", &["kept_member_id", "merged_member_id"])?;
    let feedback = of("event_feedback", &["member_id"])?;
    let votes = of("suggestion_votes", &["member_id"])?;
    let proposals = of("event_suggestions", &["proposed_by"])?;
    let roster = of("campaign_influencers", &["member_id"])?;
    let roster_json = serde_json::to_string(&roster)?;
    let deliverables = ids(
        tx,
        "SELECT id FROM campaign_deliverables WHERE influencer_id IN (SELECT value FROM json_each(?1))",
        &roster_json,
    )?;
    let their_codes = ids(
        tx,
        "SELECT id FROM campaign_codes WHERE influencer_id IN (SELECT value FROM json_each(?1))",
        &roster_json,
    )?;
    let attributions = of("campaign_attributions", &["member_id"])?;
    let perk_grants = if table_exists(tx, "perk_grants")? {
        of("perk_grants", &["member_id"])?
    } else {
        Vec::new()
    };
    let (idea_votes, idea_comments, authored) = if table_exists(tx, "ideas")? {
        (
            of("idea_votes", &["member_id"])?,
            of("idea_comments", &["member_id"])?,
            of("ideas", &["author_id"])?,
        )
    } else {
        (Vec::new(), Vec::new(), Vec::new())
    };
    let referred = ids(
        tx,
        "SELECT id FROM campaign_attributions WHERE referrer_id IN (SELECT value FROM json_each(?1))
           AND member_id NOT IN (SELECT value FROM json_each(?1))",
        &people_json,
    )?;
    // Rows that ever belonged to them, per the change log (includes rows deleted since).
    let owned: Vec<(String, String)> = tx
        .prepare(&format!(
            "SELECT DISTINCT tbl, pk FROM change_log
             WHERE col IN ({OWNER_COLUMNS}) AND val IN (SELECT value FROM json_each(?1))"
        ))?
        .query_map([&people_json], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let level_changes: u32 = tx.query_row(
        "SELECT count(*) FROM level_changes WHERE member_id IN (SELECT value FROM json_each(?1))",
        [&people_json],
        |r| r.get(0),
    )?;

    // Zero the bytes of deleted content in the file too, not just unlink it.
    let secure: i64 = tx.query_row("PRAGMA secure_delete", [], |r| r.get(0))?;
    tx.execute_batch("PRAGMA secure_delete = ON; PRAGMA defer_foreign_keys = ON;")?;
    tx.execute(
        "DELETE FROM member_scores WHERE member_id IN (SELECT value FROM json_each(?1))",
        [&people_json],
    )?;
    tx.execute(
        "DELETE FROM level_changes WHERE member_id IN (SELECT value FROM json_each(?1))",
        [&people_json],
    )?;
    let groups = [
        (SyncedTable::MemberTags, &member_tags),
        (SyncedTable::Identities, &identities),
        (SyncedTable::MemberTraits, &traits),
        (SyncedTable::Activities, &activities),
        (SyncedTable::Registrations, &registrations),
        (SyncedTable::Referrals, &referrals),
        (SyncedTable::Merges, &merges),
        (SyncedTable::EventFeedback, &feedback),
        (SyncedTable::SuggestionVotes, &votes),
        (SyncedTable::CampaignAttributions, &attributions),
        (SyncedTable::CampaignDeliverables, &deliverables),
        (SyncedTable::CampaignInfluencers, &roster),
        (SyncedTable::PerkGrants, &perk_grants),
        (SyncedTable::IdeaVotes, &idea_votes),
        (SyncedTable::IdeaComments, &idea_comments),
        (SyncedTable::Members, &people),
    ];
    for proposal in &proposals {
        w.update(
            SyncedTable::EventSuggestions,
            proposal,
            &[("proposed_by", rusqlite::types::Value::Null)],
        )?;
    }
    // Their codes stay with the campaign, unassigned; people they referred stay attributed
    // to the campaign, no longer linked to them.
    for code in &their_codes {
        w.update(
            SyncedTable::CampaignCodes,
            code,
            &[("influencer_id", rusqlite::types::Value::Null)],
        )?;
    }
    for attribution in &referred {
        w.update(
            SyncedTable::CampaignAttributions,
            attribution,
            &[("referrer_id", rusqlite::types::Value::Null)],
        )?;
    }
    w.tx().execute(
        "UPDATE change_log SET val = NULL
         WHERE tbl = 'campaign_attributions' AND col = 'referrer_id'
           AND val IN (SELECT value FROM json_each(?1))",
        [&people_json],
    )?;
    // Their ideas stay for the others who voted on them; who wrote them goes from their history.
    for idea in &authored {
        w.update(
            SyncedTable::Ideas,
            idea,
            &[("author_id", rusqlite::types::Value::Null)],
        )?;
    }
    w.tx().execute(
        "UPDATE change_log SET val = NULL
         WHERE tbl = 'ideas' AND col = 'author_id'
           AND val IN (SELECT value FROM json_each(?1))",
        [&people_json],
    )?;
    // The option stays for the others who voted on it; who proposed it goes from its history.
    w.tx().execute(
        "UPDATE change_log SET val = NULL
         WHERE tbl = 'event_suggestions' AND col = 'proposed_by'
           AND val IN (SELECT value FROM json_each(?1))",
        [&people_json],
    )?;
    let mut gone: Vec<(String, String)> = owned;
    for (table, rows) in groups {
        for row in rows {
            w.delete(table, row)?;
            gone.push((table.name().to_owned(), row.clone()));
        }
    }
    let scrubbed_cells = scrub(w.tx(), &gone)?;
    // Merge the search index's segments so no trigram of the erased text is left behind.
    w.tx()
        .execute_batch("INSERT INTO members_search (members_search) VALUES ('optimize');")?;
    w.tx()
        .execute_batch(&format!("PRAGMA secure_delete = {secure};"))?;

    let count = |v: &Vec<String>| u32::try_from(v.len()).unwrap_or(u32::MAX);
    let report = ErasureReport {
        members: count(&people),
        identities: count(&identities),
        tags: count(&member_tags),
        traits: count(&traits),
        activities: count(&activities),
        registrations: count(&registrations),
        referrals: count(&referrals),
        merges: count(&merges),
        feedback: count(&feedback),
        votes: count(&votes),
        proposals_unlinked: count(&proposals),
        campaigns: count(&roster) + count(&deliverables) + count(&attributions),
        perk_grants: count(&perk_grants),
        ideas: count(&idea_votes) + count(&idea_comments) + count(&authored),
        level_changes,
        scrubbed_cells,
    };
    audit::record(
        w,
        "member.erase",
        Some(id.as_str()),
        &json!({ "counts": serde_json::to_value(&report)? }),
    )?;
    tracing::info!(member = %id, "member erased");
    Ok(report)
}

/// Sets `val = NULL` on every change-log cell (but `_row`) of the rows that no longer exist.
fn scrub(conn: &Connection, rows: &[(String, String)]) -> Result<u32> {
    let mut scrubbed = 0;
    for (table, pk) in rows {
        // Table names come from our own change log; check before putting one in SQL.
        if !table.chars().all(|c| c.is_ascii_lowercase() || c == '_') || !table_exists(conn, table)?
        {
            continue;
        }
        let alive: bool = conn
            .prepare_cached(&format!(
                "SELECT EXISTS (SELECT 1 FROM {table} WHERE id = ?1)"
            ))?
            .query_row([pk], |r| r.get(0))?;
        if !alive {
            let n = conn
                .prepare_cached(
                    "UPDATE change_log SET val = NULL
                     WHERE tbl = ?1 AND pk = ?2 AND col <> '_row' AND val IS NOT NULL",
                )?
                .execute(params![table, pk])?;
            scrubbed += u32::try_from(n).unwrap_or(u32::MAX);
        }
    }
    Ok(scrubbed)
}

fn ids(conn: &Connection, sql: &str, arg: &str) -> Result<Vec<String>> {
    Ok(conn
        .prepare(sql)?
        .query_map([arg], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}
