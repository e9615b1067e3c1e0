//! Registrations and the waitlist: capacity is never exceeded, and freed seats go to the
//! waitlist in the order people joined it, each move recorded in the audit log.

mod common;

use common::{add_event, add_member, count, event, named, new_store, now_ms};
use kizuna_core::Store;
use kizuna_core::events::{
    EventStatus, RegistrationStatus, add_registration, cancel_registration, list_registrations,
    mark_no_shows,
};
use kizuna_core::ids::{EventId, MemberId, RegistrationId};
use proptest::prelude::*;

const HOUR: i64 = 3_600_000;

fn setup(capacity: i64, members: usize) -> (tempfile::TempDir, Store, EventId, Vec<MemberId>) {
    let (dir, mut store) = new_store();
    let mut meetup = event(
        "Cupping night",
        now_ms() + 24 * HOUR,
        EventStatus::Published,
    );
    meetup.capacity = Some(capacity);
    let id = add_event(&mut store, &meetup);
    let members = (0..members)
        .map(|i| add_member(&mut store, &named(&format!("Member {i}"))))
        .collect();
    (dir, store, id, members)
}

/// (member, status) of every registration, waitlist in its order.
fn statuses(store: &Store, event: &EventId) -> Vec<(String, RegistrationStatus)> {
    list_registrations(store.conn(), event)
        .expect("list")
        .into_iter()
        .map(|r| (r.member_id, r.status))
        .collect()
}

#[test]
fn a_freed_seat_goes_to_the_first_on_the_waitlist_and_is_audited() {
    let (_dir, mut store, event, m) = setup(2, 4);
    let regs: Vec<_> = m
        .iter()
        .map(|member| {
            store
                .write(|w| add_registration(w, &event, member, None))
                .expect("add")
        })
        .collect();
    let waiting: Vec<_> = regs.iter().map(|r| r.status).collect();
    use RegistrationStatus::{Going, Waitlist};
    assert_eq!(waiting, vec![Going, Going, Waitlist, Waitlist]);
    assert!(
        regs.iter().all(|r| r.code.len() == 7),
        "every registration has a code"
    );

    let promoted = store
        .write(|w| cancel_registration(w, &RegistrationId(regs[0].registration_id.clone())))
        .expect("cancel");
    assert_eq!(promoted, vec![regs[2].registration_id.clone()]);
    let audited = count(
        store.conn(),
        &format!(
            "SELECT count(*) FROM audit_log WHERE action = 'registration.promoted' AND subject = '{}'",
            regs[2].registration_id
        ),
    );
    assert_eq!(audited, 1);
    let again = store
        .write(|w| cancel_registration(w, &RegistrationId(regs[0].registration_id.clone())))
        .expect_err("twice");
    assert!(again.to_string().contains("already cancelled"), "{again}");
}

#[test]
fn registering_twice_is_refused_but_a_cancelled_member_can_come_back() {
    let (_dir, mut store, event, m) = setup(5, 1);
    let first = store
        .write(|w| add_registration(w, &event, &m[0], None))
        .expect("add");
    let err = store
        .write(|w| add_registration(w, &event, &m[0], None))
        .expect_err("twice");
    assert!(
        err.to_string()
            .contains("Member 0 is already registered (going)"),
        "{err}"
    );
    store
        .write(|w| cancel_registration(w, &RegistrationId(first.registration_id.clone())))
        .expect("cancel");
    let back = store
        .write(|w| add_registration(w, &event, &m[0], None))
        .expect("again");
    assert_eq!(
        (back.registration_id, back.code),
        (first.registration_id, first.code)
    );
}

#[test]
fn no_shows_are_marked_only_after_the_event() {
    let (_dir, mut store) = new_store();
    let upcoming = add_event(
        &mut store,
        &event("Later", now_ms() + HOUR, EventStatus::Published),
    );
    let err = store
        .write(|w| mark_no_shows(w, &upcoming))
        .expect_err("not yet");
    assert!(
        err.to_string().contains("after the event has ended"),
        "{err}"
    );
    let past = add_event(
        &mut store,
        &event("Earlier", now_ms() - 5 * HOUR, EventStatus::Published),
    );
    let member = add_member(&mut store, &named("Aiko"));
    store
        .write(|w| add_registration(w, &past, &member, None))
        .expect("add");
    assert_eq!(store.write(|w| mark_no_shows(w, &past)).expect("mark"), 1);
    assert_eq!(statuses(&store, &past)[0].1, RegistrationStatus::NoShow);
}

#[derive(Debug, Clone)]
enum Op {
    Register(usize),
    Cancel(usize),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0..12usize).prop_map(Op::Register),
        (0..12usize).prop_map(Op::Cancel)
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn capacity_is_never_exceeded_and_the_waitlist_moves_up_in_order(
        capacity in 0i64..5,
        ops in proptest::collection::vec(op(), 1..40),
    ) {
        let (_dir, mut store, event, m) = setup(capacity, 12);
        // The model: who holds a seat and who waits, in order.
        let (mut going, mut waiting): (Vec<usize>, Vec<usize>) = (Vec::new(), Vec::new());
        let mut regs: Vec<Option<String>> = vec![None; 12];
        for op in ops {
            match op {
                Op::Register(i) => {
                    let result = store.write(|w| add_registration(w, &event, &m[i], None));
                    if going.contains(&i) || waiting.contains(&i) {
                        prop_assert!(result.is_err());
                        continue;
                    }
                    let outcome = result.expect("register");
                    regs[i] = Some(outcome.registration_id);
                    if (going.len() as i64) < capacity {
                        prop_assert_eq!(outcome.status, RegistrationStatus::Going);
                        going.push(i);
                    } else {
                        prop_assert_eq!(outcome.status, RegistrationStatus::Waitlist);
                        waiting.push(i);
                    }
                }
                Op::Cancel(i) => {
                    let Some(reg) = regs[i].clone() else { continue };
                    let result = store.write(|w| cancel_registration(w, &RegistrationId(reg)));
                    if !going.contains(&i) && !waiting.contains(&i) {
                        prop_assert!(result.is_err());
                        continue;
                    }
                    let promoted = result.expect("cancel");
                    waiting.retain(|w| *w != i);
                    if let Some(pos) = going.iter().position(|g| *g == i) {
                        going.remove(pos);
                        if !waiting.is_empty() {
                            let first = waiting.remove(0);
                            prop_assert_eq!(promoted, vec![regs[first].clone().expect("registered")]);
                            going.push(first);
                        }
                    } else {
                        prop_assert!(promoted.is_empty());
                    }
                }
            }
            let now = statuses(&store, &event);
            let seats = now.iter().filter(|(_, s)| s.holds_seat()).count() as i64;
            prop_assert!(seats <= capacity, "{} seats taken of {}", seats, capacity);
            let stored_waiting: Vec<String> = now
                .iter()
                .filter(|(_, s)| *s == RegistrationStatus::Waitlist)
                .map(|(member, _)| member.clone())
                .collect();
            let model_waiting: Vec<String> = waiting.iter().map(|i| m[*i].to_string()).collect();
            prop_assert_eq!(stored_waiting, model_waiting);
            prop_assert_eq!(seats, going.len() as i64);
        }
    }
}
