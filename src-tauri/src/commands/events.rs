//! Events: planning, registrations with a waitlist, and door check-in. Every command is a local
//! SQLite call, so the door screen works with no network.

use kizuna_core::events::{
    self, CheckinCounter, EventDetail, EventForm, EventListItem, EventWhen, RegisterOutcome,
    RegistrationRow, SegmentRegistration, TicketType, WalkIn,
};
use kizuna_core::ids::{EventId, MemberId, RegistrationId};
use tauri::State;

use crate::AppError;
use crate::state::AppState;

/// Upcoming, past or all events with their registration counts.
#[tauri::command]
pub async fn list_events(
    state: State<'_, AppState>,
    when: EventWhen,
) -> Result<Vec<EventListItem>, AppError> {
    state
        .with_store(move |store| {
            Ok(events::list_events(
                store.conn(),
                store.clock().now_ms(),
                when,
            )?)
        })
        .await
}

/// One event with its ticket types and series.
#[tauri::command]
pub async fn event_detail(state: State<'_, AppState>, id: String) -> Result<EventDetail, AppError> {
    state
        .read(move |store| events::event_detail(store.conn(), &EventId(id)))
        .await
}

/// Creates an event; returns it as stored.
#[tauri::command]
pub async fn create_event(
    state: State<'_, AppState>,
    form: EventForm,
) -> Result<EventDetail, AppError> {
    state
        .with_store(move |store| {
            let new = form.to_new_event()?;
            let id = store.write(|w| events::create_event(w, &new))?;
            Ok(events::event_detail(store.conn(), &id)?)
        })
        .await
}

/// Saves an edited event; returns it as stored.
#[tauri::command]
pub async fn update_event(
    state: State<'_, AppState>,
    id: String,
    form: EventForm,
) -> Result<EventDetail, AppError> {
    state
        .with_store(move |store| {
            let new = form.to_new_event()?;
            let id = EventId(id);
            store.write(|w| events::update_event(w, &id, &new))?;
            Ok(events::event_detail(store.conn(), &id)?)
        })
        .await
}

/// Copies an event as a template with new dates (typed on the event's clock); returns the copy.
#[tauri::command]
pub async fn copy_event(
    state: State<'_, AppState>,
    id: String,
    starts: String,
    ends: String,
) -> Result<EventDetail, AppError> {
    state
        .with_store(move |store| {
            let id = EventId(id);
            let zone = events::event_detail(store.conn(), &id)?.event.time_zone;
            let starts_at = events::parse_event_time(&starts, &zone)?;
            let ends_at = events::parse_event_time(&ends, &zone)?;
            let copy = store.write(|w| events::copy_event(w, &id, starts_at, ends_at))?;
            Ok(events::event_detail(store.conn(), &copy)?)
        })
        .await
}

/// Every registration of an event.
#[tauri::command]
pub async fn list_registrations(
    state: State<'_, AppState>,
    event_id: String,
) -> Result<Vec<RegistrationRow>, AppError> {
    state
        .with_store(move |store| {
            Ok(events::list_registrations(
                store.conn(),
                &EventId(event_id),
            )?)
        })
        .await
}

/// Adds a ticket type priced in minor units of the event's currency.
#[tauri::command]
pub async fn add_ticket_type(
    state: State<'_, AppState>,
    event_id: String,
    name: String,
    price_minor: i64,
) -> Result<TicketType, AppError> {
    state
        .write(move |w| events::add_ticket_type(w, &EventId(event_id), &name, price_minor))
        .await
}

/// Registers a member: going, or on the waitlist when the event is full.
#[tauri::command]
pub async fn add_registration(
    state: State<'_, AppState>,
    event_id: String,
    member_id: String,
    ticket_type_id: Option<String>,
) -> Result<RegisterOutcome, AppError> {
    state
        .with_store(move |store| {
            let (event, member) = (EventId(event_id), MemberId(member_id));
            Ok(store.write(|w| {
                events::add_registration(w, &event, &member, ticket_type_id.as_deref())
            })?)
        })
        .await
}

/// Registers every member of a saved segment not yet registered.
#[tauri::command]
pub async fn add_segment_to_event(
    state: State<'_, AppState>,
    event_id: String,
    segment_id: String,
) -> Result<SegmentRegistration, AppError> {
    state
        .write(move |w| events::register_segment(w, &EventId(event_id), &segment_id))
        .await
}

/// Cancels a registration; returns the registrations promoted from the waitlist.
#[tauri::command]
pub async fn cancel_registration(
    state: State<'_, AppState>,
    registration_id: String,
) -> Result<Vec<RegistrationRow>, AppError> {
    state
        .with_store(move |store| {
            let id = RegistrationId(registration_id);
            let promoted = store.write(|w| events::cancel_registration(w, &id))?;
            Ok(promoted
                .into_iter()
                .map(|p| events::registration(store.conn(), &RegistrationId(p)))
                .collect::<kizuna_core::Result<Vec<_>>>()?)
        })
        .await
}

/// After the event, turns everyone still going into a no-show; returns how many.
#[tauri::command]
pub async fn mark_no_shows(state: State<'_, AppState>, event_id: String) -> Result<u32, AppError> {
    state
        .write(move |w| events::mark_no_shows(w, &EventId(event_id)))
        .await
}

/// Door candidates: an exact code first, then names, readings and emails containing `query`.
#[tauri::command]
pub async fn find_for_checkin(
    state: State<'_, AppState>,
    event_id: String,
    query: String,
) -> Result<Vec<RegistrationRow>, AppError> {
    state
        .with_store(move |store| {
            Ok(events::find_for_checkin(
                store.conn(),
                &EventId(event_id),
                &query,
            )?)
        })
        .await
}

/// Checks a registration in now, on this machine's device.
#[tauri::command]
pub async fn check_in(
    state: State<'_, AppState>,
    registration_id: String,
) -> Result<RegistrationRow, AppError> {
    state
        .write(move |w| events::check_in(w, &RegistrationId(registration_id), ""))
        .await
}

/// Undoes a check-in: the member is going again.
#[tauri::command]
pub async fn undo_check_in(
    state: State<'_, AppState>,
    registration_id: String,
) -> Result<RegistrationRow, AppError> {
    state
        .write(move |w| events::undo_check_in(w, &RegistrationId(registration_id)))
        .await
}

/// Creates a walk-in as a member, registers and checks them in.
#[tauri::command]
pub async fn walk_in(
    state: State<'_, AppState>,
    event_id: String,
    person: WalkIn,
) -> Result<RegistrationRow, AppError> {
    state
        .write(move |w| events::walk_in(w, &EventId(event_id), &person, ""))
        .await
}

/// Checked in of expected.
#[tauri::command]
pub async fn checkin_counter(
    state: State<'_, AppState>,
    event_id: String,
) -> Result<CheckinCounter, AppError> {
    state
        .read(move |store| events::checkin_counter(store.conn(), &EventId(event_id)))
        .await
}
