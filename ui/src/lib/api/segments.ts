// Typed wrappers for the Segments commands (src-tauri/src/commands/segments.rs).
import type { Group, MemberPage, SavedSegment, SegmentChoices, SegmentSummary } from '$lib/bindings';
import { call } from './call';

/** Every saved segment by name, each with how many members it has now (or its problem). */
export function listSegments(): Promise<SegmentSummary[]> {
	return call('list_segments');
}

/** One saved segment with its rules. */
export function getSegment(id: string): Promise<SavedSegment> {
	return call('get_segment', { id });
}

/** Saves a new segment; the name must be unique and the rules valid. */
export function createSegment(name: string, rules: Group): Promise<SavedSegment> {
	return call('create_segment', { name, rules });
}

/** Renames a segment and/or replaces its rules. */
export function updateSegment(id: string, name: string | null, rules: Group | null): Promise<SavedSegment> {
	return call('update_segment', { id, name, rules });
}

/** Deletes a saved segment; its members are untouched. */
export function deleteSegment(id: string): Promise<void> {
	return call('delete_segment', { id });
}

/** How many members an unsaved rule tree matches; a bad rule fails with "rule 2.1: …". */
export function countSegmentRules(rules: Group): Promise<number> {
	return call('count_segment_rules', { rules });
}

/** One page of the members a rule tree matches, in the Members list's order. */
export function segmentMembers(rules: Group, offset: number, limit: number): Promise<MemberPage> {
	return call('segment_members', { rules, offset, limit });
}

/** Writes the members `rules` match as CSV to `path` (absolute); returns how many were written. */
export function exportSegmentCsv(rules: Group, path: string): Promise<number> {
	return call('export_segment_csv', { id: null, rules, path });
}

/** What the rule editors pick from: tags, platforms, levels, activity types, events, campaigns. */
export function segmentChoices(): Promise<SegmentChoices> {
	return call('segment_choices');
}
