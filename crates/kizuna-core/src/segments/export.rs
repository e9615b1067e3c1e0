//! CSV export of a segment: one row per member, the member id first, quoted by the `csv`
//! crate so names with commas, quotes, line breaks or Japanese text survive a spreadsheet,
//! and names that look like formulas are written so a spreadsheet shows them, never runs them.

use std::collections::HashMap;
use std::io::Write;

use chrono::DateTime;
use rusqlite::Connection;

use super::rules::Group;
use super::{sql, validate};
use crate::engagement;
use crate::error::{CoreError, Result};
use crate::export_file::write_csv_record;

/// The header row of an export.
pub const CSV_HEADER: [&str; 10] = [
    "id",
    "name",
    "reading",
    "email",
    "country",
    "city",
    "joined",
    "level",
    "score",
    "platforms",
];

/// Writes the members matching `group` as CSV (with a header) in the Members list's order;
/// returns how many members were written.
pub fn export_csv<W: Write>(
    conn: &Connection,
    group: &Group,
    now_ms: i64,
    writer: W,
) -> Result<u32> {
    validate(conn, group)?;
    let compiled = sql::compile(conn, group, now_ms)?;
    let labels: HashMap<i64, String> = engagement::levels(conn)?
        .into_iter()
        .map(|l| (l.rank, l.label_en))
        .collect();
    let query = format!(
        "SELECT m.id, m.display_name, m.name_reading, m.email, m.country, m.city, m.joined_at,
                coalesce(s.level_rank, 1), coalesce(s.score, 0.0),
                (SELECT group_concat(platform, ';') FROM
                    (SELECT DISTINCT platform FROM identities i WHERE i.member_id = m.id
                     ORDER BY platform))
         FROM members m LEFT JOIN member_scores s ON s.member_id = m.id
         WHERE m.deleted_at IS NULL AND {}
         ORDER BY m.sort_key, m.id",
        compiled.condition
    );
    let mut out = csv::Writer::from_writer(writer);
    write_csv_record(&mut out, CSV_HEADER).map_err(write_error)?;
    let mut stmt = conn.prepare(&query)?;
    let mut rows = stmt.query(rusqlite::params_from_iter(&compiled.params))?;
    let mut written = 0;
    while let Some(r) = rows.next()? {
        let joined: i64 = r.get(6)?;
        let rank: i64 = r.get(7)?;
        let score: f64 = r.get(8)?;
        let record = [
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<String>>(2)?.unwrap_or_default(),
            r.get::<_, Option<String>>(3)?.unwrap_or_default(),
            r.get::<_, Option<String>>(4)?.unwrap_or_default(),
            r.get::<_, Option<String>>(5)?.unwrap_or_default(),
            DateTime::from_timestamp_millis(joined)
                .map(|d| d.date_naive().to_string())
                .unwrap_or_default(),
            labels
                .get(&rank)
                .cloned()
                .unwrap_or_else(|| rank.to_string()),
            format!("{score:.2}"),
            r.get::<_, Option<String>>(9)?.unwrap_or_default(),
        ];
        write_csv_record(&mut out, &record).map_err(write_error)?;
        written += 1;
    }
    out.flush().map_err(|e| write_error(e.into()))?;
    Ok(written)
}

fn write_error(e: csv::Error) -> CoreError {
    CoreError::Export(std::io::Error::from(e))
}
