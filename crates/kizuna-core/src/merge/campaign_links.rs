//! Campaigns in a merge: the merged member's roster rows and attributions move to the kept
//! member. Where the kept member is already on that campaign's roster (or already attributed
//! to it), the merged member's row is dropped into the snapshot — its deliverables and codes
//! move to the kept member's roster row first — so undo brings everything back.
//!
//! Runs before identities move: a roster row pointing at an identity the merge drops (the
//! kept member has the same account) is pointed at the kept member's copy.

use std::collections::HashMap;

use rusqlite::types::Value;

use super::apply::{IDENTITY_KEYS, ids, keyed};
use super::snapshot::Recorder;
use crate::error::Result;
use crate::store::{SyncedTable, Writer};

const ROSTER: &str =
    "SELECT id, campaign_id FROM campaign_influencers WHERE member_id = ?1 ORDER BY id";
const ATTRIBUTIONS: &str =
    "SELECT id, campaign_id FROM campaign_attributions WHERE member_id = ?1 ORDER BY id";

fn text(v: &str) -> Value {
    Value::Text(v.to_owned())
}

/// Moves roster rows and attributions (both as the member and as the referrer) from `m` to `k`.
pub(super) fn move_campaign_links(
    w: &mut Writer<'_>,
    rec: &mut Recorder,
    k: &str,
    m: &str,
) -> Result<()> {
    let kept_identities: HashMap<String, String> = keyed(w.tx(), IDENTITY_KEYS, k)?
        .into_iter()
        .map(|(id, key)| (key, id))
        .collect();
    let merged_identities: HashMap<String, String> =
        keyed(w.tx(), IDENTITY_KEYS, m)?.into_iter().collect();
    let kept_roster: HashMap<String, String> = keyed(w.tx(), ROSTER, k)?
        .into_iter()
        .map(|(id, campaign)| (campaign, id))
        .collect();
    for (id, campaign) in keyed(w.tx(), ROSTER, m)? {
        if let Some(kept_row) = kept_roster.get(&campaign) {
            for table_sql in [
                (
                    SyncedTable::CampaignDeliverables,
                    "SELECT id FROM campaign_deliverables WHERE influencer_id = ?1 ORDER BY id",
                ),
                (
                    SyncedTable::CampaignCodes,
                    "SELECT id FROM campaign_codes WHERE influencer_id = ?1 ORDER BY id",
                ),
            ] {
                for row in ids(w.tx(), table_sql.1, &id)? {
                    rec.update(w, table_sql.0, &row, &[("influencer_id", text(kept_row))])?;
                }
            }
            rec.delete(w, SyncedTable::CampaignInfluencers, &id)?;
            continue;
        }
        let mut cells = vec![("member_id", text(k))];
        let identity: Option<String> = w.tx().query_row(
            "SELECT identity_id FROM campaign_influencers WHERE id = ?1",
            [&id],
            |r| r.get(0),
        )?;
        let kept_copy = identity
            .and_then(|i| merged_identities.get(&i))
            .and_then(|key| kept_identities.get(key));
        if let Some(kept_copy) = kept_copy {
            cells.push(("identity_id", text(kept_copy)));
        }
        rec.update(w, SyncedTable::CampaignInfluencers, &id, &cells)?;
    }

    let kept_campaigns: Vec<String> = keyed(w.tx(), ATTRIBUTIONS, k)?
        .into_iter()
        .map(|(_, campaign)| campaign)
        .collect();
    for (id, campaign) in keyed(w.tx(), ATTRIBUTIONS, m)? {
        if kept_campaigns.contains(&campaign) {
            rec.delete(w, SyncedTable::CampaignAttributions, &id)?;
        } else {
            rec.update(
                w,
                SyncedTable::CampaignAttributions,
                &id,
                &[("member_id", text(k))],
            )?;
        }
    }
    // As the referrer: the kept member referred them now (never themselves).
    let referred = "SELECT id FROM campaign_attributions WHERE referrer_id = ?1 AND member_id <> ?1
                    ORDER BY id";
    for id in ids(w.tx(), referred, m)? {
        let is_kept: bool = w.tx().query_row(
            "SELECT member_id = ?2 FROM campaign_attributions WHERE id = ?1",
            [id.as_str(), k],
            |r| r.get(0),
        )?;
        if !is_kept {
            rec.update(
                w,
                SyncedTable::CampaignAttributions,
                &id,
                &[("referrer_id", text(k))],
            )?;
        }
    }
    Ok(())
}
