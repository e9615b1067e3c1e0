// A member's merges and undoing one of them, shared by the undo notice and the merge history.
import type { MergeRecord } from '$lib/bindings';
import type { CommandError } from '$lib/api/commands';
import { toCommandError } from '$lib/api/command-error';
import { listMerges, undoMerge } from '$lib/api/merge';

/** The merges of one member, reloaded after each undo. */
export class MemberMergeList {
	records = $state<MergeRecord[] | null>(null);
	loadError = $state<CommandError | null>(null);
	/** The merge being undone right now, if any. */
	undoing = $state<string | null>(null);
	/** Why undoing a merge was refused, by merge id. */
	undoErrors = $state<Record<string, CommandError>>({});

	constructor(
		private readonly memberId: string,
		private readonly onundone: () => void
	) {}

	async load(): Promise<void> {
		this.loadError = null;
		try {
			this.records = await listMerges(this.memberId);
		} catch (failure) {
			this.loadError = toCommandError('list_merges', failure);
		}
	}

	/** Undoes `mergeId`; on success the member's page reloads, on refusal the reason is kept. */
	async undo(mergeId: string): Promise<boolean> {
		if (this.undoing) return false;
		this.undoing = mergeId;
		const { [mergeId]: _previous, ...others } = this.undoErrors;
		this.undoErrors = others;
		try {
			await undoMerge(mergeId);
			this.onundone();
			await this.load();
			return true;
		} catch (failure) {
			this.undoErrors = { ...this.undoErrors, [mergeId]: toCommandError('undo_merge', failure) };
			return false;
		} finally {
			this.undoing = null;
		}
	}
}
