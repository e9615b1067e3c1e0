// Pure parts of the About screen: counting the third-party notices, searching them, and how many
// components share each licence text.
import type { ComponentKind, Notices, ThirdPartyComponent } from '$lib/bindings';
import { fold } from '$lib/palette/palette-logic';

/** How many components of each kind the notices list. */
export function kindCounts(notices: Notices): Record<ComponentKind, number> {
	const counts: Record<ComponentKind, number> = { crate: 0, npm: 0, font: 0 };
	for (const component of notices.components) counts[component.kind] += 1;
	return counts;
}

/**
 * The components whose name or licence contains every word of `query` (width, case and kana
 * insensitive), those whose name starts with the query first, otherwise in the file's order.
 */
export function searchComponents(components: readonly ThirdPartyComponent[], query: string): ThirdPartyComponent[] {
	const words = fold(query).split(/\s+/).filter(Boolean);
	if (words.length === 0) return [...components];
	const first = fold(query.trim());
	const found = components.filter((c) => {
		const text = fold(`${c.name} ${c.licence}`);
		return words.every((word) => text.includes(word));
	});
	const starts = (c: ThirdPartyComponent) => (fold(c.name).startsWith(first) ? 0 : 1);
	return found
		.map((component, order) => ({ component, order }))
		.sort((a, b) => starts(a.component) - starts(b.component) || a.order - b.order)
		.map((entry) => entry.component);
}

/** For each licence text, how many components show it. */
export function textUsage(notices: Notices): number[] {
	const usage = notices.texts.map(() => 0);
	for (const component of notices.components) for (const text of component.texts) usage[text] = (usage[text] ?? 0) + 1;
	return usage;
}

/** A stable id for a component's row, e.g. `notice-crate-serde-1.0.228`. */
export function componentId(component: ThirdPartyComponent): string {
	return `notice-${component.kind}-${component.name}-${component.version}`.replace(/[^\w.-]/g, '_');
}

/** The row `step` rows away from `current` in `rows` (clamped at both ends, so ±Infinity is Home/End). */
export function moveChoice(rows: readonly ThirdPartyComponent[], current: ThirdPartyComponent | null, step: number): ThirdPartyComponent | null {
	if (rows.length === 0) return null;
	const at = current ? rows.indexOf(current) : -1;
	const next = at < 0 ? (step < 0 ? rows.length - 1 : 0) : Math.min(rows.length - 1, Math.max(0, at + step));
	return rows[next] ?? null;
}
