// Pure helpers of the Reports screen: period presets, the checks made before asking Rust for a
// report, and the suggested file names.

/** A report period as the community's local dates, both ends included (`YYYY-MM-DD`). */
export interface Period {
	from: string;
	to: string;
}

/** The quick choices beside the period's two date fields. */
export type PeriodPreset = 'last30' | 'lastMonth' | 'thisMonth' | 'lastQuarter' | 'thisYear';

/** Every preset, in the order the screen lists them. */
export const PERIOD_PRESETS: readonly PeriodPreset[] = ['last30', 'thisMonth', 'lastMonth', 'lastQuarter', 'thisYear'];

/** `date` as `YYYY-MM-DD` in local time. */
export function isoDate(date: Date): string {
	const y = date.getFullYear();
	const m = String(date.getMonth() + 1).padStart(2, '0');
	const d = String(date.getDate()).padStart(2, '0');
	return `${y}-${m}-${d}`;
}

function day(year: number, monthIndex: number, date: number): string {
	return isoDate(new Date(year, monthIndex, date));
}

/** The period `preset` means on `today` (local). "Last quarter" is the last whole calendar quarter. */
export function presetPeriod(preset: PeriodPreset, today: Date): Period {
	const y = today.getFullYear();
	const m = today.getMonth();
	switch (preset) {
		case 'last30':
			return { from: day(y, m, today.getDate() - 29), to: isoDate(today) };
		case 'thisMonth':
			return { from: day(y, m, 1), to: isoDate(today) };
		case 'lastMonth':
			return { from: day(y, m - 1, 1), to: day(y, m, 0) };
		case 'lastQuarter': {
			const quarterStart = m - (m % 3);
			return { from: day(y, quarterStart - 3, 1), to: day(y, quarterStart, 0) };
		}
		case 'thisYear':
			return { from: day(y, 0, 1), to: isoDate(today) };
	}
}

/** Why `period` cannot be reported on `today`, as a message key of the reports area; null when it can. */
export type PeriodProblem = 'missing' | 'reversed' | 'future';

/** Checks the two dates before the report is asked for (Rust checks them again). */
export function periodProblem(period: Period, today: Date): PeriodProblem | null {
	const valid = /^\d{4}-\d{2}-\d{2}$/;
	if (!valid.test(period.from) || !valid.test(period.to)) return 'missing';
	if (period.to < period.from) return 'reversed';
	if (period.from > isoDate(today)) return 'future';
	return null;
}

/** The number of days in `period`, both ends included. */
export function periodDays(period: Period): number {
	const from = Date.UTC(...ymd(period.from));
	const to = Date.UTC(...ymd(period.to));
	return Math.round((to - from) / 86_400_000) + 1;
}

function ymd(iso: string): [number, number, number] {
	const [y = 0, m = 1, d = 1] = iso.split('-').map(Number);
	return [y, m - 1, d];
}

/** A file name for the report: `kizuna-<kind>-<from>_<to>.<ext>`, safe on every OS. */
export function reportFileName(kind: string, period: Period, extension: 'pdf'): string {
	return `kizuna-${kind}-${period.from}_${period.to}.${extension}`;
}

/** An SVG page as an image address the strict content policy allows (`data:`). */
export function svgDataUrl(svg: string): string {
	return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
