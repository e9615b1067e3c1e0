// The one place that invokes a Tauri command and turns its rejection into a CommandError.
import { invoke, type InvokeArgs } from '@tauri-apps/api/core';
import { toCommandError } from './command-error';

/** Invokes `command` with `args`; a rejection becomes a `CommandError` with the Rust error code. */
export async function call<T>(command: string, args?: InvokeArgs): Promise<T> {
	try {
		return await invoke<T>(command, args);
	} catch (rejection) {
		throw toCommandError(command, rejection);
	}
}
