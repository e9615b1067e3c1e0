// The community that is open right now; every screen reads from it.
import type { CommunityInfo } from '$lib/bindings';
import {
	createEmptyCommunity,
	openCommunity,
	openSampleCommunity,
	type CommandError
} from '$lib/api/commands';
import { toCommandError } from '$lib/api/command-error';

class OpenCommunity {
	/** Name, file and whether it is the sample; null until opened. */
	info = $state<CommunityInfo | null>(null);
	/** Why opening failed, if it did. */
	error = $state<CommandError | null>(null);
	/** Bumped on each switch, so screens start afresh with the new community's data. */
	revision = $state(0);

	/** Opens the community used last (the sample on first run). */
	async openCurrent(): Promise<void> {
		this.error = null;
		try {
			this.#switchTo(await openCommunity());
		} catch (failure) {
			this.error = toCommandError('open_community', failure);
		}
	}

	/** Switches to the sample community. Throws a CommandError when that fails. */
	async openSample(): Promise<void> {
		this.#switchTo(await openSampleCommunity());
	}

	/** Creates a new empty community and switches to it. Throws a CommandError when that fails. */
	async createEmpty(name: string): Promise<void> {
		this.#switchTo(await createEmptyCommunity(name));
	}

	/** Shows `info` as the open community (after its file was replaced, e.g. by a restore). */
	replaceWith(info: CommunityInfo): void {
		this.#switchTo(info);
	}

	#switchTo(info: CommunityInfo) {
		this.info = info;
		this.error = null;
		this.revision++;
	}
}

/** The one open community of this window. */
export const community = new OpenCommunity();
