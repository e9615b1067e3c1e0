// Typed wrappers for the Import screen's commands (src-tauri/src/commands/import.rs).
import { Channel } from '@tauri-apps/api/core';
import type { FileOptions, ImportPreview, ImportProgress, ImportReport, ImportRun, UndoReport } from '$lib/bindings';
import { call } from './call';

/** Sends the file's bytes once; every later step reads them. Returns the size in bytes. */
export async function stageImportFile(file: File): Promise<number> {
	const bytes = new Uint8Array(await file.arrayBuffer());
	return call('import_stage', bytes, { headers: { 'x-file-name': encodeURIComponent(file.name) } });
}

/** How the sent file reads with `options`: format, columns, mapping, first and bad rows. */
export function previewImport(options: FileOptions): Promise<ImportPreview> {
	return call('import_preview', { options });
}

function progressChannel(onProgress: (progress: ImportProgress) => void): Channel<ImportProgress> {
	const channel = new Channel<ImportProgress>();
	channel.onmessage = onProgress;
	return channel;
}

/** The dry run: what the import would create, update, match and refuse. Writes nothing. */
export function dryRunImport(options: FileOptions, onProgress: (progress: ImportProgress) => void): Promise<ImportReport> {
	return call('import_dry_run', { options, onProgress: progressChannel(onProgress) });
}

/** Imports the sent file in one transaction. */
export function runImport(options: FileOptions, onProgress: (progress: ImportProgress) => void): Promise<ImportReport> {
	return call('import_run', { options, onProgress: progressChannel(onProgress) });
}

/** Stops the running dry run or import; it then fails with the code `cancelled`. */
export function cancelImport(): Promise<void> {
	return call('import_cancel');
}

/** The latest imports, newest first. */
export function importHistory(): Promise<ImportRun[]> {
	return call('import_history');
}

/** Undoes a whole import. */
export function undoImport(runId: string): Promise<UndoReport> {
	return call('import_undo', { runId });
}
