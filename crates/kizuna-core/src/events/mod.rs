//! Events: planning (kinds, times in the event's own zone, venue, capacity, currency, series),
//! ticket types, registrations with a waitlist that never lets capacity be exceeded, short
//! registration codes, and door check-in that works with no network (it is all SQLite).

mod checkin;
mod codes;
mod event;
mod form;
mod queries;
mod registrations;
mod segment;
mod tickets;
mod waitlist;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use checkin::{
    CheckinCounter, WalkIn, check_in, checkin_counter, find_for_checkin, undo_check_in, walk_in,
};
pub use codes::{CODE_ALPHABET, CODE_LENGTH};
pub use event::{
    NewEvent, copy_event, create_event, create_event_with_id, format_event_time, parse_event_time,
    update_event,
};
pub use form::EventForm;
pub use queries::{
    EventDetail, EventListItem, EventSummary, EventWhen, RegistrationCounts, RegistrationRow,
    count_upcoming, event_detail, list_events, list_registrations, registration, upcoming_events,
};
pub use registrations::{
    RegisterOutcome, add_registration, cancel_registration, mark_no_shows, register,
};
pub use segment::{SegmentRegistration, register_segment};
pub use tickets::{TicketType, add_ticket_type, ticket_types};

/// Where an event happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum EventKind {
    InPerson,
    Online,
    Hybrid,
}

impl EventKind {
    /// The value stored in SQLite.
    pub fn as_sql(self) -> &'static str {
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

impl std::str::FromStr for EventKind {
    type Err = crate::CoreError;

    fn from_str(s: &str) -> crate::Result<Self> {
        match s.trim().replace('-', "_").as_str() {
            "in_person" | "inperson" => Ok(EventKind::InPerson),
            "online" => Ok(EventKind::Online),
            "hybrid" => Ok(EventKind::Hybrid),
            _ => Err(crate::invalid!(
                "events.unknownKind",
                "\"{text}\" is not an event kind (in_person, online or hybrid)",
                text = s
            )),
        }
    }
}

/// An event's lifecycle state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum EventStatus {
    Draft,
    Published,
    Done,
    Cancelled,
}

impl EventStatus {
    /// The value stored in SQLite.
    pub fn as_sql(self) -> &'static str {
        match self {
            EventStatus::Draft => "draft",
            EventStatus::Published => "published",
            EventStatus::Done => "done",
            EventStatus::Cancelled => "cancelled",
        }
    }

    /// The status as a word inside a refusal, keyed so the UI words it in its language.
    pub fn word(self) -> crate::Invalid {
        match self {
            EventStatus::Draft => crate::invalid_reason!("status.eventDraft", "draft"),
            EventStatus::Published => crate::invalid_reason!("status.eventPublished", "published"),
            EventStatus::Done => crate::invalid_reason!("status.eventDone", "done"),
            EventStatus::Cancelled => crate::invalid_reason!("status.eventCancelled", "cancelled"),
        }
    }

    fn from_sql(s: &str) -> Self {
        match s {
            "published" => EventStatus::Published,
            "done" => EventStatus::Done,
            "cancelled" => EventStatus::Cancelled,
            _ => EventStatus::Draft,
        }
    }
}

impl std::str::FromStr for EventStatus {
    type Err = crate::CoreError;

    fn from_str(s: &str) -> crate::Result<Self> {
        match s.trim() {
            "draft" => Ok(EventStatus::Draft),
            "published" => Ok(EventStatus::Published),
            "done" => Ok(EventStatus::Done),
            "cancelled" => Ok(EventStatus::Cancelled),
            _ => Err(crate::invalid!(
                "events.unknownStatus",
                "\"{text}\" is not an event status (draft, published, done or cancelled)",
                text = s
            )),
        }
    }
}

/// A member's place at an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum RegistrationStatus {
    Going,
    Waitlist,
    Cancelled,
    Attended,
    NoShow,
}

impl RegistrationStatus {
    /// The value stored in SQLite.
    pub fn as_sql(self) -> &'static str {
        match self {
            RegistrationStatus::Going => "going",
            RegistrationStatus::Waitlist => "waitlist",
            RegistrationStatus::Cancelled => "cancelled",
            RegistrationStatus::Attended => "attended",
            RegistrationStatus::NoShow => "no_show",
        }
    }

    /// The status as a word inside a refusal, keyed so the UI words it in its language.
    pub fn word(self) -> crate::Invalid {
        match self {
            RegistrationStatus::Going => {
                crate::invalid_reason!("status.registrationGoing", "going")
            }
            RegistrationStatus::Waitlist => {
                crate::invalid_reason!("status.registrationWaitlist", "waitlist")
            }
            RegistrationStatus::Cancelled => {
                crate::invalid_reason!("status.registrationCancelled", "cancelled")
            }
            RegistrationStatus::Attended => {
                crate::invalid_reason!("status.registrationAttended", "attended")
            }
            RegistrationStatus::NoShow => {
                crate::invalid_reason!("status.registrationNoShow", "no_show")
            }
        }
    }

    fn from_sql(s: &str) -> Self {
        match s {
            "waitlist" => RegistrationStatus::Waitlist,
            "cancelled" => RegistrationStatus::Cancelled,
            "attended" => RegistrationStatus::Attended,
            "no_show" => RegistrationStatus::NoShow,
            _ => RegistrationStatus::Going,
        }
    }

    /// Whether the registration holds one of the event's seats.
    pub fn holds_seat(self) -> bool {
        matches!(
            self,
            RegistrationStatus::Going | RegistrationStatus::Attended | RegistrationStatus::NoShow
        )
    }
}

/// Statuses that hold a seat, as an SQL list.
const SEAT_STATUSES: &str = "('going', 'attended', 'no_show')";
