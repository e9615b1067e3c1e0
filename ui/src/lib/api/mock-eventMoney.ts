// DEV AID ONLY — fake answers for an event's budget, outcome, feedback and suggestion commands
// (`?mock`), kept in memory so adding, editing and voting can be tried out.
import type { BudgetLine, BudgetLineInput, BudgetSummary, CategoryTotals, Feedback, RankedSuggestion } from '$lib/bindings';

type Args = Record<string, unknown>;
const day = 86_400_000;
let nextId = 1;
const lines: BudgetLine[] = [
	line('cost', 'venue', 120_000, 118_000, 'Shibuya Hall'),
	line('cost', 'catering', 30_000, null, 'Bento Ya'),
	line('income', 'sponsorship', 50_000, 50_000, 'Ferris Inc.')
];
const feedback: Feedback[] = [
	{ id: 'f1', eventId: 'e', memberId: null, memberName: null, rating: 5, comment: 'Great talks!', submittedAt: Date.now() - day, source: 'manual' },
	{ id: 'f2', eventId: 'e', memberId: null, memberName: null, rating: 4, comment: null, submittedAt: Date.now() - day, source: 'csv' }
];
const suggestions: Array<RankedSuggestion & { voters: Set<string> }> = [];

function line(kind: BudgetLine['kind'], category: BudgetLine['category'], planned: number, actual: number | null, vendor: string): BudgetLine {
	return { id: `l${nextId++}`, eventId: 'e', kind, category, plannedMinor: planned, actualMinor: actual, currency: 'JPY', vendor, paidAt: null, notes: null, createdAt: Date.now() };
}

function parse(text: string): number {
	const digits = text.trim().replace(/^[¥￥]|円$/g, '');
	if (!/^\d{1,3}(,\d{3})*$|^\d+$/.test(digits)) {
		throw { code: 'invalidInput', message: `"${text.trim()}" has a comma in the wrong place: commas separate groups of three digits, e.g. ¥1,250` };
	}
	return Number(digits.replaceAll(',', ''));
}

function fromInput(input: BudgetLineInput, id: string): BudgetLine {
	const actual = input.actual?.trim() ? parse(input.actual) : null;
	return { ...line(input.kind, input.category, parse(input.planned), actual, input.vendor ?? ''), id, paidAt: input.paidAt, notes: input.notes };
}

function summary(): BudgetSummary {
	const totals = new Map<string, CategoryTotals>();
	for (const l of lines) {
		const t = totals.get(l.category) ?? { category: l.category, kind: l.kind, plannedMinor: 0, actualMinor: 0, varianceMinor: 0, lines: 0, unpaidLines: 0 };
		t.plannedMinor += l.plannedMinor;
		t.actualMinor += l.actualMinor ?? 0;
		t.varianceMinor = t.actualMinor - t.plannedMinor;
		t.lines += 1;
		t.unpaidLines += l.actualMinor === null ? 1 : 0;
		totals.set(l.category, t);
	}
	const categories = [...totals.values()];
	const sum = (kind: string, key: 'plannedMinor' | 'actualMinor') =>
		categories.filter((c) => c.kind === kind).reduce((s, c) => s + c[key], 0);
	const expected = lines.filter((l) => l.kind === 'cost').reduce((s, l) => s + (l.actualMinor ?? l.plannedMinor), 0);
	const costs = categories.filter((c) => c.kind === 'cost');
	return {
		eventId: 'e', currency: 'JPY', minorDigits: 0,
		costPlannedMinor: sum('cost', 'plannedMinor'), costActualMinor: sum('cost', 'actualMinor'),
		incomePlannedMinor: sum('income', 'plannedMinor'), incomeActualMinor: sum('income', 'actualMinor'),
		netPlannedMinor: sum('income', 'plannedMinor') - sum('cost', 'plannedMinor'),
		netActualMinor: sum('income', 'actualMinor') - sum('cost', 'actualMinor'),
		costExpectedMinor: expected, registrationTicketIncomeMinor: 0, registrationsOtherCurrency: 0, categories,
		chart: { categories: costs.map((c) => c.category), plannedMinor: costs.map((c) => c.plannedMinor), actualMinor: costs.map((c) => c.actualMinor) },
		registered: 40, attended: 31, newlyEngaged: 6,
		costPerRegisteredMinor: Math.round(expected / 40), costPerAttendedMinor: Math.round(expected / 31), costPerNewlyEngagedMinor: Math.round(expected / 6)
	};
}

function ranked(): RankedSuggestion[] {
	const sorted = [...suggestions].sort((a, b) => b.voters.size - a.voters.size || a.proposedAt - b.proposedAt);
	return sorted.map(({ voters, ...s }) => ({
		...s,
		votes: voters.size,
		rank: 1 + sorted.filter((o) => o.voters.size > voters.size).length
	}));
}

/** The fake answer to `command`, or undefined when it is not one of these. */
export function answerEventMoney(command: string, args: Args): { answer: unknown } | undefined {
	const input = args.input as BudgetLineInput;
	switch (command) {
		case 'budget_lines': return { answer: [...lines].sort((a, b) => a.kind.localeCompare(b.kind)) };
		case 'add_budget_line': { const l = fromInput(input, `l${nextId++}`); lines.push(l); return { answer: l.id }; }
		case 'update_budget_line': { const i = lines.findIndex((l) => l.id === args.lineId); lines[i] = fromInput(input, String(args.lineId)); return { answer: null }; }
		case 'delete_budget_line': lines.splice(lines.findIndex((l) => l.id === args.lineId), 1); return { answer: null };
		case 'budget_summary': return { answer: summary() };
		case 'budget_chart': return { answer: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 720 200"><text x="20" y="100">chart (mock)</text></svg>' };
		case 'event_outcome': {
			const counts: [number, number, number, number, number] = [0, 0, 0, 0, 0];
			for (const f of feedback) counts[f.rating - 1] = (counts[f.rating - 1] ?? 0) + 1;
			const total = feedback.reduce((s, f) => s + f.rating, 0);
			return { answer: { eventId: 'e', registered: 40, attended: 31, noShow: 9, attendanceRate: 31 / 40, noShowRate: 9 / 40,
				firstTimers: [{ id: 'm1', displayName: '佐藤 陽菜' }, { id: 'm2', displayName: 'Emma Wilson' }],
				feedbackCount: feedback.length, averageRating: feedback.length ? total / feedback.length : null, ratingCounts: counts } };
		}
		case 'event_effect':
			return { answer: { eventId: 'e', windowDays: 60, complete: false, attendees: 29, comparisonMembers: 410, attendeeBefore: 3.1, attendeeAfter: 5.4, comparisonBefore: 2.8, comparisonAfter: 3.0, effect: 2.1, levels: [] } };
		case 'event_feedback': return { answer: feedback };
		case 'add_feedback': {
			const f = args.input as { rating: number; comment: string | null };
			feedback.unshift({ id: `f${nextId++}`, eventId: 'e', memberId: null, memberName: null, rating: f.rating, comment: f.comment, submittedAt: Date.now(), source: 'manual' });
			return { answer: 'f' };
		}
		case 'delete_feedback': feedback.splice(feedback.findIndex((f) => f.id === args.feedbackId), 1); return { answer: null };
		case 'ranked_suggestions': return { answer: ranked() };
		case 'propose_suggestion': {
			const text = String(args.text).trim();
			if (!text) throw { code: 'invalidInput', message: 'a suggestion needs some text' };
			suggestions.push({ id: `s${nextId++}`, kind: args.kind as RankedSuggestion['kind'], text, proposedBy: null, proposedByName: null, proposedAt: Date.now(), votes: 0, rank: 0, voters: new Set() });
			return { answer: 's' };
		}
		case 'vote_suggestion': suggestions.find((s) => s.id === args.suggestionId)?.voters.add(String(args.memberId)); return { answer: null };
		case 'unvote_suggestion': suggestions.find((s) => s.id === args.suggestionId)?.voters.delete(String(args.memberId)); return { answer: null };
		default: return undefined;
	}
}
