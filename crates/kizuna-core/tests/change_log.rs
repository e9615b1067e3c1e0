//! Every synced write appends exactly its cells to the change log, in the same transaction,
//! stamped with this replica's site and a hybrid logical clock that only moves forward.

mod common;

use chrono::Duration;
use common::change_log::{
    Cells, assert_insert_logged, assert_logged_insert, assert_new_local_changes, changes_since,
    ids, last_seq, logged_cells, mark, max_hlc,
};
use common::{
    activity, add_member, clock_at, count, event, identity, named, new_store, now, now_ms, person,
    rows,
};
use kizuna_core::activities::{NewActivity, log_activity};
use kizuna_core::campaigns::{CampaignKind, NewCampaign, create_campaign};
use kizuna_core::events::{EventStatus, RegistrationStatus, create_event, register};
use kizuna_core::hlc::Hlc;
use kizuna_core::ids::MemberId;
use kizuna_core::members::{NewMember, add_identity, create_member, tag_member};
use kizuna_core::money::Money;
use kizuna_core::store::{OpenMode, SyncedTable};
use kizuna_core::{CoreError, Store};
use rusqlite::types::Value;

const LINKS_OF: &str = "SELECT id FROM member_tags WHERE member_id = ?1";

#[test]
fn creating_a_member_logs_every_cell_of_the_member_identities_and_tags() {
    let (_dir, mut store) = new_store();
    let before = mark(&store);
    let new = NewMember {
        phone: Some("090-1234-5678".to_owned()),
        city: Some("  東京 ".to_owned()),
        birth_year: Some(1988),
        identities: vec![
            identity("Instagram", "taro_roasts", Some(12_500)),
            identity("discord", "taro#1234", None),
        ],
        tags: vec!["home-barista".to_owned(), "latte-art".to_owned()],
        ..person(
            " 山田 太郎 ",
            Some("ヤマダ タロウ"),
            "taro.yamada@example.jp",
        )
    };

    let member = add_member(&mut store, &new);

    let changes = changes_since(&store, before.seq);
    let identities = ids(
        &store,
        "SELECT id FROM identities WHERE member_id = ?1",
        &member,
    );
    let links = ids(&store, LINKS_OF, &member);
    let tags = ids(
        &store,
        "SELECT tag_id FROM member_tags WHERE member_id = ?1",
        &member,
    );
    assert_eq!((identities.len(), links.len()), (2, 2));
    let mut expected = vec![("members", member.as_str())];
    expected.extend(identities.iter().map(|i| ("identities", i.as_str())));
    expected.extend(tags.iter().map(|t| ("tags", t.as_str())));
    expected.extend(links.iter().map(|l| ("member_tags", l.as_str())));
    assert_new_local_changes(&store, &changes, before.hlc, &expected);
    for (table, id) in &expected {
        assert_insert_logged(&store, &changes, table, id);
    }
    let name = logged_cells(&changes, "members", member.as_str());
    assert_eq!(name["display_name"], Value::Text("山田 太郎".to_owned()));
    assert_eq!(name["city"], Value::Text("東京".to_owned()));
    assert!(!name.contains_key("notes"), "unset cells are not logged");
}

#[test]
fn adding_an_identity_or_a_tag_logs_only_the_new_rows() {
    let (_dir, mut store) = new_store();
    let member = add_member(&mut store, &named("Olivia Smith"));
    let tagged = NewMember {
        tags: vec!["ambassador".to_owned()],
        ..named("Liam Brown")
    };
    add_member(&mut store, &tagged);

    let before = mark(&store);
    let olivia_x = identity("x", "olivia_brews", Some(1_800));
    let identity_id = store
        .write(|w| add_identity(w, &member, &olivia_x))
        .expect("add identity");
    assert_logged_insert(&store, before, "identities", identity_id.as_str());

    let before = mark(&store);
    store
        .write(|w| tag_member(w, &member, "ambassador"))
        .expect("tag with an existing tag");
    let link = ids(&store, LINKS_OF, &member);
    assert_logged_insert(&store, before, "member_tags", &link[0]);

    let before = mark(&store);
    store
        .write(|w| tag_member(w, &member, " ambassador "))
        .expect("tagging twice is a no-op");
    assert_eq!(changes_since(&store, before.seq), vec![]);
}

#[test]
fn activities_events_registrations_and_campaigns_log_their_cells() {
    let (_dir, mut store) = new_store();
    let member = add_member(&mut store, &named("佐藤 花子"));

    let before = mark(&store);
    let workshop = event("ハンドドリップ講座 #3", now_ms(), EventStatus::Published);
    let event_id = store
        .write(|w| create_event(w, &workshop))
        .expect("create event");
    assert_logged_insert(&store, before, "events", event_id.as_str());

    let before = mark(&store);
    let attended = RegistrationStatus::Attended;
    let registration = store
        .write(|w| {
            register(
                w,
                &event_id,
                &member,
                attended,
                now_ms() - 1,
                Some(now_ms()),
            )
        })
        .expect("register");
    assert_logged_insert(&store, before, "registrations", registration.as_str());

    let before = mark(&store);
    let referral = NewCampaign {
        name: "友だち紹介キャンペーン".to_owned(),
        kind: CampaignKind::Referral,
        starts_at: now_ms() - 1_000,
        ends_at: None,
        budget: Some(Money::new(150_000, "JPY").expect("valid money")),
        goal_metric: Some("new_members".to_owned()),
        goal_target: Some(150),
    };
    let campaign = store
        .write(|w| create_campaign(w, &referral))
        .expect("create campaign");
    assert_logged_insert(&store, before, "campaigns", campaign.as_str());
    let logged = logged_cells(
        &changes_since(&store, before.seq),
        "campaigns",
        campaign.as_str(),
    );
    assert_eq!(logged["status"], Value::Text("running".to_owned()));

    let before = mark(&store);
    let attendance = NewActivity {
        platform: Some("community".to_owned()),
        event: Some(event_id.clone()),
        campaign: Some(campaign.clone()),
        ..activity(&member, "event_attended", now_ms())
    };
    let activity_id = store
        .write(|w| log_activity(w, &attendance))
        .expect("log activity");
    assert_logged_insert(&store, before, "activities", activity_id.as_str());
}

#[test]
fn updating_logs_exactly_the_cells_written_including_cleared_ones() {
    let (_dir, mut store) = new_store();
    let with_notes = NewMember {
        notes: Some("焙煎の話が好き".to_owned()),
        ..person("山田 太郎", Some("ヤマダ タロウ"), "taro@example.jp")
    };
    let member = add_member(&mut store, &with_notes);
    let before = mark(&store);
    let email = Value::Text("taro.yamada@example.jp".to_owned());
    let cells = [("email", email.clone()), ("notes", Value::Null)];

    store
        .write(|w| w.update(SyncedTable::Members, member.as_str(), &cells))
        .expect("update");

    let changes = changes_since(&store, before.seq);
    assert_new_local_changes(
        &store,
        &changes,
        before.hlc,
        &[("members", member.as_str())],
    );
    let expected: Cells = cells
        .iter()
        .map(|(c, v)| ((*c).to_owned(), v.clone()))
        .collect();
    assert_eq!(logged_cells(&changes, "members", member.as_str()), expected);
    let stored = rows(
        store.conn(),
        &format!("SELECT email, notes FROM members WHERE id = '{member}'"),
    );
    assert_eq!(stored, vec![vec![email, Value::Null]]);
}

#[test]
fn deleting_logs_a_tombstone_and_removes_the_row() {
    let (_dir, mut store) = new_store();
    let tagged = NewMember {
        tags: vec!["beta-tester".to_owned()],
        ..named("Emma Wilson")
    };
    let member = add_member(&mut store, &tagged);
    let link = ids(&store, LINKS_OF, &member);
    let before = mark(&store);

    store
        .write(|w| w.delete(SyncedTable::MemberTags, &link[0]))
        .expect("untag");

    let changes = changes_since(&store, before.seq);
    assert_new_local_changes(
        &store,
        &changes,
        before.hlc,
        &[("member_tags", link[0].as_str())],
    );
    let tombstone: Vec<(&str, &Value)> = changes.iter().map(|c| (c.col.as_str(), &c.val)).collect();
    assert_eq!(tombstone, [("_row", &Value::Integer(0))]);
    assert_eq!(count(store.conn(), "SELECT count(*) FROM member_tags"), 0);

    let before = mark(&store);
    let again = store.write(|w| w.delete(SyncedTable::MemberTags, &link[0]));
    assert!(
        matches!(again, Err(CoreError::NotFound { .. })),
        "{again:?}"
    );
    assert_eq!(
        changes_since(&store, before.seq),
        vec![],
        "a failed delete logs nothing"
    );
}

#[test]
fn every_write_gets_a_later_hlc_than_the_one_before() {
    let (_dir, mut store) = new_store();
    let member = add_member(&mut store, &named("Noah Lee"));
    for n in 0..5 {
        let before = mark(&store);
        common::log(&mut store, &activity(&member, "comment", now_ms() - n));
        let changes = changes_since(&store, before.seq);
        assert!(!changes.is_empty());
        assert!(changes.iter().all(|c| c.hlc > before.hlc), "{changes:?}");
    }
    let newest = Hlc::from_packed(max_hlc(&store));
    assert_eq!(newest.physical_ms(), now_ms(), "the hlc follows the clock");
}

fn member_and_change_counts(store: &Store) -> (i64, i64, i64) {
    (
        count(store.conn(), "SELECT count(*) FROM members"),
        count(store.conn(), "SELECT count(*) FROM activities"),
        count(store.conn(), "SELECT count(*) FROM change_log"),
    )
}

#[test]
fn a_write_that_fails_part_way_leaves_neither_rows_nor_changes() {
    let (_dir, mut store) = new_store();
    let before = member_and_change_counts(&store);

    let result = store.write(|w| {
        let taro = create_member(
            w,
            &NewMember {
                identities: vec![identity("x", "taro", Some(50))],
                tags: vec!["volunteer".to_owned()],
                ..named("山田 太郎")
            },
        )?;
        log_activity(w, &activity(&taro, "post", now_ms()))?;
        log_activity(
            w,
            &activity(&MemberId::from("no-such-member"), "post", now_ms()),
        )
    });

    assert!(matches!(result, Err(CoreError::Sqlite(_))), "{result:?}");
    assert_eq!(member_and_change_counts(&store), before);
    assert_eq!(count(store.conn(), "SELECT count(*) FROM tags"), 0);
    assert_eq!(count(store.conn(), "SELECT count(*) FROM identities"), 0);
}

#[test]
fn a_check_violation_leaves_no_event_and_no_change() {
    let (_dir, mut store) = new_store();
    let changes = count(store.conn(), "SELECT count(*) FROM change_log");

    let result = store.write(|w| {
        w.insert(
            SyncedTable::Events,
            "event-1",
            &[
                ("title", Value::Text("Cupping Session #1".to_owned())),
                ("kind", Value::Text("hybrid".to_owned())),
                ("starts_at", Value::Integer(now_ms())),
                ("ends_at", Value::Integer(now_ms() + 7_200_000)),
                ("time_zone", Value::Text("Asia/Tokyo".to_owned())),
                ("capacity", Value::Integer(-1)),
                ("status", Value::Text("published".to_owned())),
            ],
        )
    });

    assert!(matches!(result, Err(CoreError::Sqlite(_))), "{result:?}");
    assert_eq!(count(store.conn(), "SELECT count(*) FROM events"), 0);
    assert_eq!(
        count(store.conn(), "SELECT count(*) FROM change_log"),
        changes
    );
}

#[test]
fn invalid_members_are_refused_without_writing_anything() {
    let (_dir, mut store) = new_store();
    let kept = add_member(&mut store, &named("Ava Chen"));
    let before = member_and_change_counts(&store);
    let invalid = [
        named("   "),
        person("山田 太郎", None, "taro@"),
        person("Olivia Smith", None, "olivia smith@example.com"),
        NewMember {
            identities: vec![identity("youtube", "mega", Some(-5))],
            ..named("Big Channel")
        },
        NewMember {
            identities: vec![identity("", "nobody", None)],
            ..named("No Platform")
        },
    ];

    for new in &invalid {
        let result = store.write(|w| {
            create_member(w, &named("Valid First"))?;
            create_member(w, new)
        });
        assert!(
            matches!(result, Err(CoreError::InvalidInput(_))),
            "{new:?}: {result:?}"
        );
        assert_eq!(member_and_change_counts(&store), before, "{new:?}");
    }
    let result = store.write(|w| add_identity(w, &kept, &identity("x", "ava", Some(-5))));
    assert!(
        matches!(result, Err(CoreError::InvalidInput(_))),
        "{result:?}"
    );
    assert_eq!(member_and_change_counts(&store), before);
}

#[test]
fn hlcs_keep_increasing_after_reopening_with_a_clock_that_went_back() {
    let (_dir, mut store) = new_store();
    let path = store.path().to_path_buf();
    add_member(&mut store, &named("Harper King"));
    let before = max_hlc(&store);
    drop(store);

    let earlier = clock_at(now() - Duration::hours(1));
    let mut reopened = Store::open(&path, OpenMode::MustExist, earlier).expect("reopen");
    let seq = last_seq(&reopened);
    add_member(&mut reopened, &named("Jack Hall"));

    let changes = changes_since(&reopened, seq);
    assert!(!changes.is_empty());
    for c in &changes {
        assert!(
            c.hlc > before,
            "{c:?} must follow {before} although the clock went back"
        );
    }
    assert_eq!(
        Hlc::from_packed(changes[0].hlc).physical_ms(),
        Hlc::from_packed(before).physical_ms()
    );
}

#[test]
fn a_file_without_a_saved_clock_resumes_from_its_change_log() {
    let (_dir, mut store) = new_store();
    let path = store.path().to_path_buf();
    add_member(&mut store, &named("Nora Young"));
    let before = max_hlc(&store);
    // Files written before the clock was saved in kizuna_meta have only the log to go by.
    store
        .conn()
        .execute("DELETE FROM kizuna_meta WHERE key = 'hlc_high_water'", [])
        .expect("forget the saved clock");
    drop(store);

    let earlier = clock_at(now() - Duration::hours(1));
    let mut reopened = Store::open(&path, OpenMode::MustExist, earlier).expect("reopen");
    let resumed: String = reopened
        .meta("hlc_high_water")
        .expect("read")
        .expect("saved on open");
    assert_eq!(resumed.parse::<i64>().expect("a number"), before);
    let seq = last_seq(&reopened);
    add_member(&mut reopened, &named("Leo Scott"));
    let changes = changes_since(&reopened, seq);
    assert!(
        changes.iter().all(|c| c.hlc > before),
        "{changes:?} must follow {before}"
    );
    let saved: String = reopened
        .meta("hlc_high_water")
        .expect("read meta")
        .expect("the clock is saved again by the write");
    assert_eq!(saved.parse::<i64>().expect("a number"), max_hlc(&reopened));
}
