// Japanese messages for referrals, downstream reach, top advocates and influencers.
import type { Catalogue } from '../messages';
import type { referralsEn } from './referrals.en';

export const referralsJa: Catalogue<typeof referralsEn> = {
	wordOfMouth: '口コミ',
	title: '口コミ',
	intro: '誰が新しい人を連れてきているか。紹介の記録、紹介した人がさらに紹介した人も含めた広がり、フォロワー数によるインフルエンサーを確認できます。',
	back: 'メンバー',
	advocates: {
		title: 'トップアドボケイト',
		intro: '紹介した人がさらに紹介した人も含め、連れてきた人数の多い順に並べています。',
		label: 'トップアドボケイト',
		loading: '紹介を集計しています…',
		empty: 'まだ紹介が記録されていません。メンバーのページから記録できます。',
		columns: {
			rank: '順位',
			member: 'メンバー',
			direct: '直接の紹介',
			total: '広がりの合計',
			active: '現在も活動中',
			level: 'レベル'
		},
		notScored: '未計算'
	},
	influencers: {
		title: 'インフルエンサー',
		label: 'インフルエンサー',
		loading: 'インフルエンサーを探しています…',
		filterLabel: '区分',
		all: 'すべての区分',
		empty: 'この区分のメンバーはいません。',
		columns: {
			member: 'メンバー',
			tier: '区分',
			platform: 'プラットフォーム',
			account: 'アカウント',
			followers: 'フォロワー'
		}
	},
	card: {
		title: '紹介',
		loading: '紹介を読み込んでいます…',
		referredBy: '{name}さんの紹介（{channel}）',
		referredOn: '{date}',
		deletedReferrer: '（削除済み）',
		notReferred: '紹介者の記録はありません。',
		reach: {
			one: '直接紹介した人: {count}人',
			other: '直接紹介した人: {count}人'
		},
		totalReach: {
			one: '紹介先がさらに紹介した人を含めて合計{count}人',
			other: '紹介先がさらに紹介した人を含めて合計{count}人'
		},
		noReach: 'まだ誰も紹介していません。',
		tree: '紹介ツリー（3世代まで）',
		treeLabel: '{name}さんが紹介した人',
		record: '紹介者を記録',
		remove: '紹介を削除',
		removeConfirm: '{name}さんがこのメンバーを紹介した記録を削除しますか？',
		confirmRemove: '削除する',
		cancel: 'キャンセル',
		referrerLabel: '紹介者',
		referrerPlaceholder: '名前・よみがな・メール・ハンドルでメンバーを検索',
		searching: '検索しています…',
		noMatches: '該当するメンバーがいません。',
		channelLabel: '経路',
		save: '紹介を記録',
		saving: '保存しています…',
		pickReferrer: '紹介したメンバーを選んでください。'
	},
	channels: {
		inPerson: '直接',
		link: 'リンク',
		code: '紹介コード',
		social: 'SNS',
		event: 'イベント',
		other: 'その他'
	},
	channelNames: {
		inPerson: '直接',
		link: 'リンク',
		code: '紹介コード',
		social: 'SNS',
		event: 'イベント',
		other: 'その他'
	}
};
