import { afterEach, describe, expect, it } from 'vitest';
import { setLocale } from '$lib/i18n/i18n.svelte';
import { formatBytes } from './size';

afterEach(() => setLocale('en'));

describe('backup sizes', () => {
	it('reads as KB, MB or GB with one decimal above a megabyte', () => {
		expect(formatBytes(300)).toBe('1 KB');
		expect(formatBytes(81_234)).toBe('81 KB');
		expect(formatBytes(81_234_567)).toBe('81.2 MB');
		expect(formatBytes(2_400_000_000)).toBe('2.4 GB');
	});

	it('uses the language’s number format', () => {
		setLocale('ja');
		expect(formatBytes(1_234_567_890)).toBe('1.2 GB');
		expect(formatBytes(999_000)).toBe('999 KB');
	});
});
