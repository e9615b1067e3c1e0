import { describe, expect, it } from 'vitest';
import type { SyncConflict } from '$lib/bindings';
import { conflictField, conflictRecord } from './sync-labels';

const conflict = (table: string, subject: string | null): SyncConflict => ({
	id: 1,
	table,
	rowId: 'm-1',
	column: 'display_name',
	subject,
	localValue: 'Aiko',
	remoteValue: 'Aiko T.',
	kept: 'remote',
	detectedAt: 0,
	remoteLabel: null,
	localAt: null,
	remoteAt: null
});

describe('conflictField', () => {
	it('names a known field in words and leaves others as stored', () => {
		expect(conflictField(conflict('members', 'Aiko'))).toBe('Name');
		expect(conflictField({ ...conflict('members', 'Aiko'), column: 'budget_minor' })).toBe('budget_minor');
	});
});

describe('conflictRecord', () => {
	it('names a member by kind and name', () => {
		expect(conflictRecord(conflict('members', 'Aiko Tanaka'))).toBe('Member · Aiko Tanaka');
	});
	it('falls back to the table and id when the record has no name', () => {
		expect(conflictRecord(conflict('tags', null))).toBe('tags · m-1');
	});
});
