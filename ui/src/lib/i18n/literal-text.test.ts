// Every word a screen shows comes from the message catalogues, so switching language changes all
// of it: this test reads each Svelte component's markup and fails on text, or on a label-like
// attribute (aria-label, title, placeholder, alt), written directly in the template.
import { describe, expect, it } from 'vitest';
import { parse } from 'svelte/compiler';

const components = import.meta.glob('/src/**/*.svelte', { query: '?raw', import: 'default', eager: true }) as Record<
	string,
	string
>;

const LABEL_ATTRIBUTES = new Set(['aria-label', 'title', 'placeholder', 'alt', 'aria-description']);
/** Two letters in a row: a word (CJK characters count as letters too). */
const WORDS = /[\p{L}]{2,}/u;
/** Example values that read the same in every language: a web address, a machine key. */
const NEUTRAL_EXAMPLE = /^(https?:\/\/[\w./-]*|[a-z0-9_]+)$/;

interface Node {
	type: string;
	data?: string;
	name?: string;
	value?: true | Node[] | Node;
	[key: string]: unknown;
}

/** Collects the literal words under `node` of the markup (scripts and styles are not in it). */
function literalTexts(node: unknown, found: string[]): void {
	if (Array.isArray(node)) {
		for (const child of node) literalTexts(child, found);
		return;
	}
	if (typeof node !== 'object' || node === null) return;
	const n = node as Node;
	if (n.type === 'Text' && n.data && WORDS.test(n.data)) {
		found.push(n.data.trim());
	}
	if (n.type === 'Attribute' && n.name && LABEL_ATTRIBUTES.has(n.name) && Array.isArray(n.value)) {
		for (const part of n.value) {
			const text = part.type === 'Text' ? (part.data ?? '').trim() : '';
			if (WORDS.test(text) && !NEUTRAL_EXAMPLE.test(text)) found.push(`${n.name}="${part.data}"`);
		}
		return;
	}
	// Other attributes and style: directives carry classes, CSS and ids, not words.
	if (n.type === 'Attribute' || n.type === 'StyleDirective') return;
	for (const [key, value] of Object.entries(n)) {
		if (key === 'type' || key === 'data' || key === 'name') continue;
		if (value && typeof value === 'object') literalTexts(value, found);
	}
}

describe('component markup', () => {
	it('finds the components', () => {
		expect(Object.keys(components).length).toBeGreaterThan(50);
	});

	for (const [path, source] of Object.entries(components)) {
		it(`${path.replace('/src/', '')} writes no user-facing text outside the catalogues`, () => {
			const ast = parse(source, { modern: true });
			const found: string[] = [];
			literalTexts(ast.fragment, found);
			expect(found).toEqual([]);
		});
	}
});
