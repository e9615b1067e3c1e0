//! Privacy: exporting everything about one member, and erasing a member so that no table —
//! the change log and the audit log included — still holds their name, email, phone or handles.

mod common;

use common::{
    activity, add_event, add_member, count, days_ago, event, identity, log, new_store, now_ms,
    person, temp_path,
};
use kizuna_core::activity_types::log_manual_activity;
use kizuna_core::engagement::{RecomputeMode, recompute};
use kizuna_core::events::{EventStatus, RegistrationStatus, register};
use kizuna_core::ids::MemberId;
use kizuna_core::members::{NewMember, add_identity, erase_member, export_member, tag_member};
use kizuna_core::merge::{FieldChoices, merge_members};
use kizuna_core::{CoreError, Store};

/// What must vanish: name, reading, email, phone, handles of Taro's two records.
const TARO_PII: &[&str] = &[
    "山田 太郎",
    "ヤマダ タロウ",
    "taro@example.jp",
    "Taro Yamada",
    "t.yamada@work.example",
    "090-1234-5678",
    "taro_yamada",
    "yamataro",
];

fn taro() -> NewMember {
    NewMember {
        phone: Some("090-1234-5678".to_owned()),
        identities: vec![identity("x", "taro_yamada", Some(12_000))],
        tags: vec!["speaker".to_owned()],
        ..person("山田 太郎", Some("ヤマダ タロウ"), "taro@example.jp")
    }
}

/// Taro with everything: identities, a tag, activities (one manual with a note), a
/// registration, a duplicate record merged into him, a score; plus Hanako, who must survive.
fn community_with_taro(store: &mut Store) -> (MemberId, MemberId) {
    let taro = add_member(store, &taro());
    let duplicate = add_member(
        store,
        &NewMember {
            identities: vec![identity("github", "yamataro", None)],
            ..person("Taro Yamada", None, "t.yamada@work.example")
        },
    );
    let hanako = add_member(
        store,
        &NewMember {
            identities: vec![identity("x", "hanako_s", Some(300))],
            tags: vec!["speaker".to_owned()],
            ..person("佐藤 花子", Some("サトウ ハナコ"), "hanako@example.jp")
        },
    );
    log(store, &activity(&taro, "post", days_ago(10)));
    log(store, &activity(&duplicate, "comment", days_ago(5)));
    log(store, &activity(&hanako, "post", days_ago(2)));
    let meetup = add_event(
        store,
        &event("Rust Meetup", days_ago(20), EventStatus::Done),
    );
    store
        .write(|w| {
            register(
                w,
                &meetup,
                &taro,
                RegistrationStatus::Attended,
                days_ago(30),
                None,
            )?;
            register(
                w,
                &meetup,
                &hanako,
                RegistrationStatus::Going,
                days_ago(30),
                None,
            )?;
            log_manual_activity(
                w,
                &taro,
                "review",
                days_ago(1),
                Some("Taro Yamada's review"),
                None,
            )?;
            tag_member(w, &duplicate, "speaker")?;
            merge_members(w, &taro, &duplicate, &FieldChoices::default())?;
            recompute(w, now_ms(), RecomputeMode::Full)?;
            Ok(())
        })
        .expect("build the community");
    (taro, hanako)
}

/// Every text cell of every table (and the change log's untyped `val`) containing `needle`.
fn cells_containing(store: &Store, needle: &str) -> Vec<String> {
    let conn = store.conn();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .expect("tables")
        .query_map([], |r| r.get(0))
        .expect("tables")
        .collect::<rusqlite::Result<_>>()
        .expect("tables");
    let mut hits = Vec::new();
    for table in tables {
        let columns: Vec<String> = conn
            .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))
            .expect("columns")
            .query_map([], |r| r.get(0))
            .expect("columns")
            .collect::<rusqlite::Result<_>>()
            .expect("columns");
        for column in columns {
            let n = count(
                conn,
                &format!(
                    "SELECT count(*) FROM {table} WHERE typeof({column}) = 'text' \
                     AND instr({column}, '{}') > 0",
                    needle.replace('\'', "''")
                ),
            );
            if n > 0 {
                hits.push(format!("{table}.{column} ({n})"));
            }
        }
    }
    hits
}

#[test]
fn the_export_holds_every_record_about_the_member() {
    let (_dir, mut store) = new_store();
    let (taro, _) = community_with_taro(&mut store);
    let export = export_member(store.conn(), taro.as_str()).expect("export");
    assert_eq!(export["format"], "kizuna.member-export");
    assert_eq!(export["member"]["email"], "taro@example.jp");
    assert_eq!(export["member"]["phone"], "090-1234-5678");
    assert!(
        export["member"].get("search_text").is_none(),
        "derived columns are left out"
    );
    assert_eq!(export["mergedRecords"][0]["email"], "t.yamada@work.example");
    let handles: Vec<&str> = export["identities"]
        .as_array()
        .expect("identities")
        .iter()
        .filter_map(|i| i["handle"].as_str())
        .collect();
    assert_eq!(handles, vec!["yamataro", "taro_yamada"]);
    assert_eq!(export["tags"][0]["name"], "speaker");
    let activities = export["activities"].as_array().expect("activities");
    assert_eq!(
        activities.len(),
        3,
        "his own, the merged record's, the manual review"
    );
    let review = activities
        .iter()
        .find(|a| a["activity_type"] == "review")
        .expect("review");
    assert_eq!(review["meta"]["note"], "Taro Yamada's review");
    assert_eq!(export["registrations"][0]["event_title"], "Rust Meetup");
    assert_eq!(export["registrations"][0]["status"], "attended");
    assert_eq!(export["merges"].as_array().map(Vec::len), Some(1));
    assert!(
        export["merges"][0]["snapshot"].is_object(),
        "the snapshot is JSON, not text"
    );
    assert!(export["score"]["score"].as_f64().is_some_and(|s| s > 0.0));
    assert_eq!(export["audit"][0]["action"], "member.merge");
    let unknown = export_member(store.conn(), "nobody").expect_err("unknown");
    assert_eq!(unknown.to_string(), "member nobody was not found");
}

#[test]
fn after_erasure_no_table_holds_the_members_name_email_phone_or_handles() {
    let (_dir, mut store) = new_store();
    let (taro, hanako) = community_with_taro(&mut store);
    for needle in TARO_PII {
        assert!(
            !cells_containing(&store, needle).is_empty(),
            "{needle} is there before"
        );
    }
    let hanako_cells_before = count(
        store.conn(),
        "SELECT count(*) FROM change_log WHERE val IS NOT NULL AND col <> '_row' AND pk IN (SELECT id FROM identities WHERE member_id = (SELECT id FROM members WHERE email = 'hanako@example.jp'))",
    );

    let report = store.write(|w| erase_member(w, &taro)).expect("erase");
    assert_eq!(report.members, 2, "Taro and the record merged into him");
    assert_eq!(report.identities, 2);
    assert_eq!(report.activities, 3);
    assert_eq!(report.registrations, 1);
    assert_eq!(report.merges, 1);
    assert!(report.scrubbed_cells > 0);

    for needle in TARO_PII {
        assert_eq!(
            cells_containing(&store, needle),
            Vec::<String>::new(),
            "{needle} remains"
        );
    }
    assert_eq!(count(store.conn(), "SELECT count(*) FROM members"), 1);
    // Replicas delete too: a tombstone for each erased member row.
    let tombstones = count(
        store.conn(),
        "SELECT count(*) FROM change_log WHERE tbl = 'members' AND col = '_row' AND val = 0",
    );
    assert_eq!(tombstones, 2);
    // Hanako keeps everything, in the tables and in the change log.
    let detail =
        kizuna_core::members::member_detail(store.conn(), hanako.as_str()).expect("hanako");
    assert_eq!(detail.identities[0].handle, "hanako_s");
    assert_eq!(detail.tags, vec!["speaker"]);
    assert_eq!(detail.activity_count, 1);
    let hanako_cells_after = count(
        store.conn(),
        "SELECT count(*) FROM change_log WHERE val IS NOT NULL AND col <> '_row' AND pk IN (SELECT id FROM identities WHERE member_id = (SELECT id FROM members WHERE email = 'hanako@example.jp'))",
    );
    assert_eq!(hanako_cells_after, hanako_cells_before);
    assert_eq!(count(store.conn(), "SELECT count(*) FROM registrations"), 1);
    // The audit log says what happened, with counts only.
    let entry =
        &kizuna_core::audit::recent(store.conn(), Some(taro.as_str()), 1).expect("audit")[0];
    assert_eq!(entry.action, "member.erase");
    let details: serde_json::Value = serde_json::from_str(&entry.details).expect("JSON");
    assert_eq!(details["counts"]["activities"], 3);
}

#[test]
fn erased_values_are_gone_from_the_file_bytes_too() {
    let (_dir, path) = temp_path();
    let mut store = common::open(&path);
    store
        .write(kizuna_core::activities::ensure_builtin_types)
        .expect("types");
    let taro = add_member(&mut store, &taro());
    store
        .write(|w| add_identity(w, &taro, &identity("github", "yamataro", None)).map(drop))
        .expect("identity");
    store.write(|w| erase_member(w, &taro)).expect("erase");
    store
        .conn()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
        .expect("checkpoint");
    drop(store);
    let mut bytes = std::fs::read(&path).expect("read the file");
    if let Ok(wal) = std::fs::read(path.with_extension("kizuna-wal")) {
        bytes.extend(wal);
    }
    for needle in ["taro@example.jp", "090-1234-5678", "yamataro"] {
        let found = bytes.windows(needle.len()).any(|w| w == needle.as_bytes());
        assert!(!found, "{needle} is still in the file's bytes");
    }
}

#[test]
fn a_merged_record_cannot_be_erased_alone_and_unknown_members_are_reported() {
    let (_dir, mut store) = new_store();
    let kept = add_member(&mut store, &person("Kept", None, "kept@example.jp"));
    let merged = add_member(&mut store, &person("Merged", None, "merged@example.jp"));
    store
        .write(|w| merge_members(w, &kept, &merged, &FieldChoices::default()).map(drop))
        .expect("merge");
    let seq = common::change_log::last_seq(&store);
    let err = store
        .write(|w| erase_member(w, &merged))
        .expect_err("merged record");
    assert!(matches!(err, CoreError::InvalidInput(_)));
    assert_eq!(
        err.to_string(),
        format!(
            "member {merged} was merged into {kept}; erase {kept} instead, which erases both records"
        )
    );
    let err = store
        .write(|w| erase_member(w, &MemberId::from("ghost")))
        .expect_err("unknown");
    assert_eq!(err.to_string(), "member ghost was not found");
    assert_eq!(
        common::change_log::last_seq(&store),
        seq,
        "nothing half-saved"
    );
}

#[test]
fn a_saved_export_is_the_whole_json_and_is_recorded_in_the_audit_log() {
    let (dir, mut store) = new_store();
    let taro = add_member(&mut store, &taro());
    let path = dir.path().join("taro.json");
    let bytes = kizuna_core::members::save_member_export(&mut store, taro.as_str(), &path)
        .expect("save the export");
    let text = std::fs::read_to_string(&path).expect("the file");
    assert_eq!(text.len() as u64, bytes);
    let json: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(json["member"]["id"], taro.as_str());
    let entry =
        &kizuna_core::audit::recent(store.conn(), Some(taro.as_str()), 1).expect("audit")[0];
    assert_eq!(entry.action, "member.export");
    assert!(
        entry.details.contains(&bytes.to_string()),
        "{}",
        entry.details
    );
}
