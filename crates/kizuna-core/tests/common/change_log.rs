//! Reading the change log back: which cells a write logged, with which site and hlc.

use std::collections::BTreeMap;

use kizuna_core::Store;
use kizuna_core::ids::MemberId;
use rusqlite::types::Value;

use super::count;

/// One change-log row.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub tbl: String,
    pub pk: String,
    pub col: String,
    pub val: Value,
    pub hlc: i64,
    pub site: i64,
}

/// Cells of one row as (column → value).
pub type Cells = BTreeMap<String, Value>;

pub fn last_seq(store: &Store) -> i64 {
    count(store.conn(), "SELECT coalesce(max(seq), 0) FROM change_log")
}

pub fn max_hlc(store: &Store) -> i64 {
    count(store.conn(), "SELECT coalesce(max(hlc), 0) FROM change_log")
}

pub fn changes_since(store: &Store, seq: i64) -> Vec<Change> {
    store
        .conn()
        .prepare("SELECT tbl, pk, col, val, hlc, site FROM change_log WHERE seq > ?1 ORDER BY seq")
        .expect("prepare")
        .query_map([seq], |r| {
            Ok(Change {
                tbl: r.get(0)?,
                pk: r.get(1)?,
                col: r.get(2)?,
                val: r.get(3)?,
                hlc: r.get(4)?,
                site: r.get(5)?,
            })
        })
        .expect("query the change log")
        .collect::<rusqlite::Result<_>>()
        .expect("read the change log")
}

pub fn local_site(store: &Store) -> i64 {
    count(
        store.conn(),
        "SELECT s.id FROM sync_sites s JOIN kizuna_meta m ON m.value = s.site_uuid
         WHERE m.key = 'site_id'",
    )
}

/// The synced, non-null cells of a row (derived search columns are local only).
pub fn row_cells(store: &Store, table: &str, id: &str) -> Cells {
    let mut stmt = store
        .conn()
        .prepare(&format!("SELECT * FROM {table} WHERE id = ?1"))
        .expect("prepare");
    let names: Vec<String> = stmt.column_names().map(str::to_owned).collect();
    let values: Vec<Value> = stmt
        .query_row([id], |r| (0..names.len()).map(|i| r.get(i)).collect())
        .expect("the row exists");
    names
        .into_iter()
        .zip(values)
        .filter(|(c, v)| {
            !matches!(c.as_str(), "id" | "search_text" | "sort_key") && *v != Value::Null
        })
        .collect()
}

/// The logged cells of one row among `changes`, checking no cell is logged twice.
pub fn logged_cells(changes: &[Change], table: &str, id: &str) -> Cells {
    let mut cells = Cells::new();
    for c in changes.iter().filter(|c| c.tbl == table && c.pk == id) {
        let previous = cells.insert(c.col.clone(), c.val.clone());
        assert!(previous.is_none(), "{table}.{} of {id} logged twice", c.col);
    }
    cells
}

/// Asserts `changes` log the insert of this row: its existence and each non-null cell.
pub fn assert_insert_logged(store: &Store, changes: &[Change], table: &str, id: &str) {
    let mut expected = row_cells(store, table, id);
    expected.insert("_row".to_owned(), Value::Integer(1));
    assert_eq!(
        logged_cells(changes, table, id),
        expected,
        "log of {table} {id}"
    );
}

/// Asserts every change is local, newer than `after`, and touches exactly `rows`.
pub fn assert_new_local_changes(
    store: &Store,
    changes: &[Change],
    after: i64,
    rows: &[(&str, &str)],
) {
    let site = local_site(store);
    for c in changes {
        assert_eq!(c.site, site, "{c:?} should come from this replica");
        assert!(c.hlc > after, "{c:?} should be newer than hlc {after}");
    }
    let mut touched: Vec<(&str, &str)> = changes
        .iter()
        .map(|c| (c.tbl.as_str(), c.pk.as_str()))
        .collect();
    touched.sort_unstable();
    touched.dedup();
    let mut expected = rows.to_vec();
    expected.sort_unstable();
    assert_eq!(touched, expected, "the rows this write touched");
}

pub fn ids(store: &Store, sql: &str, member: &MemberId) -> Vec<String> {
    let mut stmt = store.conn().prepare(sql).expect("prepare");
    stmt.query_map([member.as_str()], |r| r.get(0))
        .expect("query")
        .collect::<rusqlite::Result<_>>()
        .expect("read ids")
}

/// Where the change log stood before a write.
#[derive(Debug, Clone, Copy)]
pub struct Mark {
    pub seq: i64,
    pub hlc: i64,
}

/// The change log's position now.
pub fn mark(store: &Store) -> Mark {
    Mark {
        seq: last_seq(store),
        hlc: max_hlc(store),
    }
}

/// Asserts that since `mark` exactly one row was inserted and logged cell by cell.
pub fn assert_logged_insert(store: &Store, mark: Mark, table: &str, id: &str) {
    let changes = changes_since(store, mark.seq);
    assert_new_local_changes(store, &changes, mark.hlc, &[(table, id)]);
    assert_insert_logged(store, &changes, table, id);
}
