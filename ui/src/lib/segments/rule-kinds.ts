// The rule kinds the builder offers, in picker order, each with the rule a new one starts as.
// Adding a kind: add its entry here, its editor component to rule-editors.ts, and its
// `segments.kinds.<kind>` label in both languages; the tree code needs no change (`trait` was
// added this way).
import type { FieldOp, MemberField, SegmentChoices } from '$lib/bindings';
import { newId, type DraftRule, type RuleKindName } from './rule-tree';

/** How one kind of rule starts when added. */
export interface RuleKind {
	kind: RuleKindName;
	/** A new rule of this kind, preset from the community's choices where that helps. */
	create(choices: SegmentChoices): DraftRule;
}

/** Text fields, then the number and date fields, as the field picker lists them. */
export const memberFields: readonly MemberField[] = [
	'displayName',
	'email',
	'country',
	'city',
	'locale',
	'source',
	'birthYear',
	'joinedAt'
];

const textOps: readonly FieldOp[] = ['equals', 'notEquals', 'contains', 'startsWith', 'isEmpty', 'isNotEmpty'];
const orderedOps: readonly FieldOp[] = ['equals', 'notEquals', 'lt', 'lte', 'gt', 'gte', 'between'];

/** The operators a field allows (the core refuses the others). */
export function fieldOps(field: MemberField): readonly FieldOp[] {
	return field === 'birthYear' || field === 'joinedAt' ? orderedOps : textOps;
}

/** Whether an operator takes no value (`isEmpty`, `isNotEmpty`). */
export function takesNoValue(op: FieldOp): boolean {
	return op === 'isEmpty' || op === 'isNotEmpty';
}

/** Every kind in picker order. */
export const ruleKinds: readonly RuleKind[] = [
	{
		kind: 'field',
		create: () => ({ id: newId(), kind: 'field', field: 'country', op: 'isNotEmpty', value: null, value2: null })
	},
	{
		kind: 'tag',
		create: (choices) => ({ id: newId(), kind: 'tag', op: 'has', name: choices.tags[0] ?? '' })
	},
	{
		kind: 'trait',
		create: (choices) => ({
			id: newId(),
			kind: 'trait',
			dimension: choices.traits[0]?.dimension ?? 'psychographic',
			key: choices.traits[0]?.key ?? '',
			op: 'exists',
			value: null
		})
	},
	{
		kind: 'platform',
		create: (choices) => ({
			id: newId(),
			kind: 'platform',
			platform: choices.platforms[0] ?? null,
			minFollowers: null,
			minTier: null
		})
	},
	{
		kind: 'level',
		create: (choices) => ({
			id: newId(),
			kind: 'level',
			op: 'gte',
			rank: Math.min(2, choices.levels.length || 1)
		})
	},
	{ kind: 'score', create: () => ({ id: newId(), kind: 'score', op: 'gte', value: 10 }) },
	{
		kind: 'activity',
		create: () => ({
			id: newId(),
			kind: 'activity',
			activityType: null,
			minCount: 1,
			withinDays: 30,
			from: null,
			to: null,
			platform: null
		})
	},
	{
		kind: 'eventAttendance',
		create: () => ({ id: newId(), kind: 'eventAttendance', minCount: 1, eventId: null, withinDays: null })
	},
	{ kind: 'campaign', create: () => ({ id: newId(), kind: 'campaign', campaignId: null }) }
];

/** A new rule of `kind`. */
export function createRule(kind: RuleKindName, choices: SegmentChoices): DraftRule {
	const entry = ruleKinds.find((k) => k.kind === kind) ?? ruleKinds[0];
	if (!entry) throw new Error('no rule kinds');
	return entry.create(choices);
}
