// The rule tree as the builder edits it: the core's Group/Node types with a local `id` on every
// node (for keyed lists and for showing an error under the right rule), plus pure edits and
// the conversion to and from the core's JSON (docs/segments.md).
import type { Group, GroupOp, Node } from '$lib/bindings';

/** A rule kind other than a group. */
export type RuleNode = Exclude<Node, { kind: 'group' }>;
/** The kinds a rule can have (group excluded). */
export type RuleKindName = RuleNode['kind'];

/** A rule being edited. */
export type DraftRule = RuleNode & { id: number };
/** A group being edited. */
export interface DraftGroup {
	id: number;
	kind: 'group';
	op: GroupOp;
	rules: DraftNode[];
}
/** Any node being edited. */
export type DraftNode = DraftGroup | DraftRule;

let nextId = 1;
/** A fresh id for a node in the editor. */
export function newId(): number {
	return nextId++;
}

/** An empty group (AND by default). */
export function emptyGroup(op: GroupOp = 'and'): DraftGroup {
	return { id: newId(), kind: 'group', op, rules: [] };
}

/** A draft copy of a rule tree from the core, each node with its own id. */
export function fromRules(group: Group): DraftGroup {
	return {
		id: newId(),
		kind: 'group',
		op: group.op,
		rules: group.rules.map((node) =>
			node.kind === 'group' ? fromRules(node) : ({ ...node, id: newId() } as DraftRule)
		)
	};
}

/** The core's JSON for a draft tree: ids removed, nothing else changed. */
export function toRules(group: DraftGroup): Group {
	return {
		op: group.op,
		rules: group.rules.map((node): Node => {
			if (node.kind === 'group') return { kind: 'group', ...toRules(node) };
			const { id: _id, ...rule } = node;
			return rule as Node;
		})
	};
}

/** The group with id `id` in `root`, or null. */
export function findGroup(root: DraftGroup, id: number): DraftGroup | null {
	if (root.id === id) return root;
	for (const node of root.rules) {
		if (node.kind === 'group') {
			const found = findGroup(node, id);
			if (found) return found;
		}
	}
	return null;
}

/** Adds `node` at the end of group `groupId`; returns whether the group was found. */
export function addNode(root: DraftGroup, groupId: number, node: DraftNode): boolean {
	const group = findGroup(root, groupId);
	if (!group) return false;
	group.rules.push(node);
	return true;
}

/** Removes the node with id `id` anywhere below `root`; returns whether it was there. */
export function removeNode(root: DraftGroup, id: number): boolean {
	const index = root.rules.findIndex((node) => node.id === id);
	if (index >= 0) {
		root.rules.splice(index, 1);
		return true;
	}
	return root.rules.some((node) => node.kind === 'group' && removeNode(node, id));
}

/** Replaces the node with id `rule.id` by `rule` (e.g. after its kind changed). */
export function replaceNode(root: DraftGroup, rule: DraftNode): boolean {
	const index = root.rules.findIndex((node) => node.id === rule.id);
	if (index >= 0) {
		root.rules[index] = rule;
		return true;
	}
	return root.rules.some((node) => node.kind === 'group' && replaceNode(node, rule));
}

/** How many rules (not groups) the tree holds. */
export function ruleCount(root: DraftGroup): number {
	return root.rules.reduce((n, node) => n + (node.kind === 'group' ? ruleCount(node) : 1), 0);
}

/** How many groups deep `id` sits (the root group is 1), or null when absent. */
export function depthOf(root: DraftGroup, id: number, depth = 1): number | null {
	if (root.id === id) return depth;
	for (const node of root.rules) {
		if (node.id === id) return depth + 1;
		if (node.kind === 'group') {
			const found = depthOf(node, id, depth + 1);
			if (found !== null) return found;
		}
	}
	return null;
}

/** Where the core says a rule went wrong, read from "rule 2.1: …"; the root is `[]`. */
export interface RuleProblem {
	path: number[];
	message: string;
}

/** Splits an `InvalidInput` message into the rule path (1-based) and what is wrong. */
export function parseRuleProblem(message: string): RuleProblem {
	const match = /^rule (\d+(?:\.\d+)*): ([\s\S]*)$/.exec(message);
	if (match) return { path: (match[1] ?? '').split('.').map(Number), message: match[2] ?? '' };
	const root = /^the rule tree: ([\s\S]*)$/.exec(message);
	return { path: [], message: root ? (root[1] ?? message) : message };
}

/** The id of the node at a 1-based `path` below `root` (`[]` is the root), or null. */
export function idAtPath(root: DraftGroup, path: readonly number[]): number | null {
	let node: DraftNode = root;
	for (const position of path) {
		if (node.kind !== 'group') return null;
		const child: DraftNode | undefined = node.rules[position - 1];
		if (!child) return null;
		node = child;
	}
	return node.id;
}

/**
 * A number typed into a rule's input. Text that is not a number is passed on as it was typed,
 * so the core refuses it with the rule's path and the specific problem shown under the rule.
 */
export function typedNumber(text: string): number {
	const trimmed = text.trim();
	const value = trimmed === '' ? Number.NaN : Number(trimmed);
	return (Number.isFinite(value) ? value : text) as number;
}

/** Like `typedNumber`, but an empty input means "not set". */
export function optionalNumber(text: string): number | null {
	return text.trim() === '' ? null : typedNumber(text);
}
