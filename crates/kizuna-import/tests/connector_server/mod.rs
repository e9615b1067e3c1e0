//! A local stand-in for Discourse, Discord and Eventbrite: a real HTTP server on 127.0.0.1
//! serving their documented JSON shapes with their paging (page size 2, so paging happens),
//! checking each platform's auth header, logging every request, and failing on script
//! (status codes, rate limits, garbage, slowness).

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::Response;
use serde_json::{Value, json};

pub mod harness;
pub mod payloads;

pub const TOKEN: &str = "tok-SECRET-5b1f9a27c3d84e6f";
pub const DISCOURSE_USER: &str = "system";
pub const GUILD: &str = "81384788765712384";
pub const ORG: &str = "314159265";
const PAGE: usize = 2;

/// A response the server gives instead of the normal one.
#[derive(Debug, Clone)]
pub enum Scripted {
    Status(u16),
    /// A 429 with these headers and JSON body.
    RateLimited {
        headers: Vec<(&'static str, String)>,
        body: Value,
    },
    /// 200 with a body that is not the JSON asked for.
    Garbage,
    /// Answers normally after this long.
    Slow(Duration),
}

/// One request the server saw.
#[derive(Debug, Clone)]
pub struct Seen {
    pub path: String,
    pub query: HashMap<String, String>,
}

/// What the platforms hold, and the script.
#[derive(Default)]
pub struct Platform {
    pub discourse_users: Vec<Value>,
    pub discourse_posts: Vec<Value>,
    pub discord_members: Vec<Value>,
    pub discord_channels: Vec<Value>,
    pub discord_messages: HashMap<String, Vec<Value>>,
    pub eventbrite_events: Vec<Value>,
    pub eventbrite_attendees: HashMap<String, Vec<Value>>,
    pub seen: Vec<Seen>,
    pub script: VecDeque<Scripted>,
    pub always: Option<Scripted>,
}

pub struct TestServer {
    pub origin: String,
    pub platform: Arc<Mutex<Platform>>,
}

impl TestServer {
    pub async fn start(platform: Platform) -> Self {
        let platform = Arc::new(Mutex::new(platform));
        let app = Router::new().fallback(answer).with_state(platform.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Self {
            origin: format!("http://{addr}"),
            platform,
        }
    }

    pub fn with<T>(&self, f: impl FnOnce(&mut Platform) -> T) -> T {
        f(&mut self.platform.lock().expect("lock"))
    }

    /// Requests seen so far, and forgets them.
    pub fn take_seen(&self) -> Vec<Seen> {
        self.with(|p| std::mem::take(&mut p.seen))
    }

    pub fn script(&self, steps: impl IntoIterator<Item = Scripted>) {
        self.with(|p| p.script.extend(steps));
    }
}

type Shared = Arc<Mutex<Platform>>;

async fn answer(State(platform): State<Shared>, uri: Uri, headers: HeaderMap) -> Response {
    let path = uri.path().to_owned();
    let query: HashMap<String, String> = uri
        .query()
        .map(|q| {
            q.split('&')
                .filter_map(|pair| pair.split_once('='))
                .map(|(k, v)| (k.to_owned(), decode(v)))
                .collect()
        })
        .unwrap_or_default();
    let scripted = {
        let mut p = platform.lock().expect("lock");
        p.seen.push(Seen {
            path: path.clone(),
            query: query.clone(),
        });
        p.script.pop_front().or_else(|| p.always.clone())
    };
    match scripted {
        Some(Scripted::Status(code)) => {
            return reply(code, &json!({"errors": ["scripted failure"]}), &[]);
        }
        Some(Scripted::RateLimited { headers, body }) => return reply(429, &body, &headers),
        Some(Scripted::Garbage) => {
            return Response::builder()
                .status(200)
                .header("content-type", "text/html")
                .body(Body::from("<html><body>Maintenance</body></html>"))
                .expect("response");
        }
        Some(Scripted::Slow(wait)) => tokio::time::sleep(wait).await,
        None => {}
    }
    if !authorised(&path, &headers) {
        return reply(
            401,
            &json!({"message": "401: Unauthorized", "code": 0}),
            &[],
        );
    }
    let p = platform.lock().expect("lock");
    match route(&p, &path, &query) {
        Some(body) => reply(200, &body, &[]),
        None => reply(404, &json!({"errors": ["not found"]}), &[]),
    }
}

fn decode(v: &str) -> String {
    let bytes = v.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("00");
                out.push(u8::from_str_radix(hex, 16).unwrap_or(b'?'));
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> &'a str {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

fn authorised(path: &str, headers: &HeaderMap) -> bool {
    if path.starts_with("/api/v10/") {
        header(headers, "authorization") == format!("Bot {TOKEN}")
    } else if path.starts_with("/v3/") {
        header(headers, "authorization") == format!("Bearer {TOKEN}")
    } else {
        header(headers, "api-key") == TOKEN && header(headers, "api-username") == DISCOURSE_USER
    }
}

fn reply(status: u16, body: &Value, headers: &[(&'static str, String)]) -> Response {
    let mut builder = Response::builder()
        .status(StatusCode::from_u16(status).expect("status"))
        .header("content-type", "application/json");
    for (k, v) in headers {
        builder = builder.header(*k, v);
    }
    builder
        .body(Body::from(body.to_string()))
        .expect("response")
}

fn num(v: &Value, key: &str) -> u64 {
    match &v[key] {
        Value::String(s) => s.parse().unwrap_or(0),
        other => other.as_u64().unwrap_or(0),
    }
}

fn route(p: &Platform, path: &str, q: &HashMap<String, String>) -> Option<Value> {
    let param = |k: &str| q.get(k).cloned();
    let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
    match parts.as_slice() {
        ["admin", "users", "list", "active.json"] => {
            let page: usize = param("page").and_then(|s| s.parse().ok()).unwrap_or(1);
            let mut users = p.discourse_users.clone();
            if param("order").as_deref() == Some("created") {
                users.sort_by(|a, b| b["created_at"].as_str().cmp(&a["created_at"].as_str()));
            }
            let start = page.saturating_sub(1) * PAGE;
            let rows: Vec<Value> = users.into_iter().skip(start).take(PAGE).collect();
            let show = param("show_emails").as_deref() == Some("true");
            Some(Value::Array(
                rows.into_iter()
                    .map(|mut u| {
                        if !show {
                            u["email"] = Value::Null;
                        }
                        u
                    })
                    .collect(),
            ))
        }
        ["posts.json"] => {
            let before: u64 = param("before")
                .and_then(|s| s.parse().ok())
                .unwrap_or(u64::MAX);
            let mut posts: Vec<Value> = p
                .discourse_posts
                .iter()
                .filter(|post| num(post, "id") < before)
                .cloned()
                .collect();
            posts.sort_by_key(|post| std::cmp::Reverse(num(post, "id")));
            posts.truncate(PAGE);
            Some(json!({ "latest_posts": posts }))
        }
        ["api", "v10", "guilds", g] if *g == GUILD => {
            Some(json!({"id": GUILD, "name": "Latte Lovers", "owner_id": "1"}))
        }
        ["api", "v10", "guilds", g, "members"] if *g == GUILD => {
            let after: u64 = param("after").and_then(|s| s.parse().ok()).unwrap_or(0);
            let limit: usize = param("limit").and_then(|s| s.parse().ok()).unwrap_or(1);
            let mut members: Vec<Value> = p
                .discord_members
                .iter()
                .filter(|m| num(&m["user"], "id") > after)
                .cloned()
                .collect();
            members.sort_by_key(|m| num(&m["user"], "id"));
            members.truncate(limit.min(PAGE));
            Some(Value::Array(members))
        }
        ["api", "v10", "guilds", g, "channels"] if *g == GUILD => {
            Some(Value::Array(p.discord_channels.clone()))
        }
        ["api", "v10", "channels", c, "messages"] => {
            let after: u64 = param("after").and_then(|s| s.parse().ok()).unwrap_or(0);
            let mut messages: Vec<Value> = p
                .discord_messages
                .get(*c)?
                .iter()
                .filter(|m| num(m, "id") > after)
                .cloned()
                .collect();
            // The oldest after `after`, returned newest first as Discord does.
            messages.sort_by_key(|m| num(m, "id"));
            messages.truncate(PAGE);
            messages.reverse();
            Some(Value::Array(messages))
        }
        ["v3", "organizations", o, "events"] if *o == ORG => {
            let (rows, pagination) = page_of(&p.eventbrite_events, param("continuation"));
            Some(json!({ "pagination": pagination, "events": rows }))
        }
        ["v3", "events", e, "attendees"] => {
            let since = param("changed_since").unwrap_or_default();
            let all: Vec<Value> = p
                .eventbrite_attendees
                .get(*e)?
                .iter()
                .filter(|a| a["changed"].as_str().unwrap_or("") >= since.as_str())
                .cloned()
                .collect();
            let (rows, pagination) = page_of(&all, param("continuation"));
            Some(json!({ "pagination": pagination, "attendees": rows }))
        }
        _ => None,
    }
}

/// Eventbrite's `pagination` object over `all`, continuing from `continuation`.
fn page_of(all: &[Value], continuation: Option<String>) -> (Vec<Value>, Value) {
    let start: usize = continuation
        .and_then(|c| c.trim_start_matches("c").parse().ok())
        .unwrap_or(0);
    let rows: Vec<Value> = all.iter().skip(start).take(PAGE).cloned().collect();
    let more = start + PAGE < all.len();
    let mut pagination = json!({
        "object_count": all.len(),
        "page_number": start / PAGE + 1,
        "page_size": PAGE,
        "page_count": all.len().div_ceil(PAGE).max(1),
        "has_more_items": more,
    });
    if more {
        pagination["continuation"] = json!(format!("c{}", start + PAGE));
    }
    (rows, pagination)
}
