import { describe, expect, it } from 'vitest';
import type { Identity, Member } from '$lib/bindings';
import {
	emptyIdentity,
	emptyProfile,
	parseLocalDateTime,
	parseTags,
	parseWholeNumber,
	profileFromMember,
	toIdentityPatch,
	toMemberPatch,
	toNewMember
} from './member-form';

const taro: Member = {
	id: 'm1',
	displayName: '山田 太郎',
	nameReading: 'やまだ たろう',
	email: 'taro@example.jp',
	phone: null,
	locale: 'ja',
	country: 'Japan',
	city: 'Tokyo',
	birthYear: 1990,
	joinedAt: Date.UTC(2024, 3, 1, 9, 30),
	source: 'connpass',
	notes: null,
	deletedAt: null
};

describe('new member payload', () => {
	it('sends empty fields as null and keeps the name exactly as typed', () => {
		const profile = { ...emptyProfile(), displayName: '  Ava Chen ', email: '   ', city: ' Lyon ' };
		const mapped = toNewMember(profile, emptyIdentity(), '');
		expect(mapped).toEqual({
			ok: true,
			value: {
				displayName: '  Ava Chen ',
				nameReading: null,
				email: null,
				phone: null,
				locale: null,
				country: null,
				city: 'Lyon',
				birthYear: null,
				joinedAt: null,
				source: null,
				notes: null,
				identities: [],
				tags: []
			}
		});
	});

	it('leaves an empty name for the core to refuse with its own message', () => {
		const mapped = toNewMember(emptyProfile(), emptyIdentity(), '');
		expect(mapped.ok && mapped.value.displayName).toBe('');
	});

	it('parses the birth year, the joined date, the first account and the tags together', () => {
		const profile = { ...emptyProfile(), displayName: 'Ava', birthYear: ' １９９２ ', joinedOn: '2025-02-03' };
		const identity = { platform: 'x', handle: ' ava ', url: '', followers: '12,500' };
		const mapped = toNewMember(profile, identity, 'speaker, volunteer、speaker');
		if (!mapped.ok) throw new Error('expected a payload');
		expect(mapped.value.birthYear).toBe(1992);
		expect(mapped.value.joinedAt).toBe(Date.UTC(2025, 1, 3));
		expect(mapped.value.identities).toEqual([{ platform: 'x', handle: 'ava', url: null, followers: 12_500 }]);
		expect(mapped.value.tags).toEqual(['speaker', 'volunteer']);
	});

	it('passes a negative follower count through so the core explains the rule', () => {
		const identity = { ...emptyIdentity(), platform: 'x', handle: 'ava', followers: '-5' };
		const mapped = toNewMember({ ...emptyProfile(), displayName: 'Ava' }, identity, '');
		expect(mapped.ok && mapped.value.identities[0]?.followers).toBe(-5);
	});

	it('names the field when a year or a count is not a number at all', () => {
		const profile = { ...emptyProfile(), displayName: 'Ava', birthYear: 'nineteen' };
		const identity = { ...emptyIdentity(), platform: 'x', handle: 'ava', followers: 'many' };
		const mapped = toNewMember(profile, identity, '');
		expect(mapped.ok).toBe(false);
		if (mapped.ok) return;
		expect(mapped.problems.map((p) => [p.field, p.key, p.params])).toEqual([
			['birthYear', 'memberEdit.invalid.notAYear', { value: 'nineteen' }],
			['followers', 'memberEdit.invalid.notACount', { value: 'many' }]
		]);
	});
});

describe('profile patch', () => {
	it('is empty when nothing changed', () => {
		expect(toMemberPatch(taro, profileFromMember(taro))).toEqual({ ok: true, value: {} });
	});

	it('sends only changed fields, and a cleared field as null', () => {
		const draft = { ...profileFromMember(taro), city: 'Osaka', email: '', birthYear: '' };
		expect(toMemberPatch(taro, draft)).toEqual({
			ok: true,
			value: { city: 'Osaka', email: null, birthYear: null }
		});
	});

	it('sends the joined date only when the day changed', () => {
		const draft = { ...profileFromMember(taro), joinedOn: '2024-04-02' };
		expect(toMemberPatch(taro, draft)).toEqual({ ok: true, value: { joinedAt: Date.UTC(2024, 3, 2) } });
	});
});

describe('identity patch', () => {
	const identity: Identity = { id: 'i1', platform: 'x', handle: 'taro', url: null, followers: 120, tier: null };

	it('sends the changed follower count, even a negative one', () => {
		const draft = { platform: 'x', handle: 'taro', url: '', followers: '-5' };
		expect(toIdentityPatch(identity, draft)).toEqual({ ok: true, value: { followers: -5 } });
	});

	it('clears the follower count when the field is emptied', () => {
		const draft = { platform: 'x', handle: 'taro', url: '', followers: '' };
		expect(toIdentityPatch(identity, draft)).toEqual({ ok: true, value: { followers: null } });
	});
});

describe('parsing', () => {
	it('reads whole numbers with grouping and full-width digits, and refuses anything else', () => {
		expect(parseWholeNumber('')).toBeNull();
		expect(parseWholeNumber('1 234')).toBe(1234);
		expect(parseWholeNumber('１２３')).toBe(123);
		expect(parseWholeNumber('-5')).toBe(-5);
		expect(parseWholeNumber('1.5')).toBe('invalid');
		expect(parseWholeNumber('12abc')).toBe('invalid');
	});

	it('reads dates and local times', () => {
		expect(parseLocalDateTime('2026-11-23T14:05')).toBe(Date.UTC(2026, 10, 23, 14, 5));
		expect(parseLocalDateTime('not a date')).toBeNull();
	});

	it('splits tags on ASCII and Japanese commas and drops blanks', () => {
		expect(parseTags(' speaker ,, 東京、 volunteer\n')).toEqual(['speaker', '東京', 'volunteer']);
	});
});
