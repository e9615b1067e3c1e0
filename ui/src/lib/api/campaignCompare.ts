// Typed wrappers for the campaign comparison commands (src-tauri/src/commands/campaign_compare.rs).
import type { CampaignRow, Comparison } from '$lib/bindings';
import { call } from './call';
import type { ChartLanguage, ChartTheme } from './commands';

/** Every campaign to choose from, newest start first, with the members each brought. */
export function campaignCompareChoices(): Promise<CampaignRow[]> {
	return call('campaign_compare_choices');
}

/** The campaigns `ids` side by side, in that order. */
export function campaignComparison(ids: string[]): Promise<Comparison> {
	return call('campaign_comparison', { ids });
}

/** The retention curves of the campaigns `ids` as an `<svg>` string, for a colour scheme and language. */
export function campaignRetentionChart(ids: string[], lang: ChartLanguage, theme: ChartTheme): Promise<string> {
	return call('campaign_retention_chart', { ids, lang, theme });
}

/** Writes the comparison of `ids` as CSV to `path` (absolute); returns how many campaigns were written. */
export function exportCampaignComparisonCsv(ids: string[], path: string): Promise<number> {
	return call('export_campaign_comparison_csv', { ids, path });
}
