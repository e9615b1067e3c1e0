// The one place that invokes a Tauri command and turns its rejection into a CommandError.
import { invoke, type InvokeArgs, type InvokeOptions } from '@tauri-apps/api/core';
import { toCommandError } from './command-error';

/**
 * Invokes `command` with `args` (and `options`, e.g. headers beside a raw byte body); a rejection
 * becomes a `CommandError` with the Rust error code.
 */
export async function call<T>(command: string, args?: InvokeArgs, options?: InvokeOptions): Promise<T> {
	try {
		return await invoke<T>(command, args, options);
	} catch (rejection) {
		throw toCommandError(command, rejection);
	}
}
