// The core's refusals on the event money tabs in the manager's language. The core writes English
// sentences; the ones met here are re-worded, anything else is shown as the core said it.
import type { CommandError } from '$lib/api/commands';
import { errorMessage } from '$lib/common/labels';
import { t, type MessageKey } from '$lib/i18n/i18n.svelte';

const known: ReadonlyArray<{ pattern: RegExp; key: MessageKey; names: string[] }> = [
	{
		pattern: /^"(.*)" has a comma in the wrong place: commas separate groups of three digits, e\.g\. (.*)$/,
		key: 'eventMoney.moneyErrors.comma',
		names: ['text', 'example']
	},
	{ pattern: /^"(.*)" is not an amount: type digits, e\.g\. (.*)$/, key: 'eventMoney.moneyErrors.notAmount', names: ['text', 'example'] },
	{ pattern: /^"(.*)" is negative; budget amounts are zero or more$/, key: 'eventMoney.moneyErrors.negative', names: ['text'] },
	{
		pattern: /^"(.*)" is in (\w+), but this budget is in (\w+)$/,
		key: 'eventMoney.moneyErrors.otherCurrency',
		names: ['text', 'other', 'currency']
	},
	{
		pattern: /^(\w+) has no decimal places, so "(.*)" cannot have a decimal point$/,
		key: 'eventMoney.moneyErrors.noDecimals',
		names: ['currency', 'text']
	},
	{
		pattern: /^(\w+) has (\d+) decimal places; "(.*)" has (\d+)$/,
		key: 'eventMoney.moneyErrors.tooManyDecimals',
		names: ['currency', 'digits', 'text', 'got']
	},
	{ pattern: /^enter an amount$/, key: 'eventMoney.moneyErrors.empty', names: [] },
	{ pattern: /^"(.*)" is too large an amount$/, key: 'eventMoney.moneyErrors.tooLarge', names: ['text'] },
	{ pattern: /^rating -?\d+ is not between 1 and 5$/, key: 'eventMoney.moneyErrors.rating', names: [] },
	{ pattern: /^a suggestion needs some text$/, key: 'eventMoney.moneyErrors.suggestionEmpty', names: [] },
	{
		pattern: /^suggestions can only be made for an upcoming event$/,
		key: 'eventMoney.moneyErrors.notUpcoming',
		names: []
	},
	{ pattern: /^"(.*)" has already been proposed for this event$/, key: 'eventMoney.moneyErrors.duplicate', names: ['text'] },
	{ pattern: /^this member has already voted for this option$/, key: 'eventMoney.moneyErrors.alreadyVoted', names: [] }
];

/** The message to show for a failed command on these tabs, in the current language. */
export function moneyErrorText(error: CommandError): string {
	if (error.code === 'invalidInput') {
		for (const { pattern, key, names } of known) {
			const match = pattern.exec(error.message);
			// Values are passed as text so amounts are not re-grouped.
			if (match) return t(key, Object.fromEntries(names.map((name, i) => [name, match[i + 1] ?? ''])));
		}
	}
	return errorMessage(error);
}
