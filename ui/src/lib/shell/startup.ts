// Tells the app once that the Dashboard's numbers are on screen, so it can time its start-up
// (logged; `kizuna bench --app` reads it).
import { call } from '$lib/api/call';
import { insideKizunaApp } from '$lib/api/commands';

let reported = false;

/** Reports the first painted Dashboard: after the next frame has been drawn, once per launch. */
export function reportFirstPaint(): void {
	if (reported || !insideKizunaApp()) return;
	reported = true;
	requestAnimationFrame(() => requestAnimationFrame(() => void call('dashboard_painted').catch(() => undefined)));
}
