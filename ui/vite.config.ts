import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	// Tauri expects a fixed port and fails if it is taken rather than silently moving.
	server: { port: 5173, strictPort: true, host: '127.0.0.1' },
	clearScreen: false,
	// The adapter writes dist/ inside a plugin hook, which rolldown would report as slow every build.
	build: { rolldownOptions: { checks: { bundlerTimings: false } } },
	test: {
		include: ['src/**/*.test.ts'],
		environment: 'happy-dom',
		// Date formatting tests expect a fixed zone.
		env: { TZ: 'UTC' }
	}
});
