// DEV AID ONLY — fake Segments commands for mock.ts (`?mock`): counts are made up from the rule
// tree (stable for the same tree), a non-number score or count is refused like the core does,
// and saved segments live in memory until reload.
import type { Group, MemberPage, Node, SavedSegment, SegmentChoices, SegmentSummary } from '$lib/bindings';

type ListMembers = (search: string, offset: number, limit: number) => MemberPage;

const saved = new Map<string, SavedSegment>();
let nextId = 1;

const choices: SegmentChoices = {
	tags: ['beta tester', 'early adopter', 'organiser', 'Osaka', 'speaker', 'Tokyo', 'volunteer'],
	platforms: ['discord', 'github', 'instagram', 'line', 'tiktok', 'x', 'youtube'],
	levels: [
		['newcomer', 'Newcomer', 'ニューカマー', 0],
		['participant', 'Participant', '参加者', 10],
		['contributor', 'Contributor', 'コントリビューター', 40],
		['champion', 'Champion', 'チャンピオン', 120]
	].map(([key, labelEn, labelJa, minScore], i) => ({
		id: `level-${i}`,
		rank: i + 1,
		key: String(key),
		labelEn: String(labelEn),
		labelJa: String(labelJa),
		minScore: Number(minScore)
	})),
	activityTypes: [
		{ key: 'comment', labelEn: 'Commented', labelJa: 'コメント' },
		{ key: 'event_attended', labelEn: 'Attended an event', labelJa: 'イベントに参加' },
		{ key: 'post', labelEn: 'Posted', labelJa: '投稿' }
	],
	events: [{ id: 'event-0', name: 'Tokyo Rust Meetup #42', startsAt: Date.now() - 20 * 86_400_000 }],
	campaigns: [{ id: 'campaign-0', name: 'Spring latte-art challenge', startsAt: Date.now() - 40 * 86_400_000 }],
	traits: [
		{ dimension: 'psychographic', key: 'interest', value: 'espresso', members: 320 },
		{ dimension: 'psychographic', key: 'interest', value: 'latte art', members: 210 },
		{ dimension: 'technology', key: 'device', value: 'iphone', members: 540 }
	]
};

/** Refuses what the core would: empty groups and numbers that are not numbers. */
function check(group: Group, path: number[] = []): void {
	const where = path.length ? `rule ${path.join('.')}` : 'the rule tree';
	if (group.rules.length === 0) throw { code: 'invalidInput', message: `${where}: the group has no rules` };
	group.rules.forEach((node: Node, i) => {
		const here = `rule ${[...path, i + 1].join('.')}`;
		if (node.kind === 'group') return check(node, [...path, i + 1]);
		const numbers = Object.entries(node).filter(([key]) => ['value', 'minCount', 'withinDays', 'minFollowers'].includes(key));
		for (const [key, value] of numbers) {
			if (node.kind !== 'field' && typeof value === 'string') {
				throw { code: 'invalidInput', message: `${here}: invalid type: string "${value}", expected a number for ${key}` };
			}
		}
	});
}

function fakeCount(rules: Group): number {
	check(rules);
	let hash = 7;
	for (const c of JSON.stringify(rules)) hash = (hash * 31 + c.charCodeAt(0)) % 1_000_003;
	return 120 + (hash % 9_000);
}

function summary(segment: SavedSegment): SegmentSummary {
	return {
		id: segment.id,
		name: segment.name,
		count: fakeCount(segment.rules),
		problem: null,
		problemDetail: null,
		updatedAt: segment.updatedAt
	};
}

function checkName(name: unknown, except?: string): string {
	const trimmed = String(name ?? '').trim();
	if (!trimmed) throw { code: 'invalidInput', message: 'a segment needs a name' };
	for (const other of saved.values()) {
		if (other.id !== except && other.name.toLowerCase() === trimmed.toLowerCase()) {
			throw { code: 'invalidInput', message: `there is already a segment named "${trimmed}"` };
		}
	}
	return trimmed;
}

function existing(id: unknown): SavedSegment {
	const segment = saved.get(String(id));
	if (!segment) throw { code: 'notFound', message: `no segment with id ${String(id)}` };
	return segment;
}

/** The Segments commands, answered from memory; members come from the mock member list. */
export function segmentsMockCommands(listMembers: ListMembers): Record<string, (args: Record<string, unknown>) => unknown> {
	return {
		list_segments: () => [...saved.values()].sort((a, b) => a.name.localeCompare(b.name)).map(summary),
		get_segment: (args) => existing(args.id),
		create_segment: (args) => {
			const name = checkName(args.name);
			fakeCount(args.rules as Group);
			const now = Date.now();
			const segment = { id: `segment-${nextId++}`, name, rules: args.rules as Group, createdAt: now, updatedAt: now };
			saved.set(segment.id, segment);
			return segment;
		},
		update_segment: (args) => {
			const segment = existing(args.id);
			if (args.name !== null && args.name !== undefined) segment.name = checkName(args.name, segment.id);
			if (args.rules) {
				fakeCount(args.rules as Group);
				segment.rules = args.rules as Group;
			}
			segment.updatedAt = Date.now();
			return segment;
		},
		delete_segment: (args) => void saved.delete(existing(args.id).id),
		count_segment_rules: (args) => fakeCount(args.rules as Group),
		segment_members: (args) => {
			const total = fakeCount(args.rules as Group);
			const page = listMembers('', Number(args.offset), Math.min(Number(args.limit), total));
			return { ...page, total };
		},
		export_segment_csv: (args) => fakeCount(args.rules as Group),
		segment_choices: () => choices
	};
}
