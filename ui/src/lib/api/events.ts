// Typed wrappers for the Events commands (src-tauri/src/commands/events.rs). All local SQLite:
// none of them needs a network, which is what lets the door screen work offline.
import type {
	CheckinCounter,
	EventDetail,
	EventForm,
	EventListItem,
	EventWhen,
	RegisterOutcome,
	RegistrationRow,
	SegmentRegistration,
	TicketType,
	WalkIn
} from '$lib/bindings';
import { call } from './call';

/** Upcoming (soonest first), past or all events with their registration counts. */
export function listEvents(when: EventWhen): Promise<EventListItem[]> {
	return call('list_events', { when });
}

/** One event with its ticket types and series. */
export function eventDetail(id: string): Promise<EventDetail> {
	return call('event_detail', { id });
}

/** Creates an event; times are typed on the clock of the event's own zone. */
export function createEvent(form: EventForm): Promise<EventDetail> {
	return call('create_event', { form });
}

/** Saves an edited event. */
export function updateEvent(id: string, form: EventForm): Promise<EventDetail> {
	return call('update_event', { id, form });
}

/** Copies an event as a template (details, ticket types, planned budget) with new dates. */
export function copyEvent(id: string, starts: string, ends: string): Promise<EventDetail> {
	return call('copy_event', { id, starts, ends });
}

/** Every registration of an event. */
export function listRegistrations(eventId: string): Promise<RegistrationRow[]> {
	return call('list_registrations', { eventId });
}

/** Adds a ticket type priced in minor units of the event's currency. */
export function addTicketType(eventId: string, name: string, priceMinor: number): Promise<TicketType> {
	return call('add_ticket_type', { eventId, name, priceMinor });
}

/** Registers a member: going, or on the waitlist when the event is full. */
export function addRegistration(eventId: string, memberId: string, ticketTypeId: string | null): Promise<RegisterOutcome> {
	return call('add_registration', { eventId, memberId, ticketTypeId });
}

/** Registers every member of a saved segment who is not registered yet. */
export function addSegmentToEvent(eventId: string, segmentId: string): Promise<SegmentRegistration> {
	return call('add_segment_to_event', { eventId, segmentId });
}

/** Cancels a registration; returns who moved up from the waitlist. */
export function cancelRegistration(registrationId: string): Promise<RegistrationRow[]> {
	return call('cancel_registration', { registrationId });
}

/** After the event, marks everyone still going as a no-show; returns how many. */
export function markNoShows(eventId: string): Promise<number> {
	return call('mark_no_shows', { eventId });
}

/** Door candidates for a typed name, reading, email or scanned code (exact code first). */
export function findForCheckin(eventId: string, query: string): Promise<RegistrationRow[]> {
	return call('find_for_checkin', { eventId, query });
}

/** Checks a registration in now, on this machine. */
export function checkIn(registrationId: string): Promise<RegistrationRow> {
	return call('check_in', { registrationId });
}

/** Undoes a check-in. */
export function undoCheckIn(registrationId: string): Promise<RegistrationRow> {
	return call('undo_check_in', { registrationId });
}

/** Creates a walk-in member, registers and checks them in. */
export function walkIn(eventId: string, person: WalkIn): Promise<RegistrationRow> {
	return call('walk_in', { eventId, person });
}

/** Checked in of expected. */
export function checkinCounter(eventId: string): Promise<CheckinCounter> {
	return call('checkin_counter', { eventId });
}
