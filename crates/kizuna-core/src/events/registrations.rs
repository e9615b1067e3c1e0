//! Registering members, cancelling (the waitlist moves up) and marking no-shows. The app never
//! lets the members holding seats outnumber an event's capacity.

use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{EventStatus, RegistrationStatus, codes, event, tickets, waitlist};
use crate::error::{CoreError, Result};
use crate::ids::{EventId, MemberId, RegistrationId, derived_id};
use crate::store::{SyncedTable, Writer};

/// Records a registration exactly as given (imports and the sample community): no capacity
/// check, but it gets a code and, on the waitlist, a place at its end.
pub fn register(
    w: &mut Writer<'_>,
    event: &EventId,
    member: &MemberId,
    status: RegistrationStatus,
    registered_at: i64,
    checked_in_at: Option<i64>,
) -> Result<RegistrationId> {
    let id = RegistrationId(derived_id(
        "registration",
        &[event.as_str(), member.as_str()],
    ));
    let code = codes::fresh_code(w.tx(), event)?;
    let position = match status {
        RegistrationStatus::Waitlist => Value::Integer(waitlist::next_position(w.tx(), event)?),
        _ => Value::Null,
    };
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
            ("code", Value::Text(code)),
            ("waitlist_position", position),
        ],
    )?;
    Ok(id)
}

/// What adding a member to an event did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RegisterOutcome {
    pub registration_id: String,
    /// The code on the member's ticket (typed or scanned at the door).
    pub code: String,
    /// `going`, or `waitlist` when the event was full.
    pub status: RegistrationStatus,
}

/// Adds `member` to `event` as going, or to the end of the waitlist when every seat is taken.
/// A member who had cancelled registers again on the same registration.
pub fn add_registration(
    w: &mut Writer<'_>,
    event: &EventId,
    member: &MemberId,
    ticket_type: Option<&str>,
) -> Result<RegisterOutcome> {
    let (details, _) = event::load(w.tx(), event)?;
    if matches!(details.status, EventStatus::Cancelled | EventStatus::Done) {
        return Err(crate::invalid!(
            "events.registrationClosed",
            "registration is closed: \"{title}\" is {status}",
            title = details.title,
            status = details.status.word()
        ));
    }
    let name = member_name(w.tx(), member)?;
    let ticket = match ticket_type {
        Some(id) => Some(
            tickets::ticket_types(w.tx(), event)?
                .into_iter()
                .find(|t| t.id == id)
                .ok_or_else(|| CoreError::NotFound {
                    what: "ticket type",
                    id: id.to_owned(),
                })?,
        ),
        None => None,
    };
    let status = match waitlist::free_seats(w.tx(), event)? {
        Some(0) => RegistrationStatus::Waitlist,
        _ => RegistrationStatus::Going,
    };
    let id = match existing(w.tx(), event, member)? {
        Some((id, RegistrationStatus::Cancelled, _)) => RegistrationId(id),
        Some((_, current, _)) => {
            return Err(crate::invalid!(
                "events.alreadyRegistered",
                "{name} is already registered ({status})",
                name,
                status = current.word()
            ));
        }
        None => {
            let now = w.now_ms();
            register(w, event, member, RegistrationStatus::Cancelled, now, None)?
        }
    };
    let position = match status {
        RegistrationStatus::Waitlist => Value::Integer(waitlist::next_position(w.tx(), event)?),
        _ => Value::Null,
    };
    let text = |s: Option<String>| s.map_or(Value::Null, Value::Text);
    w.update(
        SyncedTable::Registrations,
        id.as_str(),
        &[
            ("status", Value::Text(status.as_sql().to_owned())),
            ("registered_at", Value::Integer(w.now_ms())),
            ("waitlist_position", position),
            (
                "ticket_type_id",
                text(ticket.as_ref().map(|t| t.id.clone())),
            ),
            ("ticket_type", text(ticket.as_ref().map(|t| t.name.clone()))),
            (
                "price_minor",
                ticket
                    .as_ref()
                    .map_or(Value::Null, |t| Value::Integer(t.price_minor)),
            ),
            ("currency", text(ticket.map(|t| t.currency))),
        ],
    )?;
    let code = existing(w.tx(), event, member)?
        .map(|(_, _, code)| code)
        .unwrap_or_default();
    Ok(RegisterOutcome {
        registration_id: id.to_string(),
        code,
        status,
    })
}

/// Cancels a registration. When it held a seat, the first on the waitlist moves up; returns
/// the registrations that moved up.
pub fn cancel_registration(
    w: &mut Writer<'_>,
    registration: &RegistrationId,
) -> Result<Vec<String>> {
    let (event, status) = event_and_status(w.tx(), registration)?;
    match status {
        RegistrationStatus::Cancelled => {
            return Err(crate::invalid!(
                "events.alreadyCancelled",
                "this registration is already cancelled"
            ));
        }
        RegistrationStatus::Attended => {
            return Err(crate::invalid!(
                "events.cancelAfterCheckin",
                "this member has already checked in; undo the check-in before cancelling"
            ));
        }
        _ => {}
    }
    w.update(
        SyncedTable::Registrations,
        registration.as_str(),
        &[("status", Value::Text("cancelled".to_owned()))],
    )?;
    waitlist::fill_free_seats(w, &event)
}

/// After the event has ended, marks everyone still "going" (never checked in) as a no-show;
/// returns how many.
pub fn mark_no_shows(w: &mut Writer<'_>, event: &EventId) -> Result<u32> {
    let (details, _) = event::load(w.tx(), event)?;
    if w.now_ms() < details.ends_at {
        return Err(crate::invalid!(
            "events.noShowsTooEarly",
            "no-shows can only be marked after the event has ended"
        ));
    }
    let going: Vec<String> = w
        .tx()
        .prepare_cached("SELECT id FROM registrations WHERE event_id = ?1 AND status = 'going'")?
        .query_map([event.as_str()], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for id in &going {
        w.update(
            SyncedTable::Registrations,
            id,
            &[("status", Value::Text("no_show".to_owned()))],
        )?;
    }
    Ok(u32::try_from(going.len()).unwrap_or(u32::MAX))
}

/// The event and status of a registration.
pub(super) fn event_and_status(
    tx: &Transaction<'_>,
    registration: &RegistrationId,
) -> Result<(EventId, RegistrationStatus)> {
    tx.prepare_cached("SELECT event_id, status FROM registrations WHERE id = ?1")?
        .query_row([registration.as_str()], |r| {
            Ok((
                EventId(r.get(0)?),
                RegistrationStatus::from_sql(&r.get::<_, String>(1)?),
            ))
        })
        .optional()?
        .ok_or_else(|| CoreError::NotFound {
            what: "registration",
            id: registration.to_string(),
        })
}

fn existing(
    tx: &Transaction<'_>,
    event: &EventId,
    member: &MemberId,
) -> Result<Option<(String, RegistrationStatus, String)>> {
    Ok(tx
        .prepare_cached(
            "SELECT id, status, coalesce(code, '') FROM registrations
             WHERE event_id = ?1 AND member_id = ?2",
        )?
        .query_row([event.as_str(), member.as_str()], |r| {
            Ok((
                r.get(0)?,
                RegistrationStatus::from_sql(&r.get::<_, String>(1)?),
                r.get(2)?,
            ))
        })
        .optional()?)
}

fn member_name(tx: &Transaction<'_>, member: &MemberId) -> Result<String> {
    tx.prepare_cached(
        "SELECT display_name FROM members
         WHERE id = ?1 AND deleted_at IS NULL AND merged_into IS NULL",
    )?
    .query_row([member.as_str()], |r| r.get(0))
    .optional()?
    .ok_or_else(|| CoreError::NotFound {
        what: "member",
        id: member.to_string(),
    })
}
