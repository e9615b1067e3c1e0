import { afterEach, describe, expect, it } from 'vitest';
import type { SyncConflict, SyncReason } from '$lib/bindings';
import { setLocale } from '$lib/i18n/i18n.svelte';
import { conflictField, conflictRecord, failureText } from './sync-labels';

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

describe('failureText', () => {
	afterEach(() => setLocale('en'));
	const reasons: SyncReason[] = [
		'unreachable',
		'unauthorized',
		'forbidden',
		'rate_limited',
		'too_large',
		'server_error',
		'bad_response',
		'version_mismatch',
		'refused',
		'no_hub',
		'no_token',
		'keychain_unavailable',
		'local'
	];
	const failure = (reason: SyncReason) => ({ reason, status: 503, retryAfterSecs: 60 });

	it('says every reason in English and in Japanese, never as its key', () => {
		for (const locale of ['en', 'ja'] as const) {
			setLocale(locale);
			for (const reason of reasons) {
				const text = failureText(failure(reason), 'https://hub.example.com');
				expect(text).not.toContain('sync.reasons');
				expect(text).not.toMatch(/\{\w+\}/);
			}
		}
	});

	it('puts the details a reason needs into its words', () => {
		expect(failureText(failure('rate_limited'), null)).toBe('the hub is busy; sync again in 60 seconds');
		expect(failureText(failure('unreachable'), 'https://hub.example.com')).toContain('https://hub.example.com');
		setLocale('ja');
		expect(failureText(failure('rate_limited'), null)).toBe('ハブが混み合っています。60秒後にもう一度同期してください');
		expect(failureText(failure('version_mismatch'), null)).toContain('Kizunaを更新');
	});
});
