// DEV AID ONLY — fake merge commands for mock.ts (`?mock`): a side-by-side preview built from the
// mock members, and merges remembered in memory so the notice and merge history can be looked at.
// The mock's member list and duplicates do not change when merging.
import type { FieldComparison, FieldChoices, MemberDetail, MergePreview, MergeRecord } from '$lib/bindings';

type Detail = (id: string) => MemberDetail;

const merges: MergeRecord[] = [];

function preview(keptId: string, mergedId: string, detail: Detail): MergePreview {
	if (keptId === mergedId) {
		throw { code: 'invalidInput', message: 'a member cannot be merged into themselves; pick two different members' };
	}
	const [kept, merged] = [detail(keptId), detail(mergedId)];
	const fields = (['displayName', 'nameReading', 'email', 'phone', 'locale', 'country', 'city', 'birthYear',
		'joinedAt', 'source', 'notes'] as const).map((field): FieldComparison => {
		const [k, m] = [kept.member[field] ?? null, merged.member[field] ?? null];
		const earlier = field === 'joinedAt' && typeof k === 'number' && typeof m === 'number' && m < k;
		return { field, kept: k, merged: m, differs: k !== m, defaultSide: earlier || (k === null && m !== null) ? 'merged' : 'kept' };
	});
	const keptHandles = new Set(kept.identities.map((i) => `${i.platform}:${i.handle}`));
	const clashes = merged.identities.filter((i) => keptHandles.has(`${i.platform}:${i.handle}`));
	const keptTags = new Set(kept.tags);
	return {
		kept: { id: keptId, displayName: kept.member.displayName },
		merged: { id: mergedId, displayName: merged.member.displayName },
		fields,
		moves: {
			identities: merged.identities.length - clashes.length,
			duplicateIdentities: clashes.length,
			tags: merged.tags.filter((tag) => !keptTags.has(tag)).length,
			duplicateTags: merged.tags.filter((tag) => keptTags.has(tag)).length,
			traits: merged.traits.length,
			duplicateTraits: 0,
			activities: merged.activityCount,
			registrations: Math.min(3, merged.activityCount),
			sharedEvents: merged.activityCount > 40 ? 1 : 0
		},
		duplicateIdentities: clashes.map(({ platform, handle }) => ({ platform, handle }))
	};
}

function merge(keptId: string, mergedId: string, choices: FieldChoices, detail: Detail): string {
	const { kept, merged } = preview(keptId, mergedId, detail);
	const snake = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
	const id = `01938000-0000-7000-8000-${merges.length.toString(16).padStart(12, '0')}`;
	merges.unshift({ id, kept, merged, mergedAt: Date.now(), undoneAt: null, fieldsTaken: choices.take.map(snake) });
	return id;
}

function undo(mergeId: string): null {
	const record = merges.find((m) => m.id === mergeId);
	if (!record) throw { code: 'notFound', message: `no merge with id ${mergeId}` };
	if (record.undoneAt !== null) throw { code: 'invalidInput', message: `merge ${mergeId} was already undone` };
	record.undoneAt = Date.now();
	return null;
}

/** Answers one of the merge commands. */
export function mockMerge(command: string, args: Record<string, unknown>, detail: Detail): unknown {
	switch (command) {
		case 'merge_preview':
			return preview(String(args.keptId), String(args.mergedId), detail);
		case 'merge_members':
			return merge(String(args.keptId), String(args.mergedId), args.choices as FieldChoices, detail);
		case 'undo_merge':
			return undo(String(args.mergeId));
		default: {
			const member = args.memberId;
			return merges.filter((m) => !member || m.kept.id === member || m.merged.id === member);
		}
	}
}
