// Names for values the Rust side sends as keys: platforms, influencer tiers, error codes.
import type { InfluencerTier } from '$lib/bindings';
import type { CommandError } from '$lib/api/commands';
import { en } from '$lib/i18n/en';
import { t } from '$lib/i18n/i18n.svelte';
import { renderDetail } from '$lib/i18n/core-errors';

type PlatformKey = keyof typeof en.platforms;

function isKnownPlatform(platform: string): platform is PlatformKey {
	return Object.hasOwn(en.platforms, platform);
}

/** A platform's display name (LINE, X, YouTube…); an unknown key is shown as it came. */
export function platformName(platform: string): string {
	return isKnownPlatform(platform) ? t(`platforms.${platform}`) : platform;
}

/** The influencer tier's name in the current language. */
export function tierName(tier: InfluencerTier): string {
	return t(`tiers.${tier}`);
}

/**
 * What to tell the community manager about a failed command: the keyed message in their language
 * when Rust sent one (it stands alone), else the wording for its error code.
 */
export function errorMessage(error: CommandError): string {
	const keyed = error.detail ? renderDetail(error.detail) : null;
	return keyed ?? t(`errors.${error.code}`, { message: error.message });
}

/** The URL if it is safe to open from a link (web or mail), else null — imported data is untrusted. */
export function safeExternalUrl(url: string | null): string | null {
	if (!url) return null;
	try {
		const { protocol } = new URL(url);
		return ['http:', 'https:', 'mailto:'].includes(protocol) ? url : null;
	} catch {
		return null;
	}
}
