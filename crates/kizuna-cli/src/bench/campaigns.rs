//! The campaign comparison at scale: 20 campaigns whose cohorts together cover the community.
//! The sample has fewer campaigns with attributions, so the benchmark's own copy gets extra
//! campaigns and attributions (raw SQL, outside the change log: the copy is thrown away).

use kizuna_core::campaigns::{all_campaign_ids, compare};
use kizuna_report::{Lang, Theme, charts};
use rusqlite::{Connection, params};

use super::timing::{Measurement, count, measure};

/// Campaigns compared side by side.
const CAMPAIGNS: i64 = 20;
/// Runs of the comparison.
const RUNS: usize = 3;

/// Tops the copy up to [`CAMPAIGNS`] campaigns and gives the first [`CAMPAIGNS`] one member in
/// twenty each (attributed when they joined), on top of the sample's own attributions.
fn plant(conn: &Connection, now_ms: i64) -> anyhow::Result<Vec<String>> {
    let existing = i64::try_from(all_campaign_ids(conn)?.len())?;
    let tx = conn.unchecked_transaction()?;
    tx.execute(
        "WITH RECURSIVE n(k) AS (SELECT 1 WHERE ?1 > 0 UNION ALL SELECT k + 1 FROM n WHERE k < ?1)
         INSERT INTO campaigns (id, name, kind, status, starts_at, budget_minor, currency)
         SELECT 'bench-campaign-' || k, 'Bench campaign ' || k, 'social', 'done',
                ?2 - k * 30 * 86400000, 100000 * k, 'JPY'
         FROM n",
        params![(CAMPAIGNS - existing).max(0), now_ms],
    )?;
    tx.execute(
        "INSERT OR IGNORE INTO campaign_attributions
             (id, campaign_id, member_id, via, attributed_at)
         SELECT 'bench-' || c.id || '-' || m.id, c.id, m.id, 'manual', m.joined_at
         FROM (SELECT id, row_number() OVER (ORDER BY starts_at, id) - 1 AS k
               FROM campaigns ORDER BY starts_at, id LIMIT ?1) c
         JOIN members m ON m.rowid % ?1 = c.k AND m.deleted_at IS NULL",
        params![CAMPAIGNS],
    )?;
    tx.commit()?;
    Ok(all_campaign_ids(conn)?
        .into_iter()
        .take(usize::try_from(CAMPAIGNS)?)
        .collect())
}

/// Times comparing [`CAMPAIGNS`] campaigns, then drawing their retention curves.
pub fn compare_twenty(conn: &Connection, now_ms: i64) -> anyhow::Result<Vec<Measurement>> {
    let ids = plant(conn, now_ms)?;
    let attributed: i64 =
        conn.query_row("SELECT count(*) FROM campaign_attributions", [], |r| {
            r.get(0)
        })?;
    let compared = measure(
        "campaigns.compare",
        RUNS,
        || Ok(compare(conn, &ids, now_ms)?),
        |c| {
            format!(
                "{} campaigns, {} attributed members",
                c.campaigns.len(),
                count(attributed.unsigned_abs())
            )
        },
    )?;
    let comparison = compare(conn, &ids, now_ms)?;
    let chart = measure(
        "chart.campaignRetention",
        RUNS,
        || {
            Ok(charts::campaign_retention(
                &comparison,
                Lang::En,
                Theme::Light,
            )?)
        },
        |svg| format!("{} bytes of SVG", count(svg.len() as u64)),
    )?;
    Ok(vec![compared, chart])
}
