// DEV AID ONLY — planted duplicates for mock.ts (`?mock`): pairs of sample members who are the
// same person written differently, plus one pair of different people with the same name.
import type { DuplicateConflict, DuplicateReason, DuplicateSuggestion } from '$lib/bindings';

/** How a planted member differs from the generated one at the same index. */
export interface PlantedPerson {
	displayName: string;
	nameReading: string | null;
	email: string | null;
	handle?: string;
}

interface PlantedPair {
	first: [number, PlantedPerson];
	second: [number, PlantedPerson];
	confidence: number;
	reasons: DuplicateReason[];
	conflicts: DuplicateConflict[];
}

const yamadaTaro: PlantedPerson = { displayName: '山田 太郎', nameReading: 'やまだ たろう', email: 'taro.yamada@example.jp', handle: 'taro_yamada' };

const plantedPairs: PlantedPair[] = [
	{
		first: [12, yamadaTaro],
		second: [73_005, { displayName: 'Taro Yamada', nameReading: null, email: 'taro.yamada@example.jp', handle: 'taro_yamada' }],
		confidence: 0.97,
		reasons: [{ kind: 'sameEmail' }, { kind: 'sameHandle', platform: 'x' }, { kind: 'sameNameKey' }],
		conflicts: []
	},
	{
		first: [12, yamadaTaro],
		second: [48_211, { displayName: 'ヤマダ タロウ', nameReading: 'やまだ たろう', email: null, handle: 'taro_yamada' }],
		confidence: 0.91,
		reasons: [{ kind: 'sameHandle', platform: 'x' }, { kind: 'sameNameKey' }],
		conflicts: []
	},
	{
		first: [305, { displayName: '佐藤 陽菜', nameReading: 'さとう ひな', email: 'hina.sato@example.jp' }],
		second: [61_540, { displayName: '佐藤 ひな', nameReading: 'さとう ひな', email: 'Hina.Sato+events@example.jp' }],
		confidence: 0.9,
		reasons: [{ kind: 'sameEmail' }, { kind: 'sameNameKey' }],
		conflicts: []
	},
	{
		first: [1_024, { displayName: '田中 湊', nameReading: 'たなか みなと', email: 'minato.t@example.jp' }],
		second: [88_120, { displayName: '田中 湊', nameReading: 'たなか みなと', email: 'minato.tanaka@example.com' }],
		confidence: 0.84,
		reasons: [{ kind: 'samePhone' }, { kind: 'sameNameKey' }],
		conflicts: [{ kind: 'differentEmail' }]
	},
	{
		first: [2_077, { displayName: '高橋 結衣', nameReading: 'たかはし ゆい', email: 'yui.takahashi@example.jp', handle: 'yui_tkhs' }],
		second: [54_902, { displayName: 'Yui Takahashi', nameReading: null, email: null, handle: 'yui_tkhs' }],
		confidence: 0.72,
		reasons: [{ kind: 'sameHandle', platform: 'instagram' }],
		conflicts: [{ kind: 'differentPhone' }]
	},
	{
		first: [3_310, { displayName: 'Emma Wilson', nameReading: null, email: 'emma.wilson@example.com' }],
		second: [90_417, { displayName: 'emma wilson', nameReading: null, email: 'ewilson@example.org' }],
		confidence: 0.61,
		reasons: [{ kind: 'samePhone' }, { kind: 'sameNameKey' }],
		conflicts: [{ kind: 'differentEmail' }]
	},
	{
		first: [7_450, { displayName: '鈴木 蓮', nameReading: 'すずき れん', email: 'ren.suzuki@example.jp' }],
		second: [39_876, { displayName: 'スズキ レン', nameReading: 'すずき れん', email: null }],
		confidence: 0.52,
		reasons: [{ kind: 'sameNameKey' }],
		conflicts: [{ kind: 'differentBirthYear' }]
	},
	{
		first: [9_001, { displayName: 'Lucas Martin', nameReading: null, email: 'lucas.martin@example.com' }],
		second: [66_310, { displayName: 'Lucas Martin', nameReading: null, email: 'l.martin@example.fr' }],
		confidence: 0.28,
		reasons: [{ kind: 'sameNameKey' }],
		conflicts: [{ kind: 'differentEmail' }, { kind: 'differentHandle', platform: 'github' }]
	}
];

/** The planted members by index, so the member list and member pages show the same names. */
export const plantedPeople = new Map<number, PlantedPerson>(
	plantedPairs.flatMap((pair) => [pair.first, pair.second])
);

/** The suggestions for the sample community, most confident first. */
export function mockDuplicateSuggestions(memberId: (index: number) => string): DuplicateSuggestion[] {
	return plantedPairs
		.map((pair) => ({
			first: { id: memberId(pair.first[0]), displayName: pair.first[1].displayName },
			second: { id: memberId(pair.second[0]), displayName: pair.second[1].displayName },
			confidence: pair.confidence,
			reasons: pair.reasons,
			conflicts: pair.conflicts
		}))
		.sort((a, b) => b.confidence - a.confidence);
}
