//! The comparison as CSV, one row per campaign with its id first, for a spreadsheet: amounts
//! as plain decimals in the row's currency, retention as fractions (blank when too young).

use std::io::Write;

use chrono::DateTime;
use rusqlite::Connection;

use super::compare::{CampaignComparisonRow, Caveat, CostBasis, compare};
use crate::error::{CoreError, Result};
use crate::export_file::write_csv_record;
use crate::money::currency_info;

/// The header row of a comparison CSV.
pub const COMPARE_CSV_HEADER: [&str; 22] = [
    "campaign_id",
    "name",
    "kind",
    "status",
    "starts",
    "ends",
    "currency",
    "cost",
    "cost_basis",
    "fees",
    "members",
    "cost_per_member",
    "active_at_90",
    "cost_per_active_at_90",
    "retention_30",
    "retention_90",
    "retention_180",
    "retention_365",
    "second_generation",
    "third_generation",
    "level_mix",
    "caveats",
];

/// Writes the comparison of `campaign_ids` (every campaign when empty) as CSV with a header;
/// returns how many campaigns were written.
pub fn compare_csv<W: Write>(
    conn: &Connection,
    campaign_ids: &[String],
    now_ms: i64,
    writer: W,
) -> Result<u32> {
    let comparison = compare(conn, campaign_ids, now_ms)?;
    let mut out = csv::Writer::from_writer(writer);
    write_csv_record(&mut out, COMPARE_CSV_HEADER).map_err(write_error)?;
    for row in &comparison.campaigns {
        write_csv_record(&mut out, record(row)).map_err(write_error)?;
    }
    out.flush().map_err(|e| write_error(e.into()))?;
    Ok(u32::try_from(comparison.campaigns.len()).unwrap_or(u32::MAX))
}

fn record(row: &CampaignComparisonRow) -> Vec<String> {
    let currency = row.currency.as_deref();
    let amount = |minor: Option<i64>| minor.map(|m| plain_amount(m, currency)).unwrap_or_default();
    let date = |ms: i64| {
        DateTime::from_timestamp_millis(ms)
            .map(|d| d.date_naive().to_string())
            .unwrap_or_default()
    };
    let mut cells = vec![
        row.campaign_id.clone(),
        row.name.clone(),
        row.kind.clone(),
        row.status.clone(),
        date(row.starts_at),
        row.ends_at.map(date).unwrap_or_default(),
        currency.unwrap_or_default().to_owned(),
        amount(row.cost_minor),
        cost_basis(row.cost_basis).to_owned(),
        amount(Some(row.fees_minor)),
        row.members.to_string(),
        amount(row.cost_per_member_minor),
        row.active_at_90.to_string(),
        amount(row.cost_per_active_90_minor),
    ];
    cells.extend(row.retention.iter().map(|p| match p.share {
        Some(share) if !p.too_young => format!("{share:.3}"),
        _ => String::new(),
    }));
    cells.push(row.second_generation.to_string());
    cells.push(row.third_generation.to_string());
    cells.push(
        row.levels_now
            .iter()
            .map(|l| format!("{}={}", l.level.label_en, l.members))
            .collect::<Vec<_>>()
            .join(";"),
    );
    cells.push(
        row.caveats
            .iter()
            .map(caveat_text)
            .collect::<Vec<_>>()
            .join("; "),
    );
    cells
}

fn cost_basis(basis: CostBasis) -> &'static str {
    match basis {
        CostBasis::Actual => "actual",
        CostBasis::Budget => "budget",
        CostBasis::FeesOnly => "fees_only",
        CostBasis::None => "none",
    }
}

/// A caveat in words, e.g. "too young at 90 days (4 members)".
pub fn caveat_text(caveat: &Caveat) -> String {
    match caveat {
        Caveat::TooYoung { days, mature } => {
            format!("too young at {days} days ({mature} members)")
        }
        Caveat::NoMembers => "no members brought yet".to_owned(),
        Caveat::NoCost => "no cost recorded".to_owned(),
        Caveat::NoCurrency => "no currency set".to_owned(),
    }
}

/// Minor units as a plain decimal of `currency` ("1200" JPY, "12.50" USD), or the minor units
/// themselves when the currency is unknown.
pub fn plain_amount(minor: i64, currency: Option<&str>) -> String {
    let digits = currency
        .and_then(|c| currency_info(c).ok())
        .map_or(0, |info| info.minor_digits);
    if digits == 0 {
        return minor.to_string();
    }
    let scale = 10i64.pow(u32::from(digits));
    let sign = if minor < 0 { "-" } else { "" };
    let abs = minor.unsigned_abs();
    let scale = scale.unsigned_abs();
    format!(
        "{sign}{}.{:0width$}",
        abs / scale,
        abs % scale,
        width = usize::from(digits)
    )
}

fn write_error(e: csv::Error) -> CoreError {
    CoreError::Export(std::io::Error::from(e))
}
