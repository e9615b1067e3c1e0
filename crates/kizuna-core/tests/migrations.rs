//! Opening files of every schema version: upgrades keep every row, failures change nothing, and
//! files that are not ours (or are too new) are refused untouched.

mod common;

use std::path::Path;

use common::{count, fixed_clock, rows, temp_path};
use kizuna_core::CoreError;
use kizuna_core::Store;
use kizuna_core::members::list_members;
use kizuna_core::store::{APPLICATION_ID, MIGRATIONS, Migration, OpenMode, SCHEMA_VERSION};
use rusqlite::Connection;
use rusqlite::types::Value;

/// Rows a community had at schema version 1, written the way that version's app stored them.
const V1_ROWS: &str = "
INSERT INTO activity_types (id, key, label_en, label_ja, platform, weight) VALUES
    ('at-post', 'post', 'Posted', '投稿', NULL, 2.0),
    ('at-review', 'review', 'Wrote a review', 'レビュー投稿', 'shop', 4.0);
INSERT INTO members (id, display_name, name_reading, email, phone, locale, country, city,
                     birth_year, joined_at, source, notes, deleted_at, search_text, sort_key) VALUES
    ('m-1', '山田 太郎', 'ヤマダ タロウ', 'taro.yamada@example.jp', '090-1234-5678', 'ja-JP', 'JP',
     '東京', 1988, 1700000000000, 'event', '焙煎の話が好き', NULL,
     '山田 太郎やまだ たろうtaro.yamada@example.jp', 'やまだ たろう'),
    ('m-2', 'Olivia Smith', NULL, 'olivia.smith@example.com', NULL, 'en-US', 'US',
     'Seattle', NULL, 1710000000000, 'instagram', NULL, NULL, 'olivia smith', 'olivia smith'),
    ('m-3', '佐藤 花子', 'サトウ ハナコ', NULL, NULL, NULL, NULL, NULL, NULL, 1690000000000,
     NULL, NULL, 1720000000000, '', '');
INSERT INTO identities (id, member_id, platform, handle, url, followers) VALUES
    ('i-1', 'm-1', 'instagram', 'taro_roasts', 'https://www.instagram.com/taro_roasts', 12500),
    ('i-2', 'm-2', 'discord', 'olivia#4821', NULL, NULL);
INSERT INTO tags (id, name) VALUES ('t-1', 'home-barista');
INSERT INTO member_tags (id, member_id, tag_id) VALUES ('mt-1', 'm-1', 't-1');
INSERT INTO activities (id, member_id, activity_type, occurred_at, platform, url, meta) VALUES
    ('a-1', 'm-1', 'post', 1700000100000, 'instagram', 'https://www.instagram.com/p/1', NULL),
    ('a-2', 'm-2', 'review', 1710000200000, 'shop', NULL, '{\"stars\":5}'),
    ('a-3', 'm-1', 'review', 1700000300000, 'shop', NULL, NULL);
";

/// Rows that only exist from schema version 2 on.
const V2_ROWS: &str = "
INSERT INTO events (id, title, kind, starts_at, ends_at, time_zone, venue, url, capacity,
                    status, description) VALUES
    ('e-1', 'ハンドドリップ講座 #1', 'in_person', 1712000000000, 1712007200000, 'Asia/Tokyo',
     'Hinata Roastery 渋谷', NULL, 24, 'done', '初心者向け'),
    ('e-2', 'Online Roastery Tour #1', 'online', 1790000000000, 1790003600000, 'Asia/Tokyo',
     NULL, 'https://meet.example.com/hinata-1', NULL, 'published', NULL);
INSERT INTO registrations (id, event_id, member_id, status, ticket_type, price_minor, currency,
                           registered_at, checked_in_at, checked_in_by) VALUES
    ('r-1', 'e-1', 'm-1', 'attended', 'general', 3000, 'JPY', 1711000000000, 1711999900000,
     'ipad-front-desk'),
    ('r-2', 'e-2', 'm-2', 'going', NULL, NULL, NULL, 1712500000000, NULL, NULL);
INSERT INTO campaigns (id, name, kind, status, starts_at, ends_at, budget_minor, currency,
                       goal_metric, goal_target) VALUES
    ('c-1', '友だち紹介キャンペーン', 'referral', 'running', 1711000000000, NULL, 150000, 'JPY',
     'new_members', 150);
INSERT INTO activities (id, member_id, activity_type, occurred_at, platform, url, meta,
                        event_id, campaign_id) VALUES
    ('a-4', 'm-1', 'post', 1711999950000, 'community', NULL, NULL, 'e-1', 'c-1');
";

/// Rows that only exist from schema version 3 on: engagement settings, levels and scores.
const V3_ROWS: &str = "
INSERT INTO settings (id, value) VALUES ('engagement.half_life_days', '60');
INSERT INTO levels (id, rank, key, label_en, label_ja, min_score) VALUES
    ('l-1', 1, 'newcomer', 'Newcomer', 'ニューカマー', 0.0),
    ('l-2', 2, 'regular', 'Regular', '常連', 5.0);
INSERT INTO member_scores (member_id, score, as_of, level_rank, last_activity_at) VALUES
    ('m-1', 7.25, 1712000000000, 2, 1711999950000),
    ('m-2', 3.5, 1712000000000, 1, 1710000200000);
INSERT INTO level_changes (member_id, from_rank, to_rank, at, score, cause) VALUES
    ('m-1', 1, 2, 1712000000000, 7.25, 'activity');
INSERT INTO score_state (id, as_of, last_activity_rowid, rules, ladder, stale) VALUES
    (1, 1712000000000, 4, 'half_life=404e000000000000', '1:0;2:4014000000000000', 0);
";

/// Rows valid from schema version 4 on (it only adds an index of deleted members).
const V4_ROWS: &str = "
INSERT INTO members (id, display_name, joined_at, deleted_at) VALUES
    ('m-9', '退会 済子', 1700000000000, 1712000000000);
";

/// Rows that only exist from schema version 5 on: audit log, merges, segments.
const V5_ROWS: &str = "
INSERT INTO audit_log (id, at, actor, device, action, subject, details) VALUES
    ('au-1', 1712000000000, 'hana', 'site-1', 'member.merge', 'm-1', '{\"merged\":\"m-9\"}');
UPDATE members SET merged_into = 'm-1' WHERE id = 'm-9';
INSERT INTO merges (id, kept_member_id, merged_member_id, snapshot, merged_at) VALUES
    ('mg-1', 'm-1', 'm-9', '{}', 1712000000000);
INSERT INTO segments (id, name, rules, created_at, updated_at) VALUES
    ('sg-1', 'Tokyo regulars', '{\"all\":[]}', 1712000000000, 1712000000000);
";

/// Rows that only exist from schema version 6 on: referrals.
const V6_ROWS: &str = "
INSERT INTO referrals (id, referrer_id, referred_id, channel, code, referred_at, campaign_id,
                       activity_id)
VALUES ('rf-1', 'm-1', 'm-2', 'code', 'TARO-2024', 1710000000000, 'c-1', 'a-4');
";

/// Rows that only exist from schema version 8 on: member traits.
const V8_ROWS: &str = "
INSERT INTO member_traits (id, member_id, dimension, key, value) VALUES
    ('tr-1', 'm-1', 'psychographic', 'interest', 'espresso'),
    ('tr-2', 'm-1', 'technology', 'device', 'iPhone'),
    ('tr-3', 'm-2', 'behaviour', 'purchase_frequency', '週に一度');
";

/// Rows that only exist from schema version 10 on: budget lines, feedback, suggestions.
const V10_ROWS: &str = "
INSERT INTO budget_lines (id, event_id, kind, category, planned_minor, actual_minor, currency,
                          vendor, paid_at, notes, created_at) VALUES
    ('bl-1', 'e-1', 'cost', 'venue', 120000, 118000, 'JPY', 'Hinata Roastery', 1712100000000,
     '会場費', 1711000000000),
    ('bl-2', 'e-1', 'income', 'sponsorship', 50000, NULL, 'JPY', NULL, NULL, NULL, 1711000000000);
INSERT INTO event_feedback (id, event_id, member_id, rating, comment, submitted_at, source) VALUES
    ('fb-1', 'e-1', 'm-1', 5, 'とても良かった', 1712100000000, 'manual');
INSERT INTO event_suggestions (id, event_id, kind, text, proposed_by, proposed_at) VALUES
    ('sg-1', 'e-2', 'topic', 'Cold brew', 'm-2', 1712500000000);
INSERT INTO suggestion_votes (id, suggestion_id, member_id, voted_at) VALUES
    ('sv-1', 'sg-1', 'm-1', 1712600000000);
";

/// Rows that only exist from schema version 9 on: ticket types, registration codes, waitlists.
const V9_ROWS: &str = "
UPDATE events SET currency = 'JPY', address = '東京都渋谷区神南1-2-3' WHERE id = 'e-1';
INSERT INTO ticket_types (id, event_id, name, price_minor, currency, position) VALUES
    ('tt-1', 'e-2', '一般 General', 3000, 'JPY', 0);
INSERT INTO registrations (id, event_id, member_id, status, ticket_type_id, ticket_type,
                           price_minor, currency, registered_at, code, waitlist_position) VALUES
    ('r-3', 'e-2', 'm-1', 'waitlist', 'tt-1', '一般 General', 3000, 'JPY', 1712600000000,
     'K7QX2MP', 1);
";

/// Rows that only exist from schema version 14 on: perks (one linked to a campaign), waves,
/// codes, grants.
const V14_ROWS: &str = "
INSERT INTO perks (id, kind, name, starts_at, ends_at, stock, campaign_id, created_at) VALUES
    ('p-1', 'discount_code', '会員限定クーポン', 1712000000000, NULL, 10, 'c-1', 1712000000000);
INSERT INTO perk_waves (id, perk_id, number, name, opens_at, segment_id, min_level) VALUES
    ('pw-1', 'p-1', 1, 'Champions', 1712000000000, 'sg-1', 5);
INSERT INTO perk_codes (id, perk_id, code, added_at) VALUES ('pc-1', 'p-1', 'HINATA-7K', 1712000000000);
INSERT INTO perk_grants (id, perk_id, member_id, wave_id, code_id, status, granted_at, redeemed_at)
    VALUES ('pg-1', 'p-1', 'm-1', 'pw-1', 'pc-1', 'redeemed', 1712100000000, 1712200000000);
";

const V15_ROWS: &str = "
INSERT INTO ideas (id, title, body, author_id, source, status, topic, created_at) VALUES
    ('i-1', '夜のオンライン読書会', '平日の夜にも開催してほしい', 'm-1', 'manual', 'planned', 'events', 1712000000000),
    ('i-2', 'Evening book club', NULL, NULL, 'csv', 'new', NULL, 1712000000000);
UPDATE ideas SET merged_into = 'i-1', merged_at = 1712100000000 WHERE id = 'i-2';
INSERT INTO idea_status_changes (id, idea_id, status, at) VALUES
    ('is-1', 'i-1', 'new', 1712000000000), ('is-2', 'i-1', 'planned', 1712100000000);
INSERT INTO idea_votes (id, idea_id, member_id, voted_at) VALUES ('iv-1', 'i-1', 'm-1', 1712000000000);
INSERT INTO idea_comments (id, idea_id, origin_idea_id, member_id, body, created_at)
    VALUES ('ic-1', 'i-1', 'i-2', NULL, 'ありがとうございます', 1712000000000);
";

/// The rows first valid at `version` (each migration adds an arm).
fn rows_added_at(version: usize) -> &'static str {
    match version {
        1 => V1_ROWS,
        2 => V2_ROWS,
        3 => V3_ROWS,
        4 => V4_ROWS,
        5 => V5_ROWS,
        6 => V6_ROWS,
        8 => V8_ROWS,
        9 => V9_ROWS,
        10 => V10_ROWS,
        14 => V14_ROWS,
        15 => V15_ROWS,
        _ => "",
    }
}

/// A whole table as (column names, rows ordered by every column).
type TableDump = (String, Vec<String>, Vec<Vec<Value>>);

fn dump_tables(conn: &Connection) -> Vec<TableDump> {
    let names: Vec<String> = rows(
        conn,
        "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name",
    )
    .into_iter()
    .map(|r| match &r[0] {
        Value::Text(name) => name.clone(),
        other => panic!("table name is not text: {other:?}"),
    })
    .collect();
    names
        .into_iter()
        .map(|table| {
            let columns = column_names(conn, &table);
            let data = select_columns(conn, &table, &columns);
            (table, columns, data)
        })
        .collect()
}

fn column_names(conn: &Connection, table: &str) -> Vec<String> {
    let mut stmt = conn
        .prepare(&format!(
            "SELECT name FROM pragma_table_info('{table}') ORDER BY cid"
        ))
        .expect("read the table's columns");
    stmt.query_map([], |r| r.get(0))
        .expect("list columns")
        .collect::<rusqlite::Result<_>>()
        .expect("read column names")
}

fn select_columns(conn: &Connection, table: &str, columns: &[String]) -> Vec<Vec<Value>> {
    let list = columns.join(", ");
    let order: Vec<String> = (1..=columns.len()).map(|i| i.to_string()).collect();
    rows(
        conn,
        &format!("SELECT {list} FROM {table} ORDER BY {}", order.join(", ")),
    )
}

fn schema(conn: &Connection) -> Vec<Vec<Value>> {
    rows(
        conn,
        "SELECT type, name, tbl_name, rootpage, sql FROM sqlite_schema ORDER BY type, name",
    )
}

fn pragma(conn: &Connection, name: &str) -> i64 {
    count(conn, &format!("PRAGMA {name}"))
}

fn plain(path: &Path) -> Connection {
    Connection::open(path).expect("open the file with plain SQLite")
}

/// A community file at schema `version` holding the rows valid at that version.
fn file_at_version(path: &Path, version: usize) {
    if version == 0 {
        // An SQLite file with a header but no tables: what a crash right after creation leaves.
        plain(path)
            .execute_batch("CREATE TABLE scratch (x); DROP TABLE scratch;")
            .expect("write an empty SQLite file");
    } else {
        Store::open_with(
            path,
            OpenMode::CreateIfMissing,
            fixed_clock(),
            &MIGRATIONS[..version],
        )
        .expect("create a file at an older version");
    }
    let conn = plain(path);
    conn.execute_batch("PRAGMA foreign_keys = ON")
        .expect("enable foreign keys");
    for sql in (1..=version).map(rows_added_at) {
        conn.execute_batch(sql)
            .expect("insert rows valid at this version");
    }
    assert_eq!(
        pragma(&conn, "user_version"),
        i64::try_from(version).expect("small")
    );
}

#[test]
fn every_older_version_upgrades_to_the_latest_keeping_every_row() {
    for version in 0..=MIGRATIONS.len() {
        let (_dir, path) = temp_path();
        file_at_version(&path, version);
        let before = dump_tables(&plain(&path));

        let store = Store::open(&path, OpenMode::MustExist, fixed_clock())
            .unwrap_or_else(|e| panic!("upgrading from version {version} failed: {e}"));
        assert_eq!(
            store.schema_version().expect("read version"),
            SCHEMA_VERSION
        );
        assert_eq!(pragma(store.conn(), "application_id"), APPLICATION_ID);
        assert_eq!(pragma(store.conn(), "application_id"), 0x4B5A_4E41);
        for (table, columns, data) in &before {
            assert_eq!(
                &select_columns(store.conn(), table, columns),
                data,
                "rows of {table} changed when upgrading from version {version}"
            );
        }
        let live: u32 = if version == 0 { 0 } else { 2 };
        let page = list_members(store.conn(), "", 0, 50).expect("list members");
        assert_eq!(
            page.total, live,
            "members listed after upgrading from {version}"
        );
    }
}

#[test]
fn version_20_counts_the_activities_already_in_the_file_into_the_month_and_week_rollups() {
    let (_dir, path) = temp_path();
    file_at_version(&path, 19);
    let store = Store::open(&path, OpenMode::MustExist, fixed_clock()).expect("upgrade");
    // a-1 and a-3 (m-1, 2023-11-14 22:15 and 22:18 UTC), a-2 (m-2, 2024-03-09), a-4 (m-1,
    // 2024-04-01 19:32 UTC, a Monday).
    assert_eq!(
        rows(
            store.conn(),
            "SELECT month, member_id, activities FROM activity_months ORDER BY month"
        ),
        [(646, "m-1", 2), (650, "m-2", 1), (651, "m-1", 1)]
            .map(|(month, member, n)| vec![
                Value::Integer(month),
                Value::Text(member.to_owned()),
                Value::Integer(n)
            ])
            .to_vec()
    );
    assert_eq!(
        rows(
            store.conn(),
            "SELECT week, member_id, activities FROM activity_weeks ORDER BY week"
        ),
        [(2811, "m-1", 2), (2827, "m-2", 1), (2831, "m-1", 1)]
            .map(|(week, member, n)| vec![
                Value::Integer(week),
                Value::Text(member.to_owned()),
                Value::Integer(n)
            ])
            .to_vec()
    );
}

#[test]
fn activities_from_before_version_2_belong_to_no_event_or_campaign() {
    let (_dir, path) = temp_path();
    file_at_version(&path, 1);
    let store = Store::open(&path, OpenMode::MustExist, fixed_clock()).expect("upgrade");
    let linked = count(
        store.conn(),
        "SELECT count(*) FROM activities WHERE event_id IS NOT NULL OR campaign_id IS NOT NULL",
    );
    assert_eq!(linked, 0);
    assert_eq!(count(store.conn(), "SELECT count(*) FROM activities"), 3);
}

fn snapshot(path: &Path) -> (i64, i64, Vec<Vec<Value>>, Vec<TableDump>) {
    let conn = plain(path);
    (
        pragma(&conn, "user_version"),
        pragma(&conn, "application_id"),
        schema(&conn),
        dump_tables(&conn),
    )
}

fn leak(sql: String) -> &'static str {
    sql.leak()
}

#[test]
fn a_failing_migration_leaves_the_file_unchanged() {
    let (_dir, path) = temp_path();
    file_at_version(&path, 1);
    let before = snapshot(&path);
    let broken_v2 = leak(format!(
        "{}\nINSERT INTO no_such_table VALUES (1);",
        MIGRATIONS[1].sql
    ));
    let migrations = [
        MIGRATIONS[0],
        Migration {
            version: 2,
            sql: broken_v2,
        },
    ];

    let err = Store::open_with(&path, OpenMode::MustExist, fixed_clock(), &migrations)
        .expect_err("a broken migration must fail");

    assert!(
        matches!(err, CoreError::Migration { version: 2, .. }),
        "{err:?}"
    );
    assert_eq!(snapshot(&path), before);
    assert_eq!(before.0, 1);
}

#[test]
fn a_failing_later_migration_also_undoes_the_earlier_ones() {
    let (_dir, path) = temp_path();
    file_at_version(&path, 1);
    let before = snapshot(&path);
    let migrations = [
        MIGRATIONS[0],
        MIGRATIONS[1],
        Migration {
            version: 3,
            sql: "CREATE TABLE perks (id TEXT PRIMARY KEY); THIS IS NOT SQL;",
        },
    ];

    let err = Store::open_with(&path, OpenMode::MustExist, fixed_clock(), &migrations)
        .expect_err("a broken migration must fail");

    assert!(
        matches!(err, CoreError::Migration { version: 3, .. }),
        "{err:?}"
    );
    assert_eq!(snapshot(&path), before);
    let store = Store::open(&path, OpenMode::MustExist, fixed_clock())
        .expect("the untouched file still opens with the real migrations");
    assert_eq!(store.schema_version().expect("version"), SCHEMA_VERSION);
}

fn sidecars_exist(path: &Path) -> bool {
    ["-wal", "-shm", "-journal"].iter().any(|suffix| {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        Path::new(&name).exists()
    })
}

#[test]
fn a_text_file_is_refused_and_left_byte_for_byte() {
    let (_dir, path) = temp_path();
    let text = "name,email\n山田 太郎,taro@example.jp\n".as_bytes();
    std::fs::write(&path, text).expect("write a CSV");

    let err = Store::open(&path, OpenMode::MustExist, fixed_clock()).expect_err("not SQLite");

    assert!(
        matches!(err, CoreError::NotKizunaDatabase { .. }),
        "{err:?}"
    );
    assert_eq!(std::fs::read(&path).expect("read back"), text);
    assert!(!sidecars_exist(&path));
}

#[test]
fn another_programs_sqlite_file_is_refused_and_left_unchanged() {
    let (_dir, path) = temp_path();
    plain(&path)
        .execute_batch(
            "CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT);
             INSERT INTO recipes (name) VALUES ('Cold brew'), ('Flat white');",
        )
        .expect("write another program's database");
    let bytes = std::fs::read(&path).expect("read");
    let before = snapshot(&path);

    let err = Store::open(&path, OpenMode::CreateIfMissing, fixed_clock()).expect_err("foreign");

    assert!(
        matches!(err, CoreError::NotKizunaDatabase { .. }),
        "{err:?}"
    );
    assert_eq!(std::fs::read(&path).expect("read back"), bytes);
    assert_eq!(snapshot(&path), before);
    assert_eq!(before.1, 0);
}

#[test]
fn a_file_from_a_newer_kizuna_is_refused_and_left_unchanged() {
    let (_dir, path) = temp_path();
    file_at_version(&path, MIGRATIONS.len());
    let newer = SCHEMA_VERSION + 1;
    plain(&path)
        .execute_batch(&format!("PRAGMA user_version = {newer}"))
        .expect("pretend a newer app wrote the file");
    let bytes = std::fs::read(&path).expect("read");
    let before = snapshot(&path);

    let err = Store::open(&path, OpenMode::MustExist, fixed_clock()).expect_err("too new");

    match err {
        CoreError::NewerVersion {
            found, supported, ..
        } => assert_eq!((found, supported), (newer, SCHEMA_VERSION)),
        other => panic!("expected NewerVersion, got {other:?}"),
    }
    assert_eq!(std::fs::read(&path).expect("read back"), bytes);
    assert_eq!(snapshot(&path), before);
}

#[test]
fn must_exist_on_a_missing_file_is_not_found_and_creates_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("communities");
    let path = folder.join("tokyo.kizuna");

    let err = Store::open(&path, OpenMode::MustExist, fixed_clock()).expect_err("missing");

    assert!(matches!(err, CoreError::NotFound { .. }), "{err:?}");
    assert!(!path.exists());
    assert!(!folder.exists());
}

#[test]
fn create_if_missing_makes_the_folder_and_a_current_kizuna_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("communities").join("tokyo.kizuna");

    let store = Store::open(&path, OpenMode::CreateIfMissing, fixed_clock()).expect("create");

    assert!(path.exists());
    assert_eq!(store.schema_version().expect("version"), SCHEMA_VERSION);
    assert_eq!(pragma(store.conn(), "application_id"), APPLICATION_ID);
    assert_eq!(pragma(store.conn(), "foreign_keys"), 1);
}
