import { afterEach, describe, expect, it } from 'vitest';
import { CommandError } from '$lib/api/command-error';
import { setLocale } from '$lib/i18n/i18n.svelte';
import { eventsErrorText } from './core-messages';

const refusal = (message: string) => new CommandError('check_in', 'invalidInput', message);

describe('the core’s events refusals in the manager’s language', () => {
	afterEach(() => setLocale('en'));

	it('says at the door, in Japanese, who was already checked in, when and where', () => {
		const twice = refusal('伊藤 翔 is already checked in (at 2026-12-05 18:31 (Asia/Tokyo), on door-laptop)');
		setLocale('en');
		expect(eventsErrorText(twice)).toBe('伊藤 翔 is already checked in (at 2026-12-05 18:31 (Asia/Tokyo), on door-laptop)');
		setLocale('ja');
		expect(eventsErrorText(twice)).toBe('伊藤 翔さんはチェックイン済みです（2026-12-05 18:31 (Asia/Tokyo)、door-laptop）');
	});

	it('words the form’s end-before-start and a walk-in without a name in Japanese', () => {
		setLocale('ja');
		expect(eventsErrorText(refusal('an event cannot end before it starts'))).toBe('終了日時が開始日時より前になっています');
		expect(eventsErrorText(refusal('a member needs a name'))).not.toMatch(/needs a name/);
	});

	it('shows an unknown refusal as the core said it', () => {
		setLocale('ja');
		expect(eventsErrorText(refusal('something new went wrong'))).toBe('something new went wrong');
	});
});
