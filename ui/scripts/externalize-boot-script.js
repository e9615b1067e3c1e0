// Runs after `vite build`: moves SvelteKit's inline bootstrap <script> out of the built HTML into
// a file next to the bundle, so the app runs under Tauri's CSP `script-src 'self'` with no hashes.
// The script stays a classic (non-module) script because it reads `document.currentScript`.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const inlineScript = /<script>([\s\S]*?)<\/script>/g;
const anyScriptWithoutSrc = /<script(?![^>]*\bsrc=)[^>]*>/;

/** Every .html file under `folder`. */
function htmlFiles(folder) {
	return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
		const path = join(folder, entry.name);
		if (entry.isDirectory()) return htmlFiles(path);
		return entry.name.endsWith('.html') ? [path] : [];
	});
}

let moved = 0;
for (const file of htmlFiles(dist)) {
	const html = readFileSync(file, 'utf8').replace(inlineScript, (_, code) => {
		const name = `boot.${createHash('sha256').update(code).digest('hex').slice(0, 10)}.js`;
		writeFileSync(join(dist, '_app', 'immutable', name), `${code.trim()}\n`);
		moved++;
		return `<script src="/_app/immutable/${name}"></script>`;
	});
	if (anyScriptWithoutSrc.test(html)) {
		console.error(`${file} still has an inline <script>: the CSP script-src 'self' would block it.`);
		process.exit(1);
	}
	writeFileSync(file, html);
}
console.log(`externalize-boot-script: moved ${moved} inline script(s) out of the HTML in dist/`);
