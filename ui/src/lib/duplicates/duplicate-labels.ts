// Words for a duplicate suggestion's confidence, reasons and conflicts (the Rust side sends kinds).
import type { DuplicateConflict, DuplicateReason } from '$lib/bindings';
import { platformName } from '$lib/common/labels';
import { t } from '$lib/i18n/i18n.svelte';

/** How sure a suggestion is, in three steps a manager can act on. */
export type ConfidenceBucket = 'high' | 'medium' | 'low';

/** High from 0.8, medium from 0.5, low below. */
export function confidenceBucket(confidence: number): ConfidenceBucket {
	if (confidence >= 0.8) return 'high';
	if (confidence >= 0.5) return 'medium';
	return 'low';
}

/** Why two members look alike, in words: "Same email", "Same X handle"… */
export function reasonLabel(reason: DuplicateReason): string {
	switch (reason.kind) {
		case 'sameEmail':
			return t('duplicates.reason.sameEmail');
		case 'sameHandle':
			return t('duplicates.reason.sameHandle', { platform: platformName(reason.platform) });
		case 'samePhone':
			return t('duplicates.reason.samePhone');
		case 'sameNameKey':
			return t('duplicates.reason.sameNameKey');
		default:
			// a kind added on the Rust side later must not show up as a raw key
			return t('duplicates.reason.other');
	}
}

/** What speaks against two members being one person, in words: "Different email"… */
export function conflictLabel(conflict: DuplicateConflict): string {
	switch (conflict.kind) {
		case 'differentEmail':
			return t('duplicates.conflict.differentEmail');
		case 'differentHandle':
			return t('duplicates.conflict.differentHandle', { platform: platformName(conflict.platform) });
		case 'differentPhone':
			return t('duplicates.conflict.differentPhone');
		case 'differentName':
			return t('duplicates.conflict.differentName');
		case 'differentBirthYear':
			return t('duplicates.conflict.differentBirthYear');
		default:
			return t('duplicates.conflict.other');
	}
}

/** A stable key for a suggestion in a keyed list. */
export function suggestionKey(first: { id: string }, second: { id: string }): string {
	return `${first.id}+${second.id}`;
}
