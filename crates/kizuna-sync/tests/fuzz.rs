//! The sync protocol's decoders under random input. The hub (real PostgreSQL, real HTTP on
//! 127.0.0.1) gets arbitrary bytes and mutated valid batches on `/v1/push`, and arbitrary
//! query strings on `/v1/pull`, `/v1/bootstrap` and `/v1/sites`: it always answers, with a 2xx
//! or a 4xx, never a 5xx, and keeps serving. The desktop client is pointed at a fake hub that
//! answers arbitrary bytes and mutated valid pull pages (its bootstrap is an empty team, so every
//! sync reaches the pull): `sync` returns a typed error (or merges what it could read), never
//! panics, and the file stays sound.
//!
//! `KIZUNA_SYNC_FUZZ_CASES` sets the cases per target (default 200 in CI-sized form; more for a
//! long run) and `KIZUNA_SYNC_FUZZ_SEED` a fixed seed.

mod common;

use std::cell::{Cell, RefCell};
use std::sync::{Arc, Mutex};

use axum::Router;
use chrono::{TimeZone, Utc};
use kizuna_core::Store;
use kizuna_core::clock::FixedClock;
use kizuna_core::store::OpenMode;
use kizuna_sync::client::sync;
use kizuna_sync::hub::{self, RateLimit, teams};
use kizuna_sync::protocol::{CellValue, Change, PROTOCOL_VERSION, PullResponse, PushRequest};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed, TestRunner};
use serde_json::Value;

fn config() -> Config {
    let env = |name: &str| std::env::var(name).ok().and_then(|v| v.parse::<u64>().ok());
    let mut config = Config::with_cases(env("KIZUNA_SYNC_FUZZ_CASES").map_or(200, |n| n as u32));
    if let Some(seed) = env("KIZUNA_SYNC_FUZZ_SEED") {
        config.rng_seed = RngSeed::Fixed(seed);
    }
    config.failure_persistence = None;
    config
}

fn change() -> impl Strategy<Value = Change> {
    let value = prop_oneof![
        Just(CellValue::Null),
        any::<i64>().prop_map(CellValue::Integer),
        any::<f64>()
            .prop_filter("JSON numbers are finite", |f| f.is_finite())
            .prop_map(CellValue::Real),
        ".{0,40}".prop_map(CellValue::Text),
        "[0-9a-f]{0,16}".prop_map(CellValue::Blob),
    ];
    (
        prop_oneof![
            Just("members".to_owned()),
            Just("events".to_owned()),
            "[a-z_]{1,12}"
        ],
        "[a-z0-9-]{1,12}",
        prop_oneof![
            Just("display_name".to_owned()),
            Just("_row".to_owned()),
            "[a-z_]{1,12}"
        ],
        value,
        any::<i64>(),
        "[a-f0-9-]{1,36}",
    )
        .prop_map(|(table, pk, column, value, hlc, site)| Change {
            table,
            pk,
            column,
            value,
            hlc,
            site,
        })
}

/// A JSON value of any shape, for replacing a part of a valid message.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        ".{0,20}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::hash_map("[a-z_]{1,8}", inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// One way of spoiling a valid message.
#[derive(Debug, Clone)]
enum Mutation {
    /// Overwrite the byte at (position mod length).
    Byte(usize, u8),
    /// Cut the text at (position mod length).
    Cut(usize),
    /// Insert a byte at (position mod length).
    Insert(usize, u8),
    /// Replace the `n`-th JSON value met in a walk of the tree with another.
    Value(usize, Value),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(p, b)| Mutation::Byte(p, b)),
        any::<usize>().prop_map(Mutation::Cut),
        (any::<usize>(), any::<u8>()).prop_map(|(p, b)| Mutation::Insert(p, b)),
        (any::<usize>(), any_json()).prop_map(|(n, v)| Mutation::Value(n, v)),
    ]
}

fn replace_nth(value: &mut Value, n: &mut usize, with: &Value) -> bool {
    if *n == 0 {
        *value = with.clone();
        return true;
    }
    *n -= 1;
    match value {
        Value::Array(items) => items.iter_mut().any(|v| replace_nth(v, n, with)),
        Value::Object(map) => map.values_mut().any(|v| replace_nth(v, n, with)),
        _ => false,
    }
}

fn count(value: &Value) -> usize {
    1 + match value {
        Value::Array(items) => items.iter().map(count).sum(),
        Value::Object(map) => map.values().map(count).sum(),
        _ => 0,
    }
}

fn spoil(valid: &Value, mutations: &[Mutation]) -> Vec<u8> {
    let mut tree = valid.clone();
    let mut bytes: Option<Vec<u8>> = None;
    for m in mutations {
        match (m, &mut bytes) {
            (Mutation::Value(n, with), None) => {
                let mut at = n % count(&tree);
                replace_nth(&mut tree, &mut at, with);
            }
            (Mutation::Value(..), Some(_)) => {}
            (other, slot) => {
                let text = slot.get_or_insert_with(|| tree.to_string().into_bytes());
                let len = text.len().max(1);
                match other {
                    Mutation::Byte(p, b) if !text.is_empty() => text[p % len] = *b,
                    Mutation::Cut(p) => text.truncate(p % len),
                    Mutation::Insert(p, b) => text.insert(p % (text.len() + 1), *b),
                    _ => {}
                }
            }
        }
    }
    bytes.unwrap_or_else(|| tree.to_string().into_bytes())
}

/// What the hub gets in one case.
#[derive(Debug, Clone)]
enum HubInput {
    PushBytes(Vec<u8>),
    PushSpoiled(Vec<Change>, Vec<Mutation>),
    Query(&'static str, String),
}

fn hub_input() -> impl Strategy<Value = HubInput> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..512).prop_map(HubInput::PushBytes),
        (
            prop::collection::vec(change(), 0..8),
            prop::collection::vec(mutation(), 1..4)
        )
            .prop_map(|(c, m)| HubInput::PushSpoiled(c, m)),
        (
            prop_oneof![Just("pull"), Just("bootstrap"), Just("sites")],
            "[ -~]{0,60}"
        )
            .prop_map(|(path, query)| HubInput::Query(path, query)),
    ]
}

#[test]
fn the_hub_answers_any_request_with_a_2xx_or_4xx_never_a_5xx() {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let pg = common::Postgres::start();
    let (url, token) = rt.block_on(async {
        let pool = hub::pool(&pg.url).expect("pool");
        hub::schema::migrate(&pool).await.expect("migrate");
        teams::create_team(&pool, "Fuzz").await.expect("team");
        let token = teams::invite(&pool, "Fuzz", "t").await.expect("token");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("listen");
        let url = format!("http://{}", listener.local_addr().expect("addr"));
        let app = hub::router(pool, RateLimit::OFF);
        tokio::spawn(async move { axum::serve(listener, app).await });
        (url, token)
    });
    let http = reqwest::Client::new();
    let mut runner = TestRunner::new(config());
    let executions = Cell::new(0u64);
    runner
        .run(&hub_input(), |input| {
            executions.set(executions.get() + 1);
            let request = match &input {
                HubInput::PushBytes(bytes) => http
                    .post(format!("{url}/v1/push"))
                    .header("content-type", "application/json")
                    .body(bytes.clone()),
                HubInput::PushSpoiled(changes, mutations) => {
                    let valid = serde_json::to_value(PushRequest {
                        version: PROTOCOL_VERSION,
                        changes: changes.clone(),
                    })
                    .expect("json");
                    http.post(format!("{url}/v1/push"))
                        .header("content-type", "application/json")
                        .body(spoil(&valid, mutations))
                }
                HubInput::Query(path, query) => {
                    http.get(format!("{url}/v1/{path}?{}", query.replace(' ', "%20")))
                }
            };
            let status = rt
                .block_on(request.bearer_auth(&token).send())
                .map_err(|e| TestCaseError::fail(format!("the hub did not answer: {e}")))?
                .status();
            prop_assert!(
                status.is_success() || status.is_client_error(),
                "the hub answered {status} to {input:?}"
            );
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{e}"));
    // Still serving after all of it.
    let health = rt
        .block_on(http.get(format!("{url}/health")).send())
        .expect("health");
    assert_eq!(health.status(), 200);
    eprintln!("hub fuzz: {} requests, none answered 5xx", executions.get());
}

/// What the fake hub answers in one case.
#[derive(Debug, Clone)]
enum Answer {
    Bytes(u16, Vec<u8>),
    SpoiledPull(Vec<Change>, Vec<Mutation>),
}

fn answer() -> impl Strategy<Value = Answer> {
    prop_oneof![
        (
            prop_oneof![Just(200u16), Just(400), Just(404), Just(413), Just(500)],
            prop::collection::vec(any::<u8>(), 0..512)
        )
            .prop_map(|(s, b)| Answer::Bytes(s, b)),
        (
            prop::collection::vec(change(), 0..8),
            prop::collection::vec(mutation(), 0..4)
        )
            .prop_map(|(c, m)| Answer::SpoiledPull(c, m)),
    ]
}

#[test]
fn the_client_turns_any_answer_into_a_typed_error_or_a_merge_never_a_panic() {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    // The fake hub answers every request with the case's status and body.
    let reply: Arc<Mutex<(u16, Vec<u8>)>> = Arc::new(Mutex::new((200, Vec::new())));
    let served = reply.clone();
    let url = rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("listen");
        let url = format!("http://{}", listener.local_addr().expect("addr"));
        let app = Router::new().fallback(move |uri: axum::http::Uri| {
            // An empty team to bootstrap from, pushes taken, no label endpoints: every sync
            // reaches the pull page under test, and finishes when that page can be read.
            let fixed = match uri.path() {
                "/v1/bootstrap" => {
                    Some(r#"{"version":1,"changes":[],"cursor":0,"next":null,"more":false}"#)
                }
                "/v1/push" => Some(r#"{"stored":0,"duplicates":0}"#),
                "/v1/pull" => None,
                _ => Some(""),
            };
            let (status, body) = match fixed {
                Some("") => (404, Vec::new()),
                Some(text) => (200, text.as_bytes().to_vec()),
                None => served.lock().expect("reply").clone(),
            };
            async move {
                (
                    axum::http::StatusCode::from_u16(status).expect("status"),
                    [("content-type", "application/json")],
                    body,
                )
            }
        });
        tokio::spawn(async move { axum::serve(listener, app).await });
        url
    });
    let dir = tempfile::tempdir().expect("dir");
    let now = Utc
        .with_ymd_and_hms(2026, 12, 7, 9, 0, 0)
        .single()
        .expect("time");
    let store = RefCell::new(
        Store::open(
            &dir.path().join("fuzz.kizuna"),
            OpenMode::CreateIfMissing,
            Arc::new(FixedClock(now)),
        )
        .expect("store"),
    );
    let mut runner = TestRunner::new(config());
    let (executions, errors, merged) = (Cell::new(0u64), Cell::new(0u64), Cell::new(0u64));
    runner
        .run(&answer(), |input| {
            executions.set(executions.get() + 1);
            let (status, body) = match &input {
                Answer::Bytes(status, bytes) => (*status, bytes.clone()),
                Answer::SpoiledPull(changes, mutations) => {
                    let valid = serde_json::to_value(PullResponse {
                        version: PROTOCOL_VERSION,
                        changes: changes.clone(),
                        next: 1,
                        more: false,
                    })
                    .expect("json");
                    (200, spoil(&valid, mutations))
                }
            };
            *reply.lock().expect("reply") = (status, body);
            // A typed error or a finished sync are both fine; a panic fails the case.
            let mut store = store.borrow_mut();
            match rt.block_on(sync(&mut store, &url, "kzh_fuzz")) {
                Ok(report) => merged.set(merged.get() + report.merge.new),
                Err(_) => errors.set(errors.get() + 1),
            }
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{e}"));
    let integrity: String = store
        .borrow()
        .conn()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity");
    assert_eq!(integrity, "ok");
    eprintln!(
        "client fuzz: {} answers, {} typed errors, {} new changes merged, no panic",
        executions.get(),
        errors.get(),
        merged.get()
    );
}
