// Small pure helpers of the privacy tools.
import type { Member } from '$lib/bindings';
import { formatDecimal, t } from '$lib/i18n/i18n.svelte';

/** Whether the typed name confirms erasing `displayName` (spaces and width do not matter). */
export function namesMatch(typed: string, displayName: string): boolean {
	const fold = (s: string) => s.normalize('NFKC').replace(/\s+/g, ' ').trim();
	return fold(typed) !== '' && fold(typed) === fold(displayName);
}

/** A suggested file name for a member's export, e.g. `kizuna-member-0193….json`. */
export function exportFileName(member: Pick<Member, 'id'>): string {
	return `kizuna-member-${member.id}.json`;
}

/** A file size for people: bytes below 1 KB, else KB with one decimal. */
export function fileSize(bytes: number): string {
	return bytes < 1024
		? t('memberEdit.bytes', { count: bytes })
		: t('memberEdit.kilobytes', { count: formatDecimal(bytes / 1024) });
}
