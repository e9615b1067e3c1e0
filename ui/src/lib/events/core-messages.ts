// The core's refusals on the Events screens in the manager's language. The core writes English
// sentences; the ones met here are re-worded, anything else is shown as the core said it.
import type { CommandError } from '$lib/api/command-error';
import { errorMessage } from '$lib/common/labels';
import { t, type MessageKey } from '$lib/i18n/i18n.svelte';
import { coreErrorText } from '$lib/members/edit/core-messages';

const known: ReadonlyArray<{ pattern: RegExp; key: MessageKey; names: string[] }> = [
	{ pattern: /^an event needs a title$/, key: 'events.coreErrors.noTitle', names: [] },
	{ pattern: /^"(.*)" is not a known time zone; use an IANA name such as Asia\/Tokyo$/, key: 'events.coreErrors.unknownZone', names: ['zone'] },
	{ pattern: /^an event cannot end before it starts$/, key: 'events.coreErrors.endBeforeStart', names: [] },
	{ pattern: /^capacity cannot be negative \(got (-?\d+)\)$/, key: 'events.coreErrors.negativeCapacity', names: ['capacity'] },
	{ pattern: /^"(.*)" is not a web address \(http:\/\/ or https:\/\/\)$/, key: 'events.coreErrors.notUrl', names: ['url'] },
	{
		pattern: /^(\d+) members already hold seats, so capacity cannot go down to (\d+)$/,
		key: 'events.coreErrors.capacityTaken',
		names: ['taken', 'capacity']
	},
	{
		pattern: /^the ticket types are priced in (\w+); the currency cannot change to (.*)$/,
		key: 'events.coreErrors.currencyLocked',
		names: ['priced', 'currency']
	},
	{ pattern: /^(.+) is already checked in \(at (.+), on (.+)\)$/, key: 'events.coreErrors.alreadyCheckedIn', names: ['name', 'when', 'on'] },
	{ pattern: /^(.+) is on the waitlist and has no seat yet$/, key: 'events.coreErrors.onWaitlist', names: ['name'] },
	{ pattern: /^(.+) cancelled this registration$/, key: 'events.coreErrors.cancelled', names: ['name'] },
	{ pattern: /^(.+) has not checked in, so there is nothing to undo$/, key: 'events.coreErrors.notCheckedIn', names: ['name'] },
	{ pattern: /^the event is full: every seat is taken, so a walk-in cannot be let in$/, key: 'events.coreErrors.full', names: [] },
	{ pattern: /^(.+) is already registered \((.+)\)$/, key: 'events.coreErrors.alreadyRegistered', names: ['name', 'status'] },
	{ pattern: /^this registration is already cancelled$/, key: 'events.coreErrors.alreadyCancelled', names: [] },
	{
		pattern: /^this member has already checked in; undo the check-in before cancelling$/,
		key: 'events.coreErrors.cancelAfterCheckin',
		names: []
	},
	{ pattern: /^no-shows can only be marked after the event has ended$/, key: 'events.coreErrors.noShowsTooEarly', names: [] }
];

/** The message to show for a failed events command in the current language; unknown ones as the core said them. */
export function eventsErrorText(error: CommandError): string {
	if (error.code === 'invalidInput') {
		for (const { pattern, key, names } of known) {
			const match = pattern.exec(error.message);
			if (match) return t(key, Object.fromEntries(names.map((name, i) => [name, match[i + 1] ?? ''])));
		}
	}
	// A walk-in is a new member: the members screens' wording covers its refusals.
	const asMember = coreErrorText(error);
	return asMember === errorMessage(error) ? error.message : asMember;
}
