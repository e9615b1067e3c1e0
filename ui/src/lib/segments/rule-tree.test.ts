import { describe, expect, it } from 'vitest';
import type { Group, SegmentChoices } from '$lib/bindings';
import { createRule, fieldOps, ruleKinds } from './rule-kinds';
import {
	addNode,
	depthOf,
	emptyGroup,
	fromRules,
	idAtPath,
	parseRuleProblem,
	removeNode,
	replaceNode,
	ruleCount,
	toRules,
	typedNumber
} from './rule-tree';

const choices: SegmentChoices = {
	tags: ['speaker'],
	platforms: ['instagram', 'x'],
	levels: [1, 2, 3].map((rank) => ({ id: `l${rank}`, rank, key: `k${rank}`, labelEn: `L${rank}`, labelJa: `L${rank}`, minScore: rank * 10 })),
	activityTypes: [{ key: 'comment', labelEn: 'Comment', labelJa: 'コメント' }],
	events: [],
	campaigns: [],
	traits: []
};

describe('the rule tree being edited', () => {
	it('adds, nests and removes rules and serialises to the core JSON without editor ids', () => {
		const root = emptyGroup();
		addNode(root, root.id, createRule('level', choices));
		const nested = emptyGroup('or');
		addNode(root, root.id, nested);
		addNode(root, nested.id, createRule('platform', choices));
		const tag = createRule('tag', choices);
		addNode(root, nested.id, tag);

		expect(ruleCount(root)).toBe(3);
		expect(depthOf(root, tag.id)).toBe(3);
		expect(toRules(root)).toEqual({
			op: 'and',
			rules: [
				{ kind: 'level', op: 'gte', rank: 2 },
				{
					kind: 'group',
					op: 'or',
					rules: [
						{ kind: 'platform', platform: 'instagram', minFollowers: null, minTier: null },
						{ kind: 'tag', op: 'has', name: 'speaker' }
					]
				}
			]
		});

		expect(removeNode(root, tag.id)).toBe(true);
		expect(removeNode(root, tag.id)).toBe(false);
		expect(removeNode(root, nested.id)).toBe(true);
		expect(JSON.stringify(toRules(root))).toBe('{"op":"and","rules":[{"kind":"level","op":"gte","rank":2}]}');
	});

	it('round-trips a saved tree and replaces a rule when its kind changes', () => {
		const saved: Group = {
			op: 'or',
			rules: [
				{ kind: 'field', field: 'country', op: 'equals', value: 'JP', value2: null },
				{ kind: 'group', op: 'and', rules: [{ kind: 'score', op: 'gte', value: 12.5 }] }
			]
		};
		const draft = fromRules(saved);
		expect(toRules(draft)).toEqual(saved);

		const first = draft.rules[0];
		if (!first) throw new Error('missing rule');
		replaceNode(draft, { ...createRule('campaign', choices), id: first.id });
		expect(toRules(draft).rules[0]).toEqual({ kind: 'campaign', campaignId: null });
		expect(draft.rules[0]?.id).toBe(first.id);
	});

	it('maps the core rule path in an error to the rule it names', () => {
		const draft = fromRules({
			op: 'and',
			rules: [
				{ kind: 'tag', op: 'has', name: 'x' },
				{ kind: 'group', op: 'or', rules: [{ kind: 'score', op: 'gte', value: 1 }] }
			]
		});
		const problem = parseRuleProblem('rule 2.1: got the text "abc", expected a number');
		expect(problem).toEqual({ path: [2, 1], message: 'got the text "abc", expected a number' });
		const nested = draft.rules[1];
		expect(nested?.kind === 'group' && idAtPath(draft, problem.path) === nested.rules[0]?.id).toBe(true);
		expect(parseRuleProblem('the rule tree: the group has no rules')).toEqual({ path: [], message: 'the group has no rules' });
		expect(idAtPath(draft, [])).toBe(draft.id);
		expect(idAtPath(draft, [3])).toBeNull();
		expect(idAtPath(draft, [1, 1])).toBeNull();
	});

	it('keeps text that is not a number so the core can say what is wrong', () => {
		expect(typedNumber('42')).toBe(42);
		expect(typedNumber(' 2.5 ')).toBe(2.5);
		expect(typedNumber('abc')).toBe('abc');
		expect(typedNumber('')).toBe('');
	});

	it('offers every rule kind with a valid starting rule and the field operators the core allows', () => {
		for (const { kind } of ruleKinds) expect(createRule(kind, choices).kind).toBe(kind);
		expect(fieldOps('joinedAt')).toContain('between');
		expect(fieldOps('city')).not.toContain('between');
		expect(fieldOps('city')).toContain('contains');
	});
});
