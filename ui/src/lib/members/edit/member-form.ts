// Pure mapping between what the manager types (strings) and what the Rust commands take.
// Parsing problems the core cannot see (letters in a number) are caught here, per field;
// every rule about values (ranges, formats, negatives) is left to the core.
import type { Identity, IdentityPatch, Member, MemberPatch, NewIdentity, NewMember } from '$lib/bindings';
import type { MessageKey, MessageParams } from '$lib/i18n/i18n.svelte';

/** The profile form's fields, as typed. */
export interface ProfileDraft {
	displayName: string;
	nameReading: string;
	email: string;
	phone: string;
	locale: string;
	country: string;
	city: string;
	birthYear: string;
	/** `YYYY-MM-DD` in the user's zone, or empty. */
	joinedOn: string;
	source: string;
	notes: string;
}

/** One identity's fields, as typed. */
export interface IdentityDraft {
	platform: string;
	handle: string;
	url: string;
	followers: string;
}

/** A problem with one field, found before anything is sent. */
export interface FieldProblem {
	field: string;
	key: MessageKey;
	params?: MessageParams;
}

/** Either the payload to send or the field problems to show. */
export type Mapped<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

/** An empty profile form. */
export function emptyProfile(): ProfileDraft {
	return {
		displayName: '',
		nameReading: '',
		email: '',
		phone: '',
		locale: '',
		country: '',
		city: '',
		birthYear: '',
		joinedOn: '',
		source: '',
		notes: ''
	};
}

/** An empty identity form. */
export function emptyIdentity(): IdentityDraft {
	return { platform: '', handle: '', url: '', followers: '' };
}

/** Trimmed text, or null when nothing was typed. */
export function optionalText(value: string): string | null {
	const trimmed = value.trim();
	return trimmed === '' ? null : trimmed;
}

/** A whole number typed with optional grouping (1,234 / 1 234 / １２３４), or null when empty. */
export function parseWholeNumber(value: string): number | null | 'invalid' {
	const compact = value
		.normalize('NFKC')
		.replace(/[\s,_、]/g, '')
		.replace(/^−/, '-');
	if (compact === '') return null;
	if (!/^-?\d+$/.test(compact)) return 'invalid';
	const number = Number(compact);
	return Number.isSafeInteger(number) ? number : 'invalid';
}

/** `YYYY-MM-DD` of a moment in the user's zone. */
export function dateInputValue(unixMs: number): string {
	const d = new Date(unixMs);
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** `YYYY-MM-DDTHH:MM` of a moment in the user's zone, for a datetime-local input. */
export function dateTimeInputValue(unixMs: number): string {
	const d = new Date(unixMs);
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${dateInputValue(unixMs)}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Unix ms of a date or datetime-local input's value (local time), or null when unreadable. */
export function parseLocalDateTime(value: string): number | null {
	const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(value.trim());
	if (!match) return null;
	const [, y, mo, d, h = '0', mi = '0'] = match;
	const date = new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi));
	return Number.isNaN(date.getTime()) ? null : date.getTime();
}

/** The form of an existing member's profile. */
export function profileFromMember(member: Member): ProfileDraft {
	return {
		displayName: member.displayName,
		nameReading: member.nameReading ?? '',
		email: member.email ?? '',
		phone: member.phone ?? '',
		locale: member.locale ?? '',
		country: member.country ?? '',
		city: member.city ?? '',
		birthYear: member.birthYear === null ? '' : String(member.birthYear),
		joinedOn: dateInputValue(member.joinedAt),
		source: member.source ?? '',
		notes: member.notes ?? ''
	};
}

/** Splits "speaker, volunteer、Tokyo" into distinct tags. */
export function parseTags(value: string): string[] {
	const tags = value
		.split(/[,、，\n]/)
		.map((tag) => tag.trim())
		.filter((tag) => tag !== '');
	return [...new Set(tags)];
}

function birthYearOf(draft: ProfileDraft, problems: FieldProblem[]): number | null {
	const year = parseWholeNumber(draft.birthYear);
	if (year === 'invalid') {
		problems.push({ field: 'birthYear', key: 'memberEdit.invalid.notAYear', params: { value: draft.birthYear.trim() } });
		return null;
	}
	return year;
}

function joinedAtOf(draft: ProfileDraft, problems: FieldProblem[]): number | null {
	if (draft.joinedOn.trim() === '') return null;
	const joined = parseLocalDateTime(draft.joinedOn);
	if (joined === null) problems.push({ field: 'joinedOn', key: 'memberEdit.invalid.notADate' });
	return joined;
}

/** The identity to add, null when both platform and handle are empty, or the problems. */
export function toNewIdentity(draft: IdentityDraft): Mapped<NewIdentity | null> {
	const followers = parseWholeNumber(draft.followers);
	if (followers === 'invalid') {
		return {
			ok: false,
			problems: [{ field: 'followers', key: 'memberEdit.invalid.notACount', params: { value: draft.followers.trim() } }]
		};
	}
	const untouched = !draft.platform.trim() && !draft.handle.trim() && !draft.url.trim() && followers === null;
	if (untouched) return { ok: true, value: null };
	// An incomplete identity is sent as typed, so the core refuses it with its own message.
	return {
		ok: true,
		value: { platform: draft.platform.trim(), handle: draft.handle.trim(), url: optionalText(draft.url), followers }
	};
}

/** The whole "new member" payload: profile, first identity and tags, for one transaction. */
export function toNewMember(profile: ProfileDraft, identity: IdentityDraft, tags: string): Mapped<NewMember> {
	const problems: FieldProblem[] = [];
	const birthYear = birthYearOf(profile, problems);
	const joinedAt = joinedAtOf(profile, problems);
	const first = toNewIdentity(identity);
	if (!first.ok) problems.push(...first.problems);
	if (problems.length > 0 || !first.ok) return { ok: false, problems };
	return {
		ok: true,
		value: {
			displayName: profile.displayName,
			nameReading: optionalText(profile.nameReading),
			email: optionalText(profile.email),
			phone: optionalText(profile.phone),
			locale: optionalText(profile.locale),
			country: optionalText(profile.country),
			city: optionalText(profile.city),
			birthYear,
			joinedAt,
			source: optionalText(profile.source),
			notes: optionalText(profile.notes),
			identities: first.value ? [first.value] : [],
			tags: parseTags(tags)
		}
	};
}

const optionalFields = ['nameReading', 'email', 'phone', 'locale', 'country', 'city', 'source', 'notes'] as const;

/** Only the fields that differ from `member`; a cleared field is sent as null. */
export function toMemberPatch(member: Member, draft: ProfileDraft): Mapped<MemberPatch> {
	const problems: FieldProblem[] = [];
	const birthYear = birthYearOf(draft, problems);
	const joinedAt = joinedAtOf(draft, problems);
	if (problems.length > 0) return { ok: false, problems };
	const patch: MemberPatch = {};
	if (draft.displayName !== member.displayName) patch.displayName = draft.displayName;
	for (const field of optionalFields) {
		const value = optionalText(draft[field]);
		if (value !== member[field]) patch[field] = value;
	}
	if (birthYear !== member.birthYear) patch.birthYear = birthYear;
	// The date input only has day precision: send it only when the day itself changed.
	if (joinedAt !== null && draft.joinedOn !== dateInputValue(member.joinedAt)) patch.joinedAt = joinedAt;
	return { ok: true, value: patch };
}

/** The form of an existing identity. */
export function identityDraftOf(identity: Identity): IdentityDraft {
	return {
		platform: identity.platform,
		handle: identity.handle,
		url: identity.url ?? '',
		followers: identity.followers === null ? '' : String(identity.followers)
	};
}

/** Only the identity fields that differ from `identity`. */
export function toIdentityPatch(identity: Identity, draft: IdentityDraft): Mapped<IdentityPatch> {
	const followers = parseWholeNumber(draft.followers);
	if (followers === 'invalid') {
		return {
			ok: false,
			problems: [{ field: 'followers', key: 'memberEdit.invalid.notACount', params: { value: draft.followers.trim() } }]
		};
	}
	const patch: IdentityPatch = {};
	if (draft.platform.trim() !== identity.platform) patch.platform = draft.platform;
	if (draft.handle.trim() !== identity.handle) patch.handle = draft.handle;
	const url = optionalText(draft.url);
	if (url !== identity.url) patch.url = url;
	if (followers !== identity.followers) patch.followers = followers;
	return { ok: true, value: patch };
}
