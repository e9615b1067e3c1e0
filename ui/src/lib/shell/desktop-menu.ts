// The native menu bar's side in the page: it follows the UI's language, and its items lead to
// pages or open the command palette (src-tauri/src/desktop.rs).
import { goto } from '$app/navigation';
import { listen } from '@tauri-apps/api/event';
import type { MenuAction } from '$lib/bindings';
import { call } from '$lib/api/call';
import { currentLocale, onLocaleChange, type Locale } from '$lib/i18n/i18n.svelte';
import { palette } from '$lib/palette/palette.svelte';

function setMenuLanguage(lang: Locale): Promise<void> {
	return call('set_menu_language', { lang });
}

/** Does what a menu item asked. */
export function runMenuAction(action: MenuAction): void {
	if (action.action === 'navigate') void goto(action.href);
	else palette.open = true;
}

/** Connects the menu bar; returns the function that disconnects it. */
export async function connectMenu(): Promise<() => void> {
	void setMenuLanguage(currentLocale()).catch(() => undefined);
	const stopLanguage = onLocaleChange((lang) => void setMenuLanguage(lang).catch(() => undefined));
	const stopListening = await listen<MenuAction>('menu', (event) => runMenuAction(event.payload));
	return () => {
		stopLanguage();
		stopListening();
	};
}
