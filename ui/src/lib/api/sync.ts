// Typed wrappers for Settings → Sync (src-tauri/src/commands/sync.rs).
import type { SyncConflict, SyncStatus } from '$lib/bindings';
import { call } from './call';

/** The event the app sends after every sync, manual or automatic, with the new status. */
export const SYNC_STATUS_EVENT = 'sync-status';

/** The hub, whether a token is saved (never the token), last sync, changes waiting, last error. */
export function syncSettings(): Promise<SyncStatus> {
	return call('sync_settings');
}

/** Saves the hub address; a typed token goes to the system keychain (null keeps the saved one). */
export function saveSyncSettings(hubUrl: string, token: string | null, label: string | null): Promise<SyncStatus> {
	return call('save_sync_settings', { hubUrl, token, label });
}

/** Turns automatic sync on or off. */
export function setAutoSync(auto: boolean): Promise<SyncStatus> {
	return call('set_auto_sync', { auto });
}

/** Pulls the team's changes, merges them and sends this laptop's. */
export function syncNow(): Promise<SyncStatus> {
	return call('sync_now');
}

/** Fields changed here and on another laptop before either synced, newest first. */
export function syncConflicts(): Promise<SyncConflict[]> {
	return call('sync_conflicts');
}

/** Keeps this laptop's value (`local`) or the other laptop's (`remote`). */
export function resolveSyncConflict(id: number, keep: 'local' | 'remote'): Promise<void> {
	return call('resolve_sync_conflict', { id, keep });
}
