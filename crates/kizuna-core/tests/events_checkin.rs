//! Door check-in: matching by name, kana (any width or script), email or code; checking in
//! twice is refused with when and where; undo; walk-ins; the counter; 5,000 registrations.

mod common;

use std::time::Instant;

use common::{add_event, add_member, count, event, new_store, now_ms, person};
use kizuna_core::Store;
use kizuna_core::duplicates::find_duplicates;
use kizuna_core::events::{
    EventStatus, RegistrationStatus, WalkIn, add_registration, check_in, checkin_counter,
    find_for_checkin, undo_check_in, walk_in,
};
use kizuna_core::ids::{EventId, RegistrationId};

const HOUR: i64 = 3_600_000;

fn door() -> (tempfile::TempDir, Store, EventId, Vec<String>) {
    let (dir, mut store) = new_store();
    let id = add_event(
        &mut store,
        &event(
            "新豆テイスティング会",
            now_ms() + HOUR,
            EventStatus::Published,
        ),
    );
    let people = [
        person("山田 太郎", Some("ヤマダ タロウ"), "taro.yamada@example.jp"),
        person("佐藤 花子", Some("さとう はなこ"), "hanako@example.jp"),
        person("Olivia Smith", None, "olivia.smith@example.com"),
    ];
    let codes = people
        .iter()
        .map(|p| {
            let member = add_member(&mut store, p);
            store
                .write(|w| add_registration(w, &id, &member, None))
                .expect("register")
                .code
        })
        .collect();
    (dir, store, id, codes)
}

fn names(store: &Store, event: &EventId, query: &str) -> Vec<String> {
    find_for_checkin(store.conn(), event, query)
        .expect("search")
        .into_iter()
        .map(|r| r.display_name)
        .collect()
}

#[test]
fn the_door_finds_people_by_kana_half_width_email_and_code() {
    let (_dir, store, event, codes) = door();
    assert_eq!(names(&store, &event, "やまだ"), ["山田 太郎"]);
    assert_eq!(names(&store, &event, "ﾔﾏﾀﾞ"), ["山田 太郎"]);
    assert_eq!(names(&store, &event, "サトウ"), ["佐藤 花子"]);
    assert_eq!(names(&store, &event, "oli"), ["Olivia Smith"]);
    assert_eq!(names(&store, &event, "hanako@"), ["佐藤 花子"]);
    assert_eq!(
        names(&store, &event, &codes[2].to_lowercase()),
        ["Olivia Smith"]
    );
    assert!(
        names(&store, &event, "ZZZZZZZ").is_empty(),
        "a code that matches nobody"
    );
    assert!(names(&store, &event, "  ").is_empty());
}

#[test]
fn checking_in_twice_is_refused_with_when_and_on_which_device() {
    let (_dir, mut store, event, codes) = door();
    let found = find_for_checkin(store.conn(), &event, &codes[0]).expect("search");
    let id = RegistrationId(found[0].id.clone());
    let row = store
        .write(|w| check_in(w, &id, "ipad-front-desk"))
        .expect("check in");
    assert_eq!(row.status, RegistrationStatus::Attended);
    assert_eq!(row.checked_in_at, Some(now_ms()));

    let err = store
        .write(|w| check_in(w, &id, "ipad-side-door"))
        .expect_err("twice");
    let text = err.to_string();
    assert!(text.contains("山田 太郎 is already checked in"), "{text}");
    assert!(text.contains("2026-11-23 21:00 (Asia/Tokyo)"), "{text}");
    assert!(text.contains("ipad-front-desk"), "{text}");

    let counter = checkin_counter(store.conn(), &event).expect("counter");
    assert_eq!((counter.checked_in, counter.expected), (1, 3));
    let attended = |store: &kizuna_core::Store| -> i64 {
        store
            .conn()
            .query_row(
                "SELECT count(*) FROM activities
                 WHERE member_id = ?1 AND event_id = ?2 AND activity_type = 'event_attended'",
                [&row.member_id, &row.event_id],
                |r| r.get(0),
            )
            .expect("count")
    };
    assert_eq!(attended(&store), 1, "checking in counts as attending, once");
    let undone = store.write(|w| undo_check_in(w, &id)).expect("undo");
    assert_eq!(
        (undone.status, undone.checked_in_by),
        (RegistrationStatus::Going, None)
    );
    assert_eq!(
        checkin_counter(store.conn(), &event)
            .expect("counter")
            .checked_in,
        0
    );
    assert_eq!(attended(&store), 0, "undo takes the attendance back");
    let err = store
        .write(|w| undo_check_in(w, &id))
        .expect_err("nothing to undo");
    assert!(err.to_string().contains("has not checked in"), "{err}");
}

#[test]
fn a_walk_in_is_created_registered_and_checked_in_and_later_suggested_as_a_duplicate() {
    let (_dir, mut store, event, _) = door();
    let walk = WalkIn {
        display_name: "山田 太郎".to_owned(),
        email: Some("taro.yamada@example.jp".to_owned()),
    };
    let row = store
        .write(|w| walk_in(w, &event, &walk, "door"))
        .expect("walk in");
    assert_eq!(row.status, RegistrationStatus::Attended);
    assert_eq!(row.checked_in_by.as_deref(), Some("door"));
    let pairs = find_duplicates(store.conn(), 50).expect("duplicates");
    assert!(
        pairs
            .iter()
            .any(|p| p.first.display_name == "山田 太郎" && p.second.display_name == "山田 太郎"),
        "the walk-in is suggested as a duplicate of the registered member"
    );

    let members = count(store.conn(), "SELECT count(*) FROM members");
    let bad = WalkIn {
        display_name: "Ken".to_owned(),
        email: Some("not-an-email".to_owned()),
    };
    store
        .write(|w| walk_in(w, &event, &bad, "door"))
        .expect_err("bad email");
    assert_eq!(
        count(store.conn(), "SELECT count(*) FROM members"),
        members,
        "nothing half-saved"
    );
}

#[test]
fn a_full_event_refuses_a_walk_in_and_saves_nothing() {
    let (_dir, mut store) = new_store();
    let mut tiny = event("Tiny", now_ms() + HOUR, EventStatus::Published);
    tiny.capacity = Some(0);
    let id = add_event(&mut store, &tiny);
    let walk = WalkIn {
        display_name: "Ken".to_owned(),
        email: None,
    };
    let err = store
        .write(|w| walk_in(w, &id, &walk, "door"))
        .expect_err("full");
    assert!(err.to_string().contains("the event is full"), "{err}");
    assert_eq!(count(store.conn(), "SELECT count(*) FROM members"), 0);
}

#[test]
fn five_thousand_registrations_check_in_by_typed_name_and_scanned_code() {
    let (_dir, mut store) = new_store();
    let mut big = event("Summit", now_ms() + HOUR, EventStatus::Published);
    big.capacity = None;
    let id = add_event(&mut store, &big);
    let codes: Vec<String> = store
        .write(|w| {
            (0..5_000)
                .map(|i| {
                    let new = person(
                        &format!("Guest {i:04}"),
                        Some("ゲスト"),
                        &format!("guest{i}@example.jp"),
                    );
                    let member = kizuna_core::members::create_member(w, &new)?;
                    Ok(add_registration(w, &id, &member, None)?.code)
                })
                .collect()
        })
        .expect("5,000 registrations");
    let started = Instant::now();
    for code in codes.iter().step_by(50) {
        let found = find_for_checkin(store.conn(), &id, code).expect("scan");
        let reg = RegistrationId(found[0].id.clone());
        store
            .write(|w| check_in(w, &reg, "scanner"))
            .expect("check in");
    }
    let by_code = started.elapsed() / 100;
    let started = Instant::now();
    for i in (1..5_000).step_by(50) {
        let found = find_for_checkin(store.conn(), &id, &format!("guest {i:04}")).expect("type");
        assert_eq!(found.len(), 1);
        let reg = RegistrationId(found[0].id.clone());
        store
            .write(|w| check_in(w, &reg, "laptop"))
            .expect("check in");
    }
    let by_name = started.elapsed() / 100;
    eprintln!("5,000 registrations: query → checked in {by_code:?} by code, {by_name:?} by name");
    assert_eq!(
        checkin_counter(store.conn(), &id)
            .expect("counter")
            .checked_in,
        200
    );
}
