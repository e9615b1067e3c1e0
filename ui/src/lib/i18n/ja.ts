// Japanese messages. Typed as Messages, so a key missing here (or added only here) is a type error.
import type { Messages } from './messages';
import { memberEditJa } from './areas/memberEdit.ja';
import { segmentsJa } from './areas/segments.ja';
import { mergeJa } from './areas/merge.ja';
import { settingsJa } from './areas/settings.ja';
import { referralsJa } from './areas/referrals.ja';
import { traitsJa } from './areas/traits.ja';
import { eventMoneyJa } from './areas/eventMoney.ja';
import { eventsJa } from './areas/events.ja';
import { badgesJa } from './areas/badges.ja';
import { ideasJa } from './areas/ideas.ja';
import { perksJa } from './areas/perks.ja';
import { campaignCompareJa } from './areas/campaignCompare.ja';
import { campaignsJa } from './areas/campaigns.ja';
import { importFilesJa } from './areas/importFiles.ja';
import { syncJa } from './areas/sync.ja';
import { connectionsJa } from './areas/connections.ja';
import { backupsJa } from './areas/backups.ja';
import { reportsJa } from './areas/reports.ja';
import { paletteJa } from './areas/palette.ja';
import { aboutJa } from './areas/about.ja';
import { notifyJa } from './areas/notify.ja';

export const ja: Messages = {
	app: {
		name: 'Kizuna',
		skipToContent: '本文へ移動'
	},
	nav: {
		label: '画面',
		dashboard: 'ダッシュボード',
		members: 'メンバー',
		segments: 'セグメント',
		events: 'イベント',
		campaigns: 'キャンペーン',
		perks: '特典',
		ideas: 'アイデア',
		import: 'インポート',
		reports: 'レポート',
		settings: '同期と設定'
	},
	shell: {
		sampleBadge: 'サンプルコミュニティ',
		sampleBanner:
			'これは架空のメンバーによるサンプルコミュニティです。自由に試すか、自分のコミュニティを始めましょう。',
		startEmpty: '空のコミュニティを始める',
		newCommunityLabel: '新しいコミュニティの名前',
		newCommunityPlaceholder: '例：Tokyo Rust Meetup',
		nameRequired: 'コミュニティの名前を入力してください。',
		create: '作成',
		creating: '作成中…',
		cancel: 'キャンセル',
		openSample: 'サンプルコミュニティを開く',
		openingSample: 'サンプルを開いています…',
		language: '言語',
		openingCommunity: 'コミュニティを開いています…',
		communityFailed: 'コミュニティを開けませんでした。',
		browserWithoutApp:
			'このページは Kizuna のウィンドウで、コミュニティを開くには Kizuna アプリが必要です。アプリから開くか、アドレスに ?mock を付けると架空のデータで試せます。'
	},
	dashboard: {
		title: 'ダッシュボード',
		kpiMembers: 'メンバー数',
		kpiActive30d: '直近30日のアクティブ',
		kpiNewThisMonth: '今月の新規',
		kpiUpcomingEvents: '今後のイベント',
		activityTitle: '月別の活動',
		activityTotal: '記録された活動は合計 {count} 件',
		chartLabel: 'メンバーの月別活動数の棒グラフ',
		chartLoading: 'グラフを描画しています…',
		noActivityYet:
			'活動はまだ記録されていません。インポート、イベントのチェックイン、各プラットフォームから同期した活動がこのグラフに表示されます。',
		nextEventsTitle: '次のイベント',
		noUpcomingEvents: '今後のイベントはまだありません。予定したイベントがここに表示されます。',
		going: '参加 {going} 人',
		goingOfCapacity: '参加 {going} / {capacity} 人',
		online: 'オンライン',
		eventKind: {
			inPerson: '会場',
			online: 'オンライン',
			hybrid: 'ハイブリッド'
		},
		insights: {
			title: 'エンゲージメント分析',
			chartLoading: 'グラフを描画しています…',
			activeWeekly: {
				title: '週ごとのアクティブメンバー',
				description: '直近26週間で、毎週なんらかの活動に参加したメンバーの数です。',
				label: '直近26週間の週ごとのアクティブメンバー数の折れ線グラフ'
			},
			levelsOverTime: {
				title: 'レベル別メンバー数の推移',
				description: '直近12か月で、エンゲージメントレベルごとのメンバー数がどう変わったかを示します。',
				label: '直近12か月のエンゲージメントレベル別メンバー数の積み上げ面グラフ'
			},
			cohortRetention: {
				title: 'コホート別の継続率',
				description: '各月に参加したメンバーのうち、その後の月にも活動を続けている割合です。',
				label: '参加月ごとのコホートが後の月にも活動している割合のヒートマップ'
			},
			firstContribution: {
				title: '初回の貢献までの期間',
				description: '新しいメンバーが参加してから最初の活動をするまでにかかった期間です。',
				label: '参加から最初の活動までの期間のヒストグラム'
			},
			activityMix: {
				title: '活動の内訳（90日間）',
				description: '直近90日間の活動を種類別に示します。',
				label: '直近90日間の種類別活動数の棒グラフ'
			}
		}
	},
	members: {
		title: 'メンバー',
		searchLabel: 'メンバーを検索',
		searchPlaceholder: '名前・よみがな・メール・ハンドルで検索',
		count: {
			one: 'メンバー {count} 人',
			other: 'メンバー {count} 人'
		},
		counting: 'メンバーを数えています…',
		tableLabel: 'メンバー一覧',
		columns: {
			name: '名前',
			email: 'メール',
			platforms: 'プラットフォーム',
			followers: 'フォロワー',
			joined: '参加日',
			lastActive: '最終活動'
		},
		noMatches:
			'「{search}」に一致するメンバーはいません。名前の一部、よみがな、メール、ハンドルで試してください。',
		noMembers:
			'まだメンバーがいません。名簿をインポートするかチームと同期すると、ここに表示されます。',
		loadingRow: '読み込み中…',
		none: '—'
	},
	memberDetail: {
		back: 'メンバー一覧に戻る',
		loading: 'メンバーを読み込んでいます…',
		notFound: 'このメンバーは見つかりませんでした。削除されたか、別のメンバーに統合された可能性があります。',
		joined: '{date}に参加',
		bornIn: '{year}年生まれ',
		source: '登録経路：{source}',
		profile: 'プロフィール',
		email: 'メール',
		phone: '電話',
		location: '所在地',
		notes: 'メモ',
		identities: 'アカウント',
		noIdentities: '連携しているアカウントはまだありません。',
		followers: {
			one: 'フォロワー {count} 人',
			other: 'フォロワー {count} 人'
		},
		openProfile: 'プロフィールを開く',
		tags: 'タグ',
		noTags: 'タグはまだありません。',
		timeline: '活動',
		activityCount: {
			one: '{count} 件の活動',
			other: '{count} 件の活動'
		},
		showingLatest: '{total} 件のうち最新の {shown} 件を表示しています。',
		noActivity: 'このメンバーの活動はまだ記録されていません。',
		atEvent: '{event}にて',
		openLink: 'リンクを開く'
	},
	engagement: {
		title: 'エンゲージメント',
		loading: 'スコアを計算しています…',
		score: 'スコア',
		level: 'レベル',
		levelHint: 'レベル：{level}',
		pointsToNext: '{level}まであと {points} ポイント',
		topLevel: '最高レベルに到達しています',
		progressLabel: '{level}までの進み具合',
		halfLife: {
			one: '新しい活動がないと、スコアは1日ごとに半分になります。',
			other: '新しい活動がないと、スコアは{count}日ごとに半分になります。'
		},
		why: 'このレベルの理由：活動ごとに種類の重みが加算され、古い活動ほど小さく数えられます。',
		breakdownLabel: '活動の種類別スコア',
		columns: {
			activity: '活動',
			count: '件数',
			weight: '重み',
			contribution: 'ポイント',
			share: '割合'
		},
		weightValue: '×{weight}',
		lastAt: '最終：{date}',
		noActivity:
			'まだ活動が記録されていないため、スコアは 0 です。イベントへの参加や投稿、貢献によってスコアとレベルが上がります。',
		distributionTitle: 'レベル別のメンバー',
		distributionLabel: 'レベルごとのメンバー数の棒グラフ（上位レベルから）',
		distributionLoading: 'レベルごとのメンバーを数えています…',
		distributionEmpty: 'まだメンバーがいません。メンバーが参加して活動すると、ここにレベルが表示されます。',
		fromScore: '{score} ポイント以上',
		levelMembers: {
			one: '{count} 人',
			other: '{count} 人'
		}
	},
	duplicates: {
		title: '重複の可能性',
		open: '重複の可能性',
		openWithCount: '重複の可能性（{count}）',
		back: 'メンバー一覧に戻る',
		loading: '同一人物の可能性があるメンバーを探しています…',
		intro: '同一人物と思われるメンバーの組み合わせです。並べて見比べてから統合できます。',
		neverAutomatic: 'Kizuna が自動で統合することはありません。ペアごとに見比べて項目を選んでから統合し、統合はあとからいつでも元に戻せます。',
		empty: '重複の可能性があるメンバーは見つかりませんでした。メール・ハンドル・電話番号・名前の読みが一致するメンバーがいると、ここに表示されます。',
		listLabel: '重複の候補（確度の高い順）',
		evidenceFor: '一致している点',
		evidenceAgainst: '異なる点',
		confidence: {
			high: '確度：高',
			medium: '確度：中',
			low: '確度：低',
			hint: '同一人物である確度 {percent}'
		},
		reason: {
			sameEmail: 'メールアドレスが一致',
			sameHandle: '{platform} のハンドルが一致',
			samePhone: '電話番号が一致',
			sameNameKey: '名前（読み）が一致',
			other: 'その他の一致'
		},
		conflict: {
			differentEmail: 'メールアドレスが異なる',
			differentHandle: '{platform} のハンドルが異なる',
			differentPhone: '電話番号が異なる',
			differentName: '名前が異なる',
			differentBirthYear: '生まれ年が異なる',
			other: 'その他の相違'
		}
	},
	tiers: {
		nano: 'ナノ',
		micro: 'マイクロ',
		mid: 'ミドル',
		macro: 'マクロ',
		hint: '{tier}インフルエンサー'
	},
	platforms: {
		email: 'メール',
		discord: 'Discord',
		x: 'X',
		instagram: 'Instagram',
		youtube: 'YouTube',
		tiktok: 'TikTok',
		line: 'LINE',
		github: 'GitHub'
	},
	memberEdit: memberEditJa,
	segments: segmentsJa,
	merge: mergeJa,
	settings: settingsJa,
	referrals: referralsJa,
	traits: traitsJa,
	eventMoney: eventMoneyJa,
	events: eventsJa,
	badges: badgesJa,
	ideas: ideasJa,
	perks: perksJa,
	campaignCompare: campaignCompareJa,
	campaigns: campaignsJa,
	importFiles: importFilesJa,
	sync: syncJa,
	connections: connectionsJa,
	backups: backupsJa,
	reports: reportsJa,
	palette: paletteJa,
	about: aboutJa,
	notify: notifyJa,
	errors: {
		retry: '再試行',
		notFound: '見つかりませんでした。削除されたか、別の記録に統合された可能性があります。',
		invalidInput: '入力内容に誤りがあります：{message}',
		notKizunaDatabase: 'このファイルは Kizuna のコミュニティではありません。',
		newerVersion:
			'このコミュニティは新しいバージョンの Kizuna で保存されています。開くには Kizuna を更新してください。',
		storage: 'コミュニティのファイルを読み書きできませんでした：{message}',
		corrupt: 'コミュニティのファイルが壊れています：{message}',
		internal: '問題が発生しました：{message}',
		cancelled: '中止しました。何も変更されていません。',
		remote: '{message}'
	}
};
