//! Registering every member of a saved segment at once.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{RegistrationStatus, add_registration};
use crate::error::Result;
use crate::ids::{EventId, MemberId};
use crate::members::MAX_PAGE;
use crate::segments;
use crate::store::Writer;

/// What adding a segment to an event did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SegmentRegistration {
    /// Newly registered as going.
    pub going: u32,
    /// Newly put on the waitlist because every seat was taken.
    pub waitlist: u32,
    /// Members of the segment who were already registered (left as they were).
    pub already: u32,
}

/// Registers every member of saved segment `segment` not yet registered at `event`: going while
/// seats are free, then on the waitlist in the segment's order. All or nothing (one write).
pub fn register_segment(
    w: &mut Writer<'_>,
    event: &EventId,
    segment: &str,
) -> Result<SegmentRegistration> {
    let saved = segments::get_segment(w.tx(), segment)?;
    let now = w.now_ms();
    let mut members: Vec<String> = Vec::new();
    loop {
        let offset = u32::try_from(members.len()).unwrap_or(u32::MAX);
        let page = segments::segment_members(w.tx(), &saved.rules, now, offset, MAX_PAGE)?;
        let got = page.rows.len();
        members.extend(page.rows.into_iter().map(|r| r.id));
        if got == 0 || members.len() >= page.total as usize {
            break;
        }
    }
    let registered: HashSet<String> = w
        .tx()
        .prepare_cached(
            "SELECT member_id FROM registrations WHERE event_id = ?1 AND status <> 'cancelled'",
        )?
        .query_map([event.as_str()], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut outcome = SegmentRegistration::default();
    for member in members {
        if registered.contains(&member) {
            outcome.already += 1;
            continue;
        }
        match add_registration(w, event, &MemberId(member), None)?.status {
            RegistrationStatus::Waitlist => outcome.waitlist += 1,
            _ => outcome.going += 1,
        }
    }
    Ok(outcome)
}
