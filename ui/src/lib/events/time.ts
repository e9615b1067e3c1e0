// Event times: an event keeps its own IANA zone; the form types times on that zone's clock and
// the lists show them in the user's zone, noting the event's own clock when the zones differ.

/** Zones offered in the form (the core accepts any IANA name). */
export const COMMON_ZONES: readonly string[] = [
	'Asia/Tokyo',
	'Asia/Seoul',
	'Asia/Shanghai',
	'Asia/Taipei',
	'Asia/Hong_Kong',
	'Asia/Singapore',
	'Asia/Bangkok',
	'Asia/Kolkata',
	'Australia/Sydney',
	'Pacific/Auckland',
	'Europe/London',
	'Europe/Paris',
	'Europe/Berlin',
	'America/New_York',
	'America/Chicago',
	'America/Denver',
	'America/Los_Angeles',
	'America/Sao_Paulo',
	'Pacific/Honolulu',
	'UTC'
];

/** The zone a new event gets. */
export const DEFAULT_ZONE = 'Asia/Tokyo';

/** `zone` first if it is not a common one, then the common zones. */
export function zoneChoices(zone: string): string[] {
	return COMMON_ZONES.includes(zone) || !zone ? [...COMMON_ZONES] : [zone, ...COMMON_ZONES];
}

/** An instant as a `datetime-local` value ("2026-05-30T18:30") on the clock of `zone`. */
export function toZoneInput(unixMs: number, zone: string): string {
	const parts = new Intl.DateTimeFormat('en-CA', {
		timeZone: zone,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23'
	}).formatToParts(unixMs);
	const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
	return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}

/** Whether an event's zone shows a different clock than the user's at `unixMs`. */
export function zoneDiffers(unixMs: number, eventZone: string, userZone: string): boolean {
	if (eventZone === userZone) return false;
	try {
		return toZoneInput(unixMs, eventZone) !== toZoneInput(unixMs, userZone);
	} catch {
		return false;
	}
}

/** The time of day on the clock of `zone` in `locale`: "18:42", or the locale's own style ("06:42 PM"). */
export function clockTime(unixMs: number, zone: string | undefined, locale: string, hour24 = true): string {
	return new Intl.DateTimeFormat(locale, {
		hour: '2-digit',
		minute: '2-digit',
		timeZone: zone,
		...(hour24 ? { hourCycle: 'h23' as const } : {})
	}).format(unixMs);
}

/** The user's own IANA zone. */
export function userZone(): string {
	return new Intl.DateTimeFormat().resolvedOptions().timeZone;
}
