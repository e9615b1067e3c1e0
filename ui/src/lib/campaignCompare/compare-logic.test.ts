import { describe, expect, it } from 'vitest';
import type { CampaignComparisonRow, CampaignRow, LevelCount } from '$lib/bindings';
import { MAX_COMPARED, defaultChoice, levelParts, retentionAt, toggleChoice } from './compare-logic';

function campaign(id: string, startsAt: number): CampaignRow {
	return {
		id, name: id, kind: 'email', status: 'done', startsAt, endsAt: null, currency: 'JPY', budgetMinor: null,
		actualSpendMinor: null, feesMinor: 0, goalMetric: null, goalTarget: null, owner: null, description: null,
		membersBrought: 0
	};
}

describe('choosing campaigns', () => {
	it('chooses every campaign, earliest start first, when they fit on the chart', () => {
		const choices = [campaign('c', 300), campaign('a', 100), campaign('b', 200)];
		expect(defaultChoice(choices)).toEqual(['a', 'b', 'c']);
	});

	it('chooses the campaigns that started last when there are more than the chart shows', () => {
		const choices = Array.from({ length: 12 }, (_, i) => campaign(`c${i}`, i));
		const chosen = defaultChoice(choices);
		expect(chosen).toHaveLength(MAX_COMPARED);
		expect(chosen[0]).toBe('c4');
		expect(chosen.at(-1)).toBe('c11');
	});

	it('ticks in start order, unticks, and refuses a ninth campaign', () => {
		const choices = Array.from({ length: 10 }, (_, i) => campaign(`c${i}`, i));
		expect(toggleChoice(['c5'], 'c2', choices)).toEqual(['c2', 'c5']);
		expect(toggleChoice(['c2', 'c5'], 'c2', choices)).toEqual(['c5']);
		const full = choices.slice(0, MAX_COMPARED).map((c) => c.id);
		expect(toggleChoice(full, 'c9', choices)).toEqual(full);
	});
});

describe('retention cells', () => {
	const row = {
		members: 40,
		retention: [
			{ days: 30, mature: 40, active: 30, share: 0.75, tooYoung: false },
			{ days: 180, mature: 4, active: 3, share: 0.75, tooYoung: true }
		]
	} as CampaignComparisonRow;

	it('shows the share when the window can be judged and "too young" when it cannot', () => {
		expect(retentionAt(row, 30)).toEqual({ kind: 'share', share: 0.75, active: 30, mature: 40 });
		expect(retentionAt(row, 180)).toEqual({ kind: 'young', mature: 4 });
	});

	it('shows nothing for a campaign that brought nobody', () => {
		expect(retentionAt({ ...row, members: 0 }, 30)).toEqual({ kind: 'none' });
	});
});

describe('level mix', () => {
	const level = (rank: number) => ({ id: `l${rank}`, rank, key: `k${rank}`, labelEn: `L${rank}`, labelJa: `レベル${rank}`, minScore: rank * 10 });

	it('orders levels lowest first with each one’s share of the cohort', () => {
		const levels: LevelCount[] = [
			{ level: level(2), members: 1 },
			{ level: level(1), members: 3 }
		];
		expect(levelParts(levels).map((p) => [p.rank, p.members, p.share])).toEqual([
			[1, 3, 0.75],
			[2, 1, 0.25]
		]);
	});

	it('gives an empty cohort zero shares rather than dividing by zero', () => {
		expect(levelParts([{ level: level(1), members: 0 }])[0]?.share).toBe(0);
	});
});
