// A system notification when a long job ends while Kizuna is not the window in front, so a
// manager who switched to mail during a 100k-row import learns it finished (or stopped).
import { getCurrentWindow } from '@tauri-apps/api/window';
import { isPermissionGranted, requestPermission, sendNotification } from '@tauri-apps/plugin-notification';
import type { CommandError } from '$lib/api/command-error';
import { errorMessage } from '$lib/common/labels';
import { t } from '$lib/i18n/i18n.svelte';

/** Whether the person is looking at Kizuna right now (then the screen itself says the outcome). */
export type FocusProbe = () => Promise<boolean>;

/** The system's answer (the window is the active one); the page's own view outside the app. */
const windowHasFocus: FocusProbe = () => getCurrentWindow().isFocused().catch(() => document.hasFocus());

/**
 * Shows `title` and `body` as a system notification unless Kizuna's window has the focus.
 * Returns whether a notification was sent; a refusal or a missing notification service is
 * logged and otherwise ignored, since the outcome is on the screen either way.
 */
export async function notifyIfAway(title: string, body: string, hasFocus: FocusProbe = windowHasFocus): Promise<boolean> {
	if (await hasFocus()) return false;
	try {
		const granted = (await isPermissionGranted()) || (await requestPermission()) === 'granted';
		if (!granted) return false;
		sendNotification({ title, body });
		return true;
	} catch (failure) {
		console.warn('system notification not shown', failure);
		return false;
	}
}

/** Notifies that a long job failed, unless the person cancelled it (they know). */
export function notifyFailureIfAway(title: string, error: CommandError): Promise<boolean> {
	if (error.code === 'cancelled') return Promise.resolve(false);
	return notifyIfAway(title, errorMessage(error));
}

/** Notification title and body for a finished file import. */
export function importDoneNotice(file: string, created: number, updated: number, badLines: number): [string, string] {
	return [t('notify.importDone'), t('notify.importDoneBody', { file, created, updated, bad: badLines })];
}
