// Typed wrappers for the merge commands (src-tauri/src/commands/merge.rs).
import type { FieldChoices, MergeId, MergePreview, MergeRecord } from '$lib/bindings';
import { call } from './call';

/** Both members side by side and what merging `mergedId` into `keptId` would move. */
export function mergePreview(keptId: string, mergedId: string): Promise<MergePreview> {
	return call('merge_preview', { keptId, mergedId });
}

/** Merges `mergedId` into `keptId` with the manager's field picks; resolves to the merge's id. */
export function mergeMembers(keptId: string, mergedId: string, choices: FieldChoices): Promise<MergeId> {
	return call('merge_members', { keptId, mergedId, choices });
}

/** Undoes a merge: both members come back as they were. */
export function undoMerge(mergeId: string): Promise<void> {
	return call('undo_merge', { mergeId });
}

/** Merges a member took part in (or all merges), newest first. */
export function listMerges(memberId?: string): Promise<MergeRecord[]> {
	return call('list_merges', { memberId: memberId ?? null });
}
