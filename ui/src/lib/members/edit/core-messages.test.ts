import { afterEach, describe, expect, it } from 'vitest';
import { CommandError } from '$lib/api/command-error';
import { setLocale } from '$lib/i18n/i18n.svelte';
import { coreErrorText } from './core-messages';

const refusal = (message: string) => new CommandError('create_member', 'invalidInput', message);

describe('the core’s refusals in the manager’s language', () => {
	afterEach(() => setLocale('en'));

	it('words the follower rule in English and Japanese with the number entered', () => {
		setLocale('en');
		const negative = refusal('a follower count cannot be negative (got -5)');
		expect(coreErrorText(negative)).toBe('A follower count cannot be negative (you entered -5).');
		setLocale('ja');
		expect(coreErrorText(negative)).toBe('フォロワー数にマイナスの値は指定できません（入力値：-5）。');
	});

	it('keeps the typed email and the year without digit grouping', () => {
		setLocale('ja');
		expect(coreErrorText(refusal('"taro@" is not a valid email address'))).toBe(
			'「taro@」はメールアドレスの形式になっていません。'
		);
		setLocale('en');
		expect(coreErrorText(refusal('the birth year must be between 1900 and 2026 (got 1800)'))).toBe(
			'The birth year must be between 1900 and 2026 (you entered 1800).'
		);
	});

	it('shows an unknown refusal as the core said it', () => {
		setLocale('en');
		expect(coreErrorText(refusal('member x is already deleted'))).toBe(
			'Some of what was entered is not valid: member x is already deleted'
		);
	});
});
