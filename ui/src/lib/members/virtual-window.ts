// Which rows of a long fixed-row-height list to render for the current scroll position.

/** What the list looks like right now. */
export interface ScrollViewport {
	/** Pixels scrolled from the top of the list. */
	scrollTop: number;
	/** Visible height of the scrolling area in pixels. */
	viewportHeight: number;
	/** Height of every row in pixels. */
	rowHeight: number;
	/** Extra rows rendered above and below the visible ones, so fast scrolling shows no gaps. */
	overscan: number;
	/** Number of rows in the whole list. */
	total: number;
}

/** Rows `first` (inclusive) to `end` (exclusive) are rendered; `offsetTop` is where `first` sits. */
export interface RowWindow {
	first: number;
	end: number;
	offsetTop: number;
}

/** The rows to render for a viewport: the visible ones plus overscan, clamped to the list. */
export function visibleRows({ scrollTop, viewportHeight, rowHeight, overscan, total }: ScrollViewport): RowWindow {
	if (total <= 0 || rowHeight <= 0) return { first: 0, end: 0, offsetTop: 0 };
	const maxScrollTop = Math.max(0, total * rowHeight - viewportHeight);
	// WebKit reports negative or past-the-end scrollTop while rubber-banding.
	const top = Math.min(Math.max(0, scrollTop), maxScrollTop);
	const firstVisible = Math.floor(top / rowHeight);
	const endVisible = Math.ceil((top + Math.max(0, viewportHeight)) / rowHeight);
	const first = Math.max(0, firstVisible - overscan);
	const end = Math.min(total, Math.max(endVisible, firstVisible + 1) + overscan);
	return { first, end, offsetTop: first * rowHeight };
}

/** The page numbers (of `pageSize` rows) that hold rows `first` to `end` (exclusive). */
export function pagesForRows(first: number, end: number, pageSize: number): number[] {
	if (end <= first) return [];
	const pages: number[] = [];
	for (let page = Math.floor(first / pageSize); page <= Math.floor((end - 1) / pageSize); page++) {
		pages.push(page);
	}
	return pages;
}
