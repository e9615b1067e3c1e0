// Pure parts of the command palette (Ctrl/Cmd-K): what it can jump to, how typed text matches,
// and which keys open it.

/** What an entry of the palette is. */
export type PaletteKind = 'screen' | 'action' | 'member' | 'event' | 'campaign';

/** One entry: where choosing it goes, what it is called, and a hint shown beside it. */
export interface PaletteItem {
	id: string;
	kind: PaletteKind;
	label: string;
	hint?: string;
	/** Other words that find it without being shown (e.g. a screen's English name in Japanese). */
	aliases?: string;
	href: string;
}

/** The actions the palette offers besides the screens, as message keys of `palette.actions`. */
export const ACTIONS = [
	{ id: 'newMember', href: '/members/new' },
	{ id: 'newEvent', href: '/events/new' },
	{ id: 'newCampaign', href: '/campaigns/new' },
	{ id: 'newPerk', href: '/perks/new' },
	{ id: 'newIdea', href: '/ideas/new' },
	{ id: 'newSegment', href: '/segments/new' },
	{ id: 'compareCampaigns', href: '/campaigns/compare' },
	{ id: 'duplicates', href: '/members/duplicates' },
	{ id: 'advocates', href: '/members/advocates' },
	{ id: 'importFile', href: '/import' },
	{ id: 'makeReport', href: '/reports' },
	{ id: 'backups', href: '/settings' },
	{ id: 'about', href: '/about' }
] as const;

/** An action's id, e.g. `newMember`. */
export type ActionId = (typeof ACTIONS)[number]['id'];

/** Text folded for matching: full-width to half-width (NFKC), lower case, katakana as hiragana. */
export function fold(text: string): string {
	return text
		.normalize('NFKC')
		.toLowerCase()
		.replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
}

/**
 * How well `query` matches `label` (higher is better), or null when it does not: every word of the
 * query must appear in the label; a label that starts with the query ranks first, then one
 * with a word starting with it, then any other.
 */
export function matchScore(query: string, label: string): number | null {
	const words = fold(query).split(/\s+/).filter(Boolean);
	if (words.length === 0) return 0;
	const text = fold(label);
	let score = 0;
	for (const word of words) {
		const at = text.indexOf(word);
		if (at < 0) return null;
		if (at === 0) score += 3;
		else if (/[\s\-・/(（]/.test(text[at - 1] ?? '')) score += 2;
		else score += 1;
	}
	return score;
}

/** The items matching `query`, best first (ties keep their order), at most `limit`. */
export function rank(items: readonly PaletteItem[], query: string, limit: number): PaletteItem[] {
	return items
		.map((item, order) => ({ item, order, score: matchScore(query, `${item.label} ${item.hint ?? ''} ${item.aliases ?? ''}`) }))
		.filter((entry): entry is { item: PaletteItem; order: number; score: number } => entry.score !== null)
		.sort((a, b) => b.score - a.score || a.order - b.order)
		.slice(0, limit)
		.map((entry) => entry.item);
}

/** Whether `event` is the palette's shortcut: Ctrl-K, or Cmd-K on macOS. */
export function opensPalette(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>): boolean {
	return (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'k';
}

/** The next highlighted row after pressing ↑ (-1) or ↓ (+1), wrapping around `count` rows. */
export function moveHighlight(current: number, step: 1 | -1, count: number): number {
	if (count === 0) return -1;
	return (current + step + count) % count;
}
