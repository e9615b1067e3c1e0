//! Eventbrite: an organization's events and their attendees become events and registrations
//! (going, attended, cancelled) the way the Eventbrite attendee export does, over a private
//! OAuth token. Pages follow the documented `pagination` object (`has_more_items`,
//! `continuation`). The cursor is the time the last good sync started: attendees are asked
//! for with `changed_since` it, so new and changed registrations come and nothing else.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::http::Http;
use super::{
    Connection, ConnectorError, Fetch, Fetched, Token, read_cursor, time_ms, write_cursor,
};
use crate::record::{AttendanceIn, EventIn, PersonIn, RegistrationIn, SourceRecord};

/// Where the last sync stopped.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Cursor {
    /// When the last good sync started (RFC 3339, UTC, whole seconds).
    changed_since: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Pagination {
    #[serde(default)]
    has_more_items: bool,
    #[serde(default)]
    continuation: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Events {
    pagination: Pagination,
    events: Vec<Event>,
}

#[derive(Debug, Deserialize)]
struct Text {
    #[serde(default)]
    text: Option<String>,
}

#[derive(Debug, Deserialize)]
struct When {
    #[serde(default)]
    timezone: Option<String>,
    utc: String,
}

#[derive(Debug, Deserialize)]
struct Venue {
    #[serde(default)]
    name: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Event {
    id: String,
    name: Text,
    #[serde(default)]
    url: Option<String>,
    start: When,
    #[serde(default)]
    end: Option<When>,
    #[serde(default)]
    online_event: Option<bool>,
    #[serde(default)]
    venue: Option<Venue>,
}

#[derive(Debug, Deserialize)]
struct Attendees {
    pagination: Pagination,
    attendees: Vec<Attendee>,
}

#[derive(Debug, Deserialize)]
struct Money {
    currency: String,
    value: i64,
}

#[derive(Debug, Deserialize)]
struct Costs {
    #[serde(default)]
    gross: Option<Money>,
}

#[derive(Debug, Deserialize)]
struct Profile {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    first_name: Option<String>,
    #[serde(default)]
    last_name: Option<String>,
    #[serde(default)]
    email: Option<String>,
    #[serde(default)]
    cell_phone: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Barcode {
    status: String,
    #[serde(default)]
    changed: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Attendee {
    id: String,
    #[serde(default)]
    created: Option<String>,
    profile: Profile,
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    checked_in: bool,
    #[serde(default)]
    cancelled: bool,
    #[serde(default)]
    refunded: bool,
    #[serde(default)]
    ticket_class_name: Option<String>,
    #[serde(default)]
    costs: Option<Costs>,
    #[serde(default)]
    barcodes: Vec<Barcode>,
}

const MAX_PAGES: u32 = 100_000;

pub(super) fn headers(token: &Token) -> Vec<(&'static str, String)> {
    vec![("authorization", format!("Bearer {}", token.reveal()))]
}

fn events_path(connection: &Connection) -> String {
    format!("/v3/organizations/{}/events/", connection.account)
}

/// The first event of the organization: proves the token reaches it.
pub(super) async fn check(
    http: &mut Http<'_>,
    connection: &Connection,
) -> Result<String, ConnectorError> {
    let page: Events = http
        .get_json(&events_path(connection), &[("page_size", "1".to_owned())])
        .await?;
    Ok(format!(
        "Connected to the Eventbrite organization {}{}",
        connection.account,
        if page.events.is_empty() {
            " (it has no events yet)"
        } else {
            ""
        }
    ))
}

/// Every page of a listing that pages with `continuation`.
async fn pages<T: DeserializeOwned>(
    fetch: &mut Fetch<'_, '_>,
    path: &str,
    query: &[(&str, String)],
    what: &str,
    mut take: impl FnMut(T) -> (Pagination, usize),
) -> Result<(), ConnectorError> {
    let mut continuation: Option<String> = None;
    for _ in 0..MAX_PAGES {
        let mut q = query.to_vec();
        if let Some(c) = &continuation {
            q.push(("continuation", c.clone()));
        }
        let page: T = fetch.http.get_json(path, &q).await?;
        let (pagination, count) = take(page);
        fetch.read(what, count)?;
        match pagination
            .continuation
            .filter(|_| pagination.has_more_items)
        {
            Some(next) if Some(&next) != continuation.as_ref() => continuation = Some(next),
            _ => break,
        }
    }
    Ok(())
}

pub(super) async fn fetch(
    fetch: &mut Fetch<'_, '_>,
    connection: &Connection,
    cursor: Option<serde_json::Value>,
    now: DateTime<Utc>,
) -> Result<Fetched, ConnectorError> {
    let cursor: Cursor = read_cursor(cursor);
    let mut events = Vec::new();
    pages(
        fetch,
        &events_path(connection),
        &[("expand", "venue".to_owned())],
        "events",
        |page: Events| {
            let count = page.events.len();
            events.extend(page.events);
            (page.pagination, count)
        },
    )
    .await?;
    let mut records = Vec::new();
    let mut query = Vec::new();
    if let Some(since) = &cursor.changed_since {
        query.push(("changed_since", since.clone()));
    }
    for event in &events {
        let event_in = event_in(event);
        let path = format!("/v3/events/{}/attendees/", event.id);
        let what = format!("attendees of {}", event_in.title);
        pages(fetch, &path, &query, &what, |page: Attendees| {
            let count = page.attendees.len();
            records.extend(page.attendees.iter().map(|a| record(a, &event_in)));
            (page.pagination, count)
        })
        .await?;
    }
    for (i, record) in records.iter_mut().enumerate() {
        record.line = i as u64 + 1;
    }
    let mut zones = events.iter().filter_map(|e| e.start.timezone.clone());
    let first_zone = zones.next();
    let time_zone = first_zone.filter(|z| zones.all(|other| &other == z));
    Ok(Fetched {
        records,
        cursor: write_cursor(&Cursor {
            changed_since: Some(now.to_rfc3339_opts(SecondsFormat::Secs, true)),
        }),
        time_zone,
        errors: Vec::new(),
    })
}

fn event_in(event: &Event) -> EventIn {
    EventIn {
        external_id: Some(event.id.clone()),
        title: event
            .name
            .text
            .clone()
            .filter(|t| !t.trim().is_empty())
            .unwrap_or_else(|| format!("Eventbrite event {}", event.id)),
        starts_at: time_ms(&event.start.utc),
        ends_at: event.end.as_ref().and_then(|e| time_ms(&e.utc)),
        online: event.online_event,
        venue: event.venue.as_ref().and_then(|v| v.name.clone()),
        url: event.url.clone(),
    }
}

fn status(a: &Attendee) -> AttendanceIn {
    if a.cancelled || a.refunded {
        return AttendanceIn::Cancelled;
    }
    if a.checked_in {
        return AttendanceIn::Attended;
    }
    match a.status.as_deref().map(str::to_lowercase).as_deref() {
        Some("checked in") => AttendanceIn::Attended,
        Some("not attending" | "deleted" | "cancelled" | "refunded") => AttendanceIn::Cancelled,
        _ => AttendanceIn::Going,
    }
}

fn record(a: &Attendee, event: &EventIn) -> SourceRecord {
    let p = &a.profile;
    let name = p.name.clone().filter(|n| !n.trim().is_empty()).or_else(|| {
        let parts: Vec<&str> = [p.first_name.as_deref(), p.last_name.as_deref()]
            .into_iter()
            .flatten()
            .filter(|s| !s.trim().is_empty())
            .collect();
        (!parts.is_empty()).then(|| parts.join(" "))
    });
    let gross = a.costs.as_ref().and_then(|c| c.gross.as_ref());
    let status = status(a);
    let checked_in_at = (status == AttendanceIn::Attended)
        .then(|| {
            a.barcodes
                .iter()
                .find(|b| b.status == "used")
                .and_then(|b| b.changed.as_deref())
                .and_then(time_ms)
        })
        .flatten();
    SourceRecord {
        line: 0,
        person: PersonIn {
            external_id: Some(a.id.clone()),
            display_name: name,
            email: p.email.clone(),
            phone: p.cell_phone.clone(),
            ..PersonIn::default()
        },
        event: Some(event.clone()),
        registration: Some(RegistrationIn {
            status,
            ticket_type: a.ticket_class_name.clone(),
            price_minor: gross.map(|g| g.value),
            currency: gross.map(|g| g.currency.to_uppercase()),
            registered_at: a.created.as_deref().and_then(time_ms),
            checked_in_at,
        }),
        activities: Vec::new(),
    }
}
