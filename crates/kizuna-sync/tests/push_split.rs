//! A laptop whose changes hold long texts (notes) can still send them all to a hub that caps
//! request bodies: on 413 the client sends fewer changes at a time, and every change arrives
//! exactly once. The hub is a fake on 127.0.0.1 with a small cap, so the test stays small.

use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::{TimeZone, Utc};
use kizuna_core::Store;
use kizuna_core::clock::FixedClock;
use kizuna_core::members::{NewMember, create_member};
use kizuna_core::store::OpenMode;
use kizuna_sync::client::{pending, sync};
use kizuna_sync::protocol::{Change, PushRequest};
use serde_json::json;

/// The fake hub's cap on a request body.
const CAP: usize = 24 * 1024;

#[tokio::test(flavor = "multi_thread")]
async fn changes_too_large_for_one_push_are_sent_in_smaller_pushes_each_once() {
    let received: Arc<Mutex<Vec<Change>>> = Arc::new(Mutex::new(Vec::new()));
    let (refused, stored) = (Arc::new(Mutex::new(0u32)), received.clone());
    let refusals = refused.clone();
    let app = Router::new()
        .route(
            "/v1/bootstrap",
            get(|| async {
                Json(json!({"version": 1, "changes": [], "cursor": 0, "next": null, "more": false}))
            }),
        )
        .route(
            "/v1/pull",
            get(|| async { Json(json!({"version": 1, "changes": [], "next": 0, "more": false})) }),
        )
        .route(
            "/v1/push",
            post(move |body: Bytes| async move {
                if body.len() > CAP {
                    *refusals.lock().expect("count") += 1;
                    return (
                        StatusCode::PAYLOAD_TOO_LARGE,
                        Json(json!({"error": "length limit exceeded"})),
                    );
                }
                let push: PushRequest = serde_json::from_slice(&body).expect("a push");
                let n = push.changes.len();
                stored.lock().expect("store").extend(push.changes);
                (StatusCode::OK, Json(json!({"stored": n, "duplicates": 0})))
            }),
        );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("listen");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    tokio::spawn(async move { axum::serve(listener, app).await });

    let dir = tempfile::tempdir().expect("dir");
    let now = Utc
        .with_ymd_and_hms(2026, 12, 7, 9, 0, 0)
        .single()
        .expect("time");
    let mut store = Store::open(
        &dir.path().join("notes.kizuna"),
        OpenMode::CreateIfMissing,
        Arc::new(FixedClock(now)),
    )
    .expect("store");
    // Forty members with 2,000-character notes: about 80 KB, over three times the cap.
    for n in 0..40 {
        store
            .write(|w| {
                create_member(
                    w,
                    &NewMember {
                        display_name: format!("Member {n}"),
                        notes: Some(format!("{n} ").repeat(1_000)),
                        ..NewMember::default()
                    },
                )
            })
            .expect("member");
    }
    let waiting = pending(&store, &url).expect("pending");
    let report = sync(&mut store, &url, "kzh_test")
        .await
        .expect("the sync sends everything in smaller pushes");
    assert_eq!(report.pushed, waiting);
    assert_eq!(pending(&store, &url).expect("pending"), 0);
    assert!(*refused.lock().expect("count") > 0, "the cap was never hit");
    let received = received.lock().expect("received");
    assert_eq!(received.len() as u64, waiting, "each change sent once");
    let mut unique: Vec<_> = received
        .iter()
        .map(|c| (&c.table, &c.pk, &c.column, c.hlc, &c.site))
        .collect();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), received.len());
}
