// DEV AID ONLY — fake answers to the member editing commands for `?mock`. Edited and created
// members live in memory here; validation mirrors the core's messages so forms can be tried.
import type { ActivityTypeUsage, Identity, IdentityPatch, MemberDetail, MemberPatch, NewIdentity, NewMember } from '$lib/bindings';
import { mockMemberScore } from './mock-engagement';

const edited = new Map<string, MemberDetail>();
const deleted = new Set<string>();
const deletedAt = new Map<string, number>();
let nextId = 1;

const types: ActivityTypeUsage[] = [
	['event_attended', 'Attended an event', 'イベントに参加', 3],
	['message_posted', 'Posted a message', 'メッセージを投稿', 1],
	['talk_given', 'Gave a talk', '登壇した', 8],
	['review_written', 'Wrote a review', 'レビューを書いた', 4]
].map(([key, labelEn, labelJa, weight]) => ({
	key: String(key),
	labelEn: String(labelEn),
	labelJa: String(labelJa),
	platform: null,
	weight: Number(weight),
	builtin: key === 'event_attended' || key === 'message_posted',
	usage: 0
}));

const commands = new Set([
	'create_member', 'update_member', 'delete_member', 'restore_member', 'add_identity', 'update_identity',
	'remove_identity', 'tag_member', 'untag_member', 'list_activity_types', 'log_manual_activity', 'export_member',
	'erase_member', 'list_deleted_members', 'plugin:dialog|save'
]);

function invalid(message: string): never {
	throw { code: 'invalidInput', message };
}

function checkName(name: string) {
	if (!name.trim()) invalid('a member needs a name');
}

function checkEmail(email: string | null | undefined) {
	if (email && !/^[^\s@]+@[^\s@.][^\s@]*\.[^\s@]*[^\s@.]$/.test(email.trim())) {
		invalid(`"${email.trim()}" is not a valid email address`);
	}
}

function checkIdentity(identity: { platform?: string; handle?: string; followers?: number | null }) {
	if (identity.platform !== undefined && !identity.platform.trim()) invalid('an identity needs a platform and a handle');
	if (identity.handle !== undefined && !identity.handle.trim()) invalid('an identity needs a platform and a handle');
	if (identity.followers != null && identity.followers < 0) {
		invalid(`a follower count cannot be negative (got ${identity.followers})`);
	}
}

function toIdentity(id: string, identity: NewIdentity): Identity {
	return { id, ...identity, platform: identity.platform.trim().toLowerCase(), tier: null };
}

/** Whether this module answers `command` (for `id`, when it is about one member). */
export function answersMemberEdit(command: string, args: Record<string, unknown>): boolean {
	const id = String(args.id ?? '');
	return commands.has(command) || ((command === 'member_detail' || command === 'member_score') && edited.has(id));
}

/** The fake answer; `detailOf` gives the generated detail of a sample member. */
export function answerMemberEdit(
	command: string,
	args: Record<string, unknown>,
	detailOf: (id: string) => MemberDetail
): unknown {
	const id = String(args.id ?? args.memberId ?? '');
	const detail = (): MemberDetail => {
		if (deleted.has(id)) throw { code: 'notFound', message: `member ${id} was not found` };
		let found = edited.get(id);
		if (!found) {
			found = structuredClone(detailOf(id));
			edited.set(id, found);
		}
		return found;
	};
	const ownerOf = (identityId: string) => [...edited.values()].find((d) => d.identities.some((i) => i.id === identityId));
	switch (command) {
		case 'member_detail':
			return detail();
		case 'member_score':
			return mockMemberScore({ ...detail(), id, displayName: detail().member.displayName, lastActiveAt: Date.now() }, () => 0.5, Date.now());
		case 'create_member': {
			const member = args.new as NewMember;
			checkName(member.displayName);
			checkEmail(member.email);
			member.identities.forEach(checkIdentity);
			const newId = `01930000-0000-7000-9000-${String(nextId++).padStart(12, '0')}`;
			edited.set(newId, {
				member: { ...member, id: newId, displayName: member.displayName.trim(), joinedAt: member.joinedAt ?? Date.now(), deletedAt: null },
				identities: member.identities.map((identity, i) => toIdentity(`${newId}-identity-${i}`, identity)),
				tags: member.tags,
				traits: [],
				timeline: [],
				activityCount: 0
			});
			return newId;
		}
		case 'update_member': {
			const patch = args.patch as MemberPatch;
			if (patch.displayName !== undefined) checkName(patch.displayName);
			checkEmail(patch.email);
			Object.assign(detail().member, patch);
			return Object.keys(patch);
		}
		case 'delete_member':
			detail();
			deleted.add(id);
			deletedAt.set(id, Date.now());
			return null;
		case 'restore_member':
			deleted.delete(id);
			deletedAt.delete(id);
			return null;
		case 'list_deleted_members':
			return [...deletedAt].map(([memberId, at]) => {
				const member = edited.get(memberId)?.member;
				return { id: memberId, displayName: member?.displayName ?? memberId, email: member?.email ?? null, deletedAt: at };
			});
		case 'add_identity': {
			const identity = args.identity as NewIdentity;
			checkIdentity(identity);
			detail().identities.push(toIdentity(`${id}-identity-${nextId++}`, identity));
			return `${id}-identity-${nextId}`;
		}
		case 'update_identity': {
			const patch = args.patch as IdentityPatch;
			checkIdentity(patch);
			const owner = ownerOf(String(args.identityId));
			Object.assign(owner?.identities.find((i) => i.id === args.identityId) ?? {}, patch);
			return Object.keys(patch);
		}
		case 'remove_identity': {
			const owner = ownerOf(String(args.identityId));
			if (owner) owner.identities = owner.identities.filter((i) => i.id !== args.identityId);
			return null;
		}
		case 'tag_member': {
			const tag = String(args.tag).trim();
			if (!tag) invalid('a tag needs a name');
			if (!detail().tags.includes(tag)) detail().tags.push(tag);
			return null;
		}
		case 'untag_member':
			detail().tags = detail().tags.filter((tag) => tag !== args.tag);
			return true;
		case 'list_activity_types':
			return types;
		case 'log_manual_activity': {
			const type = types.find((candidate) => candidate.key === args.typeKey);
			if (!type) invalid(`"${String(args.typeKey)}" is not a known activity type`);
			if (Number(args.occurredAt) > Date.now()) invalid('a manual activity cannot be logged in the future');
			const target = detail();
			target.timeline.push({
				id: `${id}-manual-${nextId++}`,
				activityType: type.key,
				labelEn: type.labelEn,
				labelJa: type.labelJa,
				occurredAt: Number(args.occurredAt),
				platform: null,
				url: (args.url as string | null) ?? null,
				eventTitle: null
			});
			target.activityCount += 1;
			return `${id}-manual`;
		}
		case 'plugin:dialog|save':
			return `/home/manager/${String((args.options as { defaultPath?: string })?.defaultPath ?? 'member.json')}`;
		case 'export_member':
			return 18_432;
		case 'erase_member':
			edited.delete(id);
			deleted.add(id);
			return { members: 1, identities: 2, tags: 1, activities: 14, registrations: 2, referrals: 0, merges: 0, levelChanges: 3, scrubbedCells: 96 };
		default:
			throw { code: 'internal', message: `mock has no command ${command}` };
	}
}
