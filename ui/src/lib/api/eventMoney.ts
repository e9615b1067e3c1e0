// Typed wrappers for an event's budget, outcome, feedback and suggestion commands
// (src-tauri/src/commands/budget.rs).
import type {
	BudgetLine,
	BudgetLineInput,
	BudgetSummary,
	EventEffect,
	EventOutcome,
	Feedback,
	FeedbackCsvCheck,
	FeedbackInput,
	RankedSuggestion,
	SuggestionKind
} from '$lib/bindings';
import { call } from './call';
import type { ChartLanguage, ChartTheme } from './commands';

/** An event's budget lines, costs first. */
export function budgetLines(eventId: string): Promise<BudgetLine[]> {
	return call('budget_lines', { eventId });
}

/** Adds a line (amounts as typed, parsed by the core); resolves to its id. */
export function addBudgetLine(eventId: string, input: BudgetLineInput): Promise<string> {
	return call('add_budget_line', { eventId, input });
}

/** Replaces a line's fields. */
export function updateBudgetLine(lineId: string, input: BudgetLineInput): Promise<void> {
	return call('update_budget_line', { lineId, input });
}

/** Deletes a line. */
export function deleteBudgetLine(lineId: string): Promise<void> {
	return call('delete_budget_line', { lineId });
}

/** Totals, variance per category and cost per head. */
export function budgetSummary(eventId: string): Promise<BudgetSummary> {
	return call('budget_summary', { eventId });
}

/** The planned-vs-actual chart as an `<svg>` string. */
export function budgetChart(eventId: string, theme: ChartTheme, lang: ChartLanguage): Promise<string> {
	return call('budget_chart', { eventId, theme, lang });
}

/** Turnout, first-time attendees and ratings. */
export function eventOutcome(eventId: string): Promise<EventOutcome> {
	return call('event_outcome', { eventId });
}

/** Attendees' activity after vs before, against members of the same level. */
export function eventEffect(eventId: string): Promise<EventEffect> {
	return call('event_effect', { eventId });
}

/** The event's feedback. */
export function eventFeedback(eventId: string): Promise<Feedback[]> {
	return call('event_feedback', { eventId });
}

/** Records feedback typed in by hand; resolves to its id. */
export function addFeedback(eventId: string, input: FeedbackInput): Promise<string> {
	return call('add_feedback', { eventId, input });
}

/** Deletes a piece of feedback. */
export function deleteFeedback(feedbackId: string): Promise<void> {
	return call('delete_feedback', { feedbackId });
}

/** Reads a feedback CSV and reports its rows and every bad row, importing nothing. */
export function checkFeedbackCsv(eventId: string, path: string): Promise<FeedbackCsvCheck> {
	return call('check_feedback_csv', { eventId, path });
}

/** Imports every row of a feedback CSV, or none; resolves to how many. */
export function importFeedbackCsv(eventId: string, path: string): Promise<number> {
	return call('import_feedback_csv', { eventId, path });
}

/** The suggestion list, ranked; ties share a place. */
export function rankedSuggestions(eventId: string): Promise<RankedSuggestion[]> {
	return call('ranked_suggestions', { eventId });
}

/** Proposes a topic, venue or date, on behalf of a member or nobody; resolves to its id. */
export function proposeSuggestion(
	eventId: string,
	kind: SuggestionKind,
	text: string,
	memberId: string | null
): Promise<string> {
	return call('propose_suggestion', { eventId, kind, text, memberId });
}

/** Records a member's vote for an option. */
export function voteSuggestion(suggestionId: string, memberId: string): Promise<void> {
	return call('vote_suggestion', { suggestionId, memberId });
}

/** Takes back a member's vote for an option. */
export function unvoteSuggestion(suggestionId: string, memberId: string): Promise<void> {
	return call('unvote_suggestion', { suggestionId, memberId });
}
