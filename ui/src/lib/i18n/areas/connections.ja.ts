// Japanese messages for Settings → Connections (platform accounts Kizuna pulls from).
import type { Catalogue } from '../messages';
import type { connectionsEn } from './connections.en';

export const connectionsJa: Catalogue<typeof connectionsEn> = {
	title: '連携',
	intro:
		'メンバー・イベント・アクティビティを取り込むプラットフォームのアカウントです。同期では新しい分だけを取り込み、ファイルと同じようにインポート履歴に残る（取り消せる）ほか、トークンはコミュニティファイルではなくシステムのキーチェーンに保存します。',
	empty: 'まだ連携はありません。下から Discourse フォーラム、Discord サーバー、Eventbrite 組織を追加してください。',
	kinds: { discourse: 'Discourse', discord: 'Discord', eventbrite: 'Eventbrite' },
	add: {
		title: '連携を追加',
		kind: 'プラットフォーム',
		label: 'Kizuna での名前',
		labelPlaceholder: '例：コミュニティフォーラム',
		url: 'アドレス',
		urlHint: { discourse: 'フォーラムのアドレス（例：https://forum.example.com）', discord: '空欄なら Discord の API を使います', eventbrite: '空欄なら Eventbrite の API を使います' },
		account: { discourse: 'API ユーザー名', discord: 'サーバー（ギルド）ID', eventbrite: '組織 ID' },
		accountHint: {
			discourse: 'API キーの持ち主のユーザー名（例：system）',
			discord: 'Discord でサーバーを右クリック（開発者モード）→「サーバーIDをコピー」',
			eventbrite: 'Eventbrite の組織設定に表示されます'
		},
		token: { discourse: 'API キー', discord: 'Bot トークン', eventbrite: 'プライベートトークン' },
		tokenHint: 'システムのキーチェーンにだけ保存されます。',
		submit: '連携を追加',
		added: '「{label}」を追加しました。'
	},
	columns: { name: '名前', platform: 'プラットフォーム', account: 'アカウント', lastSync: '最終同期', actions: '操作' },
	never: '未同期',
	lastSummary: '新規メンバー {members} · 新規アクティビティ {activities} · 新規申込 {registrations}',
	test: '接続テスト',
	tested: '接続できました：{what}',
	sync: '今すぐ同期',
	syncing: '同期中…',
	fetching: '{what} を読み込み中：{count}',
	importing: '{total} 件中 {done} 件を取り込み中',
	cancel: '中止',
	synced: '「{label}」を同期しました：新規メンバー {members}、新規アクティビティ {activities}。',
	nothingNew: '「{label}」を同期しました：新しいものはありません。',
	remove: '削除',
	removeConfirm: '「{label}」を削除しますか？取り込んだ内容は残ります（インポート履歴から取り消せます）。',
	removeYes: '削除する',
	removeNo: 'そのままにする',
	removed: '「{label}」を削除しました。',
	lastError: '前回の試行は失敗しました'
};
