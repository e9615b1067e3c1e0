// Types and pure helpers shared by the message catalogues and the rune-based translator.
import type { en } from './en';

/** The shape a translation of catalogue `T` must have: the same nested keys, any string values. */
export type Catalogue<T> = { readonly [K in keyof T]: T[K] extends string ? string : Catalogue<T[K]> };
type Leaves<T> = {
	[K in keyof T & string]: T[K] extends string ? K : `${K}.${Leaves<T[K]>}`;
}[keyof T & string];

/** The shape every language must fill: the same nested keys as English, any string values. */
export type Messages = Catalogue<typeof en>;
/** A dotted path to one message, e.g. `"dashboard.kpiMembers"`. */
export type MessageKey = Leaves<typeof en>;
/** A path to a message with plural forms (`.one` / `.other`), e.g. `"members.count"`. */
export type PluralKey = MessageKey extends infer Key
	? Key extends `${infer Base}.other`
		? Base
		: never
	: never;
/** Values substituted into `{name}` placeholders; numbers are formatted for the locale. */
export type MessageParams = Record<string, string | number>;

/** Finds the message at a dotted path, or undefined when the path does not lead to a string. */
export function lookupMessage(messages: Messages, key: string): string | undefined {
	let node: unknown = messages;
	for (const part of key.split('.')) {
		if (typeof node !== 'object' || node === null) return undefined;
		node = (node as Record<string, unknown>)[part];
	}
	return typeof node === 'string' ? node : undefined;
}

/** Replaces `{name}` placeholders; unknown names are left visible so a missing value is noticed. */
export function interpolate(
	template: string,
	params: MessageParams | undefined,
	formatNumber: (value: number) => string
): string {
	if (!params) return template;
	return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
		const value = params[name];
		if (value === undefined) return placeholder;
		return typeof value === 'number' ? formatNumber(value) : value;
	});
}

/** Every dotted key of a catalogue, for checking that two languages cover the same messages. */
export function listMessageKeys(catalogue: object, prefix = ''): string[] {
	return Object.entries(catalogue).flatMap(([key, value]) =>
		typeof value === 'string'
			? [prefix + key]
			: listMessageKeys(value as object, `${prefix}${key}.`)
	);
}
