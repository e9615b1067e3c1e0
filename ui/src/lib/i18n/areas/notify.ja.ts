// Japanese system notifications for long jobs that finish while Kizuna is in the background.
import type { Catalogue } from '../messages';
import type { notifyEn } from './notify.en';

export const notifyJa: Catalogue<typeof notifyEn> = {
	importDone: 'インポートが完了しました',
	importDoneBody: '{file}：新しいメンバー {created} 人、更新 {updated} 人、取り込めなかった行 {bad} 行。',
	importFailed: 'インポートが中断しました',
	reportDone: 'レポートの準備ができました',
	reportDoneBody: '{title}：{pages}を確認・保存できます。',
	reportFailed: 'レポートを作成できませんでした',
	connectionDone: '{label} からのインポートが完了しました',
	connectionFailed: '{label} からのインポートが中断しました'
};
