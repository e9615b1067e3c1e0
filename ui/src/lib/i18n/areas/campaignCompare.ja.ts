// Japanese messages for the campaign comparison screen (cost, members, retention, level mix).
import type { Catalogue } from '../messages';
import type { campaignCompareEn } from './campaignCompare.en';

export const campaignCompareJa: Catalogue<typeof campaignCompareEn> = {
	title: 'キャンペーンの比較',
	intro: '各キャンペーンの費用、獲得したメンバー数、そのうち活動を続けている人数を比べます。まだ判断できない新しいコホートには印を付けています。',
	backToList: 'キャンペーン一覧',
	asOf: '{date}時点の数値',
	loading: 'キャンペーンを比較しています…',
	noCampaigns: '比較できるキャンペーンはまだありません。',
	chooseTitle: '比較するキャンペーン',
	chosenCount: '{total}件中{chosen}件を選択',
	chooseAll: '最新の{count}件を選ぶ',
	chooseLimit: 'グラフで見やすく表示できるのは{count}件までです。追加するには、どれかの選択を外してください。',
	chooseOne: '比較するキャンペーンを1件以上選んでください。',
	started: '{date}開始',
	membersBrought: { one: '{count}人を獲得', other: '{count}人を獲得' },
	kinds: { influencer: 'インフルエンサー', email: 'メール', social: 'ソーシャル', referral: '紹介', co_creation: '共創', event: 'イベント' },
	statuses: { planned: '予定', running: '実施中', done: '終了', cancelled: '中止' },
	tableTitle: '並べて比較',
	tableLabel: 'キャンペーンの比較表',
	columns: {
		campaign: 'キャンペーン',
		cost: '費用',
		members: '獲得人数',
		costPerMember: '1人あたり費用',
		activeAt90: '90日継続',
		costPerActive90: '90日継続者あたり費用',
		retention: '継続率'
	},
	days: '{days}日',
	daysLong: '{days}日後',
	basis: { actual: '実費', budget: '予算', feesOnly: '報酬のみ' },
	withFees: '報酬{fees}を含む',
	none: '—',
	young: '判断には早い',
	retentionTitle: '{mature}人中{active}人がアクティブ',
	youngTitle: 'この時点に達したメンバーはまだ{mature}人です。判断には{need}人必要です',
	wordOfMouthValue: '口コミ：紹介 {second}人・その先 {third}人',
	wordOfMouthTitle: '紹介で参加した人が{second}人、さらにその人たちの紹介で参加した人が{third}人',
	caveats: {
		tooYoung: '{days}日後はまだ判断できません（到達{mature}人、必要{need}人）',
		noMembers: 'まだメンバーを獲得していません',
		noCost: '支出・予算・報酬が記録されていません',
		noCurrency: '通貨が設定されていない金額があります'
	},
	chartTitle: '継続率の推移',
	chartLabel: '各キャンペーンで参加したメンバーのうち、30・90・180・365日後もアクティブな割合',
	chartFailed: 'グラフを描けませんでした。同じ数値は上の表にあります。',
	levelsTitle: '現在のコホート',
	levelsIntro: '各キャンペーンで参加したメンバーの現在のレベルと、その人たちの紹介で広がった参加者の数。',
	levelsEmpty: 'メンバーはまだいません',
	levelFigure: '{level}：{count}人',
	totalsTitle: '通貨ごとの合計',
	totalsIntro: '異なる通貨の金額は合算しません。',
	totalsColumns: {
		currency: '通貨',
		campaigns: 'キャンペーン数',
		cost: '費用',
		members: '獲得メンバー',
		costPerMember: '1人あたりの費用'
	},
	exportCsv: 'CSVを書き出す',
	exporting: '書き出し中…',
	exportDialogTitle: 'キャンペーン比較の保存先',
	exportFileName: 'キャンペーン比較',
	exported: { one: '{count}件のキャンペーンを {path} に保存しました', other: '{count}件のキャンペーンを {path} に保存しました' }
};
