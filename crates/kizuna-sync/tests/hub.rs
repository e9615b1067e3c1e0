//! The hub over a real PostgreSQL, on 127.0.0.1, with real replicas (SQLite files) syncing
//! through it: edits reach the other replica, tokens are checked per team, bad requests get a
//! 4xx and never a 500, a token or address over its request rate gets 429 with Retry-After.

mod common;

use std::sync::Arc;

use chrono::{TimeZone, Utc};
use kizuna_core::Store;
use kizuna_core::clock::FixedClock;
use kizuna_core::ids::MemberId;
use kizuna_core::members::{MemberPatch, NewMember, create_member, update_member};
use kizuna_core::store::OpenMode;
use kizuna_sync::client::{SyncError, pending, sync};
use kizuna_sync::conflicts::{Keep, open_conflicts, resolve_conflict};
use kizuna_sync::hub::{self, MAX_CHANGES_PER_PUSH, RateLimit, teams};
use kizuna_sync::protocol::{CellValue, Change, PROTOCOL_VERSION, PushRequest};
use kizuna_sync::settings::set_site_label;
use serde_json::json;

struct Hub {
    url: String,
    pool: deadpool_postgres::Pool,
    _pg: common::Postgres,
}

async fn hub() -> Hub {
    hub_with(RateLimit::OFF).await
}

/// A hub holding each token (and each client address without a valid token) to `limit`.
async fn hub_with(limit: RateLimit) -> Hub {
    let pg = common::Postgres::start();
    let pool = hub::pool(&pg.url).expect("pool");
    hub::schema::migrate(&pool).await.expect("migrate");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("listen");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    let app = hub::router(pool.clone(), limit)
        .into_make_service_with_connect_info::<std::net::SocketAddr>();
    tokio::spawn(async move { axum::serve(listener, app).await });
    Hub { url, pool, _pg: pg }
}

fn replica(dir: &tempfile::TempDir, name: &str) -> Store {
    let now = Utc
        .with_ymd_and_hms(2026, 11, 23, 9, 0, 0)
        .single()
        .expect("time");
    Store::open(
        &dir.path().join(name),
        OpenMode::CreateIfMissing,
        Arc::new(FixedClock(now)),
    )
    .expect("store")
}

fn names(store: &Store) -> Vec<String> {
    store
        .conn()
        .prepare("SELECT display_name FROM members ORDER BY display_name")
        .expect("q")
        .query_map([], |r| r.get(0))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("rows")
}

#[tokio::test(flavor = "multi_thread")]
async fn an_edit_on_one_laptop_reaches_the_other_through_the_hub() {
    let hub = hub().await;
    teams::create_team(&hub.pool, "Hinata Coffee")
        .await
        .expect("team");
    let token = teams::invite(&hub.pool, "Hinata Coffee", "tests")
        .await
        .expect("token");
    let dir = tempfile::tempdir().expect("dir");
    let (mut tokyo, mut osaka) = (replica(&dir, "tokyo.kizuna"), replica(&dir, "osaka.kizuna"));
    let aiko = tokyo
        .write(|w| {
            create_member(
                w,
                &NewMember {
                    display_name: "Aiko Sato".to_owned(),
                    ..NewMember::default()
                },
            )
        })
        .expect("aiko");
    assert!(pending(&tokyo, &hub.url).expect("pending") > 0);
    let first = sync(&mut tokyo, &hub.url, &token)
        .await
        .expect("tokyo syncs");
    assert!(first.pushed > 0);
    assert_eq!(pending(&tokyo, &hub.url).expect("pending"), 0);
    sync(&mut osaka, &hub.url, &token)
        .await
        .expect("osaka syncs");
    assert_eq!(names(&osaka), vec!["Aiko Sato".to_owned()]);
    osaka
        .write(|w| {
            update_member(
                w,
                &MemberId(aiko.0.clone()),
                &MemberPatch {
                    display_name: Some("Aiko Sato-Ito".to_owned()),
                    ..MemberPatch::default()
                },
            )
        })
        .expect("rename");
    sync(&mut osaka, &hub.url, &token)
        .await
        .expect("osaka pushes");
    let back = sync(&mut tokyo, &hub.url, &token)
        .await
        .expect("tokyo pulls");
    assert!(back.merge.rows_changed >= 1);
    assert_eq!(names(&tokyo), vec!["Aiko Sato-Ito".to_owned()]);
    // Syncing again moves nothing.
    let idle = sync(&mut tokyo, &hub.url, &token).await.expect("again");
    assert_eq!((idle.pushed, idle.merge.new), (0, 0));
}

#[tokio::test(flavor = "multi_thread")]
async fn wrong_revoked_and_other_team_tokens_read_nothing() {
    let hub = hub().await;
    teams::create_team(&hub.pool, "A").await.expect("team a");
    teams::create_team(&hub.pool, "B").await.expect("team b");
    let a = teams::invite(&hub.pool, "A", "a").await.expect("a");
    let b = teams::invite(&hub.pool, "B", "b").await.expect("b");
    let dir = tempfile::tempdir().expect("dir");
    let mut store = replica(&dir, "a.kizuna");
    store
        .write(|w| {
            create_member(
                w,
                &NewMember {
                    display_name: "Team A member".to_owned(),
                    ..NewMember::default()
                },
            )
        })
        .expect("member");
    sync(&mut store, &hub.url, &a).await.expect("a syncs");

    let http = reqwest::Client::new();
    let pull = |token: Option<&str>| {
        let mut request = http.get(format!("{}/v1/pull", hub.url));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request.send()
    };
    assert_eq!(pull(None).await.expect("no token").status(), 401);
    assert_eq!(pull(Some("kzh_wrong")).await.expect("wrong").status(), 401);
    let other: serde_json::Value = pull(Some(&b)).await.expect("b").json().await.expect("json");
    assert_eq!(
        other["changes"],
        json!([]),
        "team B sees none of team A's changes"
    );
    assert!(teams::revoke(&hub.pool, &a).await.expect("revoke"));
    assert_eq!(pull(Some(&a)).await.expect("revoked").status(), 401);
    let mut fresh = replica(&dir, "fresh.kizuna");
    let refused = sync(&mut fresh, &hub.url, &a).await;
    assert!(
        matches!(refused, Err(SyncError::Unauthorized)),
        "{refused:?}"
    );
    assert_eq!(
        refused.map(|_| ()).map_err(|e| e.to_string()),
        Err(
            "the hub refused the token (wrong or revoked); ask your team's admin for a new one"
                .to_owned()
        )
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn malformed_oversized_and_repeated_pushes_get_clear_answers() {
    let hub = hub().await;
    teams::create_team(&hub.pool, "T").await.expect("team");
    let token = teams::invite(&hub.pool, "T", "t").await.expect("token");
    let http = reqwest::Client::new();
    let push = |body: reqwest::Body| {
        http.post(format!("{}/v1/push", hub.url))
            .bearer_auth(&token)
            .header("content-type", "application/json")
            .body(body)
            .send()
    };
    let status = |r: reqwest::Response| r.status().as_u16();
    assert_eq!(status(push("{not json".into()).await.expect("send")), 400);
    assert_eq!(
        status(push("{\"version\":1}".into()).await.expect("send")),
        422
    );
    let wrong_version = serde_json::to_string(&PushRequest {
        version: PROTOCOL_VERSION + 1,
        changes: Vec::new(),
    })
    .expect("json");
    let answer = push(wrong_version.into()).await.expect("send");
    assert_eq!(answer.status(), 400);
    let body: serde_json::Value = answer.json().await.expect("json");
    assert_eq!(body["error"], "this hub speaks sync protocol 1, not 2");
    assert_eq!(
        status(
            push(vec![b' '; 17 * 1024 * 1024].into())
                .await
                .expect("send")
        ),
        413
    );
    let change = |i: usize| Change {
        table: "members".to_owned(),
        pk: format!("m{i}"),
        column: "display_name".to_owned(),
        value: CellValue::Text(format!("Member {i}")),
        hlc: 1 << 20,
        site: "site-a".to_owned(),
    };
    let too_many = PushRequest {
        version: PROTOCOL_VERSION,
        changes: (0..=MAX_CHANGES_PER_PUSH).map(change).collect(),
    };
    let answer = http
        .post(format!("{}/v1/push", hub.url))
        .bearer_auth(&token)
        .json(&too_many)
        .send()
        .await
        .expect("send");
    assert_eq!(answer.status(), 413);
    // A NUL character (which PostgreSQL cannot hold) is refused in words, not a 503; found by
    // tests/fuzz.rs.
    for spoil in [
        |c: &mut Change| c.value = CellValue::Text("Ai\0ko".to_owned()),
        |c: &mut Change| c.pk = "m\0".to_owned(),
    ] {
        let mut bad = change(0);
        spoil(&mut bad);
        let answer = http
            .post(format!("{}/v1/push", hub.url))
            .bearer_auth(&token)
            .json(&PushRequest {
                version: PROTOCOL_VERSION,
                changes: vec![bad],
            })
            .send()
            .await
            .expect("send");
        assert_eq!(answer.status(), 400);
        let body: serde_json::Value = answer.json().await.expect("json");
        assert!(
            body["error"]
                .as_str()
                .is_some_and(|e| e.starts_with("the hub cannot store this data")),
            "{body}"
        );
    }
    let batch = PushRequest {
        version: PROTOCOL_VERSION,
        changes: (0..3).map(change).collect(),
    };
    let send = || {
        http.post(format!("{}/v1/push", hub.url))
            .bearer_auth(&token)
            .json(&batch)
            .send()
    };
    let once: serde_json::Value = send().await.expect("send").json().await.expect("json");
    let twice: serde_json::Value = send().await.expect("send").json().await.expect("json");
    assert_eq!(once, json!({ "stored": 3, "duplicates": 0 }));
    assert_eq!(twice, json!({ "stored": 0, "duplicates": 3 }));
}

#[tokio::test(flavor = "multi_thread")]
async fn two_people_renaming_the_same_member_offline_get_a_conflict_to_settle() {
    let hub = hub().await;
    teams::create_team(&hub.pool, "Hinata").await.expect("team");
    let token = teams::invite(&hub.pool, "Hinata", "t")
        .await
        .expect("token");
    let dir = tempfile::tempdir().expect("dir");
    let (mut tokyo, mut osaka) = (replica(&dir, "tokyo.kizuna"), replica(&dir, "osaka.kizuna"));
    set_site_label(&tokyo, "Aiko (aiko-laptop)").expect("label");
    let aiko = tokyo
        .write(|w| {
            create_member(
                w,
                &NewMember {
                    display_name: "Aiko".to_owned(),
                    ..NewMember::default()
                },
            )
        })
        .expect("aiko");
    sync(&mut tokyo, &hub.url, &token).await.expect("tokyo");
    sync(&mut osaka, &hub.url, &token).await.expect("osaka");
    let rename = |store: &mut Store, name: &str| {
        store
            .write(|w| {
                update_member(
                    w,
                    &MemberId(aiko.0.clone()),
                    &MemberPatch {
                        display_name: Some(name.to_owned()),
                        ..MemberPatch::default()
                    },
                )
            })
            .expect("rename");
    };
    rename(&mut tokyo, "Aiko Sato");
    rename(&mut osaka, "Aiko Ito");
    sync(&mut tokyo, &hub.url, &token)
        .await
        .expect("tokyo first");
    let second = sync(&mut osaka, &hub.url, &token)
        .await
        .expect("osaka second");
    assert_eq!(second.merge.conflicts, 1);
    let open = open_conflicts(osaka.conn()).expect("conflicts");
    assert_eq!(open.len(), 1);
    let c = &open[0];
    assert_eq!(
        (
            c.column.as_str(),
            c.local_value.as_deref(),
            c.remote_value.as_deref()
        ),
        ("display_name", Some("Aiko Ito"), Some("Aiko Sato"))
    );
    // Who made the other side, and when each side was written (both laptops' clocks are fixed).
    let written = Some(
        Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0)
            .single()
            .expect("time")
            .timestamp_millis(),
    );
    assert_eq!(
        (c.remote_label.as_deref(), c.remote_at, c.local_at),
        (Some("Aiko (aiko-laptop)"), written, written)
    );
    // Osaka's person keeps the other value than the one the clocks chose; it syncs to Tokyo.
    let keep = if c.kept == "local" {
        Keep::Remote
    } else {
        Keep::Local
    };
    let chosen = if keep == Keep::Local {
        "Aiko Ito"
    } else {
        "Aiko Sato"
    };
    resolve_conflict(&mut osaka, c.id, keep).expect("resolve");
    assert!(open_conflicts(osaka.conn()).expect("conflicts").is_empty());
    sync(&mut osaka, &hub.url, &token)
        .await
        .expect("osaka sends");
    sync(&mut tokyo, &hub.url, &token)
        .await
        .expect("tokyo receives");
    assert_eq!(names(&tokyo), vec![chosen.to_owned()]);
    assert_eq!(names(&osaka), vec![chosen.to_owned()]);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_new_laptop_starts_from_the_teams_current_cells_and_matches_the_others() {
    let hub = hub().await;
    teams::create_team(&hub.pool, "Hinata").await.expect("team");
    let token = teams::invite(&hub.pool, "Hinata", "t")
        .await
        .expect("token");
    let dir = tempfile::tempdir().expect("dir");
    let mut tokyo = replica(&dir, "tokyo.kizuna");
    let aiko = tokyo
        .write(|w| {
            create_member(
                w,
                &NewMember {
                    display_name: "Aiko".to_owned(),
                    ..NewMember::default()
                },
            )
        })
        .expect("aiko");
    for n in 0..5 {
        tokyo
            .write(|w| {
                update_member(
                    w,
                    &MemberId(aiko.0.clone()),
                    &MemberPatch {
                        display_name: Some(format!("Aiko v{n}")),
                        ..MemberPatch::default()
                    },
                )
            })
            .expect("rename");
    }
    let pushed = sync(&mut tokyo, &hub.url, &token)
        .await
        .expect("tokyo")
        .pushed;
    let mut newcomer = replica(&dir, "new.kizuna");
    let joined = sync(&mut newcomer, &hub.url, &token)
        .await
        .expect("newcomer");
    assert!(
        joined.pulled < pushed,
        "only current cells: {} < {pushed}",
        joined.pulled
    );
    assert_eq!(names(&newcomer), vec!["Aiko v4".to_owned()]);
    // The same cells in pages of three, each page continuing where the last ended.
    let http = reqwest::Client::new();
    let (mut paged, mut next, mut cursor) = (0, None::<serde_json::Value>, None);
    loop {
        let mut url = reqwest::Url::parse(&format!("{}/v1/bootstrap", hub.url)).expect("url");
        url.query_pairs_mut().append_pair("limit", "3");
        if let Some(c) = cursor {
            url.query_pairs_mut().append_pair("cursor", &format!("{c}"));
        }
        if let Some(n) = &next {
            url.query_pairs_mut()
                .append_pair("table", n[0].as_str().unwrap_or_default())
                .append_pair("pk", n[1].as_str().unwrap_or_default())
                .append_pair("column", n[2].as_str().unwrap_or_default());
        }
        let page: serde_json::Value = http
            .get(url)
            .bearer_auth(&token)
            .send()
            .await
            .expect("page")
            .json()
            .await
            .expect("json");
        paged += page["changes"].as_array().map_or(0, Vec::len) as u64;
        cursor = page["cursor"].as_i64();
        if page["more"] != json!(true) {
            break;
        }
        next = Some(page["next"].clone());
    }
    assert_eq!(paged, joined.pulled);
    // Later edits arrive through the normal pull after the bootstrap's cursor.
    tokyo
        .write(|w| {
            update_member(
                w,
                &MemberId(aiko.0.clone()),
                &MemberPatch {
                    display_name: Some("Aiko Sato".to_owned()),
                    ..MemberPatch::default()
                },
            )
        })
        .expect("rename");
    sync(&mut tokyo, &hub.url, &token).await.expect("tokyo");
    sync(&mut newcomer, &hub.url, &token)
        .await
        .expect("newcomer");
    assert_eq!(names(&newcomer), vec!["Aiko Sato".to_owned()]);
}

fn retry_after(answer: &reqwest::Response) -> u64 {
    answer
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .expect("a Retry-After in seconds")
}

#[tokio::test(flavor = "multi_thread")]
async fn a_burst_over_the_rate_limit_gets_429_and_other_teams_are_not_slowed() {
    // Three requests at once, then one a minute.
    let hub = hub_with(RateLimit {
        per_minute: 1,
        burst: 3,
    })
    .await;
    for team in ["Busy", "Calm"] {
        teams::create_team(&hub.pool, team).await.expect("team");
    }
    let busy = teams::invite(&hub.pool, "Busy", "t").await.expect("token");
    let calm = teams::invite(&hub.pool, "Calm", "t").await.expect("token");
    let http = reqwest::Client::new();
    let pull = |token: &str| {
        http.get(format!("{}/v1/pull", hub.url))
            .bearer_auth(token)
            .send()
    };
    for _ in 0..3 {
        assert_eq!(pull(&busy).await.expect("pull").status(), 200);
    }
    let over = pull(&busy).await.expect("pull");
    assert_eq!(over.status(), 429);
    assert!(retry_after(&over) >= 1);
    let body: serde_json::Value = over.json().await.expect("json");
    assert!(
        body["error"]
            .as_str()
            .is_some_and(|e| e.starts_with("too many requests from this token")),
        "{body}"
    );
    // Another team's token has its own budget.
    assert_eq!(pull(&calm).await.expect("pull").status(), 200);
    // Guessed tokens are charged to the address: after three refusals, the fourth is slowed.
    for n in 0..3 {
        let answer = pull(&format!("kzh_guess_{n}")).await.expect("pull");
        assert_eq!(answer.status(), 401);
    }
    let guessing = pull("kzh_guess_3").await.expect("pull");
    assert_eq!(guessing.status(), 429);
    assert!(retry_after(&guessing) >= 1);
    // Requests with no token share the same per-address budget.
    let health = http
        .get(format!("{}/health", hub.url))
        .send()
        .await
        .expect("health");
    assert_eq!(health.status(), 429);
    // The token in good standing is still served.
    assert_eq!(pull(&calm).await.expect("pull").status(), 200);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_desktop_client_waits_as_the_hub_says_or_reports_it_busy() {
    // Two requests at once, then one a second: a new laptop's first sync (bootstrap, pull,
    // push) waits about a second for its third request and then finishes.
    let hub = hub_with(RateLimit {
        per_minute: 60,
        burst: 2,
    })
    .await;
    teams::create_team(&hub.pool, "T").await.expect("team");
    let token = teams::invite(&hub.pool, "T", "t").await.expect("token");
    let dir = tempfile::tempdir().expect("dir");
    let mut tokyo = replica(&dir, "tokyo.kizuna");
    tokyo
        .write(|w| {
            create_member(
                w,
                &NewMember {
                    display_name: "Aiko Sato".to_owned(),
                    ..NewMember::default()
                },
            )
        })
        .expect("aiko");
    let report = sync(&mut tokyo, &hub.url, &token)
        .await
        .expect("the sync waits its turn and finishes");
    assert!(report.pushed > 0);
    assert_eq!(pending(&tokyo, &hub.url).expect("pending"), 0);

    // One request a minute is more than a sync will wait for: it says the hub is busy.
    let slow = hub_with(RateLimit {
        per_minute: 1,
        burst: 1,
    })
    .await;
    teams::create_team(&slow.pool, "T").await.expect("team");
    let token = teams::invite(&slow.pool, "T", "t").await.expect("token");
    let mut osaka = replica(&dir, "osaka.kizuna");
    let error = sync(&mut osaka, &slow.url, &token)
        .await
        .expect_err("too busy to wait for");
    assert!(
        matches!(error, SyncError::Busy { retry_after_secs } if retry_after_secs >= 30),
        "{error:?}"
    );
    assert!(
        error
            .to_string()
            .starts_with("the hub is busy; sync again in ")
    );
}
