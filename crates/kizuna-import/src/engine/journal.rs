//! What an import wrote, row by row, saved with the run so the whole import can be undone.

use kizuna_core::CoreError;
use kizuna_core::store::{SyncedTable, Writer};
use serde_json::Value as Json;

/// One row an import inserted, or cells it changed (`cells` = `{column: [before, after]}`).
#[derive(Debug, Clone, PartialEq)]
pub struct JournalRow {
    pub table: &'static str,
    pub row_id: String,
    pub cells: Option<Json>,
}

/// The rows of one import, in the order they were written.
#[derive(Debug, Default)]
pub struct Journal {
    rows: Vec<JournalRow>,
}

impl Journal {
    /// Notes a row the import inserted.
    pub fn inserted(&mut self, table: SyncedTable, row_id: &str) {
        self.rows.push(JournalRow {
            table: table.name(),
            row_id: row_id.to_owned(),
            cells: None,
        });
    }

    /// Notes cells the import changed on an existing row.
    pub fn updated(&mut self, table: SyncedTable, row_id: &str, cells: Json) {
        self.rows.push(JournalRow {
            table: table.name(),
            row_id: row_id.to_owned(),
            cells: Some(cells),
        });
    }

    /// How many rows the import has written so far.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Saves the rows under `run_id` in the import's transaction.
    pub fn save(&self, w: &Writer<'_>, run_id: &str) -> Result<(), CoreError> {
        let mut insert = w.tx().prepare_cached(
            "INSERT INTO import_run_rows (run_id, seq, tbl, row_id, action, before)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        for (seq, row) in self.rows.iter().enumerate() {
            let (action, cells) = match &row.cells {
                None => ("insert", None),
                Some(cells) => ("update", Some(cells.to_string())),
            };
            insert.execute(rusqlite::params![
                run_id, seq as i64, row.table, row.row_id, action, cells
            ])?;
        }
        Ok(())
    }
}
