// Words for a sync conflict's record: "Member · Aiko Tanaka", or the table and id when gone.
import type { SyncConflict, SyncFailure } from '$lib/bindings';
import { t } from '$lib/i18n/i18n.svelte';

const named = ['members', 'events', 'campaigns', 'perks', 'ideas'] as const;
type NamedTable = (typeof named)[number];

function isNamed(table: string): table is NamedTable {
	return (named as readonly string[]).includes(table);
}

const fields = [
	'display_name',
	'name_reading',
	'email',
	'phone',
	'city',
	'country',
	'notes',
	'title',
	'name',
	'status',
	'description'
] as const;
type NamedField = (typeof fields)[number];

function isNamedField(column: string): column is NamedField {
	return (fields as readonly string[]).includes(column);
}

/** The field in words when Kizuna has them (Name, Email…), else the column as stored. */
export function conflictField(conflict: SyncConflict): string {
	return isNamedField(conflict.column) ? t(`sync.conflicts.fields.${conflict.column}`) : conflict.column;
}

/** The kind of record (when Kizuna has a word for it) and its name, or its table and id. */
export function conflictRecord(conflict: SyncConflict): string {
	const kind = isNamed(conflict.table) ? t(`sync.conflicts.tables.${conflict.table}`) : conflict.table;
	return `${kind} · ${conflict.subject ?? conflict.rowId}`;
}

/** A failed sync in the UI's language, from its stable reason. */
export function failureText(failure: SyncFailure, hubUrl: string | null): string {
	return t(`sync.reasons.${failure.reason}`, {
		hub: hubUrl ?? '',
		seconds: failure.retryAfterSecs ?? 0,
		status: failure.status ?? 0
	});
}
