// DEV AID ONLY — fake Perks commands for mock.ts (`?mock`): three perks with waves and grants in
// memory (lost on reload), with the core's main refusals (end before start, unknown code).
import type { BulkPreview, GrantRow, PerkDetail, PerkInput, PerkRow, ShopRedemptionReport } from '$lib/bindings';

type Handler = (args: Record<string, unknown>) => unknown;

const day = 86_400_000;
const now = Date.now();
let next = 1;

function invalid(message: string): never {
	throw { code: 'invalidInput', message };
}

function perk(id: string, name: string, kind: PerkRow['kind'], stock: number | null, started: number): PerkRow {
	return { id, kind, name, description: null, startsAt: now - started * day, endsAt: null, stock, campaignId: null, liveGrants: 0, redeemed: 0, freeCodes: 0 };
}

const details = new Map<string, PerkDetail>();
for (const [p, waves] of [
	[perk('p1', 'Spring Blend 2026', 'early_access', null, 90), 2],
	[perk('p2', 'Member discount', 'discount_code', null, 60), 0],
	[perk('p3', 'Tote bag', 'merchandise', 50, 120), 0]
] as const) {
	const grants: GrantRow[] = ['佐藤 陽菜', 'Emma Wilson', '鈴木 蓮'].map((memberName, i) => ({
		id: `${p.id}-g${i}`,
		memberId: `m${i + 1}`,
		memberName,
		wave: waves ? (i % 2) + 1 : null,
		code: p.kind === 'discount_code' ? `KZ7H${i}QRT` : null,
		status: i === 0 ? 'redeemed' : 'granted',
		grantedAt: now - (80 - i * 30) * day,
		redeemedAt: i === 0 ? now - 70 * day : null,
		expiredAt: null,
		revokedAt: null
	}));
	details.set(p.id, {
		perk: { ...p },
		waves: Array.from({ length: waves }, (_, i) => ({
			id: `${p.id}-w${i + 1}`,
			number: i + 1,
			name: i === 0 ? 'Champions' : 'Advocates',
			opensAt: p.startsAt + i * 7 * day,
			segmentId: null,
			minLevel: 5 - i
		})),
		grants
	});
}

function counted(d: PerkDetail): PerkDetail {
	const live = d.grants.filter((g) => g.status === 'granted' || g.status === 'redeemed').length;
	d.perk = { ...d.perk, liveGrants: live, redeemed: d.grants.filter((g) => g.status === 'redeemed').length };
	return d;
}

function get(id: unknown): PerkDetail {
	const d = details.get(String(id));
	if (!d) throw { code: 'notFound', message: `perk ${String(id)} was not found` };
	return counted(d);
}

function check(input: PerkInput) {
	if (!input.name.trim()) invalid('a perk needs a name');
	if (input.endsAt !== null && input.endsAt < input.startsAt) invalid('the perk ends before it starts; pick an end date after the start');
	if (input.stock !== null && input.stock < 0) invalid(`stock cannot be negative (${input.stock}); leave it empty for unlimited`);
}

function setStatus(grantId: unknown, status: GrantRow['status']) {
	for (const d of details.values()) {
		const g = d.grants.find((x) => x.id === grantId);
		if (!g) continue;
		if (g.status !== 'granted') invalid(`this grant of "${d.perk.name}" is already ${g.status}`);
		g.status = status;
		if (status === 'redeemed') g.redeemedAt = Date.now();
		else g.revokedAt = Date.now();
		return;
	}
	invalid('grant not found');
}

function preview(perkId: unknown): BulkPreview {
	const d = get(perkId);
	return {
		perkId: d.perk.id,
		rows: [
			{ memberId: 'm9', memberName: '高橋 結衣', score: 812, outcome: 'gets', reason: null },
			{ memberId: 'm1', memberName: '佐藤 陽菜', score: 640, outcome: 'already_has', reason: null },
			{ memberId: 'm8', memberName: 'Lucas Martin', score: 120, outcome: 'not_eligible', reason: 'below level 5 (wave 1)' }
		],
		gets: 1,
		notEligible: 1,
		alreadyHas: 1,
		outOfStock: 0
	};
}

const chart = `<svg xmlns="http://www.w3.org/2000/svg" width="720" height="240"><text x="12" y="28" font-size="17">Activities per member, 60 days before vs after the grant</text><rect x="120" y="120" width="60" height="80" fill="#B4BEF5"/><rect x="180" y="80" width="60" height="120" fill="#4356D6"/></svg>`;

let shopChecks = 0;

/** A shop CSV check: the first check of each pair lists two bad rows, the second is clean. */
function shopReport(perkId: unknown): ShopRedemptionReport {
	const open = get(perkId).grants.filter((g) => g.status === 'granted').length;
	shopChecks += 1;
	const badRows =
		shopChecks % 2 === 1
			? [
					{ line: 4, message: 'NOPE7 is not a perk code of this community' },
					{ line: 9, message: 'date "yesterday" is not a date (YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] or ISO 8601)' }
				]
			: [];
	return { toRedeem: open, alreadyRedeemed: 1, badRows };
}

function redeemShop(perkId: unknown): ShopRedemptionReport {
	const open = get(perkId).grants.filter((g) => g.status === 'granted');
	for (const g of open) setStatus(g.id, 'redeemed');
	return { toRedeem: open.length, alreadyRedeemed: 1, badRows: [] };
}

/** The perks commands answered in memory. */
export const perksMockCommands: Record<string, Handler> = {
	list_perks: () => [...details.values()].map((d) => counted(d).perk),
	perk_detail: (args) => get(args.id),
	perk_conflicts: () => [],
	create_perk: (args) => {
		const input = args.input as PerkInput;
		check(input);
		const id = `new${next++}`;
		details.set(id, {
			perk: { ...perk(id, input.name, input.kind, input.stock, 0), startsAt: input.startsAt, endsAt: input.endsAt, description: input.description },
			waves: input.waves.map((w, i) => ({ ...w, id: `${id}-w${i}` })),
			grants: []
		});
		return id;
	},
	update_perk: (args) => {
		const input = args.input as PerkInput;
		check(input);
		const d = get(args.id);
		d.perk = { ...d.perk, ...input };
		return null;
	},
	preview_perk_bulk: (args) => preview(args.perkId),
	grant_perk_bulk: (args) => preview(args.perkId),
	grant_perk_to_member: () => invalid('this member already has the perk'),
	import_perk_codes: (args) => String(args.text).split('\n').filter((l) => l.trim()).length,
	import_perk_codes_file: () => 0,
	generate_perk_codes: (args) => Array.from({ length: Number(args.count) }, (_, i) => `GEN${i}`),
	redeem_perk_grant: (args) => setStatus(args.grantId, 'redeemed'),
	revoke_perk_grant: (args) => setStatus(args.grantId, 'revoked'),
	redeem_perk_code: (args) => invalid(`${String(args.code).trim().toUpperCase()} is not a perk code of this community`),
	'plugin:dialog|open': () => '/home/demo/shop-orders.csv',
	check_perk_redemption_csv: (args) => shopReport(args.perkId),
	redeem_perk_redemption_csv: (args) => redeemShop(args.perkId),
	expire_perk_grants: () => 0,
	perk_effect: (args) => [
		{ perkId: String(args.perkId), perkName: '', wave: null, members: 2, activitiesBefore: 10, activitiesAfter: 18, pending: 1 }
	],
	perk_effect_chart: () => chart,
	member_perk_grants: () =>
		[...details.values()].slice(0, 2).map((d) => ({ ...d.grants[0], perkId: d.perk.id, perkName: d.perk.name }))
};
