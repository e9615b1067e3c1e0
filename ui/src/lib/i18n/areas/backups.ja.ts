// Japanese messages for Settings → Backups and the screen shown when a community file is damaged.
import type { Catalogue } from '../messages';
import type { backupsEn } from './backups.en';

export const backupsJa: Catalogue<typeof backupsEn> = {
	title: 'バックアップ',
	intro:
		'このコミュニティを開いている間、Kizuna は 1 日 1 回バックアップを取り、直近 7 日と 8 週それぞれの最新のバックアップを残します。保存先：{folder}',
	backUpNow: '今すぐバックアップ',
	backingUp: 'バックアップ中…',
	backedUp: 'バックアップしました（{date}、{size}）。',
	loading: 'バックアップを読み込み中…',
	none: 'バックアップはまだありません。コミュニティを開いて少しすると最初のバックアップが取られます。「今すぐバックアップ」でもすぐに取れます。',
	taken: '日時',
	size: 'サイズ',
	restore: '復元…',
	damaged: {
		title: 'このコミュニティのファイルは壊れています',
		explain:
			'{file} を開けません。ディスクの不具合、途中で止まったコピー、ほかのプログラムなどにより、一部が上書きされたか切り詰められています。ファイルには何も変更していません。',
		offer: '完全な状態の最新のバックアップは {date} のものです（「{community}」、メンバー {members} 人、イベント {events} 件、アクティビティ {activities} 件）。それ以降の変更は含まれません。',
		restore: '最新のバックアップを復元（{date}）',
		noBackup: 'このファイルのバックアップは見つかりませんでした。別の場所にコピーがあれば、壊れたファイルと置き換えてから Kizuna を起動し直してください。',
		otherwise: 'または別のコミュニティを開く：',
		damagedKept: '壊れたファイルはバックアップのフォルダーに残すので、復元しても何も失われません。',
		newerTitle: 'このコミュニティには新しい Kizuna が必要です',
		newerExplain:
			'このバージョンより新しい Kizuna で保存されています。データを守るため、このバージョンでは開きません。Kizuna を更新してから開いてください。',
		checking: 'バックアップを探しています…'
	},
	preview: {
		checking: 'バックアップを確認中…',
		title: '{date} のバックアップを復元しますか？',
		intro:
			'コミュニティはその時点の状態に戻り、それ以降の変更はなくなります。復元の前に今の状態もバックアップするので、元に戻すこともできます。',
		what: '項目',
		inBackup: 'バックアップ',
		now: '現在',
		unreadable: '読み取れません',
		members: 'メンバー',
		events: 'イベント',
		activities: 'アクティビティ',
		confirm: 'このバックアップを復元',
		restoring: '復元中…',
		cancel: 'キャンセル'
	}
};
