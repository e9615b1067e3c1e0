import { describe, expect, it } from 'vitest';
import type { Notices, ThirdPartyComponent } from '$lib/bindings';
import { componentId, kindCounts, moveChoice, searchComponents, textUsage } from './about-logic';

function component(name: string, licence: string, kind: ThirdPartyComponent['kind'], texts: number[]): ThirdPartyComponent {
	return { kind, name, version: '1.0.0', licence, repository: null, texts, standardText: false };
}

const notices: Notices = {
	target: 'x86_64-unknown-linux-gnu',
	components: [
		component('erased-serde', 'MIT OR Apache-2.0', 'crate', [0, 1]),
		component('selectors', 'MPL-2.0', 'crate', [2]),
		component('serde', 'MIT OR Apache-2.0', 'crate', [0, 1]),
		component('svelte', 'MIT', 'npm', [3]),
		component('Noto Sans JP', 'OFL-1.1', 'font', [4])
	],
	texts: ['Apache', 'MIT', 'MPL', 'Svelte MIT', 'OFL']
};

describe('third-party notices on the About screen', () => {
	it('counts crates, npm packages and fonts', () => {
		expect(kindCounts(notices)).toEqual({ crate: 3, npm: 1, font: 1 });
	});

	it('finds by name, names starting with the query first', () => {
		expect(searchComponents(notices.components, 'serde').map((c) => c.name)).toEqual(['serde', 'erased-serde']);
	});

	it('finds by licence, case- and width-insensitively', () => {
		expect(searchComponents(notices.components, 'ｍｐｌ').map((c) => c.name)).toEqual(['selectors']);
		expect(searchComponents(notices.components, 'mit npm')).toEqual([]);
		expect(searchComponents(notices.components, '  ')).toHaveLength(5);
	});

	it('says how many components share each text', () => {
		expect(textUsage(notices)).toEqual([2, 2, 1, 1, 1]);
	});

	it('moves the choice with the arrow keys, stopping at both ends', () => {
		const rows = notices.components;
		const row = (i: number) => rows[i] ?? null;
		expect(moveChoice(rows, null, 1)).toBe(row(0));
		expect(moveChoice(rows, null, -1)).toBe(row(4));
		expect(moveChoice(rows, row(0), -1)).toBe(row(0));
		expect(moveChoice(rows, row(1), 1)).toBe(row(2));
		expect(moveChoice(rows, row(1), Infinity)).toBe(row(4));
		expect(moveChoice(rows, row(3), -Infinity)).toBe(row(0));
		expect(moveChoice([], null, 1)).toBeNull();
	});

	it('gives each row an id usable in the page', () => {
		expect(componentId(notices.components[4] ?? component('', '', 'font', []))).toBe('notice-font-Noto_Sans_JP-1.0.0');
	});
});
