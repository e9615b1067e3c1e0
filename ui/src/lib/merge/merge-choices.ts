// Which side each profile field of a merge comes from: the Rust default unless the manager picked.
import type { FieldChoices, FieldComparison, MergeField, Side } from '$lib/bindings';

/** The sides the manager picked by hand, per field; a field not in here follows the default. */
export type Picks = Partial<Record<MergeField, Side>>;

/**
 * The side a field comes from: the manager's pick where the two values differ, else the side the
 * Rust side proposes (the kept member's value, the other one when the kept one is empty, the
 * earlier join date). Equal values always stay on the kept member.
 */
export function chosenSide(row: FieldComparison, picks: Picks): Side {
	if (!row.differs) return 'kept';
	return picks[row.field] ?? row.defaultSide;
}

/** The picks as the merge command takes them: every differing field, on the side chosen. */
export function fieldChoices(rows: readonly FieldComparison[], picks: Picks): FieldChoices {
	const take: MergeField[] = [];
	const keep: MergeField[] = [];
	for (const row of rows) {
		if (!row.differs) continue;
		(chosenSide(row, picks) === 'merged' ? take : keep).push(row.field);
	}
	return { take, keep };
}

/**
 * The same picks after the two members swap roles: a value picked stays picked, so its side
 * flips. Fields never picked follow the new default.
 */
export function swappedPicks(picks: Picks): Picks {
	const swapped: Picks = {};
	for (const [field, side] of Object.entries(picks) as [MergeField, Side][]) {
		swapped[field] = side === 'kept' ? 'merged' : 'kept';
	}
	return swapped;
}

/** How many fields the manager has to look at. */
export function differingCount(rows: readonly FieldComparison[]): number {
	return rows.filter((row) => row.differs).length;
}
