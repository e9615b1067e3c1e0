// Pure helpers for the member traits card: grouping by dimension, suggestions from the
// community's catalogue, and the core's refusals in the manager's language.
import type { CommandError } from '$lib/api/commands';
import type { MemberTrait, TraitDimension, TraitUsage } from '$lib/bindings';
import { errorMessage } from '$lib/common/labels';
import { t, type MessageKey, type MessageParams } from '$lib/i18n/i18n.svelte';

/** The four dimensions in the order the card shows them. */
export const dimensions: readonly TraitDimension[] = ['demographic', 'psychographic', 'technology', 'behaviour'];

/** A member's traits under each of the four dimensions (empty ones included), in order. */
export function groupByDimension(traits: readonly MemberTrait[]): { dimension: TraitDimension; traits: MemberTrait[] }[] {
	return dimensions.map((dimension) => ({ dimension, traits: traits.filter((item) => item.dimension === dimension) }));
}

/** Keys used in `dimension`, the most used first. */
export function keySuggestions(catalogue: readonly TraitUsage[], dimension: TraitDimension): string[] {
	const uses = new Map<string, number>();
	for (const entry of catalogue) {
		if (entry.dimension === dimension) uses.set(entry.key, (uses.get(entry.key) ?? 0) + entry.members);
	}
	return [...uses.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([key]) => key);
}

/** Values used for `key` in `dimension` (the most common first), leaving out those the member has. */
export function valueSuggestions(
	catalogue: readonly TraitUsage[],
	dimension: TraitDimension,
	key: string,
	has: readonly MemberTrait[]
): string[] {
	const wanted = key.trim().toLowerCase();
	const taken = new Set(
		has.filter((item) => item.dimension === dimension && item.key === wanted).map((item) => item.value.toLowerCase())
	);
	return catalogue
		.filter((entry) => entry.dimension === dimension && entry.key === wanted && !taken.has(entry.value.toLowerCase()))
		.map((entry) => entry.value);
}

/** Where the card can put the words for a key, if it knows it. */
const knownKeys = new Set([
	'occupation', 'household', 'interest', 'value', 'device', 'app', 'platform', 'purchase_frequency', 'subscription', 'channel'
]);

/** A key as the manager reads it: the words for common keys, anything else as typed. */
export function keyLabel(key: string): string {
	return knownKeys.has(key) ? t(`traits.keys.${key}` as MessageKey) : key;
}

/** Which field a refusal is about, so the card can mark it. */
export type TraitField = 'key' | 'value' | 'form';

const refusals: ReadonlyArray<{ pattern: RegExp; key: MessageKey; names: string[]; field: TraitField }> = [
	{ pattern: /^"(.*)" is not a trait dimension/, key: 'traits.errors.unknownDimension', names: ['dimension'], field: 'form' },
	{ pattern: /^a trait needs a key/, key: 'traits.errors.keyRequired', names: [], field: 'key' },
	{ pattern: /^a trait needs a value/, key: 'traits.errors.valueRequired', names: [], field: 'value' },
	{
		pattern: /^a trait key can be at most (\d+) characters \(got (\d+)\)$/,
		key: 'traits.errors.keyTooLong',
		names: ['max', 'length'],
		field: 'key'
	},
	{
		pattern: /^a trait value can be at most (\d+) characters \(got (\d+)\)$/,
		key: 'traits.errors.valueTooLong',
		names: ['max', 'length'],
		field: 'value'
	},
	{
		pattern: /^the member already has the \w+ trait (.*?): (.*)$/,
		key: 'traits.errors.duplicate',
		names: ['key', 'value'],
		field: 'value'
	}
];

/** The message for a failed trait command in the current language, and the field it is about. */
export function traitErrorText(error: CommandError): { text: string; field: TraitField } {
	if (error.code === 'invalidInput') {
		for (const { pattern, key, names, field } of refusals) {
			const match = pattern.exec(error.message);
			if (match) {
				// Passed as text so lengths are not digit-grouped.
				const params: MessageParams = Object.fromEntries(names.map((name, i) => [name, match[i + 1] ?? '']));
				if (typeof params.key === 'string') params.key = keyLabel(params.key);
				return { text: t(key, params), field };
			}
		}
	}
	return { text: errorMessage(error), field: 'form' };
}
