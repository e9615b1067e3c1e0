//! Reading events: the dashboard's upcoming list, the events list with counts, one event's
//! detail, and its registrations.

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{EventKind, EventStatus, RegistrationStatus, TicketType, ticket_types};
use crate::error::{CoreError, Result};
use crate::ids::{EventId, RegistrationId};

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

/// Which events to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum EventWhen {
    /// Not yet ended, soonest first.
    Upcoming,
    /// Ended, latest first.
    Past,
    /// Every event, latest first.
    All,
}

/// How many registrations an event has in each status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RegistrationCounts {
    pub going: u32,
    pub waitlist: u32,
    pub cancelled: u32,
    pub attended: u32,
    pub no_show: u32,
}

/// An event in the events list, with its registration counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EventListItem {
    pub id: String,
    pub title: String,
    pub kind: EventKind,
    pub status: EventStatus,
    #[ts(type = "number")]
    pub starts_at: i64,
    #[ts(type = "number")]
    pub ends_at: i64,
    pub time_zone: String,
    pub venue: Option<String>,
    pub address: Option<String>,
    pub url: Option<String>,
    #[ts(type = "number | null")]
    pub capacity: Option<i64>,
    pub description: Option<String>,
    pub currency: String,
    /// Events copied from one another share a series id.
    pub series_id: Option<String>,
    pub counts: RegistrationCounts,
}

const EVENT_COLUMNS: &str = "e.id, e.title, e.kind, e.status, e.starts_at, e.ends_at, e.time_zone,
    e.venue, e.address, e.url, e.capacity, e.description, e.currency, e.series_id,
    (SELECT count(*) FROM registrations r WHERE r.event_id = e.id AND r.status = 'going'),
    (SELECT count(*) FROM registrations r WHERE r.event_id = e.id AND r.status = 'waitlist'),
    (SELECT count(*) FROM registrations r WHERE r.event_id = e.id AND r.status = 'cancelled'),
    (SELECT count(*) FROM registrations r WHERE r.event_id = e.id AND r.status = 'attended'),
    (SELECT count(*) FROM registrations r WHERE r.event_id = e.id AND r.status = 'no_show')";

fn list_item(r: &rusqlite::Row<'_>) -> rusqlite::Result<EventListItem> {
    Ok(EventListItem {
        id: r.get(0)?,
        title: r.get(1)?,
        kind: EventKind::from_sql(&r.get::<_, String>(2)?),
        status: EventStatus::from_sql(&r.get::<_, String>(3)?),
        starts_at: r.get(4)?,
        ends_at: r.get(5)?,
        time_zone: r.get(6)?,
        venue: r.get(7)?,
        address: r.get(8)?,
        url: r.get(9)?,
        capacity: r.get(10)?,
        description: r.get(11)?,
        currency: r.get(12)?,
        series_id: r.get(13)?,
        counts: RegistrationCounts {
            going: r.get(14)?,
            waitlist: r.get(15)?,
            cancelled: r.get(16)?,
            attended: r.get(17)?,
            no_show: r.get(18)?,
        },
    })
}

/// Events with their registration counts: upcoming (not yet ended), past, or all.
pub fn list_events(conn: &Connection, now_ms: i64, when: EventWhen) -> Result<Vec<EventListItem>> {
    let filter = match when {
        EventWhen::Upcoming => "e.ends_at >= ?1 ORDER BY e.starts_at, e.id",
        EventWhen::Past => "e.ends_at < ?1 ORDER BY e.starts_at DESC, e.id",
        EventWhen::All => "?1 IS NOT NULL ORDER BY e.starts_at DESC, e.id",
    };
    let sql = format!("SELECT {EVENT_COLUMNS} FROM events e WHERE {filter}");
    let rows = conn
        .prepare_cached(&sql)?
        .query_map([now_ms], list_item)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// One event with its counts and ticket types.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EventDetail {
    pub event: EventListItem,
    pub ticket_types: Vec<TicketType>,
    /// Other events of the same series, oldest first.
    pub series: Vec<String>,
}

/// One event with its counts, ticket types and series.
pub fn event_detail(conn: &Connection, id: &EventId) -> Result<EventDetail> {
    let event = conn
        .prepare_cached(&format!(
            "SELECT {EVENT_COLUMNS} FROM events e WHERE e.id = ?1"
        ))?
        .query_row([id.as_str()], list_item)
        .optional()?
        .ok_or_else(|| CoreError::NotFound {
            what: "event",
            id: id.to_string(),
        })?;
    let series = match &event.series_id {
        Some(series) => conn
            .prepare_cached(
                "SELECT id FROM events WHERE series_id = ?1 AND id <> ?2 ORDER BY starts_at",
            )?
            .query_map([series.as_str(), id.as_str()], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?,
        None => Vec::new(),
    };
    Ok(EventDetail {
        ticket_types: ticket_types(conn, id)?,
        event,
        series,
    })
}

/// A registration with the member's name, as shown in the attendee list and at the door.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RegistrationRow {
    pub id: String,
    pub event_id: String,
    pub member_id: String,
    pub display_name: String,
    pub name_reading: Option<String>,
    pub email: Option<String>,
    pub status: RegistrationStatus,
    pub code: String,
    pub ticket_type: Option<String>,
    #[ts(type = "number | null")]
    pub price_minor: Option<i64>,
    pub currency: Option<String>,
    #[ts(type = "number")]
    pub registered_at: i64,
    /// Place in the waitlist order (lower moves up first); only meaningful while waitlisted.
    #[ts(type = "number | null")]
    pub waitlist_position: Option<i64>,
    #[ts(type = "number | null")]
    pub checked_in_at: Option<i64>,
    /// The device that checked the member in.
    pub checked_in_by: Option<String>,
}

pub(super) const REGISTRATION_COLUMNS: &str = "r.id, r.event_id, r.member_id, m.display_name,
    m.name_reading, m.email, r.status, coalesce(r.code, ''), r.ticket_type, r.price_minor,
    r.currency, r.registered_at, r.waitlist_position, r.checked_in_at, r.checked_in_by";

pub(super) fn registration_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<RegistrationRow> {
    Ok(RegistrationRow {
        id: r.get(0)?,
        event_id: r.get(1)?,
        member_id: r.get(2)?,
        display_name: r.get(3)?,
        name_reading: r.get(4)?,
        email: r.get(5)?,
        status: RegistrationStatus::from_sql(&r.get::<_, String>(6)?),
        code: r.get(7)?,
        ticket_type: r.get(8)?,
        price_minor: r.get(9)?,
        currency: r.get(10)?,
        registered_at: r.get(11)?,
        waitlist_position: r.get(12)?,
        checked_in_at: r.get(13)?,
        checked_in_by: r.get(14)?,
    })
}

/// Every registration of `event`: going and attended by name, then the waitlist in order,
/// then no-shows and cancellations.
pub fn list_registrations(conn: &Connection, event: &EventId) -> Result<Vec<RegistrationRow>> {
    let sql = format!(
        "SELECT {REGISTRATION_COLUMNS} FROM registrations r JOIN members m ON m.id = r.member_id
         WHERE r.event_id = ?1
         ORDER BY CASE r.status WHEN 'going' THEN 0 WHEN 'attended' THEN 0 WHEN 'waitlist' THEN 1
                  WHEN 'no_show' THEN 2 ELSE 3 END,
                  CASE WHEN r.status = 'waitlist' THEN r.waitlist_position END,
                  m.sort_key, r.id"
    );
    let rows = conn
        .prepare_cached(&sql)?
        .query_map([event.as_str()], registration_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// One registration.
pub fn registration(conn: &Connection, id: &RegistrationId) -> Result<RegistrationRow> {
    conn.prepare_cached(&format!(
        "SELECT {REGISTRATION_COLUMNS} FROM registrations r JOIN members m ON m.id = r.member_id
         WHERE r.id = ?1"
    ))?
    .query_row([id.as_str()], registration_row)
    .optional()?
    .ok_or_else(|| CoreError::NotFound {
        what: "registration",
        id: id.to_string(),
    })
}
