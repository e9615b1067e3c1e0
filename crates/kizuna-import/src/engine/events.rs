//! An attendee row's event (found or created), its registration, and the activities a record
//! carries. Registrations move forward only: an import can confirm, cancel or check in, but a
//! check-in recorded in Kizuna is never undone by an older export.

use kizuna_core::activities::{NewActivity, log_activity_with_id};
use kizuna_core::events::{
    EventKind, EventStatus, NewEvent, RegistrationStatus, create_event_with_id, register,
};
use kizuna_core::ids::{ActivityId, EventId, MemberId};
use kizuna_core::store::{SyncedTable, Writer};
use kizuna_core::{CoreError, Invalid};
use rusqlite::OptionalExtension;
use rusqlite::types::Value;
use serde_json::json;

use super::journal::Journal;
use crate::record::{ActivityIn, AttendanceIn, EventIn, RegistrationIn};

/// How long an event lasts when the export gives only its start.
const DEFAULT_LENGTH_MS: i64 = 2 * 60 * 60 * 1000;

/// The event with `id`, created from `event` when it does not exist yet; `Ok(None)` with a
/// reason when it cannot be created.
pub fn find_or_create(
    w: &mut Writer<'_>,
    journal: &mut Journal,
    id: &str,
    event: &EventIn,
    time_zone: &str,
    currency: Option<&str>,
) -> Result<Result<(EventId, bool), Invalid>, CoreError> {
    let exists: bool = w
        .tx()
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM events WHERE id = ?1)")?
        .query_row([id], |r| r.get(0))?;
    if exists {
        return Ok(Ok((EventId(id.to_owned()), false)));
    }
    let Some(starts_at) = event.starts_at else {
        return Ok(Err(kizuna_core::invalid_reason!(
            "import.eventWithoutStart",
            "the event \"{title}\" is not in Kizuna yet and the file does not say when it starts; \
             give its start time in the import",
            title = event.title.trim()
        )));
    };
    let ends_at = event
        .ends_at
        .filter(|e| *e >= starts_at)
        .unwrap_or(starts_at + DEFAULT_LENGTH_MS);
    let new = NewEvent {
        title: event.title.clone(),
        kind: if event.online == Some(true) {
            EventKind::Online
        } else {
            EventKind::InPerson
        },
        starts_at,
        ends_at,
        time_zone: time_zone.to_owned(),
        venue: event.venue.clone(),
        address: None,
        url: event.url.clone(),
        capacity: None,
        status: if ends_at < w.now_ms() {
            EventStatus::Done
        } else {
            EventStatus::Published
        },
        description: None,
        currency: currency.map(str::to_owned),
    };
    match create_event_with_id(w, EventId(id.to_owned()), &new) {
        Ok(id) => {
            journal.inserted(SyncedTable::Events, id.as_str());
            Ok(Ok((id, true)))
        }
        Err(CoreError::InvalidInput(why)) => Ok(Err(why)),
        Err(other) => Err(other),
    }
}

fn status_of(a: AttendanceIn) -> RegistrationStatus {
    match a {
        AttendanceIn::Going => RegistrationStatus::Going,
        AttendanceIn::Waitlist => RegistrationStatus::Waitlist,
        AttendanceIn::Cancelled => RegistrationStatus::Cancelled,
        AttendanceIn::Attended => RegistrationStatus::Attended,
        AttendanceIn::NoShow => RegistrationStatus::NoShow,
    }
}

/// What happened to a registration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Registered {
    Created,
    Updated,
    Unchanged,
}

/// Registers the member as the export says, or moves their registration forward.
pub fn registration(
    w: &mut Writer<'_>,
    journal: &mut Journal,
    event: &EventId,
    member: &MemberId,
    reg: &RegistrationIn,
) -> Result<Registered, CoreError> {
    let wanted = status_of(reg.status);
    let existing: Option<(String, String, Option<i64>)> = w
        .tx()
        .prepare_cached(
            "SELECT id, status, checked_in_at FROM registrations
             WHERE event_id = ?1 AND member_id = ?2",
        )?
        .query_row([event.as_str(), member.as_str()], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?;
    let Some((id, current, checked_in_at)) = existing else {
        let registered_at = reg.registered_at.unwrap_or(w.now_ms());
        let checked = match wanted {
            RegistrationStatus::Attended => Some(reg.checked_in_at.unwrap_or(registered_at)),
            _ => None,
        };
        let id = register(w, event, member, wanted, registered_at, checked)?;
        let text = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map_or(Value::Null, |s| Value::Text(s.to_owned()))
        };
        w.update(
            SyncedTable::Registrations,
            id.as_str(),
            &[
                ("ticket_type", text(&reg.ticket_type)),
                (
                    "price_minor",
                    reg.price_minor.map_or(Value::Null, Value::Integer),
                ),
                ("currency", text(&reg.currency)),
            ],
        )?;
        journal.inserted(SyncedTable::Registrations, id.as_str());
        return Ok(Registered::Created);
    };
    let now = current.as_str();
    let next = match (now, wanted) {
        (n, w) if n == w.as_sql() => None,
        ("attended", _) => None,
        ("going" | "waitlist" | "no_show", RegistrationStatus::Attended) => Some(wanted),
        ("going" | "waitlist", RegistrationStatus::Cancelled | RegistrationStatus::NoShow) => {
            Some(wanted)
        }
        ("waitlist" | "cancelled", RegistrationStatus::Going) => Some(wanted),
        _ => None,
    };
    let Some(next) = next else {
        return Ok(Registered::Unchanged);
    };
    let mut cells = vec![("status", Value::Text(next.as_sql().to_owned()))];
    let mut before = json!({ "status": [now, next.as_sql()] });
    if next == RegistrationStatus::Attended {
        let at = reg
            .checked_in_at
            .or(reg.registered_at)
            .unwrap_or(w.now_ms());
        cells.push(("checked_in_at", Value::Integer(at)));
        before["checked_in_at"] = json!([checked_in_at, at]);
    }
    w.update(SyncedTable::Registrations, &id, &cells)?;
    journal.updated(SyncedTable::Registrations, &id, before);
    Ok(Registered::Updated)
}

/// Logs an activity under its derived id unless it is already there; returns whether it was new.
pub fn activity(
    w: &mut Writer<'_>,
    journal: &mut Journal,
    id: &str,
    member: &MemberId,
    activity: &ActivityIn,
    event: Option<&EventId>,
) -> Result<Result<bool, Invalid>, CoreError> {
    let exists: bool = w
        .tx()
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM activities WHERE id = ?1)")?
        .query_row([id], |r| r.get(0))?;
    if exists {
        return Ok(Ok(false));
    }
    let new = NewActivity {
        member: member.clone(),
        activity_type: activity.activity_type.clone(),
        occurred_at: activity.occurred_at,
        platform: activity.platform.clone(),
        url: activity.url.clone(),
        event: event.cloned(),
        campaign: None,
    };
    match log_activity_with_id(w, ActivityId(id.to_owned()), &new) {
        Ok(id) => {
            journal.inserted(SyncedTable::Activities, id.as_str());
            Ok(Ok(true))
        }
        Err(CoreError::InvalidInput(why)) => Ok(Err(why)),
        Err(other) => Err(other),
    }
}
