// Labels and text helpers for the Campaigns screens: kinds, statuses, money in the campaign's
// currency, the window, and the core's refusals re-worded in the manager's language.
import type { CampaignKind, CampaignRow, CampaignStatus, DeliverableKind, InfluencerStatus } from '$lib/bindings';
import type { CommandError } from '$lib/api/command-error';
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

const known: ReadonlyArray<{ pattern: RegExp; key: MessageKey; names: string[] }> = [
	{ pattern: /^the campaign ends before it starts/, key: 'campaigns.coreErrors.endBeforeStart', names: [] },
	{ pattern: /^a campaign needs a name$/, key: 'campaigns.coreErrors.noName', names: [] },
	{ pattern: /^(budget|actual spend|fee): "(.*)" is negative; budget amounts are zero or more$/, key: 'campaigns.coreErrors.negative', names: ['what', 'amount'] },
	{ pattern: /^the goal target cannot be negative$/, key: 'campaigns.coreErrors.negativeTarget', names: [] },
	{ pattern: /^reach cannot be negative$/, key: 'campaigns.coreErrors.negativeReach', names: [] },
	{ pattern: /^there is no campaign with the (referral code|link tag) "(.*)"$/, key: 'campaigns.coreErrors.unknownCode', names: ['noun', 'code'] },
	{ pattern: /^"(.*)" is not a member of this community$/, key: 'campaigns.coreErrors.notMember', names: ['id'] },
	{ pattern: /^this member is already on the campaign's roster$/, key: 'campaigns.coreErrors.alreadyOnRoster', names: [] },
	{ pattern: /^the (referral code|link tag) "(.*)" is already used by the campaign "(.*)"$/, key: 'campaigns.coreErrors.codeTaken', names: ['noun', 'code', 'name'] },
	{ pattern: /^"(.*)" is not a web address \(start it with https:\/\/\)$/, key: 'campaigns.coreErrors.notUrl', names: ['url'] },
	{ pattern: /^(\d+) members were attributed through this code; it cannot be deleted$/, key: 'campaigns.coreErrors.codeUsed', names: ['used'] },
	{ pattern: /^the perk "(.*)" is already linked to the campaign "(.*)": unlink it there first$/, key: 'campaigns.coreErrors.perkLinkedElsewhere', names: ['perk', 'name'] },
	{ pattern: /^the perk "(.*)" is not linked to this campaign$/, key: 'campaigns.coreErrors.perkNotLinked', names: ['perk'] }
];

/** The message for a failed campaigns command in the current language; unknown ones as the core said them. */
export function campaignsErrorText(error: CommandError): string {
	if (error.code !== 'invalidInput') return error.message;
	for (const { pattern, key, names } of known) {
		const match = pattern.exec(error.message);
		if (!match) continue;
		const params: Record<string, string> = Object.fromEntries(names.map((name, i) => [name, match[i + 1] ?? '']));
		if (params.noun) params.noun = t(`campaigns.coreErrors.nouns.${params.noun}` as MessageKey);
		if (params.what) params.what = t(`campaigns.coreErrors.moneyWhat.${params.what}` as MessageKey);
		return t(key, params);
	}
	return error.message;
}
