// Words for the stored campaign kind and status (the comparison carries them as plain text).
import { t } from '$lib/i18n/i18n.svelte';

/** "Influencer" / "インフルエンサー" for "influencer"; an unknown kind is shown as stored. */
export function kindLabel(kind: string): string {
	return t((m) => (m.campaignCompare.kinds as Record<string, string>)[kind] ?? kind);
}

/** "Running" / "実施中" for "running"; an unknown status is shown as stored. */
export function statusLabel(status: string): string {
	return t((m) => (m.campaignCompare.statuses as Record<string, string>)[status] ?? status);
}
