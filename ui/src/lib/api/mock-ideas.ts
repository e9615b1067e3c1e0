// DEV AID ONLY — fake Ideas commands for mock.ts (`?mock`): a few ideas in memory (lost on
// reload) with the core's main refusals (empty title, a second vote, a move the workflow forbids).
import type { BulkPreview, Contributor, IdeaDetail, IdeaRow, IdeaStatus } from '$lib/bindings';

type Handler = (args: Record<string, unknown>) => unknown;

const day = 86_400_000;
const now = Date.now();
let next = 1;
const moves: Record<IdeaStatus, IdeaStatus[]> = {
	new: ['reviewing', 'declined'],
	reviewing: ['planned', 'declined', 'new'],
	planned: ['shipped', 'declined', 'reviewing'],
	shipped: [],
	declined: ['reviewing']
};

function invalid(message: string): never {
	throw { code: 'invalidInput', message };
}

function row(id: string, title: string, status: IdeaStatus, author: [string, string] | null, ago: number): IdeaRow {
	return { id, title, body: null, authorId: author?.[0] ?? null, authorName: author?.[1] ?? null, source: 'manual', activityId: null, status, topic: null, createdAt: now - ago * day, votes: 0, weightedVotes: 0, mergedInto: null };
}

const ideas = new Map<string, IdeaDetail>();
const voterNames = new Map<string, string>();
for (const [idea, voters] of [
	[row('i1', 'Decaf version of the Spring Blend', 'shipped', ['m1', '佐藤 陽菜'], 40), ['m1', 'm2', 'm3']],
	[row('i2', 'Refill pouches instead of tins', 'planned', ['m2', 'Emma Wilson'], 20), ['m2']],
	[row('i3', '抹茶ラテの粉末スティック', 'new', null, 3), []]
] as const) {
	ideas.set(idea.id, { idea: { ...idea, votes: voters.length, weightedVotes: voters.length * 2 }, history: [{ status: idea.status, at: idea.createdAt }], voterIds: [...voters], comments: [], merged: [] });
}
for (const [id, name] of [['m1', '佐藤 陽菜'], ['m2', 'Emma Wilson'], ['m3', '鈴木 蓮']] as const) voterNames.set(id, name);

function get(id: unknown): IdeaDetail {
	return ideas.get(String(id)) ?? invalid(`"${String(id)}" is not an idea of this community`);
}

function contributors(d: IdeaDetail): Contributor[] {
	const roles = new Map<string, string[]>();
	const add = (id: string | null, role: string) => id && roles.set(id, [...(roles.get(id) ?? []).filter((r) => r !== role), role]);
	add(d.idea.authorId, 'author');
	for (const c of d.comments) add(c.memberId, 'commenter');
	for (const v of d.voterIds) add(v, 'voter');
	return [...roles].map(([memberId, r]) => ({ memberId, name: voterNames.get(memberId) ?? memberId, email: null, roles: r }));
}

function preview(args: Record<string, unknown>): BulkPreview {
	const d = get(args.ideaId);
	const ids = args.who === 'voters' ? d.voterIds : contributors(d).map((c) => c.memberId);
	const rows = ids.map((memberId, i) => ({ memberId, memberName: voterNames.get(memberId) ?? memberId, score: 80 - i * 10, outcome: i === 2 ? ('not_eligible' as const) : ('gets' as const), reason: i === 2 ? 'below level 3 (wave 1)' : null }));
	const gets = rows.filter((r) => r.outcome === 'gets').length;
	return { perkId: String(args.perkId), rows, gets, notEligible: rows.length - gets, alreadyHas: 0, outOfStock: 0 };
}

/** The fake Ideas commands, by name; `memberName` names a mock member. */
export function ideasMockCommands(memberName: (id: string) => string): Record<string, Handler> {
	return {
		list_ideas: ({ status, sort }) =>
			[...ideas.values()]
				.map((d) => d.idea)
				.filter((i) => !i.mergedInto && (!status || i.status === status))
				.sort((a, b) => (sort === 'votes' ? b.votes - a.votes : sort === 'weighted_votes' ? b.weightedVotes - a.weightedVotes : 0) || b.createdAt - a.createdAt),
		idea_detail: ({ id }) => get(id),
		create_idea: ({ input }) => {
			const given = input as { title: string; body: string | null; authorId: string | null };
			if (!given.title.trim()) invalid('an idea needs a title');
			const id = `i-new-${next++}`;
			const author: [string, string] | null = given.authorId ? [given.authorId, memberName(given.authorId)] : null;
			if (author) voterNames.set(author[0], author[1]);
			ideas.set(id, { idea: { ...row(id, given.title.trim(), 'new', author, 0), body: given.body }, history: [{ status: 'new', at: Date.now() }], voterIds: [], comments: [], merged: [] });
			return id;
		},
		set_idea_status: ({ id, status }) => {
			const d = get(id);
			const to = status as IdeaStatus;
			if (!moves[d.idea.status].includes(to)) invalid(`an idea that is ${d.idea.status} cannot move to ${to}`);
			d.idea.status = to;
			d.history.push({ status: to, at: Date.now() });
		},
		vote_idea: ({ id, memberId }) => {
			const d = get(id);
			const member = String(memberId);
			if (d.voterIds.includes(member)) invalid(`${memberName(member)} already voted on this idea`);
			voterNames.set(member, memberName(member));
			d.voterIds.push(member);
			d.idea.votes += 1;
			d.idea.weightedVotes += 2;
			return `vote-${next++}`;
		},
		unvote_idea: ({ id, memberId }) => {
			const d = get(id);
			d.voterIds = d.voterIds.filter((v) => v !== memberId);
			d.idea.votes = d.voterIds.length;
			d.idea.weightedVotes = d.voterIds.length * 2;
		},
		comment_idea: ({ id, memberId, body }) => {
			const d = get(id);
			if (!String(body).trim()) invalid('a comment needs some text');
			const member = memberId ? String(memberId) : null;
			if (member) voterNames.set(member, memberName(member));
			d.comments.push({ id: `c${next++}`, memberId: member, memberName: member ? memberName(member) : null, body: String(body).trim(), originIdeaId: d.idea.id, createdAt: Date.now() });
		},
		merge_idea: ({ kept, merged }) => {
			const k = get(kept);
			const m = get(merged);
			if (k === m) invalid('an idea cannot be merged into itself');
			m.idea.mergedInto = k.idea.id;
			k.merged.push(m.idea);
			k.voterIds = [...new Set([...k.voterIds, ...m.voterIds])];
			k.idea.votes = k.voterIds.length;
			k.idea.weightedVotes = k.voterIds.length * 2;
		},
		unmerge_idea: ({ merged }) => {
			const m = get(merged);
			const k = get(m.idea.mergedInto);
			m.idea.mergedInto = null;
			k.merged = k.merged.filter((i) => i.id !== m.idea.id);
			return k.idea.id;
		},
		idea_contributors: ({ id }) => contributors(get(id)),
		export_idea_contributors: ({ id }) => contributors(get(id)).length,
		import_ideas_csv_file: () => invalid('line 3: an idea needs a title'),
		preview_idea_perk_grant: preview,
		grant_idea_perk: preview
	};
}
