// Pure helpers for the comparison screen: which campaigns are chosen (at most what the retention
// chart shows legibly, earliest start first like the core), a retention cell, and the level mix
// as shares of the cohort.
import type { CampaignComparisonRow, CampaignRow, LevelCount } from '$lib/bindings';

/** The most campaigns compared at once: the chart has eight distinct line colours. */
export const MAX_COMPARED = 8;

/** The windows the cohorts are followed at, in days. */
export const RETENTION_DAYS = [30, 90, 180, 365] as const;

/** `ids` ordered by start (earliest first, as the core orders every campaign), ties by id. */
function chronological(ids: Iterable<string>, choices: CampaignRow[]): string[] {
	const chosen = new Set(ids);
	return choices
		.filter((c) => chosen.has(c.id))
		.sort((a, b) => a.startsAt - b.startsAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
		.map((c) => c.id);
}

/** Every campaign when they fit on the chart, else the `MAX_COMPARED` that started last. */
export function defaultChoice(choices: CampaignRow[]): string[] {
	const newestFirst = [...choices].sort((a, b) => b.startsAt - a.startsAt);
	return chronological(
		newestFirst.slice(0, MAX_COMPARED).map((c) => c.id),
		choices
	);
}

/** The selection after ticking or unticking `id`; ticking beyond `MAX_COMPARED` changes nothing. */
export function toggleChoice(selected: string[], id: string, choices: CampaignRow[]): string[] {
	if (selected.includes(id)) return selected.filter((s) => s !== id);
	if (selected.length >= MAX_COMPARED) return selected;
	return chronological([...selected, id], choices);
}

/** What a retention cell shows for `days`. */
export type RetentionCell =
	| { kind: 'share'; share: number; active: number; mature: number }
	| { kind: 'young'; mature: number }
	| { kind: 'none' };

/** The share still active at `days`, "too young" when too few members reached it, or nothing. */
export function retentionAt(row: CampaignComparisonRow, days: number): RetentionCell {
	const point = row.retention.find((p) => p.days === days);
	if (!point || row.members === 0) return { kind: 'none' };
	if (point.tooYoung || point.share === null) return { kind: 'young', mature: point.mature };
	return { kind: 'share', share: point.share, active: point.active, mature: point.mature };
}

/** One level's part of a cohort. */
export type LevelPart = { rank: number; labelEn: string; labelJa: string; members: number; share: number };

/** The cohort's levels, lowest first, each with its share of the cohort (0 when it is empty). */
export function levelParts(levels: LevelCount[]): LevelPart[] {
	const total = levels.reduce((sum, l) => sum + l.members, 0);
	return [...levels]
		.sort((a, b) => a.level.rank - b.level.rank)
		.map((l) => ({
			rank: l.level.rank,
			labelEn: l.level.labelEn,
			labelJa: l.level.labelJa,
			members: l.members,
			share: total === 0 ? 0 : l.members / total
		}));
}
