//! Adding a saved segment to an event: everyone in it not yet registered, going until the event
//! is full, then on the waitlist; members already registered are left as they were.

mod common;

use common::{add_event, add_member, count, event, named, new_store, now_ms};
use kizuna_core::events::{EventStatus, SegmentRegistration, add_registration, register_segment};
use kizuna_core::members::NewMember;
use kizuna_core::segments::{create_segment, parse_rules};

#[test]
fn a_segment_registers_its_members_once_and_fills_the_waitlist_when_full() {
    let (_dir, mut store) = new_store();
    let regulars: Vec<_> = ["Aiko", "Daichi", "Emi", "Haruto"]
        .iter()
        .map(|name| {
            add_member(
                &mut store,
                &NewMember {
                    tags: vec!["regular".to_owned()],
                    ..named(name)
                },
            )
        })
        .collect();
    add_member(&mut store, &named("Someone else"));
    let mut cupping = event("Cupping", now_ms() + 86_400_000, EventStatus::Published);
    cupping.capacity = Some(3);
    let cupping = add_event(&mut store, &cupping);
    store
        .write(|w| add_registration(w, &cupping, &regulars[0], None))
        .expect("Aiko registers herself");
    let rules = parse_rules(r#"{"op":"and","rules":[{"kind":"tag","op":"has","name":"regular"}]}"#)
        .expect("rules");
    let segment = store
        .write(|w| create_segment(w, "Regulars", &rules))
        .expect("segment");

    let outcome = store
        .write(|w| register_segment(w, &cupping, &segment))
        .expect("add the segment");

    assert_eq!(
        outcome,
        SegmentRegistration {
            going: 2,
            waitlist: 1,
            already: 1
        }
    );
    let sql = |status: &str| {
        format!(
            "SELECT count(*) FROM registrations WHERE event_id = '{cupping}' AND status = '{status}'"
        )
    };
    assert_eq!(count(store.conn(), &sql("going")), 3, "never over capacity");
    assert_eq!(count(store.conn(), &sql("waitlist")), 1);

    let again = store
        .write(|w| register_segment(w, &cupping, &segment))
        .expect("add it again");
    assert_eq!(again.already, 4, "adding twice registers nobody twice");
    assert_eq!(again.going + again.waitlist, 0);
}
