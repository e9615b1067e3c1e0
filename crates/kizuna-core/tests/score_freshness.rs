//! Opening a community refreshes engagement scores only when something changed, so large
//! communities open fast without showing outdated levels.

#![allow(clippy::unwrap_used)]

mod common;

use std::sync::Arc;

use chrono::Duration;
use kizuna_core::community::open_up_to_date;
use kizuna_core::engagement::{RecomputeMode, recompute, recompute_due, set_weight};

use common::*;

const SIX_HOURS: i64 = 6 * 3_600_000;

fn scores_as_of(store: &kizuna_core::Store) -> i64 {
    count(store.conn(), "SELECT as_of FROM score_state WHERE id = 1")
}

#[test]
fn scores_are_due_after_new_activities_rule_changes_and_time_but_not_otherwise() {
    let (_dir, mut store) = new_store();
    let member = add_member(&mut store, &named("Grace Lee"));
    assert!(
        recompute_due(store.conn(), now_ms(), SIX_HOURS).unwrap(),
        "never computed"
    );
    store
        .write(|w| recompute(w, now_ms(), RecomputeMode::Full))
        .unwrap();
    assert!(!recompute_due(store.conn(), now_ms(), SIX_HOURS).unwrap());
    assert!(!recompute_due(store.conn(), now_ms() + SIX_HOURS, SIX_HOURS).unwrap());
    assert!(recompute_due(store.conn(), now_ms() + SIX_HOURS + 1, SIX_HOURS).unwrap());
    assert!(
        recompute_due(store.conn(), now_ms() - 1, SIX_HOURS).unwrap(),
        "clock went back"
    );

    log(&mut store, &activity(&member, "post", days_ago(1)));
    assert!(
        recompute_due(store.conn(), now_ms(), SIX_HOURS).unwrap(),
        "a new activity"
    );
    store
        .write(|w| recompute(w, now_ms(), RecomputeMode::Incremental))
        .unwrap();
    assert!(!recompute_due(store.conn(), now_ms(), SIX_HOURS).unwrap());

    store.write(|w| set_weight(w, "post", 9.0)).unwrap();
    assert!(
        recompute_due(store.conn(), now_ms(), SIX_HOURS).unwrap(),
        "a weight changed"
    );
}

#[test]
fn opening_recomputes_only_when_scores_are_due() {
    let (_dir, mut store) = new_store();
    let member = add_member(&mut store, &named("Jonas Fischer"));
    log(&mut store, &activity(&member, "review", days_ago(3)));
    let path = store.path().to_path_buf();
    drop(store);

    let opened = open_up_to_date(&path, fixed_clock()).unwrap();
    assert_eq!(
        scores_as_of(&opened),
        now_ms(),
        "first open scores everyone"
    );
    drop(opened);

    let an_hour_later = clock_at(now() + Duration::hours(1));
    let opened = open_up_to_date(&path, Arc::clone(&an_hour_later)).unwrap();
    assert_eq!(
        scores_as_of(&opened),
        now_ms(),
        "nothing changed: no recompute"
    );
    drop(opened);

    let next_day = clock_at(now() + Duration::days(1));
    let opened = open_up_to_date(&path, next_day).unwrap();
    assert_eq!(
        scores_as_of(&opened),
        (now() + Duration::days(1)).timestamp_millis()
    );
}

#[test]
fn the_sample_has_a_level_history_across_its_months_not_just_today() {
    use kizuna_core::insights::engagement_by_level;
    use kizuna_core::sample::{SampleSpec, generate};

    let (_dir, mut store) = new_store();
    generate(&mut store, &SampleSpec::with_members(300)).unwrap();
    let by_level = engagement_by_level(store.conn(), now(), 12).unwrap();
    // Six months ago, members above the lowest level already existed.
    let above_newcomer_6_months_ago: u32 = by_level.levels[1..]
        .iter()
        .map(|series| series.members[6])
        .sum();
    assert!(above_newcomer_6_months_ago > 0, "{by_level:?}");
}
