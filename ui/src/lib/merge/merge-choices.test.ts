import { describe, expect, it } from 'vitest';
import type { FieldComparison } from '$lib/bindings';
import { chosenSide, differingCount, fieldChoices, swappedPicks } from './merge-choices';

// As the Rust preview sends them: kept = 山田 太郎, merged = Taro Yamada.
const rows: FieldComparison[] = [
	{ field: 'displayName', kept: '山田 太郎', merged: 'Taro Yamada', differs: true, defaultSide: 'kept' },
	{ field: 'email', kept: 'taro@example.jp', merged: 'taro@example.jp', differs: false, defaultSide: 'kept' },
	{ field: 'phone', kept: null, merged: '090-1234-5678', differs: true, defaultSide: 'merged' },
	{ field: 'joinedAt', kept: 1_700_000_000_000, merged: 1_600_000_000_000, differs: true, defaultSide: 'merged' },
	{ field: 'city', kept: 'Tokyo', merged: null, differs: true, defaultSide: 'kept' }
];
const row = (field: string) => rows.find((r) => r.field === field) as FieldComparison;

describe('merge field choices', () => {
	it('keeps the kept member’s value by default', () => {
		expect(chosenSide(row('displayName'), {})).toBe('kept');
		expect(chosenSide(row('city'), {})).toBe('kept');
	});

	it('takes the other value by default when the kept member has none, and the earlier join date', () => {
		expect(chosenSide(row('phone'), {})).toBe('merged');
		expect(chosenSide(row('joinedAt'), {})).toBe('merged');
	});

	it('follows the manager’s pick over the default', () => {
		expect(chosenSide(row('displayName'), { displayName: 'merged' })).toBe('merged');
		expect(chosenSide(row('phone'), { phone: 'kept' })).toBe('kept');
	});

	it('leaves equal values on the kept member whatever was picked', () => {
		expect(chosenSide(row('email'), { email: 'merged' })).toBe('kept');
	});

	it('sends every differing field on its chosen side, and no equal one', () => {
		expect(fieldChoices(rows, { displayName: 'merged', phone: 'kept' })).toEqual({
			take: ['displayName', 'joinedAt'],
			keep: ['phone', 'city']
		});
	});

	it('keeps the picked values picked when the members swap roles', () => {
		expect(swappedPicks({ displayName: 'merged', phone: 'kept' })).toEqual({
			displayName: 'kept',
			phone: 'merged'
		});
		expect(swappedPicks({})).toEqual({});
	});

	it('counts the fields that differ', () => {
		expect(differingCount(rows)).toBe(4);
	});
});
