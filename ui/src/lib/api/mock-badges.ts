// DEV AID ONLY — fake answer for printing name badges (`?mock`); the save dialog is answered by
// mock-memberEdit.ts.
import type { BadgesPrinted } from '$lib/bindings';

/** Answers `event_badges_pdf` with plausible counts. */
export const badgesMockCommands: Record<string, (args: Record<string, unknown>) => unknown> = {
	event_badges_pdf: (): BadgesPrinted => ({ badges: 19, pages: 3 })
};
