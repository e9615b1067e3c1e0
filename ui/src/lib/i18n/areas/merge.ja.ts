// Japanese messages for side-by-side merge of two members and undo of past merges.
import type { Catalogue } from '../messages';
import type { mergeEn } from './merge.en';

export const mergeJa: Catalogue<typeof mergeEn> = {
	compare: '見比べて統合',
	title: '見比べて統合',
	back: '重複の候補に戻る',
	loading: '2人のメンバーを読み込んでいます…',
	intro: '2つの記録で違う項目は、残す値を選んでください。{merged} のそれ以外の情報はすべて {kept} に移ります。',
	keptBadge: '残す',
	mergedBadge: '統合される',
	swap: '残すメンバーを入れ替える',
	fieldColumn: '項目',
	empty: '未入力',
	same: '両方とも同じ',
	differ: {
		one: '{count} 項目が異なります',
		other: '{count} 項目が異なります'
	},
	field: {
		displayName: '名前',
		nameReading: 'よみがな',
		email: 'メールアドレス',
		phone: '電話番号',
		locale: '言語',
		country: '国',
		city: '市区町村',
		birthYear: '生まれ年',
		joinedAt: '参加日',
		source: '流入元',
		notes: 'メモ'
	},
	moves: {
		title: '{kept} に移るもの',
		identities: {
			one: 'アカウント {count} 件',
			other: 'アカウント {count} 件'
		},
		tags: {
			one: 'タグ {count} 件',
			other: 'タグ {count} 件'
		},
		activities: {
			one: 'アクティビティ {count} 件',
			other: 'アクティビティ {count} 件'
		},
		registrations: {
			one: 'イベント申し込み {count} 件',
			other: 'イベント申し込み {count} 件'
		},
		sharedEvents: {
			one: '両方が申し込んだイベント {count} 件：より進んだ状態を残します',
			other: '両方が申し込んだイベント {count} 件：より進んだ状態を残します'
		},
		duplicateTags: {
			one: '両方に付いているタグ {count} 件：1つにまとめます',
			other: '両方に付いているタグ {count} 件：1つにまとめます'
		},
		traits: {
			one: '特性 {count} 件',
			other: '特性 {count} 件'
		},
		duplicateTraits: {
			one: '両方にある特性 {count} 件：1つにまとめます',
			other: '両方にある特性 {count} 件：1つにまとめます'
		},
		nothing: 'ほかに移るものはありません。変わるのはプロフィールの項目だけです。'
	},
	clashes: {
		title: '両方が持っているアカウント',
		hint: '{kept} 側のもの（フォロワー数を含む）を残し、もう一方は削除します。元に戻すと復元されます。'
	},
	afterwards:
		'統合後、{merged} は一覧や検索に表示されなくなります。データは失われず、{kept} のページからいつでも元に戻せます。',
	confirm: '統合する',
	merging: '統合しています…',
	cancel: 'キャンセル',
	refused: 'この統合はできません：{message}',
	notice: {
		merged: '{merged} をこのメンバーに統合しました。',
		undo: '元に戻す',
		undoing: '元に戻しています…',
		undone: '統合を元に戻しました。{merged} は再び別のメンバーです。',
		openMerged: '{merged} を開く',
		dismiss: '閉じる'
	},
	history: {
		title: '統合の履歴',
		mergedHere: '{date}にこのメンバーへ統合',
		mergedAway: '{date}にこのメンバーの統合先になりました',
		undoneOn: '{date}に元に戻しました',
		fieldsTaken: '取り込んだ項目：{fields}',
		undo: '元に戻す',
		undoing: '元に戻しています…',
		undoLabel: '{merged} から {kept} への統合を元に戻す',
		cannotUndo: '元に戻せませんでした：{message}'
	}
};
