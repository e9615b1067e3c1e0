// The screens of DESIGN.md §5, in the order the navigation lists them.
import type { MessageKey } from '$lib/i18n/i18n.svelte';

/** A screen the left navigation links to. */
export interface Screen {
	id: ScreenId;
	href: string;
	label: MessageKey;
}

/** Every screen's id; also the key of its icon. */
export type ScreenId =
	| 'dashboard'
	| 'members'
	| 'segments'
	| 'events'
	| 'campaigns'
	| 'perks'
	| 'ideas'
	| 'import'
	| 'reports'
	| 'settings';

/** The navigation, top to bottom. */
export const screens: readonly Screen[] = [
	{ id: 'dashboard', href: '/', label: 'nav.dashboard' },
	{ id: 'members', href: '/members', label: 'nav.members' },
	{ id: 'segments', href: '/segments', label: 'nav.segments' },
	{ id: 'events', href: '/events', label: 'nav.events' },
	{ id: 'campaigns', href: '/campaigns', label: 'nav.campaigns' },
	{ id: 'perks', href: '/perks', label: 'nav.perks' },
	{ id: 'ideas', href: '/ideas', label: 'nav.ideas' },
	{ id: 'import', href: '/import', label: 'nav.import' },
	{ id: 'reports', href: '/reports', label: 'nav.reports' },
	{ id: 'settings', href: '/settings', label: 'nav.settings' }
];

/** Whether `pathname` belongs to `screen` (the member detail belongs to Members). */
export function isScreenActive(screen: Screen, pathname: string): boolean {
	if (screen.href === '/') return pathname === '/';
	return pathname === screen.href || pathname.startsWith(`${screen.href}/`);
}
