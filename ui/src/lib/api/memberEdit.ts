// Typed wrappers for the member editing commands (src-tauri/src/commands/member_edit.rs).
import type {
	ActivityTypeUsage,
	DeletedMember,
	ErasureReport,
	IdentityPatch,
	MemberPatch,
	NewIdentity,
	NewMember
} from '$lib/bindings';
import { call } from './call';

/** Adds a member with their first identities and tags in one transaction; resolves to the new id. */
export function createMember(member: NewMember): Promise<string> {
	return call('create_member', { new: member });
}

/** Changes the given profile fields; resolves to the names of the fields that changed. */
export function updateMember(id: string, patch: MemberPatch): Promise<string[]> {
	return call('update_member', { id, patch });
}

/** Soft-deletes a member; `restoreMember` brings them back. */
export function deleteMember(id: string): Promise<void> {
	return call('delete_member', { id });
}

/** Deleted (not merged) members, most recently deleted first. */
export function listDeletedMembers(): Promise<DeletedMember[]> {
	return call('list_deleted_members');
}

/** Brings back a soft-deleted member. */
export function restoreMember(id: string): Promise<void> {
	return call('restore_member', { id });
}

/** Adds a platform identity to a member; resolves to its id. */
export function addIdentity(memberId: string, identity: NewIdentity): Promise<string> {
	return call('add_identity', { memberId, identity });
}

/** Edits one identity; resolves to the names of the fields that changed. */
export function updateIdentity(identityId: string, patch: IdentityPatch): Promise<string[]> {
	return call('update_identity', { identityId, patch });
}

/** Removes one identity from its member. */
export function removeIdentity(identityId: string): Promise<void> {
	return call('remove_identity', { identityId });
}

/** Puts a tag on a member (the tag is created on first use). */
export function tagMember(memberId: string, tag: string): Promise<void> {
	return call('tag_member', { memberId, tag });
}

/** Takes a tag off a member; resolves to whether they had it. */
export function untagMember(memberId: string, tag: string): Promise<boolean> {
	return call('untag_member', { memberId, tag });
}

/** Every activity type, built-ins first, for the "Log activity" picker. */
export function listActivityTypes(): Promise<ActivityTypeUsage[]> {
	return call('list_activity_types');
}

/** What a manager logs by hand: the type, when it happened (unix ms), a note and a link. */
export interface ManualActivity {
	typeKey: string;
	occurredAt: number;
	note: string | null;
	url: string | null;
}

/** Logs an activity a manager saw happen; resolves to the activity's id. */
export function logManualActivity(memberId: string, activity: ManualActivity): Promise<string> {
	return call('log_manual_activity', { memberId, ...activity });
}

/** Writes everything about a member as JSON to `path`; resolves to the bytes written. */
export function exportMember(id: string, path: string): Promise<number> {
	return call('export_member', { id, path });
}

/** Erases a member for good; resolves to how many rows were removed. */
export function eraseMember(id: string): Promise<ErasureReport> {
	return call('erase_member', { id });
}
