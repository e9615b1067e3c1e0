// DEV AID ONLY — fake answers for the campaign comparison screen (`?mock`): five campaigns like
// the sample community's, one too young to judge at 180 and 365 days, one in US dollars, and a
// simple SVG retention chart with the campaigns' names in its legend.
import type { CampaignComparisonRow, CampaignRow, Comparison, CurrencyTotal, RetentionPoint } from '$lib/bindings';
import { mockLevels } from './mock-engagement';

type Args = Record<string, unknown>;
const day = 86_400_000;
const now = Date.now();

type Spec = {
	id: string; name: string; kind: string; status: string; startsAgo: number; endsAgo: number | null;
	currency: string | null; cost: number | null; basis: CampaignComparisonRow['costBasis']; fees: number;
	members: number; retention: Array<[number, number, number]>; levels: number[]; second: number; third: number;
};

const specs: Spec[] = [
	{ id: 'c-influencer', name: 'Micro-influencer seeding: Spring Blend', kind: 'influencer', status: 'done', startsAgo: 400, endsAgo: 340, currency: 'JPY', cost: 780_000, basis: 'actual', fees: 180_000, members: 214, retention: [[30, 214, 171], [90, 214, 122], [180, 214, 96], [365, 41, 15]], levels: [98, 61, 38, 14, 3], second: 37, third: 6 },
	{ id: 'c-referral', name: '友だち紹介キャンペーン', kind: 'referral', status: 'done', startsAgo: 300, endsAgo: 200, currency: 'JPY', cost: 150_000, basis: 'budget', fees: 0, members: 96, retention: [[30, 96, 83], [90, 96, 70], [180, 88, 57], [365, 0, 0]], levels: [31, 33, 21, 9, 2], second: 22, third: 4 },
	{ id: 'c-newsletter', name: 'Newsletter: Origin Stories', kind: 'email', status: 'done', startsAgo: 240, endsAgo: 60, currency: 'JPY', cost: 40_000, basis: 'budget', fees: 0, members: 58, retention: [[30, 58, 34], [90, 51, 22], [180, 7, 3], [365, 0, 0]], levels: [36, 14, 6, 2, 0], second: 3, third: 0 },
	{ id: 'c-photo', name: '#HinataLatteArt photo challenge', kind: 'social', status: 'done', startsAgo: 120, endsAgo: 90, currency: 'USD', cost: 54_000, basis: 'actual', fees: 0, members: 33, retention: [[30, 33, 19], [90, 12, 6], [180, 0, 0], [365, 0, 0]], levels: [24, 7, 2, 0, 0], second: 1, third: 0 },
	{ id: 'c-cocreation', name: '新ブレンド共創プロジェクト', kind: 'co_creation', status: 'running', startsAgo: 60, endsAgo: -30, currency: 'JPY', cost: null, basis: 'none', fees: 0, members: 0, retention: [[30, 0, 0], [90, 0, 0], [180, 0, 0], [365, 0, 0]], levels: [0, 0, 0, 0, 0], second: 0, third: 0 }
];

const minMature = 10;

function row(spec: Spec): CampaignComparisonRow {
	const retention: RetentionPoint[] = spec.retention.map(([days, mature, active]) => ({
		days, mature, active, share: mature === 0 ? null : active / mature, tooYoung: mature < minMature
	}));
	const at90 = retention.find((p) => p.days === 90);
	const per = (total: number | null, n: number) => (total === null || n === 0 ? null : Math.round(total / n));
	const caveats: CampaignComparisonRow['caveats'] =
		spec.members === 0
			? [{ kind: 'noMembers' }]
			: retention.filter((p) => p.tooYoung).map((p) => ({ kind: 'tooYoung', days: p.days, mature: p.mature }));
	if (spec.cost === null) caveats.push({ kind: 'noCost' });
	return {
		campaignId: spec.id, name: spec.name, kind: spec.kind, status: spec.status,
		startsAt: now - spec.startsAgo * day, endsAt: spec.endsAgo === null ? null : now - spec.endsAgo * day,
		currency: spec.currency, costMinor: spec.cost, costBasis: spec.basis, feesMinor: spec.fees,
		members: spec.members, costPerMemberMinor: per(spec.cost, spec.members),
		activeAt90: at90?.active ?? 0,
		costPerActive90Minor: at90 && !at90.tooYoung ? per(spec.cost, at90.active) : null,
		retention,
		levelsNow: mockLevels.map((level, i) => ({ level, members: spec.levels[i] ?? 0 })),
		secondGeneration: spec.second, thirdGeneration: spec.third, caveats
	};
}

function chosen(args: Args): Spec[] {
	const ids = Array.isArray(args.ids) ? (args.ids as string[]) : [];
	return ids.length === 0 ? specs : ids.flatMap((id) => specs.filter((s) => s.id === id));
}

function comparison(args: Args): Comparison {
	const rows = chosen(args).map(row);
	const byCurrency = new Map<string, CurrencyTotal>();
	for (const r of rows) {
		if (!r.currency || r.costMinor === null) continue;
		const total = byCurrency.get(r.currency) ?? { currency: r.currency, campaigns: 0, costMinor: 0, members: 0, costPerMemberMinor: null };
		total.campaigns += 1;
		total.costMinor += r.costMinor;
		total.members += r.members;
		total.costPerMemberMinor = total.members === 0 ? null : Math.round(total.costMinor / total.members);
		byCurrency.set(r.currency, total);
	}
	const totals = [...byCurrency.values()].sort((a, b) => a.currency.localeCompare(b.currency));
	return { asOf: now, minMature, campaigns: rows, totals };
}

const colors = {
	light: ['#4356D6', '#D97706', '#059669', '#DC2626', '#7C3AED'],
	dark: ['#8B9CF7', '#FBBF24', '#34D399', '#F87171', '#C4B5FD']
};

function chart(args: Args): string {
	const dark = args.theme === 'dark';
	const ja = args.lang === 'ja';
	const [ink, grid, bg] = dark ? ['#e2e8f0', '#334155', '#1b1f27'] : ['#1d2430', '#e1e4ea', '#ffffff'];
	const rows = chosen(args).map(row);
	const legendRows = Math.ceil(rows.length / 2);
	const top = 40 + legendRows * 20;
	const [width, height, left, plot] = [720, top + 324, 48, 300];
	const x = (days: number) => left + (days / 365) * (width - left - 20);
	const y = (share: number) => top + (1 - share) * plot;
	const parts = [`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12"><rect width="${width}" height="${height}" fill="${bg}"/>`];
	parts.push(`<text x="${left}" y="22" font-size="15" fill="${ink}">${ja ? 'キャンペーン別の継続率' : 'Retention by campaign'}</text>`);
	for (const share of [0, 0.25, 0.5, 0.75, 1]) {
		parts.push(`<line x1="${left}" x2="${width - 20}" y1="${y(share)}" y2="${y(share)}" stroke="${grid}"/><text x="${left - 6}" y="${y(share) + 4}" text-anchor="end" fill="${ink}">${share * 100}%</text>`);
	}
	for (const days of [0, 30, 90, 180, 365]) {
		parts.push(`<text x="${x(days)}" y="${top + plot + 18}" text-anchor="middle" fill="${ink}">${ja ? `${days}日` : `${days} d`}</text>`);
	}
	rows.forEach((r, i) => {
		const color = colors[dark ? 'dark' : 'light'][i % 5];
		const points: Array<[number, number]> = [[0, 1], ...r.retention.filter((p) => !p.tooYoung && p.share !== null).map((p): [number, number] => [p.days, p.share ?? 0])];
		const lx = left + (i % 2) * 330;
		const ly = 40 + Math.floor(i / 2) * 20;
		parts.push(`<rect x="${lx}" y="${ly - 9}" width="12" height="4" fill="${color}"/><text x="${lx + 18}" y="${ly}" fill="${ink}">${r.name}</text>`);
		if (points.length > 1) {
			parts.push(`<polyline fill="none" stroke="${color}" stroke-width="2" points="${points.map(([d, s]) => `${x(d)},${y(s)}`).join(' ')}"/>`);
		}
	});
	parts.push('</svg>');
	return parts.join('');
}

function choices(): CampaignRow[] {
	return [...specs].reverse().map((s) => ({
		id: s.id, name: s.name, kind: s.kind as CampaignRow['kind'], status: s.status as CampaignRow['status'],
		startsAt: now - s.startsAgo * day, endsAt: s.endsAgo === null ? null : now - s.endsAgo * day,
		currency: s.currency, budgetMinor: s.cost, actualSpendMinor: s.basis === 'actual' ? s.cost : null, feesMinor: s.fees,
		goalMetric: null, goalTarget: null, owner: null, description: null, membersBrought: s.members
	}));
}

/** Answers the comparison commands; the save dialog is answered by mock-memberEdit.ts. */
export const campaignCompareMockCommands: Record<string, (args: Args) => unknown> = {
	campaign_compare_choices: () => choices(),
	campaign_comparison: (args) => comparison(args),
	campaign_retention_chart: (args) => chart(args),
	export_campaign_comparison_csv: (args) => chosen(args).length
};
