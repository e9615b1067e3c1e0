// The line shown after a save that re-scored members.
import type { RulesApplied } from '$lib/bindings';
import { t, tn } from '$lib/i18n/i18n.svelte';

/** "Saved. Members re-scored: 12 members changed level (9 up, 3 down)." */
export function rescoredMessage(applied: RulesApplied): string {
	return tn('settings.rescored', applied.promoted + applied.demoted, {
		promoted: applied.promoted,
		demoted: applied.demoted
	});
}

/** "Saved." */
export function savedMessage(): string {
	return t('settings.saved');
}
