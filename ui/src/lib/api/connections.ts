// Typed wrappers for Settings → Connections (src-tauri/src/commands/connections.rs).
import { Channel } from '@tauri-apps/api/core';
import type { Connection, NewConnection, SyncProgress, SyncSummary } from '$lib/bindings';
import { call } from './call';

/** Every platform connection with its last sync and last error. */
export function listConnections(): Promise<Connection[]> {
	return call('list_connections');
}

/** Adds a connection; the token goes to the system keychain. */
export function addConnection(input: NewConnection): Promise<Connection> {
	return call('add_connection', { input });
}

/** One authenticated call to the platform; resolves with what it saw. */
export function testConnection(id: string): Promise<string> {
	return call('test_connection', { id });
}

/** Pulls what is new and imports it; `cancelImport` stops it. */
export function syncConnection(id: string, onProgress: (step: SyncProgress) => void): Promise<SyncSummary> {
	const channel = new Channel<SyncProgress>();
	channel.onmessage = onProgress;
	return call('sync_connection', { id, onProgress: channel });
}

/** Removes a connection and its token. */
export function removeConnection(id: string): Promise<void> {
	return call('remove_connection', { id });
}
