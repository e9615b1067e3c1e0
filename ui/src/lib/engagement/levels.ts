// Level names, colours and the arithmetic behind "N points to the next level" and "members by level".
import type { Level, LevelCount, ScoreExplanation } from '$lib/bindings';
import { localized } from '$lib/i18n/i18n.svelte';

/** How many level colours app.css defines (`--level-1-*` … `--level-5-*`). */
const levelTones = 5;

/** A level's name in the current language (levels are editable, so the name comes from the store). */
export function levelName(level: Level): string {
	return localized({ en: level.labelEn, ja: level.labelJa });
}

/** The colour index (1–5) for a level's rank; ranks above 5 share the top colour. */
export function levelTone(level: Level): number {
	return Math.min(Math.max(Math.round(level.rank), 1), levelTones);
}

/**
 * How far a member has come from their level's threshold towards the next one, 0 to 1;
 * null at the top level, where there is nothing left to reach.
 */
export function progressToNextLevel(score: Pick<ScoreExplanation, 'score' | 'level' | 'nextLevel'>): number | null {
	if (!score.nextLevel) return null;
	const span = score.nextLevel.minScore - score.level.minScore;
	if (!(span > 0)) return 1;
	return Math.min(Math.max((score.score - score.level.minScore) / span, 0), 1);
}

/** One bar of the "members by level" card. */
export interface LevelBar {
	level: Level;
	members: number;
	/** Part of all members, 0 to 1. */
	share: number;
	/** Bar length relative to the largest level, 0 to 1. */
	length: number;
}

/** The bars of the "members by level" card, highest level on top. */
export function levelBars(counts: readonly LevelCount[]): LevelBar[] {
	const total = counts.reduce((sum, count) => sum + count.members, 0);
	const largest = counts.reduce((max, count) => Math.max(max, count.members), 0);
	return [...counts]
		.sort((a, b) => b.level.rank - a.level.rank)
		.map(({ level, members }) => ({
			level,
			members,
			share: total > 0 ? members / total : 0,
			length: largest > 0 ? members / largest : 0
		}));
}
