import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Group, MemberRow } from '$lib/bindings';
import { LiveCount } from './live-count.svelte';

const tree = (name: string): Group => ({ op: 'and', rules: [{ kind: 'tag', op: 'has', name }] });

describe('the live count', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => vi.useRealTimers());

	it('waits for edits to settle and counts only the latest tree', async () => {
		const count = vi.fn(async (rules: Group) => (rules.rules[0] as { name: string }).name.length);
		const live = new LiveCount({ count, preview: async () => [] }, 250);
		live.request(tree('a'));
		await vi.advanceTimersByTimeAsync(100);
		live.request(tree('abc'));
		expect(live.counting).toBe(true);
		await vi.advanceTimersByTimeAsync(250);
		expect(count).toHaveBeenCalledTimes(1);
		expect(live.count).toBe(3);
		expect(live.counting).toBe(false);
	});

	it('ignores an answer that arrives after a newer tree was asked for', async () => {
		let resolveSlow: (n: number) => void = () => {};
		const count = vi
			.fn<(rules: Group) => Promise<number>>()
			.mockImplementationOnce(() => new Promise((resolve) => (resolveSlow = resolve)))
			.mockImplementationOnce(async () => 7);
		const live = new LiveCount({ count, preview: async () => [{ id: 'm1' } as MemberRow] }, 250);
		live.request(tree('slow'));
		await vi.advanceTimersByTimeAsync(250);
		live.request(tree('fast'));
		await vi.advanceTimersByTimeAsync(250);
		resolveSlow(999);
		await vi.runAllTimersAsync();
		expect(live.count).toBe(7);
		expect(live.preview.map((r) => r.id)).toEqual(['m1']);
	});

	it('keeps the core error for the latest tree and clears it when the rules are fixed', async () => {
		const count = vi
			.fn<(rules: Group) => Promise<number>>()
			.mockRejectedValueOnce({ code: 'invalidInput', message: 'rule 1: the score must be a number' })
			.mockResolvedValueOnce(4);
		const live = new LiveCount({ count, preview: async () => [] }, 250);
		live.request(tree('x'));
		await vi.runAllTimersAsync();
		expect(live.error?.message).toBe('rule 1: the score must be a number');
		live.request(tree('y'));
		await vi.runAllTimersAsync();
		expect(live.error).toBeNull();
		expect(live.count).toBe(4);
	});
});
