// Pure helpers for the budget tab: amounts written as the core's money::format_amount writes them,
// the categories of each kind, the sign of a variance, which field a refusal belongs to, and a
// form's text from a stored line.
import type { BudgetCategory, BudgetKind, BudgetLine, BudgetLineInput } from '$lib/bindings';

/** The currencies budgets support: digits after the point and the English symbol (money.rs). */
const currencies: Record<string, { digits: number; symbol: string }> = {
	JPY: { digits: 0, symbol: '¥' },
	USD: { digits: 2, symbol: '$' },
	EUR: { digits: 2, symbol: '€' },
	GBP: { digits: 2, symbol: '£' },
	KRW: { digits: 0, symbol: '₩' },
	TWD: { digits: 2, symbol: 'NT$' },
	CNY: { digits: 2, symbol: 'CN¥' },
	AUD: { digits: 2, symbol: 'A$' },
	CAD: { digits: 2, symbol: 'CA$' },
	SGD: { digits: 2, symbol: 'S$' }
};

function groupThousands(digits: string): string {
	return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * Integer minor units of `currency` for a reader of `locale`, exactly like the core:
 * "¥120,000" / "$12.50" in English, "120,000円" for yen in Japanese; negatives lead with "-".
 */
export function formatAmount(minor: number, currency: string, locale: 'en' | 'ja'): string {
	const info = currencies[currency];
	const digits = info?.digits ?? 0;
	const sign = minor < 0 ? '-' : '';
	const abs = BigInt(Math.abs(Math.trunc(minor)));
	const scale = 10n ** BigInt(digits);
	const whole = groupThousands((abs / scale).toString());
	const number = digits === 0 ? whole : `${whole}.${(abs % scale).toString().padStart(digits, '0')}`;
	if (locale === 'ja' && currency === 'JPY') return `${sign}${number}円`;
	if (!info) return `${sign}${number} ${currency}`;
	return `${sign}${info.symbol}${number}`;
}

/** A variance with an explicit sign ("+¥2,000", "−¥2,000", "±¥0"), so it never relies on colour. */
export function signedAmount(minor: number, currency: string, locale: 'en' | 'ja'): string {
	const magnitude = formatAmount(Math.abs(minor), currency, locale);
	if (minor > 0) return `+${magnitude}`;
	if (minor < 0) return `−${magnitude}`;
	return `±${magnitude}`;
}

/** For costs, spending more than planned is bad; for income, receiving more is good. */
export function varianceTone(kind: BudgetKind, varianceMinor: number): 'good' | 'bad' | 'even' {
	if (varianceMinor === 0) return 'even';
	const over = varianceMinor > 0;
	return (kind === 'cost') === over ? 'bad' : 'good';
}

/** The categories of each kind, in display order (budget/mod.rs). */
export const categoriesOf: Record<BudgetKind, BudgetCategory[]> = {
	cost: ['venue', 'catering', 'vendors', 'merchandise', 'travel', 'ads', 'other'],
	income: ['tickets', 'sponsorship', 'coHost']
};

/** The category a new line of each kind starts with. */
export const firstCategory: Record<BudgetKind, BudgetCategory> = { cost: 'venue', income: 'tickets' };

/** What a line form holds while being typed: every field as text. */
export type LineDraft = {
	kind: BudgetKind;
	category: BudgetCategory;
	planned: string;
	actual: string;
	vendor: string;
	paidOn: string;
	notes: string;
};

/** An empty form for a new line of `kind`. */
export function emptyDraft(kind: BudgetKind): LineDraft {
	return { kind, category: firstCategory[kind], planned: '', actual: '', vendor: '', paidOn: '', notes: '' };
}

/** A form filled from a stored line; amounts in the form the core parses back to the same value. */
export function draftOf(line: BudgetLine): LineDraft {
	const plain = (minor: number) => formatAmount(minor, line.currency, 'en');
	return {
		kind: line.kind,
		category: line.category,
		planned: plain(line.plannedMinor),
		actual: line.actualMinor === null ? '' : plain(line.actualMinor),
		vendor: line.vendor ?? '',
		paidOn: line.paidAt === null ? '' : new Date(line.paidAt).toISOString().slice(0, 10),
		notes: line.notes ?? ''
	};
}

/** The command input for a draft: amounts stay text for the core to parse; blank means none. */
export function inputOf(draft: LineDraft): BudgetLineInput {
	const blank = (text: string) => (text.trim() === '' ? null : text.trim());
	const paid = /^\d{4}-\d{2}-\d{2}$/.test(draft.paidOn) ? Date.parse(`${draft.paidOn}T00:00:00Z`) : null;
	return {
		kind: draft.kind,
		category: draft.category,
		planned: draft.planned,
		actual: blank(draft.actual),
		currency: null,
		vendor: blank(draft.vendor),
		paidAt: paid,
		notes: blank(draft.notes)
	};
}

/**
 * Which field a refusal is about: the core quotes the amount it refused ("\"12,5,0\" has a
 * comma…"), so a message quoting the planned or actual text belongs next to that field.
 */
export function fieldOfError(message: string, draft: LineDraft): 'planned' | 'actual' | 'form' {
	const quotes = (text: string) => text.trim() !== '' && message.includes(`"${text.trim()}"`);
	if (quotes(draft.planned)) return 'planned';
	if (quotes(draft.actual)) return 'actual';
	if (message === 'enter an amount') return 'planned';
	return 'form';
}
