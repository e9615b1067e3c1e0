import { describe, expect, it } from 'vitest';
import type { MemberTrait, TraitUsage } from '$lib/bindings';
import { setLocale } from '$lib/i18n/i18n.svelte';
import { CommandError } from '$lib/api/command-error';
import { groupByDimension, keyLabel, keySuggestions, traitErrorText, valueSuggestions } from './traits';

const trait = (dimension: MemberTrait['dimension'], key: string, value: string): MemberTrait => ({
	id: `${key}-${value}`,
	dimension,
	key,
	value
});
const usage = (dimension: TraitUsage['dimension'], key: string, value: string, members: number): TraitUsage => ({
	dimension,
	key,
	value,
	members
});

const catalogue = [
	usage('psychographic', 'interest', 'espresso', 40),
	usage('psychographic', 'interest', 'pour-over', 30),
	usage('psychographic', 'value', 'sustainability', 90),
	usage('technology', 'device', 'iPhone', 60)
];

describe('member traits card', () => {
	it('shows all four dimensions in order, empty ones too', () => {
		const groups = groupByDimension([trait('technology', 'device', 'iPhone'), trait('demographic', 'occupation', 'nurse')]);
		expect(groups.map((g) => [g.dimension, g.traits.length])).toEqual([
			['demographic', 1],
			['psychographic', 0],
			['technology', 1],
			['behaviour', 0]
		]);
	});

	it('suggests the most used keys of a dimension first', () => {
		expect(keySuggestions(catalogue, 'psychographic')).toEqual(['value', 'interest']);
		expect(keySuggestions(catalogue, 'behaviour')).toEqual([]);
	});

	it('suggests values for the typed key, leaving out those the member already has', () => {
		const has = [trait('psychographic', 'interest', 'Espresso')];
		expect(valueSuggestions(catalogue, 'psychographic', ' Interest ', has)).toEqual(['pour-over']);
		expect(valueSuggestions(catalogue, 'technology', 'interest', has)).toEqual([]);
	});

	it('names common keys in the current language and leaves others as typed', () => {
		setLocale('ja');
		expect(keyLabel('interest')).toBe('興味');
		expect(keyLabel('焙煎度')).toBe('焙煎度');
		setLocale('en');
		expect(keyLabel('purchase_frequency')).toBe('Buys');
	});

	it('words the core refusals for the field they are about', () => {
		setLocale('en');
		const refusal = (message: string) => traitErrorText(new CommandError('add_member_trait', 'invalidInput', message));
		expect(refusal('a trait needs a value, such as "espresso" or "iPhone"')).toEqual({
			text: 'Give the trait a value, such as “espresso” or “iPhone”.',
			field: 'value'
		});
		expect(refusal('a trait key can be at most 40 characters (got 1200)')).toEqual({
			text: 'A key can be at most 40 characters (this one has 1200).',
			field: 'key'
		});
		setLocale('ja');
		expect(refusal('the member already has the psychographic trait interest: espresso')).toEqual({
			text: 'このメンバーにはすでに「興味: espresso」があります。',
			field: 'value'
		});
		setLocale('en');
		expect(refusal('something new').field).toBe('form');
	});
});
