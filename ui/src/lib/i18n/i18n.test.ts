import { afterEach, describe, expect, it } from 'vitest';
import { en } from './en';
import { ja } from './ja';
import { interpolate, listMessageKeys, lookupMessage } from './messages';
import {
	formatDate,
	formatDecimal,
	formatMonth,
	formatNumber,
	formatPercent,
	setLocale,
	t,
	tn
} from './i18n.svelte';

function emptyMessages(catalogue: object): string[] {
	return listMessageKeys(catalogue).filter((key) => !lookupMessage(catalogue as never, key)?.trim());
}

afterEach(() => setLocale('en'));

describe('message catalogues', () => {
	it('English and Japanese have exactly the same keys', () => {
		expect(listMessageKeys(ja).sort()).toEqual(listMessageKeys(en).sort());
	});

	it('no message is empty in either language', () => {
		expect(emptyMessages(en)).toEqual([]);
		expect(emptyMessages(ja)).toEqual([]);
	});

	it('both languages use the same placeholders for each message', () => {
		const placeholders = (text: string | undefined) => (text?.match(/\{\w+\}/g) ?? []).sort();
		for (const key of listMessageKeys(en)) {
			expect(placeholders(lookupMessage(ja, key)), key).toEqual(placeholders(lookupMessage(en, key)));
		}
	});
});

describe('translation', () => {
	it('fills placeholders and formats numbers for the language', () => {
		expect(t('dashboard.goingOfCapacity', { going: 1200, capacity: 1500 })).toBe('1,200 / 1,500 going');
		setLocale('ja');
		expect(t('dashboard.goingOfCapacity', { going: 1200, capacity: 1500 })).toBe('参加 1,200 / 1,500 人');
	});

	it('leaves an unknown placeholder visible instead of dropping it', () => {
		expect(interpolate('Hello {name}, {missing}', { name: 'Aiko' }, String)).toBe('Hello Aiko, {missing}');
	});

	it('chooses the plural form by count', () => {
		expect(tn('members.count', 1)).toBe('1 member');
		expect(tn('members.count', 12345)).toBe('12,345 members');
		setLocale('ja');
		expect(tn('members.count', 12345)).toBe('メンバー 12,345 人');
	});

	it('accepts an accessor as well as a dotted key', () => {
		setLocale('ja');
		expect(t((m) => m.nav.members)).toBe('メンバー');
	});

	it('formats dates and months in the style of each language', () => {
		const nov23 = Date.UTC(2026, 10, 23, 12);
		expect(formatDate(nov23)).toBe('November 23, 2026');
		expect(formatMonth(nov23)).toBe('November 2026');
		setLocale('ja');
		expect(formatDate(nov23)).toBe('2026年11月23日');
		expect(formatMonth(nov23)).toBe('2026年11月');
		expect(formatNumber(100000)).toBe('100,000');
	});

	it('formats scores with one decimal and shares as percentages', () => {
		expect(formatDecimal(1234.56)).toBe('1,234.6');
		expect(formatDecimal(0)).toBe('0.0');
		expect(formatPercent(0.42)).toBe('42%');
		expect(formatPercent(0.035)).toBe('3.5%');
		expect(formatPercent(0)).toBe('0%');
		expect(formatPercent(1)).toBe('100%');
		setLocale('ja');
		expect(formatPercent(0.42)).toBe('42%');
	});
});
