import type { ErrorCode, ErrorDetail } from '$lib/bindings';

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
	/** The message by key, for wording it in the manager's language; null when Rust sent none. */
	readonly detail: ErrorDetail | null;

	constructor(command: string, code: ErrorCode, message: string, detail: ErrorDetail | null = null) {
		super(message);
		this.name = 'CommandError';
		this.command = command;
		this.code = code;
		this.detail = detail;
	}
}

function isDetail(value: unknown): value is ErrorDetail {
	if (typeof value !== 'object' || value === null) return false;
	const { key, args } = value as { key?: unknown; args?: unknown };
	return typeof key === 'string' && typeof args === 'object' && args !== null;
}

/** Turns whatever `invoke` rejected with into a CommandError (Rust sends `{ code, message, detail? }`). */
export function toCommandError(command: string, rejection: unknown): CommandError {
	if (rejection instanceof CommandError) return rejection;
	if (typeof rejection === 'object' && rejection !== null && 'code' in rejection) {
		const { code, message, detail } = rejection as { code: unknown; message?: unknown; detail?: unknown };
		const knownCode = knownCodes.includes(code as ErrorCode) ? (code as ErrorCode) : 'internal';
		const text = typeof message === 'string' ? message : String(code);
		return new CommandError(command, knownCode, text, isDetail(detail) ? detail : null);
	}
	// Tauri itself rejects with a plain string, e.g. when a command is not registered.
	if (typeof rejection === 'string') return new CommandError(command, 'internal', rejection);
	if (rejection instanceof Error) return new CommandError(command, 'internal', rejection.message);
	return new CommandError(command, 'internal', String(rejection));
}
