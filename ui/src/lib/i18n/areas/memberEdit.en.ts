// English messages for creating, editing, deleting and erasing members; logging manual activities; privacy export.
export const memberEditEn = {
	newMember: 'New member',
	newTitle: 'New member',
	newIntro: 'Only the display name is required. Everything is saved together, or nothing is.',
	cancel: 'Cancel',
	save: 'Save',
	saving: 'Saving…',
	create: 'Add member',
	creating: 'Adding…',
	edit: 'Edit',
	editTitle: 'Edit profile',
	close: 'Close',
	optional: 'optional',
	fields: {
		displayName: 'Display name',
		nameReading: 'Reading (kana)',
		email: 'Email',
		phone: 'Phone',
		locale: 'Language',
		country: 'Country',
		city: 'City',
		birthYear: 'Birth year',
		joined: 'Joined on',
		joinedHint: 'Leave empty for today.',
		source: 'Source',
		sourceHint: 'Where they came from, e.g. connpass or a friend.',
		notes: 'Notes',
		platform: 'Platform',
		handle: 'Handle',
		url: 'Profile URL',
		followers: 'Followers',
		tags: 'Tags',
		tagsHint: 'Separate tags with commas.'
	},
	locales: {
		none: 'Not set',
		ja: 'Japanese',
		en: 'English'
	},
	firstIdentity: 'First platform account',
	firstIdentityHint: 'Optional. Fill in the platform and handle to link an account now.',
	otherPlatform: 'Other…',
	noPlatform: 'None',
	identities: {
		title: 'Platform accounts',
		add: 'Add account',
		adding: 'Adding…',
		edit: 'Edit',
		remove: 'Remove',
		removeLabel: 'Remove the {platform} account {handle}',
		editLabel: 'Edit the {platform} account {handle}',
		none: 'No platform accounts linked yet.'
	},
	tags: {
		title: 'Tags',
		add: 'Add tag',
		newTag: 'New tag',
		remove: 'Remove tag {tag}',
		none: 'No tags yet.'
	},
	activity: {
		open: 'Log activity',
		title: 'Log an activity',
		intro: 'Record something you saw this member do, like a talk or a review. It counts towards their score.',
		type: 'Activity type',
		choose: 'Choose a type…',
		when: 'When',
		note: 'Note',
		link: 'Link',
		save: 'Log activity',
		saving: 'Logging…',
		loadingTypes: 'Loading activity types…',
		logged: 'Activity logged.'
	},
	delete: {
		open: 'Delete',
		confirmTitle: 'Delete {name}?',
		confirmBody:
			'They disappear from lists, counts and scores. Nothing is erased: you can restore them afterwards.',
		confirm: 'Delete member',
		deleting: 'Deleting…',
		banner: 'Deleted — {name} is hidden from lists and scores.',
		restore: 'Restore',
		restoring: 'Restoring…'
	},
	deleted: {
		title: 'Deleted members',
		link: 'Deleted members',
		linkWithCount: 'Deleted members ({count})',
		intro: 'Members you deleted are hidden from lists, counts and scores but nothing about them is erased. Restore brings them back as they were.',
		loading: 'Loading deleted members…',
		empty: 'No deleted members. Members merged into another are not listed here: undo the merge from the kept member’s page instead.',
		deletedOn: 'Deleted {date}',
		restored: '{name} is back in the member list.',
		open: 'Open {name}'
	},
	privacy: {
		title: 'Privacy',
		intro:
			'When a member asks what you hold about them, or asks to be forgotten, use these tools. Both are recorded in the audit log.',
		export: 'Export all data (JSON)',
		exporting: 'Exporting…',
		exportDialogTitle: 'Save the member’s data',
		exported: 'Saved {size} to {path}.',
		erase: 'Erase permanently',
		eraseTitle: 'Erase {name} permanently?',
		eraseBody:
			'This removes their profile, accounts, tags, activity, registrations and referrals, and scrubs their values from the sync history. It cannot be undone. The erasure is recorded in the audit log (without personal data).',
		eraseTypeName: 'Type the member’s name to confirm: {name}',
		eraseMismatch: 'The name you typed does not match.',
		eraseConfirm: 'Erase permanently',
		erasing: 'Erasing…',
		erased: '{name} was erased ({activities} activities, {identities} accounts).'
	},
	bytes: '{count} bytes',
	kilobytes: '{count} KB',
	invalid: {
		notAYear: '“{value}” is not a year. Enter four digits, e.g. 1990.',
		notACount: '“{value}” is not a whole number.',
		notADate: 'Enter a date.',
		noTime: 'Choose when it happened.',
		noType: 'Choose an activity type.'
	},
	core: {
		nameRequired: 'A member needs a name.',
		emailInvalid: '“{email}” is not a valid email address.',
		birthYearRange: 'The birth year must be between {min} and {max} (you entered {year}).',
		followersNegative: 'A follower count cannot be negative (you entered {count}).',
		identityIncomplete: 'An account needs both a platform and a handle.',
		tagEmpty: 'A tag needs a name.',
		activityInFuture: 'A manual activity cannot be logged in the future.',
		unknownType: '“{key}” is not a known activity type.'
	}
} as const;
