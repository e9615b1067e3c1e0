// The editor component for each rule kind. A new kind adds one line here (and its entry in
// rule-kinds.ts); RuleItem.svelte renders whichever editor the rule's kind names.
import type { Component } from 'svelte';
import type { SegmentChoices } from '$lib/bindings';
import type { DraftRule, RuleKindName } from './rule-tree';
import ActivityRuleEditor from './editors/ActivityRuleEditor.svelte';
import AttendanceRuleEditor from './editors/AttendanceRuleEditor.svelte';
import CampaignRuleEditor from './editors/CampaignRuleEditor.svelte';
import FieldRuleEditor from './editors/FieldRuleEditor.svelte';
import LevelRuleEditor from './editors/LevelRuleEditor.svelte';
import PlatformRuleEditor from './editors/PlatformRuleEditor.svelte';
import ScoreRuleEditor from './editors/ScoreRuleEditor.svelte';
import TagRuleEditor from './editors/TagRuleEditor.svelte';
import TraitRuleEditor from './editors/TraitRuleEditor.svelte';

/** The props every rule editor takes: its rule (edited in place) and the community's choices. */
export interface RuleEditorProps<K extends RuleKindName> {
	rule: Extract<DraftRule, { kind: K }>;
	choices: SegmentChoices;
}

/** One editor per kind; the mapped type makes a missing kind a type error. */
export const ruleEditors: { [K in RuleKindName]: Component<RuleEditorProps<K>> } = {
	field: FieldRuleEditor,
	tag: TagRuleEditor,
	trait: TraitRuleEditor,
	platform: PlatformRuleEditor,
	level: LevelRuleEditor,
	score: ScoreRuleEditor,
	activity: ActivityRuleEditor,
	eventAttendance: AttendanceRuleEditor,
	campaign: CampaignRuleEditor
};
