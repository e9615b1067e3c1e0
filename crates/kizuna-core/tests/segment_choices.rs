//! The segment builder's pickers: every tag, platform, level, activity type, event and campaign
//! they offer is accepted by the rule validator, and tags and platforms each match someone.

mod common;

use common::{now_ms, open, temp_path};
use kizuna_core::sample::{SampleSpec, generate};
use kizuna_core::segments::{Group, count_segment, parse_rules, segment_choices, validate};
use serde_json::json;

fn rules(rule: serde_json::Value) -> Group {
    parse_rules(&json!({ "op": "and", "rules": [rule] }).to_string()).expect("valid rule tree")
}

#[test]
fn every_choice_offered_makes_a_valid_rule() {
    let (_dir, path) = temp_path();
    let mut store = open(&path);
    generate(&mut store, &SampleSpec::with_members(300)).expect("generate the sample");
    store
        .conn()
        .execute(
            "INSERT INTO tags (id, name) VALUES ('unused', 'nobody has this')",
            [],
        )
        .expect("add an unused tag");
    let conn = store.conn();
    let choices = segment_choices(conn).expect("choices");

    assert!(!choices.tags.is_empty() && !choices.platforms.is_empty());
    assert!(choices.tags.is_sorted() && choices.platforms.is_sorted());
    assert!(!choices.tags.iter().any(|t| t == "nobody has this"));
    for tag in &choices.tags {
        let n = count_segment(
            conn,
            &rules(json!({"kind": "tag", "op": "has", "name": tag})),
            now_ms(),
        )
        .expect("count tag");
        assert!(n > 0, "tag {tag} matches nobody");
    }
    for platform in &choices.platforms {
        let rule = rules(json!({"kind": "platform", "platform": platform}));
        assert!(
            count_segment(conn, &rule, now_ms()).expect("count platform") > 0,
            "{platform}"
        );
    }

    let ranks: Vec<i64> = choices.levels.iter().map(|l| l.rank).collect();
    assert_eq!(ranks, (1..=ranks.len() as i64).collect::<Vec<_>>());
    for level in &choices.levels {
        validate(
            conn,
            &rules(json!({"kind": "level", "op": "gte", "rank": level.rank})),
        )
        .expect("level");
    }
    assert!(!choices.activity_types.is_empty());
    for t in &choices.activity_types {
        let rule = json!({"kind": "activity", "activityType": t.key, "minCount": 1});
        validate(conn, &rules(rule)).expect("activity type");
    }
    assert!(!choices.events.is_empty() && !choices.campaigns.is_empty());
    assert!(
        choices
            .events
            .windows(2)
            .all(|w| w[0].starts_at >= w[1].starts_at)
    );
    for e in &choices.events {
        let rule = json!({"kind": "eventAttendance", "eventId": e.id, "minCount": 1});
        validate(conn, &rules(rule)).expect("event");
    }
    for c in &choices.campaigns {
        validate(
            conn,
            &rules(json!({"kind": "campaign", "campaignId": c.id})),
        )
        .expect("campaign");
    }
}
