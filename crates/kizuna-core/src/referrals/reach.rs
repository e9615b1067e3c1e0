//! A member's downstream: the people they brought in, the people those brought in, and so on.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use ts_rs::TS;

use super::ReferralChannel;
use crate::error::{CoreError, Result};
use crate::ids::MemberId;

/// Everyone below a member in the referral chains. The path column stops the walk at any loop
/// (the store refuses loops, but a sync could still bring one in).
const DOWNSTREAM: &str = "
WITH RECURSIVE down(id, parent, depth, path) AS (
    SELECT referred_id, referrer_id, 1, '/' || referrer_id || '/' || referred_id || '/'
    FROM referrals WHERE referrer_id = ?1 AND referred_id <> ?1
    UNION ALL
    SELECT r.referred_id, r.referrer_id, d.depth + 1, d.path || r.referred_id || '/'
    FROM referrals r JOIN down d ON r.referrer_id = d.id
    WHERE d.depth < ?2 AND instr(d.path, '/' || r.referred_id || '/') = 0
)";

/// How far a member's word of mouth reached: members they referred directly, everyone
/// downstream, and how many in each generation (index 0 = direct). Deleted members are not
/// counted, but the people they brought in still are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Reach {
    pub direct: u32,
    pub total: u32,
    /// The deepest generation with anyone in it (0 when nobody was referred).
    pub depth: u32,
    pub by_generation: Vec<u32>,
}

fn ensure_member(conn: &Connection, member: &MemberId) -> Result<()> {
    conn.prepare_cached("SELECT 1 FROM members WHERE id = ?1")?
        .query_row([member.as_str()], |_| Ok(()))
        .optional()?
        .ok_or_else(|| CoreError::NotFound {
            what: "member",
            id: member.to_string(),
        })
}

/// The downstream reach of `member`.
pub fn reach(conn: &Connection, member: &MemberId) -> Result<Reach> {
    ensure_member(conn, member)?;
    let sql = format!(
        "{DOWNSTREAM}
         SELECT g.depth, count(*) FROM (SELECT id, min(depth) AS depth FROM down GROUP BY id) g
         JOIN members m ON m.id = g.id AND m.deleted_at IS NULL
         GROUP BY g.depth ORDER BY g.depth"
    );
    let mut by_generation: Vec<u32> = Vec::new();
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![member.as_str(), i64::MAX], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, u32>(1)?))
    })?;
    for row in rows {
        let (depth, count) = row?;
        let depth = usize::try_from(depth).unwrap_or(1).max(1);
        if by_generation.len() < depth {
            by_generation.resize(depth, 0);
        }
        by_generation[depth - 1] = count;
    }
    while by_generation.last() == Some(&0) {
        by_generation.pop();
    }
    Ok(Reach {
        direct: by_generation.first().copied().unwrap_or(0),
        total: by_generation.iter().sum(),
        depth: u32::try_from(by_generation.len()).unwrap_or(u32::MAX),
        by_generation,
    })
}

/// One member in a referral tree, with the people they brought in.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReferralNode {
    pub member_id: String,
    pub display_name: String,
    /// How this member was brought in (`None` for the tree's root).
    pub channel: Option<ReferralChannel>,
    #[ts(type = "number | null")]
    pub referred_at: Option<i64>,
    /// Deleted or merged away: shown so the chain below stays readable.
    pub deleted: bool,
    pub children: Vec<ReferralNode>,
}

/// A member and everyone they brought in, down to `max_depth` generations, oldest first.
pub fn referral_tree(conn: &Connection, member: &MemberId, max_depth: u32) -> Result<ReferralNode> {
    let (name, deleted): (String, Option<i64>) = conn
        .prepare_cached("SELECT display_name, deleted_at FROM members WHERE id = ?1")?
        .query_row([member.as_str()], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or_else(|| CoreError::NotFound {
            what: "member",
            id: member.to_string(),
        })?;
    let sql = format!(
        "{DOWNSTREAM}
         SELECT d.id, d.parent, m.display_name, m.deleted_at IS NOT NULL, r.channel,
                r.referred_at
         FROM down d JOIN members m ON m.id = d.id JOIN referrals r ON r.referred_id = d.id
         ORDER BY d.depth, r.referred_at, d.id"
    );
    let mut children: HashMap<String, Vec<ReferralNode>> = HashMap::new();
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![member.as_str(), max_depth], |r| {
        let channel: String = r.get(4)?;
        Ok((
            r.get::<_, String>(1)?,
            ReferralNode {
                member_id: r.get(0)?,
                display_name: r.get(2)?,
                channel: Some(channel.parse().unwrap_or(ReferralChannel::Other)),
                referred_at: Some(r.get(5)?),
                deleted: r.get(3)?,
                children: Vec::new(),
            },
        ))
    })?;
    for row in rows {
        let (parent, node) = row?;
        children.entry(parent).or_default().push(node);
    }
    let top = attach(&mut children, member.as_str(), max_depth);
    Ok(ReferralNode {
        member_id: member.to_string(),
        display_name: name,
        channel: None,
        referred_at: None,
        deleted: deleted.is_some(),
        children: top,
    })
}

/// Takes `parent`'s children out of `children`, each with their own below it.
fn attach(
    children: &mut HashMap<String, Vec<ReferralNode>>,
    parent: &str,
    depth_left: u32,
) -> Vec<ReferralNode> {
    if depth_left == 0 {
        return Vec::new();
    }
    let mut nodes = children.remove(parent).unwrap_or_default();
    for node in &mut nodes {
        node.children = attach(children, &node.member_id.clone(), depth_left - 1);
    }
    nodes
}
