import { describe, expect, it } from 'vitest';
import type { BudgetLine } from '$lib/bindings';
import { draftOf, emptyDraft, fieldOfError, formatAmount, inputOf, signedAmount, varianceTone } from './money';

describe('formatAmount', () => {
	it('writes yen with no decimals, before the number in English and as 円 in Japanese', () => {
		expect(formatAmount(120_000, 'JPY', 'en')).toBe('¥120,000');
		expect(formatAmount(120_000, 'JPY', 'ja')).toBe('120,000円');
		expect(formatAmount(52_667, 'JPY', 'en')).toBe('¥52,667');
	});

	it('writes cents for two-decimal currencies and keeps the symbol in Japanese', () => {
		expect(formatAmount(1_250, 'USD', 'en')).toBe('$12.50');
		expect(formatAmount(1_250, 'USD', 'ja')).toBe('$12.50');
		expect(formatAmount(5, 'EUR', 'en')).toBe('€0.05');
		expect(formatAmount(123_456_789, 'TWD', 'en')).toBe('NT$1,234,567.89');
	});

	it('leads negatives with a minus', () => {
		expect(formatAmount(-2_000, 'JPY', 'en')).toBe('-¥2,000');
	});
});

describe('variance', () => {
	it('always carries a sign so it does not rely on colour', () => {
		expect(signedAmount(2_000, 'JPY', 'en')).toBe('+¥2,000');
		expect(signedAmount(-2_000, 'JPY', 'ja')).toBe('−2,000円');
		expect(signedAmount(0, 'JPY', 'en')).toBe('±¥0');
	});

	it('is bad when a cost runs over or income falls short', () => {
		expect(varianceTone('cost', 500)).toBe('bad');
		expect(varianceTone('cost', -500)).toBe('good');
		expect(varianceTone('income', -500)).toBe('bad');
		expect(varianceTone('income', 500)).toBe('good');
		expect(varianceTone('cost', 0)).toBe('even');
	});
});

describe('line drafts', () => {
	const line: BudgetLine = {
		id: 'l1',
		eventId: 'e1',
		kind: 'cost',
		category: 'venue',
		plannedMinor: 120_000,
		actualMinor: 118_000,
		currency: 'JPY',
		vendor: 'Shibuya Hall',
		paidAt: Date.parse('2026-05-02T00:00:00Z'),
		notes: null,
		createdAt: 0
	};

	it('fills the form with amounts the core reads back to the same value', () => {
		const draft = draftOf(line);
		expect(draft.planned).toBe('¥120,000');
		expect(draft.actual).toBe('¥118,000');
		expect(draft.paidOn).toBe('2026-05-02');
		expect(inputOf(draft)).toEqual({
			kind: 'cost',
			category: 'venue',
			planned: '¥120,000',
			actual: '¥118,000',
			currency: null,
			vendor: 'Shibuya Hall',
			paidAt: line.paidAt,
			notes: null
		});
	});

	it('sends blank optional fields as none and keeps the planned text as typed', () => {
		const draft = { ...emptyDraft('income'), planned: ' 8,000 ', actual: '  ' };
		expect(draft.category).toBe('tickets');
		const input = inputOf(draft);
		expect(input.planned).toBe(' 8,000 ');
		expect(input.actual).toBeNull();
		expect(input.vendor).toBeNull();
		expect(input.paidAt).toBeNull();
	});

	it('puts a refusal next to the field whose text it quotes', () => {
		const draft = { ...emptyDraft('cost'), planned: '12,5,0', actual: '1.5' };
		const comma = '"12,5,0" has a comma in the wrong place: commas separate groups of three digits, e.g. ¥1,250';
		expect(fieldOfError(comma, draft)).toBe('planned');
		expect(fieldOfError('JPY has no decimal places, so "1.5" cannot have a decimal point', draft)).toBe('actual');
		expect(fieldOfError('enter an amount', emptyDraft('cost'))).toBe('planned');
		expect(fieldOfError('venue is a cost category; income lines use tickets', draft)).toBe('form');
	});
});
