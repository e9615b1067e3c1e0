import { describe, expect, it } from 'vitest';
import { fromDateInput, goalLabel, toDateInput } from './labels';

describe('campaign form helpers', () => {
	it('round-trips a window date through the date input', () => {
		const at = fromDateInput('2026-04-01');
		expect(at).not.toBeNull();
		expect(toDateInput(at)).toBe('2026-04-01');
		expect(fromDateInput('')).toBeNull();
		expect(toDateInput(null)).toBe('');
	});

	it('labels a goal on one activity type with that type', () => {
		expect(goalLabel('new_members')).toBe('New members');
		expect(goalLabel('activities:message_posted')).toBe('Activities (message_posted)');
	});
});
