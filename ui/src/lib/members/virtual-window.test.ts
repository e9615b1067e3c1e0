import { describe, expect, it } from 'vitest';
import { pagesForRows, visibleRows } from './virtual-window';

const list = { rowHeight: 40, overscan: 5, viewportHeight: 400, total: 100_000 };

describe('visible rows of the member table', () => {
	it('at the top renders the ten visible rows plus overscan below only', () => {
		expect(visibleRows({ ...list, scrollTop: 0 })).toEqual({ first: 0, end: 15, offsetTop: 0 });
	});

	it('in the middle renders overscan on both sides', () => {
		// scrolled to row 1000 exactly: rows 1000..1009 visible
		expect(visibleRows({ ...list, scrollTop: 40_000 })).toEqual({ first: 995, end: 1015, offsetTop: 39_800 });
	});

	it('a partly visible row at either edge counts as visible', () => {
		// rows 1000 (bottom 20px) .. 1010 (top 20px) are on screen
		expect(visibleRows({ ...list, scrollTop: 40_020 })).toEqual({ first: 995, end: 1016, offsetTop: 39_800 });
	});

	it('at the very bottom stops at the last row', () => {
		const bottom = 100_000 * 40 - 400;
		expect(visibleRows({ ...list, scrollTop: bottom })).toEqual({ first: 99_985, end: 100_000, offsetTop: 3_999_400 });
	});

	it('clamps scroll positions past either end (rubber-band scrolling)', () => {
		expect(visibleRows({ ...list, scrollTop: -120 })).toEqual(visibleRows({ ...list, scrollTop: 0 }));
		expect(visibleRows({ ...list, scrollTop: 9e9 }).end).toBe(100_000);
	});

	it('a list shorter than the viewport renders every row', () => {
		expect(visibleRows({ ...list, total: 3, scrollTop: 0 })).toEqual({ first: 0, end: 3, offsetTop: 0 });
	});

	it('an empty list renders nothing', () => {
		expect(visibleRows({ ...list, total: 0, scrollTop: 0 })).toEqual({ first: 0, end: 0, offsetTop: 0 });
	});

	it('before the viewport is measured still renders the first rows', () => {
		expect(visibleRows({ ...list, viewportHeight: 0, scrollTop: 0 })).toEqual({ first: 0, end: 6, offsetTop: 0 });
	});
});

describe('pages to fetch for the visible rows', () => {
	it('rows within one page need that page', () => {
		expect(pagesForRows(995, 1015, 200)).toEqual([4, 5]);
		expect(pagesForRows(0, 15, 200)).toEqual([0]);
	});

	it('the last row of a page does not pull in the next one', () => {
		expect(pagesForRows(180, 200, 200)).toEqual([0]);
	});

	it('no rows need no pages', () => {
		expect(pagesForRows(0, 0, 200)).toEqual([]);
	});
});
