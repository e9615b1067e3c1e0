// Pure helpers of the Import screen: the fields a column can be taken as (as <select> values),
// the choices sent with every step, and the numbers the screen shows.
import type { ColumnMap, Field, FileOptions, FormatId, ImportReport, Mapping, TextEncoding } from '$lib/bindings';

/** Platforms a handle or profile-link column can belong to, in the order the field menu lists them. */
export const handlePlatforms = ['x', 'instagram', 'discord', 'youtube', 'tiktok', 'line', 'github', 'discourse', 'meetup'] as const;

/** Every field a column can be taken as, as the `<select>` value the screen uses. */
export const fieldValues: readonly string[] = [
	'ignore',
	'external_id',
	'full_name',
	'first_name',
	'last_name',
	'name_reading',
	'email',
	'phone',
	'country',
	'city',
	'joined_at',
	'tags',
	...handlePlatforms.map((p) => `handle:${p}`),
	...handlePlatforms.map((p) => `profile_url:${p}`),
	'event_id',
	'event_title',
	'event_start',
	'event_end',
	'event_venue',
	'status',
	'checked_in',
	'checked_in_at',
	'ticket_type',
	'price',
	'currency',
	'registered_at'
];

/** The `<select>` value of a field (`handle:x` for a handle on X, `profile_url:x` for a profile link). */
export function fieldValue(field: Field): string {
	return field.kind === 'handle' || field.kind === 'profile_url' ? `${field.kind}:${field.platform}` : field.kind;
}

/** The field of a `<select>` value. */
export function fieldFromValue(value: string): Field {
	const [kind = '', platform] = value.split(':');
	if ((kind === 'handle' || kind === 'profile_url') && platform) return { kind, platform };
	return { kind } as Field;
}

/** What `header` is taken as under `mapping` (ignored when the mapping does not list it). */
export function fieldOf(mapping: Mapping, header: string): Field {
	return mapping.columns.find((c) => c.header === header)?.field ?? { kind: 'ignore' };
}

/** The mapping with `header` taken as `field`; a field other than "ignore" moves off any other column. */
export function withField(mapping: Mapping, header: string, field: Field): Mapping {
	const value = fieldValue(field);
	const columns: ColumnMap[] = mapping.columns.filter(
		(c) => c.header !== header && (value === 'ignore' || fieldValue(c.field) !== value)
	);
	if (value !== 'ignore') columns.push({ header, field });
	return { columns };
}

/** The formats the format menu offers; `auto` lets Kizuna detect it from the header. */
export const formatChoices: ReadonlyArray<FormatId | 'auto'> = [
	'auto',
	'luma',
	'eventbrite',
	'meetup',
	'connpass',
	'peatix',
	'doorkeeper',
	'shopify',
	'discourse',
	'mailchimp',
	'generic'
];

/** The encodings the encoding menu offers; `auto` detects it. */
export const encodingChoices: ReadonlyArray<TextEncoding | 'auto'> = ['auto', 'utf8', 'utf8_bom', 'shift_jis', 'utf16_le', 'utf16_be'];

/** The event a file's registrations belong to, when the file does not name it. */
export interface EventChoice {
	title: string;
	/** `YYYY-MM-DDTHH:mm` from a datetime-local input, in `timeZone`. */
	start: string;
}

/** The choices sent with every step. `mapping` is only sent once the manager edited it. */
export interface ImportChoices {
	format: FormatId | 'auto';
	encoding: TextEncoding | 'auto';
	mapping: Mapping | null;
	event: EventChoice;
	timeZone: string;
}

/** Milliseconds since the epoch of a wall-clock time `local` (`YYYY-MM-DDTHH:mm`) in `timeZone`. */
export function zonedMs(local: string, timeZone: string): number | null {
	const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
	if (!match) return null;
	const [y, mo, d, h, mi] = match.slice(1).map(Number) as [number, number, number, number, number];
	const asUtc = Date.UTC(y, mo - 1, d, h, mi);
	// The zone's offset at that moment, found by formatting the UTC guess in the zone (twice, to
	// settle on the right side of a daylight-saving change).
	let guess = asUtc;
	for (let i = 0; i < 2; i++) guess = asUtc - offsetMs(guess, timeZone);
	return guess;
}

function offsetMs(at: number, timeZone: string): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit'
	}).formatToParts(new Date(at));
	const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
	const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
	return wall - Math.floor(at / 1000) * 1000;
}

/** The options the Rust side reads the file with. */
export function fileOptions(choices: ImportChoices): FileOptions {
	const title = choices.event.title.trim();
	const startsAt = zonedMs(choices.event.start, choices.timeZone);
	return {
		encoding: choices.encoding === 'auto' ? null : choices.encoding,
		format: choices.format === 'auto' ? null : choices.format,
		mapping: choices.mapping,
		context: {
			timeZone: choices.timeZone,
			event:
				title === '' && startsAt === null
					? null
					: { externalId: null, title, startsAt, endsAt: null, online: null, venue: null, url: null }
		}
	};
}

/** Whether the import would change anything (else the Import button says there is nothing to do). */
export function changesAnything(report: ImportReport): boolean {
	return (
		report.membersCreated +
			report.membersUpdated +
			report.eventsCreated +
			report.registrationsCreated +
			report.registrationsUpdated +
			report.activitiesCreated >
		0
	);
}

/** A whole percentage of `done` out of `total` (100 when there is nothing to do). */
export function percent(done: number, total: number): number {
	if (total <= 0) return 100;
	return Math.min(100, Math.floor((done * 100) / total));
}
