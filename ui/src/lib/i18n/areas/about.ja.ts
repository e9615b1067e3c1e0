// Japanese messages for the About screen (Help → About Kizuna) and its third-party notices.
import type { Catalogue } from '../messages';
import type { aboutEn } from './about.en';

export const aboutJa: Catalogue<typeof aboutEn> = {
	title: 'Kizuna について',
	tagline: 'オフラインでも使えるコミュニティ管理。',
	loading: 'ライセンス情報を読み込んでいます…',
	version: 'バージョン {version}',
	licence: 'ライセンス：{licence}',
	credits:
		'Kizuna は Tauri・SQLite・typst・plotters・Svelte と、下に挙げるオープンソースソフトウェアで作られています。レポートのフォントは Noto Sans JP（SIL Open Font License 1.1）です。アプリのアイコンと画面のアイコンは Kizuna のために描いたもので、Kizuna と同じライセンスです。',
	noticesTitle: 'サードパーティのライセンス',
	noticesIntro: 'Kizuna に含まれる他者のソフトウェアとそのライセンスです。選ぶとライセンス本文を表示します。',
	counts: '{crates}、{npm}、{fonts}',
	crates: { one: 'Rust クレート {count} 個', other: 'Rust クレート {count} 個' },
	npm: { one: 'npm パッケージ {count} 個', other: 'npm パッケージ {count} 個' },
	fonts: { one: 'フォント {count} 個', other: 'フォント {count} 個' },
	texts: { one: '異なるライセンス本文 {count} 件', other: '異なるライセンス本文 {count} 件' },
	search: 'ライセンスを検索',
	searchPlaceholder: '名前またはライセンス（例：serde、MPL）',
	listLabel: 'サードパーティのコンポーネント',
	shown: { one: '{count} 件を表示', other: '{count} 件を表示' },
	noMatch: '「{query}」に一致するものはありません。',
	kinds: { crate: 'Rust クレート', npm: 'npm パッケージ', font: 'フォント' },
	choose: '左の一覧から選ぶと、ライセンス本文を表示します。',
	detailLicence: 'ライセンス',
	detailRepository: 'ソース',
	standardText: 'このパッケージにはライセンスファイルがないため、宣言されたライセンスの標準の本文を表示しています。',
	textLabel: 'ライセンス本文 {n} / {total}',
	sharedWith: { one: '他の {count} 個と同じ本文', other: '他の {count} 個と同じ本文' }
};
