import { afterEach, describe, expect, it } from 'vitest';
import type { Level } from '$lib/bindings';
import { setLocale } from '$lib/i18n/i18n.svelte';
import { levelBars, levelName, levelTone, progressToNextLevel } from './levels';

function level(rank: number, key: string, minScore: number): Level {
	return { id: `level-${key}`, rank, key, labelEn: key, labelJa: `${key}（ja）`, minScore };
}

const newcomer = level(1, 'Newcomer', 0);
const participant = level(2, 'Participant', 2);
const contributor = level(3, 'Contributor', 10);
const champion = level(7, 'Champion', 80);

afterEach(() => setLocale('en'));

describe('progress to the next level', () => {
	it('is the part of the gap between the two thresholds already covered', () => {
		expect(progressToNextLevel({ score: 6, level: participant, nextLevel: contributor })).toBe(0.5);
		expect(progressToNextLevel({ score: 2, level: participant, nextLevel: contributor })).toBe(0);
	});

	it('stays between 0 and 1 when the score lies outside the thresholds', () => {
		expect(progressToNextLevel({ score: 12, level: participant, nextLevel: contributor })).toBe(1);
		expect(progressToNextLevel({ score: -1, level: newcomer, nextLevel: participant })).toBe(0);
	});

	it('is null at the top level', () => {
		expect(progressToNextLevel({ score: 120, level: champion, nextLevel: null })).toBeNull();
	});
});

describe('members by level', () => {
	const bars = levelBars([
		{ level: newcomer, members: 600 },
		{ level: participant, members: 300 },
		{ level: contributor, members: 100 }
	]);

	it('puts the highest level on top', () => {
		expect(bars.map((bar) => bar.level.key)).toEqual(['Contributor', 'Participant', 'Newcomer']);
	});

	it('gives each level its share of all members and a bar relative to the largest level', () => {
		expect(bars.map((bar) => bar.share)).toEqual([0.1, 0.3, 0.6]);
		expect(bars.map((bar) => bar.length)).toEqual([100 / 600, 0.5, 1]);
	});

	it('shows empty bars, not NaN, for a community without members', () => {
		const empty = levelBars([{ level: newcomer, members: 0 }]);
		expect(empty[0]).toMatchObject({ share: 0, length: 0 });
	});
});

describe('level names and colours', () => {
	it('names a level in the current language', () => {
		expect(levelName(participant)).toBe('Participant');
		setLocale('ja');
		expect(levelName(participant)).toBe('Participant（ja）');
	});

	it('gives ranks above five the top colour', () => {
		expect(levelTone(newcomer)).toBe(1);
		expect(levelTone(champion)).toBe(5);
	});
});
