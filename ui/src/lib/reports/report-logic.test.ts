import { describe, expect, it } from 'vitest';
import { periodDays, periodProblem, presetPeriod, reportFileName, svgDataUrl } from './report-logic';

// 7 December 2026, a Monday, local time.
const today = new Date(2026, 11, 7, 15, 30);

describe('period presets', () => {
	it('the last 30 days end today and count 30 days', () => {
		const period = presetPeriod('last30', today);
		expect(period).toEqual({ from: '2026-11-08', to: '2026-12-07' });
		expect(periodDays(period)).toBe(30);
	});

	it('last month is the whole previous calendar month', () => {
		expect(presetPeriod('lastMonth', today)).toEqual({ from: '2026-11-01', to: '2026-11-30' });
		expect(presetPeriod('lastMonth', new Date(2027, 0, 15))).toEqual({ from: '2026-12-01', to: '2026-12-31' });
	});

	it('last quarter is the last whole calendar quarter, across a year end', () => {
		expect(presetPeriod('lastQuarter', today)).toEqual({ from: '2026-07-01', to: '2026-09-30' });
		expect(presetPeriod('lastQuarter', new Date(2027, 1, 2))).toEqual({ from: '2026-10-01', to: '2026-12-31' });
	});

	it('this month and this year run to today', () => {
		expect(presetPeriod('thisMonth', today)).toEqual({ from: '2026-12-01', to: '2026-12-07' });
		expect(presetPeriod('thisYear', today)).toEqual({ from: '2026-01-01', to: '2026-12-07' });
	});
});

describe('period problems', () => {
	it('accepts a past period and one ending in the future', () => {
		expect(periodProblem({ from: '2026-11-01', to: '2026-11-30' }, today)).toBeNull();
		expect(periodProblem({ from: '2026-12-01', to: '2026-12-31' }, today)).toBeNull();
	});

	it('names an empty date, reversed dates and a period that has not begun', () => {
		expect(periodProblem({ from: '', to: '2026-11-30' }, today)).toBe('missing');
		expect(periodProblem({ from: '2026-11-30', to: '2026-11-01' }, today)).toBe('reversed');
		expect(periodProblem({ from: '2027-01-01', to: '2027-01-31' }, today)).toBe('future');
	});
});

describe('files and pages', () => {
	it('suggests a file name with the kind and the period', () => {
		expect(reportFileName('board', { from: '2026-10-01', to: '2026-12-31' }, 'pdf')).toBe('kizuna-board-2026-10-01_2026-12-31.pdf');
	});

	it('turns an SVG page into a data address that keeps # and quotes', () => {
		const url = svgDataUrl('<svg fill="#fff"></svg>');
		expect(url.startsWith('data:image/svg+xml;charset=utf-8,')).toBe(true);
		expect(decodeURIComponent(url.slice(url.indexOf(',') + 1))).toBe('<svg fill="#fff"></svg>');
	});
});
