import type { ErrorCode } from '$lib/bindings';

const knownCodes: readonly ErrorCode[] = [
	'notFound',
	'invalidInput',
	'notKizunaDatabase',
	'newerVersion',
	'storage',
	'corrupt',
	'internal',
	'cancelled',
	'remote'
];

/** A failed Tauri command, carrying the stable `code` the Rust side sent so screens can switch on it. */
export class CommandError extends Error {
	readonly code: ErrorCode;
	readonly command: string;

	constructor(command: string, code: ErrorCode, message: string) {
		super(message);
		this.name = 'CommandError';
		this.command = command;
		this.code = code;
	}
}

/** Turns whatever `invoke` rejected with into a CommandError (Rust sends `{ code, message }`). */
export function toCommandError(command: string, rejection: unknown): CommandError {
	if (rejection instanceof CommandError) return rejection;
	if (typeof rejection === 'object' && rejection !== null && 'code' in rejection) {
		const { code, message } = rejection as { code: unknown; message?: unknown };
		const knownCode = knownCodes.includes(code as ErrorCode) ? (code as ErrorCode) : 'internal';
		return new CommandError(command, knownCode, typeof message === 'string' ? message : String(code));
	}
	// Tauri itself rejects with a plain string, e.g. when a command is not registered.
	if (typeof rejection === 'string') return new CommandError(command, 'internal', rejection);
	if (rejection instanceof Error) return new CommandError(command, 'internal', rejection.message);
	return new CommandError(command, 'internal', String(rejection));
}
