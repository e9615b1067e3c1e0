// Japanese messages for member traits (demographic, psychographic, technology, behaviour).
import type { Catalogue } from '../messages';
import type { traitsEn } from './traits.en';

export const traitsJa: Catalogue<typeof traitsEn> = {
	title: '特性',
	intro: 'このメンバーについて分かっていることを、4つの観点で記録します。',
	dimensions: {
		demographic: '属性',
		psychographic: '興味・価値観',
		technology: 'テクノロジー',
		behaviour: '行動'
	},
	keys: {
		occupation: '職業',
		household: '世帯',
		interest: '興味',
		value: '価値観',
		device: '端末',
		app: 'アプリ',
		platform: 'プラットフォーム',
		purchase_frequency: '購入頻度',
		subscription: '定期便',
		channel: '購入先'
	},
	none: 'まだありません',
	remove: '特性「{trait}」を削除',
	add: '特性を追加',
	adding: '追加しています…',
	dimension: '観点',
	key: '項目',
	keyPlaceholder: '例: interest',
	value: '値',
	valuePlaceholder: '例: エスプレッソ',
	errors: {
		unknownDimension: '「{dimension}」は特性の観点ではありません。',
		keyRequired: '「interest」や「device」などの項目を入力してください。',
		valueRequired: '「エスプレッソ」や「iPhone」などの値を入力してください。',
		keyTooLong: '項目は{max}文字以内で入力してください（現在{length}文字）。',
		valueTooLong: '値は{max}文字以内で入力してください（現在{length}文字）。',
		duplicate: 'このメンバーにはすでに「{key}: {value}」があります。'
	}
};
