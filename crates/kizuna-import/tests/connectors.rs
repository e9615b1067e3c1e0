//! The Discourse, Discord and Eventbrite connectors against a local server that speaks their
//! documented payloads, into a real community file: what a first sync brings in, that a second
//! one asks only for what is new and changes nothing, that new posts/messages/attendees come on
//! the next sync, and how refused tokens, rate limits, server errors, garbage and slowness are
//! met — with nothing half-written and the token never in the file.

#![recursion_limit = "256"]

mod connector_server;

use std::time::Duration;

use kizuna_core::error::DetailArg;
use kizuna_core::secrets::{SecretStore, connection_key};
use kizuna_import::connectors::{
    ConnectionKind, ConnectorError, NewConnection, SyncProgress, add_connection, get_connection,
    list_connections, remove_connection, sync_connection, test_connection,
};
use serde_json::json;

use connector_server::harness::{harness, harness_with_token, ms, now, paths};
use connector_server::payloads::{
    GENERAL, discord_message, discord_user, discourse_post, discourse_user, eventbrite_attendee,
};
use connector_server::{GUILD, ORG, Scripted, TOKEN};

// ---- Discourse ----

#[tokio::test]
async fn discourse_first_sync_brings_in_forum_users_and_their_posts() {
    let mut h = harness(ConnectionKind::Discourse).await;
    let summary = h.sync().await.expect("sync");
    assert_eq!(summary.members_created, 3, "system is not a member");
    assert_eq!(h.members(), 3);
    assert_eq!(summary.activities_created, 4);
    let aiko: (String, Option<String>, i64) = h
        .store
        .conn()
        .query_row(
            "SELECT m.display_name, m.email, m.joined_at FROM members m
             JOIN identities i ON i.member_id = m.id
             WHERE i.platform = 'discourse' AND i.handle = 'aiko'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .expect("aiko");
    assert_eq!(aiko.0, "Aiko Tanaka");
    assert_eq!(aiko.1.as_deref(), Some("aiko@example.jp"));
    assert_eq!(aiko.2, ms(2026, 1, 5, 3, 0));
    assert_eq!(
        h.count("SELECT count(*) FROM activities WHERE activity_type = 'post' AND platform = 'discourse'"),
        2,
        "first posts of topics"
    );
    assert_eq!(
        h.count("SELECT count(*) FROM activities WHERE activity_type = 'comment'"),
        2
    );
    let url: String = h
        .store
        .conn()
        .query_row(
            "SELECT url FROM activities WHERE activity_type = 'comment' ORDER BY occurred_at LIMIT 1",
            [],
            |r| r.get(0),
        )
        .expect("url");
    assert_eq!(url, format!("{}/t/latte-art-tips/10/2", h.server.origin));
    let source: String = h
        .store
        .conn()
        .query_row("SELECT source_key FROM import_runs", [], |r| r.get(0))
        .expect("run");
    assert_eq!(
        source,
        format!(
            "discourse:{}",
            h.server.origin.trim_start_matches("http://")
        )
    );
    let seen = h.server.take_seen();
    assert!(
        seen.iter()
            .any(|s| s.query.get("show_emails").map(String::as_str) == Some("true")),
        "emails are asked for"
    );
    let connection = get_connection(&h.store, &h.id).expect("connection");
    assert_eq!(connection.last_error, None);
    assert_eq!(connection.last_sync_at, Some(now().timestamp_millis()));
    assert_eq!(connection.last_summary, Some(summary));
    h.assert_token_not_in_files();
}

#[tokio::test]
async fn discourse_second_sync_stops_at_the_cursor_and_changes_nothing() {
    let mut h = harness(ConnectionKind::Discourse).await;
    h.sync().await.expect("first sync");
    let before = h.written();
    h.server.take_seen();
    let summary = h.sync().await.expect("second sync");
    assert!(!summary.changed_anything(), "{summary:?}");
    assert_eq!(summary.run_id, None);
    assert_eq!(h.written(), before);
    let seen = h.server.take_seen();
    // One page of users (newest first, already seen) and one of posts (reaching post 105).
    assert_eq!(seen.len(), 2, "{seen:?}");
    assert_eq!(paths(&seen, "/posts.json")[0].query.get("before"), None);
    assert!(
        h.stored_cursor()
            .is_some_and(|c| c.contains("\"last_post_id\":105")),
        "{:?}",
        h.stored_cursor()
    );
}

#[tokio::test]
async fn discourse_a_new_post_and_a_new_user_arrive_on_the_next_sync() {
    let mut h = harness(ConnectionKind::Discourse).await;
    h.sync().await.expect("first sync");
    h.server.with(|p| {
        p.discourse_users.push(discourse_user(
            4,
            "dan",
            "Dan Sato",
            "dan@example.jp",
            "2026-11-20T00:00:00.000Z",
        ));
        p.discourse_posts.push(discourse_post(
            106,
            2,
            "ben",
            "Ben Ito",
            11,
            "grinder-advice",
            2,
            "2026-11-22T00:00:00.000Z",
        ));
    });
    let summary = h.sync().await.expect("next sync");
    assert_eq!(summary.members_created, 1);
    assert_eq!(summary.activities_created, 1);
    assert_eq!(h.members(), 4);
    assert_eq!(
        h.count(
            "SELECT count(*) FROM activities a JOIN identities i ON i.member_id = a.member_id
             WHERE i.handle = 'ben' AND a.activity_type = 'comment'"
        ),
        2
    );
    assert!(
        h.stored_cursor()
            .is_some_and(|c| c.contains("\"last_post_id\":106"))
    );
}

// ---- Discord ----

#[tokio::test]
async fn discord_first_sync_brings_in_server_members_and_their_messages() {
    let mut h = harness(ConnectionKind::Discord).await;
    let summary = h.sync().await.expect("sync");
    assert_eq!(summary.members_created, 3, "the bot is not a member");
    assert_eq!(h.members(), 3);
    assert_eq!(
        summary.activities_created, 3,
        "bot and system messages are left out"
    );
    let ben: (String, i64) = h
        .store
        .conn()
        .query_row(
            "SELECT m.display_name, m.joined_at FROM members m JOIN identities i ON i.member_id = m.id
             WHERE i.platform = 'discord' AND i.handle = 'ben.ito'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("ben");
    assert_eq!(ben.0, "Ben the Barista", "the server nickname names them");
    assert_eq!(ben.1, ms(2026, 2, 10, 3, 0));
    assert_eq!(
        h.count("SELECT count(*) FROM members WHERE display_name = 'Aiko'"),
        1,
        "the global name when there is no nickname"
    );
    let url: String = h
        .store
        .conn()
        .query_row(
            "SELECT url FROM activities WHERE occurred_at = ?1",
            [ms(2026, 11, 1, 10, 5)],
            |r| r.get(0),
        )
        .expect("url");
    assert_eq!(
        url,
        format!("https://discord.com/channels/{GUILD}/{GENERAL}/1100000000000000002")
    );
    let seen = h.server.take_seen();
    assert!(
        seen.iter().all(|s| !s.path.contains("900000000000000002")),
        "voice channels are not read"
    );
    assert!(
        paths(&seen, "/api/v10/guilds/")
            .iter()
            .any(|s| s.query.get("after").map(String::as_str) == Some("100000000000000002")),
        "members are paged by user id: {seen:?}"
    );
    h.assert_token_not_in_files();
}

#[tokio::test]
async fn discord_second_sync_asks_after_the_last_message_and_changes_nothing() {
    let mut h = harness(ConnectionKind::Discord).await;
    h.sync().await.expect("first sync");
    let before = h.written();
    h.server.take_seen();
    let summary = h.sync().await.expect("second sync");
    assert!(!summary.changed_anything(), "{summary:?}");
    assert_eq!(h.written(), before);
    let seen = h.server.take_seen();
    let general = paths(&seen, &format!("/api/v10/channels/{GENERAL}/messages"));
    assert_eq!(general.len(), 1);
    assert_eq!(
        general[0].query.get("after").map(String::as_str),
        Some("1100000000000000003"),
        "the cursor of #general"
    );
    let news = paths(&seen, "/api/v10/channels/900000000000000003/messages");
    assert_eq!(
        news[0].query.get("after").map(String::as_str),
        Some("1100000000000000011")
    );
}

#[tokio::test]
async fn discord_a_new_message_arrives_on_the_next_sync() {
    let mut h = harness(ConnectionKind::Discord).await;
    h.sync().await.expect("first sync");
    h.server.with(|p| {
        let ben = discord_user("100000000000000002", "ben.ito", None, false);
        p.discord_messages
            .get_mut(GENERAL)
            .expect("general")
            .push(discord_message(
                "1100000000000000020",
                GENERAL,
                ben,
                "2026-11-22T08:00:00.000000+00:00",
                0,
            ));
    });
    let summary = h.sync().await.expect("next sync");
    assert_eq!(summary.activities_created, 1);
    assert_eq!(summary.members_created, 0);
    assert!(
        h.stored_cursor()
            .is_some_and(|c| c.contains("1100000000000000020"))
    );
}

// ---- Eventbrite ----

#[tokio::test]
async fn eventbrite_first_sync_brings_in_events_and_registrations() {
    let mut h = harness(ConnectionKind::Eventbrite).await;
    let summary = h.sync().await.expect("sync");
    assert_eq!(
        summary.members_created, 3,
        "Aiko's second ticket matches her by email"
    );
    assert_eq!(
        summary.events_created, 2,
        "an event with no attendees is not imported"
    );
    assert_eq!(summary.registrations_created, 4);
    let statuses: Vec<(String, String)> = h
        .store
        .conn()
        .prepare(
            "SELECT m.email, r.status FROM registrations r JOIN members m ON m.id = r.member_id
             JOIN events e ON e.id = r.event_id WHERE e.title = 'Latte art night' ORDER BY m.email",
        )
        .expect("sql")
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("statuses");
    assert_eq!(
        statuses,
        [
            ("aiko@example.jp".to_owned(), "attended".to_owned()),
            ("ben@example.jp".to_owned(), "going".to_owned()),
            ("chie@example.jp".to_owned(), "cancelled".to_owned()),
        ]
    );
    let (zone, venue, price): (String, Option<String>, Option<i64>) = h
        .store
        .conn()
        .query_row(
            "SELECT e.time_zone, e.venue, r.price_minor FROM events e JOIN registrations r ON r.event_id = e.id
             WHERE e.title = 'Roastery tour'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .expect("event");
    assert_eq!(zone, "Asia/Tokyo");
    assert_eq!(venue.as_deref(), Some("Kizuna Roastery, Shibuya"));
    assert_eq!(price, Some(1500));
    assert_eq!(
        h.count("SELECT count(*) FROM activities WHERE activity_type = 'event_attended'"),
        1
    );
    let seen = h.server.take_seen();
    assert!(
        paths(&seen, "/v3/organizations/").iter().any(|s| s
            .query
            .get("continuation")
            .map(String::as_str)
            == Some("c2")),
        "events are paged with the continuation: {seen:?}"
    );
    assert!(
        paths(&seen, "/v3/events/")
            .iter()
            .all(|s| !s.query.contains_key("changed_since")),
        "a first sync asks for every attendee"
    );
    h.assert_token_not_in_files();
}

#[tokio::test]
async fn eventbrite_second_sync_asks_for_changes_since_the_last_and_changes_nothing() {
    let mut h = harness(ConnectionKind::Eventbrite).await;
    h.sync().await.expect("first sync");
    let before = h.written();
    h.server.take_seen();
    let summary = h.sync().await.expect("second sync");
    assert!(!summary.changed_anything(), "{summary:?}");
    assert_eq!(h.written(), before);
    let seen = h.server.take_seen();
    let attendees = paths(&seen, "/v3/events/");
    assert_eq!(attendees.len(), 3, "one page per event");
    assert!(
        attendees
            .iter()
            .all(|s| s.query.get("changed_since").map(String::as_str)
                == Some("2026-11-23T09:00:00Z")),
        "{attendees:?}"
    );
}

#[tokio::test]
async fn eventbrite_a_new_attendee_arrives_on_the_next_sync() {
    let mut h = harness(ConnectionKind::Eventbrite).await;
    h.sync().await.expect("first sync");
    h.server.with(|p| {
        p.eventbrite_attendees
            .get_mut("7002")
            .expect("7002")
            .push(eventbrite_attendee(
                "5005",
                "7002",
                ("Dan", "Sato", "dan@example.jp"),
                ("Attending", false, false, false),
                "2026-11-23T10:00:00Z",
            ));
    });
    let summary = h.sync().await.expect("next sync");
    assert_eq!(summary.members_created, 1);
    assert_eq!(summary.registrations_created, 1);
    assert_eq!(summary.records, 1, "only the change is fetched");
}

// ---- Connections ----

#[tokio::test]
async fn a_connection_is_added_listed_checked_and_removed_with_its_token() {
    let h = harness(ConnectionKind::Discord).await;
    let listed = list_connections(&h.store).expect("list");
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].account, GUILD);
    assert_eq!(
        h.secrets
            .get(&connection_key(&h.id))
            .expect("secret")
            .as_deref(),
        Some(TOKEN)
    );
    let said = test_connection(&h.store, &h.secrets, &h.id, &h.env)
        .await
        .expect("check");
    assert!(said.contains("Latte Lovers"), "{said}");
    remove_connection(&h.store, &h.secrets, &h.id).expect("remove");
    assert!(list_connections(&h.store).expect("list").is_empty());
    assert_eq!(h.secrets.get(&connection_key(&h.id)).expect("secret"), None);
}

#[tokio::test]
async fn a_connection_with_a_bad_address_or_account_is_refused_in_plain_words() {
    let h = harness(ConnectionKind::Discord).await;
    let new = |url: &str, account: &str| NewConnection {
        kind: ConnectionKind::Discord,
        label: "Server".to_owned(),
        base_url: Some(url.to_owned()),
        account: account.to_owned(),
        token: "t".to_owned(),
    };
    let e = add_connection(&h.store, &h.secrets, &new("discord dot com", GUILD)).expect_err("url");
    assert!(e.to_string().contains("is not a web address"), "{e}");
    let e = add_connection(
        &h.store,
        &h.secrets,
        &new("https://discord.com/api/v10", "latte-lovers"),
    )
    .expect_err("account");
    assert!(e.to_string().contains("the server (guild) id"), "{e}");
    // Keyed like the core's refusals, so Settings → Connections words it in Japanese too.
    let ConnectorError::InvalidInput(refused) = &e else {
        panic!("{e:?} should be bad input");
    };
    let detail = refused.detail();
    assert_eq!(detail.key, "connections.accountNotDigits");
    assert!(
        matches!(&detail.args["meaning"], DetailArg::Reason(word) if word.key == "connections.accountDiscord"),
        "{detail:?}"
    );
    assert_eq!(list_connections(&h.store).expect("list").len(), 1);
}

#[tokio::test]
async fn cancelling_a_sync_writes_nothing() {
    let mut h = harness(ConnectionKind::Discourse).await;
    let mut calls = 0;
    let e = sync_connection(&mut h.store, &h.secrets, &h.id, &h.env, &mut |p| {
        calls += 1;
        !matches!(p, SyncProgress::Fetching { .. } if calls > 1)
    })
    .await
    .expect_err("cancelled");
    assert!(matches!(e, ConnectorError::Cancelled), "{e}");
    assert_eq!(h.written(), 0);
    assert_eq!(h.stored_cursor(), None);
}

// ---- What goes wrong, on each platform ----

macro_rules! when_things_go_wrong {
    ($platform:ident, $kind:expr, $first_path:expr, $rate_limit:expr, $asked:expr) => {
        mod $platform {
            use super::*;

            #[tokio::test]
            async fn a_refused_token_is_explained_and_recorded_and_nothing_is_written() {
                let mut h = harness_with_token($kind, "revoked-token").await;
                let e = h.sync().await.expect_err("401");
                assert!(matches!(e, ConnectorError::Unauthorized { .. }), "{e:?}");
                assert!(
                    e.to_string().starts_with("The token was refused (401)"),
                    "{e}"
                );
                assert_eq!(e.code(), "unauthorized");
                assert_eq!(h.written(), 0);
                let connection = get_connection(&h.store, &h.id).expect("connection");
                assert_eq!(connection.last_error, Some(e.to_string()));
                assert!(!e.to_string().contains("revoked-token"));
                let e = test_connection(&h.store, &h.secrets, &h.id, &h.env)
                    .await
                    .expect_err("check");
                assert!(matches!(e, ConnectorError::Unauthorized { .. }), "{e:?}");
            }

            #[tokio::test]
            async fn a_rate_limit_is_waited_out_as_the_platform_asked() {
                let mut h = harness($kind).await;
                h.server.script([$rate_limit]);
                let summary = h.sync().await.expect("sync after the wait");
                assert!(summary.members_created > 0);
                assert_eq!(h.waits(), [$asked]);
            }

            #[tokio::test]
            async fn two_server_errors_are_retried_with_a_growing_back_off() {
                let mut h = harness($kind).await;
                h.server
                    .script([Scripted::Status(502), Scripted::Status(500)]);
                let summary = h.sync().await.expect("sync after two errors");
                assert!(summary.members_created > 0);
                assert_eq!(h.waits(), [Duration::from_secs(1), Duration::from_secs(2)]);
            }

            #[tokio::test]
            async fn a_platform_that_keeps_failing_is_given_up_after_four_tries() {
                let mut h = harness($kind).await;
                h.server.with(|p| p.always = Some(Scripted::Status(500)));
                let e = h.sync().await.expect_err("server error");
                assert!(
                    matches!(
                        e,
                        ConnectorError::Server {
                            status: 500,
                            tries: 4,
                            ..
                        }
                    ),
                    "{e:?}"
                );
                assert_eq!(h.server.take_seen().len(), 4);
                assert_eq!(
                    h.waits(),
                    [1, 2, 4].map(Duration::from_secs),
                    "bounded exponential back-off"
                );
                assert_eq!(h.written(), 0);
                assert!(
                    get_connection(&h.store, &h.id)
                        .expect("c")
                        .last_error
                        .is_some()
                );
            }

            #[tokio::test]
            async fn a_garbled_answer_names_the_endpoint_and_nothing_is_written() {
                let mut h = harness($kind).await;
                h.server.script([Scripted::Garbage]);
                let e = h.sync().await.expect_err("malformed");
                let ConnectorError::Malformed { what, .. } = &e else {
                    panic!("{e:?}");
                };
                assert_eq!(what, &format!("GET {}", $first_path));
                assert!(e.to_string().contains($first_path), "{e}");
                assert_eq!(h.written(), 0);
                assert_eq!(h.stored_cursor(), None);
            }

            #[tokio::test]
            async fn a_slow_platform_times_out() {
                let mut h = harness($kind).await;
                h.env.http.request_timeout = Duration::from_millis(300);
                h.server.script([Scripted::Slow(Duration::from_secs(3))]);
                let started = std::time::Instant::now();
                let e = h.sync().await.expect_err("timeout");
                assert!(matches!(e, ConnectorError::TimedOut { .. }), "{e:?}");
                assert!(started.elapsed() < Duration::from_secs(3));
                assert!(e.to_string().contains("did not answer within 0.3 s"), "{e}");
                assert_eq!(h.written(), 0);
            }
        }
    };
}

when_things_go_wrong!(
    discourse,
    ConnectionKind::Discourse,
    "/admin/users/list/active.json",
    Scripted::RateLimited {
        headers: vec![("retry-after", "3".to_owned())],
        body: json!({
            "errors": ["You’ve performed this action too many times. Please wait 3 seconds before trying again."],
            "error_type": "rate_limit",
            "extras": {"wait_seconds": 3}
        }),
    },
    Duration::from_secs(3)
);

when_things_go_wrong!(
    discord,
    ConnectionKind::Discord,
    &format!("/guilds/{GUILD}/members"),
    Scripted::RateLimited {
        headers: vec![
            ("retry-after", "2".to_owned()),
            ("x-ratelimit-scope", "user".to_owned()),
            ("x-ratelimit-reset-after", "1.250".to_owned()),
        ],
        body: json!({"message": "You are being rate limited.", "retry_after": 1.25, "global": false}),
    },
    Duration::from_millis(1250)
);

when_things_go_wrong!(
    eventbrite,
    ConnectionKind::Eventbrite,
    &format!("/v3/organizations/{ORG}/events/"),
    Scripted::RateLimited {
        headers: vec![("retry-after", "Mon, 23 Nov 2026 09:00:42 GMT".to_owned())],
        body: json!({
            "status_code": 429,
            "error_description": "You have exceeded the rate limit.",
            "error": "HIT_RATE_LIMIT"
        }),
    },
    Duration::from_secs(42)
);
