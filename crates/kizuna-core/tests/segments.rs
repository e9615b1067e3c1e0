//! Segments: counts match a slow in-memory reference for random rule trees and hand-written
//! SQL for fixed ones; bad rules are refused with the rule's path; CSV export quotes names
//! safely; saved segments round-trip; deleted members never count.

mod common;
#[path = "segments/reference.rs"]
mod reference;

use common::{add_member, named, new_store, now_ms, open, temp_path};
use kizuna_core::activities::{NewActivity, log_activity};
use kizuna_core::ids::{CampaignId, MemberId};
use kizuna_core::members::NewMember;
use kizuna_core::sample::{SampleSpec, generate};
use kizuna_core::segments::{
    self, Group, count_segment, create_segment, delete_segment, export_csv, get_segment,
    list_segments, parse_rules, segment_members, update_segment,
};
use kizuna_core::store::SyncedTable;
use kizuna_core::{CoreError, ErrorCode, Store};
use rand::SeedableRng;
use rusqlite::types::Value;
use tempfile::TempDir;

/// A 500-member sample with some activities linked to campaigns and a few members deleted.
fn sample_community() -> (TempDir, Store) {
    let (dir, path) = temp_path();
    let mut store = open(&path);
    generate(&mut store, &SampleSpec::with_members(500)).expect("generate the sample");
    let campaigns: Vec<String> = column(&store, "SELECT id FROM campaigns ORDER BY id");
    let members: Vec<String> = column(&store, "SELECT id FROM members ORDER BY id");
    store
        .write(|w| {
            for (n, member) in members.iter().enumerate().filter(|(n, _)| n % 7 == 0) {
                log_activity(
                    w,
                    &NewActivity {
                        member: MemberId(member.clone()),
                        activity_type: "post".to_owned(),
                        occurred_at: now_ms() - (n as i64) * 3_600_000,
                        platform: Some("instagram".to_owned()),
                        url: None,
                        event: None,
                        campaign: Some(CampaignId(campaigns[n % campaigns.len()].clone())),
                    },
                )?;
            }
            for member in members.iter().skip(3).step_by(41) {
                w.update(
                    SyncedTable::Members,
                    member,
                    &[("deleted_at", Value::Integer(now_ms()))],
                )?;
            }
            Ok(())
        })
        .expect("link campaigns and delete members");
    (dir, store)
}

fn column(store: &Store, sql: &str) -> Vec<String> {
    store
        .conn()
        .prepare(sql)
        .expect("prepare")
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<rusqlite::Result<_>>()
        .expect("read")
}

fn rules(json: &str) -> Group {
    parse_rules(json).expect("valid rules")
}

fn invalid(result: Result<impl std::fmt::Debug, CoreError>) -> String {
    match result {
        Err(CoreError::InvalidInput(message)) => message.to_string(),
        other => panic!("expected InvalidInput, got {other:?}"),
    }
}

fn palette(store: &Store) -> reference::Palette {
    let text = |col: &str| {
        column(
            store,
            &format!("SELECT DISTINCT {col} FROM members WHERE {col} IS NOT NULL ORDER BY 1"),
        )
    };
    reference::Palette {
        text: [
            text("display_name"),
            text("email"),
            text("country"),
            text("city"),
            text("locale"),
            text("source"),
        ],
        joined: store
            .conn()
            .prepare("SELECT joined_at FROM members ORDER BY id")
            .expect("prepare")
            .query_map([], |r| r.get(0))
            .expect("query")
            .collect::<rusqlite::Result<_>>()
            .expect("read"),
        tags: column(store, "SELECT name FROM tags ORDER BY name"),
        platforms: column(store, "SELECT DISTINCT platform FROM identities ORDER BY 1"),
        types: column(store, "SELECT key FROM activity_types ORDER BY key"),
        events: column(
            store,
            "SELECT DISTINCT event_id FROM registrations WHERE status = 'attended' ORDER BY 1",
        ),
        campaigns: column(store, "SELECT id FROM campaigns ORDER BY id"),
        traits: store
            .conn()
            .prepare("SELECT DISTINCT dimension, key, value FROM member_traits ORDER BY 1, 2, 3")
            .expect("prepare")
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .expect("query")
            .collect::<rusqlite::Result<_>>()
            .expect("read"),
    }
}

#[test]
fn segment_counts_match_a_slow_reference_for_random_rule_trees() {
    let (_dir, store) = sample_community();
    let people = reference::load(store.conn());
    let palette = palette(&store);
    let live = people.iter().filter(|p| !p.deleted).count() as u32;
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(20_261_123);
    let (mut in_between, mut with_traits) = (0, 0);
    for n in 0..20 {
        let tree = reference::random_group(&mut rng, &palette, now_ms(), 3);
        let expected = reference::count(&people, &tree, now_ms());
        let json = serde_json::to_string(&tree).expect("serialise");
        with_traits += usize::from(json.contains(r#""kind":"trait""#));
        assert_eq!(
            parse_rules(&json).expect("parse back"),
            tree,
            "tree {n}: {json}"
        );
        let counted = count_segment(store.conn(), &tree, now_ms()).expect("count");
        assert_eq!(counted, expected, "tree {n}: {json}");
        let page = segment_members(store.conn(), &tree, now_ms(), 0, 1_000).expect("list");
        assert_eq!(page.total, expected, "tree {n}");
        assert_eq!(page.rows.len() as u32, expected, "tree {n}");
        if 0 < expected && expected < live {
            in_between += 1;
        }
    }
    // The trees must select something without selecting everyone, or the check proves little.
    assert!(
        in_between >= 8,
        "only {in_between} of 20 trees were selective"
    );
    assert!(with_traits >= 3, "only {with_traits} trees test traits");
}

#[test]
fn segment_counts_match_hand_written_sql() {
    let (_dir, store) = sample_community();
    let now = now_ms();
    let month = now - 30 * 86_400_000;
    let cases = [
        (
            r#"{"op":"and","rules":[
                {"kind":"field","field":"country","op":"equals","value":"jp"},
                {"kind":"tag","op":"has","name":"latte-art"}]}"#,
            "SELECT count(*) FROM members m WHERE deleted_at IS NULL AND country = 'JP'
             AND id IN (SELECT member_id FROM member_tags JOIN tags ON tags.id = tag_id
                        WHERE tags.name = 'latte-art')"
                .to_owned(),
        ),
        (
            r#"{"op":"or","rules":[
                {"kind":"platform","platform":"Instagram","minTier":"micro"},
                {"kind":"level","op":"gte","rank":3}]}"#,
            "SELECT count(*) FROM members m WHERE deleted_at IS NULL AND (
               id IN (SELECT member_id FROM identities WHERE platform = 'instagram'
                      AND followers >= 10000)
               OR id IN (SELECT member_id FROM member_scores WHERE level_rank >= 3))"
                .to_owned(),
        ),
        (
            r#"{"op":"and","rules":[
                {"kind":"activity","activityType":"comment","minCount":3,"withinDays":30},
                {"kind":"group","op":"or","rules":[
                    {"kind":"eventAttendance","minCount":2},
                    {"kind":"campaign"}]}]}"#,
            format!(
                "SELECT count(*) FROM members m WHERE deleted_at IS NULL
                 AND (SELECT count(*) FROM activities WHERE member_id = m.id
                      AND activity_type = 'comment' AND occurred_at > {month}
                      AND occurred_at <= {now}) >= 3
                 AND ((SELECT count(*) FROM registrations WHERE member_id = m.id
                       AND status = 'attended') >= 2
                      OR id IN (SELECT member_id FROM activities
                                WHERE campaign_id IS NOT NULL))"
            ),
        ),
        (
            r#"{"op":"and","rules":[
                {"kind":"field","field":"joinedAt","op":"between",
                 "value":"2026-01-01","value2":"2026-03-31"},
                {"kind":"field","field":"email","op":"isNotEmpty"},
                {"kind":"tag","op":"hasNot","name":"wholesale"}]}"#,
            "SELECT count(*) FROM members m WHERE deleted_at IS NULL
             AND joined_at >= 1767225600000 AND joined_at < 1775001600000
             AND email IS NOT NULL
             AND id NOT IN (SELECT member_id FROM member_tags JOIN tags ON tags.id = tag_id
                            WHERE tags.name = 'wholesale')"
                .to_owned(),
        ),
        (
            r#"{"op":"and","rules":[
                {"kind":"trait","dimension":"psychographic","key":"Interest","op":"equals",
                 "value":"ESPRESSO"},
                {"kind":"group","op":"or","rules":[
                    {"kind":"trait","dimension":"technology","key":"app","op":"contains",
                     "value":"line"},
                    {"kind":"trait","dimension":"behaviour","key":"subscription","op":"exists"}]}]}"#,
            "SELECT count(*) FROM members m WHERE deleted_at IS NULL
             AND EXISTS (SELECT 1 FROM member_traits t WHERE t.member_id = m.id
                         AND dimension = 'psychographic' AND key = 'interest'
                         AND value = 'espresso')
             AND (EXISTS (SELECT 1 FROM member_traits t WHERE t.member_id = m.id
                          AND dimension = 'technology' AND key = 'app' AND value LIKE '%line%')
                  OR EXISTS (SELECT 1 FROM member_traits t WHERE t.member_id = m.id
                             AND dimension = 'behaviour' AND key = 'subscription'))"
                .to_owned(),
        ),
    ];
    for (json, sql) in cases {
        let expected: u32 = store
            .conn()
            .query_row(&sql, [], |r| r.get(0))
            .expect("hand-written SQL");
        assert!(expected > 0, "the fixture should match someone: {json}");
        assert_eq!(
            count_segment(store.conn(), &rules(json), now).expect("count"),
            expected
        );
    }
}

#[test]
fn an_unknown_field_in_json_is_named_with_its_rule_path() {
    let message = invalid(parse_rules(
        r#"{"op":"and","rules":[
            {"kind":"field","field":"country","op":"equals","value":"JP"},
            {"kind":"group","op":"or","rules":[
                {"kind":"field","field":"follower","op":"gte","value":5}]}]}"#,
    ));
    assert!(
        message.starts_with("rule 2.1: \"follower\" is not a member field"),
        "{message}"
    );
    let typo = invalid(parse_rules(
        r#"{"op":"and","rules":[{"kind":"tag","op":"has","nmae":"vip"}]}"#,
    ));
    assert!(typo.starts_with("rule 1: unknown field `nmae`"), "{typo}");
    let text_score = invalid(parse_rules(
        r#"{"op":"and","rules":[{"kind":"score","op":"gte","value":"abc"}]}"#,
    ));
    assert!(
        text_score.starts_with("rule 1: got the text \"abc\", expected a number"),
        "{text_score}"
    );
    let kind = invalid(parse_rules(r#"{"op":"and","rules":[{"kind":"vibes"}]}"#));
    assert!(
        kind.starts_with("rule 1: \"vibes\" is not a kind of rule"),
        "{kind}"
    );
    let dimension = invalid(parse_rules(
        r#"{"op":"and","rules":[{"kind":"trait","dimension":"hobby","key":"interest","op":"exists"}]}"#,
    ));
    assert_eq!(
        dimension,
        "rule 1: \"hobby\" is not a trait dimension \
         (known dimensions: demographic, psychographic, technology, behaviour)"
    );
}

#[test]
fn bad_rules_are_refused_with_the_rule_path_before_anything_runs() {
    let (_dir, store) = new_store();
    let conn = store.conn();
    let check = |json: &str| invalid(count_segment(conn, &rules(json), now_ms()));
    assert_eq!(
        check(
            r#"{"op":"and","rules":[{"kind":"field","field":"birthYear","op":"contains","value":"19"}]}"#
        ),
        "rule 1: \"contains\" does not apply to birth year (a number)"
    );
    assert_eq!(
        check(
            r#"{"op":"or","rules":[{"kind":"tag","op":"has","name":"a"},{"kind":"group","op":"and","rules":[]}]}"#
        ),
        "rule 2: the group has no rules"
    );
    assert_eq!(
        check(r#"{"op":"and","rules":[]}"#),
        "the rule tree: the group has no rules"
    );
    assert_eq!(
        check(r#"{"op":"and","rules":[{"kind":"activity","minCount":-5}]}"#),
        "rule 1: the number of activities must be at least 1 (got -5)"
    );
    assert_eq!(
        check(r#"{"op":"and","rules":[{"kind":"eventAttendance","minCount":1,"withinDays":-3}]}"#),
        "rule 1: the number of days must be between 1 and 36500 (got -3)"
    );
    assert_eq!(
        check(
            r#"{"op":"and","rules":[{"kind":"activity","activityType":"gave_talk","minCount":1}]}"#
        ),
        "rule 1: there is no activity type \"gave_talk\""
    );
    assert_eq!(
        check(r#"{"op":"and","rules":[{"kind":"platform","platform":"x","minFollowers":-5}]}"#),
        "rule 1: the follower count cannot be negative (got -5)"
    );
    assert_eq!(
        check(r#"{"op":"and","rules":[{"kind":"level","op":"eq","rank":9}]}"#),
        "rule 1: level 9 does not exist (levels are 1 to 5)"
    );
    assert_eq!(
        check(
            r#"{"op":"and","rules":[{"kind":"trait","dimension":"technology","key":"device","op":"equals","value":" "}]}"#
        ),
        "rule 1: \"equals\" needs a value to compare the device trait with"
    );
    assert_eq!(
        check(
            r#"{"op":"and","rules":[{"kind":"trait","dimension":"technology","key":"","op":"exists"}]}"#
        ),
        "rule 1: a trait needs a key, such as \"interest\" or \"device\""
    );
    let mut deep = r#"{"kind":"tag","op":"has","name":"a"}"#.to_owned();
    for _ in 0..6 {
        deep = format!(r#"{{"kind":"group","op":"and","rules":[{deep}]}}"#);
    }
    let deep = format!(r#"{{"op":"and","rules":[{deep}]}}"#);
    assert_eq!(
        check(&deep),
        "rule 1.1.1.1.1.1: groups may nest at most 6 deep"
    );
    let err = count_segment(conn, &rules(r#"{"op":"and","rules":[]}"#), now_ms())
        .expect_err("an empty tree is refused");
    assert_eq!(err.code(), ErrorCode::InvalidInput);
}

#[test]
fn csv_export_quotes_commas_quotes_line_breaks_and_keeps_japanese() {
    let (_dir, mut store) = new_store();
    let names = ["Smith, \"Jim\"", "two\nlines", "山田 太郎"];
    let mut ids = Vec::new();
    for name in names {
        ids.push(add_member(
            &mut store,
            &NewMember {
                email: Some("a@example.com".to_owned()),
                city: Some("渋谷区".to_owned()),
                joined_at: Some(common::ms("2025-04-01T09:00:00Z")),
                tags: vec!["export".to_owned()],
                ..named(name)
            },
        ));
    }
    add_member(&mut store, &named("not exported"));
    let mut out = Vec::new();
    let tree = rules(r#"{"op":"and","rules":[{"kind":"tag","op":"has","name":"export"}]}"#);
    let written = export_csv(store.conn(), &tree, now_ms(), &mut out).expect("export");
    assert_eq!(written, 3);
    let text = String::from_utf8(out).expect("UTF-8");
    assert!(text.contains("\"Smith, \"\"Jim\"\"\""), "{text}");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(
        reader.headers().expect("header").iter().collect::<Vec<_>>(),
        segments::CSV_HEADER
    );
    let records: Vec<csv::StringRecord> = reader
        .records()
        .collect::<Result<_, _>>()
        .expect("parse the export back");
    let mut got: Vec<(String, String)> = records
        .iter()
        .map(|r| (r[0].to_owned(), r[1].to_owned()))
        .collect();
    got.sort();
    let mut want: Vec<(String, String)> = ids
        .iter()
        .zip(names)
        .map(|(id, n)| (id.to_string(), n.to_owned()))
        .collect();
    want.sort();
    assert_eq!(got, want);
    let first = &records[0];
    assert_eq!(&first[5], "渋谷区");
    assert_eq!(&first[6], "2025-04-01");
    assert_eq!(&first[7], "Newcomer");
    assert_eq!(&first[8], "0.00");
}

#[test]
fn saved_segments_round_trip_through_the_change_log() {
    let (_dir, mut store) = new_store();
    add_member(
        &mut store,
        &NewMember {
            tags: vec!["vip".to_owned()],
            ..named("Aiko")
        },
    );
    let vip = rules(r#"{"op":"and","rules":[{"kind":"tag","op":"has","name":"vip"}]}"#);
    let id = store
        .write(|w| create_segment(w, "  VIPs ", &vip))
        .expect("save");
    let saved = get_segment(store.conn(), &id).expect("get");
    assert_eq!((saved.name.as_str(), &saved.rules), ("VIPs", &vip));
    let listed = list_segments(store.conn(), now_ms()).expect("list");
    assert_eq!(listed.len(), 1);
    assert_eq!(
        (listed[0].name.as_str(), listed[0].count),
        ("VIPs", Some(1))
    );
    let logged = common::count(
        store.conn(),
        &format!("SELECT count(*) FROM change_log WHERE tbl = 'segments' AND pk = '{id}'"),
    );
    assert!(logged >= 5, "the segment's cells are in the change log");

    let duplicate = invalid(store.write(|w| create_segment(w, "vips", &vip)));
    assert_eq!(duplicate, "there is already a segment named \"vips\"");
    let bad = rules(r#"{"op":"and","rules":[{"kind":"activity","minCount":0}]}"#);
    invalid(store.write(|w| create_segment(w, "Nobody", &bad)));
    invalid(store.write(|w| update_segment(w, &id, Some("Renamed"), Some(&bad))));
    assert_eq!(
        get_segment(store.conn(), &id).expect("get").name,
        "VIPs",
        "nothing half-saved"
    );
    assert_eq!(
        common::count(store.conn(), "SELECT count(*) FROM segments"),
        1
    );

    let everyone =
        rules(r#"{"op":"and","rules":[{"kind":"field","field":"displayName","op":"isNotEmpty"}]}"#);
    store
        .write(|w| update_segment(w, &id, Some("Everyone"), Some(&everyone)))
        .expect("update");
    let updated = get_segment(store.conn(), &id).expect("get");
    assert_eq!(
        (updated.name.as_str(), &updated.rules),
        ("Everyone", &everyone)
    );

    store.write(|w| delete_segment(w, &id)).expect("delete");
    assert!(matches!(
        get_segment(store.conn(), &id),
        Err(CoreError::NotFound { .. })
    ));
    assert!(
        list_segments(store.conn(), now_ms())
            .expect("list")
            .is_empty()
    );
    let actions = common::count(
        store.conn(),
        "SELECT count(*) FROM audit_log WHERE action LIKE 'segment.%'",
    );
    assert_eq!(actions, 3, "create, update and delete are audited");
}

#[test]
fn deleted_members_are_never_in_a_segment() {
    let (_dir, mut store) = new_store();
    let tagged = |name: &str| NewMember {
        tags: vec!["beta".to_owned()],
        ..named(name)
    };
    let kept = add_member(&mut store, &tagged("Kept"));
    let gone = add_member(&mut store, &tagged("Gone"));
    let tree = rules(r#"{"op":"and","rules":[{"kind":"tag","op":"has","name":"beta"}]}"#);
    assert_eq!(
        count_segment(store.conn(), &tree, now_ms()).expect("count"),
        2
    );
    store
        .write(|w| {
            w.update(
                SyncedTable::Members,
                gone.as_str(),
                &[("deleted_at", Value::Integer(now_ms()))],
            )
        })
        .expect("delete a member");
    assert_eq!(
        count_segment(store.conn(), &tree, now_ms()).expect("count"),
        1
    );
    let page = segment_members(store.conn(), &tree, now_ms(), 0, 50).expect("list");
    assert_eq!(
        page.rows.iter().map(|r| r.id.clone()).collect::<Vec<_>>(),
        [kept.to_string()]
    );
    let mut out = Vec::new();
    assert_eq!(
        export_csv(store.conn(), &tree, now_ms(), &mut out).expect("export"),
        1
    );
}

#[test]
fn the_ui_gets_typescript_types_for_the_rule_tree() {
    use ts_rs::{Config, TS};
    let dir = tempfile::tempdir().expect("temp dir");
    let cfg = Config::new().with_out_dir(dir.path());
    Group::export_all(&cfg).expect("export Group");
    segments::SegmentSummary::export_all(&cfg).expect("export SegmentSummary");
    let node = std::fs::read_to_string(dir.path().join("Node.ts")).expect("Node.ts");
    for kind in [
        "\"group\"",
        "\"field\"",
        "\"activity\"",
        "\"eventAttendance\"",
    ] {
        assert!(
            node.contains(&format!("\"kind\": {kind}")),
            "{kind} in {node}"
        );
    }
    let field = std::fs::read_to_string(dir.path().join("MemberField.ts")).expect("MemberField");
    assert!(
        field.contains("\"birthYear\"") && !field.contains("birth_year"),
        "{field}"
    );
}

#[test]
fn a_segment_that_cannot_be_counted_says_why_by_key() {
    let (_dir, mut store) = new_store();
    store
        .write(|w| {
            kizuna_core::activity_types::create_activity_type(
                w,
                "gave_talk",
                "Gave a talk",
                "登壇",
                2.0,
            )
        })
        .expect("type");
    let talks = rules(
        r#"{"op":"and","rules":[{"kind":"activity","activityType":"gave_talk","minCount":1}]}"#,
    );
    store
        .write(|w| create_segment(w, "Speakers", &talks))
        .expect("save");
    store
        .write(|w| kizuna_core::activity_types::delete_activity_type(w, "gave_talk"))
        .expect("delete the type");
    let listed = list_segments(store.conn(), now_ms()).expect("list");
    assert_eq!(listed[0].count, None);
    let problem = listed[0].problem.as_deref().expect("why");
    assert!(
        problem.contains("there is no activity type \"gave_talk\""),
        "{problem}"
    );
    // The same reason by key, so the list words it in Japanese: "activity type" is a word too.
    let detail = serde_json::to_string(&listed[0].problem_detail).expect("json");
    assert!(detail.contains("segments.unknownValue"), "{detail}");
    assert!(detail.contains("segments.activityType"), "{detail}");
}
