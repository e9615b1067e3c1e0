// Typed wrapper for the About screen's command (src-tauri/src/commands/about.rs).
import type { AboutKizuna } from '$lib/bindings';
import { call } from './call';

/** Kizuna's version and licence, and the third-party notices built into the app. */
export function aboutKizuna(): Promise<AboutKizuna> {
	return call('about_kizuna');
}
