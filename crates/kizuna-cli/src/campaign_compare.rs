//! `kizuna campaigns compare [ID…] [--format table|csv]`: campaigns side by side — cost,
//! members brought, cost per member (and per member still active at 90 days), retention at
//! 30/90/180/365 days, word of mouth and level mix, with the too-young caveats.

use std::io::Write;

use clap::{Args, ValueEnum};
use kizuna_core::Store;
use kizuna_core::campaigns::{
    CampaignComparisonRow, Comparison, caveat_text, compare, compare_csv,
};
use kizuna_core::money::{Lang, format_amount};

/// How the comparison is printed.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum CompareFormat {
    Table,
    Csv,
}

/// `kizuna campaigns compare [ID…] [--format table|csv]`.
#[derive(Debug, Args)]
pub struct CompareArgs {
    /// Campaign ids to compare, in this order (every campaign when none is given).
    campaign_ids: Vec<String>,
    /// table (for reading) or csv (one row per campaign, its id first).
    #[arg(long, value_enum, default_value_t = CompareFormat::Table)]
    format: CompareFormat,
}

/// Prints the comparison of the campaigns `args` names, as of `now_ms`.
pub fn run(store: &Store, args: &CompareArgs, now_ms: i64) -> anyhow::Result<()> {
    match args.format {
        CompareFormat::Csv => {
            let stdout = std::io::stdout();
            compare_csv(store.conn(), &args.campaign_ids, now_ms, stdout.lock())?;
        }
        CompareFormat::Table => {
            let comparison = compare(store.conn(), &args.campaign_ids, now_ms)?;
            let mut out = std::io::stdout().lock();
            write!(out, "{}", table(&comparison))?;
        }
    }
    Ok(())
}

fn money(minor: Option<i64>, currency: Option<&str>) -> String {
    match (minor, currency) {
        (Some(minor), Some(currency)) => format_amount(minor, currency, Lang::En),
        (Some(minor), None) => minor.to_string(),
        (None, _) => "-".to_owned(),
    }
}

/// A retention cell: the percentage, or "young" when too few members reached the window.
fn retention(row: &CampaignComparisonRow, days: u32) -> String {
    match row.retention.iter().find(|p| p.days == days) {
        _ if row.members == 0 => "-".to_owned(),
        Some(p) if p.too_young => "young".to_owned(),
        Some(p) => p
            .share
            .map_or_else(|| "-".to_owned(), |s| format!("{:.0}%", s * 100.0)),
        None => "-".to_owned(),
    }
}

/// The comparison as an aligned table, then the caveats and the totals per currency.
fn table(comparison: &Comparison) -> String {
    let mut out = String::new();
    let levels: Vec<&str> = comparison
        .campaigns
        .first()
        .map(|r| {
            r.levels_now
                .iter()
                .map(|l| l.level.label_en.as_str())
                .collect()
        })
        .unwrap_or_default();
    out.push_str(&format!(
        "{:<36} {:>14} {:>7} {:>12} {:>14} {:>6} {:>6} {:>6} {:>6} {:>5} {:>5}  {:<15} NAME\n",
        "ID",
        "COST",
        "MEMBERS",
        "PER MEMBER",
        "PER ACTIVE@90",
        "30d",
        "90d",
        "180d",
        "365d",
        "2ND",
        "3RD",
        "LEVELS NOW",
    ));
    for row in &comparison.campaigns {
        let cur = row.currency.as_deref();
        let mix: Vec<String> = row
            .levels_now
            .iter()
            .map(|l| l.members.to_string())
            .collect();
        out.push_str(&format!(
            "{:<36} {:>14} {:>7} {:>12} {:>14} {:>6} {:>6} {:>6} {:>6} {:>5} {:>5}  {:<15} {}\n",
            row.campaign_id,
            money(row.cost_minor, cur),
            row.members,
            money(row.cost_per_member_minor, cur),
            money(row.cost_per_active_90_minor, cur),
            retention(row, 30),
            retention(row, 90),
            retention(row, 180),
            retention(row, 365),
            row.second_generation,
            row.third_generation,
            mix.join("/"),
            row.name
        ));
    }
    if !levels.is_empty() {
        out.push_str(&format!("\nLEVELS NOW: {}\n", levels.join(" / ")));
    }
    out.push_str(&format!(
        "Retention is the share of the members who reached the day that were active in the 30 days \
         before it; \"young\" means fewer than {} members reached it.\n",
        comparison.min_mature
    ));
    let caveats: Vec<String> = comparison
        .campaigns
        .iter()
        .filter(|r| !r.caveats.is_empty())
        .map(|r| {
            let text: Vec<String> = r.caveats.iter().map(caveat_text).collect();
            format!("  {}: {}\n", r.name, text.join("; "))
        })
        .collect();
    if !caveats.is_empty() {
        out.push_str("\nCaveats:\n");
        out.extend(caveats);
    }
    if !comparison.totals.is_empty() {
        out.push_str("\nTotals per currency (never added across currencies):\n");
        for t in &comparison.totals {
            out.push_str(&format!(
                "  {}: {} campaigns, cost {}, {} members, {} per member\n",
                t.currency,
                t.campaigns,
                format_amount(t.cost_minor, &t.currency, Lang::En),
                t.members,
                money(t.cost_per_member_minor, Some(&t.currency))
            ));
        }
    }
    out
}
