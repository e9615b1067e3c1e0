//! The HTTP layer every connector shares: one client with bounded timeouts, JSON pages from a
//! base URL the connection names (tests point it at 127.0.0.1), waits the platform asks for on
//! 429 (`Retry-After` in seconds or as a date, Discord's `retry_after` and
//! `X-RateLimit-Reset-After`), and a bounded exponential back-off on 5xx. Sleeping and "now" are
//! injected so tests do not wait.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use kizuna_core::{Clock, SystemClock};
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use reqwest::{StatusCode, Url};
use serde::de::DeserializeOwned;

use super::ConnectorError;

/// Timeouts and retry bounds of every request a connector makes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpSettings {
    /// How long to wait for the platform to accept the connection.
    pub connect_timeout: Duration,
    /// How long one request may take from start to the end of its body.
    pub request_timeout: Duration,
    /// Tries of one request when the platform answers 429 or 5xx (the first included).
    pub max_tries: u32,
    /// The first back-off after a 5xx; it doubles on each further try.
    pub first_backoff: Duration,
    /// The longest wait a 429 may ask for; a longer one stops the sync with `RateLimited`.
    pub longest_wait: Duration,
}

impl Default for HttpSettings {
    fn default() -> Self {
        Self {
            connect_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            max_tries: 4,
            first_backoff: Duration::from_secs(1),
            longest_wait: Duration::from_secs(120),
        }
    }
}

/// A future a [`Sleeper`] returns.
pub type SleepFuture<'a> = Pin<Box<dyn Future<Output = ()> + Send + 'a>>;

/// Waits between tries; tests record the waits instead of sleeping.
pub trait Sleeper: Send + Sync {
    /// Waits for `wait`.
    fn sleep(&self, wait: Duration) -> SleepFuture<'_>;
}

/// Sleeps on the tokio timer.
#[derive(Debug, Default, Clone, Copy)]
pub struct TokioSleeper;

impl Sleeper for TokioSleeper {
    fn sleep(&self, wait: Duration) -> SleepFuture<'_> {
        Box::pin(tokio::time::sleep(wait))
    }
}

/// What a connector runs with: timeouts, the sleeper and the clock (for `Retry-After` dates).
#[derive(Clone)]
pub struct ConnectorEnv {
    pub http: HttpSettings,
    pub sleeper: Arc<dyn Sleeper>,
    pub clock: Arc<dyn Clock>,
}

impl Default for ConnectorEnv {
    fn default() -> Self {
        Self {
            http: HttpSettings::default(),
            sleeper: Arc::new(TokioSleeper),
            clock: Arc::new(SystemClock),
        }
    }
}

impl std::fmt::Debug for ConnectorEnv {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ConnectorEnv")
            .field("http", &self.http)
            .finish_non_exhaustive()
    }
}

/// A client for one platform account: base URL, auth headers, and the count of requests.
pub(crate) struct Http<'a> {
    client: reqwest::Client,
    base: String,
    headers: HeaderMap,
    env: &'a ConnectorEnv,
    /// Requests sent so far (tries included).
    pub requests: u32,
}

impl<'a> Http<'a> {
    /// A client for `base_url` sending `headers` (marked sensitive, so never logged).
    pub fn new(
        base_url: &str,
        headers: &[(&'static str, String)],
        env: &'a ConnectorEnv,
    ) -> Result<Self, ConnectorError> {
        let client = reqwest::Client::builder()
            .connect_timeout(env.http.connect_timeout)
            .timeout(env.http.request_timeout)
            .user_agent(concat!("Kizuna/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| ConnectorError::Network {
                endpoint: base_url.to_owned(),
                detail: e.to_string(),
            })?;
        let mut map = HeaderMap::new();
        for (name, value) in headers {
            let mut value = HeaderValue::from_str(value).map_err(|_| {
                ConnectorError::InvalidInput(kizuna_core::invalid_reason!(
                    "connections.tokenNotHeader",
                    "the token has characters an HTTP header cannot carry; paste it again"
                ))
            })?;
            value.set_sensitive(true);
            map.insert(HeaderName::from_static(name), value);
        }
        Ok(Self {
            client,
            base: base_url.trim_end_matches('/').to_owned(),
            headers: map,
            env,
            requests: 0,
        })
    }

    /// GETs `path` (relative to the base URL) with `query` and reads its JSON body.
    pub async fn get_json<T: DeserializeOwned>(
        &mut self,
        path: &str,
        query: &[(&str, String)],
    ) -> Result<T, ConnectorError> {
        let endpoint = format!("GET {path}");
        let body = self.get(path, query, &endpoint).await?;
        serde_json::from_slice(&body).map_err(|e| ConnectorError::Malformed {
            what: endpoint,
            detail: e.to_string(),
        })
    }

    async fn get(
        &mut self,
        path: &str,
        query: &[(&str, String)],
        endpoint: &str,
    ) -> Result<Vec<u8>, ConnectorError> {
        let mut url = Url::parse(&format!("{}{path}", self.base)).map_err(|e| {
            ConnectorError::InvalidInput(kizuna_core::invalid_reason!(
                "connections.badAddress",
                "the address {address} is not valid: {e}",
                address = self.base,
                e
            ))
        })?;
        if !query.is_empty() {
            url.query_pairs_mut()
                .extend_pairs(query.iter().map(|(k, v)| (*k, v.as_str())));
        }
        let settings = &self.env.http;
        let mut tries = 0;
        loop {
            tries += 1;
            self.requests += 1;
            let response = self
                .client
                .get(url.clone())
                .headers(self.headers.clone())
                .send()
                .await
                .map_err(|e| network(endpoint, settings, &e))?;
            let status = response.status();
            let headers = response.headers().clone();
            let body = response
                .bytes()
                .await
                .map_err(|e| network(endpoint, settings, &e))?;
            if status.is_success() {
                self.pause_when_spent(&headers).await;
                return Ok(body.to_vec());
            }
            let endpoint = endpoint.to_owned();
            let wait = match status {
                StatusCode::UNAUTHORIZED => return Err(ConnectorError::Unauthorized { endpoint }),
                StatusCode::FORBIDDEN => return Err(ConnectorError::Forbidden { endpoint }),
                StatusCode::NOT_FOUND => return Err(ConnectorError::NotFound { endpoint }),
                StatusCode::TOO_MANY_REQUESTS => {
                    let asked = wait_asked(&headers, &body, self.env.clock.now());
                    if tries >= settings.max_tries
                        || asked.is_some_and(|w| w > settings.longest_wait)
                    {
                        return Err(ConnectorError::RateLimited {
                            endpoint,
                            wait_secs: asked.map(|w| w.as_secs_f64().ceil() as u64),
                        });
                    }
                    asked.unwrap_or_else(|| backoff(settings, tries))
                }
                s if s.is_server_error() => {
                    if tries >= settings.max_tries {
                        return Err(ConnectorError::Server {
                            endpoint,
                            status: s.as_u16(),
                            tries,
                        });
                    }
                    wait_asked(&headers, &body, self.env.clock.now())
                        .filter(|w| *w <= settings.longest_wait)
                        .unwrap_or_else(|| backoff(settings, tries))
                }
                s => {
                    return Err(ConnectorError::Refused {
                        endpoint,
                        status: s.as_u16(),
                    });
                }
            };
            self.env.sleeper.sleep(wait).await;
        }
    }

    /// Discord says when a bucket is spent (`X-RateLimit-Remaining: 0`): wait it out before
    /// the next request instead of being refused.
    async fn pause_when_spent(&self, headers: &HeaderMap) {
        let spent = header_text(headers, "x-ratelimit-remaining").is_some_and(|r| r.trim() == "0");
        if let Some(wait) = spent
            .then(|| header_text(headers, "x-ratelimit-reset-after"))
            .flatten()
            .and_then(|s| seconds(&s))
            .filter(|w| *w <= self.env.http.longest_wait)
        {
            self.env.sleeper.sleep(wait).await;
        }
    }
}

fn network(endpoint: &str, settings: &HttpSettings, e: &reqwest::Error) -> ConnectorError {
    if e.is_timeout() {
        return ConnectorError::TimedOut {
            endpoint: endpoint.to_owned(),
            after_secs: settings.request_timeout.as_secs_f64(),
        };
    }
    // reqwest's message names the URL, which never carries a token (tokens go in headers).
    let mut detail = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        detail = format!("{detail}: {s}");
        source = s.source();
    }
    ConnectorError::Network {
        endpoint: endpoint.to_owned(),
        detail,
    }
}

fn backoff(settings: &HttpSettings, tries: u32) -> Duration {
    settings
        .first_backoff
        .saturating_mul(1 << (tries.saturating_sub(1)).min(16))
}

fn header_text(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

/// A wait written as seconds (`3`, `1.25`).
fn seconds(text: &str) -> Option<Duration> {
    text.trim()
        .parse::<f64>()
        .ok()
        .filter(|s| s.is_finite() && *s >= 0.0)
        .map(Duration::from_secs_f64)
}

/// The wait a 429 (or 503) asks for: Discord's JSON `retry_after` (the most precise), then
/// `X-RateLimit-Reset-After`, then `Retry-After` as seconds or an HTTP date.
pub(crate) fn wait_asked(headers: &HeaderMap, body: &[u8], now: DateTime<Utc>) -> Option<Duration> {
    #[derive(serde::Deserialize)]
    struct Limited {
        retry_after: f64,
    }
    if let Ok(limited) = serde_json::from_slice::<Limited>(body)
        && limited.retry_after.is_finite()
        && limited.retry_after >= 0.0
    {
        return Some(Duration::from_secs_f64(limited.retry_after));
    }
    if let Some(wait) = header_text(headers, "x-ratelimit-reset-after").and_then(|s| seconds(&s)) {
        return Some(wait);
    }
    let retry_after = header_text(headers, "retry-after")?;
    if let Some(wait) = seconds(&retry_after) {
        return Some(wait);
    }
    let at = DateTime::parse_from_rfc2822(retry_after.trim()).ok()?;
    Some(
        (at.with_timezone(&Utc) - now)
            .to_std()
            .unwrap_or(Duration::ZERO),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (k, v) in pairs {
            map.insert(*k, HeaderValue::from_str(v).expect("header"));
        }
        map
    }

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0)
            .single()
            .expect("time")
    }

    #[test]
    fn retry_after_in_seconds_and_as_a_date() {
        let h = headers(&[("retry-after", "7")]);
        assert_eq!(wait_asked(&h, b"", now()), Some(Duration::from_secs(7)));
        let h = headers(&[("retry-after", "Mon, 23 Nov 2026 09:00:42 GMT")]);
        assert_eq!(wait_asked(&h, b"", now()), Some(Duration::from_secs(42)));
        let h = headers(&[("retry-after", "Mon, 23 Nov 2026 08:00:00 GMT")]);
        assert_eq!(wait_asked(&h, b"", now()), Some(Duration::ZERO));
    }

    #[test]
    fn discords_json_retry_after_wins_over_the_rounded_header() {
        let h = headers(&[("retry-after", "2"), ("x-ratelimit-reset-after", "1.9")]);
        let body = br#"{"message":"You are being rate limited.","retry_after":1.5,"global":false}"#;
        assert_eq!(
            wait_asked(&h, body, now()),
            Some(Duration::from_millis(1500))
        );
        assert_eq!(
            wait_asked(&h, b"{}", now()),
            Some(Duration::from_millis(1900))
        );
    }

    #[test]
    fn back_off_doubles_from_the_first_wait() {
        let s = HttpSettings::default();
        let waits: Vec<u64> = (1..=3).map(|t| backoff(&s, t).as_secs()).collect();
        assert_eq!(waits, [1, 2, 4]);
    }
}
