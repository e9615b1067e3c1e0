// Typed wrapper for printing name badges (src-tauri/src/commands/badges.rs).
import type { BadgesPrinted } from '$lib/bindings';
import { call } from './call';

/** Writes badges for everyone going to `eventId` as a PDF at `path`; resolves to the counts. */
export function eventBadgesPdf(eventId: string, path: string, lang: 'en' | 'ja'): Promise<BadgesPrinted> {
	return call('event_badges_pdf', { eventId, path, lang });
}
