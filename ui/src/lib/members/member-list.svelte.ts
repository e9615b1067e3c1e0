// The member list behind the virtual table: the current search, the total, and a cache of pages.
import { SvelteMap } from 'svelte/reactivity';
import type { MemberPage, MemberRow } from '$lib/bindings';
import { listMembers, type CommandError } from '$lib/api/commands';
import { toCommandError } from '$lib/api/command-error';
import { pagesForRows } from './virtual-window';

/** Fetches `limit` members matching `search`, starting at `offset`. */
export type FetchMemberPage = (search: string, offset: number, limit: number) => Promise<MemberPage>;

/** Members matching the current search, fetched page by page as the table scrolls to them. */
export class MemberList {
	/** The search the rows belong to. */
	search = $state('');
	/** How many members match; null until the first page has answered. */
	total = $state<number | null>(null);
	/** The last failed page load, shown with a retry button. */
	error = $state<CommandError | null>(null);

	readonly pageSize: number;
	readonly #pages = new SvelteMap<number, MemberRow[]>();
	readonly #loading = new Set<number>();
	readonly #fetchPage: FetchMemberPage;
	readonly #maxCachedPages: number;
	// Bumped on every new search: answers to an older search are dropped when they arrive.
	#searchId = 0;
	#lastRange: [number, number] = [0, 0];

	constructor(fetchPage: FetchMemberPage = listMembers, pageSize = 200, maxCachedPages = 60) {
		this.#fetchPage = fetchPage;
		this.pageSize = pageSize;
		this.#maxCachedPages = maxCachedPages;
	}

	/** Starts a new search: forgets cached rows and loads the first page (to learn the total). */
	setSearch(search: string): Promise<void> {
		this.search = search;
		this.#searchId++;
		this.#pages.clear();
		this.#loading.clear();
		this.total = null;
		this.error = null;
		return this.showRows(0, 1);
	}

	/** The member at `index`, or undefined while its page is still loading. */
	rowAt(index: number): MemberRow | undefined {
		return this.#pages.get(Math.floor(index / this.pageSize))?.[index % this.pageSize];
	}

	/**
	 * Makes sure rows `first` to `end` (exclusive) are loaded or on their way. While the total is
	 * unknown only the first row's page is fetched; the rest follow once it answers.
	 */
	showRows(first: number, end: number): Promise<void> {
		this.#lastRange = [first, end];
		const last = this.total === null ? first + 1 : Math.min(end, this.total);
		const missing = pagesForRows(first, last, this.pageSize).filter(
			(page) => !this.#pages.has(page) && !this.#loading.has(page)
		);
		return Promise.all(missing.map((page) => this.#loadPage(page))).then(() => undefined);
	}

	/** Tries the rows last asked for again after an error. */
	retry(): Promise<void> {
		this.error = null;
		if (this.total === null) return this.setSearch(this.search);
		return this.showRows(...this.#lastRange);
	}

	async #loadPage(page: number): Promise<void> {
		const searchId = this.#searchId;
		this.#loading.add(page);
		try {
			const result = await this.#fetchPage(this.search, page * this.pageSize, this.pageSize);
			if (searchId !== this.#searchId) return;
			this.#pages.set(page, result.rows);
			this.total = result.total;
			this.#forgetDistantPages(page);
			await this.showRows(...this.#lastRange);
		} catch (failure) {
			if (searchId === this.#searchId) this.error = toCommandError('list_members', failure);
		} finally {
			if (searchId === this.#searchId) this.#loading.delete(page);
		}
	}

	// Scrolling through 100,000 members must not keep them all in memory.
	#forgetDistantPages(near: number) {
		if (this.#pages.size <= this.#maxCachedPages) return;
		const byDistance = [...this.#pages.keys()].sort((a, b) => Math.abs(b - near) - Math.abs(a - near));
		for (const page of byDistance.slice(0, this.#pages.size - this.#maxCachedPages)) {
			this.#pages.delete(page);
		}
	}
}
