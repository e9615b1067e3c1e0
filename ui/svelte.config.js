import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// A desktop SPA: every route is rendered in the webview, so one fallback page serves them all.
		adapter: adapter({ pages: 'dist', assets: 'dist', fallback: 'index.html', strict: true }),
		output: { bundleStrategy: 'split' }
	}
};

export default config;
