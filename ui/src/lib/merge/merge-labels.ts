// Words and formatting for the merge screens: field names and field values as a person reads them.
import type { FieldValue, MergeField } from '$lib/bindings';
import type { CommandError } from '$lib/api/commands';
import { errorMessage } from '$lib/common/labels';
import { currentLocale, formatDate, t } from '$lib/i18n/i18n.svelte';

/** The field's name in the current language. */
export function fieldLabel(field: MergeField): string {
	return t(`merge.field.${field}`);
}

/** A value as shown in its column: dates as dates, language codes as language names; null when empty. */
export function fieldValueText(field: MergeField, value: FieldValue | null): string | null {
	if (value === null || value === '') return null;
	if (field === 'joinedAt' && typeof value === 'number') return formatDate(value);
	if (field === 'locale' && typeof value === 'string') return languageName(value);
	return String(value);
}

function languageName(code: string): string {
	try {
		const name = new Intl.DisplayNames([currentLocale()], { type: 'language' }).of(code);
		return name && name !== code ? `${name} (${code})` : code;
	} catch {
		return code; // not a valid language tag: show it as stored
	}
}

/** Where a member's page is. */
export function memberHref(id: string): string {
	return `/members/${encodeURIComponent(id)}`;
}

/** The side-by-side screen for merging `mergedId` into `keptId`. */
export function compareHref(keptId: string, mergedId: string): string {
	const query = new URLSearchParams({ kept: keptId, merged: mergedId });
	return `/members/merge?${query}`;
}

const mergeFields: readonly MergeField[] = [
	'displayName',
	'nameReading',
	'email',
	'phone',
	'locale',
	'country',
	'city',
	'birthYear',
	'joinedAt',
	'source',
	'notes'
];

/** The label of a `members` column a merge took (`display_name` → "Name"); unknown ones as stored. */
export function columnLabel(column: string): string {
	const field = column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
	return mergeFields.includes(field as MergeField) ? fieldLabel(field as MergeField) : column;
}

/** Why an undo did not happen: the core's reason when it refused, else the general error text. */
export function undoErrorText(error: CommandError): string {
	return error.code === 'invalidInput'
		? t('merge.history.cannotUndo', { message: error.message })
		: errorMessage(error);
}
