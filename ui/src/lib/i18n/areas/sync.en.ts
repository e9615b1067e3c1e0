// English messages for Settings → Sync (team hub, token, sync now, automatic sync, conflicts).
export const syncEn = {
	title: 'Team sync',
	intro:
		'Share this community with your team through a hub. Everyone keeps working on their own copy, even offline; a sync sends your changes and brings theirs.',
	hubUrl: 'Hub address',
	hubUrlHint: 'For example https://hub.example.com — your team’s admin gives it to you.',
	token: 'Token',
	tokenPlaceholderSaved: 'Saved — type a new token to replace it',
	tokenPlaceholder: 'Paste the token your admin gave you',
	tokenHint: 'Saved in your system keychain, never in the community file, and never shown again.',
	label: 'This computer’s name for the team',
	labelHint: 'Shown to teammates next to the changes you made when theirs meet yours, e.g. “Aiko (aiko-laptop)”.',
	save: 'Save',
	saving: 'Saving…',
	saved: 'Saved.',
	syncNow: 'Sync now',
	syncing: 'Syncing…',
	synced: 'Synced.',
	auto: 'Sync automatically every 10 minutes while this community is open',
	status: {
		lastSync: 'Last sync',
		never: 'Never',
		pending: 'Changes waiting to be sent',
		token: 'Token',
		tokenSaved: 'Saved in the keychain',
		tokenMissing: 'Not saved yet'
	},
	lastError: 'The last sync did not finish: {message}',
	notSet:
		'No hub yet. Ask your team’s admin for the hub address and a token (they make one with “kizuna hub invite”), enter both above and press Save. Until then this community lives on this computer only.',
	conflicts: {
		title: 'Sync conflicts',
		intro:
			'A field changed on this computer and on another one before either synced. The community shows the later change; keep the other value if it is the right one — it then syncs to everyone.',
		empty: 'No conflicts. When you and a teammate change the same field before syncing, both values show up here so you can choose.',
		record: 'Record',
		field: 'Field',
		mine: 'On this computer',
		theirs: 'From the team',
		when: 'Found',
		shown: 'shown now',
		keepMine: 'Keep mine',
		keepTheirs: 'Keep theirs',
		settled: 'Settled; the kept value is sent with the next sync.',
		emptyValue: '(empty)',
		you: 'You',
		otherComputer: 'Another computer',
		byWhen: '{who}, {when}',
		fields: {
			display_name: 'Name',
			name_reading: 'Reading',
			email: 'Email',
			phone: 'Phone',
			city: 'City',
			country: 'Country',
			notes: 'Notes',
			title: 'Title',
			name: 'Name',
			status: 'Status',
			description: 'Description'
		},
		tables: {
			members: 'Member',
			events: 'Event',
			campaigns: 'Campaign',
			perks: 'Perk',
			ideas: 'Idea'
		}
	}
} as const;
