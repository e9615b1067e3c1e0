// Japanese messages for the Reports screen (PDF report packs and their CSV tables).
import type { Catalogue } from '../messages';
import type { reportsEn } from './reports.en';

export const reportsJa: Catalogue<typeof reportsEn> = {
	title: 'レポート',
	intro: '上司やチームに渡せる PDF レポートです。種類・期間・言語を選び、ページを確認してから保存します。',
	kindLegend: 'レポートの種類',
	kinds: {
		overview: 'コミュニティ概況',
		event: 'イベントレポート',
		campaigns: 'キャンペーン比較',
		perks: '特典と先行アクセス',
		board: '取締役会資料'
	},
	kindHints: {
		overview: '前期間と比べた KPI、エンゲージメントの推移、レベル、コホート、主なアドボケイト、流入元別の新規メンバー。',
		event: '出席状況、時間ごとのチェックイン、予算の計画と実績、参加者 1 人あたりの費用、フィードバック。',
		campaigns: '各キャンペーンの費用、獲得メンバー数、継続率を並べて比較します。',
		perks: '特典の付与と利用、エンゲージメントへの効果。',
		board: '表紙と目次に続けて、上のすべてを 1 つのファイルにまとめます。'
	},
	period: '期間',
	from: '開始日',
	to: '終了日',
	periodDays: { one: '{count}日間', other: '{count}日間' },
	presets: {
		last30: '過去30日',
		thisMonth: '今月',
		lastMonth: '先月',
		lastQuarter: '前四半期',
		thisYear: '今年'
	},
	problems: {
		missing: '期間の開始日と終了日を入力してください。',
		reversed: '終了日が開始日より前です。2 つの日付を入れ替えてください。',
		future: 'この期間はまだ始まっていないため、レポートにする内容がありません。',
		noEvent: 'レポートにするイベントを選んでください。'
	},
	segment: '対象メンバー',
	allMembers: 'すべてのメンバー',
	segmentCount: { one: '{name}（{count}人）', other: '{name}（{count}人）' },
	event: 'イベント',
	chooseEvent: 'イベントを選択…',
	noEvents: 'イベントがまだありません。「イベント」から追加してください。',
	language: 'レポートの言語',
	languages: { en: '英語 (English)', ja: '日本語' },
	preview: 'レポートを表示',
	building: 'レポートを作成しています…',
	stages: {
		gathering: '数値を集計しています…',
		drawing: 'グラフを描いています…',
		typesetting: 'ページを組んでいます…'
	},
	pages: { one: '{count}ページ', other: '{count}ページ' },
	pageLabel: '{page} / {total} ページ',
	previewEmpty: 'レポートの種類と期間を選び、「レポートを表示」を押すとここにページが表示されます。',
	stale: 'このページを作成した後に選択が変わりました。新しいレポートを保存するには、もう一度表示してください。',
	savePdf: 'PDF を保存…',
	saving: '保存しています…',
	savePdfTitle: 'レポートを PDF で保存',
	saved: '{pages}を {path} に保存しました',
	saveCsv: '表を CSV で保存…',
	saveCsvTitle: 'CSV の保存先フォルダーを選択',
	savedCsv: { one: '{count}件の表を {dir} に保存しました', other: '{count}件の表を {dir} に保存しました' },
	tables: 'このレポートの表',
	tableRows: { one: '{count}行', other: '{count}行' },
	noTables: 'このレポートには表がありません。'
};
