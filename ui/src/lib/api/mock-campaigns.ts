// DEV AID ONLY — fake answers to the Campaigns commands (`?mock`): two campaigns kept in memory,
// with a roster, codes and attributions, so every campaign screen can be looked at in a browser.
import type {
	Attribution,
	CampaignCode,
	CampaignCohort,
	CampaignDetail,
	CampaignInput,
	CampaignRow,
	CodeKind,
	DeliverableInput,
	InfluencerTerms,
	RosterEntry,
	ShortlistCandidate
} from '$lib/bindings';

const day = 86_400_000;
const now = Date.now();
let nextId = 1;
const newId = () => `mock-c${nextId++}`;
const bad = (message: string) => ({ code: 'invalidInput', message });

function row(id: string, name: string, kind: CampaignRow['kind'], startsAgo: number, budget: number | null): CampaignRow {
	return {
		id, name, kind, status: 'running', startsAt: now - startsAgo * day, endsAt: now + 30 * day, currency: 'JPY',
		budgetMinor: budget, actualSpendMinor: budget === null ? null : Math.round(budget * 0.6), feesMinor: 120_000,
		goalMetric: 'new_members', goalTarget: 200, owner: '佐藤 陽菜', description: null, membersBrought: 0
	};
}

const spring: CampaignDetail = {
	campaign: row('mock-spring', 'Spring micro-influencer push', 'influencer', 120, 600_000), events: [], roster: [], codes: [], byVia: [], linkedPerks: []
};
const campaigns: CampaignDetail[] = [
	spring,
	{ campaign: row('mock-newsletter', 'Newsletter re-engagement', 'email', 200, null), events: [], roster: [], codes: [], byVia: [], linkedPerks: [] }
];
const attributions: Attribution[] = [];

function influencer(campaignId: string, memberId: string, name: string, followers: number): RosterEntry {
	return {
		id: newId(), campaignId, memberId, displayName: name, identityId: null, platform: 'instagram', handle: name.toLowerCase().replace(/\s/g, ''),
		followers, tier: followers >= 10_000 ? 'micro' : 'nano', feeMinor: 60_000, status: 'contracted', notes: null, addedAt: now - 100 * day,
		deliverables: [{ id: newId(), influencerId: '', kind: 'video', plannedAt: now - 90 * day, publishedAt: now - 88 * day, url: 'https://example.com/v/1', reach: 24_000, notes: null }],
		membersBrought: 0
	};
}
spring.roster.push(influencer('mock-spring', 'mock-m1', 'Emma Wilson', 42_000), influencer('mock-spring', 'mock-m2', '鈴木 蓮', 8_400));
spring.codes.push({ id: newId(), campaignId: 'mock-spring', kind: 'code', code: 'SPRING26', influencerId: null, influencerName: null, membersBrought: 0 });
for (let i = 0; i < 14; i++) {
	attributions.push({
		id: newId(), campaignId: 'mock-spring', memberId: `mock-a${i}`, displayName: `Member ${i + 1}`,
		via: i % 3 === 0 ? 'referrer' : 'code', codeId: null, code: i % 3 === 0 ? null : 'SPRING26', referrerId: null, attributedAt: now - (100 - i * 5) * day
	});
}

function find(id: unknown): CampaignDetail {
	const found = campaigns.find((c) => c.campaign.id === id);
	if (!found) throw { code: 'notFound', message: `campaign ${String(id)} not found` };
	return found;
}

function refresh(detail: CampaignDetail): CampaignDetail {
	const mine = attributions.filter((a) => a.campaignId === detail.campaign.id);
	detail.campaign.membersBrought = mine.length;
	const vias = [...new Set(mine.map((a) => a.via))];
	detail.byVia = vias.map((via) => ({ via, members: mine.filter((a) => a.via === via).length }));
	for (const code of detail.codes) code.membersBrought = mine.filter((a) => a.code === code.code).length;
	return structuredClone(detail);
}

function toRow(id: string, input: CampaignInput, old: CampaignRow | null): CampaignRow {
	if (!input.name.trim()) throw bad('a campaign needs a name');
	if (input.endsAt !== null && input.endsAt < input.startsAt) throw bad('the campaign ends before it starts; pick an end date after the start');
	const amount = (text: string, what: string) => {
		if (!text.trim()) return null;
		const value = Number(text.replace(/[¥,円\s]/g, ''));
		if (value < 0) throw bad(`${what}: "${text.trim()}" is negative; budget amounts are zero or more`);
		return value;
	};
	return {
		id, name: input.name.trim(), kind: input.kind, status: input.status ?? 'running', startsAt: input.startsAt, endsAt: input.endsAt,
		currency: input.currency, budgetMinor: amount(input.budget, 'budget'), actualSpendMinor: amount(input.actualSpend, 'actual spend'),
		feesMinor: old?.feesMinor ?? 0, goalMetric: input.goalMetric, goalTarget: input.goalTarget, owner: input.owner,
		description: input.description, membersBrought: old?.membersBrought ?? 0
	};
}

function allRoster(): RosterEntry[] {
	return campaigns.flatMap((c) => c.roster);
}

function cohort(campaignId: string): CampaignCohort {
	const members = attributions.filter((a) => a.campaignId === campaignId).length;
	const windows = [30, 90, 180, 365].map((days, i) => {
		const mature = Math.max(0, members - i * 5);
		return {
			days, mature, tooYoung: mature < 10, active: Math.round(mature * (0.7 - i * 0.1)), activeShare: mature ? 0.7 - i * 0.1 : null,
			attendedAny: Math.round(mature / 2), eventsAttended: mature, levels: [], secondGeneration: Math.round(mature / 4), thirdGeneration: Math.round(mature / 10)
		};
	});
	return {
		campaignId, members, firstAttributedAt: now - 100 * day, lastAttributedAt: now - 35 * day, windows,
		today: { active: Math.round(members * 0.5), levels: [], attendedAny: 6, eventsAttended: 15, secondGeneration: 3, thirdGeneration: 1 }, asOf: now
	};
}

function attribute(campaignId: string, memberId: string, via: Attribution['via'], code: string | null): Attribution {
	const row: Attribution = { id: newId(), campaignId, memberId, displayName: memberId, via, codeId: null, code, referrerId: null, attributedAt: Date.now() };
	attributions.push(row);
	return row;
}

/** Answers the Campaigns commands. */
export const campaignsMockCommands: Record<string, (args: Record<string, unknown>) => unknown> = {
	list_campaigns: () => campaigns.map((c) => refresh(c).campaign),
	campaign_detail: (args) => refresh(find(args.id)),
	create_campaign: (args) => {
		const id = newId();
		campaigns.unshift({ campaign: toRow(id, args.input as CampaignInput, null), events: [], roster: [], codes: [], byVia: [], linkedPerks: [] });
		return id;
	},
	update_campaign: (args) => {
		const detail = find(args.id);
		detail.campaign = toRow(detail.campaign.id, args.input as CampaignInput, detail.campaign);
	},
	link_campaign_event: () => undefined,
	unlink_campaign_event: () => undefined,
	link_campaign_perk: () => undefined,
	unlink_campaign_perk: () => undefined,
	add_campaign_influencer: (args) => {
		const detail = find(args.campaignId);
		if (detail.roster.some((r) => r.memberId === args.memberId)) throw bad("this member is already on the campaign's roster");
		const entry = influencer(detail.campaign.id, String(args.memberId), String(args.memberId), 12_000);
		entry.deliverables = [];
		detail.roster.push(entry);
		return entry.id;
	},
	update_campaign_influencer: (args) => {
		const entry = allRoster().find((r) => r.id === args.influencerId);
		if (entry) entry.status = (args.terms as InfluencerTerms).status;
	},
	remove_campaign_influencer: (args) => {
		for (const c of campaigns) c.roster = c.roster.filter((r) => r.id !== args.influencerId);
	},
	add_campaign_deliverable: (args) => {
		const input = args.input as DeliverableInput;
		if (input.reach !== null && input.reach < 0) throw bad('reach cannot be negative');
		const entry = allRoster().find((r) => r.id === args.influencerId);
		const id = newId();
		entry?.deliverables.push({ id, influencerId: String(args.influencerId), ...input });
		return id;
	},
	update_campaign_deliverable: () => undefined,
	remove_campaign_deliverable: (args) => {
		for (const r of allRoster()) r.deliverables = r.deliverables.filter((d) => d.id !== args.deliverableId);
	},
	add_campaign_code: (args) => {
		const detail = find(args.campaignId);
		const code: CampaignCode = {
			id: newId(), campaignId: detail.campaign.id, kind: args.kind as CodeKind, code: String(args.code).trim().toUpperCase(),
			influencerId: (args.influencerId as string | null) ?? null, influencerName: null, membersBrought: 0
		};
		detail.codes.push(code);
		return code.id;
	},
	remove_campaign_code: (args) => {
		for (const c of campaigns) c.codes = c.codes.filter((code) => code.id !== args.codeId);
	},
	attribute_campaign_code: (args) => {
		const typed = String(args.code).trim();
		const owner = campaigns.find((c) => c.codes.some((code) => code.code === typed.toUpperCase()));
		if (!owner) throw bad(`there is no campaign with the referral code "${typed}"`);
		return attribute(owner.campaign.id, String(args.memberId), 'code', typed.toUpperCase());
	},
	attribute_campaign_manually: (args) => attribute(String(args.campaignId), String(args.memberId), 'manual', null),
	attribute_campaign_referrals: () => 0,
	campaign_attributions: (args) => attributions.filter((a) => a.campaignId === args.campaignId),
	remove_campaign_attribution: (args) => {
		const at = attributions.findIndex((a) => a.id === args.attributionId);
		if (at >= 0) attributions.splice(at, 1);
	},
	campaign_shortlist: (args): ShortlistCandidate[] => [
		{ memberId: 'mock-m3', displayName: '高橋 結衣', identityId: 'mock-i3', platform: 'youtube', handle: 'yui_codes', followers: 31_000, tier: 'micro', pastCampaigns: 2, pastMembersBrought: 17, onRoster: false },
		{ memberId: 'mock-m1', displayName: 'Emma Wilson', identityId: 'mock-i1', platform: 'instagram', handle: 'emmawilson', followers: 42_000, tier: 'micro', pastCampaigns: 1, pastMembersBrought: 9, onRoster: args.campaignId === 'mock-spring' }
	],
	campaign_cohort: (args) => cohort(String(args.campaignId))
};
