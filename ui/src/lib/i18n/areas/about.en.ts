// English messages for the About screen (Help → About Kizuna) and its third-party notices.
export const aboutEn = {
	title: 'About Kizuna',
	tagline: 'Community management, offline first.',
	loading: 'Reading the notices…',
	version: 'Version {version}',
	licence: 'Licence: {licence}',
	credits:
		'Kizuna is built with Tauri, SQLite, typst, plotters, Svelte and the other open-source software listed below. Reports are set in Noto Sans JP (SIL Open Font License 1.1). The app icon and the screen icons were drawn for Kizuna and share its licence.',
	noticesTitle: 'Third-party notices',
	noticesIntro:
		'Everything Kizuna ships that others wrote, with its licence. Choose one to read its licence text.',
	counts: '{crates}, {npm}, {fonts}',
	crates: { one: '{count} Rust crate', other: '{count} Rust crates' },
	npm: { one: '{count} npm package', other: '{count} npm packages' },
	fonts: { one: '{count} font', other: '{count} fonts' },
	texts: { one: '{count} distinct licence text', other: '{count} distinct licence texts' },
	search: 'Search notices',
	searchPlaceholder: 'Name or licence, e.g. serde or MPL',
	listLabel: 'Third-party components',
	shown: { one: '{count} shown', other: '{count} shown' },
	noMatch: 'Nothing matches “{query}”.',
	kinds: { crate: 'Rust crate', npm: 'npm package', font: 'Font' },
	choose: 'Choose a component on the left to read its licence.',
	detailLicence: 'Licence',
	detailRepository: 'Source',
	standardText:
		'This package ships no licence file; the standard text of its declared licence is shown.',
	textLabel: 'Licence text {n} of {total}',
	sharedWith: { one: 'Same text as {count} other component', other: 'Same text as {count} other components' }
};
