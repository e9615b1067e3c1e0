import { describe, expect, it } from 'vitest';
import { fold, matchScore, moveHighlight, opensPalette, rank, type PaletteItem } from './palette-logic';

const item = (label: string, kind: PaletteItem['kind'] = 'member', hint?: string): PaletteItem => ({
	id: label,
	kind,
	label,
	hint,
	href: `/${label}`
});

describe('matching', () => {
	it('folds width, case and katakana so 山田 タロウ finds やまだ たろう and ＡＢＣ finds abc', () => {
		expect(fold('ＡＢＣ')).toBe('abc');
		expect(fold('タロウ')).toBe('たろう');
		expect(matchScore('たろう', '山田 タロウ')).not.toBeNull();
	});

	it('needs every word, in any order', () => {
		expect(matchScore('chie mori', 'Chie Mori')).not.toBeNull();
		expect(matchScore('mori chie', 'Chie Mori')).not.toBeNull();
		expect(matchScore('chie tanaka', 'Chie Mori')).toBeNull();
	});

	it('ranks a label starting with the text before one containing it, then by the given order', () => {
		const items = [item('Pro members'), item('Members'), item('New member', 'action'), item('Remember me')];
		expect(rank(items, 'mem', 10).map((i) => i.label)).toEqual(['Members', 'Pro members', 'New member', 'Remember me']);
	});

	it('finds an item by its aliases without showing them', () => {
		const reports: PaletteItem = { id: 'r', kind: 'screen', label: 'レポート', aliases: 'Reports', href: '/reports' };
		expect(rank([reports], 'report', 5)).toEqual([reports]);
	});

	it('keeps at most the limit and matches the hint too', () => {
		const items = [item('Tokyo Meetup', 'event', 'Dec 13'), item('Osaka Meetup', 'event', 'Jan 8')];
		expect(rank(items, 'meetup', 1)).toHaveLength(1);
		expect(rank(items, 'jan', 5).map((i) => i.label)).toEqual(['Osaka Meetup']);
	});
});

describe('keys', () => {
	const key = (k: string, mods: Partial<KeyboardEvent> = {}) => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods });

	it('opens with Ctrl-K or Cmd-K only', () => {
		expect(opensPalette(key('k', { ctrlKey: true }))).toBe(true);
		expect(opensPalette(key('K', { metaKey: true }))).toBe(true);
		expect(opensPalette(key('k'))).toBe(false);
		expect(opensPalette(key('k', { ctrlKey: true, shiftKey: true }))).toBe(false);
	});

	it('moves the highlight round the list', () => {
		expect(moveHighlight(0, -1, 3)).toBe(2);
		expect(moveHighlight(2, 1, 3)).toBe(0);
		expect(moveHighlight(-1, 1, 0)).toBe(-1);
	});
});
