//! Discourse: a forum's users (the admin list, newest first, with emails) become members with a
//! `discourse` identity; its posts (`/posts.json`, newest first, paged back with `before`)
//! become activities — the first post of a topic a `post`, a reply a `comment` — with the
//! post's URL. The cursor keeps the highest post id and the newest sign-up seen, so the next
//! sync reads only what is newer.

use serde::{Deserialize, Serialize};

use super::http::Http;
use super::{
    Connection, ConnectorError, Fetch, Fetched, Token, read_cursor, time_ms, write_cursor,
};
use crate::record::{ActivityIn, IdentityIn, PersonIn, SourceRecord};

/// Where the last sync stopped.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Cursor {
    /// The highest post id imported.
    last_post_id: u64,
    /// The newest `created_at` (unix ms) of the users imported.
    newest_user_ms: Option<i64>,
}

/// One row of `/admin/users/list/active.json`.
#[derive(Debug, Deserialize)]
struct User {
    id: i64,
    username: String,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    email: Option<String>,
    #[serde(default)]
    created_at: Option<String>,
}

/// `/posts.json`.
#[derive(Debug, Deserialize)]
struct Posts {
    latest_posts: Vec<Post>,
}

#[derive(Debug, Deserialize)]
struct Post {
    id: u64,
    #[serde(default)]
    user_id: Option<i64>,
    username: String,
    #[serde(default)]
    name: Option<String>,
    created_at: String,
    post_number: u64,
    topic_id: u64,
    #[serde(default)]
    topic_slug: Option<String>,
}

/// The headers of an admin API key.
pub(super) fn headers(connection: &Connection, token: &Token) -> Vec<(&'static str, String)> {
    vec![
        ("api-key", token.reveal().to_owned()),
        ("api-username", connection.account.clone()),
    ]
}

const USERS: &str = "/admin/users/list/active.json";
const POSTS: &str = "/posts.json";
/// Stops a runaway listing (a forum that pages forever).
const MAX_PAGES: u32 = 100_000;

/// One page of the admin user list: proves the key is an admin key.
pub(super) async fn check(
    http: &mut Http<'_>,
    connection: &Connection,
) -> Result<String, ConnectorError> {
    let users: Vec<User> = http.get_json(USERS, &[("page", "1".to_owned())]).await?;
    Ok(format!(
        "Connected to {} as {}: the admin user list answers ({} on its first page)",
        connection.base_url,
        connection.account,
        users.len()
    ))
}

pub(super) async fn fetch(
    fetch: &mut Fetch<'_, '_>,
    connection: &Connection,
    cursor: Option<serde_json::Value>,
) -> Result<Fetched, ConnectorError> {
    let cursor: Cursor = read_cursor(cursor);
    let base = connection.base_url.trim_end_matches('/');
    let mut records = Vec::new();
    let newest_user_ms = users(fetch, base, cursor.newest_user_ms, &mut records).await?;
    let last_post_id = posts(fetch, base, cursor.last_post_id, &mut records).await?;
    for (i, record) in records.iter_mut().enumerate() {
        record.line = i as u64 + 1;
    }
    Ok(Fetched {
        records,
        cursor: write_cursor(&Cursor {
            last_post_id: last_post_id.max(cursor.last_post_id),
            newest_user_ms: newest_user_ms.max(cursor.newest_user_ms),
        }),
        time_zone: None,
        errors: Vec::new(),
    })
}

fn identity(base: &str, username: &str) -> IdentityIn {
    IdentityIn {
        platform: "discourse".to_owned(),
        handle: username.to_owned(),
        url: Some(format!("{base}/u/{username}")),
        followers: None,
    }
}

/// Users newest first, until a page reaches those the last sync saw.
async fn users(
    fetch: &mut Fetch<'_, '_>,
    base: &str,
    seen_until: Option<i64>,
    records: &mut Vec<SourceRecord>,
) -> Result<Option<i64>, ConnectorError> {
    let mut newest = None;
    for page in 1..=MAX_PAGES {
        let query = [
            ("page", page.to_string()),
            ("order", "created".to_owned()),
            ("show_emails", "true".to_owned()),
        ];
        let users: Vec<User> = fetch.http.get_json(USERS, &query).await?;
        if users.is_empty() {
            break;
        }
        let mut reached_seen = false;
        for user in &users {
            let joined = user.created_at.as_deref().and_then(time_ms);
            if let (Some(joined), Some(seen)) = (joined, seen_until)
                && joined <= seen
            {
                reached_seen = true;
                continue;
            }
            // Discourse's own accounts (system, discobot) have ids of 0 and below.
            if user.id <= 0 {
                continue;
            }
            newest = newest.max(joined);
            records.push(SourceRecord {
                person: PersonIn {
                    external_id: Some(user.id.to_string()),
                    display_name: user.name.clone().filter(|n| !n.trim().is_empty()),
                    email: user.email.clone(),
                    joined_at: joined,
                    identities: vec![identity(base, &user.username)],
                    ..PersonIn::default()
                },
                ..SourceRecord::default()
            });
        }
        fetch.read("forum users", users.len())?;
        if reached_seen {
            break;
        }
    }
    Ok(newest)
}

/// Posts newest first, paging back with `before`, until the last sync's highest post id.
async fn posts(
    fetch: &mut Fetch<'_, '_>,
    base: &str,
    last_seen: u64,
    records: &mut Vec<SourceRecord>,
) -> Result<u64, ConnectorError> {
    let mut highest = 0;
    let mut before: Option<u64> = None;
    for _ in 0..MAX_PAGES {
        let query: Vec<(&str, String)> = before
            .map(|b| vec![("before", b.to_string())])
            .unwrap_or_default();
        let page: Posts = fetch.http.get_json(POSTS, &query).await?;
        let Some(lowest) = page.latest_posts.iter().map(|p| p.id).min() else {
            break;
        };
        for post in page.latest_posts.iter().filter(|p| p.id > last_seen) {
            highest = highest.max(post.id);
            if let Some(record) = post_record(base, post) {
                records.push(record);
            }
        }
        fetch.read("forum posts", page.latest_posts.len())?;
        // Pages go back in time; a page that reaches the last sync, or does not go back, ends.
        if lowest <= last_seen.max(1) || before.is_some_and(|b| lowest >= b) {
            break;
        }
        before = Some(lowest);
    }
    Ok(highest)
}

fn post_record(base: &str, post: &Post) -> Option<SourceRecord> {
    let user_id = post.user_id.filter(|id| *id > 0)?;
    let occurred_at = time_ms(&post.created_at)?;
    let slug = post.topic_slug.as_deref().unwrap_or("topic");
    Some(SourceRecord {
        person: PersonIn {
            external_id: Some(user_id.to_string()),
            display_name: post.name.clone().filter(|n| !n.trim().is_empty()),
            identities: vec![identity(base, &post.username)],
            ..PersonIn::default()
        },
        activities: vec![ActivityIn {
            external_id: Some(format!("post:{}", post.id)),
            activity_type: if post.post_number == 1 {
                "post"
            } else {
                "comment"
            }
            .to_owned(),
            occurred_at,
            platform: Some("discourse".to_owned()),
            url: Some(format!(
                "{base}/t/{slug}/{}/{}",
                post.topic_id, post.post_number
            )),
        }],
        ..SourceRecord::default()
    })
}
