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
	reasons: {
		unreachable:
			'cannot reach the hub at {hub}; you may be offline. Your changes are kept and sync when the hub is reachable',
		unauthorized: 'the hub refused the token (wrong or revoked); ask your team’s admin for a new one',
		forbidden: 'the hub does not let this token do that; ask your team’s admin',
		rate_limited: 'the hub is busy; sync again in {seconds} seconds',
		too_large: 'the hub refused a batch of changes as too large; update Kizuna, or ask your team’s admin about the hub’s limits',
		server_error: 'the hub had a problem ({status}); try again later, and tell your team’s admin if it goes on',
		bad_response: 'the hub’s answer could not be read; check the hub address (is it a Kizuna hub?)',
		version_mismatch: 'the hub speaks another version of sync; update Kizuna on this computer',
		refused: 'the hub refused the request ({status}); update Kizuna, or tell your team’s admin',
		no_hub: 'no hub is set; enter your team’s hub address above',
		no_token: 'no token is saved for this hub; paste the token your team’s admin gave you and save',
		keychain_unavailable:
			'the system keychain is locked or not available; unlock it (or log in to the desktop) and try again',
		local: 'this community file could not be read or written; see the details in the log'
	},
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
