// Typed wrappers for the Tauri commands the Rust side registers (see src-tauri/src/commands/).
// Larger screens keep their wrappers in their own module beside this one (e.g. segments.ts).
import type {
	CommunityInfo,
	DashboardSummary,
	DuplicateSuggestion,
	InsightChart,
	LevelCount,
	MemberDetail,
	MemberPage,
	ScoreExplanation
} from '$lib/bindings';
import { call } from './call';

export { CommandError } from './command-error';

/** Colour scheme the activity chart is drawn for. */
export type ChartTheme = 'light' | 'dark';
/** Languages the Rust side can label charts in. */
export type ChartLanguage = 'en' | 'ja';

/** Whether this page runs in Kizuna's window (Tauri injects its IPC bridge before any script). */
export function insideKizunaApp(): boolean {
	return typeof window !== 'undefined' && '__TAURI_INTERNALS__' in window;
}


/** Opens the community used last; on first run the Rust side creates and opens the sample. */
export function openCommunity(): Promise<CommunityInfo> {
	return call('open_community');
}

/** Switches to the sample community with made-up members. */
export function openSampleCommunity(): Promise<CommunityInfo> {
	return call('open_sample_community');
}

/** Creates a new, empty community with the given name and switches to it. */
export function createEmptyCommunity(name: string): Promise<CommunityInfo> {
	return call('create_empty_community', { name });
}

/** Headline numbers and the next events for the dashboard. */
export function dashboardSummary(): Promise<DashboardSummary> {
	return call('dashboard_summary');
}

/** The activity-per-month chart as an `<svg>` string, drawn for a colour scheme and language. */
export function activityChart(theme: ChartTheme, lang: ChartLanguage): Promise<string> {
	return call('activity_chart', { theme, lang });
}

/** One of the engagement insight charts as an `<svg>` string, drawn for a colour scheme and language. */
export function insightChart(chart: InsightChart, theme: ChartTheme, lang: ChartLanguage): Promise<string> {
	return call('insight_chart', { chart, theme, lang });
}

/** One page of members matching a search over name, kana reading, email and handle. */
export function listMembers(search: string, offset: number, limit: number): Promise<MemberPage> {
	return call('list_members', { search, offset, limit });
}

/** Everything known about one member: profile, identities, tags and activity timeline. */
export function memberDetail(id: string): Promise<MemberDetail> {
	return call('member_detail', { id });
}

/** A member's engagement score and level, explained by activity type. */
export function memberScore(id: string): Promise<ScoreExplanation> {
	return call('member_score', { id });
}

/** How many members each level has, lowest level first. */
export function levelDistribution(): Promise<LevelCount[]> {
	return call('level_distribution');
}

/** Pairs of members who are probably the same person, most confident first; never merged here. */
export function duplicateSuggestions(): Promise<DuplicateSuggestion[]> {
	return call('duplicate_suggestions');
}
