// Typed wrappers for Settings › Engagement (src-tauri/src/commands/settings.rs).
import type { EngagementSettings, InfluencerThresholds, LevelInput, RulesApplied } from '$lib/bindings';
import { call } from './call';

/** The engagement rules: activity types with their usage, half-life, levels and tier thresholds. */
export function engagementSettings(): Promise<EngagementSettings> {
	return call('engagement_settings');
}

/** Changes an activity type's labels and weight; every member is re-scored in the same save. */
export function updateActivityType(
	key: string,
	change: { labelEn: string; labelJa: string; weight: number }
): Promise<RulesApplied> {
	return call('update_activity_type', { key, ...change });
}

/** Adds a custom activity type for activities a manager logs by hand. */
export function createActivityType(key: string, labelEn: string, labelJa: string, weight: number): Promise<void> {
	return call('create_activity_type', { key, labelEn, labelJa, weight });
}

/** Deletes a custom activity type that no activity uses. */
export function deleteActivityType(key: string): Promise<void> {
	return call('delete_activity_type', { key });
}

/** Sets the score half-life in days; every member is re-scored in the same save. */
export function saveHalfLife(days: number): Promise<RulesApplied> {
	return call('save_half_life', { days });
}

/** Replaces the levels (lowest first); every member is re-placed in the same save. */
export function saveLevels(levels: LevelInput[]): Promise<RulesApplied> {
	return call('save_levels', { levels });
}

/** Saves the influencer tier thresholds (fewest followers for nano, micro, mid and macro). */
export function saveTierThresholds(thresholds: InfluencerThresholds): Promise<void> {
	return call('save_tier_thresholds', { thresholds });
}
