// Whether the command palette is open, shared by the top bar's button, Ctrl-K and the menu bar.

/** The palette's open state. */
export const palette = $state({ open: false });
