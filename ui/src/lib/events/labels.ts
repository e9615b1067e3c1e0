// Labels and time texts for events, in the current language.
import type { EventKind, EventListItem, EventStatus, RegistrationStatus } from '$lib/bindings';
import { currentLocale, formatDateTime, t } from '$lib/i18n/i18n.svelte';
import { clockTime, userZone, zoneDiffers } from './time';

/** "In person" / "会場開催". */
export function kindLabel(kind: EventKind): string {
	return t((m) => m.events.kinds[kind]);
}

/** "Published" / "公開中". */
export function statusLabel(status: EventStatus): string {
	return t((m) => m.events.statuses[status]);
}

/** "Going" / "参加予定". */
export function registrationStatusLabel(status: RegistrationStatus): string {
	return t((m) => m.events.registrationStatuses[status]);
}

/** The BCP 47 tag of the current language. */
export function localeTag(): string {
	return currentLocale() === 'ja' ? 'ja-JP' : 'en-US';
}

/** "Sat, May 30, 2026, 06:30 PM – 09:00 PM" in the user's zone and language. */
export function whenText(event: Pick<EventListItem, 'startsAt' | 'endsAt'>): string {
	return `${formatDateTime(event.startsAt)} – ${clockTime(event.endsAt, undefined, localeTag(), false)}`;
}

/** "18:30 local time (Asia/Tokyo)" when the event's clock differs from the user's, else null. */
export function zoneNote(event: Pick<EventListItem, 'startsAt' | 'timeZone'>): string | null {
	if (!zoneDiffers(event.startsAt, event.timeZone, userZone())) return null;
	return t('events.inZone', { time: formatDateTime(event.startsAt, event.timeZone), zone: event.timeZone });
}

/** Venue, or "Online", or "No venue yet". */
export function whereText(event: Pick<EventListItem, 'venue' | 'kind' | 'url'>): string {
	if (event.venue) return event.kind === 'hybrid' ? `${event.venue} + ${t('events.online')}` : event.venue;
	return event.kind === 'online' || event.url ? t('events.online') : t('events.noVenue');
}

/** "12 / 40 going" or "12 going (no limit)"; once the event has ended, "10 of 12 attended". */
export function goingText(
	event: Pick<EventListItem, 'capacity' | 'counts' | 'endsAt'>,
	now: number = Date.now()
): string {
	const going = event.counts.going + event.counts.attended + event.counts.noShow;
	if (event.endsAt < now) return t('events.attendedOf', { attended: event.counts.attended, registered: going });
	return event.capacity === null
		? t('events.goingNoLimit', { going })
		: t('events.going', { going, capacity: event.capacity });
}
