// Small shared wording for the perks screens: kind, window and stock in the UI language.
import type { PerkRow } from '$lib/bindings';
import { formatDate, formatNumber, t } from '$lib/i18n/i18n.svelte';

/** "from 1 Dec 2026" or "1 Dec 2026 – 31 Dec 2026". */
export function windowText(perk: Pick<PerkRow, 'startsAt' | 'endsAt'>): string {
	const start = formatDate(perk.startsAt, 'short');
	return perk.endsAt === null
		? t('perks.openEnded', { start })
		: t('perks.between', { start, end: formatDate(perk.endsAt, 'short') });
}

/** "48 left of 50", or "Unlimited". */
export function stockText(perk: Pick<PerkRow, 'stock' | 'liveGrants'>): string {
	if (perk.stock === null) return t('perks.unlimited');
	return t('perks.stockLeft', { left: formatNumber(Math.max(0, perk.stock - perk.liveGrants)), total: formatNumber(perk.stock) });
}

/** A yyyy-mm-dd date typed in a date input as unix ms at local midnight, or null. */
export function dateToMs(text: string): number | null {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
	const ms = new Date(`${text}T00:00:00`).getTime();
	return Number.isNaN(ms) ? null : ms;
}

/** Unix ms as yyyy-mm-dd on the local clock, for a date input. */
export function msToDate(ms: number): string {
	const d = new Date(ms);
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
