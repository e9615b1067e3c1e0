// Sizes of backup files in words a person reads at a glance.
import { formatDecimal, formatNumber } from '$lib/i18n/i18n.svelte';

/** `bytes` as KB (at least 1), MB or GB: decimal units, one decimal place above a megabyte. */
export function formatBytes(bytes: number): string {
	if (bytes < 1_000_000) return `${formatNumber(Math.max(1, Math.round(bytes / 1_000)))} KB`;
	if (bytes < 1_000_000_000) return `${formatDecimal(bytes / 1_000_000, 1)} MB`;
	return `${formatDecimal(bytes / 1_000_000_000, 1)} GB`;
}
