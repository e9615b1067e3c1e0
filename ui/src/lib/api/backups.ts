// Typed wrappers for Settings → Backups (src-tauri/src/commands/backups.rs).
import type { BackupEntry, BackupList, CommunityInfo, DamagedCommunity, RestorePreview } from '$lib/bindings';
import { call } from './call';

/** The open community's backups, newest first, and the folder that holds them. */
export function listBackups(): Promise<BackupList> {
	return call('list_backups');
}

/** Backs up the open community now. */
export function backUpNow(): Promise<BackupEntry> {
	return call('back_up_now');
}

/** What the backup named `file` holds against the community file now (checked first). */
export function previewRestore(file: string): Promise<RestorePreview> {
	return call('preview_restore', { file });
}

/** Replaces the community with the backup named `file` and opens it. */
export function restoreBackup(file: string): Promise<CommunityInfo> {
	return call('restore_backup', { file });
}

/** The community file that could not be opened because it is damaged, and the backup to offer. */
export function damagedCommunity(): Promise<DamagedCommunity> {
	return call('damaged_community');
}
