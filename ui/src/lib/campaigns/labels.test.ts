import { afterEach, describe, expect, it } from 'vitest';
import { CommandError } from '$lib/api/command-error';
import { setLocale } from '$lib/i18n/i18n.svelte';
import { campaignsErrorText, fromDateInput, goalLabel, toDateInput } from './labels';

const refusal = (message: string) => new CommandError('create_campaign', 'invalidInput', message);

describe('the core’s campaign refusals in the manager’s language', () => {
	afterEach(() => setLocale('en'));

	it('words a window ending before its start in both languages', () => {
		const early = refusal('the campaign ends before it starts; pick an end date after the start');
		expect(campaignsErrorText(early)).toBe('The campaign ends before it starts; pick an end date after the start.');
		setLocale('ja');
		expect(campaignsErrorText(early)).toBe('終了日が開始日より前になっています。開始日より後の終了日を選んでください。');
	});

	it('names the unknown code and the negative amount the user typed', () => {
		const unknown = refusal('there is no campaign with the referral code "NOPE"');
		expect(campaignsErrorText(unknown)).toBe('No campaign has the referral code “NOPE”.');
		setLocale('ja');
		expect(campaignsErrorText(unknown)).toBe('紹介コード「NOPE」を持つキャンペーンはありません。');
		const fee = refusal('fee: "-5000" is negative; budget amounts are zero or more');
		expect(campaignsErrorText(fee)).toBe('報酬：「-5000」はマイナスです。金額は0以上で入力してください。');
	});

	it('shows an unknown refusal as the core said it', () => {
		setLocale('ja');
		expect(campaignsErrorText(refusal('something new went wrong'))).toBe('something new went wrong');
	});
});

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
