import { describe, expect, it } from 'vitest';
import type { MemberPage, MemberRow } from '$lib/bindings';
import { MemberList } from './member-list.svelte';

function member(index: number, search: string): MemberRow {
	return {
		id: `${search}-${index}`,
		displayName: `Member ${index}`,
		nameReading: null,
		email: null,
		platforms: [],
		maxFollowers: null,
		tier: null,
		joinedAt: 0,
		lastActiveAt: null
	};
}

/** A fake list_members whose answers arrive only when the test releases them. */
function controlledServer(total: number) {
	const pending: Array<{ search: string; offset: number; answer: () => void }> = [];
	const fetchPage = (search: string, offset: number, limit: number) =>
		new Promise<MemberPage>((resolve) => {
			const rows = Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, i) =>
				member(offset + i, search)
			);
			pending.push({ search, offset, answer: () => resolve({ total, offset, rows }) });
		});
	return { fetchPage, pending };
}

const settle = () => new Promise((resolve) => setTimeout(resolve));

describe('member list paging', () => {
	it('loads only the pages the visible rows are on', async () => {
		const server = controlledServer(100_000);
		const list = new MemberList(server.fetchPage, 200);
		void list.setSearch('');
		server.pending.shift()?.answer();
		await settle();
		void list.showRows(995, 1015);
		expect(server.pending.map((p) => p.offset)).toEqual([800, 1000]);
		void list.showRows(996, 1016); // already on their way: no second request
		expect(server.pending).toHaveLength(2);
		server.pending.forEach((p) => p.answer());
		await settle();
		expect(list.total).toBe(100_000);
		expect(list.rowAt(1000)?.id).toBe('-1000');
		expect(list.rowAt(1200)).toBeUndefined();
	});

	it('rows asked for before the total is known are fetched once it is', async () => {
		const server = controlledServer(1_000);
		const list = new MemberList(server.fetchPage, 200);
		void list.setSearch('ta');
		void list.showRows(0, 300);
		expect(server.pending.map((p) => p.offset)).toEqual([0]);
		server.pending.shift()?.answer();
		await settle();
		expect(server.pending.map((p) => p.offset)).toEqual([200]);
	});

	it('a search with no matches learns its total of zero', async () => {
		const list = new MemberList(async (_search, offset) => ({ total: 0, offset, rows: [] }));
		await list.setSearch('nobody');
		expect(list.total).toBe(0);
	});

	it('a slow answer to an old search is ignored', async () => {
		const server = controlledServer(500);
		const list = new MemberList(server.fetchPage, 200);
		void list.setSearch('sa');
		void list.setSearch('sato');
		const [oldAnswer, newAnswer] = server.pending;
		newAnswer?.answer();
		await new Promise((resolve) => setTimeout(resolve));
		oldAnswer?.answer();
		await new Promise((resolve) => setTimeout(resolve));
		expect(list.search).toBe('sato');
		expect(list.rowAt(0)?.id).toBe('sato-0');
	});

	it('keeps a bounded number of pages while scrolling far', async () => {
		const list = new MemberList(
			async (search, offset, limit) => ({
				total: 100_000,
				offset,
				rows: Array.from({ length: limit }, (_, i) => member(offset + i, search))
			}),
			200,
			3
		);
		for (const first of [0, 200, 400, 600, 800]) await list.showRows(first, first + 10);
		expect(list.rowAt(800)).toBeDefined();
		expect(list.rowAt(0)).toBeUndefined();
	});

	it('a failed page is reported and can be retried', async () => {
		let fail = true;
		const list = new MemberList(async (search, offset) => {
			if (fail) throw { code: 'storage', message: 'disk is full' };
			return { total: 1, offset, rows: [member(0, search)] };
		});
		await list.setSearch('');
		expect(list.error?.code).toBe('storage');
		fail = false;
		await list.retry();
		expect(list.error).toBeNull();
		expect(list.total).toBe(1);
	});
});
