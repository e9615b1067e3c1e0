// DEV AID ONLY — fake Settings › Engagement answers for mock.ts (`?mock`), with the same checks
// and messages as kizuna-core so refused saves can be looked at in a browser.
import type { ActivityTypeUsage, EngagementSettings, InfluencerThresholds, LevelInput, RulesApplied } from '$lib/bindings';
import { mockLevels } from './mock-engagement';

const invalid = (message: string) => ({ code: 'invalidInput', message });

const state: EngagementSettings = {
	activityTypes: [
		['post', 'Posted', '投稿', 2, 48_211],
		['comment', 'Commented', 'コメント', 1, 91_480],
		['reaction', 'Reacted', 'リアクション', 0.2, 210_330],
		['event_attended', 'Attended an event', 'イベントに参加', 5, 12_004],
		['referral', 'Referred someone', '紹介', 6, 301]
	].map(([key, labelEn, labelJa, weight, usage]): ActivityTypeUsage => ({
		key: String(key),
		labelEn: String(labelEn),
		labelJa: String(labelJa),
		platform: null,
		weight: Number(weight),
		builtin: true,
		usage: Number(usage)
	})),
	halfLifeDays: 90,
	levels: mockLevels.map((level) => ({ ...level })),
	tierThresholds: { nanoMin: 1_000, microMin: 10_000, midMin: 100_000, macroMin: 1_000_000 }
};

const applied = (): RulesApplied => ({ members: 100_000, promoted: 132, demoted: 47 });

function checkWeight(weight: number): void {
	if (!Number.isFinite(weight) || weight < 0 || weight > 1000) {
		throw invalid(`an activity type's weight must be between 0 and 1000 (got ${weight})`);
	}
}

function saveLevels(input: LevelInput[]): RulesApplied {
	if (input.length === 0) throw invalid('there must be at least one level');
	input.forEach((level, i) => {
		if (!level.labelEn.trim()) throw invalid(`level ${i + 1} needs an English label`);
		if (!level.labelJa.trim()) throw invalid(`level ${i + 1} (${level.labelEn}) needs a Japanese label`);
	});
	if (input[0]?.minScore !== 0) throw invalid(`the first level (${input[0]?.labelEn}) must start at 0 points`);
	input.slice(1).forEach((upper, i) => {
		const lower = input[i] as LevelInput;
		if (upper.minScore <= lower.minScore) {
			throw invalid(
				`level thresholds must increase: ${upper.labelEn} (${upper.minScore}) must be above ${lower.labelEn} (${lower.minScore})`
			);
		}
	});
	state.levels = input.map((level, i) => ({ ...level, id: `level-${level.key}`, rank: i + 1 }));
	return applied();
}

function saveTiers(thresholds: InfluencerThresholds): void {
	const ladder: [string, number][] = [
		['nano', thresholds.nanoMin],
		['micro', thresholds.microMin],
		['mid', thresholds.midMin],
		['macro', thresholds.macroMin]
	];
	for (const [tier, min] of ladder) {
		if (!(min > 0)) throw invalid(`the ${tier} threshold must be at least 1 follower (got ${min})`);
	}
	ladder.slice(1).forEach(([tier, min], i) => {
		const [lowTier, lowMin] = ladder[i] as [string, number];
		if (min <= lowMin) throw invalid(`the ${tier} threshold (${min}) must be above the ${lowTier} threshold (${lowMin})`);
	});
	state.tierThresholds = thresholds;
}

/** The Settings commands the mock answers, by command name. */
export const settingsMockCommands: Record<string, (args: Record<string, unknown>) => unknown> = {
	engagement_settings: () => structuredClone(state),
	update_activity_type: (args) => {
		const type = state.activityTypes.find((t) => t.key === args.key);
		if (!type) throw invalid(`"${String(args.key)}" is not a known activity type`);
		checkWeight(Number(args.weight));
		Object.assign(type, { labelEn: args.labelEn, labelJa: args.labelJa, weight: Number(args.weight) });
		return applied();
	},
	create_activity_type: (args) => {
		const key = String(args.key ?? '').trim();
		if (!/^[a-z][a-z0-9_]{0,39}$/.test(key)) {
			throw invalid(`"${key}" is not a valid activity type key: use up to 40 lower-case letters, digits and _, starting with a letter (e.g. gave_talk)`);
		}
		if (state.activityTypes.some((t) => t.key === key)) throw invalid(`an activity type "${key}" already exists`);
		checkWeight(Number(args.weight));
		const [labelEn, labelJa] = [String(args.labelEn ?? '').trim(), String(args.labelJa ?? '').trim()];
		if (!labelEn) throw invalid('an activity type needs a English label');
		if (!labelJa) throw invalid('an activity type needs a Japanese label');
		state.activityTypes.push({ key, labelEn, labelJa, platform: null, weight: Number(args.weight), builtin: false, usage: 0 });
	},
	delete_activity_type: (args) => {
		const type = state.activityTypes.find((t) => t.key === args.key);
		if (!type) throw invalid(`"${String(args.key)}" is not a known activity type`);
		if (type.builtin) throw invalid(`"${type.key}" is a built-in activity type and cannot be deleted`);
		state.activityTypes = state.activityTypes.filter((t) => t !== type);
	},
	save_half_life: (args) => {
		const days = Number(args.days);
		if (!(days >= 1 && days <= 3650)) throw invalid(`the score half-life must be between 1 and 3650 days (got ${days})`);
		state.halfLifeDays = days;
		return applied();
	},
	save_levels: (args) => saveLevels(args.levels as LevelInput[]),
	save_tier_thresholds: (args) => saveTiers(args.thresholds as InfluencerThresholds)
};
