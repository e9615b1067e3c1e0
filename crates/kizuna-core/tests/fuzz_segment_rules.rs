//! Fuzzing the segment rule parser: random JSON shaped like rule trees (right and wrong keys,
//! kinds, operators, values and nesting), the same text cut short or garbled, and arbitrary
//! text. Every input is either a rule tree or refused with `InvalidInput` naming why; a tree
//! that parses is then validated and counted on a real community file, which answers or
//! refuses with a typed error — never a panic, never an SQL error.
//!
//! Bounded in CI (400 cases per target); `KIZUNA_FUZZ_CASES` runs more.

mod common;

use std::cell::Cell;

use common::{open, temp_path};
use kizuna_core::sample::{SampleSpec, generate};
use kizuna_core::segments::{count_segment, parse_rules};
use kizuna_core::{CoreError, Store};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{Map, Value};

fn cases() -> u32 {
    std::env::var("KIZUNA_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(400)
}

fn runner() -> TestRunner {
    TestRunner::new(Config {
        cases: cases(),
        failure_persistence: None,
        ..Config::default()
    })
}

/// Words the rule format uses, so random trees often get deep before they go wrong.
const KEYS: &[&str] = &[
    "kind",
    "op",
    "rules",
    "field",
    "value",
    "values",
    "name",
    "dimension",
    "key",
    "platform",
    "minTier",
    "rank",
    "activityType",
    "minCount",
    "withinDays",
    "from",
    "to",
    "score",
    "level",
    "campaign",
    "event",
    "nmae",
];
const WORDS: &[&str] = &[
    "group",
    "and",
    "or",
    "not",
    "field",
    "tag",
    "trait",
    "platform",
    "level",
    "score",
    "activity",
    "eventAttendance",
    "campaign",
    "equals",
    "notEquals",
    "contains",
    "startsWith",
    "gte",
    "lte",
    "gt",
    "lt",
    "between",
    "isEmpty",
    "isNotEmpty",
    "has",
    "hasNot",
    "exists",
    "country",
    "city",
    "email",
    "displayName",
    "joinedAt",
    "birthYear",
    "psychographic",
    "technology",
    "behaviour",
    "demographic",
    "Instagram",
    "micro",
    "nano",
    "comment",
    "post",
    "jp",
    "",
    "'; DROP TABLE members; --",
    "%_\\",
    "東京",
    "\u{0}",
    "2026-11-23",
];

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        (-1e12f64..1e12).prop_map(Value::from),
        prop::sample::select(WORDS).prop_map(Value::from),
        ".{0,12}".prop_map(Value::from),
    ]
}

fn rule_like() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(5, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((prop::sample::select(KEYS), inner), 0..7).prop_map(|pairs| {
                Value::Object(
                    pairs
                        .into_iter()
                        .map(|(k, v)| (k.to_owned(), v))
                        .collect::<Map<_, _>>(),
                )
            }),
        ]
    })
}

fn word() -> impl Strategy<Value = Value> {
    prop::sample::select(WORDS).prop_map(Value::from)
}

const FIELDS: &[&str] = &[
    "displayName",
    "email",
    "country",
    "city",
    "locale",
    "source",
    "birthYear",
    "joinedAt",
];
const FIELD_OPS: &[&str] = &[
    "equals",
    "notEquals",
    "contains",
    "startsWith",
    "isEmpty",
    "isNotEmpty",
    "lt",
    "lte",
    "gt",
    "gte",
    "between",
];
const COMPARE_OPS: &[&str] = &["lt", "lte", "gt", "gte", "equals", "eq"];

fn pick(words: &'static [&'static str]) -> impl Strategy<Value = Value> {
    prop_oneof![9 => prop::sample::select(words).prop_map(Value::from), 1 => word()]
}

/// A number, sometimes out of range, sometimes not a number at all.
fn number() -> impl Strategy<Value = Value> {
    prop_oneof![4 => (-5i64..400).prop_map(Value::from), 1 => leaf()]
}

/// Rules of the right kinds with random operators and values: most pass the shape checks and
/// reach validation and the SQL.
fn typed_rule() -> impl Strategy<Value = Value> {
    use serde_json::json;
    prop_oneof![
        (pick(FIELDS), pick(FIELD_OPS), leaf(), leaf()).prop_map(|(f, op, v, v2)| json!({"kind": "field", "field": f, "op": op, "value": v, "value2": v2})),
        (pick(FIELDS), pick(FIELD_OPS), leaf()).prop_map(|(f, op, v)| json!({"kind": "field", "field": f, "op": op, "value": v})),
        (pick(&["has", "hasNot"]), leaf()).prop_map(|(op, n)| json!({"kind": "tag", "op": op, "name": n})),
        (pick(&["demographic", "psychographic", "technology", "behaviour"]), leaf(), word(), leaf()).prop_map(|(d, k, op, v)| json!({"kind": "trait", "dimension": d, "key": k, "op": op, "value": v})),
        (word(), pick(&["nano", "micro", "mid", "macro", "mega"]), number()).prop_map(|(p, t, f)| json!({"kind": "platform", "platform": p, "minTier": t, "minFollowers": f})),
        (pick(COMPARE_OPS), number()).prop_map(|(op, r)| json!({"kind": "level", "op": op, "rank": r})),
        (pick(COMPARE_OPS), number()).prop_map(|(op, v)| json!({"kind": "score", "op": op, "value": v})),
        (word(), number(), number()).prop_map(|(t, c, d)| json!({"kind": "activity", "activityType": t, "minCount": c, "withinDays": d})),
        (number(), number()).prop_map(|(c, d)| json!({"kind": "eventAttendance", "minCount": c, "withinDays": d})),
        leaf().prop_map(|c| json!({"kind": "campaign", "campaignId": c})),
    ]
}

/// A root group around random rules, the shape the app sends.
fn tree() -> impl Strategy<Value = String> {
    (
        prop::sample::select(&["and", "or", "xor", ""][..]),
        prop::collection::vec(
            prop_oneof![
                3 => typed_rule(),
                1 => rule_like(),
                1 => (pick(&["and", "or"]), prop::collection::vec(typed_rule(), 0..4))
                    .prop_map(|(op, rules)| serde_json::json!({"kind": "group", "op": op, "rules": rules})),
            ],
            0..5,
        ),
    )
        .prop_map(|(op, rules)| {
            serde_json::json!({"kind": "group", "op": op, "rules": rules}).to_string()
        })
}

/// `text` cut at a random point or with one character replaced.
fn damaged(text: String, at: usize, with: char, cut: bool) -> String {
    let chars: Vec<char> = text.chars().collect();
    let at = at % (chars.len() + 1);
    if cut {
        chars[..at].iter().collect()
    } else {
        let mut chars = chars;
        if at < chars.len() {
            chars[at] = with;
        }
        chars.into_iter().collect()
    }
}

fn community() -> (tempfile::TempDir, Store) {
    let (dir, path) = temp_path();
    let mut store = open(&path);
    generate(&mut store, &SampleSpec::with_members(60)).expect("sample");
    (dir, store)
}

/// Parses `json`; a tree is counted on `store`. Fails on anything but an answer or a typed refusal.
fn check(store: &Store, json: &str, parsed: &Cell<u64>) -> Result<(), TestCaseError> {
    match parse_rules(json) {
        Ok(group) => {
            parsed.set(parsed.get() + 1);
            match count_segment(store.conn(), &group, common::now_ms()) {
                Ok(_) | Err(CoreError::InvalidInput(_) | CoreError::NotFound { .. }) => Ok(()),
                Err(other) => Err(TestCaseError::fail(format!("{json}: {other:?}"))),
            }
        }
        Err(CoreError::InvalidInput(message)) if !message.to_string().is_empty() => Ok(()),
        Err(other) => Err(TestCaseError::fail(format!("{json}: {other:?}"))),
    }
}

fn report(target: &str, runs: u64, parsed: u64) {
    eprintln!("fuzz {target}: {runs} executions, {parsed} parsed as rule trees");
}

#[test]
fn random_rule_trees_are_counted_or_refused_with_invalid_input() {
    let (_dir, store) = community();
    let (runs, parsed) = (Cell::new(0u64), Cell::new(0u64));
    runner()
        .run(&tree(), |json| {
            runs.set(runs.get() + 1);
            check(&store, &json, &parsed)
        })
        .unwrap_or_else(|e| panic!("{e}"));
    report("rule trees", runs.get(), parsed.get());
}

#[test]
fn rule_trees_cut_short_or_garbled_are_refused_with_invalid_input() {
    let (_dir, store) = community();
    let (runs, parsed) = (Cell::new(0u64), Cell::new(0u64));
    let inputs = (tree(), any::<usize>(), any::<char>(), any::<bool>())
        .prop_map(|(text, at, with, cut)| damaged(text, at, with, cut));
    runner()
        .run(&inputs, |json| {
            runs.set(runs.get() + 1);
            check(&store, &json, &parsed)
        })
        .unwrap_or_else(|e| panic!("{e}"));
    report("damaged trees", runs.get(), parsed.get());
}

#[test]
fn arbitrary_text_is_refused_with_invalid_input() {
    let (_dir, store) = community();
    let (runs, parsed) = (Cell::new(0u64), Cell::new(0u64));
    runner()
        .run(&".{0,200}", |text| {
            runs.set(runs.get() + 1);
            check(&store, &text, &parsed)
        })
        .unwrap_or_else(|e| panic!("{e}"));
    report("arbitrary text", runs.get(), parsed.get());
}
