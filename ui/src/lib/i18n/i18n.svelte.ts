// The current language as a rune, plus translation and locale-aware formatting that follow it.
import { en } from './en';
import { ja } from './ja';
import {
	interpolate,
	lookupMessage,
	type MessageKey,
	type MessageParams,
	type Messages,
	type PluralKey
} from './messages';

export type { MessageKey, MessageParams, Messages, PluralKey } from './messages';

/** The languages Kizuna speaks. */
export type Locale = 'en' | 'ja';

/** Languages offered by the switcher, each named in its own language. */
export const locales: ReadonlyArray<{ locale: Locale; label: string }> = [
	{ locale: 'en', label: 'EN' },
	{ locale: 'ja', label: '日本語' }
];

const catalogues: Record<Locale, Messages> = { en, ja };
// BCP 47 tags handed to Intl; English dates read "November 23, 2026", Japanese "2026年11月23日".
const intlTags: Record<Locale, string> = { en: 'en-US', ja: 'ja-JP' };
const storageKey = 'kizuna.locale';

function isLocale(value: unknown): value is Locale {
	return value === 'en' || value === 'ja';
}

function storedLocale(): Locale | null {
	try {
		const saved = globalThis.localStorage?.getItem(storageKey);
		return isLocale(saved) ? saved : null;
	} catch {
		return null; // storage can be disabled; fall back to the system language
	}
}

/** The language to start in: the saved choice, else the system language (Japanese → ja). */
export function initialLocale(): Locale {
	const system = globalThis.navigator?.language ?? 'en';
	return storedLocale() ?? (system.toLowerCase().startsWith('ja') ? 'ja' : 'en');
}

const state = $state<{ locale: Locale }>({ locale: initialLocale() });
const listeners = new Set<(locale: Locale) => void>();
setDocumentLanguage(state.locale);

function setDocumentLanguage(locale: Locale) {
	if (typeof document !== 'undefined') document.documentElement.lang = locale;
}

/** The language currently shown; reading it inside a template or $derived makes it reactive. */
export function currentLocale(): Locale {
	return state.locale;
}

/** Switches the language at run time (no reload) and remembers the choice. */
export function setLocale(locale: Locale): void {
	if (state.locale === locale) return;
	state.locale = locale;
	setDocumentLanguage(locale);
	try {
		globalThis.localStorage?.setItem(storageKey, locale);
	} catch {
		// not remembered, but the switch itself still works
	}
	for (const listener of listeners) listener(locale);
}

/** Calls `listener` after each language switch (for data drawn in a language, like charts). */
export function onLocaleChange(listener: (locale: Locale) => void): () => void {
	listeners.add(listener);
	return () => listeners.delete(listener);
}

/** The message at `key` (or picked by an accessor) in the current language, with `{params}` filled. */
export function t(key: MessageKey | ((messages: Messages) => string), params?: MessageParams): string {
	const messages = catalogues[state.locale];
	const template =
		typeof key === 'function' ? key(messages) : (lookupMessage(messages, key) ?? key);
	return interpolate(template, params, formatNumber);
}

/** A message with plural forms, choosing `.one` or `.other` for `count` by the language's rules. */
export function tn(key: PluralKey, count: number, params?: MessageParams): string {
	const form = cachedFormatter('plural', () => new Intl.PluralRules(intlTags[state.locale])).select(count);
	const messages = catalogues[state.locale];
	const template = lookupMessage(messages, `${key}.${form}`) ?? lookupMessage(messages, `${key}.other`) ?? key;
	return interpolate(template, { count, ...params }, formatNumber);
}

/** Picks the variant for the current language, e.g. labels the Rust side sends in both. */
export function localized<T>(variants: Record<Locale, T>): T {
	return variants[state.locale];
}

const formatters = new Map<string, unknown>();
function cachedFormatter<F>(name: string, create: () => F, locale: Locale = state.locale): F {
	const cacheKey = `${locale}:${name}`;
	let formatter = formatters.get(cacheKey) as F | undefined;
	if (!formatter) {
		formatter = create();
		formatters.set(cacheKey, formatter);
	}
	return formatter;
}

/** A number with the current language's digit grouping, e.g. 12,345. */
export function formatNumber(value: number): string {
	return cachedFormatter('number', () => new Intl.NumberFormat(intlTags[state.locale])).format(value);
}

/** A follower count in short form: 12.3K / 1.2万. */
export function formatCompactNumber(value: number): string {
	return cachedFormatter(
		'compact',
		() => new Intl.NumberFormat(intlTags[state.locale], { notation: 'compact', maximumFractionDigits: 1 })
	).format(value);
}

/** A calendar date: "November 23, 2026" / "2026年11月23日" (long) or "Nov 23, 2026" / "2026/11/23" (short). */
export function formatDate(unixMs: number, style: 'long' | 'short' = 'long'): string {
	return cachedFormatter(
		`date-${style}`,
		() => new Intl.DateTimeFormat(intlTags[state.locale], { dateStyle: style === 'long' ? 'long' : 'medium' })
	).format(unixMs);
}

/**
 * A date and time in the user's zone, or in `timeZone` (an event keeps its own IANA zone); the
 * zone's name is added when it is not the user's, so "19:00 JST" is not mistaken for local time.
 */
export function formatDateTime(unixMs: number, timeZone?: string): string {
	const zone = timeZone && timeZone !== userTimeZone() ? timeZone : undefined;
	const options: Intl.DateTimeFormatOptions = {
		year: 'numeric',
		month: 'short',
		day: 'numeric',
		weekday: 'short',
		hour: '2-digit',
		minute: '2-digit',
		...(zone ? { timeZone: zone, timeZoneName: 'short' } : {})
	};
	try {
		return cachedFormatter(
			`datetime-${zone ?? 'local'}`,
			() => new Intl.DateTimeFormat(intlTags[state.locale], options)
		).format(unixMs);
	} catch {
		// an unknown zone name must not hide the event: show it in the user's zone instead
		return formatDateTime(unixMs);
	}
}

function userTimeZone(): string {
	return cachedFormatter('zone', () => new Intl.DateTimeFormat().resolvedOptions().timeZone, 'en');
}

/** A month and year: "November 2026" / "2026年11月". */
export function formatMonth(unixMs: number): string {
	return cachedFormatter(
		'month',
		() => new Intl.DateTimeFormat(intlTags[state.locale], { year: 'numeric', month: 'long' })
	).format(unixMs);
}

/** A number with exactly `digits` decimals and the language's grouping, e.g. 1,234.5. */
export function formatDecimal(value: number, digits = 1): string {
	return cachedFormatter(
		`decimal-${digits}`,
		() =>
			new Intl.NumberFormat(intlTags[state.locale], {
				minimumFractionDigits: digits,
				maximumFractionDigits: digits
			})
	).format(value);
}

/**
 * A share from 0 to 1 as a percentage: whole percents, one decimal below 10% so small shares
 * do not all read "0%", e.g. 42% / 3.5%.
 */
export function formatPercent(share: number): string {
	const digits = share > 0 && share < 0.1 ? 1 : 0;
	return cachedFormatter(
		`percent-${digits}`,
		() =>
			new Intl.NumberFormat(intlTags[state.locale], {
				style: 'percent',
				maximumFractionDigits: digits
			})
	).format(share);
}
