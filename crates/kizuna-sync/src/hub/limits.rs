//! Request rate limits of one hub process: each token gets its own budget, and requests that
//! carry no token, or a token the hub refused, share a budget per client address. A request
//! over budget gets `429 Too Many Requests` with `Retry-After` (whole seconds) before its body
//! is read or the database is asked anything.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use axum::Json;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use serde_json::json;

use super::teams::token_hash;

/// Requests per minute one token (or one client address without a valid token) may make by
/// default.
pub const DEFAULT_PER_MINUTE: u32 = 300;
/// How many requests may come at once before the per-minute pace applies, by default.
pub const DEFAULT_BURST: u32 = 60;

/// How many requests one token or one client address may make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    /// The sustained pace; 0 turns rate limiting off.
    pub per_minute: u32,
    /// How many requests may come at once.
    pub burst: u32,
}

impl Default for RateLimit {
    fn default() -> Self {
        Self {
            per_minute: DEFAULT_PER_MINUTE,
            burst: DEFAULT_BURST,
        }
    }
}

impl RateLimit {
    /// No limit (for tests that sync many times through one hub).
    pub const OFF: RateLimit = RateLimit {
        per_minute: 0,
        burst: 0,
    };
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    /// The SHA-256 of a bearer token.
    Token(String),
    /// A client address, for requests without a valid token.
    Address(IpAddr),
}

/// The budgets of every key seen lately.
pub(super) struct Limiter {
    limiter: DefaultKeyedRateLimiter<Key>,
    checks: AtomicU64,
}

/// Keys idle long enough to have a full budget again are forgotten every so many requests.
const FORGET_EVERY: u64 = 4096;

impl Limiter {
    /// A limiter for `limit`, or none when it is off.
    pub(super) fn new(limit: RateLimit) -> Option<Arc<Self>> {
        let per_minute = NonZeroU32::new(limit.per_minute)?;
        let burst = NonZeroU32::new(limit.burst.max(1)).unwrap_or(NonZeroU32::MIN);
        Some(Arc::new(Self {
            limiter: RateLimiter::keyed(Quota::per_minute(per_minute).allow_burst(burst)),
            checks: AtomicU64::new(0),
        }))
    }

    /// `Err(wait)` when `key` is over its budget.
    fn check(&self, key: &Key) -> Result<(), Duration> {
        if self.checks.fetch_add(1, Ordering::Relaxed) % FORGET_EVERY == FORGET_EVERY - 1 {
            self.limiter.retain_recent();
        }
        self.limiter
            .check_key(key)
            .map_err(|not_until| not_until.wait_time_from(DefaultClock::default().now()))
    }
}

fn bearer(request: &Request) -> Option<&str> {
    request
        .headers()
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(str::trim)
        .filter(|t| !t.is_empty())
}

/// 429 with the whole seconds to wait in `Retry-After` (at least 1).
fn too_many(wait: Duration, whose: &str) -> Response {
    let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    let seconds = seconds.max(1);
    let mut response = (
        StatusCode::TOO_MANY_REQUESTS,
        Json(json!({
            "error": format!("too many requests from {whose}; try again in {seconds} s")
        })),
    )
        .into_response();
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
    response
}

/// The middleware: charge the request's token (or its address), and charge the address too when
/// the hub refused the token, so guessing tokens is as slow as sending none.
pub(super) async fn limit(
    State(limiter): State<Arc<Limiter>>,
    request: Request,
    next: Next,
) -> Response {
    let address = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |c| c.0.ip());
    let token = bearer(&request).map(token_hash);
    let key = match &token {
        Some(hash) => Key::Token(hash.clone()),
        None => Key::Address(address),
    };
    if let Err(wait) = limiter.check(&key) {
        return too_many(
            wait,
            if token.is_some() {
                "this token"
            } else {
                "this address"
            },
        );
    }
    let response = next.run(request).await;
    if token.is_some()
        && response.status() == StatusCode::UNAUTHORIZED
        && let Err(wait) = limiter.check(&Key::Address(address))
    {
        return too_many(wait, "this address");
    }
    response
}
