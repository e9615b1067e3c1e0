//! The sample community's events: priced in yen, ticket types at venues, a code on every
//! registration, and a sold-out upcoming event with a waitlist that fits its capacity.

mod common;

use common::{count, fixed_clock, temp_path};
use kizuna_core::Store;
use kizuna_core::sample::{SampleSpec, generate};
use kizuna_core::store::OpenMode;

#[test]
fn the_sample_has_codes_tickets_and_a_full_event_with_a_waitlist() {
    let (_dir, path) = temp_path();
    let mut store = Store::open(&path, OpenMode::CreateIfMissing, fixed_clock()).expect("open");
    generate(&mut store, &SampleSpec::with_members(300)).expect("generate");
    let conn = store.conn();
    assert_eq!(
        count(conn, "SELECT count(*) FROM events WHERE currency <> 'JPY'"),
        0
    );
    assert!(count(conn, "SELECT count(*) FROM ticket_types") > 0);
    assert_eq!(
        count(
            conn,
            "SELECT count(*) FROM registrations WHERE length(code) <> 7"
        ),
        0
    );
    assert!(
        count(
            conn,
            "SELECT count(*) FROM registrations WHERE status = 'waitlist'"
        ) > 0
    );
    let over_capacity = count(
        conn,
        "SELECT count(*) FROM events e WHERE e.capacity < (SELECT count(*) FROM registrations r
         WHERE r.event_id = e.id AND r.status IN ('going', 'attended', 'no_show'))",
    );
    assert_eq!(over_capacity, 0);
    let waiting_with_free_seats = count(
        conn,
        "SELECT count(*) FROM events e WHERE EXISTS (SELECT 1 FROM registrations r
         WHERE r.event_id = e.id AND r.status = 'waitlist') AND e.capacity > (SELECT count(*)
         FROM registrations r WHERE r.event_id = e.id AND r.status IN ('going', 'attended'))",
    );
    assert_eq!(waiting_with_free_seats, 0);
}
