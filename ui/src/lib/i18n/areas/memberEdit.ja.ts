// Japanese messages for creating, editing, deleting and erasing members; logging manual activities; privacy export.
import type { Catalogue } from '../messages';
import type { memberEditEn } from './memberEdit.en';

export const memberEditJa: Catalogue<typeof memberEditEn> = {
	newMember: 'メンバーを追加',
	newTitle: '新しいメンバー',
	newIntro: '必須なのは表示名だけです。すべての項目はまとめて保存され、途中までしか保存されないことはありません。',
	cancel: 'キャンセル',
	save: '保存',
	saving: '保存しています…',
	create: 'メンバーを追加',
	creating: '追加しています…',
	edit: '編集',
	editTitle: 'プロフィールを編集',
	close: '閉じる',
	optional: '任意',
	fields: {
		displayName: '表示名',
		nameReading: 'よみがな',
		email: 'メールアドレス',
		phone: '電話番号',
		locale: '言語',
		country: '国',
		city: '市区町村',
		birthYear: '生まれた年',
		joined: '参加日',
		joinedHint: '空欄にすると今日の日付になります。',
		source: '流入元',
		sourceHint: 'connpass、知人の紹介など、どこから来たか。',
		notes: 'メモ',
		platform: 'プラットフォーム',
		handle: 'ハンドル名',
		url: 'プロフィール URL',
		followers: 'フォロワー数',
		tags: 'タグ',
		tagsHint: '複数のタグはカンマ（、）で区切ってください。'
	},
	locales: {
		none: '未設定',
		ja: '日本語',
		en: '英語'
	},
	firstIdentity: '最初のアカウント',
	firstIdentityHint: '任意です。プラットフォームとハンドル名を入力すると、アカウントも一緒に登録します。',
	otherPlatform: 'その他…',
	noPlatform: 'なし',
	identities: {
		title: 'プラットフォームのアカウント',
		add: 'アカウントを追加',
		adding: '追加しています…',
		edit: '編集',
		remove: '削除',
		removeLabel: '{platform} のアカウント {handle} を削除',
		editLabel: '{platform} のアカウント {handle} を編集',
		none: 'まだアカウントが登録されていません。'
	},
	tags: {
		title: 'タグ',
		add: 'タグを追加',
		newTag: '新しいタグ',
		remove: 'タグ「{tag}」を外す',
		none: 'タグはまだありません。'
	},
	activity: {
		open: '活動を記録',
		title: '活動を記録する',
		intro: '登壇やレビュー執筆など、このメンバーの活動を手動で記録します。エンゲージメントスコアに反映されます。',
		type: '活動の種類',
		choose: '種類を選んでください…',
		when: '日時',
		note: 'メモ',
		link: 'リンク',
		save: '記録する',
		saving: '記録しています…',
		loadingTypes: '活動の種類を読み込んでいます…',
		logged: '活動を記録しました。'
	},
	delete: {
		open: '削除',
		confirmTitle: '{name} さんを削除しますか？',
		confirmBody:
			'一覧や集計、スコアに表示されなくなります。データは消去されないため、あとから元に戻せます。',
		confirm: 'メンバーを削除',
		deleting: '削除しています…',
		banner: '削除済み — {name} さんは一覧とスコアに表示されていません。',
		restore: '元に戻す',
		restoring: '元に戻しています…'
	},
	deleted: {
		title: '削除したメンバー',
		link: '削除したメンバー',
		linkWithCount: '削除したメンバー（{count}）',
		intro: '削除したメンバーは一覧・集計・スコアに表示されませんが、データは消去されていません。「元に戻す」で削除前の状態に戻せます。',
		loading: '削除したメンバーを読み込んでいます…',
		empty: '削除したメンバーはいません。ほかのメンバーに統合したメンバーはここに表示されません。残したメンバーのページから統合を取り消してください。',
		deletedOn: '{date}に削除',
		restored: '{name}さんをメンバー一覧に戻しました。',
		open: '{name}さんを開く'
	},
	privacy: {
		title: 'プライバシー',
		intro:
			'メンバーから保有データの開示や削除（忘れられる権利）を求められたときに使います。どちらの操作も監査ログに記録されます。',
		export: '全データを書き出す（JSON）',
		exporting: '書き出しています…',
		exportDialogTitle: 'メンバーのデータを保存',
		exported: '{path} に {size} を保存しました。',
		erase: '完全に消去',
		eraseTitle: '{name} さんを完全に消去しますか？',
		eraseBody:
			'プロフィール、アカウント、タグ、活動、申し込み、紹介をすべて削除し、同期履歴からも値を消します。この操作は取り消せません。消去したことは監査ログに記録されます（個人情報は含みません）。',
		eraseTypeName: '確認のため、メンバーの名前を入力してください：{name}',
		eraseMismatch: '入力された名前が一致しません。',
		eraseConfirm: '完全に消去する',
		erasing: '消去しています…',
		erased: '{name} さんを消去しました（活動 {activities} 件、アカウント {identities} 件）。'
	},
	bytes: '{count} バイト',
	kilobytes: '{count} KB',
	invalid: {
		notAYear: '「{value}」は年として読み取れません。1990 のように西暦 4 桁で入力してください。',
		notACount: '「{value}」は整数ではありません。',
		notADate: '日付を入力してください。',
		noTime: '日時を選んでください。',
		noType: '活動の種類を選んでください。'
	}
};
