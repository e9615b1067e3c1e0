import { afterEach, describe, expect, it } from 'vitest';
import type { DuplicateConflict, DuplicateReason } from '$lib/bindings';
import { setLocale } from '$lib/i18n/i18n.svelte';
import { confidenceBucket, conflictLabel, reasonLabel } from './duplicate-labels';

afterEach(() => setLocale('en'));

describe('confidence buckets', () => {
	it('is high from 0.8, medium from 0.5 and low below', () => {
		expect(confidenceBucket(1)).toBe('high');
		expect(confidenceBucket(0.8)).toBe('high');
		expect(confidenceBucket(0.79)).toBe('medium');
		expect(confidenceBucket(0.5)).toBe('medium');
		expect(confidenceBucket(0.49)).toBe('low');
		expect(confidenceBucket(0)).toBe('low');
	});
});

describe('reasons and conflicts in words', () => {
	it('names each reason, with the platform of a shared handle', () => {
		const reasons: DuplicateReason[] = [
			{ kind: 'sameEmail' },
			{ kind: 'sameHandle', platform: 'x' },
			{ kind: 'samePhone' },
			{ kind: 'sameNameKey' }
		];
		expect(reasons.map(reasonLabel)).toEqual(['Same email', 'Same X handle', 'Same phone', 'Same name (reading)']);
		setLocale('ja');
		expect(reasons.map(reasonLabel)).toEqual([
			'メールアドレスが一致',
			'X のハンドルが一致',
			'電話番号が一致',
			'名前（読み）が一致'
		]);
	});

	it('names each conflict', () => {
		const conflicts: DuplicateConflict[] = [
			{ kind: 'differentEmail' },
			{ kind: 'differentHandle', platform: 'github' },
			{ kind: 'differentPhone' },
			{ kind: 'differentName' },
			{ kind: 'differentBirthYear' }
		];
		expect(conflicts.map(conflictLabel)).toEqual([
			'Different email',
			'Different GitHub handle',
			'Different phone',
			'Different name',
			'Different birth year'
		]);
	});

	it('never shows a raw kind the UI does not know yet', () => {
		expect(reasonLabel({ kind: 'sameBirthday' } as unknown as DuplicateReason)).toBe('Other matching detail');
		expect(conflictLabel({ kind: 'differentCity' } as unknown as DuplicateConflict)).toBe('Other differing detail');
	});

	it('shows an unknown platform as it came', () => {
		expect(reasonLabel({ kind: 'sameHandle', platform: 'mastodon' })).toBe('Same mastodon handle');
	});
});
