import { describe, expect, it } from 'vitest';
import { enterChoice, moveSelection, normaliseCode } from './checkin-keys';
import { goingText } from './labels';
import { clockTime, toZoneInput, zoneChoices, zoneDiffers } from './time';

const candidates = [
	{ id: 'r1', code: 'ABC2345' },
	{ id: 'r2', code: 'XYZ6789' },
	{ id: 'r3', code: 'QRS2345' }
];

describe('event times', () => {
	const sixThirtyTokyo = Date.UTC(2026, 4, 30, 9, 30); // 18:30 in Tokyo

	it('fills the form with the time on the event’s own clock', () => {
		expect(toZoneInput(sixThirtyTokyo, 'Asia/Tokyo')).toBe('2026-05-30T18:30');
		expect(toZoneInput(sixThirtyTokyo, 'Europe/London')).toBe('2026-05-30T10:30');
		expect(toZoneInput(Date.UTC(2026, 0, 1, 15, 0), 'Asia/Tokyo')).toBe('2026-01-02T00:00');
	});

	it('notes the event’s zone only when its clock differs from the user’s', () => {
		expect(zoneDiffers(sixThirtyTokyo, 'Asia/Tokyo', 'Asia/Tokyo')).toBe(false);
		expect(zoneDiffers(sixThirtyTokyo, 'Asia/Tokyo', 'Asia/Seoul')).toBe(false);
		expect(zoneDiffers(sixThirtyTokyo, 'Asia/Tokyo', 'Europe/Berlin')).toBe(true);
	});

	it('shows a check-in time as a 24-hour clock', () => {
		expect(clockTime(Date.UTC(2026, 4, 30, 9, 42), 'Asia/Tokyo', 'en-US')).toBe('18:42');
		expect(clockTime(Date.UTC(2026, 4, 30, 9, 42), 'Asia/Tokyo', 'en-US', false)).toBe('06:42 PM');
	});

	it('offers Tokyo and keeps an uncommon zone of an existing event', () => {
		expect(zoneChoices('Asia/Tokyo')[0]).toBe('Asia/Tokyo');
		expect(zoneChoices('America/Anchorage')[0]).toBe('America/Anchorage');
	});
});

describe('door keyboard', () => {
	it('checks in an exact scanned code at once, whatever the case or width', () => {
		expect(enterChoice('qrs2345', candidates, -1)).toEqual({ kind: 'checkIn', id: 'r3' });
		expect(enterChoice('ＸＹＺ６７８９', candidates, 0)).toEqual({ kind: 'checkIn', id: 'r2' });
	});

	it('checks in the only candidate, or the highlighted one', () => {
		expect(enterChoice('aiko', candidates.slice(0, 1), -1)).toEqual({ kind: 'checkIn', id: 'r1' });
		expect(enterChoice('a', candidates, 1)).toEqual({ kind: 'checkIn', id: 'r2' });
	});

	it('asks to choose when several match and none is highlighted', () => {
		expect(enterChoice('a', candidates, -1)).toEqual({ kind: 'several', count: 3 });
		expect(enterChoice('zzz', [], -1)).toEqual({ kind: 'none' });
	});

	it('moves the highlight with the arrows and wraps around', () => {
		expect(moveSelection(-1, 'ArrowDown', 3)).toBe(0);
		expect(moveSelection(2, 'ArrowDown', 3)).toBe(0);
		expect(moveSelection(0, 'ArrowUp', 3)).toBe(2);
		expect(moveSelection(-1, 'ArrowUp', 3)).toBe(2);
		expect(moveSelection(0, 'ArrowDown', 0)).toBe(-1);
	});

	it('normalises codes like the core does', () => {
		expect(normaliseCode(' abc-2345 ')).toBe('ABC2345');
	});
});

describe('seats on the list and the event page', () => {
	const counts = { going: 3, waitlist: 2, cancelled: 1, attended: 8, noShow: 1 };
	const endsAt = Date.UTC(2026, 4, 30, 11, 30);

	it('counts seats taken against capacity until the event ends', () => {
		expect(goingText({ capacity: 40, counts, endsAt }, endsAt - 1)).toBe('12 / 40 going');
		expect(goingText({ capacity: null, counts, endsAt }, endsAt - 1)).toBe('12 going (no limit)');
	});

	it('counts who came once it has ended', () => {
		expect(goingText({ capacity: 40, counts, endsAt }, endsAt + 1)).toBe('8 of 12 attended');
	});
});
