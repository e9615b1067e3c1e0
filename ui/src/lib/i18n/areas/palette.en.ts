// English messages for the command palette (Ctrl/Cmd-K).
export const paletteEn = {
	open: 'Search or jump to…',
	shortcut: 'Ctrl K',
	shortcutMac: '⌘K',
	title: 'Jump to a member, event, campaign or action',
	placeholder: 'Type a name, an event, a campaign or what to do…',
	noMatch: 'Nothing matches “{query}”.',
	searching: 'Searching…',
	kinds: {
		screen: 'Screen',
		action: 'Action',
		member: 'Member',
		event: 'Event',
		campaign: 'Campaign'
	},
	actions: {
		newMember: 'Add a member',
		newEvent: 'Plan an event',
		newCampaign: 'Start a campaign',
		newPerk: 'Create a perk',
		newIdea: 'Note an idea',
		newSegment: 'Build a segment',
		compareCampaigns: 'Compare campaigns',
		duplicates: 'Review possible duplicates',
		advocates: 'See word of mouth (referrals)',
		importFile: 'Import a file',
		makeReport: 'Make a PDF report',
		backups: 'Back up or restore (Settings)',
		about: 'About Kizuna: version, licences, third-party notices'
	},
	help: '↑ ↓ move · Enter open · Esc close',
	keys: {
		palette: 'Ctrl+K ⌘K',
		skip: 'Tab',
		tables: '↑ ↓',
		close: 'Esc'
	},
	shortcutsTitle: 'Keyboard shortcuts',
	shortcuts: {
		palette: 'Open this palette',
		skip: 'Skip to the screen (first Tab)',
		tables: 'Move in lists and tables',
		close: 'Close a dialog or the door check-in'
	}
};
