// Labels and text helpers for the Campaigns screens: kinds, statuses, money in the campaign's
// currency, the window, and the core's refusals re-worded in the manager's language.
import type { CampaignKind, CampaignRow, CampaignStatus, DeliverableKind, InfluencerStatus } from '$lib/bindings';
import { formatAmount } from '$lib/event-money/money';
import { currentLocale, formatDate, t, type MessageKey } from '$lib/i18n/i18n.svelte';

export const campaignKinds: CampaignKind[] = ['influencer', 'email', 'social', 'referral', 'co_creation', 'event'];
export const campaignStatuses: CampaignStatus[] = ['planned', 'running', 'done', 'cancelled'];
export const influencerStatuses: InfluencerStatus[] = ['shortlisted', 'contracted', 'declined', 'done'];
export const deliverableKinds: DeliverableKind[] = ['post', 'video', 'story', 'stream', 'article', 'other'];
export const goalMetrics = ['new_members', 'activities', 'event_attendance', 'perk_redemptions', 'ideas'] as const;

/** A campaign kind in the current language. */
export function kindLabel(kind: CampaignKind): string {
	return t(`campaigns.kinds.${kind}`);
}

/** A campaign status in the current language. */
export function statusLabel(status: CampaignStatus): string {
	return t(`campaigns.statuses.${status}`);
}

/** A goal metric (`activities:<type>` shows its type) in the current language. */
export function goalLabel(metric: string): string {
	const [base, type] = metric.split(':');
	const known = (goalMetrics as readonly string[]).includes(base ?? '');
	const label = known ? t(`campaigns.goals.${base}` as MessageKey) : metric;
	return type ? `${label} (${type})` : label;
}

/** Minor units in the campaign currency, written like the Events money. */
export function money(minor: number, currency: string | null): string {
	return formatAmount(minor, currency ?? 'JPY', currentLocale() === 'ja' ? 'ja' : 'en');
}

/** The campaign's window as dates. */
export function windowText(row: Pick<CampaignRow, 'startsAt' | 'endsAt'>): string {
	const start = formatDate(row.startsAt, 'short');
	if (row.endsAt === null) return t('campaigns.openEnded', { start });
	return `${start} – ${formatDate(row.endsAt, 'short')}`;
}

/** Budget and actual spend in one line. */
export function spendText(row: CampaignRow): string {
	const spent = money(row.actualSpendMinor ?? 0, row.currency);
	if (row.budgetMinor === null) return row.actualSpendMinor === null ? t('campaigns.noBudget') : t('campaigns.spent', { spent });
	return t('campaigns.spentOf', { spent, budget: money(row.budgetMinor, row.currency) });
}

/** `yyyy-mm-dd` of a local date for a date input. */
export function toDateInput(unixMs: number | null): string {
	if (unixMs === null) return '';
	const d = new Date(unixMs);
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Local midnight of a `yyyy-mm-dd` date input, or null when empty or not a date. */
export function fromDateInput(text: string): number | null {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
	if (!match) return null;
	const at = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])).getTime();
	return Number.isFinite(at) ? at : null;
}
