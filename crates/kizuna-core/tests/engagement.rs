//! Engagement scores and levels: stored scores match a slow reference, incremental recomputes
//! match full ones, levels move only for a reason and every move is recorded.

mod common;
#[path = "engagement/history.rs"]
mod history;
#[path = "engagement/rules.rs"]
mod rules;

use std::collections::HashMap;

use common::change_log::last_seq;
use common::{activity, add_member, count, days_ago, named, new_store, now_ms, temp_path};
use kizuna_core::activities::{NewActivity, log_activity};
use kizuna_core::community::{create_empty, create_sample};
use kizuna_core::engagement::{
    DEFAULT_LEVELS, Direction, FullReason, HalfLife, LevelChange, LevelChangeCause, LevelInput,
    RecomputeMode, RecomputeReport, explain, half_life, level_distribution, level_history, levels,
    member_score, recompute, set_half_life, set_levels, set_weight, top_members,
};
use kizuna_core::ids::MemberId;
use kizuna_core::sample::SampleSpec;
use kizuna_core::store::SyncedTable;
use kizuna_core::{CoreError, Store};
use proptest::prelude::*;
use rand::{Rng, SeedableRng};
use rusqlite::types::Value;

const DAY: i64 = 86_400_000;

fn run(store: &mut Store, now: i64, mode: RecomputeMode) -> RecomputeReport {
    store
        .write(|w| recompute(w, now, mode))
        .expect("recompute scores")
}

fn incremental(store: &mut Store, now: i64) -> RecomputeReport {
    run(store, now, RecomputeMode::Incremental)
}

fn full(store: &mut Store, now: i64) -> RecomputeReport {
    run(store, now, RecomputeMode::Full)
}

fn stored(store: &Store, member: &MemberId) -> f64 {
    member_score(store.conn(), member.as_str())
        .expect("read the score")
        .expect("the member has a score")
        .score
}

fn rank(store: &Store, member: &MemberId) -> i64 {
    member_score(store.conn(), member.as_str())
        .expect("read the score")
        .expect("the member has a score")
        .level_rank
}

fn history(store: &Store, member: &MemberId) -> Vec<LevelChange> {
    level_history(store.conn(), member.as_str()).expect("read the level history")
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()) + 1e-300
}

fn log_all(store: &mut Store, activities: &[NewActivity]) {
    store
        .write(|w| {
            for a in activities {
                log_activity(w, a)?;
            }
            Ok(())
        })
        .expect("log activities");
}

/// Every stored score and level, by member.
fn all_scores(store: &Store) -> HashMap<String, (f64, i64)> {
    store
        .conn()
        .prepare("SELECT member_id, score, level_rank FROM member_scores")
        .expect("prepare")
        .query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))
        .expect("query")
        .collect::<rusqlite::Result<_>>()
        .expect("read scores")
}

fn level_change_count(store: &Store) -> i64 {
    count(store.conn(), "SELECT count(*) FROM level_changes")
}

fn default_inputs() -> Vec<LevelInput> {
    DEFAULT_LEVELS
        .iter()
        .map(|d| LevelInput {
            key: d.key.to_owned(),
            label_en: d.label_en.to_owned(),
            label_ja: d.label_ja.to_owned(),
            min_score: d.min_score,
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// The score equals a slow reference computation.

const TYPES: [&str; 4] = ["post", "comment", "event_attended", "referral"];

/// One generated activity: (member index, type index, days before t1 — negative is after t1).
type Planned = (usize, usize, f64);

/// The straightforward definition: Σ weight × 0.5^(age / half-life) over activities by `now`.
fn reference(
    planned: &[Planned],
    member: usize,
    weights: &[f64],
    half_life_days: f64,
    t1: i64,
    now: i64,
) -> f64 {
    let mut score = 0.0;
    for &(m, t, days_before) in planned {
        let at = occurred_at(t1, days_before);
        if m == member && at <= now {
            let age = (now - at) as f64;
            score += weights[t] * 0.5f64.powf(age / (half_life_days * DAY as f64));
        }
    }
    score
}

fn occurred_at(t1: i64, days_before: f64) -> i64 {
    t1 - (days_before * DAY as f64) as i64
}

fn planned_activity(members: &[MemberId], t1: i64, p: &Planned) -> NewActivity {
    activity(&members[p.0], TYPES[p.1], occurred_at(t1, p.2))
}

fn scenario() -> impl Strategy<Value = (Vec<f64>, f64, Vec<Planned>, Vec<Planned>, i64)> {
    let planned = || prop::collection::vec((0..4usize, 0..4usize, -40.0..700.0f64), 0..40);
    (
        prop::collection::vec(0.0..10.0f64, 4),
        1.0..1_000.0f64,
        planned(),
        planned(),
        0..90 * DAY,
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn stored_and_incremental_scores_equal_a_slow_reference(
        (weights, half_life_days, first, second, gap) in scenario()
    ) {
        let (_dir, mut store) = new_store();
        let members: Vec<MemberId> =
            (0..4).map(|n| add_member(&mut store, &named(&format!("Member {n}")))).collect();
        store.write(|w| {
            for (key, weight) in TYPES.iter().zip(&weights) {
                set_weight(w, key, *weight)?;
            }
            set_half_life(w, HalfLife::from_days(half_life_days)?)
        }).expect("set the rules");
        let t1 = now_ms();
        let t2 = t1 + gap;

        let batch: Vec<NewActivity> = first.iter().map(|p| planned_activity(&members, t1, p)).collect();
        log_all(&mut store, &batch);
        let report = full(&mut store, t1);
        prop_assert_eq!(report.members, 4);
        for (n, member) in members.iter().enumerate() {
            let want = reference(&first, n, &weights, half_life_days, t1, t1);
            prop_assert!(close(stored(&store, member), want), "full at t1: {} vs {want}", stored(&store, member));
        }

        let batch: Vec<NewActivity> = second.iter().map(|p| planned_activity(&members, t1, p)).collect();
        log_all(&mut store, &batch);
        let report = incremental(&mut store, t2);
        prop_assert_eq!(report.full, None);
        let everything: Vec<Planned> = first.iter().chain(&second).copied().collect();
        let after_incremental = all_scores(&store);
        for (n, member) in members.iter().enumerate() {
            let want = reference(&everything, n, &weights, half_life_days, t1, t2);
            prop_assert!(close(stored(&store, member), want), "incremental at t2: {} vs {want}", stored(&store, member));
        }

        full(&mut store, t2);
        for (id, (score, level)) in all_scores(&store) {
            let (inc_score, inc_level) = after_incremental[&id];
            prop_assert!(close(score, inc_score), "full {score} vs incremental {inc_score}");
            prop_assert_eq!(level, inc_level);
        }
    }

    #[test]
    fn explain_contributions_sum_to_the_stored_score(
        (weights, half_life_days, first, _second, _gap) in scenario()
    ) {
        let (_dir, mut store) = new_store();
        let members: Vec<MemberId> =
            (0..4).map(|n| add_member(&mut store, &named(&format!("Member {n}")))).collect();
        store.write(|w| {
            for (key, weight) in TYPES.iter().zip(&weights) {
                set_weight(w, key, *weight)?;
            }
            set_half_life(w, HalfLife::from_days(half_life_days)?)
        }).expect("set the rules");
        let batch: Vec<NewActivity> = first.iter().map(|p| planned_activity(&members, now_ms(), p)).collect();
        log_all(&mut store, &batch);
        full(&mut store, now_ms());

        for member in &members {
            let e = explain(store.conn(), member.as_str(), now_ms()).expect("explain");
            let sum: f64 = e.by_type.iter().map(|t| t.contribution).sum();
            prop_assert!(close(sum, e.score));
            prop_assert!(close(e.score, stored(&store, member)));
            prop_assert_eq!(e.level.rank, rank(&store, member));
            if e.score > 0.0 {
                let shares: f64 = e.by_type.iter().map(|t| t.share).sum();
                prop_assert!((shares - 1.0).abs() < 1e-9);
            }
            let counted = first.iter().filter(|p| {
                members[p.0] == *member && occurred_at(now_ms(), p.2) <= now_ms()
            }).count();
            prop_assert_eq!(e.activity_count as usize, counted);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Incremental recomputes on a realistic community.

fn sample_store(members: u32) -> (tempfile::TempDir, Store) {
    let (dir, path) = temp_path();
    let (store, _) = create_sample(
        &path,
        &SampleSpec::with_members(members),
        common::fixed_clock(),
    )
    .expect("create a sample community");
    (dir, store)
}

fn random_activities(store: &Store, n: usize, from: i64, to: i64) -> Vec<NewActivity> {
    let members: Vec<String> = store
        .conn()
        .prepare("SELECT id FROM members ORDER BY rowid")
        .expect("prepare")
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<rusqlite::Result<_>>()
        .expect("members");
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
    (0..n)
        .map(|_| {
            let member = MemberId::from(members[rng.random_range(0..members.len())].as_str());
            let kind = TYPES[rng.random_range(0..TYPES.len())];
            activity(&member, kind, rng.random_range(from..=to))
        })
        .collect()
}

#[test]
fn the_sample_community_opens_with_scores_and_every_level_populated() {
    let (_dir, store) = sample_store(300);
    let scored = count(store.conn(), "SELECT count(*) FROM member_scores");
    assert_eq!(scored, 300);
    let distribution = level_distribution(store.conn()).expect("distribution");
    assert_eq!(distribution.len(), DEFAULT_LEVELS.len());
    assert_eq!(distribution.iter().map(|c| c.members).sum::<u32>(), 300);
    assert!(
        distribution.iter().all(|c| c.members > 0),
        "{distribution:?}"
    );
    assert!(distribution[0].members > distribution[4].members);
    let top = top_members(store.conn(), 5).expect("top members");
    assert_eq!(top.len(), 5);
    assert!(top.windows(2).all(|w| w[0].score >= w[1].score));
}

#[test]
fn an_incremental_recompute_after_new_activities_equals_a_full_one() {
    let (_dir, mut store) = sample_store(300);
    let later = now_ms() + 10 * DAY;
    // Some of them happen between the two recomputes, a few after the second.
    let added = random_activities(&store, 1_000, now_ms() - 30 * DAY, later + 5 * DAY);
    log_all(&mut store, &added);

    let report = incremental(&mut store, later);
    assert_eq!(report.full, None);
    let due = added.iter().filter(|a| a.occurred_at <= later).count();
    assert_eq!(
        report.activities_read as usize, due,
        "only the new activities are read"
    );
    let incremental_scores = all_scores(&store);
    let report = full(&mut store, later);
    assert_eq!(report.full, Some(FullReason::Requested));
    assert_eq!(
        report.changed_level(),
        0,
        "the full pass agrees on every level"
    );
    let full_scores = all_scores(&store);
    assert_eq!(incremental_scores.len(), full_scores.len());
    for (id, (score, level)) in &full_scores {
        let (inc_score, inc_level) = incremental_scores[id];
        assert!(
            close(*score, inc_score),
            "{id}: full {score} vs {inc_score}"
        );
        assert_eq!(*level, inc_level, "{id}");
    }
}

#[test]
fn levels_never_flap_on_recomputes_with_no_new_data() {
    let (_dir, mut store) = sample_store(300);
    let changes = level_change_count(&store);
    // The sample's own history (scored month by month) already has decay demotions.
    let decay_rows_before = count(
        store.conn(),
        "SELECT count(*) FROM level_changes WHERE cause = 'decay' AND to_rank < from_rank",
    );
    let before = all_scores(&store);

    for mode in [RecomputeMode::Incremental, RecomputeMode::Full] {
        let report = run(&mut store, now_ms(), mode);
        assert_eq!(report.changed_level(), 0);
        assert_eq!(level_change_count(&store), changes);
        assert_eq!(
            all_scores(&store),
            before,
            "same data, same now: nothing moves"
        );
    }

    // Time alone only ever demotes, and never twice for the same crossing.
    let mut last = before;
    for days in [1, 7, 30, 31, 90, 400] {
        let report = incremental(&mut store, now_ms() + days * DAY);
        assert_eq!(report.promoted, 0, "{days} days later");
        let again = incremental(&mut store, now_ms() + days * DAY);
        assert_eq!(again.changed_level(), 0);
        let scores = all_scores(&store);
        for (id, (_, level)) in &scores {
            assert!(*level <= last[id].1, "{id} was promoted without activity");
        }
        last = scores;
    }
    let decay_rows = count(
        store.conn(),
        "SELECT count(*) FROM level_changes WHERE cause = 'decay' AND to_rank < from_rank",
    ) - decay_rows_before;
    let new_rows = level_change_count(&store) - changes;
    assert!(decay_rows > 0);
    assert_eq!(
        decay_rows, new_rows,
        "every later change is a decay demotion"
    );
}
