//! The Settings screen's engagement rules: each save applies in one write with its audit entry
//! and re-scores members at once; a refused save leaves nothing behind.

mod common;

use common::{activity, add_member, count, days_ago, log, named, new_store};
use kizuna_core::CoreError;
use kizuna_core::activity_types::ActivityTypePatch;
use kizuna_core::engagement::{LevelInput, member_score};
use kizuna_core::engagement_settings::{
    create_activity_type, delete_activity_type, engagement_settings, save_half_life, save_levels,
    save_tier_thresholds, update_activity_type,
};
use kizuna_core::influencers::InfluencerThresholds;

fn message(err: CoreError) -> String {
    match err {
        CoreError::InvalidInput(message) => message.to_string(),
        other => panic!("expected InvalidInput, got {other:?}"),
    }
}

fn level(key: &str, label: &str, min_score: f64) -> LevelInput {
    LevelInput {
        key: key.to_owned(),
        label_en: label.to_owned(),
        label_ja: format!("{label}(日本語)"),
        min_score,
    }
}

fn audit_entries(store: &kizuna_core::Store) -> i64 {
    count(store.conn(), "SELECT count(*) FROM audit_log")
}

#[test]
fn raising_a_weight_rescores_members_and_promotes_them_in_the_same_save() {
    let (_dir, mut store) = new_store();
    let member = add_member(&mut store, &named("Aiko"));
    log(&mut store, &activity(&member, "post", days_ago(1)));
    store
        .write(|w| save_levels(w, &[level("new", "New", 0.0), level("star", "Star", 50.0)]))
        .expect("levels");
    let before = member_score(store.conn(), member.as_str())
        .expect("score")
        .expect("scored");
    assert_eq!(before.level_label_en, "New");

    let applied = store
        .write(|w| {
            update_activity_type(
                w,
                "post",
                &ActivityTypePatch {
                    weight: Some(100.0),
                    ..Default::default()
                },
            )
        })
        .expect("update");
    assert_eq!((applied.promoted, applied.demoted), (1, 0));
    let after = member_score(store.conn(), member.as_str())
        .expect("score")
        .expect("scored");
    assert_eq!(after.level_label_en, "Star");
    assert!(after.score > 90.0, "score {}", after.score);
    let settings = engagement_settings(store.conn()).expect("settings");
    let posted = settings
        .activity_types
        .iter()
        .find(|t| t.key == "post")
        .expect("type");
    assert_eq!((posted.weight, posted.usage), (100.0, 1));
}

#[test]
fn refused_saves_give_the_specific_reason_and_change_nothing() {
    let (_dir, mut store) = new_store();
    let before = engagement_settings(store.conn()).expect("settings");
    let audits = audit_entries(&store);

    let weight = store.write(|w| {
        update_activity_type(
            w,
            "post",
            &ActivityTypePatch {
                label_en: Some("Posted".to_owned()),
                weight: Some(-1.0),
                ..Default::default()
            },
        )
    });
    assert!(message(weight.expect_err("negative weight")).contains("between 0 and"));

    let half_life = store.write(|w| save_half_life(w, 0.0));
    assert!(message(half_life.expect_err("zero half-life")).contains("half-life"));

    let decreasing = store.write(|w| {
        save_levels(
            w,
            &[
                level("a", "Alpha", 0.0),
                level("b", "Beta", 20.0),
                level("c", "Gamma", 10.0),
            ],
        )
    });
    assert_eq!(
        message(decreasing.expect_err("decreasing thresholds")),
        "level thresholds must increase: Gamma (10) must be above Beta (20)"
    );

    let empty_name = store.write(|w| save_levels(w, &[level("a", " ", 0.0)]));
    assert!(message(empty_name.expect_err("empty name")).contains("English label"));

    let tiers = store.write(|w| {
        save_tier_thresholds(
            w,
            &InfluencerThresholds {
                nano_min: 1_000,
                micro_min: 500,
                mid_min: 100_000,
                macro_min: 1_000_000,
            },
        )
    });
    assert!(message(tiers.expect_err("tiers out of order")).contains("must be above the nano"));

    assert_eq!(engagement_settings(store.conn()).expect("settings"), before);
    assert_eq!(audit_entries(&store), audits);
}

#[test]
fn custom_types_are_created_and_deleted_only_while_unused() {
    let (_dir, mut store) = new_store();
    let member = add_member(&mut store, &named("Ren"));
    store
        .write(|w| create_activity_type(w, "gave_talk", "Gave a talk", "登壇した", 6.0))
        .expect("create");
    store
        .write(|w| {
            create_activity_type(w, "wrote_review", "Wrote a review", "レビューを書いた", 2.0)
        })
        .expect("create");
    log(&mut store, &activity(&member, "gave_talk", days_ago(3)));

    let used = store.write(|w| delete_activity_type(w, "gave_talk"));
    assert!(message(used.expect_err("in use")).contains("used by 1 activities"));
    store
        .write(|w| delete_activity_type(w, "wrote_review"))
        .expect("delete unused");

    let keys: Vec<String> = engagement_settings(store.conn())
        .expect("settings")
        .activity_types
        .into_iter()
        .filter(|t| !t.builtin)
        .map(|t| t.key)
        .collect();
    assert_eq!(keys, ["gave_talk"]);
    assert_eq!(
        count(
            store.conn(),
            "SELECT count(*) FROM audit_log WHERE action LIKE 'activity_type.%'"
        ),
        3
    );
}

#[test]
fn a_longer_half_life_and_lower_thresholds_are_applied_and_reported() {
    let (_dir, mut store) = new_store();
    let member = add_member(&mut store, &named("Yui"));
    log(
        &mut store,
        &activity(&member, "event_attended", days_ago(200)),
    );
    store.write(|w| save_half_life(w, 30.0)).expect("short");
    let short = member_score(store.conn(), member.as_str())
        .expect("score")
        .expect("scored")
        .score;
    let applied = store.write(|w| save_half_life(w, 365.0)).expect("long");
    let long = member_score(store.conn(), member.as_str())
        .expect("score")
        .expect("scored")
        .score;
    assert!(long > short * 10.0, "{short} → {long}");
    assert_eq!(applied.members, 1);
    assert_eq!(
        engagement_settings(store.conn())
            .expect("settings")
            .half_life_days,
        365.0
    );

    let applied = store
        .write(|w| save_levels(w, &[level("new", "New", 0.0), level("pro", "Pro", 100.0)]))
        .expect("levels");
    // The member was a Participant (3.4 points ≥ 2); a lone 100-point level above puts them back.
    assert_eq!((applied.promoted, applied.demoted), (0, 1));
    let thresholds = InfluencerThresholds {
        nano_min: 500,
        ..InfluencerThresholds::default()
    };
    store
        .write(|w| save_tier_thresholds(w, &thresholds))
        .expect("tiers");
    assert_eq!(
        engagement_settings(store.conn())
            .expect("settings")
            .tier_thresholds,
        thresholds
    );
}
