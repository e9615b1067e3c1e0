// Decides whether to fake the Rust side, so the UI can be viewed in a plain browser.
import { insideKizunaApp } from './commands';

/** True only in a browser without Tauri whose URL carries `?mock`; never inside the app. */
export function devMockRequested(): boolean {
	if (typeof window === 'undefined' || insideKizunaApp()) return false;
	return new URL(window.location.href).searchParams.has('mock');
}

/** Installs the fake commands of mock.ts when requested; the module is only fetched then. */
export async function installDevMockIfRequested(): Promise<void> {
	if (!devMockRequested()) return;
	const { installMockCommands } = await import('./mock');
	installMockCommands(new URL(window.location.href).searchParams.get('mock') ?? '');
}
