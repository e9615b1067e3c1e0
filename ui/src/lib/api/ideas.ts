// Typed wrappers for the Ideas commands (src-tauri/src/commands/ideas.rs).
import type { BulkPreview, Contributor, IdeaAudience, IdeaDetail, IdeaInput, IdeaRow, IdeaSort, IdeaStatus } from '$lib/bindings';
import { call } from './call';

/** Ideas not merged into another, optionally of one status, in `sort` order. */
export function listIdeas(status: IdeaStatus | null, sort: IdeaSort): Promise<IdeaRow[]> {
	return call('list_ideas', { status, sort });
}

/** One idea with its status history, voters, comments and merged ideas. */
export function ideaDetail(id: string): Promise<IdeaDetail> {
	return call('idea_detail', { id });
}

/** Creates an idea entered by hand; returns its id. */
export function createIdea(input: IdeaInput): Promise<string> {
	return call('create_idea', { input });
}

/** Saves an edited idea. */
export function updateIdea(id: string, input: IdeaInput): Promise<void> {
	return call('update_idea', { id, input });
}

/** Moves an idea to another status (refused moves come back with the core's message). */
export function setIdeaStatus(id: string, status: IdeaStatus): Promise<void> {
	return call('set_idea_status', { id, status });
}

/** Records a member's vote; a second vote by the same member is refused. */
export function voteIdea(id: string, memberId: string): Promise<string> {
	return call('vote_idea', { id, memberId });
}

/** Takes back a member's vote. */
export function unvoteIdea(id: string, memberId: string): Promise<void> {
	return call('unvote_idea', { id, memberId });
}

/** Adds a comment by a member, or by the team when `memberId` is null. */
export function commentIdea(id: string, memberId: string | null, body: string): Promise<string> {
	return call('comment_idea', { id, memberId, body });
}

/** Merges the duplicate `merged` into `kept`. */
export function mergeIdea(kept: string, merged: string): Promise<void> {
	return call('merge_idea', { kept, merged });
}

/** Undoes the merge of `merged`; returns the idea it had been merged into. */
export function unmergeIdea(merged: string): Promise<string> {
	return call('unmerge_idea', { merged });
}

/** The idea's author, commenters and voters, each once. */
export function ideaContributors(id: string): Promise<Contributor[]> {
	return call('idea_contributors', { id });
}

/** Writes the contributors as CSV at `path`; returns how many. */
export function exportIdeaContributors(id: string, path: string): Promise<number> {
	return call('export_idea_contributors', { id, path });
}

/** Imports an ideas CSV picked in the open dialog, every row or none; returns how many. */
export function importIdeasCsvFile(path: string): Promise<number> {
	return call('import_ideas_csv_file', { path });
}

/** Who of the idea's voters or contributors would get the perk, and who not and why. */
export function previewIdeaPerkGrant(ideaId: string, perkId: string, who: IdeaAudience): Promise<BulkPreview> {
	return call('preview_idea_perk_grant', { ideaId, perkId, who });
}

/** Grants the perk to everyone the preview says gets it, all or nothing. */
export function grantIdeaPerk(ideaId: string, perkId: string, who: IdeaAudience): Promise<BulkPreview> {
	return call('grant_idea_perk', { ideaId, perkId, who });
}
