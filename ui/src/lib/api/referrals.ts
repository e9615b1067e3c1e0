// Typed wrappers for word of mouth (src-tauri/src/commands/referrals.rs).
import type { Advocate, InfluencerRow, InfluencerTier, MemberReferrals, ReferralChannel } from '$lib/bindings';
import { call } from './call';

/** Who referred a member, whom they brought in, their reach and a tree three generations deep. */
export function memberReferrals(id: string): Promise<MemberReferrals> {
	return call('member_referrals', { id });
}

/** Records that `referrer` brought `referred` in through `channel`; answers the updated card. */
export function recordReferral(referrer: string, referred: string, channel: ReferralChannel): Promise<MemberReferrals> {
	return call('record_referral', { referrer, referred, channel });
}

/** Forgets who referred `referred`; answers the updated card. */
export function removeReferral(referred: string): Promise<MemberReferrals> {
	return call('remove_referral', { referred });
}

/** The members whose word of mouth brought the most people in, with their level. */
export function topAdvocates(limit: number): Promise<Advocate[]> {
	return call('top_advocates', { limit });
}

/** Influencers, most followers first; only one tier when given. */
export function listInfluencers(tier: InfluencerTier | null, limit: number): Promise<InfluencerRow[]> {
	return call('list_influencers', { tier, limit });
}
