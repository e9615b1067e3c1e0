// Pure helpers of the Engagement settings: reading number fields, keys for new levels and
// types, and which row or field a message from the Rust side is about.
import type { InfluencerThresholds, LevelInput } from '$lib/bindings';

/** A number typed into a field, or null when the field is empty or not a number. */
export function toNumber(value: unknown): number | null {
	if (value === null || value === undefined) return null;
	if (typeof value === 'string' && value.trim() === '') return null;
	const number = typeof value === 'number' ? value : Number(value);
	return Number.isFinite(number) ? number : null;
}

/** A key for a new level or activity type from its English label, unique among `taken`. */
export function keyFromLabel(label: string, taken: readonly string[], fallback: string): string {
	const slug = label
		.normalize('NFKD')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '_')
		.replace(/^[^a-z]+|_+$/g, '')
		.slice(0, 32);
	const base = slug || fallback;
	let key = base;
	for (let n = 2; taken.includes(key); n++) key = `${base}_${n}`;
	return key;
}

/**
 * The row (0-based) of the level a validation message from kizuna-core names, so the table can
 * mark it: "level 3 needs…", "the first level (…)", "… Gamma (10) must be above Beta (20)",
 * "the threshold of Gamma…", "two levels share the key "x"". Null when no row is named.
 */
export function levelErrorRow(message: string, levels: readonly LevelInput[]): number | null {
	const position = /^level (\d+)\b/.exec(message);
	if (position) return Number(position[1]) - 1;
	if (message.startsWith('the first level')) return 0;
	const label =
		/must increase: (.+?) \([^)]*\) must be above/.exec(message)?.[1] ??
		/^the threshold of (.+) must be a number/.exec(message)?.[1];
	if (label) {
		const row = levels.findIndex((level) => level.labelEn.trim() === label);
		return row === -1 ? null : row;
	}
	const key = /share the key "(.+)"/.exec(message)?.[1];
	if (key) {
		const rows = levels.flatMap((level, i) => (level.key.trim() === key ? [i] : []));
		return rows[1] ?? null;
	}
	return null;
}

/** The influencer tiers, smallest first, with their threshold field. */
export const tierFields = [
	['nano', 'nanoMin'],
	['micro', 'microMin'],
	['mid', 'midMin'],
	['macro', 'macroMin']
] as const satisfies readonly (readonly [string, keyof InfluencerThresholds])[];

/** The threshold field a tier message from kizuna-core is about ("the micro threshold (…) must…"). */
export function tierErrorField(message: string): keyof InfluencerThresholds | null {
	const tier = /^the (nano|micro|mid|macro) threshold/.exec(message)?.[1];
	return tierFields.find(([name]) => name === tier)?.[1] ?? null;
}
