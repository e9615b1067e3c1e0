// The core's keyed messages in the manager's language. English is the Rust template itself (the
// generated list), Japanese is areas/coreErrors.ja.ts; names and values the user typed are
// filled in as they came, never translated.
import type { ErrorDetail } from '$lib/bindings';
import templates from './core-errors.generated.json';
import { coreErrorsJa } from './areas/coreErrors.ja';
import { currentLocale, type Locale } from './i18n.svelte';

/** Every key the crates can send, with its English template. */
export type CoreErrorKey = keyof typeof templates;

/** The English templates, by key. */
export const coreErrorsEn: Readonly<Record<CoreErrorKey, string>> = templates;

const catalogues: Record<Locale, Readonly<Record<CoreErrorKey, string>>> = {
	en: coreErrorsEn,
	ja: coreErrorsJa
};

function isKnown(key: string): key is CoreErrorKey {
	return Object.hasOwn(templates, key);
}

function fill(detail: ErrorDetail, locale: Locale): string | null {
	if (!isKnown(detail.key)) return null;
	// Like `format!`: `{{` and `}}` are literal braces, `{name}` is a value.
	return catalogues[locale][detail.key].replace(/\{\{|\}\}|\{(\w+)\}/g, (match, name?: string) => {
		if (name === undefined) return match.charAt(0);
		const value = detail.args[name];
		if (value === undefined) return match;
		if (typeof value === 'string') return value;
		// A reason inside a sentence: the sentence around it ends it.
		return (fill(value, locale) ?? '').replace(/。$/, '');
	});
}

/**
 * The keyed message in `locale` (the current language by default), as a sentence that stands
 * alone; null when this UI does not know the key (a newer core), so the caller shows the English
 * message it came with.
 */
export function renderDetail(detail: ErrorDetail, locale: Locale = currentLocale()): string | null {
	const text = fill(detail, locale);
	if (text === null || locale !== 'en') return text;
	// The Rust templates are written to sit inside logs and other sentences: start a capital.
	return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The `{name}` placeholders of a template, sorted (for checking translations). */
export function placeholdersOf(template: string): string[] {
	const names = [...template.replace(/\{\{|\}\}/g, '').matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '');
	return [...new Set(names)].sort();
}

/** A refused row's reason in the current language: by key when Rust sent one, else as written. */
export function rowReason(row: { message: string; detail?: ErrorDetail | null }): string {
	return (row.detail ? renderDetail(row.detail) : null) ?? row.message;
}
