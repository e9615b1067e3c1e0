// DEV AID: serves dist/ the way the Tauri webview loads it — SPA fallback to index.html and the
// app's CSP as a header — so a browser shows any script or style the CSP would block.
// Usage: node scripts/serve-dist.js [port]   (listens on 127.0.0.1 only)
import { createServer } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const port = Number(process.argv[2] ?? 4174);
/** The CSP tauri.conf.json sets (app.security.csp); keep the two in step. */
export const csp =
	"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
	"font-src 'self'; connect-src ipc: http://ipc.localhost; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";
const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png' };

createServer((request, response) => {
	const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
	let file = join(dist, path);
	if (!file.startsWith(dist) || !existsSync(file) || statSync(file).isDirectory()) file = join(dist, 'index.html');
	response.writeHead(200, {
		'content-type': types[extname(file)] ?? 'application/octet-stream',
		'content-security-policy': csp
	});
	response.end(readFileSync(file));
}).listen(port, '127.0.0.1', () => console.log(`serving dist/ with the app's CSP on http://127.0.0.1:${port}`));
