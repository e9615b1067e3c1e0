import { describe, expect, it } from 'vitest';
import type { ImportReport, Mapping } from '$lib/bindings';
import { changesAnything, fieldFromValue, fieldOf, fieldValue, fileOptions, percent, withField, zonedMs } from './import-logic';

describe('the column menu', () => {
	it('round-trips a handle field through its select value', () => {
		expect(fieldValue({ kind: 'handle', platform: 'instagram' })).toBe('handle:instagram');
		expect(fieldFromValue('handle:instagram')).toEqual({ kind: 'handle', platform: 'instagram' });
		expect(fieldFromValue('email')).toEqual({ kind: 'email' });
		expect(fieldFromValue(fieldValue({ kind: 'profile_url', platform: 'meetup' }))).toEqual({ kind: 'profile_url', platform: 'meetup' });
	});

	it('moves a field off the column that had it, and ignores a column set to ignore', () => {
		let mapping: Mapping = { columns: [{ header: 'Mail', field: { kind: 'email' } }] };
		mapping = withField(mapping, 'E-mail 2', { kind: 'email' });
		expect(mapping.columns).toEqual([{ header: 'E-mail 2', field: { kind: 'email' } }]);
		expect(fieldOf(mapping, 'Mail')).toEqual({ kind: 'ignore' });
		mapping = withField(mapping, 'E-mail 2', { kind: 'ignore' });
		expect(mapping.columns).toEqual([]);
	});

	it('keeps two handle columns on different platforms', () => {
		let mapping = withField({ columns: [] }, 'X', { kind: 'handle', platform: 'x' });
		mapping = withField(mapping, 'IG', { kind: 'handle', platform: 'instagram' });
		expect(mapping.columns).toHaveLength(2);
	});
});

describe('the choices sent with each step', () => {
	it('reads an event start as wall-clock time in the chosen zone', () => {
		expect(zonedMs('2026-10-20T19:00', 'Asia/Tokyo')).toBe(Date.UTC(2026, 9, 20, 10, 0));
		expect(zonedMs('2026-07-01T12:00', 'Europe/London')).toBe(Date.UTC(2026, 6, 1, 11, 0));
		expect(zonedMs('2026-01-01T12:00', 'Europe/London')).toBe(Date.UTC(2026, 0, 1, 12, 0));
		expect(zonedMs('', 'Asia/Tokyo')).toBeNull();
	});

	it('sends no event when none was given, and detects format and encoding on auto', () => {
		const options = fileOptions({
			format: 'auto',
			encoding: 'auto',
			mapping: null,
			event: { title: ' ', start: '' },
			timeZone: 'Asia/Tokyo'
		});
		expect(options).toEqual({ encoding: null, format: null, mapping: null, context: { timeZone: 'Asia/Tokyo', event: null } });
	});

	it('sends the event title and start', () => {
		const options = fileOptions({
			format: 'luma',
			encoding: 'utf8',
			mapping: null,
			event: { title: 'Latte night', start: '2026-10-20T19:00' },
			timeZone: 'Asia/Tokyo'
		});
		expect(options.context.event).toMatchObject({ title: 'Latte night', startsAt: Date.UTC(2026, 9, 20, 10, 0) });
		expect(options.format).toBe('luma');
	});
});

describe('numbers on screen', () => {
	it('says whether an import changes anything and how far it has got', () => {
		const report = {
			membersCreated: 0, membersUpdated: 0, eventsCreated: 0, registrationsCreated: 0,
			registrationsUpdated: 0, activitiesCreated: 0
		} as ImportReport;
		expect(changesAnything(report)).toBe(false);
		expect(changesAnything({ ...report, registrationsUpdated: 1 })).toBe(true);
		expect(percent(1, 3)).toBe(33);
		expect(percent(0, 0)).toBe(100);
	});
});
