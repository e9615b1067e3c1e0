import { describe, expect, it } from 'vitest';
import { dateToMs, msToDate, stockText } from './labels';

describe('perk labels', () => {
	it('reads a typed date and writes it back the same', () => {
		const ms = dateToMs('2026-12-01');
		expect(ms).not.toBeNull();
		expect(msToDate(ms as number)).toBe('2026-12-01');
		expect(dateToMs('12/01/2026')).toBeNull();
	});
	it('says how much stock is left, never below zero', () => {
		expect(stockText({ stock: 50, liveGrants: 2 })).toContain('48');
		expect(stockText({ stock: 1, liveGrants: 3 })).toContain('0');
	});
});
