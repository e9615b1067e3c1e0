// Japanese messages for an event's budget, after-the-event analysis and suggestion list.
import type { Catalogue } from '../messages';
import type { eventMoneyEn } from './eventMoney.en';

export const eventMoneyJa: Catalogue<typeof eventMoneyEn> = {
	loading: '読み込み中…',
	none: '—',
	cancel: 'キャンセル',
	save: '保存',
	saving: '保存中…',
	edit: '編集',
	delete: '削除',
	categories: {
		venue: '会場',
		catering: '飲食',
		vendors: '業者',
		merchandise: 'グッズ',
		travel: '交通・宿泊',
		ads: '広告',
		other: 'その他',
		tickets: 'チケット',
		sponsorship: '協賛',
		coHost: '共催者の負担金'
	},
	budget: {
		title: '予算',
		currency: '金額の通貨：{currency}',
		costs: '費用',
		income: '収入',
		addCost: '費用を追加',
		addIncome: '収入を追加',
		noCosts: 'まだ費用がありません。会場費や飲食費など、支払うものを追加してください。',
		noIncome: '収入の行はありません。Kizunaで記録したチケット販売は自動で集計されます。',
		columns: {
			category: '区分',
			vendor: '内容・取引先',
			planned: '予定',
			actual: '実績',
			paid: '支払日',
			notes: 'メモ'
		},
		notPaid: '未払い',
		form: {
			kind: '種類',
			cost: '費用',
			incomeKind: '収入',
			category: '区分',
			planned: '予定額',
			actual: '実績額',
			actualHint: '支払い・入金が済むまでは空欄のままにします。',
			amountPlaceholder: '例：{example}',
			vendor: '内容または取引先',
			paidOn: '支払日',
			notes: 'メモ'
		},
		deleteConfirm: 'この「{category}」の行を削除しますか？',
		totals: '合計',
		plannedTotal: '予定',
		actualTotal: '現時点の実績',
		totalCost: '費用',
		totalIncome: '収入',
		net: '収支（収入 − 費用）',
		ticketIncome: '申し込みからのチケット売上 {amount} を含みます。',
		otherCurrency: {
			one: '別の通貨の有料申し込み{count}件は含めていません。',
			other: '別の通貨の有料申し込み{count}件は含めていません。'
		},
		variance: '区分ごとの予実差',
		varianceColumns: { category: '区分', planned: '予定', actual: '実績', variance: '差額' },
		over: '予定超過',
		under: '予定以下',
		onPlan: '予定どおり',
		moreIncome: '予定より多い',
		lessIncome: '予定より少ない',
		unpaid: {
			one: '実績額が未入力の行が{count}件あります',
			other: '実績額が未入力の行が{count}件あります'
		},
		perHead: '1人あたりの費用',
		perHeadIntro: '見込み費用（実績額があれば実績、なければ予定）を人数で割った金額です。',
		perRegistered: '申込者1人あたり',
		perRegisteredHelp: '申込者{count}人（参加予定・参加・無断欠席）。',
		perAttended: '参加者1人あたり',
		perAttendedHelp: 'チェックイン済み{count}人。',
		perEngaged: '新たに活発になったメンバー1人あたり',
		perEngagedHelp: 'イベント後60日以内にエンゲージメントレベルが上がった参加者{count}人。',
		nobody: 'まだいません',
		chart: '予定と実績',
		chartLabel: '区分ごとの予定費用と実績費用の棒グラフ'
	},
	outcomes: {
		title: '開催後の振り返り',
		attendance: '参加率',
		attendanceHelp: '申込者{registered}人のうち{attended}人が参加しました。',
		noShows: '無断欠席率',
		noShowHelp: '{count}人が申し込んだものの来ませんでした。',
		noRegistrations: 'まだ申し込みがありません',
		firstTimers: '初参加のメンバー',
		firstTimersIntro: 'このイベントが初めての参加だったメンバーです。歓迎のメッセージを送るのに役立ちます。',
		noFirstTimers: '初参加のメンバーはいません。',
		rating: '平均評価',
		ratingValue: '{rating} / 5',
		ratingCount: {
			one: '{count}件の回答から',
			other: '{count}件の回答から'
		},
		noRating: 'まだフィードバックがありません',
		stars: '星{stars}つ：{count}件',
		effectTitle: '活動への効果',
		effectIntro:
			'イベント後{days}日間とイベント前{days}日間の参加者1人あたりのアクティビティ数を、参加しなかった同じレベルのメンバーと比べます。',
		effectIncomplete: 'イベント後の{days}日間がまだ終わっていないため、この数値は今後変わります。',
		effectCaveat: '関連を示すもので、因果の証明ではありません。参加者は自ら参加を選んでいます。',
		effectNone: '比較できるメンバーがまだ足りません。同じレベルに参加者と不参加者の両方が必要です。',
		effectValue: '効果：参加者1人あたり{value}件',
		group: 'グループ',
		before: '前',
		after: '後',
		change: '増減',
		attendeesRow: '参加者（{count}人）',
		comparisonRow: '比較グループ（{count}人）'
	},
	feedback: {
		title: 'フィードバック',
		empty: 'まだフィードバックがありません。下のフォームで入力するか、アンケートのCSVを取り込んでください。',
		anonymous: '匿名',
		fromCsv: 'CSV',
		addTitle: 'フィードバックを追加',
		member: 'メンバー（任意）',
		rating: '評価',
		comment: 'コメント',
		add: 'フィードバックを追加',
		deleteLabel: '{name}さんのフィードバックを削除',
		ratingLabel: '5段階中{rating}',
		importTitle: 'CSVから取り込む',
		importIntro:
			'列：rating（1〜5、必須）、comment、email または member_id、submitted_at。ファイルはすべての行をまとめて取り込むか、まったく取り込まないかのどちらかです。',
		chooseFile: 'CSVファイルを選ぶ…',
		fileFilter: 'CSVファイル',
		preview: {
			one: '取り込める行：{count}件',
			other: '取り込める行：{count}件'
		},
		badRows: {
			one: '{count}件の行を先に直してください。直すまで何も取り込まれません：',
			other: '{count}件の行を先に直してください。直すまで何も取り込まれません：'
		},
		line: '{line}行目',
		importButton: {
			one: '{count}件を取り込む',
			other: '{count}件を取り込む'
		},
		imported: {
			one: '{count}件を取り込みました。',
			other: '{count}件を取り込みました。'
		},
		moreRows: '…ほか{count}件'
	},
	members: {
		search: 'メンバーを検索',
		placeholder: '名前・よみがな・メールアドレス',
		clear: 'クリア',
		noMatch: '該当するメンバーがいません。',
		chosen: '{name}さんとして'
	},
	suggestions: {
		title: '提案',
		intro: 'メンバーがテーマ・会場・日程を提案します。ここで投票を記録し、どれが好まれているかを確認できます。',
		kinds: { topic: 'テーマ', venue: '会場', date: '日程' },
		proposeTitle: '提案する',
		kind: '種類',
		text: '提案内容',
		textPlaceholder: '例：実践 非同期Rust',
		proposedBy: '提案者（任意）',
		propose: '提案する',
		voterTitle: '投票するメンバー',
		pickVoter: 'メンバーを選ぶと、そのメンバーとして投票できます。',
		empty: 'まだ提案がありません。',
		place: '順位',
		rankLabel: '{rank}位',
		votes: {
			one: '{count}票',
			other: '{count}票'
		},
		by: '提案：{name}',
		vote: '投票',
		unvote: '投票を取り消す',
		voteFor: '{name}さんとして「{text}」に投票',
		unvoteFor: '{name}さんの「{text}」への投票を取り消す'
	}
};
