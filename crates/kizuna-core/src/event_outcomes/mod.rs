//! After an event: attendance and no-show rates, first-time attendees, feedback ratings and
//! the event's effect on its attendees' activity.

mod effect;
mod feedback;
mod feedback_csv;

use rusqlite::{Connection, params};
use serde::Serialize;
use ts_rs::TS;

use crate::budget::ensure_event;
use crate::error::Result;

pub use effect::{EFFECT_WINDOW_DAYS, EventEffect, LevelStratum, event_effect};
pub use feedback::{
    Feedback, FeedbackInput, FeedbackSource, add_feedback, delete_feedback, event_feedback,
};
pub use feedback_csv::{
    FeedbackCsvCheck, FeedbackLineError, check_feedback_csv, import_feedback_csv,
};

/// A member named in an outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MemberRef {
    pub id: String,
    pub display_name: String,
}

/// How an event went: turnout and ratings.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EventOutcome {
    pub event_id: String,
    /// Registrations going, attended or no-show (waitlist and cancelled left out).
    pub registered: u32,
    pub attended: u32,
    pub no_show: u32,
    /// Attended ÷ registered (0–1); none when nobody registered.
    pub attendance_rate: Option<f64>,
    /// No-show ÷ registered (0–1).
    pub no_show_rate: Option<f64>,
    /// Attendees who had never attended an earlier event.
    pub first_timers: Vec<MemberRef>,
    pub feedback_count: u32,
    /// Mean rating (1–5) of the feedback; none without feedback.
    pub average_rating: Option<f64>,
    /// How many ratings of 1, 2, 3, 4 and 5.
    pub rating_counts: [u32; 5],
}

/// `event`'s turnout, first-time attendees and feedback ratings.
pub fn event_outcome(conn: &Connection, event: &str) -> Result<EventOutcome> {
    ensure_event(conn, event)?;
    let (attended, no_show, going): (u32, u32, u32) = conn
        .prepare_cached(
            "SELECT count(CASE WHEN status = 'attended' THEN 1 END),
                    count(CASE WHEN status = 'no_show' THEN 1 END),
                    count(CASE WHEN status = 'going' THEN 1 END)
             FROM registrations WHERE event_id = ?1",
        )?
        .query_row([event], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    let registered = attended + no_show + going;
    let rate = |n: u32| (registered > 0).then(|| f64::from(n) / f64::from(registered));
    let first_timers = conn
        .prepare_cached(
            "SELECT m.id, m.display_name FROM registrations r
             JOIN events e ON e.id = r.event_id
             JOIN members m ON m.id = r.member_id
             WHERE r.event_id = ?1 AND r.status = 'attended' AND NOT EXISTS (
                 SELECT 1 FROM registrations p JOIN events pe ON pe.id = p.event_id
                 WHERE p.member_id = r.member_id AND p.status = 'attended'
                   AND pe.starts_at < e.starts_at)
             ORDER BY m.sort_key, m.id",
        )?
        .query_map(params![event], |r| {
            Ok(MemberRef {
                id: r.get(0)?,
                display_name: r.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut rating_counts = [0u32; 5];
    let mut stmt = conn.prepare_cached(
        "SELECT rating, count(*) FROM event_feedback WHERE event_id = ?1 GROUP BY rating",
    )?;
    let mut rows = stmt.query([event])?;
    while let Some(row) = rows.next()? {
        let rating: i64 = row.get(0)?;
        let slot = usize::try_from(rating - 1).ok();
        if let Some(slot) = slot.and_then(|i| rating_counts.get_mut(i)) {
            *slot = row.get(1)?;
        }
    }
    let feedback_count: u32 = rating_counts.iter().sum();
    let rating_sum: u32 = rating_counts
        .iter()
        .zip(1u32..)
        .map(|(count, rating)| count * rating)
        .sum();
    Ok(EventOutcome {
        event_id: event.to_owned(),
        registered,
        attended,
        no_show,
        attendance_rate: rate(attended),
        no_show_rate: rate(no_show),
        first_timers,
        feedback_count,
        average_rating: (feedback_count > 0)
            .then(|| f64::from(rating_sum) / f64::from(feedback_count)),
        rating_counts,
    })
}
