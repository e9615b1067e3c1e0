import { afterEach, describe, expect, it } from 'vitest';
import { CommandError } from '$lib/api/command-error';
import { errorMessage } from '$lib/common/labels';
import { coreErrorsJa } from './areas/coreErrors.ja';
import { coreErrorsEn, placeholdersOf, renderDetail, rowReason } from './core-errors';
import { setLocale } from './i18n.svelte';

afterEach(() => setLocale('en'));

const capacity = {
	key: 'events.capacityTaken',
	args: { taken: '12', capacity: '10' }
};

describe('the core’s keyed messages', () => {
	it('every key the crates send has a Japanese sentence, and nothing else does', () => {
		const missing = Object.keys(coreErrorsEn).filter((key) => !coreErrorsJa[key as keyof typeof coreErrorsJa]?.trim());
		expect(missing).toEqual([]);
		expect(Object.keys(coreErrorsJa).sort()).toEqual(Object.keys(coreErrorsEn).sort());
	});

	it('each Japanese sentence names the same values as its English template', () => {
		const differing = Object.entries(coreErrorsEn)
			.filter(([key, english]) => {
				const japanese = coreErrorsJa[key as keyof typeof coreErrorsJa];
				return placeholdersOf(japanese).join() !== placeholdersOf(english).join();
			})
			.map(([key]) => key);
		expect(differing).toEqual([]);
	});

	it('a refusal reads in English from the Rust template and in Japanese from the catalogue', () => {
		const error = new CommandError(
			'update_event',
			'invalidInput',
			'12 members already hold seats, so capacity cannot go down to 10',
			capacity
		);
		expect(errorMessage(error)).toBe('12 members already hold seats, so capacity cannot go down to 10');
		setLocale('ja');
		expect(errorMessage(error)).toBe('すでに12人が席を確保しているため、定員を10人に減らせません。');
	});

	it('names the user typed are kept as they are, and a nested reason is worded too', () => {
		const planned = {
			key: 'budget.planned',
			args: { reason: { key: 'money.negative', args: { text: '-５００' } } }
		};
		expect(renderDetail(planned, 'en')).toBe('Planned: "-５００" is negative; budget amounts are zero or more');
		expect(renderDetail(planned, 'ja')).toBe('予定：「-５００」はマイナスです。予算の金額は0以上にしてください。');
	});

	it('a status inside a sentence reads as the word the screens use for it', () => {
		const move = {
			key: 'ideas.statusMove',
			args: {
				title: 'Dark mode',
				from: { key: 'status.ideaShipped', args: {} },
				to: { key: 'status.ideaPlanned', args: {} },
				why: { key: 'ideas.statusFinal', args: { status: { key: 'status.ideaShipped', args: {} } } }
			}
		};
		expect(renderDetail(move, 'en')).toBe('"Dark mode" cannot go from shipped to planned (shipped is final)');
		expect(renderDetail(move, 'ja')).toBe(
			'「Dark mode」は「実現済み」から「予定」に変更できません（「実現済み」は最終の状態です）。'
		);
		const range = {
			key: 'insights.range',
			args: { max: '36', unit: { key: 'insights.months', args: {} }, value: '40' }
		};
		expect(renderDetail(range, 'ja')).toBe('グラフの期間は1〜36か月で指定してください（入力値：40）。');
	});

	it('a key this UI does not know falls back to the message Rust sent', () => {
		const error = new CommandError('x', 'invalidInput', 'something new', { key: 'future.thing', args: {} });
		setLocale('ja');
		expect(errorMessage(error)).toBe('入力内容に誤りがあります：something new');
	});
});

describe('a refused import row', () => {
	it('reads in the manager’s language, and as written when Rust sent no key', () => {
		const row = {
			line: 4,
			column: null,
			message: 'this person was erased from Kizuna and is not imported again',
			detail: { key: 'import.erased', args: {} }
		};
		setLocale('ja');
		expect(rowReason(row)).toBe('この人は Kizuna から消去されているため、再びインポートしません。');
		expect(rowReason({ ...row, detail: null })).toBe(row.message);
	});

	it('a cell the file reader refused is worded too, its hint included', () => {
		const row = {
			line: 6,
			column: 'Joined',
			message: '"soon" is not a date or time; write it like 2026-10-01 or 2026-10-01 19:00',
			detail: {
				key: 'importFiles.notTime',
				args: { t: 'soon', hint: { key: 'importFiles.dateHint', args: {} } }
			}
		};
		expect(rowReason(row)).toBe('"soon" is not a date or time; write it like 2026-10-01 or 2026-10-01 19:00');
		setLocale('ja');
		expect(rowReason(row)).toBe('「soon」は日付や日時ではありません。2026-10-01 や 2026-10-01 19:00 のように書いてください。');
	});
});
