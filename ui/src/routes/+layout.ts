import { installDevMockIfRequested } from '$lib/api/dev-mock';

// Kizuna runs inside a Tauri webview: there is no server, so render everything on the client.
export const ssr = false;
export const prerender = false;

/** Before the first screen renders: in a plain browser with `?mock`, fake the Rust commands. */
export async function load(): Promise<void> {
	await installDevMockIfRequested();
}
