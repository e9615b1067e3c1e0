// DEV AID ONLY — fake word-of-mouth answers for mock.ts (`?mock`): a few fixed advocates,
// referral cards built from member ids, and influencers drawn from the mock members.
import type { Advocate, InfluencerRow, MemberReferrals, ReferralChannel, ReferralNode } from '$lib/bindings';
import { mockLevels } from './mock-engagement';

type MemberName = (index: number) => { id: string; displayName: string; maxFollowers: number | null; platforms: string[] };

const day = 86_400_000;
const referredBy = new Map<string, { referrerId: string; channel: ReferralChannel; at: number }>();

function node(member: MemberName, index: number, depth: number, channel: ReferralChannel | null): ReferralNode {
	const { id, displayName } = member(index);
	const children =
		depth <= 0 || index % 3 === 2
			? []
			: [1, 2].map((step) => node(member, index * 7 + step * 13, depth - 1, step === 1 ? 'inPerson' : 'social'));
	return { memberId: id, displayName, channel, referredAt: channel ? Date.now() - (index % 300) * day : null, deleted: false, children };
}

function count(tree: ReferralNode): number {
	return tree.children.reduce((sum, child) => sum + 1 + count(child), 0);
}

function card(member: MemberName, indexOf: (id: string) => number, id: string): MemberReferrals {
	const index = indexOf(id);
	const tree = node(member, index, 3, null);
	const direct = tree.children.length;
	const total = count(tree);
	const by = referredBy.get(id);
	const referrer = by ? member(indexOf(by.referrerId)) : null;
	return {
		referredBy:
			by && referrer
				? {
						referral: { id: `ref-${id}`, referrerId: by.referrerId, referredId: id, channel: by.channel, code: null, referredAt: by.at, campaignId: null },
						referrerName: referrer.displayName,
						referrerDeleted: false
					}
				: null,
		reach: { direct, total, depth: total ? 3 : 0, byGeneration: total ? [direct, total - direct] : [] },
		tree
	};
}

/** The word-of-mouth commands the mock answers, over the mock's members. */
export function referralsMockCommands(
	member: MemberName,
	indexOf: (id: string) => number,
	size: () => number
): Record<string, (args: Record<string, unknown>) => unknown> {
	return {
		member_referrals: (args) => card(member, indexOf, String(args.id)),
		record_referral: (args) => {
			const [referrer, referred] = [String(args.referrer), String(args.referred)];
			if (referrer === referred) throw { code: 'invalidInput', message: 'a member cannot refer themselves' };
			referredBy.set(referred, { referrerId: referrer, channel: args.channel as ReferralChannel, at: Date.now() });
			return card(member, indexOf, referred);
		},
		remove_referral: (args) => {
			referredBy.delete(String(args.referred));
			return card(member, indexOf, String(args.referred));
		},
		top_advocates: (args) =>
			Array.from({ length: size() ? Math.min(Number(args.limit), 25) : 0 }, (_, i): Advocate => {
				const { id, displayName } = member(i * 37 + 5);
				const total = Math.max(1, 96 - i * 4);
				return { memberId: id, displayName, direct: Math.ceil(total / 3), total, activeReferred: Math.floor(total / 2), level: mockLevels[4 - Math.min(4, Math.floor(i / 5))] ?? null };
			}),
		list_influencers: (args) => {
			const rows: InfluencerRow[] = [];
			for (let i = 0; i < Math.min(size(), 4000) && rows.length < Number(args.limit); i++) {
				const m = member(i);
				const followers = m.maxFollowers ?? 0;
				const tier = followers >= 1_000_000 ? 'macro' : followers >= 100_000 ? 'mid' : followers >= 10_000 ? 'micro' : followers >= 1_000 ? 'nano' : null;
				if (!tier || (args.tier && args.tier !== tier)) continue;
				rows.push({ memberId: m.id, displayName: m.displayName, platform: m.platforms.find((p) => p !== 'email') ?? 'x', handle: `@member${i}`, followers, tier });
			}
			return rows.sort((a, b) => b.followers - a.followers);
		}
	};
}
