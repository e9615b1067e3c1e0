// Japanese messages for the command palette (Ctrl/Cmd-K).
import type { Catalogue } from '../messages';
import type { paletteEn } from './palette.en';

export const paletteJa: Catalogue<typeof paletteEn> = {
	open: '検索・移動…',
	shortcut: 'Ctrl K',
	shortcutMac: '⌘K',
	title: 'メンバー・イベント・キャンペーン・操作へ移動',
	placeholder: '名前、イベント、キャンペーン、したいことを入力…',
	noMatch: '「{query}」に一致するものはありません。',
	searching: '検索しています…',
	kinds: {
		screen: '画面',
		action: '操作',
		member: 'メンバー',
		event: 'イベント',
		campaign: 'キャンペーン'
	},
	actions: {
		newMember: 'メンバーを追加',
		newEvent: 'イベントを企画',
		newCampaign: 'キャンペーンを始める',
		newPerk: '特典を作成',
		newIdea: 'アイデアを記録',
		newSegment: 'セグメントを作成',
		compareCampaigns: 'キャンペーンを比較',
		duplicates: '重複の可能性を確認',
		advocates: '口コミ（紹介）を見る',
		importFile: 'ファイルをインポート',
		makeReport: 'PDF レポートを作成',
		backups: 'バックアップと復元（設定）',
		about: 'Kizuna について（バージョン・ライセンス・サードパーティ）'
	},
	help: '↑ ↓ 移動 · Enter 開く · Esc 閉じる',
	keys: {
		palette: 'Ctrl+K ⌘K',
		skip: 'Tab',
		tables: '↑ ↓',
		close: 'Esc'
	},
	shortcutsTitle: 'キーボードショートカット',
	shortcuts: {
		palette: 'このパレットを開く',
		skip: '画面へ移動（最初の Tab）',
		tables: '一覧や表の中を移動',
		close: 'ダイアログや受付画面を閉じる'
	}
};
