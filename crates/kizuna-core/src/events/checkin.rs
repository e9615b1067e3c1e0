//! Door check-in: find a registration by a few letters of a name, its kana reading, an email
//! or its code; check in with time and device (logged as `event_attended`); undo; walk-ins. Plain SQLite, so it works with
//! no network at all.

use rusqlite::Connection;
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::queries::{REGISTRATION_COLUMNS, registration, registration_row};
use super::{RegistrationRow, RegistrationStatus, add_registration, codes};
use crate::activities::{NewActivity, ensure_builtin_types, log_activity};
use crate::error::Result;
use crate::ids::{EventId, MemberId, RegistrationId};
use crate::members::{NewMember, create_member};
use crate::search_text::like_pattern;
use crate::store::{SyncedTable, Writer};

/// How many candidates the door screen shows at most.
const MAX_CANDIDATES: u32 = 20;

/// Registrations of `event` (not cancelled) matching `query`: an exact code first, then names,
/// kana readings (hiragana, katakana and half-width alike) and emails containing it.
pub fn find_for_checkin(
    conn: &Connection,
    event: &EventId,
    query: &str,
) -> Result<Vec<RegistrationRow>> {
    if query.trim().is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT {REGISTRATION_COLUMNS} FROM registrations r JOIN members m ON m.id = r.member_id
         WHERE r.event_id = ?1 AND r.status <> 'cancelled'
           AND (r.code = ?2 OR m.search_text LIKE ?3 ESCAPE '\\')
         ORDER BY r.code = ?2 DESC, r.status = 'going' DESC, m.sort_key, r.id
         LIMIT ?4"
    );
    let rows = conn
        .prepare_cached(&sql)?
        .query_map(
            rusqlite::params![
                event.as_str(),
                codes::normalise_code(query),
                like_pattern(query),
                MAX_CANDIDATES
            ],
            registration_row,
        )?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Checks a registration in now, on `device` (empty: this file's device). Checking in twice is
/// refused with when and on which device it happened.
pub fn check_in(w: &mut Writer<'_>, id: &RegistrationId, device: &str) -> Result<RegistrationRow> {
    let current = registration(w.tx(), id)?;
    let name = &current.display_name;
    match current.status {
        RegistrationStatus::Going | RegistrationStatus::NoShow => {}
        RegistrationStatus::Attended => {
            let when = local_time(w.tx(), &current.event_id, current.checked_in_at)?;
            let on = current
                .checked_in_by
                .as_deref()
                .unwrap_or("an unknown device");
            return Err(crate::invalid!(
                "events.alreadyCheckedIn",
                "{name} is already checked in (at {when}, on {on})",
                name,
                when,
                on
            ));
        }
        RegistrationStatus::Waitlist => {
            return Err(crate::invalid!(
                "events.onWaitlist",
                "{name} is on the waitlist and has no seat yet",
                name
            ));
        }
        RegistrationStatus::Cancelled => {
            return Err(crate::invalid!(
                "events.cancelled",
                "{name} cancelled this registration",
                name
            ));
        }
    }
    let device = match device.trim() {
        "" => w.actor().device.clone(),
        d => d.to_owned(),
    };
    let now = w.now_ms();
    w.update(
        SyncedTable::Registrations,
        id.as_str(),
        &[
            ("status", Value::Text("attended".to_owned())),
            ("checked_in_at", Value::Integer(now)),
            ("checked_in_by", Value::Text(device)),
        ],
    )?;
    record_attendance(w, &current, now)?;
    registration(w.tx(), id)
}

/// Undoes a check-in: the member is going again.
pub fn undo_check_in(w: &mut Writer<'_>, id: &RegistrationId) -> Result<RegistrationRow> {
    let current = registration(w.tx(), id)?;
    if current.status != RegistrationStatus::Attended {
        return Err(crate::invalid!(
            "events.notCheckedIn",
            "{name} has not checked in, so there is nothing to undo",
            name = current.display_name
        ));
    }
    w.update(
        SyncedTable::Registrations,
        id.as_str(),
        &[
            ("status", Value::Text("going".to_owned())),
            ("checked_in_at", Value::Null),
            ("checked_in_by", Value::Null),
        ],
    )?;
    for activity in attendance(w.tx(), &current)? {
        w.delete(SyncedTable::Activities, &activity)?;
    }
    registration(w.tx(), id)
}

/// The `event_attended` activities of this registration's member at its event.
fn attendance(conn: &Connection, r: &RegistrationRow) -> Result<Vec<String>> {
    Ok(conn
        .prepare_cached(
            "SELECT id FROM activities
             WHERE member_id = ?1 AND event_id = ?2 AND activity_type = 'event_attended'",
        )?
        .query_map([&r.member_id, &r.event_id], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

/// Checking in is taking part: it logs `event_attended` (once), so the member's engagement
/// score and the charts count it like attendance imported from elsewhere.
fn record_attendance(w: &mut Writer<'_>, r: &RegistrationRow, at: i64) -> Result<()> {
    if !attendance(w.tx(), r)?.is_empty() {
        return Ok(());
    }
    // A community created before the type existed (or a bare file) gets it now.
    ensure_builtin_types(w)?;
    log_activity(
        w,
        &NewActivity {
            member: MemberId(r.member_id.clone()),
            activity_type: "event_attended".to_owned(),
            occurred_at: at,
            platform: None,
            url: None,
            event: Some(EventId(r.event_id.clone())),
            campaign: None,
        },
    )?;
    Ok(())
}

/// Someone at the door who had not registered.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WalkIn {
    pub display_name: String,
    pub email: Option<String>,
}

/// Creates the walk-in as a member, registers and checks them in, all in the caller's one
/// transaction. If they were already a member, the duplicates list will suggest the pair.
pub fn walk_in(
    w: &mut Writer<'_>,
    event: &EventId,
    person: &WalkIn,
    device: &str,
) -> Result<RegistrationRow> {
    let member = create_member(
        w,
        &NewMember {
            display_name: person.display_name.clone(),
            email: person.email.clone(),
            source: Some("walk_in".to_owned()),
            ..NewMember::default()
        },
    )?;
    let outcome = add_registration(w, event, &member, None)?;
    if outcome.status == RegistrationStatus::Waitlist {
        return Err(crate::invalid!(
            "events.full",
            "the event is full: every seat is taken, so a walk-in cannot be let in"
        ));
    }
    check_in(w, &RegistrationId(outcome.registration_id), device)
}

/// The door's counter: checked in of expected (going plus checked in).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CheckinCounter {
    pub checked_in: u32,
    pub expected: u32,
}

/// How many are checked in, of how many expected.
pub fn checkin_counter(conn: &Connection, event: &EventId) -> Result<CheckinCounter> {
    Ok(conn
        .prepare_cached(
            "SELECT count(*) FILTER (WHERE status = 'attended'),
                    count(*) FILTER (WHERE status IN ('going', 'attended'))
             FROM registrations WHERE event_id = ?1",
        )?
        .query_row([event.as_str()], |r| {
            Ok(CheckinCounter {
                checked_in: r.get(0)?,
                expected: r.get(1)?,
            })
        })?)
}

/// A time as the event's local clock shows it, e.g. "2025-06-01 18:42 (Asia/Tokyo)".
fn local_time(conn: &Connection, event: &str, at: Option<i64>) -> Result<String> {
    let zone: String = conn
        .prepare_cached("SELECT time_zone FROM events WHERE id = ?1")?
        .query_row([event], |r| r.get(0))?;
    Ok(at.map_or_else(
        || "an unknown time".to_owned(),
        |ms| format!("{} ({zone})", super::format_event_time(ms, &zone)),
    ))
}
