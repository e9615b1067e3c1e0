//! Redeeming a perk's grants from a shop's CSV export: all rows or none, every bad row named by
//! its line (as the event feedback and ideas imports do).
//!
//! Columns (header names, any order, case-insensitive, `_`/`-` read as spaces): the code in
//! `code`, `discount code`, `coupon`, `coupon code` or `promo code` (required); the time in
//! `redeemed at`, `created at`, `used at` or `date` (optional: RFC 3339, `YYYY-MM-DD HH:MM[:SS]`
//! with an optional offset, or `YYYY-MM-DD`, read as UTC; blank means now). A code already
//! redeemed on the row's date (or at all, when the row has no date) is counted as already
//! redeemed, so importing the same file twice changes nothing.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, NaiveDateTime};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::GrantStatus;
use super::perk::ensure_perk;
use super::status::redeem_grant_at;
use crate::audit;
use crate::error::Result;
use crate::store::Writer;

const CODE_HEADERS: [&str; 5] = [
    "code",
    "discount code",
    "coupon",
    "coupon code",
    "promo code",
];
const DATE_HEADERS: [&str; 4] = ["redeemed at", "created at", "used at", "date"];

/// A row of a shop CSV that cannot be redeemed, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ShopCsvLineError {
    /// Line in the file (the header is line 1).
    #[ts(type = "number")]
    pub line: u64,
    pub message: String,
}

/// A shop CSV checked (or applied): grants to redeem, codes already redeemed, and bad rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ShopRedemptionReport {
    /// Grants the file redeems (after applying: the grants it redeemed).
    pub to_redeem: u32,
    /// Rows whose code was already redeemed on that date: nothing to do.
    pub already_redeemed: u32,
    /// Rows that stop the import; while any is listed nothing is redeemed.
    pub bad_rows: Vec<ShopCsvLineError>,
}

/// A good row: the grant to redeem and the row's time, if it has one.
type Redemption = (String, Option<i64>);

fn header_key(h: &str) -> String {
    h.trim().to_lowercase().replace(['_', '-'], " ")
}

fn parse_time(text: &str) -> Result<i64> {
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Ok(t.timestamp_millis());
    }
    for format in ["%Y-%m-%d %H:%M:%S %z", "%Y-%m-%d %H:%M %z"] {
        if let Ok(t) = DateTime::parse_from_str(text, format) {
            return Ok(t.timestamp_millis());
        }
    }
    for format in [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
    ] {
        if let Ok(t) = NaiveDateTime::parse_from_str(text, format) {
            return Ok(t.and_utc().timestamp_millis());
        }
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|t| t.and_utc().timestamp_millis())
        .ok_or_else(|| {
            crate::invalid!(
                "shopCsv.badDate",
                "date \"{text}\" is not a date (YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] or ISO 8601)",
                text
            )
        })
}

fn day_of(ms: i64) -> Option<NaiveDate> {
    DateTime::from_timestamp_millis(ms).map(|t| t.date_naive())
}

/// What the store knows of one code: its perk's id and name, and its grant if given.
type CodeState = (String, String, Option<(String, String, Option<i64>)>);

fn code_state(conn: &Connection, code: &str) -> Result<Option<CodeState>> {
    Ok(conn
        .prepare_cached(
            "SELECT c.perk_id, p.name, g.id, g.status, g.redeemed_at FROM perk_codes c
             JOIN perks p ON p.id = c.perk_id LEFT JOIN perk_grants g ON g.code_id = c.id
             WHERE c.code = ?1",
        )?
        .query_row([code], |r| {
            let grant: Option<String> = r.get(2)?;
            let status: Option<String> = r.get(3)?;
            let redeemed_at: Option<i64> = r.get(4)?;
            Ok((
                r.get(0)?,
                r.get(1)?,
                grant.zip(status).map(|(g, s)| (g, s, redeemed_at)),
            ))
        })
        .optional()?)
}

/// Checks one row; `Ok(None)` means the code was already redeemed on that date.
fn check_row(conn: &Connection, perk: &str, code: &str, at: Option<i64>) -> Result<Option<String>> {
    let Some((code_perk, perk_name, grant)) = code_state(conn, code)? else {
        return Err(crate::invalid!(
            "shopCsv.unknownCode",
            "{code} is not a perk code of this community",
            code
        ));
    };
    if code_perk != perk {
        return Err(crate::invalid!(
            "shopCsv.otherPerk",
            "code {code} belongs to another perk (\"{perk}\")",
            code,
            perk = perk_name
        ));
    }
    let Some((grant, status, redeemed_at)) = grant else {
        return Err(crate::invalid!(
            "shopCsv.notGiven",
            "code {code} has not been given to anyone yet",
            code
        ));
    };
    match status.as_str() {
        "granted" => Ok(Some(grant)),
        "redeemed" => match (at.and_then(day_of), redeemed_at.and_then(day_of)) {
            (Some(row_day), Some(done_day)) if row_day != done_day => Err(crate::invalid!(
                "shopCsv.alreadyRedeemed",
                "code {code} was already redeemed on {day}",
                code,
                day = done_day
            )),
            _ => Ok(None),
        },
        other => Err(crate::invalid!(
            "shopCsv.notRedeemable",
            "the grant with code {code} is {status}; it cannot be redeemed",
            code,
            status = GrantStatus::parse(other)?.word()
        )),
    }
}

fn read(
    conn: &Connection,
    perk: &str,
    text: &str,
) -> Result<(ShopRedemptionReport, Vec<Redemption>)> {
    ensure_perk(conn, perk)?;
    // The csv crate numbers CRLF lines one short, so line ends are made LF first.
    let text = text
        .strip_prefix('\u{feff}')
        .unwrap_or(text)
        .replace("\r\n", "\n");
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| {
            crate::invalid!(
                "csv.headerUnreadable",
                "line 1: the header cannot be read ({e})",
                e
            )
        })?
        .clone();
    let col = |names: &[&str]| {
        headers
            .iter()
            .position(|h| names.contains(&header_key(h).as_str()))
    };
    let code_col = col(&CODE_HEADERS).ok_or_else(|| {
        crate::invalid!(
            "shopCsv.codeColumnMissing",
            "line 1: the file needs a code column (\"code\", \"discount_code\" or \"coupon\")"
        )
    })?;
    let date_col = col(&DATE_HEADERS);
    let mut report = ShopRedemptionReport {
        to_redeem: 0,
        already_redeemed: 0,
        bad_rows: Vec::new(),
    };
    let mut good: Vec<Redemption> = Vec::new();
    let mut seen: HashMap<String, u64> = HashMap::new();
    for (i, record) in reader.records().enumerate() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(i as u64 + 2, |p| p.line());
                report.bad_rows.push(ShopCsvLineError {
                    line,
                    message: format!("the row cannot be read ({e})"),
                });
                continue;
            }
        };
        let line = record.position().map_or(i as u64 + 2, |p| p.line());
        let field = |c: Option<usize>| {
            c.and_then(|c| record.get(c))
                .map(str::trim)
                .filter(|s| !s.is_empty())
        };
        let row = (|| {
            let code = field(Some(code_col))
                .ok_or_else(|| crate::invalid!("shopCsv.codeEmpty", "the code is empty"))?
                .to_uppercase();
            if let Some(first) = seen.get(&code) {
                return Err(crate::invalid!(
                    "shopCsv.codeTwice",
                    "code {code} appears twice in the file (lines {first} and {line})",
                    code,
                    first,
                    line
                ));
            }
            seen.insert(code.clone(), line);
            let at = field(date_col).map(parse_time).transpose()?;
            Ok(check_row(conn, perk, &code, at)?.map(|grant| (grant, at)))
        })();
        match row {
            Ok(Some(redemption)) => good.push(redemption),
            Ok(None) => report.already_redeemed += 1,
            Err(e) => report.bad_rows.push(ShopCsvLineError {
                line,
                message: e.to_string(),
            }),
        }
    }
    report.to_redeem = u32::try_from(good.len()).unwrap_or(u32::MAX);
    Ok((report, good))
}

/// Reads and checks a shop CSV for `perk` without writing anything.
pub fn check_redemption_csv(
    conn: &Connection,
    perk: &str,
    text: &str,
) -> Result<ShopRedemptionReport> {
    Ok(read(conn, perk, text)?.0)
}

/// Redeems the grants of a shop CSV for `perk`, each at its row's date (else now) with a
/// `perk_redeemed` activity: every row, or — when any row is wrong — none, with an error
/// listing each bad line.
pub fn redeem_from_csv(w: &mut Writer<'_>, perk: &str, text: &str) -> Result<ShopRedemptionReport> {
    let (report, good) = read(w.tx(), perk, text)?;
    if !report.bad_rows.is_empty() {
        let lines: Vec<String> = report
            .bad_rows
            .iter()
            .map(|e| format!("line {}: {}", e.line, e.message))
            .collect();
        return Err(crate::invalid!(
            "shopCsv.rowsRefused",
            "{count} {rows} cannot be redeemed, so nothing was redeemed:\n{lines}",
            count = report.bad_rows.len(),
            rows = crate::error::rows_noun(report.bad_rows.len()),
            lines = lines.join("\n")
        ));
    }
    let now = w.now_ms();
    for (grant, at) in &good {
        redeem_grant_at(w, grant, at.unwrap_or(now))?;
    }
    if !good.is_empty() {
        audit::record(
            w,
            "perk.redeem_csv",
            Some(perk),
            &serde_json::json!({ "redeemed": report.to_redeem, "already": report.already_redeemed }),
        )?;
    }
    Ok(report)
}
