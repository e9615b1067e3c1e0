//! Events and registrations (the events issue adds check-in, waitlists and budgets).

use rusqlite::types::Value;
use rusqlite::{Connection, params};
use serde::Serialize;
use ts_rs::TS;

use crate::error::{CoreError, Result};
use crate::ids::{EventId, MemberId, RegistrationId};
use crate::store::{SyncedTable, Writer};

/// Where an event happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum EventKind {
    InPerson,
    Online,
    Hybrid,
}

impl EventKind {
    fn as_sql(self) -> &'static str {
        match self {
            EventKind::InPerson => "in_person",
            EventKind::Online => "online",
            EventKind::Hybrid => "hybrid",
        }
    }

    fn from_sql(s: &str) -> Self {
        match s {
            "online" => EventKind::Online,
            "hybrid" => EventKind::Hybrid,
            _ => EventKind::InPerson,
        }
    }
}

/// An event's lifecycle state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventStatus {
    Draft,
    Published,
    Done,
    Cancelled,
}

impl EventStatus {
    fn as_sql(self) -> &'static str {
        match self {
            EventStatus::Draft => "draft",
            EventStatus::Published => "published",
            EventStatus::Done => "done",
            EventStatus::Cancelled => "cancelled",
        }
    }
}

/// What is needed to create an event.
#[derive(Debug, Clone)]
pub struct NewEvent {
    pub title: String,
    pub kind: EventKind,
    pub starts_at: i64,
    pub ends_at: i64,
    /// IANA zone the event is held in, e.g. "Asia/Tokyo".
    pub time_zone: String,
    pub venue: Option<String>,
    pub url: Option<String>,
    pub capacity: Option<u32>,
    pub status: EventStatus,
    pub description: Option<String>,
}

/// Creates an event.
pub fn create_event(w: &mut Writer<'_>, new: &NewEvent) -> Result<EventId> {
    if new.title.trim().is_empty() {
        return Err(CoreError::InvalidInput("an event needs a title".to_owned()));
    }
    if new.ends_at < new.starts_at {
        return Err(CoreError::InvalidInput(
            "an event cannot end before it starts".to_owned(),
        ));
    }
    let id = EventId::new();
    let opt = |v: &Option<String>| v.clone().map_or(Value::Null, Value::Text);
    w.insert(
        SyncedTable::Events,
        id.as_str(),
        &[
            ("title", Value::Text(new.title.trim().to_owned())),
            ("kind", Value::Text(new.kind.as_sql().to_owned())),
            ("starts_at", Value::Integer(new.starts_at)),
            ("ends_at", Value::Integer(new.ends_at)),
            ("time_zone", Value::Text(new.time_zone.clone())),
            ("venue", opt(&new.venue)),
            ("url", opt(&new.url)),
            (
                "capacity",
                new.capacity
                    .map_or(Value::Null, |c| Value::Integer(c.into())),
            ),
            ("status", Value::Text(new.status.as_sql().to_owned())),
            ("description", opt(&new.description)),
        ],
    )?;
    Ok(id)
}

/// A member's place at an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegistrationStatus {
    Going,
    Waitlist,
    Cancelled,
    Attended,
    NoShow,
}

impl RegistrationStatus {
    fn as_sql(self) -> &'static str {
        match self {
            RegistrationStatus::Going => "going",
            RegistrationStatus::Waitlist => "waitlist",
            RegistrationStatus::Cancelled => "cancelled",
            RegistrationStatus::Attended => "attended",
            RegistrationStatus::NoShow => "no_show",
        }
    }
}

/// Registers a member for an event.
pub fn register(
    w: &mut Writer<'_>,
    event: &EventId,
    member: &MemberId,
    status: RegistrationStatus,
    registered_at: i64,
    checked_in_at: Option<i64>,
) -> Result<RegistrationId> {
    let id = RegistrationId::new();
    w.insert(
        SyncedTable::Registrations,
        id.as_str(),
        &[
            ("event_id", Value::Text(event.to_string())),
            ("member_id", Value::Text(member.to_string())),
            ("status", Value::Text(status.as_sql().to_owned())),
            ("registered_at", Value::Integer(registered_at)),
            (
                "checked_in_at",
                checked_in_at.map_or(Value::Null, Value::Integer),
            ),
        ],
    )?;
    Ok(id)
}

/// An event as listed on the dashboard.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EventSummary {
    pub id: String,
    pub title: String,
    pub kind: EventKind,
    #[ts(type = "number")]
    pub starts_at: i64,
    pub time_zone: String,
    pub venue: Option<String>,
    pub capacity: Option<u32>,
    /// Registrations that are going (or already attended).
    pub going: u32,
}

const UPCOMING: &str = "starts_at >= ?1 AND status IN ('draft', 'published')";

/// The next events that are not cancelled, soonest first.
pub fn upcoming_events(conn: &Connection, now_ms: i64, limit: u32) -> Result<Vec<EventSummary>> {
    let sql = format!(
        "SELECT e.id, e.title, e.kind, e.starts_at, e.time_zone, e.venue, e.capacity,
                (SELECT count(*) FROM registrations r
                 WHERE r.event_id = e.id AND r.status IN ('going', 'attended'))
         FROM events e WHERE {UPCOMING} ORDER BY starts_at LIMIT ?2"
    );
    let rows = conn
        .prepare_cached(&sql)?
        .query_map(params![now_ms, limit], |r| {
            Ok(EventSummary {
                id: r.get(0)?,
                title: r.get(1)?,
                kind: EventKind::from_sql(&r.get::<_, String>(2)?),
                starts_at: r.get(3)?,
                time_zone: r.get(4)?,
                venue: r.get(5)?,
                capacity: r.get(6)?,
                going: r.get(7)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// How many events are still to come.
pub fn count_upcoming(conn: &Connection, now_ms: i64) -> Result<u32> {
    Ok(conn
        .prepare_cached(&format!("SELECT count(*) FROM events WHERE {UPCOMING}"))?
        .query_row([now_ms], |r| r.get(0))?)
}
