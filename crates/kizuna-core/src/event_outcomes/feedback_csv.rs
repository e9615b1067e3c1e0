//! Importing feedback from a CSV file: all rows or none, every bad row named by its line.
//!
//! Columns (header names, any order, case-insensitive): `rating` (1–5, required), `comment`,
//! `email` or `member_id` (who gave it; blank means anonymous), `submitted_at` (YYYY-MM-DD or
//! RFC 3339; blank means now).

use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

use super::feedback::{FeedbackInput, FeedbackSource, check_member, check_rating, insert};
use crate::audit;
use crate::budget::ensure_event;
use crate::error::Result;
use crate::store::Writer;

/// A row of the file that cannot be imported, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FeedbackLineError {
    /// Line in the file (the header is line 1).
    pub line: u64,
    pub message: String,
}

/// The file read and checked: the rows it would import, or the lines that are wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FeedbackCsvCheck {
    pub rows: Vec<FeedbackInput>,
    pub errors: Vec<FeedbackLineError>,
}

/// Reads and checks a feedback CSV for `event` without writing anything.
pub fn check_feedback_csv(conn: &Connection, event: &str, data: &[u8]) -> Result<FeedbackCsvCheck> {
    ensure_event(conn, event)?;
    let data = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(data);
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
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
    };
    let rating_col = col("rating").ok_or_else(|| {
        crate::invalid!(
            "feedback.ratingColumnMissing",
            "line 1: the file needs a \"rating\" column"
        )
    })?;
    let (comment_col, email_col, member_col, at_col) = (
        col("comment"),
        col("email"),
        col("member_id"),
        col("submitted_at"),
    );
    let mut check = FeedbackCsvCheck {
        rows: Vec::new(),
        errors: Vec::new(),
    };
    for (i, record) in reader.records().enumerate() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(i as u64 + 2, |p| p.line());
                check.errors.push(FeedbackLineError {
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
        match parse_row(
            conn,
            &field,
            rating_col,
            comment_col,
            email_col,
            member_col,
            at_col,
        ) {
            Ok(input) => check.rows.push(input),
            Err(e) => check.errors.push(FeedbackLineError {
                line,
                message: e.to_string(),
            }),
        }
    }
    Ok(check)
}

fn parse_row<'r>(
    conn: &Connection,
    field: &dyn Fn(Option<usize>) -> Option<&'r str>,
    rating_col: usize,
    comment_col: Option<usize>,
    email_col: Option<usize>,
    member_col: Option<usize>,
    at_col: Option<usize>,
) -> Result<FeedbackInput> {
    let rating_text = field(Some(rating_col))
        .ok_or_else(|| crate::invalid!("feedback.ratingEmpty", "the rating is empty"))?;
    let rating: i64 = rating_text.parse().map_err(|_| {
        crate::invalid!(
            "feedback.ratingNotNumber",
            "rating \"{text}\" is not a whole number from 1 to 5",
            text = rating_text
        )
    })?;
    check_rating(rating)?;
    let member_id = match (field(member_col), field(email_col)) {
        (Some(id), _) => {
            check_member(conn, id).map_err(|_| {
                crate::invalid!("csv.noMemberWithId", "no member has the id {id}", id)
            })?;
            Some(id.to_owned())
        }
        (None, Some(email)) => Some(
            conn.prepare_cached(
                "SELECT id FROM members WHERE lower(email) = lower(?1) AND deleted_at IS NULL
                 AND merged_into IS NULL ORDER BY id LIMIT 1",
            )?
            .query_row([email], |r| r.get(0))
            .optional()?
            .ok_or_else(|| {
                crate::invalid!(
                    "csv.noMemberWithEmail",
                    "no member has the email {email}",
                    email
                )
            })?,
        ),
        (None, None) => None,
    };
    let submitted_at = field(at_col).map(parse_time).transpose()?;
    Ok(FeedbackInput {
        member_id,
        rating,
        comment: field(comment_col).map(str::to_owned),
        submitted_at,
    })
}

fn parse_time(text: &str) -> Result<i64> {
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(text) {
        return Ok(t.timestamp_millis());
    }
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|t| t.and_utc().timestamp_millis())
        .ok_or_else(|| {
            crate::invalid!(
                "feedback.badDate",
                "submitted_at \"{text}\" is not a date (YYYY-MM-DD) or an RFC 3339 time",
                text
            )
        })
}

/// Imports a feedback CSV for `event`: every row, or — when any row is wrong — none, with an
/// error listing each bad line. Returns how many were imported.
pub fn import_feedback_csv(w: &mut Writer<'_>, event: &str, data: &[u8]) -> Result<u32> {
    let check = check_feedback_csv(w.tx(), event, data)?;
    if !check.errors.is_empty() {
        let lines: Vec<String> = check
            .errors
            .iter()
            .map(|e| format!("line {}: {}", e.line, e.message))
            .collect();
        return Err(crate::invalid!(
            "feedback.rowsRefused",
            "{count} {rows} cannot be imported, so nothing was imported:\n{lines}",
            count = check.errors.len(),
            rows = crate::error::rows_noun(check.errors.len()),
            lines = lines.join("\n")
        ));
    }
    for row in &check.rows {
        insert(w, event, row, FeedbackSource::Csv)?;
    }
    let imported = u32::try_from(check.rows.len()).unwrap_or(u32::MAX);
    audit::record(
        w,
        "event.feedback_imported",
        Some(event),
        &serde_json::json!({ "rows": imported }),
    )?;
    Ok(imported)
}
