//! Editing a member 360: per-cell patches, identities, tags, soft delete and restore, custom
//! activity types and manual activities — and bad input refused with nothing half-saved.

mod common;

use common::change_log::{changes_since, last_seq};
use common::{add_member, days_ago, identity, named, new_store, now_ms, person};
use kizuna_core::CoreError;
use kizuna_core::activity_types::{
    ActivityTypePatch, activity_note, create_activity_type, delete_activity_type,
    list_activity_types, log_manual_activity, update_activity_type,
};
use kizuna_core::ids::MemberId;
use kizuna_core::members::{
    IdentityPatch, MemberPatch, NewMember, add_identity, delete_member, deleted_members,
    list_members, member_detail, remove_identity, restore_member, tag_member, untag_member,
    update_identity, update_member,
};
use rusqlite::types::Value;

fn taro() -> NewMember {
    NewMember {
        phone: Some("090-1234-5678".to_owned()),
        city: Some("Tokyo".to_owned()),
        ..person("山田 太郎", Some("ヤマダ タロウ"), "taro@example.jp")
    }
}

#[test]
fn editing_the_email_logs_only_that_cell_and_search_finds_the_new_address() {
    let (_dir, mut store) = new_store();
    let id = add_member(&mut store, &taro());
    let before = last_seq(&store);
    let patch = MemberPatch {
        display_name: Some("山田 太郎".to_owned()), // unchanged: not written
        email: Some(Some("taro.yamada@example.com".to_owned())),
        ..MemberPatch::default()
    };
    let changed = store
        .write(|w| update_member(w, &id, &patch))
        .expect("edit");
    assert_eq!(changed, vec!["email"]);
    let cells: Vec<(String, String)> = changes_since(&store, before)
        .into_iter()
        .map(|c| (c.tbl, c.col))
        .collect();
    assert_eq!(cells, vec![("members".to_owned(), "email".to_owned())]);
    let found = list_members(store.conn(), "taro.yamada@", 0, 10).expect("search");
    assert_eq!(found.total, 1);
    let old = list_members(store.conn(), "taro@example.jp", 0, 10).expect("search");
    assert_eq!(old.total, 0);
}

#[test]
fn a_patch_clears_only_the_fields_sent_as_null() {
    let (_dir, mut store) = new_store();
    let id = add_member(&mut store, &taro());
    let patch: MemberPatch =
        serde_json::from_str(r#"{"phone": null, "city": "Osaka"}"#).expect("patch JSON");
    let changed = store
        .write(|w| update_member(w, &id, &patch))
        .expect("edit");
    assert_eq!(changed, vec!["phone", "city"]);
    let member = member_detail(store.conn(), id.as_str())
        .expect("detail")
        .member;
    assert_eq!(member.phone, None);
    assert_eq!(member.city.as_deref(), Some("Osaka"));
    assert_eq!(member.email.as_deref(), Some("taro@example.jp"));

    let before = last_seq(&store);
    let nothing: MemberPatch = serde_json::from_str("{}").expect("empty patch");
    let changed = store
        .write(|w| update_member(w, &id, &nothing))
        .expect("edit");
    assert!(changed.is_empty());
    assert_eq!(last_seq(&store), before, "an empty patch logs nothing");
}

#[test]
fn identities_are_edited_and_removed_and_search_follows() {
    let (_dir, mut store) = new_store();
    let id = add_member(&mut store, &named("Emma Brown"));
    let identity_id = store
        .write(|w| add_identity(w, &id, &identity("x", "emma_b", Some(900))))
        .expect("add identity");
    let patch = IdentityPatch {
        handle: Some("emma_writes".to_owned()),
        followers: Some(Some(25_000)),
        ..IdentityPatch::default()
    };
    let changed = store
        .write(|w| update_identity(w, identity_id.as_str(), &patch))
        .expect("edit identity");
    assert_eq!(changed, vec!["handle", "followers"]);
    let detail = member_detail(store.conn(), id.as_str()).expect("detail");
    assert_eq!(detail.identities[0].handle, "emma_writes");
    assert_eq!(detail.identities[0].followers, Some(25_000));
    assert_eq!(
        list_members(store.conn(), "emma_writes", 0, 5)
            .expect("s")
            .total,
        1
    );

    store
        .write(|w| remove_identity(w, identity_id.as_str()))
        .expect("remove identity");
    assert!(
        member_detail(store.conn(), id.as_str())
            .expect("d")
            .identities
            .is_empty()
    );
    assert_eq!(
        list_members(store.conn(), "emma_writes", 0, 5)
            .expect("s")
            .total,
        0
    );
    let tombstone = store
        .conn()
        .query_row(
            "SELECT val FROM change_log WHERE pk = ?1 AND col = '_row' ORDER BY seq DESC LIMIT 1",
            [identity_id.as_str()],
            |r| r.get::<_, i64>(0),
        )
        .expect("tombstone");
    assert_eq!(tombstone, 0);
}

#[test]
fn untagging_removes_the_tag_from_that_member_only() {
    let (_dir, mut store) = new_store();
    let a = add_member(&mut store, &named("A"));
    let b = add_member(&mut store, &named("B"));
    store
        .write(|w| {
            tag_member(w, &a, "speaker")?;
            tag_member(w, &b, "speaker")
        })
        .expect("tag");
    assert!(
        store
            .write(|w| untag_member(w, &a, "speaker"))
            .expect("untag")
    );
    assert!(
        !store
            .write(|w| untag_member(w, &a, "speaker"))
            .expect("again")
    );
    assert!(
        member_detail(store.conn(), a.as_str())
            .expect("a")
            .tags
            .is_empty()
    );
    assert_eq!(
        member_detail(store.conn(), b.as_str()).expect("b").tags,
        vec!["speaker"]
    );
}

#[test]
fn a_deleted_member_leaves_the_list_and_comes_back_on_restore() {
    let (_dir, mut store) = new_store();
    let id = add_member(&mut store, &taro());
    store.write(|w| delete_member(w, &id)).expect("delete");
    assert_eq!(
        list_members(store.conn(), "", 0, 10).expect("list").total,
        0
    );
    let again = store.write(|w| delete_member(w, &id)).expect_err("twice");
    assert_eq!(again.to_string(), format!("member {id} is already deleted"));
    let deleted = deleted_members(store.conn(), 50).expect("deleted list");
    assert_eq!(
        deleted.len(),
        1,
        "the deleted member can be found to restore"
    );
    assert_eq!(
        (deleted[0].id.as_str(), deleted[0].display_name.as_str()),
        (id.as_str(), "山田 太郎")
    );
    store.write(|w| restore_member(w, &id)).expect("restore");
    assert_eq!(
        list_members(store.conn(), "", 0, 10).expect("list").total,
        1
    );
    assert!(
        deleted_members(store.conn(), 50)
            .expect("deleted list")
            .is_empty()
    );
    let actions: Vec<String> = kizuna_core::audit::recent(store.conn(), Some(id.as_str()), 10)
        .expect("audit")
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(actions, vec!["member.restore", "member.delete"]);
}

#[test]
fn managers_log_talks_with_a_custom_type_and_its_usage_is_counted() {
    let (_dir, mut store) = new_store();
    let id = add_member(&mut store, &taro());
    store
        .write(|w| create_activity_type(w, "gave_talk", "Gave a talk", "登壇", 10.0))
        .expect("create type");
    let activity = store
        .write(|w| {
            log_manual_activity(
                w,
                &id,
                "gave_talk",
                days_ago(3),
                Some("Rust meetup #12, 20 min on SQLite"),
                Some("https://example.jp/talk"),
            )
        })
        .expect("log talk");
    assert_eq!(
        activity_note(store.conn(), activity.as_str())
            .expect("note")
            .as_deref(),
        Some("Rust meetup #12, 20 min on SQLite")
    );
    let timeline = member_detail(store.conn(), id.as_str())
        .expect("d")
        .timeline;
    assert_eq!(timeline[0].label_ja, "登壇");
    let types = list_activity_types(store.conn()).expect("types");
    let talk = types.iter().find(|t| t.key == "gave_talk").expect("listed");
    assert_eq!((talk.usage, talk.builtin, talk.weight), (1, false, 10.0));

    let changed = store
        .write(|w| {
            let patch = ActivityTypePatch {
                weight: Some(12.5),
                label_en: Some("Gave a talk".to_owned()),
                ..ActivityTypePatch::default()
            };
            update_activity_type(w, "gave_talk", &patch)
        })
        .expect("update type");
    assert_eq!(changed, vec!["weight"]);

    let refused = store
        .write(|w| delete_activity_type(w, "gave_talk"))
        .expect_err("in use");
    assert_eq!(
        refused.to_string(),
        "the activity type \"gave_talk\" is used by 1 activities; it cannot be deleted \
         (set its weight to 0 to stop it counting)"
    );
    store
        .write(|w| create_activity_type(w, "wrote_blog", "Wrote a blog post", "ブログ執筆", 3.0))
        .expect("create unused");
    store
        .write(|w| delete_activity_type(w, "wrote_blog"))
        .expect("unused types can go");
    let builtin = store
        .write(|w| delete_activity_type(w, "post"))
        .expect_err("built-in");
    assert_eq!(
        builtin.to_string(),
        "\"post\" is a built-in activity type and cannot be deleted"
    );
}

#[test]
fn activity_type_keys_labels_and_weights_are_checked() {
    let (_dir, mut store) = new_store();
    let cases: &[(&str, &str, &str, f64, &str)] = &[
        (
            "Gave Talk",
            "Gave a talk",
            "登壇",
            1.0,
            "\"Gave Talk\" is not a valid activity type key: use up to 40 lower-case letters, digits and _, starting with a letter (e.g. gave_talk)",
        ),
        (
            "talk",
            " ",
            "登壇",
            1.0,
            "an activity type needs a English label",
        ),
        (
            "talk",
            "Talk",
            "",
            1.0,
            "an activity type needs a Japanese label",
        ),
        (
            "talk",
            "Talk",
            "登壇",
            1001.0,
            "an activity type's weight must be between 0 and 1000 (got 1001)",
        ),
        (
            "talk",
            "Talk",
            "登壇",
            -1.0,
            "an activity type's weight must be between 0 and 1000 (got -1)",
        ),
        (
            "post",
            "Posted",
            "投稿",
            1.0,
            "an activity type \"post\" already exists",
        ),
    ];
    for (key, en, ja, weight, message) in cases {
        let before = last_seq(&store);
        let err = store
            .write(|w| create_activity_type(w, key, en, ja, *weight))
            .expect_err(message);
        assert!(matches!(err, CoreError::InvalidInput(_)), "{err:?}");
        assert_eq!(err.to_string(), *message);
        assert_eq!(last_seq(&store), before);
    }
}

/// One bad input, the write that tries it, and the exact message expected.
type BadCase = (
    &'static str,
    Box<dyn Fn(&mut kizuna_core::store::Writer<'_>, &MemberId, &str) -> kizuna_core::Result<()>>,
    String,
);

#[test]
fn bad_input_gets_a_specific_error_and_nothing_is_half_saved() {
    let (_dir, mut store) = new_store();
    let id = add_member(&mut store, &taro());
    let identity_id = store
        .write(|w| add_identity(w, &id, &identity("x", "taro_y", Some(10))))
        .expect("identity")
        .0;
    let email = |e: &str| MemberPatch {
        city: Some(Some("Nagoya".to_owned())), // valid, so a half-save would show
        email: Some(Some(e.to_owned())),
        ..MemberPatch::default()
    };
    let cases: Vec<BadCase> = vec![
        (
            "empty name",
            Box::new(|w, id, _| {
                let patch = MemberPatch {
                    display_name: Some("  ".to_owned()),
                    ..MemberPatch::default()
                };
                update_member(w, id, &patch).map(drop)
            }),
            "a member needs a name".to_owned(),
        ),
        (
            "email without domain",
            Box::new(move |w, id, _| update_member(w, id, &email("taro@")).map(drop)),
            "\"taro@\" is not a valid email address".to_owned(),
        ),
        (
            "email with a space",
            Box::new(move |w, id, _| update_member(w, id, &email("a b@c.d")).map(drop)),
            "\"a b@c.d\" is not a valid email address".to_owned(),
        ),
        (
            "negative followers",
            Box::new(|w, _, identity| {
                let patch = IdentityPatch {
                    handle: Some("new".to_owned()),
                    followers: Some(Some(-5)),
                    ..IdentityPatch::default()
                };
                update_identity(w, identity, &patch).map(drop)
            }),
            "a follower count cannot be negative (got -5)".to_owned(),
        ),
        (
            "unknown member",
            Box::new(|w, _, _| {
                let patch = MemberPatch {
                    city: Some(None),
                    ..MemberPatch::default()
                };
                update_member(w, &MemberId::from("no-such-member"), &patch).map(drop)
            }),
            "member no-such-member was not found".to_owned(),
        ),
        (
            "unknown activity type",
            Box::new(|w, id, _| {
                log_manual_activity(w, id, "juggling", now_ms(), Some("note"), None).map(drop)
            }),
            "\"juggling\" is not a known activity type".to_owned(),
        ),
        (
            "activity for an unknown member",
            Box::new(|w, _, _| {
                log_manual_activity(w, &MemberId::from("ghost"), "post", now_ms(), None, None)
                    .map(drop)
            }),
            "member ghost was not found".to_owned(),
        ),
        (
            "birth year 1800",
            Box::new(|w, id, _| {
                let patch = MemberPatch {
                    city: Some(None),
                    birth_year: Some(Some(1800)),
                    ..MemberPatch::default()
                };
                update_member(w, id, &patch).map(drop)
            }),
            "the birth year must be between 1900 and 2026 (got 1800)".to_owned(),
        ),
        (
            "birth year 1800 on create",
            Box::new(|w, _, _| {
                let new = NewMember {
                    birth_year: Some(1800),
                    ..named("Old Timer")
                };
                kizuna_core::members::create_member(w, &new).map(drop)
            }),
            "the birth year must be between 1900 and 2026 (got 1800)".to_owned(),
        ),
    ];
    for (what, write, message) in &cases {
        let before = last_seq(&store);
        let err = store
            .write(|w| write(w, &id, &identity_id))
            .expect_err(what);
        assert!(
            matches!(err, CoreError::InvalidInput(_) | CoreError::NotFound { .. }),
            "{what}: {err:?}"
        );
        assert_eq!(&err.to_string(), message, "{what}");
        assert_eq!(last_seq(&store), before, "{what}: nothing may be logged");
    }
    let member = member_detail(store.conn(), id.as_str())
        .expect("detail")
        .member;
    assert_eq!(member.city.as_deref(), Some("Tokyo"));
    assert_eq!(member.email.as_deref(), Some("taro@example.jp"));
    let handle: Value = store
        .conn()
        .query_row("SELECT handle FROM identities", [], |r| r.get(0))
        .expect("identity");
    assert_eq!(handle, Value::Text("taro_y".to_owned()));
}
