//! Importing ideas from a CSV file: all rows or none, every bad row named by its line (as the
//! event feedback import does).
//!
//! Columns (header names, any order, case-insensitive): `title` (required), `body`, `author`
//! (a member's email or handle; blank means the team), `status` (blank means new), `created`
//! (YYYY-MM-DD or RFC 3339; blank means now).

use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use super::idea::put_status;
use super::{IdeaInput, IdeaSource, IdeaStatus, create_idea};
use crate::audit;
use crate::error::{CoreError, Result};
use crate::store::Writer;

/// A row that cannot be imported, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct IdeaLineError {
    /// Line in the file (the header is line 1).
    pub line: u64,
    pub message: String,
}

/// The file read and checked: the ideas it would import (with their status), or the bad lines.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct IdeaCsvCheck {
    pub rows: Vec<(IdeaInput, IdeaStatus)>,
    pub errors: Vec<IdeaLineError>,
}

/// Reads and checks an ideas CSV without writing anything.
pub fn check_ideas_csv(conn: &Connection, data: &[u8]) -> Result<IdeaCsvCheck> {
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
    let title_col = col("title").ok_or_else(|| {
        crate::invalid!(
            "ideas.titleColumnMissing",
            "line 1: the file needs a \"title\" column"
        )
    })?;
    let cols = [col("body"), col("author"), col("status"), col("created")];
    let mut check = IdeaCsvCheck {
        rows: Vec::new(),
        errors: Vec::new(),
    };
    for (i, record) in reader.records().enumerate() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(i as u64 + 2, |p| p.line());
                check.errors.push(IdeaLineError {
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
            let title = field(Some(title_col))
                .ok_or_else(|| crate::invalid!("ideas.titleEmpty", "the title is empty"))?;
            let author_id = field(cols[1]).map(|a| find_author(conn, a)).transpose()?;
            let status = field(cols[2]).map_or(Ok(IdeaStatus::New), IdeaStatus::parse)?;
            let created_at = field(cols[3]).map(parse_time).transpose()?;
            Ok::<_, CoreError>((
                IdeaInput {
                    title: title.to_owned(),
                    body: field(cols[0]).map(str::to_owned),
                    author_id,
                    topic: None,
                    activity_id: None,
                    created_at,
                },
                status,
            ))
        })();
        match row {
            Ok(r) => check.rows.push(r),
            Err(e) => check.errors.push(IdeaLineError {
                line,
                message: e.to_string(),
            }),
        }
    }
    Ok(check)
}

/// A live member by email, or else by handle on any platform (a leading `@` is ignored).
fn find_author(conn: &Connection, text: &str) -> Result<String> {
    let by_email: Vec<String> = conn
        .prepare_cached(
            "SELECT id FROM members WHERE lower(email) = lower(?1) AND deleted_at IS NULL
             AND merged_into IS NULL ORDER BY id LIMIT 1",
        )?
        .query_map([text], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if let Some(id) = by_email.into_iter().next() {
        return Ok(id);
    }
    let handle = text.trim_start_matches('@');
    let by_handle: Vec<String> = conn
        .prepare_cached(
            "SELECT DISTINCT m.id FROM identities i JOIN members m ON m.id = i.member_id
             WHERE lower(i.handle) = lower(?1) AND m.deleted_at IS NULL AND m.merged_into IS NULL
             ORDER BY m.id",
        )?
        .query_map([handle], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    match by_handle.as_slice() {
        [one] => Ok(one.clone()),
        [] => Err(crate::invalid!(
            "ideas.noAuthor",
            "no member has the email or handle \"{text}\"",
            text
        )),
        _ => Err(crate::invalid!(
            "ideas.handleShared",
            "the handle \"{text}\" belongs to {count} members; use their email",
            text,
            count = by_handle.len()
        )),
    }
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
                "ideas.badDate",
                "created \"{text}\" is not a date (YYYY-MM-DD) or an RFC 3339 time",
                text
            )
        })
}

/// Imports an ideas CSV: every row, or — when any row is wrong — none, with an error listing
/// each bad line. Returns the new ideas' ids.
pub fn import_ideas_csv(w: &mut Writer<'_>, data: &[u8]) -> Result<Vec<String>> {
    let check = check_ideas_csv(w.tx(), data)?;
    if !check.errors.is_empty() {
        let lines: Vec<String> = check
            .errors
            .iter()
            .map(|e| format!("line {}: {}", e.line, e.message))
            .collect();
        let n = check.errors.len();
        return Err(crate::invalid!(
            "ideas.rowsRefused",
            "{count} {rows} cannot be imported, so nothing was imported:\n{lines}",
            count = n,
            rows = crate::error::rows_noun(n),
            lines = lines.join("\n")
        ));
    }
    let mut ids = Vec::with_capacity(check.rows.len());
    for (input, status) in &check.rows {
        let id = create_idea(w, input, IdeaSource::Csv)?;
        if *status != IdeaStatus::New {
            let at = input.created_at.unwrap_or_else(|| w.now_ms());
            put_status(w, &id, *status, at)?;
        }
        ids.push(id);
    }
    audit::record(
        w,
        "idea.imported",
        None,
        &serde_json::json!({ "rows": ids.len() }),
    )?;
    Ok(ids)
}
