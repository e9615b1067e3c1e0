//! A reference for cohort figures, written independently of the core's query: joins and
//! GROUP BY over the mature members of one window instead of correlated subqueries per point.

use std::collections::BTreeMap;

use rusqlite::{Connection, params};

const DAY: i64 = 86_400_000;

/// One window's figures as the reference computes them.
#[derive(Debug, PartialEq, Eq)]
pub struct Expected {
    pub mature: i64,
    pub active: i64,
    pub attended_any: i64,
    pub events_attended: i64,
    pub second: i64,
    pub third: i64,
    /// Members per rank (ranks with nobody left out).
    pub ranks: BTreeMap<i64, i64>,
}

/// The mature members of window `days`, with the instant `t` their window ends.
const MATURE: &str = "
    mature AS (
        SELECT a.member_id AS id, a.attributed_at + ?2 * 86400000 AS t
        FROM campaign_attributions a, members mm
        WHERE mm.id = a.member_id AND a.campaign_id = ?1
          AND mm.deleted_at IS NULL AND mm.merged_into IS NULL
          AND a.attributed_at + ?2 * 86400000 <= ?3)";

/// Referred members who count: live, joined by `t`, not attributed to the campaign.
const COUNTS: &str = "k.deleted_at IS NULL AND k.merged_into IS NULL AND k.joined_at <= m.t
    AND NOT EXISTS (SELECT 1 FROM campaign_attributions y
                    WHERE y.campaign_id = ?1 AND y.member_id = k.id)";

fn one(conn: &Connection, sql: &str, campaign: &str, days: i64, now: i64) -> i64 {
    conn.query_row(
        &format!("WITH {MATURE} {sql}"),
        params![campaign, days, now],
        |r| r.get(0),
    )
    .expect("run a reference query")
}

/// The reference figures of `campaign` at `days` days, as of `now`.
pub fn expected(conn: &Connection, campaign: &str, days: i64, now: i64) -> Expected {
    let q = |sql: &str| one(conn, sql, campaign, days, now);
    let lowest: i64 = conn
        .query_row("SELECT coalesce(min(rank), 1) FROM levels", [], |r| {
            r.get(0)
        })
        .expect("lowest rank");
    let mut stmt = conn
        .prepare(&format!(
            "WITH {MATURE},
             before AS (SELECT m.id, c.to_rank AS rank,
                            row_number() OVER (PARTITION BY m.id ORDER BY c.at DESC, c.id DESC) AS n
                        FROM mature m JOIN level_changes c ON c.member_id = m.id AND c.at <= m.t),
             after AS (SELECT m.id, c.from_rank AS rank,
                           row_number() OVER (PARTITION BY m.id ORDER BY c.at, c.id) AS n
                       FROM mature m JOIN level_changes c ON c.member_id = m.id AND c.at > m.t)
             SELECT coalesce(b.rank, f.rank, s.level_rank, ?4) AS r, count(*)
             FROM mature m
             LEFT JOIN before b ON b.id = m.id AND b.n = 1
             LEFT JOIN after f ON f.id = m.id AND f.n = 1
             LEFT JOIN member_scores s ON s.member_id = m.id
             GROUP BY r"
        ))
        .expect("prepare the level reference");
    let ranks = stmt
        .query_map(params![campaign, days, now, lowest], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .expect("run the level reference")
        .collect::<rusqlite::Result<BTreeMap<i64, i64>>>()
        .expect("read the level reference");
    Expected {
        mature: q("SELECT count(*) FROM mature"),
        active: q(&format!(
            "SELECT count(DISTINCT m.id) FROM mature m JOIN activities x ON x.member_id = m.id
             WHERE x.occurred_at BETWEEN m.t - {} + 1 AND m.t",
            30 * DAY
        )),
        attended_any: q("SELECT count(DISTINCT m.id) FROM mature m
             JOIN registrations r ON r.member_id = m.id AND r.status = 'attended'
             JOIN events e ON e.id = r.event_id AND e.starts_at < m.t"),
        events_attended: q("SELECT count(*) FROM mature m
             JOIN registrations r ON r.member_id = m.id AND r.status = 'attended'
             JOIN events e ON e.id = r.event_id AND e.starts_at < m.t"),
        second: q(&format!(
            "SELECT count(*) FROM mature m JOIN referrals f ON f.referrer_id = m.id
             JOIN members k ON k.id = f.referred_id WHERE {COUNTS}"
        )),
        third: q(&format!(
            "SELECT count(*) FROM mature m JOIN referrals f ON f.referrer_id = m.id
             JOIN members k ON k.id = f.referred_id
             JOIN referrals f2 ON f2.referrer_id = k.id
             JOIN members j ON j.id = f2.referred_id
             WHERE {COUNTS} AND {}",
            COUNTS.replace("k.", "j.")
        )),
        ranks,
    }
}
