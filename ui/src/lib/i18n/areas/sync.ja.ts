// Japanese messages for Settings → Sync (team hub, token, sync now, automatic sync, conflicts).
import type { Catalogue } from '../messages';
import type { syncEn } from './sync.en';

export const syncJa: Catalogue<typeof syncEn> = {
	title: 'チーム同期',
	intro:
		'ハブを通じてこのコミュニティをチームと共有します。各自が自分のコピーで作業でき、オフラインでも使えます。同期すると自分の変更を送り、チームの変更を受け取ります。',
	hubUrl: 'ハブのアドレス',
	hubUrlHint: '例：https://hub.example.com（チームの管理者から受け取ります）',
	token: 'トークン',
	tokenPlaceholderSaved: '保存済み — 置き換える場合は新しいトークンを入力',
	tokenPlaceholder: '管理者から受け取ったトークンを貼り付け',
	tokenHint: 'システムのキーチェーンに保存されます。コミュニティのファイルには書かれず、再表示もされません。',
	label: 'チームに表示するこのパソコンの名前',
	labelHint: '同じ項目を同時に変更したとき、あなたの変更の横にチームメンバーへ表示されます（例：「Aiko (aiko-laptop)」）。',
	save: '保存',
	saving: '保存しています…',
	saved: '保存しました。',
	syncNow: '今すぐ同期',
	syncing: '同期しています…',
	synced: '同期しました。',
	auto: 'このコミュニティを開いている間、10 分ごとに自動で同期する',
	status: {
		lastSync: '最後の同期',
		never: 'まだ同期していません',
		pending: '送信待ちの変更',
		token: 'トークン',
		tokenSaved: 'キーチェーンに保存済み',
		tokenMissing: '未保存'
	},
	lastError: '前回の同期は完了しませんでした：{message}',
	reasons: {
		unreachable:
			'ハブ（{hub}）に接続できません。オフラインかもしれません。変更は保存されており、ハブに接続できるようになったら同期されます',
		unauthorized: 'ハブがトークンを拒否しました（誤りか取り消し済み）。チームの管理者に新しいトークンを依頼してください',
		forbidden: 'このトークンではその操作が許可されていません。チームの管理者に確認してください',
		rate_limited: 'ハブが混み合っています。{seconds}秒後にもう一度同期してください',
		too_large: '変更のまとまりが大きすぎるとハブに拒否されました。Kizunaを更新するか、ハブの上限についてチームの管理者に確認してください',
		server_error: 'ハブで問題が起きました（{status}）。しばらくしてからもう一度お試しください。続く場合はチームの管理者に伝えてください',
		bad_response: 'ハブの応答を読み取れませんでした。ハブのアドレスを確認してください（Kizunaのハブですか？）',
		version_mismatch: 'ハブの同期のバージョンが異なります。このパソコンのKizunaを更新してください',
		refused: 'ハブが要求を拒否しました（{status}）。Kizunaを更新するか、チームの管理者に伝えてください',
		no_hub: 'ハブが設定されていません。上にチームのハブのアドレスを入力してください',
		no_token: 'このハブのトークンが保存されていません。チームの管理者から受け取ったトークンを貼り付けて保存してください',
		keychain_unavailable:
			'システムのキーチェーンがロックされているか使用できません。ロックを解除して（またはデスクトップにログインして）もう一度お試しください',
		local: 'このコミュニティのファイルを読み書きできませんでした。詳しくはログを確認してください'
	},
	notSet:
		'ハブが未設定です。チームの管理者にハブのアドレスとトークン（「kizuna hub invite」で発行）をもらい、上に入力して保存してください。それまでこのコミュニティはこのパソコンの中だけにあります。',
	conflicts: {
		title: '同期の競合',
		intro:
			'同じ項目が、同期する前にこのパソコンと別のパソコンの両方で変更されました。現在は後の変更が表示されています。もう一方の値が正しければそちらを残してください。残した値はチーム全員に同期されます。',
		empty: '競合はありません。あなたとチームの誰かが同期前に同じ項目を変更すると、ここに両方の値が表示され、どちらを残すか選べます。',
		record: 'レコード',
		field: '項目',
		mine: 'このパソコン',
		theirs: 'チームから',
		when: '検出日時',
		shown: '現在表示中',
		keepMine: '自分の値を残す',
		keepTheirs: '相手の値を残す',
		settled: '解決しました。残した値は次の同期で送信されます。',
		emptyValue: '（空）',
		you: 'あなた',
		otherComputer: '別のパソコン',
		byWhen: '{who}、{when}',
		fields: {
			display_name: '名前',
			name_reading: 'よみがな',
			email: 'メールアドレス',
			phone: '電話番号',
			city: '市区町村',
			country: '国',
			notes: 'メモ',
			title: 'タイトル',
			name: '名前',
			status: 'ステータス',
			description: '説明'
		},
		tables: {
			members: 'メンバー',
			events: 'イベント',
			campaigns: 'キャンペーン',
			perks: '特典',
			ideas: 'アイデア'
		}
	}
};
