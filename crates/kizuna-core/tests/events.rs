//! Planning events: validation with specific messages, lists with counts, editing capacity,
//! ticket types and copying an event as a template.

mod common;

use common::{add_event, add_member, count, event, named, new_store, now_ms};
use kizuna_core::CoreError;
use kizuna_core::events::{
    EventStatus, EventWhen, RegistrationStatus, add_registration, add_ticket_type, copy_event,
    create_event, event_detail, list_events, update_event,
};

const HOUR: i64 = 3_600_000;

fn message(err: CoreError) -> String {
    match err {
        CoreError::InvalidInput(m) => m.to_string(),
        other => panic!("expected a specific input error, got {other:?}"),
    }
}

#[test]
fn bad_events_get_specific_messages_and_nothing_is_saved() {
    let (_dir, mut store) = new_store();
    let mut ends_early = event("Cupping", now_ms(), EventStatus::Draft);
    ends_early.ends_at = ends_early.starts_at - HOUR;
    let mut negative = event("Cupping", now_ms(), EventStatus::Draft);
    negative.capacity = Some(-5);
    let mut unknown_zone = event("Cupping", now_ms(), EventStatus::Draft);
    unknown_zone.time_zone = "Asia/Atlantis".to_owned();
    let mut bad_currency = event("Cupping", now_ms(), EventStatus::Draft);
    bad_currency.currency = Some("yen!".to_owned());

    let logged = count(store.conn(), "SELECT count(*) FROM change_log");
    let cases = [
        (ends_early, "cannot end before it starts"),
        (negative, "capacity cannot be negative (got -5)"),
        (unknown_zone, "\"Asia/Atlantis\" is not a known time zone"),
        (bad_currency, "is not an ISO 4217 currency code"),
    ];
    for (bad, expected) in cases {
        let err = store.write(|w| create_event(w, &bad)).expect_err("refused");
        let text = message(err);
        assert!(text.contains(expected), "{text}");
    }
    assert_eq!(count(store.conn(), "SELECT count(*) FROM events"), 0);
    assert_eq!(
        count(store.conn(), "SELECT count(*) FROM change_log"),
        logged
    );
}

#[test]
fn events_default_to_yen_and_list_upcoming_and_past_with_counts() {
    let (_dir, mut store) = new_store();
    let past = add_event(
        &mut store,
        &event("Latte art #1", now_ms() - 48 * HOUR, EventStatus::Done),
    );
    let mut online = event("Online tour", now_ms() + 24 * HOUR, EventStatus::Published);
    online.capacity = Some(1);
    online.currency = Some("usd".to_owned());
    let next = add_event(&mut store, &online);
    let (a, b) = (
        add_member(&mut store, &named("Aiko")),
        add_member(&mut store, &named("Ben")),
    );
    store
        .write(|w| {
            add_registration(w, &next, &a, None)?;
            add_registration(w, &next, &b, None)
        })
        .expect("register");

    let upcoming = list_events(store.conn(), now_ms(), EventWhen::Upcoming).expect("list");
    assert_eq!(upcoming.len(), 1);
    assert_eq!(upcoming[0].currency, "USD");
    assert_eq!(
        (upcoming[0].counts.going, upcoming[0].counts.waitlist),
        (1, 1)
    );
    let earlier = list_events(store.conn(), now_ms(), EventWhen::Past).expect("list");
    assert_eq!(earlier[0].id, past.to_string());
    assert_eq!(earlier[0].currency, "JPY");
    assert_eq!(
        list_events(store.conn(), now_ms(), EventWhen::All)
            .expect("all")
            .len(),
        2
    );
}

#[test]
fn raising_capacity_lets_the_waitlist_in_and_lowering_below_seats_is_refused() {
    let (_dir, mut store) = new_store();
    let mut small = event(
        "Roasting basics",
        now_ms() + 24 * HOUR,
        EventStatus::Published,
    );
    small.capacity = Some(1);
    let id = add_event(&mut store, &small);
    let members: Vec<_> = ["A", "B", "C"]
        .iter()
        .map(|n| add_member(&mut store, &named(n)))
        .collect();
    let outcomes: Vec<_> = members
        .iter()
        .map(|m| {
            store
                .write(|w| add_registration(w, &id, m, None))
                .expect("register")
        })
        .collect();
    assert_eq!(outcomes[1].status, RegistrationStatus::Waitlist);

    small.capacity = Some(2);
    store
        .write(|w| update_event(w, &id, &small))
        .expect("raise capacity");
    let detail = event_detail(store.conn(), &id).expect("detail");
    assert_eq!(
        (detail.event.counts.going, detail.event.counts.waitlist),
        (2, 1)
    );

    small.capacity = Some(1);
    let text = message(
        store
            .write(|w| update_event(w, &id, &small))
            .expect_err("refused"),
    );
    assert!(text.contains("2 members already hold seats"), "{text}");
}

#[test]
fn copying_an_event_as_a_template_keeps_details_and_tickets_but_not_registrations() {
    let (_dir, mut store) = new_store();
    let mut first = event(
        "ハンドドリップ講座 #1",
        now_ms() - 72 * HOUR,
        EventStatus::Done,
    );
    first.address = Some("東京都渋谷区神南1-2-3".to_owned());
    let source = add_event(&mut store, &first);
    store
        .write(|w| add_ticket_type(w, &source, "一般", 3_000))
        .expect("ticket");
    let member = add_member(&mut store, &named("山田 太郎"));
    store
        .write(|w| {
            kizuna_core::events::register(
                w,
                &source,
                &member,
                RegistrationStatus::Attended,
                now_ms(),
                None,
            )
        })
        .expect("register");

    let starts = now_ms() + 30 * 24 * HOUR;
    let copy = store
        .write(|w| copy_event(w, &source, starts, starts + 2 * HOUR))
        .expect("copy");

    let detail = event_detail(store.conn(), &copy).expect("detail");
    assert_eq!(detail.event.title, "ハンドドリップ講座 #1");
    assert_eq!(
        detail.event.address.as_deref(),
        Some("東京都渋谷区神南1-2-3")
    );
    assert_eq!(detail.event.status, EventStatus::Draft);
    assert_eq!(detail.event.starts_at, starts);
    assert_eq!(detail.event.series_id.as_deref(), Some(source.as_str()));
    assert_eq!(detail.series, vec![source.to_string()]);
    assert_eq!(detail.ticket_types.len(), 1);
    assert_eq!(detail.ticket_types[0].price_minor, 3_000);
    assert_eq!(detail.event.counts, Default::default());

    let err = store
        .write(|w| copy_event(w, &source, starts, starts - 1))
        .expect_err("end before start");
    assert!(message(err).contains("cannot end before it starts"));
    assert_eq!(count(store.conn(), "SELECT count(*) FROM events"), 2);
}

#[test]
fn negative_ticket_prices_and_closed_events_are_refused() {
    let (_dir, mut store) = new_store();
    let done = add_event(
        &mut store,
        &event("Past", now_ms() - 48 * HOUR, EventStatus::Done),
    );
    let text = message(
        store
            .write(|w| add_ticket_type(w, &done, "Free", -1))
            .expect_err("no"),
    );
    assert!(text.contains("cannot be negative"), "{text}");
    let member = add_member(&mut store, &named("Aiko"));
    let text = message(
        store
            .write(|w| add_registration(w, &done, &member, None))
            .expect_err("closed"),
    );
    assert!(text.contains("registration is closed"), "{text}");
}
