//! An event as a form sends it: start and end as typed on the clock of the event's own zone.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{EventKind, EventStatus, NewEvent, parse_event_time};
use crate::error::Result;

/// An event as typed: `starts`/`ends` like "2026-05-30T18:30" on the clock of `time_zone`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EventForm {
    pub title: String,
    pub kind: EventKind,
    pub starts: String,
    pub ends: String,
    pub time_zone: String,
    pub venue: Option<String>,
    pub address: Option<String>,
    pub url: Option<String>,
    #[ts(type = "number | null")]
    pub capacity: Option<i64>,
    pub status: EventStatus,
    pub description: Option<String>,
    pub currency: Option<String>,
}

impl EventForm {
    /// Reads the typed times; a time that does not parse gets a specific message.
    pub fn to_new_event(&self) -> Result<NewEvent> {
        Ok(NewEvent {
            starts_at: parse_event_time(&self.starts, &self.time_zone)?,
            ends_at: parse_event_time(&self.ends, &self.time_zone)?,
            title: self.title.clone(),
            kind: self.kind,
            time_zone: self.time_zone.clone(),
            venue: self.venue.clone(),
            address: self.address.clone(),
            url: self.url.clone(),
            capacity: self.capacity,
            status: self.status,
            description: self.description.clone(),
            currency: self.currency.clone(),
        })
    }
}
