// Japanese messages for the Settings screen: activity types and weights, half-life, levels, influencer tiers.
import type { Catalogue } from '../messages';
import type { settingsEn } from './settings.en';

export const settingsJa: Catalogue<typeof settingsEn> = {
	title: '設定',
	engagementTitle: 'エンゲージメント',
	engagementIntro:
		'エンゲージメントの採点方法を決めます。活動の種類ごとの重み、時間とともに薄れる速さ、メンバーを分けるレベルとインフルエンサー区分です。保存するたびに全メンバーのスコアをすぐに再計算します。',
	syncLater: 'このコミュニティはこのパソコン内のファイルにあります。下の「チーム同期」でチームと共有できます。',
	loading: 'エンゲージメントのルールを読み込んでいます…',
	save: '保存',
	saving: '保存しています…',
	cancel: 'キャンセル',
	needsNumber: '数値を入力してください。',
	rescored: {
		one: '保存しました。再計算の結果、{count}人のレベルが変わりました（昇格 {promoted}人、降格 {demoted}人）。',
		other: '保存しました。再計算の結果、{count}人のレベルが変わりました（昇格 {promoted}人、降格 {demoted}人）。'
	},
	saved: '保存しました。',
	types: {
		title: '活動の種類',
		intro:
			'活動ごとに、その重みがメンバーのスコアに加算されます。登壇やレビュー執筆など、手動で記録する活動のために独自の種類を追加できます。',
		label: '活動の種類と重み',
		columns: {
			key: 'キー',
			labelEn: '英語の表示名',
			labelJa: '日本語の表示名',
			platform: 'プラットフォーム',
			weight: '重み',
			usage: '使用数',
			actions: '操作'
		},
		anyPlatform: 'すべて',
		builtin: '標準',
		usage: {
			one: '{count}件',
			other: '{count}件'
		},
		edit: '編集',
		delete: '削除',
		deleteConfirm: '「{label}」を削除しますか？',
		confirmDelete: '削除する',
		add: '独自の種類を追加',
		newTitle: '新しい活動の種類',
		keyHint: '半角英小文字・数字・_ で入力（例: gave_talk）',
		create: '種類を追加',
		labelEnPlaceholder: '例: Gave a talk',
		labelJaPlaceholder: '例: 登壇した'
	},
	halfLife: {
		title: 'スコアの半減期',
		intro: 'この日数が経つと活動の点数は半分になり、その倍の日数で4分の1になります。',
		label: '半減期（日数）',
		days: '日'
	},
	levels: {
		title: 'レベル',
		intro:
			'メンバーは、スコアが到達している最も高いしきい値のレベルに分類されます。最初のレベルは0点から始まり、各しきい値は一つ前のレベルより大きくする必要があります。',
		label: 'レベルとしきい値',
		columns: {
			rank: '順位',
			labelEn: '英語の名前',
			labelJa: '日本語の名前',
			minScore: '最低スコア',
			members: 'メンバー数'
		},
		add: 'レベルを追加',
		remove: '削除',
		removeLevel: 'レベル{rank}を削除',
		reset: '変更を元に戻す',
		unsaved: '未保存の変更があります'
	},
	tiers: {
		title: 'インフルエンサー区分',
		intro: 'メンバーの最もフォロワーが多いアカウントについて、各区分に必要な最少フォロワー数です。ナノのしきい値未満のメンバーはインフルエンサーとして数えません。',
		followers: 'フォロワー以上'
	}
};
