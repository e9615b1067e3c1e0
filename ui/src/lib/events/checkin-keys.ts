// Keyboard logic of the door screen: which registration Enter checks in, and arrow-key movement.

/** What the door screen needs of a candidate. */
export interface Candidate {
	id: string;
	code: string;
}

/** A typed or scanned code as stored: upper case, half-width, no spaces or dashes. */
export function normaliseCode(text: string): string {
	return text.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase();
}

/** What Enter does: check one candidate in, or say nothing / several match. */
export type EnterChoice =
	| { kind: 'checkIn'; id: string }
	| { kind: 'none' }
	| { kind: 'several'; count: number };

/**
 * An exact code wins (a scanner types code + Enter); then the highlighted candidate; then the only
 * candidate; otherwise several match and the user must choose with the arrow keys.
 */
export function enterChoice(query: string, candidates: readonly Candidate[], selected: number): EnterChoice {
	const code = normaliseCode(query);
	const exact = candidates.find((c) => c.code === code);
	if (exact) return { kind: 'checkIn', id: exact.id };
	const highlighted = candidates[selected];
	if (selected >= 0 && highlighted) return { kind: 'checkIn', id: highlighted.id };
	const [only] = candidates;
	if (candidates.length === 1 && only) return { kind: 'checkIn', id: only.id };
	if (candidates.length === 0) return { kind: 'none' };
	return { kind: 'several', count: candidates.length };
}

/** The highlighted index after ArrowDown/ArrowUp, wrapping; -1 means nothing highlighted. */
export function moveSelection(selected: number, key: 'ArrowDown' | 'ArrowUp', count: number): number {
	if (count === 0) return -1;
	if (key === 'ArrowDown') return selected < 0 ? 0 : (selected + 1) % count;
	return selected <= 0 ? count - 1 : selected - 1;
}
