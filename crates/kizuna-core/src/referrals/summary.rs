//! What the screens show about word of mouth: a member's referral card (who brought them in,
//! whom they brought, their reach and a small tree) and the top advocates with their level.

use chrono::DateTime;
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

use super::{
    AdvocateRow, Reach, Referral, ReferralNode, reach, referral_of, referral_tree, top_advocates,
};
use crate::engagement::{Ladder, Level};
use crate::error::Result;
use crate::ids::MemberId;

/// Who brought a member in.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReferredBy {
    pub referral: Referral,
    pub referrer_name: String,
    /// The referrer was deleted or merged away since.
    pub referrer_deleted: bool,
}

/// A member's word of mouth: who referred them, and everyone they brought in.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MemberReferrals {
    pub referred_by: Option<ReferredBy>,
    pub reach: Reach,
    /// The member and the people they brought in, `depth` generations deep.
    pub tree: ReferralNode,
}

/// The referral card of `member`, with a tree `depth` generations deep.
pub fn member_referrals(
    conn: &Connection,
    member: &MemberId,
    depth: u32,
) -> Result<MemberReferrals> {
    let reach = reach(conn, member)?;
    let tree = referral_tree(conn, member, depth)?;
    let referred_by = match referral_of(conn, member)? {
        None => None,
        Some(referral) => {
            let (referrer_name, deleted): (String, Option<i64>) = conn
                .prepare_cached("SELECT display_name, deleted_at FROM members WHERE id = ?1")?
                .query_row([&referral.referrer_id], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?
                .unwrap_or_else(|| (referral.referrer_id.clone(), Some(0)));
            Some(ReferredBy {
                referral,
                referrer_name,
                referrer_deleted: deleted.is_some(),
            })
        }
    };
    Ok(MemberReferrals {
        referred_by,
        reach,
        tree,
    })
}

/// One top advocate with their current engagement level.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Advocate {
    pub member_id: String,
    pub display_name: String,
    pub direct: u32,
    pub total: u32,
    pub active_referred: u32,
    /// `None` until scores have been computed for this member.
    pub level: Option<Level>,
}

/// The top `limit` advocates at `now_ms` (as [`top_advocates`] ranks them) with their levels.
pub fn advocate_board(
    conn: &Connection,
    now_ms: i64,
    limit: u32,
    since_days: Option<u32>,
) -> Result<Vec<Advocate>> {
    let now = DateTime::from_timestamp_millis(now_ms).ok_or_else(|| {
        crate::invalid!(
            "referrals.badTime",
            "{time} is not a usable time",
            time = now_ms
        )
    })?;
    let ladder = Ladder::load(conn)?;
    let mut rank_of =
        conn.prepare_cached("SELECT level_rank FROM member_scores WHERE member_id = ?1")?;
    top_advocates(conn, now, limit, since_days)?
        .into_iter()
        .map(|row: AdvocateRow| {
            let rank: Option<i64> = rank_of
                .query_row([&row.member_id], |r| r.get(0))
                .optional()?;
            Ok(Advocate {
                level: rank.and_then(|rank| ladder.level(rank)).cloned(),
                member_id: row.member_id,
                display_name: row.display_name,
                direct: row.direct,
                total: row.total,
                active_referred: row.active_referred,
            })
        })
        .collect()
}
