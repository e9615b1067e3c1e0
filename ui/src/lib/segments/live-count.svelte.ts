// The live member count (and the first members) of the rule tree being edited: each change
// waits ~250 ms for the next one, then asks the core; answers to older trees are dropped.
import type { Group, MemberRow } from '$lib/bindings';
import { toCommandError, type CommandError } from '$lib/api/command-error';

/** How long to wait after an edit before counting. */
export const COUNT_DELAY_MS = 250;
/** How many members the preview shows. */
export const PREVIEW_SIZE = 10;

/** The commands the live count calls (injected so tests can answer them). */
export interface LiveCountSource {
	count(rules: Group): Promise<number>;
	preview(rules: Group): Promise<MemberRow[]>;
}

/** The count and preview of the latest rule tree asked for. */
export class LiveCount {
	/** Members matching the latest tree that was counted, or null before the first answer. */
	count = $state<number | null>(null);
	/** Whether a newer tree is waiting or being counted. */
	counting = $state(false);
	/** Why the latest tree could not be counted (e.g. "rule 2: …"), or null. */
	error = $state<CommandError | null>(null);
	/** The first members of the latest counted tree. */
	preview = $state<MemberRow[]>([]);

	#source: LiveCountSource;
	#delay: number;
	#generation = 0;
	#timer: ReturnType<typeof setTimeout> | null = null;

	constructor(source: LiveCountSource, delay = COUNT_DELAY_MS) {
		this.#source = source;
		this.#delay = delay;
	}

	/** Counts `rules` after the delay, unless another tree is requested first. */
	request(rules: Group): void {
		const generation = ++this.#generation;
		this.counting = true;
		if (this.#timer !== null) clearTimeout(this.#timer);
		this.#timer = setTimeout(() => {
			this.#timer = null;
			void this.#run(rules, generation);
		}, this.#delay);
	}

	/** Stops any pending count (the screen is closing). */
	dispose(): void {
		this.#generation++;
		if (this.#timer !== null) clearTimeout(this.#timer);
		this.#timer = null;
	}

	async #run(rules: Group, generation: number): Promise<void> {
		try {
			const count = await this.#source.count(rules);
			if (generation !== this.#generation) return;
			this.count = count;
			this.error = null;
			this.counting = false;
			const preview = count === 0 ? [] : await this.#source.preview(rules);
			if (generation === this.#generation) this.preview = preview;
		} catch (failure) {
			if (generation !== this.#generation) return;
			this.error = toCommandError('count_segment_rules', failure);
			this.counting = false;
		}
	}
}
