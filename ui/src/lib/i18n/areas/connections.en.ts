// English messages for Settings → Connections (platform accounts Kizuna pulls from).
export const connectionsEn = {
	title: 'Connections',
	intro:
		'Platform accounts Kizuna pulls members, events and activity from. Each sync brings only what is new, imports it like a file (so it is in the import history and can be undone), and keeps tokens in your system keychain, never in the community file.',
	empty: 'No connections yet. Add your Discourse forum, Discord server or Eventbrite organization below.',
	kinds: { discourse: 'Discourse', discord: 'Discord', eventbrite: 'Eventbrite' },
	add: {
		title: 'Add a connection',
		kind: 'Platform',
		label: 'Name in Kizuna',
		labelPlaceholder: 'e.g. Community forum',
		url: 'Address',
		urlHint: { discourse: 'Your forum’s address, e.g. https://forum.example.com', discord: 'Leave empty for Discord’s API', eventbrite: 'Leave empty for Eventbrite’s API' },
		account: { discourse: 'API username', discord: 'Server (guild) ID', eventbrite: 'Organization ID' },
		accountHint: {
			discourse: 'The user the API key belongs to, e.g. system',
			discord: 'Right-click the server in Discord (developer mode on) → Copy Server ID',
			eventbrite: 'Found in Eventbrite under Organization settings'
		},
		token: { discourse: 'API key', discord: 'Bot token', eventbrite: 'Private token' },
		tokenHint: 'Saved in your system keychain only.',
		submit: 'Add connection',
		added: 'Added “{label}”.'
	},
	columns: { name: 'Name', platform: 'Platform', account: 'Account', lastSync: 'Last sync', actions: 'Actions' },
	never: 'Never',
	lastSummary: '{members} new members · {activities} new activities · {registrations} new registrations',
	test: 'Test',
	tested: 'Connected: {what}',
	sync: 'Sync now',
	syncing: 'Syncing…',
	fetching: 'Reading {what}: {count}',
	importing: 'Importing {done} of {total}',
	cancel: 'Cancel',
	synced: 'Synced “{label}”: {members} new members, {activities} new activities.',
	nothingNew: 'Synced “{label}”: nothing new.',
	remove: 'Remove',
	removeConfirm: 'Remove “{label}”? What it imported stays (undo it from the import history).',
	removeYes: 'Yes, remove',
	removeNo: 'Keep it',
	removed: 'Removed “{label}”.',
	lastError: 'Last attempt failed'
} as const;
