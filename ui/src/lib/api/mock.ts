// DEV AID ONLY — fake answers to the Rust commands so the UI can be looked at in a plain browser
// (`vite dev` / `vite preview` with `?mock`). Loaded by dev-mock.ts only when the URL asks for it
// and Tauri is absent; the real app never fetches this file. `?mock=empty` starts with an empty
// community, `?mock=error` makes every data command fail.
import { mockIPC } from '@tauri-apps/api/mocks';
import type {
	CommunityInfo,
	DashboardSummary,
	EventSummary,
	Identity,
	InfluencerTier,
	MemberDetail,
	MemberPage,
	MemberRow,
	ScoreExplanation,
	TimelineEntry
} from '$lib/bindings';
import { mockDuplicateSuggestions, plantedPeople } from './mock-duplicates';
import { mockLevelDistribution, mockMemberScore } from './mock-engagement';
import { answerMemberEdit, answersMemberEdit } from './mock-memberEdit';
import { mockMerge } from './mock-merge';
import { referralsMockCommands } from './mock-referrals';
import { settingsMockCommands } from './mock-settings';
import { mockMemberTraits, traitsMockCommands } from './mock-traits';
import { segmentsMockCommands } from './mock-segments';
import { eventsMockCommands } from './mock-events';
import { answerEventMoney } from './mock-eventMoney';
import { badgesMockCommands } from './mock-badges';
import { campaignCompareMockCommands } from './mock-campaignCompare';
import { campaignsMockCommands } from './mock-campaigns';
import { perksMockCommands } from './mock-perks';
import { ideasMockCommands } from './mock-ideas';

const sampleSize = 100_000;
const day = 86_400_000;
const now = Date.now();

const familyNames = [
	['佐藤', 'さとう', 'sato'], ['鈴木', 'すずき', 'suzuki'], ['高橋', 'たかはし', 'takahashi'],
	['田中', 'たなか', 'tanaka'], ['伊藤', 'いとう', 'ito'], ['渡辺', 'わたなべ', 'watanabe'],
	['山本', 'やまもと', 'yamamoto'], ['中村', 'なかむら', 'nakamura'], ['小林', 'こばやし', 'kobayashi'],
	['加藤', 'かとう', 'kato'], ['吉田', 'よしだ', 'yoshida'], ['山田', 'やまだ', 'yamada'],
	['松本', 'まつもと', 'matsumoto'], ['井上', 'いのうえ', 'inoue'], ['木村', 'きむら', 'kimura']
] as const;
const givenNames = [
	['陽菜', 'ひな', 'hina'], ['蓮', 'れん', 'ren'], ['結衣', 'ゆい', 'yui'], ['湊', 'みなと', 'minato'],
	['葵', 'あおい', 'aoi'], ['大翔', 'ひろと', 'hiroto'], ['美咲', 'みさき', 'misaki'],
	['健太', 'けんた', 'kenta'], ['彩', 'あや', 'aya'], ['翔', 'しょう', 'sho'], ['優子', 'ゆうこ', 'yuko'],
	['拓海', 'たくみ', 'takumi']
] as const;
const westernFirst = ['Emma', 'Lucas', 'Olivia', 'Noah', 'Mia', 'Liam', 'Sofia', 'Ethan', 'Chloé', 'Mateo'];
const westernLast = ['Wilson', 'Martin', 'García', 'Nguyen', 'Müller', 'Rossi', 'Kim', 'Dubois', 'Silva'];
const socialPlatforms = ['discord', 'x', 'instagram', 'youtube', 'tiktok', 'line', 'github'];
const tagPool = ['speaker', 'volunteer', 'organiser', 'early adopter', 'beta tester', 'Tokyo', 'Osaka'];
const eventTitles = ['Tokyo Rust Meetup #42', 'Community Day 2026', 'Design Night Osaka', 'Online AMA'];
const activityTypes = [
	{ key: 'event_attended', en: 'Attended an event', ja: 'イベントに参加', platform: null },
	{ key: 'event_registered', en: 'Registered for an event', ja: 'イベントに申し込み', platform: null },
	{ key: 'message_posted', en: 'Posted a message', ja: 'メッセージを投稿', platform: 'discord' },
	{ key: 'community_mentioned', en: 'Mentioned the community', ja: 'コミュニティに言及', platform: 'x' },
	{ key: 'video_commented', en: 'Commented on a video', ja: '動画にコメント', platform: 'youtube' },
	{ key: 'pull_request_opened', en: 'Opened a pull request', ja: 'プルリクエストを作成', platform: 'github' },
	{ key: 'newsletter_opened', en: 'Opened the newsletter', ja: 'ニュースレターを開封', platform: 'email' }
] as const;

/** A fixed pseudo-random number in [0, 1) for (index, salt), so every reload shows the same people. */
function chance(index: number, salt: number): number {
	let x = Math.imul(index ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(salt + 1, 0xc2b2ae35);
	x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
	x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
	return ((x ^ (x >>> 16)) >>> 0) / 4294967296;
}

function pick<T>(items: readonly T[], index: number, salt: number): T {
	return items[Math.floor(chance(index, salt) * items.length)] as T;
}

function tierFor(followers: number): InfluencerTier | null {
	if (followers >= 500_000) return 'macro';
	if (followers >= 100_000) return 'mid';
	if (followers >= 10_000) return 'micro';
	return followers >= 1_000 ? 'nano' : null;
}

function memberId(index: number): string {
	return `01930000-0000-7000-8000-${index.toString(16).padStart(12, '0')}`;
}

function memberIndex(id: string): number {
	return Number.parseInt(id.slice(-12), 16);
}

function memberAt(index: number): MemberRow & { handle: string } {
	let displayName: string, nameReading: string | null, handle: string, email: string | null;
	if (chance(index, 1) < 0.72) {
		const [familyKanji, familyKana, familyRomaji] = pick(familyNames, index, 2);
		const [givenKanji, givenKana, givenRomaji] = pick(givenNames, index, 3);
		displayName = `${familyKanji} ${givenKanji}`;
		nameReading = `${familyKana} ${givenKana}`;
		handle = `${givenRomaji}_${familyRomaji}${index % 97}`;
		email = `${givenRomaji}.${familyRomaji}${index % 1000}@example.jp`;
	} else {
		const first = pick(westernFirst, index, 2);
		const last = pick(westernLast, index, 3);
		displayName = `${first} ${last}`;
		nameReading = null;
		handle = `${first}${last}${index % 97}`.toLowerCase();
		email = `${first}.${last}${index % 1000}@example.com`.toLowerCase();
	}
	if (chance(index, 4) < 0.08) email = null;
	const planted = plantedPeople.get(index);
	if (planted) {
		({ displayName, nameReading, email } = planted);
		handle = planted.handle ?? handle;
	}
	const social = socialPlatforms.filter((_, i) => chance(index, 10 + i) < 0.3);
	const followers = social.length ? Math.floor(10 ** (1.2 + 5 * chance(index, 5) ** 3)) : null;
	const joinedAt = now - Math.floor(chance(index, 6) * 5 * 365 * day);
	const lastActiveAt = chance(index, 7) < 0.1 ? null : joinedAt + Math.floor(chance(index, 8) * (now - joinedAt));
	return {
		id: memberId(index),
		displayName,
		nameReading,
		email,
		handle,
		platforms: [...(email ? ['email'] : []), ...social],
		maxFollowers: followers,
		tier: followers === null ? null : tierFor(followers),
		joinedAt,
		lastActiveAt
	};
}

let community: CommunityInfo = { path: '/mock/sample.kizuna', name: 'Kizuna Sample Community', isSample: true };
const matchesBySearch = new Map<string, number[]>();

function memberCount(): number {
	return community.isSample ? sampleSize : 0;
}

function matchingIndices(search: string): number[] | null {
	const needle = search.trim().toLowerCase();
	if (!needle) return null;
	let matches = matchesBySearch.get(needle);
	if (!matches) {
		matches = [];
		for (let index = 0; index < memberCount(); index++) {
			const member = memberAt(index);
			const haystack = [member.displayName, member.nameReading, member.email, member.handle].join(' ');
			if (haystack.toLowerCase().includes(needle)) matches.push(index);
		}
		matchesBySearch.set(needle, matches);
	}
	return matches;
}

function listMembers(search: string, offset: number, limit: number): MemberPage {
	const matches = matchingIndices(search);
	const total = matches ? matches.length : memberCount();
	const rows: MemberRow[] = [];
	for (let i = offset; i < Math.min(total, offset + limit); i++) {
		const { handle: _handle, ...row } = memberAt(matches ? (matches[i] ?? 0) : i);
		rows.push(row);
	}
	return { total, offset, rows };
}

function upcomingEvents(): EventSummary[] {
	if (!community.isSample) return [];
	const kinds = ['inPerson', 'online', 'hybrid', 'inPerson'] as const;
	return eventTitles.slice(0, 3).map((title, i) => ({
		id: `event-${i}`,
		title,
		kind: kinds[i] ?? 'inPerson',
		startsAt: Math.floor((now + (4 + i * 9) * day) / day) * day + 10 * 3_600_000, // 19:00 in Tokyo
		timeZone: 'Asia/Tokyo',
		venue: kinds[i] === 'online' ? null : i === 0 ? 'Shibuya Stream Hall' : 'Umeda Sky Building',
		capacity: i === 1 ? null : 120 + i * 80,
		going: 87 + i * 41
	}));
}

function dashboardSummary(): DashboardSummary {
	let active30d = 0;
	let newThisMonth = 0;
	const monthStart = new Date(new Date(now).getFullYear(), new Date(now).getMonth(), 1).getTime();
	for (let index = 0; index < memberCount(); index++) {
		const member = memberAt(index);
		if (member.lastActiveAt !== null && member.lastActiveAt > now - 30 * day) active30d++;
		if (member.joinedAt >= monthStart) newThisMonth++;
	}
	const nextEvents = upcomingEvents();
	return {
		members: memberCount(),
		active30d,
		newThisMonth,
		upcomingEvents: community.isSample ? 4 : 0,
		activities: community.isSample ? 1_874_312 : 0,
		nextEvents
	};
}

function activityCountOf(index: number, lastActiveAt: number | null): number {
	return lastActiveAt === null ? 0 : 6 + Math.floor(chance(index, 30) * 120);
}

function existingMemberIndex(id: string): number {
	const index = memberIndex(id);
	if (!Number.isFinite(index) || index < 0 || index >= memberCount()) {
		throw { code: 'notFound', message: `no member with id ${id}` };
	}
	return index;
}

function memberScore(id: string): ScoreExplanation {
	const index = existingMemberIndex(id);
	const { member, timeline, activityCount } = memberDetail(id);
	const { lastActiveAt } = memberAt(index);
	const scored = { id, displayName: member.displayName, activityCount, lastActiveAt, timeline };
	return mockMemberScore(scored, (salt) => chance(index, salt), now);
}

function memberDetail(id: string): MemberDetail {
	const index = existingMemberIndex(id);
	const { handle, ...row } = memberAt(index);
	const identities: Identity[] = row.platforms
		.filter((platform) => platform !== 'email')
		.map((platform, i) => {
			const followers = i === 0 ? row.maxFollowers : Math.floor((row.maxFollowers ?? 0) * chance(index, 20 + i));
			return {
				id: `${row.id}-${platform}`,
				platform,
				handle: platform === 'discord' || platform === 'line' ? handle : `@${handle}`,
				url: platform === 'line' ? null : `https://${platform}.example/${handle}`,
				followers,
				tier: followers === null ? null : tierFor(followers)
			};
		});
	const activityCount = activityCountOf(index, row.lastActiveAt);
	const timeline: TimelineEntry[] = [];
	for (let i = 0; i < Math.min(activityCount, 25); i++) {
		const type = pick(activityTypes, index * 31 + i, 31);
		const span = (row.lastActiveAt ?? row.joinedAt) - row.joinedAt;
		timeline.push({
			id: `${row.id}-activity-${i}`,
			activityType: type.key,
			labelEn: type.en,
			labelJa: type.ja,
			occurredAt: (row.lastActiveAt ?? now) - Math.floor((i / 25) * span),
			platform: type.platform,
			url: type.platform && type.platform !== 'email' ? `https://${type.platform}.example/post/${index}-${i}` : null,
			eventTitle: type.key.startsWith('event_') ? pick(eventTitles, index + i, 32) : null
		});
	}
	return {
		member: {
			...row,
			phone: chance(index, 40) < 0.5 ? `090-${1000 + (index % 9000)}-${2000 + (index % 7000)}` : null,
			locale: row.nameReading ? 'ja' : 'en',
			country: row.nameReading ? 'Japan' : 'France',
			city: row.nameReading ? pick(['Tokyo', 'Osaka', 'Fukuoka', 'Sapporo'], index, 41) : 'Lyon',
			birthYear: 1970 + Math.floor(chance(index, 42) * 35),
			source: pick(['connpass', 'Peatix', 'Luma', 'Discord'], index, 43),
			notes: chance(index, 44) < 0.4 ? 'Helped at the registration desk twice.\nInterested in speaking.' : null,
			deletedAt: null
		},
		identities,
		tags: tagPool.filter((_, i) => chance(index, 50 + i) < 0.2),
		traits: mockMemberTraits(row.id),
		timeline,
		activityCount
	};
}

function activityChart(theme: string, lang: string): string {
	const dark = theme === 'dark';
	const [ink, grid, bar] = dark ? ['#a0a9b8', '#2d333e', '#7b8ff0'] : ['#5c6677', '#e1e4ea', '#3f56c4'];
	const today = new Date(now);
	const months = Array.from(
		{ length: 12 },
		(_, i) => new Date(today.getFullYear(), today.getMonth() - 11 + i, 1)
	);
	const values = months.map((_, i) =>
		community.isSample ? Math.floor(90_000 + 80_000 * chance(i, 60) + i * 6_000) : 0
	);
	const max = Math.ceil(Math.max(200_000, ...values) / 50_000) * 50_000;
	const [width, height, left, bottom, top] = [800, 300, 64, 36, 16];
	const plotHeight = height - bottom - top;
	const slot = (width - left - 16) / months.length;
	const parts = [
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" ` +
			`viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`
	];
	for (let step = 0; step <= 4; step++) {
		const y = top + plotHeight - (plotHeight * step) / 4;
		const tick = `${((max * step) / 4 / 1000).toFixed(0)}k`;
		parts.push(`<line x1="${left}" x2="${width - 16}" y1="${y}" y2="${y}" stroke="${grid}"/>`);
		parts.push(`<text x="${left - 8}" y="${y + 4}" text-anchor="end" fill="${ink}">${tick}</text>`);
	}
	months.forEach((month, i) => {
		const barHeight = (plotHeight * (values[i] ?? 0)) / max;
		const x = left + i * slot + slot * 0.18;
		const label = lang === 'ja' ? `${month.getMonth() + 1}月` : month.toLocaleString('en', { month: 'short' });
		const tooltip = `<title>${label} ${month.getFullYear()}: ${values[i]}</title>`;
		parts.push(
			`<rect x="${x}" y="${top + plotHeight - barHeight}" width="${slot * 0.64}" ` +
				`height="${barHeight}" rx="3" fill="${bar}">${tooltip}</rect>`
		);
		parts.push(`<text x="${x + slot * 0.32}" y="${height - 14}" text-anchor="middle" fill="${ink}">${label}</text>`);
	});
	parts.push('</svg>');
	return parts.join('');
}

// Placeholder for the Rust insight charts: a few made-up shapes, stamped "MOCK" so nobody mistakes
// them for real numbers.
function insightChart(chart: string, theme: string, lang: string): string {
	const dark = theme === 'dark';
	const [ink, grid, fill] = dark ? ['#a0a9b8', '#2d333e', '#7b8ff0'] : ['#5c6677', '#e1e4ea', '#3f56c4'];
	const [width, height] = [600, 260];
	const parts = [
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" ` +
			`viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`
	];
	for (let step = 0; step <= 4; step++) {
		const y = 20 + step * 50;
		parts.push(`<line x1="40" x2="${width - 16}" y1="${y}" y2="${y}" stroke="${grid}"/>`);
	}
	const seed = chart.length * 7;
	if (chart === 'cohortRetention') {
		for (let row = 0; row < 6; row++) {
			for (let col = 0; col < 6 - row; col++) {
				const share = Math.max(0.1, 1 - col * 0.15 - 0.1 * chance(row * 6 + col, seed));
				parts.push(
					`<rect x="${60 + col * 84}" y="${24 + row * 33}" width="80" height="30" rx="2" ` +
						`fill="${fill}" fill-opacity="${share.toFixed(2)}"/>`
				);
			}
		}
	} else if (chart === 'activeWeekly' || chart === 'levelsOverTime') {
		const count = chart === 'activeWeekly' ? 26 : 12;
		const points = Array.from({ length: count }, (_, i) => {
			const x = 40 + (i * (width - 56)) / (count - 1);
			const y = 200 - 60 * chance(i, seed) - i * 3;
			return `${x.toFixed(1)},${y.toFixed(1)}`;
		});
		parts.push(`<polyline points="${points.join(' ')}" fill="none" stroke="${fill}" stroke-width="2"/>`);
	} else {
		const count = chart === 'activityMix' ? 6 : 8;
		const slot = (width - 56) / count;
		for (let i = 0; i < count; i++) {
			const barHeight = 40 + 140 * chance(i, seed);
			parts.push(
				`<rect x="${40 + i * slot + slot * 0.2}" y="${220 - barHeight}" width="${slot * 0.6}" ` +
					`height="${barHeight}" rx="3" fill="${fill}"/>`
			);
		}
	}
	const stamp = lang === 'ja' ? 'モック' : 'MOCK';
	parts.push(
		`<text x="${width - 20}" y="${height - 12}" text-anchor="end" fill="${ink}">${stamp}: ${chart}</text>`
	);
	parts.push('</svg>');
	return parts.join('');
}

function answer(command: string, args: Record<string, unknown>, mode: string): unknown {
	if (mode === 'error' && command !== 'open_community') {
		throw { code: 'storage', message: 'database is locked (mock)' };
	}
	const areaCommand = settingsMockCommands[command] ?? referralsMockCommands(memberAt, memberIndex, memberCount)[command];
	if (areaCommand) return areaCommand(args);
	if (traitsMockCommands[command]) return traitsMockCommands[command](args);
	if (answersMemberEdit(command, args)) return answerMemberEdit(command, args, memberDetail);
	const eventMoney = answerEventMoney(command, args);
	if (eventMoney) return eventMoney.answer;
	const segmentCommand = segmentsMockCommands(listMembers)[command];
	if (segmentCommand) return segmentCommand(args);
	const eventCommand = eventsMockCommands(listMembers)[command];
	if (eventCommand) return eventCommand(args);
	if (badgesMockCommands[command]) return badgesMockCommands[command](args);
	if (campaignCompareMockCommands[command]) return campaignCompareMockCommands[command](args);
	if (campaignsMockCommands[command]) return campaignsMockCommands[command](args);
	if (perksMockCommands[command]) return perksMockCommands[command](args);
	const ideaCommand = ideasMockCommands((id) => memberDetail(id).member.displayName)[command];
	if (ideaCommand) return ideaCommand(args);
	switch (command) {
		case 'open_community':
			return community;
		case 'open_sample_community':
			community = { path: '/mock/sample.kizuna', name: 'Kizuna Sample Community', isSample: true };
			matchesBySearch.clear();
			return community;
		case 'create_empty_community':
			if (!String(args.name ?? '').trim()) throw { code: 'invalidInput', message: 'the name is empty' };
			community = { path: '/mock/new.kizuna', name: String(args.name), isSample: false };
			matchesBySearch.clear();
			return community;
		case 'dashboard_summary':
			return dashboardSummary();
		case 'activity_chart':
			return activityChart(String(args.theme), String(args.lang));
		case 'insight_chart':
			return insightChart(String(args.chart), String(args.theme), String(args.lang));
		case 'list_members':
			return listMembers(String(args.search ?? ''), Number(args.offset), Number(args.limit));
		case 'member_detail':
			return memberDetail(String(args.id));
		case 'member_score':
			return memberScore(String(args.id));
		case 'level_distribution':
			return mockLevelDistribution(memberCount());
		case 'duplicate_suggestions':
			return community.isSample ? mockDuplicateSuggestions(memberId) : [];
		case 'merge_preview': case 'merge_members': case 'undo_merge': case 'list_merges':
			return mockMerge(command, args, memberDetail);
		default:
			throw { code: 'internal', message: `mock has no command ${command}` };
	}
}

/** Replaces Tauri's IPC with the fake commands above; `mode` is the value of the `?mock` flag. */
export function installMockCommands(mode: string): void {
	if (mode === 'empty') community = { path: '/mock/new.kizuna', name: 'Shibuya Makers', isSample: false };
	console.info('[kizuna] dev mock: commands are answered with fake data (mode: %s)', mode || 'sample');
	mockIPC(async (command, payload) => {
		await new Promise((resolve) => setTimeout(resolve, 60 + Math.random() * 140));
		return answer(command, (payload ?? {}) as Record<string, unknown>, mode);
	});
}
