// Words for the core's refusals in the manager's language. The core's InvalidInput messages are
// English sentences; the ones members editing meets are re-worded here (pure presentation: what
// the UI does still depends only on the error code). Anything unknown is shown as the core said it.
import type { CommandError } from '$lib/api/commands';
import { errorMessage } from '$lib/common/labels';
import { t, type MessageKey } from '$lib/i18n/i18n.svelte';

const known: ReadonlyArray<{ pattern: RegExp; key: MessageKey; names: string[] }> = [
	{ pattern: /^a member needs a name$/, key: 'memberEdit.core.nameRequired', names: [] },
	{ pattern: /^"(.*)" is not a valid email address$/, key: 'memberEdit.core.emailInvalid', names: ['email'] },
	{
		pattern: /^the birth year must be between (\d+) and (\d+) \(got (-?\d+)\)$/,
		key: 'memberEdit.core.birthYearRange',
		names: ['min', 'max', 'year']
	},
	{
		pattern: /^a follower count cannot be negative \(got (-?\d+)\)$/,
		key: 'memberEdit.core.followersNegative',
		names: ['count']
	},
	{ pattern: /^an identity needs a platform and a handle$/, key: 'memberEdit.core.identityIncomplete', names: [] },
	{ pattern: /^a tag needs a name$/, key: 'memberEdit.core.tagEmpty', names: [] },
	{ pattern: /^a manual activity cannot be logged in the future$/, key: 'memberEdit.core.activityInFuture', names: [] },
	{ pattern: /^"(.*)" is not a known activity type$/, key: 'memberEdit.core.unknownType', names: ['key'] }
];

/** The message to show for a failed members command, in the current language. */
export function coreErrorText(error: CommandError): string {
	if (error.code === 'invalidInput') {
		for (const { pattern, key, names } of known) {
			const match = pattern.exec(error.message);
			if (match) {
				// Values are passed as text so years and counts are not digit-grouped ("1,800").
				return t(key, Object.fromEntries(names.map((name, i) => [name, match[i + 1] ?? ''])));
			}
		}
	}
	return errorMessage(error);
}
