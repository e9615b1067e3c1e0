// Japanese messages for printing an event's name badges (PDF with a QR code per registration).
import type { Catalogue } from '../messages';
import type { badgesEn } from './badges.en';

export const badgesJa: Catalogue<typeof badgesEn> = {
	print: '名札を印刷（PDF）',
	printing: '名札を作成中…',
	dialogTitle: '名札の保存先',
	fileName: '名札',
	badgeCount: { one: '名札 {count}枚', other: '名札 {count}枚' },
	pageCount: { one: '{count}ページ', other: '{count}ページ' },
	saved: '{badges}（{pages}）を {path} に保存しました'
};
