//! Merging two records of one person: the manager picks each field, everything moves to the
//! kept member, and any merge can be undone later — exactly, or refused with the reason.

mod common;
#[path = "merge/property.rs"]
mod property;
#[path = "merge/refusals.rs"]
mod refusals;
#[path = "merge/undo.rs"]
mod undo;

use std::collections::BTreeMap;

use common::change_log::{Mark, changes_since, mark};
use common::{
    activity, add_event, add_member, count, days_ago, event, identity, log, named, new_store,
    now_ms, person,
};
use kizuna_core::events::{EventStatus, RegistrationStatus, register};
use kizuna_core::ids::{EventId, MemberId};
use kizuna_core::members::{NewMember, add_trait};
use kizuna_core::merge::{
    FieldChoices, FieldValue, MemberField, MergeId, Side, list_merges, merge_members,
    merge_preview, undo_merge,
};
use kizuna_core::store::SyncedTable;
use kizuna_core::{CoreError, ErrorCode, Store};
use rusqlite::types::Value;

/// Every row of the tables a merge touches, keyed by (table, id), every column.
type Dump = BTreeMap<(String, String), BTreeMap<String, Value>>;

const MERGED_TABLES: [&str; 7] = [
    "members",
    "identities",
    "member_tags",
    "member_traits",
    "activities",
    "registrations",
    "referrals",
];

fn dump(store: &Store) -> Dump {
    let mut out = Dump::new();
    for table in MERGED_TABLES {
        let mut stmt = store
            .conn()
            .prepare(&format!("SELECT * FROM {table} ORDER BY id"))
            .expect("prepare a dump");
        let names: Vec<String> = stmt.column_names().map(str::to_owned).collect();
        let rows: Vec<BTreeMap<String, Value>> = stmt
            .query_map([], |r| {
                names
                    .iter()
                    .enumerate()
                    .map(|(i, n)| Ok((n.clone(), r.get(i)?)))
                    .collect()
            })
            .expect("dump a table")
            .collect::<rusqlite::Result<_>>()
            .expect("read a dump");
        for row in rows {
            let Some(Value::Text(id)) = row.get("id").cloned() else {
                panic!("{table} rows have text ids");
            };
            out.insert((table.to_owned(), id), row);
        }
    }
    out
}

/// Asserts the change log since `since` holds every cell that differs between two dumps:
/// the new value of each changed synced cell, a tombstone for each removed row and every
/// non-null cell of each added row.
fn assert_diff_logged(store: &Store, since: Mark, before: &Dump, after: &Dump) {
    let mut logged: BTreeMap<(String, String, String), Value> = BTreeMap::new();
    for c in changes_since(store, since.seq) {
        logged.insert((c.tbl, c.pk, c.col), c.val);
    }
    let synced = |c: &str| !matches!(c, "id" | "search_text" | "sort_key");
    let get = |t: &str, id: &str, c: &str| logged.get(&(t.to_owned(), id.to_owned(), c.to_owned()));
    for ((table, id), row) in after {
        match before.get(&(table.clone(), id.clone())) {
            None => {
                assert_eq!(
                    get(table, id, "_row"),
                    Some(&Value::Integer(1)),
                    "{table} {id}"
                );
                for (c, v) in row.iter().filter(|(c, v)| synced(c) && **v != Value::Null) {
                    assert_eq!(get(table, id, c), Some(v), "{table}.{c} of {id}");
                }
            }
            Some(old) => {
                for (c, v) in row.iter().filter(|(c, _)| synced(c)) {
                    if old.get(c) != Some(v) {
                        assert_eq!(get(table, id, c), Some(v), "{table}.{c} of {id}");
                    }
                }
            }
        }
    }
    for (table, id) in before.keys().filter(|k| !after.contains_key(*k)) {
        assert_eq!(
            get(table, id, "_row"),
            Some(&Value::Integer(0)),
            "{table} {id}"
        );
    }
}

fn merge(store: &mut Store, kept: &MemberId, merged: &MemberId, choices: &FieldChoices) -> MergeId {
    store
        .write(|w| merge_members(w, kept, merged, choices))
        .expect("merge two members")
}

fn undo(store: &mut Store, id: &MergeId) {
    store.write(|w| undo_merge(w, id)).expect("undo the merge");
}

fn registered(store: &mut Store, event: &EventId, member: &MemberId, status: RegistrationStatus) {
    store
        .write(|w| register(w, event, member, status, days_ago(10), None))
        .expect("register a member");
}

fn invalid(result: Result<impl std::fmt::Debug, CoreError>) -> String {
    match result {
        Err(CoreError::InvalidInput(message)) => message.to_string(),
        other => panic!("expected InvalidInput, got {other:?}"),
    }
}

fn text(store: &Store, sql: &str, id: &str) -> Option<String> {
    store
        .conn()
        .query_row(sql, [id], |r| r.get(0))
        .expect("a single value")
}

/// 山田 太郎 twice: a CRM record with email and an X handle, and a connector record with the
/// same handle, a Discord handle, a tag and activity of their own.
fn yamada(store: &mut Store) -> (MemberId, MemberId) {
    let kept = add_member(
        store,
        &NewMember {
            identities: vec![identity("x", "taro_yamada", Some(1_200))],
            tags: vec!["barista".to_owned()],
            joined_at: Some(days_ago(100)),
            ..person("山田 太郎", Some("ヤマダ タロウ"), "taro@example.jp")
        },
    );
    let merged = add_member(
        store,
        &NewMember {
            identities: vec![
                identity("x", "taro_yamada", Some(1_250)),
                identity("discord", "taro#1234", None),
            ],
            tags: vec!["barista".to_owned(), "speaker".to_owned()],
            city: Some("Osaka".to_owned()),
            phone: Some("090-1234-5678".to_owned()),
            joined_at: Some(days_ago(300)),
            ..named("Taro Yamada")
        },
    );
    (kept, merged)
}

#[test]
fn the_preview_shows_both_members_side_by_side_and_what_would_move() {
    let (_dir, mut store) = new_store();
    let (kept, merged) = yamada(&mut store);
    log(&mut store, &activity(&merged, "post", days_ago(3)));
    let meetup = add_event(
        &mut store,
        &event("Cupping night", days_ago(5), EventStatus::Done),
    );
    registered(&mut store, &meetup, &merged, RegistrationStatus::Attended);

    let preview = merge_preview(store.conn(), kept.as_str(), merged.as_str()).expect("preview");

    assert_eq!(preview.kept.display_name, "山田 太郎");
    assert_eq!(preview.merged.display_name, "Taro Yamada");
    assert_eq!(preview.fields.len(), MemberField::ALL.len());
    let field = |f: MemberField| {
        preview
            .fields
            .iter()
            .find(|c| c.field == f)
            .expect("every field is compared")
    };
    let name = field(MemberField::DisplayName);
    assert!(name.differs);
    assert_eq!(
        name.merged,
        Some(FieldValue::Text("Taro Yamada".to_owned()))
    );
    assert_eq!(name.default_side, Side::Kept);
    assert_eq!(
        field(MemberField::City).default_side,
        Side::Merged,
        "fills an empty city"
    );
    assert_eq!(
        field(MemberField::JoinedAt).default_side,
        Side::Merged,
        "the earlier join"
    );
    assert!(!field(MemberField::Notes).differs);
    assert_eq!(preview.moves.identities, 1);
    assert_eq!(preview.moves.duplicate_identities, 1);
    assert_eq!(preview.duplicate_identities[0].handle, "taro_yamada");
    assert_eq!((preview.moves.tags, preview.moves.duplicate_tags), (1, 1));
    assert_eq!(preview.moves.activities, 1);
    assert_eq!(
        (preview.moves.registrations, preview.moves.shared_events),
        (1, 0)
    );
    let json = serde_json::to_value(&preview).expect("serialise");
    assert_eq!(json["fields"][8]["field"], "joinedAt");
    assert!(json["fields"][8]["kept"].is_number());
}

#[test]
fn merging_moves_everything_to_the_kept_member_with_the_picked_fields() {
    let (_dir, mut store) = new_store();
    let (kept, merged) = yamada(&mut store);
    let post = log(&mut store, &activity(&merged, "post", days_ago(3)));
    let meetup = add_event(
        &mut store,
        &event("Cupping night", days_ago(5), EventStatus::Done),
    );
    let latte = add_event(
        &mut store,
        &event("Latte art", days_ago(2), EventStatus::Done),
    );
    registered(&mut store, &meetup, &kept, RegistrationStatus::Going);
    registered(&mut store, &meetup, &merged, RegistrationStatus::Attended);
    registered(&mut store, &latte, &kept, RegistrationStatus::Attended);
    registered(&mut store, &latte, &merged, RegistrationStatus::Cancelled);
    let before = dump(&store);
    let since = mark(&store);

    let choices = FieldChoices {
        take: vec![MemberField::Phone],
        keep: vec![MemberField::City],
    };
    let id = merge(&mut store, &kept, &merged, &choices);

    let conn = store.conn();
    let profile = |col: &str| {
        text(
            &store,
            &format!("SELECT {col} FROM members WHERE id = ?1"),
            kept.as_str(),
        )
    };
    assert_eq!(profile("display_name").as_deref(), Some("山田 太郎"));
    assert_eq!(profile("phone").as_deref(), Some("090-1234-5678"));
    assert_eq!(profile("city"), None, "the manager kept the empty city");
    assert_eq!(
        count(
            conn,
            &format!("SELECT joined_at FROM members WHERE id = '{kept}'")
        ),
        days_ago(300)
    );
    let of_kept = |table: &str| {
        count(
            conn,
            &format!("SELECT count(*) FROM {table} WHERE member_id = '{kept}'"),
        )
    };
    assert_eq!(
        of_kept("identities"),
        2,
        "x once (the kept member's), discord moved"
    );
    assert_eq!(
        count(
            conn,
            &format!(
                "SELECT followers FROM identities WHERE member_id = '{kept}' AND platform = 'x'"
            )
        ),
        1_200
    );
    assert_eq!(of_kept("member_tags"), 2, "barista once, speaker moved");
    assert_eq!(of_kept("activities"), 1);
    assert_eq!(
        text(
            &store,
            "SELECT member_id FROM activities WHERE id = ?1",
            post.as_str()
        ),
        Some(kept.to_string())
    );
    let status = |event: &EventId| {
        text(
            &store,
            &format!(
                "SELECT status FROM registrations WHERE member_id = '{kept}' AND event_id = ?1"
            ),
            event.as_str(),
        )
    };
    assert_eq!(
        status(&meetup).as_deref(),
        Some("attended"),
        "attended beats going"
    );
    assert_eq!(
        status(&latte).as_deref(),
        Some("attended"),
        "attended beats cancelled"
    );
    for table in ["identities", "member_tags", "activities", "registrations"] {
        assert_eq!(
            count(
                conn,
                &format!("SELECT count(*) FROM {table} WHERE member_id = '{merged}'")
            ),
            0
        );
    }
    assert_eq!(
        text(
            &store,
            "SELECT merged_into FROM members WHERE id = ?1 AND deleted_at IS NOT NULL",
            merged.as_str()
        ),
        Some(kept.to_string())
    );
    assert!(
        text(
            &store,
            "SELECT search_text FROM members WHERE id = ?1",
            kept.as_str()
        )
        .is_some_and(|s| s.contains("taro#1234")),
        "the kept member is found by the moved handle"
    );

    let history = list_merges(store.conn(), Some(merged.as_str())).expect("merge history");
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].id, id.to_string());
    assert_eq!(history[0].fields_taken, ["phone", "joined_at"]);
    assert_eq!(history[0].undone_at, None);
    let audit = kizuna_core::audit::recent(store.conn(), Some(kept.as_str()), 5).expect("audit");
    assert_eq!(audit[0].action, "member.merge");
    assert!(audit[0].details.contains(merged.as_str()) && audit[0].details.contains("phone"));
    assert_diff_logged(&store, since, &before, &dump(&store));
}

#[test]
fn the_engagement_score_after_a_merge_combines_both_members() {
    use kizuna_core::engagement::{RecomputeMode, explain, member_score, recompute};
    let (_dir, mut store) = new_store();
    let (kept, merged) = yamada(&mut store);
    for (member, kind, days) in [
        (&kept, "post", 3),
        (&kept, "review", 40),
        (&merged, "answer", 1),
        (&merged, "post", 200),
    ] {
        log(&mut store, &activity(member, kind, days_ago(days)));
    }
    let recompute_now = |store: &mut Store| {
        store
            .write(|w| recompute(w, now_ms(), RecomputeMode::Incremental))
            .expect("recompute")
    };
    recompute_now(&mut store);
    let score = |store: &Store, m: &MemberId| {
        member_score(store.conn(), m.as_str())
            .expect("score")
            .map(|s| s.score)
    };
    let combined = score(&store, &kept).expect("scored") + score(&store, &merged).expect("scored");

    merge(&mut store, &kept, &merged, &FieldChoices::default());
    let report = recompute_now(&mut store);

    assert!(
        report.full.is_some(),
        "moved activities force a full recompute: {report:?}"
    );
    let after = score(&store, &kept).expect("the kept member is scored");
    assert!((after - combined).abs() < 1e-9, "{after} vs {combined}");
    assert_eq!(
        score(&store, &merged),
        None,
        "a merged member has no score of their own"
    );
    let explained = explain(store.conn(), kept.as_str(), now_ms()).expect("explain");
    assert!((explained.score - combined).abs() < 1e-9);
}

#[test]
fn merging_a_planted_duplicate_of_the_sample_ends_its_suggestion() {
    use kizuna_core::duplicates::find_duplicates;
    use kizuna_core::sample::{SampleSpec, generate, planted_pairs};
    let (_dir, path) = common::temp_path();
    let mut store = common::open(&path);
    let spec = SampleSpec {
        activities_per_member: 2.0,
        ..SampleSpec::with_members(400)
    };
    generate(&mut store, &spec).expect("generate the sample");
    let ids: Vec<String> = store
        .conn()
        .prepare("SELECT id FROM members ORDER BY rowid")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("member ids");
    let suggested = |store: &Store, a: &str, b: &str| {
        find_duplicates(store.conn(), 1_000)
            .expect("duplicates")
            .iter()
            .any(|s| {
                let pair = [s.first.id.as_str(), s.second.id.as_str()];
                pair.contains(&a) && pair.contains(&b)
            })
    };
    let planted = planted_pairs(&spec, common::now());
    let (original, copy) = planted.duplicates[0];
    let (kept, merged) = (MemberId(ids[original].clone()), MemberId(ids[copy].clone()));
    assert!(suggested(&store, kept.as_str(), merged.as_str()));
    let before = dump(&store);

    let id = merge(&mut store, &kept, &merged, &FieldChoices::default());
    assert!(!suggested(&store, kept.as_str(), merged.as_str()));
    let found = find_duplicates(store.conn(), 1_000).expect("duplicates");
    assert!(
        found
            .iter()
            .all(|s| s.first.id != merged.as_str() && s.second.id != merged.as_str())
    );

    undo(&mut store, &id);
    assert_eq!(dump(&store), before);
    assert!(
        suggested(&store, kept.as_str(), merged.as_str()),
        "undo brings the suggestion back"
    );
}
