// DEV AID ONLY — fake engagement scores and level counts for mock.ts (`?mock`), shaped like the
// Rust side's: built-in weights, a 90-day half-life and the default level ladder.
import type { Level, LevelCount, ScoreExplanation, TypeContribution } from '$lib/bindings';

const halfLifeDays = 90;
const day = 86_400_000;

/** The default ladder of a new community (kizuna-core's DEFAULT_LEVELS). */
export const mockLevels: Level[] = [
	['newcomer', 'Newcomer', 'ニューカマー', 0],
	['participant', 'Participant', '参加者', 2],
	['contributor', 'Contributor', 'コントリビューター', 10],
	['advocate', 'Advocate', 'アドボケイト', 30],
	['champion', 'Champion', 'チャンピオン', 80]
].map(([key, labelEn, labelJa, minScore], i) => ({
	id: `level-${key}`,
	rank: i + 1,
	key: String(key),
	labelEn: String(labelEn),
	labelJa: String(labelJa),
	minScore: Number(minScore)
}));

const weightedTypes = [
	{ key: 'pull_request_opened', en: 'Opened a pull request', ja: 'プルリクエストを作成', weight: 8 },
	{ key: 'event_attended', en: 'Attended an event', ja: 'イベントに参加', weight: 5 },
	{ key: 'community_mentioned', en: 'Mentioned the community', ja: 'コミュニティに言及', weight: 2 },
	{ key: 'event_registered', en: 'Registered for an event', ja: 'イベントに申し込み', weight: 1 },
	{ key: 'video_commented', en: 'Commented on a video', ja: '動画にコメント', weight: 1 },
	{ key: 'message_posted', en: 'Posted a message', ja: 'メッセージを投稿', weight: 0.5 },
	{ key: 'newsletter_opened', en: 'Opened the newsletter', ja: 'ニュースレターを開封', weight: 0.2 }
];

/** What the mock knows about a member that their score depends on. */
export interface ScoredMember {
	id: string;
	displayName: string;
	activityCount: number;
	lastActiveAt: number | null;
	/** The member's timeline, so the breakdown names the same types and dates. */
	timeline: ReadonlyArray<{ activityType: string; occurredAt: number }>;
}

/** A member's explained score; `random(salt)` is the member's fixed pseudo-random source. */
export function mockMemberScore(member: ScoredMember, random: (salt: number) => number, now: number): ScoreExplanation {
	const lastAtByType = new Map<string, number>();
	for (const { activityType, occurredAt } of member.timeline) {
		lastAtByType.set(activityType, Math.max(occurredAt, lastAtByType.get(activityType) ?? 0));
	}
	const types = weightedTypes.filter((type) => lastAtByType.has(type.key));
	const slices = types.map((_, i) => 0.2 + random(80 + i));
	const sliceTotal = slices.reduce((sum, slice) => sum + slice, 0);
	let left = member.activityCount;
	const sinceLast = member.lastActiveAt === null ? 0 : (now - member.lastActiveAt) / day;
	const byType: TypeContribution[] = types.map((type, i) => {
		const count = i === types.length - 1 ? left : Math.min(left, Math.round((member.activityCount * (slices[i] ?? 0)) / sliceTotal));
		left -= count;
		// older activity counts for less: an average age somewhere after the last activity
		const averageAgeDays = sinceLast + random(90 + i) * 240;
		const lastAt = lastAtByType.get(type.key) ?? null;
		return {
			activityType: type.key,
			labelEn: type.en,
			labelJa: type.ja,
			count,
			weight: type.weight,
			contribution: count * type.weight * 0.5 ** (averageAgeDays / halfLifeDays),
			share: 0,
			lastAt
		};
	});
	const counted = byType.filter((row) => row.count > 0);
	const score = counted.reduce((sum, row) => sum + row.contribution, 0);
	for (const row of counted) row.share = score > 0 ? row.contribution / score : 0;
	counted.sort((a, b) => b.contribution - a.contribution);
	const levelIndex = mockLevels.findLastIndex((level) => score >= level.minScore);
	const level = mockLevels[Math.max(levelIndex, 0)] as Level;
	const nextLevel = mockLevels[Math.max(levelIndex, 0) + 1] ?? null;
	return {
		memberId: member.id,
		displayName: member.displayName,
		score,
		asOf: now,
		halfLifeDays,
		level,
		nextLevel,
		pointsToNext: nextLevel ? nextLevel.minScore - score : null,
		activityCount: member.activityCount,
		byType: counted
	};
}

/** Members per level for a community of `members` (about the sample's 42/36/17/4/1 %). */
export function mockLevelDistribution(members: number): LevelCount[] {
	const shares = [0.41873, 0.36211, 0.16954, 0.03968];
	const counts = shares.map((share) => Math.round(members * share));
	counts.push(members - counts.reduce((sum, count) => sum + count, 0));
	return mockLevels.map((level, i) => ({ level, members: counts[i] ?? 0 }));
}
