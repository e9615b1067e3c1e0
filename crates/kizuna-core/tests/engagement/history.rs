//! Level history and explanations: every move is recorded with its direction and cause, and a
//! score is explained per activity type.

use super::*;

#[test]
fn promotions_and_decay_demotions_are_recorded_with_direction_and_the_crossing_instant() {
    let (_dir, mut store) = new_store();
    let member = add_member(&mut store, &named("Liam Brown"));
    let events: Vec<NewActivity> = (0..8)
        .map(|n| activity(&member, "event_attended", now_ms() - n * DAY))
        .collect();
    log_all(&mut store, &events);
    full(&mut store, now_ms());
    let score = stored(&store, &member);
    assert!((30.0..80.0).contains(&score), "{score}: an Advocate");
    assert_eq!(rank(&store, &member), 4);

    // A year later, with no new activity: down to Participant, one row per threshold.
    let later = now_ms() + 365 * DAY;
    let report = incremental(&mut store, later);
    assert_eq!((report.promoted, report.demoted), (0, 1));
    let changes = history(&store, &member);
    let steps: Vec<(i64, i64, Direction, LevelChangeCause)> = changes
        .iter()
        .map(|c| (c.from_rank, c.to_rank, c.direction, c.cause))
        .collect();
    use Direction::{Demotion, Promotion};
    use LevelChangeCause::{Activity, Decay};
    assert_eq!(
        steps,
        vec![
            (1, 4, Promotion, Activity),
            (4, 3, Demotion, Decay),
            (3, 2, Demotion, Decay)
        ]
    );
    let half_life_ms = 90.0 * DAY as f64;
    for (change, threshold) in changes[1..].iter().zip([30.0, 10.0]) {
        let crossing = now_ms() + (half_life_ms * (score / threshold).log2()).round() as i64;
        assert_eq!(
            change.at, crossing,
            "dated when the score reached {threshold}"
        );
        assert_eq!(change.score, threshold);
    }
    assert_eq!(changes[0].at, now_ms());
}

#[test]
fn editing_counted_activities_forces_a_full_recompute_and_records_history_changes() {
    let (_dir, mut store) = new_store();
    let member = add_member(&mut store, &named("Emma Wilson"));
    log_all(&mut store, &[activity(&member, "content", now_ms())]);
    let other = add_member(&mut store, &named("Noah Taylor"));
    full(&mut store, now_ms());
    assert_eq!(rank(&store, &member), 2);

    let id: String = store
        .conn()
        .query_row("SELECT id FROM activities", [], |r| r.get(0))
        .expect("the activity");
    store
        .write(|w| {
            w.update(
                SyncedTable::Activities,
                &id,
                &[("member_id", Value::Text(other.to_string()))],
            )
        })
        .expect("move the activity, as a merge would");
    let report = incremental(&mut store, now_ms());

    assert_eq!(report.full, Some(FullReason::HistoryEdited));
    assert_eq!((rank(&store, &member), rank(&store, &other)), (1, 2));
    let lost = history(&store, &member).pop().expect("demoted");
    assert_eq!(lost.cause, LevelChangeCause::History);
    let gained = history(&store, &other).pop().expect("promoted");
    assert_eq!(gained.cause, LevelChangeCause::Activity);
    assert_eq!(
        incremental(&mut store, now_ms()).full,
        None,
        "stale only once"
    );
}

#[test]
fn activities_dated_in_the_future_count_once_their_time_comes() {
    let (_dir, mut store) = new_store();
    let member = add_member(&mut store, &named("高橋 健"));
    log_all(
        &mut store,
        &[activity(&member, "answer", now_ms() + 2 * DAY)],
    );
    full(&mut store, now_ms());
    assert_eq!(stored(&store, &member), 0.0);

    let report = incremental(&mut store, now_ms() + 2 * DAY);
    assert_eq!(report.full, None);
    assert!(close(stored(&store, &member), 3.0));
}

#[test]
fn deleted_members_have_no_score_and_restored_members_are_scored_again() {
    let (_dir, mut store) = new_store();
    let member = add_member(&mut store, &named("伊藤 美咲"));
    log_all(&mut store, &[activity(&member, "idea", now_ms())]);
    full(&mut store, now_ms());
    let set_deleted = |store: &mut Store, at: Value| {
        store
            .write(|w| w.update(SyncedTable::Members, member.as_str(), &[("deleted_at", at)]))
            .expect("update deleted_at");
    };

    set_deleted(&mut store, Value::Integer(now_ms()));
    let report = incremental(&mut store, now_ms());
    assert_eq!(report.members, 0);
    assert_eq!(
        member_score(store.conn(), member.as_str()).expect("read"),
        None
    );
    assert!(matches!(
        explain(store.conn(), member.as_str(), now_ms()),
        Err(CoreError::NotFound { .. })
    ));

    set_deleted(&mut store, Value::Null);
    let report = incremental(&mut store, now_ms());
    assert_eq!((report.full, report.members), (None, 1));
    assert!(close(stored(&store, &member), 4.0));
}

#[test]
fn explaining_shows_each_type_the_level_and_the_points_to_the_next() {
    let (_dir, mut store) = new_store();
    let member = add_member(&mut store, &named("中村 陽翔"));
    log_all(
        &mut store,
        &[
            activity(&member, "post", now_ms()),
            activity(&member, "post", days_ago(90)),
            activity(&member, "event_attended", now_ms()),
            activity(&member, "answer", now_ms() + DAY),
        ],
    );
    full(&mut store, now_ms());

    let e = explain(store.conn(), member.as_str(), now_ms()).expect("explain");

    assert!(close(e.score, 8.0));
    assert_eq!(
        e.activity_count, 3,
        "the answer tomorrow does not count yet"
    );
    let rows: Vec<(&str, u32, f64)> = e
        .by_type
        .iter()
        .map(|t| (t.activity_type.as_str(), t.count, t.weight))
        .collect();
    assert_eq!(rows, vec![("event_attended", 1, 5.0), ("post", 2, 2.0)]);
    assert!(close(e.by_type[1].contribution, 3.0));
    assert!(close(e.by_type[0].share, 5.0 / 8.0));
    assert_eq!((e.level.key.as_str(), e.level.rank), ("participant", 2));
    let next = e.next_level.expect("a next level");
    assert_eq!(next.key, "contributor");
    assert!(close(e.points_to_next.expect("points to go"), 2.0));
    let json =
        serde_json::to_value(explain(store.conn(), member.as_str(), now_ms()).expect("explain"))
            .expect("serialize");
    assert!(json["byType"][0]["activityType"].is_string());
    assert!(json["pointsToNext"].is_number());
}

#[test]
fn explaining_an_unknown_member_says_so() {
    let (_dir, store) = new_store();
    let err = explain(store.conn(), "no-such-member", now_ms()).expect_err("unknown");
    assert_eq!(err.to_string(), "member no-such-member was not found");
    let err = level_history(store.conn(), "no-such-member").expect_err("unknown");
    assert!(matches!(err, CoreError::NotFound { what: "member", .. }));
}
