// DEV AID ONLY — fake trait answers for mock.ts (`?mock`): a coffee roaster's traits drawn per
// member from a fixed table, kept in memory so adding and removing can be tried out.
import type { MemberTrait, TraitDimension, TraitUsage } from '$lib/bindings';

const pool: ReadonlyArray<[TraitDimension, string, string]> = [
	['demographic', 'occupation', 'designer'],
	['demographic', 'occupation', 'engineer'],
	['demographic', 'household', 'couple'],
	['psychographic', 'interest', 'pour-over'],
	['psychographic', 'interest', 'espresso'],
	['psychographic', 'interest', 'latte art'],
	['psychographic', 'value', 'sustainability'],
	['technology', 'device', 'iPhone'],
	['technology', 'device', 'Android'],
	['technology', 'app', 'Instagram'],
	['technology', 'app', 'LINE'],
	['behaviour', 'purchase_frequency', 'weekly buyer'],
	['behaviour', 'subscription', 'subscriber']
];
const dimensions = ['demographic', 'psychographic', 'technology', 'behaviour'];
const byMember = new Map<string, MemberTrait[]>();
let nextId = 1;

function traitsOf(memberId: string): MemberTrait[] {
	let traits = byMember.get(memberId);
	if (!traits) {
		const seed = [...memberId].reduce((sum, c) => sum + c.charCodeAt(0), 0);
		const chosen = pool.filter((_, i) => (seed * (i + 3)) % 5 < 2);
		// One phone each.
		const phones = chosen.filter(([, key]) => key === 'device').slice(1);
		traits = chosen
			.filter((entry) => !phones.includes(entry))
			.map(([dimension, key, value], i) => ({ id: `${memberId}-trait-${i}`, dimension, key, value }));
		byMember.set(memberId, traits);
	}
	return traits;
}

function sorted(traits: MemberTrait[]): MemberTrait[] {
	return [...traits].sort(
		(a, b) =>
			dimensions.indexOf(a.dimension) - dimensions.indexOf(b.dimension) ||
			a.key.localeCompare(b.key) ||
			a.value.toLowerCase().localeCompare(b.value.toLowerCase())
	);
}

/** The traits the mock member page shows for `memberId`. */
export function mockMemberTraits(memberId: string): MemberTrait[] {
	return sorted(traitsOf(memberId));
}

function invalid(message: string): never {
	throw { code: 'invalidInput', message };
}

function add(args: Record<string, unknown>): MemberTrait {
	const memberId = String(args.memberId);
	const dimension = String(args.dimension) as TraitDimension;
	const key = String(args.key ?? '').trim().toLowerCase();
	const value = String(args.value ?? '').trim();
	if (!dimensions.includes(dimension)) invalid(`"${dimension}" is not a trait dimension (known dimensions: ${dimensions.join(', ')})`);
	if (!key) invalid('a trait needs a key, such as "interest" or "device"');
	if (key.length > 40) invalid(`a trait key can be at most 40 characters (got ${key.length})`);
	if (!value) invalid('a trait needs a value, such as "espresso" or "iPhone"');
	if (value.length > 100) invalid(`a trait value can be at most 100 characters (got ${value.length})`);
	const traits = traitsOf(memberId);
	const same = traits.find((item) => item.dimension === dimension && item.key === key && item.value.toLowerCase() === value.toLowerCase());
	if (same) invalid(`the member already has the ${dimension} trait ${key}: ${same.value}`);
	const added = { id: `mock-trait-${nextId++}`, dimension, key, value };
	traits.push(added);
	return added;
}

function remove(args: Record<string, unknown>): null {
	const id = String(args.traitId);
	for (const traits of byMember.values()) {
		const at = traits.findIndex((item) => item.id === id);
		if (at >= 0) {
			traits.splice(at, 1);
			return null;
		}
	}
	throw { code: 'notFound', message: `trait ${id} was not found` };
}

function catalogue(): TraitUsage[] {
	return pool.map(([dimension, key, value], i) => ({ dimension, key, value, members: 4000 - i * 250 }));
}

/** The trait commands mock.ts dispatches here. */
export const traitsMockCommands: Record<string, (args: Record<string, unknown>) => unknown> = {
	add_member_trait: add,
	remove_member_trait: remove,
	trait_catalogue: catalogue
};
