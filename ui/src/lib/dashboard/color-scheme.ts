// The operating system's light/dark preference, for things drawn outside CSS (the Rust charts).
import type { ChartTheme } from '$lib/api/commands';

const darkQuery = '(prefers-color-scheme: dark)';

/** "dark" when the OS asks for a dark appearance, else "light". */
export function osColorScheme(): ChartTheme {
	return globalThis.matchMedia?.(darkQuery).matches ? 'dark' : 'light';
}

/** Calls `listener` whenever the OS switches between light and dark; returns the unsubscribe. */
export function onColorSchemeChange(listener: (scheme: ChartTheme) => void): () => void {
	const query = globalThis.matchMedia?.(darkQuery);
	if (!query) return () => {};
	const handle = (event: MediaQueryListEvent) => listener(event.matches ? 'dark' : 'light');
	query.addEventListener('change', handle);
	return () => query.removeEventListener('change', handle);
}
