import { describe, expect, it } from 'vitest';
import type { LevelInput } from '$lib/bindings';
import { keyFromLabel, levelErrorRow, tierErrorField, toNumber } from './rules';

const levels: LevelInput[] = [
	{ key: 'newcomer', labelEn: 'Newcomer', labelJa: 'ニューカマー', minScore: 0 },
	{ key: 'participant', labelEn: 'Participant', labelJa: '参加者', minScore: 20 },
	{ key: 'contributor', labelEn: 'Contributor', labelJa: 'コントリビューター', minScore: 10 }
];

describe('levelErrorRow', () => {
	it('marks the level whose threshold does not increase', () => {
		const message = 'level thresholds must increase: Contributor (10) must be above Participant (20)';
		expect(levelErrorRow(message, levels)).toBe(2);
	});
	it('marks a level named by its position, the first level, or a repeated key', () => {
		expect(levelErrorRow('level 2 needs an English label', levels)).toBe(1);
		expect(levelErrorRow('the first level (Newcomer) must start at 0 points (got 1)', levels)).toBe(0);
		const twice = [...levels, { ...levels[1], labelEn: 'Again' } as LevelInput];
		expect(levelErrorRow('two levels share the key "participant"', twice)).toBe(3);
	});
	it('marks no row when the message names none', () => {
		expect(levelErrorRow('there must be at least one level', levels)).toBeNull();
	});
});

describe('tierErrorField', () => {
	it('puts an out-of-order tier message next to that tier', () => {
		expect(tierErrorField('the micro threshold (500) must be above the nano threshold (1000)')).toBe('microMin');
		expect(tierErrorField('the macro threshold must be at least 1 follower (got 0)')).toBe('macroMin');
		expect(tierErrorField('database is locked')).toBeNull();
	});
});

describe('toNumber and keyFromLabel', () => {
	it('reads typed numbers and refuses empty fields', () => {
		expect(toNumber('2.5')).toBe(2.5);
		expect(toNumber(-1)).toBe(-1);
		expect(toNumber('')).toBeNull();
		expect(toNumber(null)).toBeNull();
	});
	it('makes a unique key from an English label, or a fallback for other scripts', () => {
		expect(keyFromLabel('Gave a talk!', [], 'custom')).toBe('gave_a_talk');
		expect(keyFromLabel('Gave a talk', ['gave_a_talk'], 'custom')).toBe('gave_a_talk_2');
		expect(keyFromLabel('登壇', [], 'level_4')).toBe('level_4');
	});
});
