//! Creating, editing and copying events, with every rule checked before anything is written.

use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{EventKind, EventStatus, SEAT_STATUSES, tickets, waitlist};
use crate::error::{CoreError, Result};
use crate::ids::EventId;
use crate::money::Money;
use crate::store::{SyncedTable, Writer};

/// What an event is: used to create one and to edit one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewEvent {
    pub title: String,
    pub kind: EventKind,
    /// Unix milliseconds (UTC); shown in `time_zone`.
    #[ts(type = "number")]
    pub starts_at: i64,
    #[ts(type = "number")]
    pub ends_at: i64,
    /// IANA zone the event is held in, e.g. "Asia/Tokyo".
    pub time_zone: String,
    pub venue: Option<String>,
    pub address: Option<String>,
    pub url: Option<String>,
    /// Seats; `None` means no limit.
    #[ts(type = "number | null")]
    pub capacity: Option<i64>,
    pub status: EventStatus,
    pub description: Option<String>,
    /// ISO 4217 code of the event's money; `None` means JPY.
    pub currency: Option<String>,
}

/// The default currency of an event's money.
const DEFAULT_CURRENCY: &str = "JPY";

impl NewEvent {
    fn currency_code(&self) -> Result<String> {
        let code = self
            .currency
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .unwrap_or(DEFAULT_CURRENCY)
            .to_uppercase();
        Money::new(0, &code)?;
        Ok(code)
    }

    /// Checks every rule, so nothing is written when one is broken.
    fn validate(&self) -> Result<()> {
        if self.title.trim().is_empty() {
            return Err(crate::invalid!("events.noTitle", "an event needs a title"));
        }
        if self.time_zone.trim().parse::<chrono_tz::Tz>().is_err() {
            return Err(crate::invalid!(
                "events.unknownZone",
                "\"{zone}\" is not a known time zone; use an IANA name such as Asia/Tokyo",
                zone = self.time_zone
            ));
        }
        if self.ends_at < self.starts_at {
            return Err(crate::invalid!(
                "events.endBeforeStart",
                "an event cannot end before it starts"
            ));
        }
        if let Some(capacity) = self.capacity.filter(|c| *c < 0) {
            return Err(crate::invalid!(
                "events.negativeCapacity",
                "capacity cannot be negative (got {capacity})",
                capacity
            ));
        }
        if let Some(url) = self.url.as_deref().map(str::trim).filter(|u| !u.is_empty())
            && !(url.starts_with("https://") || url.starts_with("http://"))
        {
            return Err(crate::invalid!(
                "events.notUrl",
                "\"{url}\" is not a web address (http:// or https://)",
                url
            ));
        }
        self.currency_code().map(|_| ())
    }

    fn cells(&self) -> Result<Vec<(&'static str, Value)>> {
        let text = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map_or(Value::Null, |s| Value::Text(s.to_owned()))
        };
        Ok(vec![
            ("title", Value::Text(self.title.trim().to_owned())),
            ("kind", Value::Text(self.kind.as_sql().to_owned())),
            ("starts_at", Value::Integer(self.starts_at)),
            ("ends_at", Value::Integer(self.ends_at)),
            ("time_zone", Value::Text(self.time_zone.trim().to_owned())),
            ("venue", text(&self.venue)),
            ("address", text(&self.address)),
            ("url", text(&self.url)),
            (
                "capacity",
                self.capacity.map_or(Value::Null, Value::Integer),
            ),
            ("status", Value::Text(self.status.as_sql().to_owned())),
            ("description", text(&self.description)),
            ("currency", Value::Text(self.currency_code()?)),
        ])
    }
}

/// Creates an event.
pub fn create_event(w: &mut Writer<'_>, new: &NewEvent) -> Result<EventId> {
    create_event_with_id(w, EventId::new(), new)
}

/// Creates an event under a given id (imports derive it from the platform's event id, so two
/// replicas importing the same file create the same event).
pub fn create_event_with_id(w: &mut Writer<'_>, id: EventId, new: &NewEvent) -> Result<EventId> {
    new.validate()?;
    w.insert(SyncedTable::Events, id.as_str(), &new.cells()?)?;
    Ok(id)
}

/// Edits an event. Capacity cannot drop below the seats already taken; when it rises, the
/// waitlist moves up into the new seats.
pub fn update_event(w: &mut Writer<'_>, id: &EventId, new: &NewEvent) -> Result<()> {
    new.validate()?;
    let (old, _) = load(w.tx(), id)?;
    let taken = seats_taken(w.tx(), id)?;
    if let Some(capacity) = new.capacity.filter(|c| *c < taken) {
        return Err(crate::invalid!(
            "events.capacityTaken",
            "{taken} members already hold seats, so capacity cannot go down to {capacity}",
            taken,
            capacity
        ));
    }
    let currency = new.currency_code()?;
    if old.currency.as_deref() != Some(currency.as_str())
        && !tickets::ticket_types(w.tx(), id)?.is_empty()
    {
        return Err(crate::invalid!(
            "events.currencyLocked",
            "the ticket types are priced in {priced}; the currency cannot change to {currency}",
            priced = old.currency.unwrap_or_default(),
            currency
        ));
    }
    w.update(SyncedTable::Events, id.as_str(), &new.cells()?)?;
    waitlist::fill_free_seats(w, id).map(|_| ())
}

/// Copies `source` as a template for the next event of its series: same details and ticket
/// types, its budget's planned lines, new dates, status draft, no registrations. Returns the new event.
pub fn copy_event(
    w: &mut Writer<'_>,
    source: &EventId,
    starts_at: i64,
    ends_at: i64,
) -> Result<EventId> {
    let (mut new, series) = load(w.tx(), source)?;
    new.starts_at = starts_at;
    new.ends_at = ends_at;
    new.status = EventStatus::Draft;
    let copy = create_event(w, &new)?;
    let series = match series {
        Some(series) => series,
        None => {
            let series = source.to_string();
            w.update(
                SyncedTable::Events,
                source.as_str(),
                &[("series_id", Value::Text(series.clone()))],
            )?;
            series
        }
    };
    w.update(
        SyncedTable::Events,
        copy.as_str(),
        &[("series_id", Value::Text(series))],
    )?;
    tickets::copy_ticket_types(w, source, &copy)?;
    crate::budget::copy_budget(w, source.as_str(), copy.as_str())?;
    Ok(copy)
}

/// An event as stored, with its series id.
pub(super) fn load(tx: &Transaction<'_>, id: &EventId) -> Result<(NewEvent, Option<String>)> {
    tx.prepare_cached(
        "SELECT title, kind, starts_at, ends_at, time_zone, venue, address, url, capacity,
                status, description, currency, series_id
         FROM events WHERE id = ?1",
    )?
    .query_row([id.as_str()], |r| {
        Ok((
            NewEvent {
                title: r.get(0)?,
                kind: EventKind::from_sql(&r.get::<_, String>(1)?),
                starts_at: r.get(2)?,
                ends_at: r.get(3)?,
                time_zone: r.get(4)?,
                venue: r.get(5)?,
                address: r.get(6)?,
                url: r.get(7)?,
                capacity: r.get(8)?,
                status: EventStatus::from_sql(&r.get::<_, String>(9)?),
                description: r.get(10)?,
                currency: r.get(11)?,
            },
            r.get(12)?,
        ))
    })
    .optional()?
    .ok_or_else(|| CoreError::NotFound {
        what: "event",
        id: id.to_string(),
    })
}

/// Registrations holding one of the event's seats.
pub(super) fn seats_taken(tx: &Transaction<'_>, id: &EventId) -> Result<i64> {
    Ok(tx
        .prepare_cached(&format!(
            "SELECT count(*) FROM registrations WHERE event_id = ?1 AND status IN {SEAT_STATUSES}"
        ))?
        .query_row([id.as_str()], |r| r.get(0))?)
}

/// Reads a time typed for an event: RFC 3339, or "YYYY-MM-DD HH:MM" on the clock of `zone`.
pub fn parse_event_time(text: &str, zone: &str) -> Result<i64> {
    use chrono::TimeZone;
    let text = text.trim();
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(text) {
        return Ok(t.timestamp_millis());
    }
    let tz: chrono_tz::Tz = zone.trim().parse().map_err(|_| {
        crate::invalid!(
            "events.unknownZone",
            "\"{zone}\" is not a known time zone; use an IANA name such as Asia/Tokyo",
            zone
        )
    })?;
    chrono::NaiveDateTime::parse_from_str(&text.replace('T', " "), "%Y-%m-%d %H:%M")
        .ok()
        .and_then(|naive| tz.from_local_datetime(&naive).earliest())
        .map(|t| t.timestamp_millis())
        .ok_or_else(|| {
            crate::invalid!(
                "events.notTime",
                "\"{text}\" is not a time; write it as 2026-05-30 18:30 (in {zone}) or RFC 3339",
                text,
                zone
            )
        })
}

/// A time on the clock of `zone`, e.g. "2026-05-30 18:30" (UTC when the zone is unknown).
pub fn format_event_time(ms: i64, zone: &str) -> String {
    use chrono::TimeZone;
    let tz: chrono_tz::Tz = zone.trim().parse().unwrap_or(chrono_tz::UTC);
    tz.timestamp_millis_opt(ms)
        .single()
        .map_or_else(String::new, |t| t.format("%Y-%m-%d %H:%M").to_string())
}
