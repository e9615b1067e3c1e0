//! Rules: weights, the half-life and levels are validated, written only when valid, and
//! force the right kind of recompute.

use super::*;

#[test]
fn changing_a_weight_triggers_a_full_recompute_with_the_new_score() {
    let (_dir, mut store) = new_store();
    let member = add_member(&mut store, &named("山田 太郎"));
    log_all(
        &mut store,
        &[
            activity(&member, "post", now_ms()),
            activity(&member, "comment", days_ago(90)),
        ],
    );
    full(&mut store, now_ms());
    assert!(close(stored(&store, &member), 2.0 + 0.5));

    store
        .write(|w| set_weight(w, "post", 12.0))
        .expect("set weight");
    let report = incremental(&mut store, now_ms());

    assert_eq!(report.full, Some(FullReason::RulesChanged));
    assert!(close(stored(&store, &member), 12.0 + 0.5));
    let changes = history(&store, &member);
    let last = changes.last().expect("promoted by the new weight");
    assert_eq!(
        (last.cause, last.direction, last.from_rank, last.to_rank),
        (LevelChangeCause::Rules, Direction::Promotion, 2, 3)
    );
}

#[test]
fn changing_the_half_life_triggers_a_full_recompute() {
    let (_dir, mut store) = new_store();
    let member = add_member(&mut store, &named("Olivia Smith"));
    log_all(&mut store, &[activity(&member, "review", days_ago(30))]);
    full(&mut store, now_ms());
    assert!(close(
        stored(&store, &member),
        4.0 * 0.5f64.powf(30.0 / 90.0)
    ));

    let thirty = HalfLife::from_days(30.0).expect("valid half-life");
    store
        .write(|w| set_half_life(w, thirty))
        .expect("set half-life");
    assert_eq!(half_life(store.conn()).expect("read"), thirty);
    let report = incremental(&mut store, now_ms());

    assert_eq!(report.full, Some(FullReason::RulesChanged));
    assert!(close(stored(&store, &member), 2.0));
}

fn with(min_scores: &[f64]) -> Vec<LevelInput> {
    default_inputs()
        .into_iter()
        .zip(min_scores)
        .map(|(l, m)| LevelInput { min_score: *m, ..l })
        .collect()
}

fn refused(store: &mut Store, input: &[LevelInput]) -> String {
    let seq = last_seq(store);
    let before = levels(store.conn()).expect("levels");
    // A valid edit first in the same write: the refusal must undo it too.
    let err = store
        .write(|w| {
            set_weight(w, "post", 9.0)?;
            set_levels(w, input)
        })
        .expect_err("invalid levels are refused");
    assert_eq!(last_seq(store), seq, "nothing reached the change log");
    assert_eq!(levels(store.conn()).expect("levels"), before);
    let post: f64 = store
        .conn()
        .query_row(
            "SELECT weight FROM activity_types WHERE key = 'post'",
            [],
            |r| r.get(0),
        )
        .expect("read the weight");
    assert_eq!(
        post, 2.0,
        "the weight set in the same write was rolled back"
    );
    match err {
        CoreError::InvalidInput(message) => message.to_string(),
        other => panic!("expected InvalidInput, got {other:?}"),
    }
}

#[test]
fn invalid_level_thresholds_are_refused_and_nothing_is_half_saved() {
    let (_dir, mut store) = new_store();
    let cases: Vec<(Vec<LevelInput>, &str)> = vec![
        (vec![], "at least one level"),
        (
            with(&[1.0, 2.0, 10.0, 30.0, 80.0]),
            "must start at 0 points",
        ),
        (
            with(&[0.0, 10.0, 10.0, 30.0, 80.0]),
            "Contributor (10) must be above Participant (10)",
        ),
        (
            with(&[0.0, 20.0, 10.0, 30.0, 80.0]),
            "Contributor (10) must be above Participant (20)",
        ),
        (
            with(&[0.0, 2.0, f64::NAN, 30.0, 80.0]),
            "threshold of Contributor must be a number",
        ),
    ];
    for (input, expected) in cases {
        let message = refused(&mut store, &input);
        assert!(message.contains(expected), "{message:?} lacks {expected:?}");
    }
    let mut unlabelled = default_inputs();
    unlabelled[3].label_ja = "  ".to_owned();
    let message = refused(&mut store, &unlabelled);
    assert!(
        message.contains("level 4 (Advocate) needs a Japanese label"),
        "{message}"
    );
    let mut twice = default_inputs();
    twice[4].key = "advocate".to_owned();
    assert!(refused(&mut store, &twice).contains("two levels share the key \"advocate\""));
}

#[test]
fn negative_weights_and_a_zero_half_life_are_refused_and_nothing_is_saved() {
    let (_dir, mut store) = new_store();
    let seq = last_seq(&store);

    let err = store
        .write(|w| set_weight(w, "post", -1.0))
        .expect_err("negative weight");
    assert!(
        matches!(&err, CoreError::InvalidInput(m) if m.to_string().contains("weight of \"post\" must be between 0")),
        "{err:?}"
    );
    let err = HalfLife::from_days(0.0).expect_err("zero half-life");
    assert!(
        matches!(&err, CoreError::InvalidInput(m) if m.to_string().contains("half-life must be between 1 and 3650 days")),
        "{err:?}"
    );
    let err = store
        .write(|w| set_weight(w, "teleported", 1.0))
        .expect_err("unknown type");
    assert!(
        matches!(
            err,
            CoreError::NotFound {
                what: "activity type",
                ..
            }
        ),
        "{err:?}"
    );

    assert_eq!(last_seq(&store), seq);
    assert_eq!(half_life(store.conn()).expect("read"), HalfLife::DEFAULT);
}

#[test]
fn editing_levels_writes_only_the_changed_cells_and_moves_members_for_that_reason() {
    let (_dir, path) = temp_path();
    let mut store =
        create_empty(&path, "Tokyo Coffee Club", common::fixed_clock()).expect("create");
    assert_eq!(count(store.conn(), "SELECT count(*) FROM levels"), 5);
    let member = add_member(&mut store, &named("佐藤 花子"));
    log_all(&mut store, &[activity(&member, "referral", now_ms())]);
    full(&mut store, now_ms());
    assert_eq!(rank(&store, &member), 2, "8 points: a Participant");

    let seq = last_seq(&store);
    let mut edited = with(&[0.0, 2.0, 5.0, 30.0, 80.0]);
    edited[4].label_en = "Hero".to_owned();
    store.write(|w| set_levels(w, &edited)).expect("set levels");
    let logged: Vec<(String, String)> = store
        .conn()
        .prepare("SELECT tbl, col FROM change_log WHERE seq > ?1 ORDER BY seq")
        .expect("prepare")
        .query_map([seq], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("query")
        .collect::<rusqlite::Result<_>>()
        .expect("read");
    let expected = [("levels", "min_score"), ("levels", "label_en")];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(t, c)| ((*t).to_owned(), (*c).to_owned()))
        .collect();
    assert_eq!(logged, expected);

    let report = incremental(&mut store, now_ms());
    assert_eq!(report.full, None, "thresholds do not change scores");
    assert_eq!(rank(&store, &member), 3);
    let last = history(&store, &member).pop().expect("a level change");
    assert_eq!(last.cause, LevelChangeCause::Rules);
}
