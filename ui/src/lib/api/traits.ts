// Typed wrappers for the member trait commands (src-tauri/src/commands/traits.rs).
import type { MemberTrait, TraitDimension, TraitUsage } from '$lib/bindings';
import { call } from './call';

/** Gives a member a trait; resolves to it as stored (key in lower case, both trimmed). */
export function addMemberTrait(
	memberId: string,
	dimension: TraitDimension,
	key: string,
	value: string
): Promise<MemberTrait> {
	return call('add_member_trait', { memberId, dimension, key, value });
}

/** Takes one trait off its member. */
export function removeMemberTrait(traitId: string): Promise<void> {
	return call('remove_member_trait', { traitId });
}

/** Every trait live members have, with how many have it, for suggestions while typing. */
export function traitCatalogue(): Promise<TraitUsage[]> {
	return call('trait_catalogue');
}
