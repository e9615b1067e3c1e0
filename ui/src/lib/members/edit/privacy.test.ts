import { describe, expect, it } from 'vitest';
import { namesMatch } from './privacy';

describe('erase confirmation', () => {
	it('accepts the name typed with other spacing or width', () => {
		expect(namesMatch(' 山田　太郎 ', '山田 太郎')).toBe(true);
		expect(namesMatch('Ava  Chen', 'Ava Chen')).toBe(true);
	});

	it('refuses a different or empty name', () => {
		expect(namesMatch('山田', '山田 太郎')).toBe(false);
		expect(namesMatch('   ', '   ')).toBe(false);
	});
});
