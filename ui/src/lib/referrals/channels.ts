// Referral channels in the order the form offers them, and their names.
import type { ReferralChannel } from '$lib/bindings';
import { t } from '$lib/i18n/i18n.svelte';

/** Every channel, as kizuna-core's ReferralChannel::ALL orders them. */
export const referralChannels: readonly ReferralChannel[] = ['inPerson', 'link', 'code', 'social', 'event', 'other'];

/** A channel's name for a list or a select ("Social media"). */
export function channelName(channel: ReferralChannel): string {
	return t(`referrals.channelNames.${channel}`);
}

/** A channel as it reads after "via" ("via social media"). */
export function channelPhrase(channel: ReferralChannel): string {
	return t(`referrals.channels.${channel}`);
}
