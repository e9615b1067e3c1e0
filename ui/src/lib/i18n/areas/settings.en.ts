// English messages for the Settings screen: activity types and weights, half-life, levels, influencer tiers.
export const settingsEn = {
	title: 'Settings',
	engagementTitle: 'Engagement',
	engagementIntro:
		'How engagement is scored: what each kind of activity is worth, how fast it fades, and the levels and influencer tiers members are placed in. Every save re-scores all members at once.',
	syncLater: 'This community lives in a file on this computer; Team sync below shares it with your team.',
	loading: 'Loading the engagement rules…',
	save: 'Save',
	saving: 'Saving…',
	cancel: 'Cancel',
	needsNumber: 'Enter a number.',
	rescored: {
		one: 'Saved. Members re-scored: {count} member changed level ({promoted} up, {demoted} down).',
		other: 'Saved. Members re-scored: {count} members changed level ({promoted} up, {demoted} down).'
	},
	saved: 'Saved.',
	types: {
		title: 'Activity types',
		intro:
			'Each activity adds its weight to a member’s score. Add your own types for things you log by hand, such as a talk given or a review written.',
		label: 'Activity types and their weights',
		columns: {
			key: 'Key',
			labelEn: 'English label',
			labelJa: 'Japanese label',
			platform: 'Platform',
			weight: 'Weight',
			usage: 'Used by',
			actions: 'Actions'
		},
		anyPlatform: 'Any',
		builtin: 'Built-in',
		usage: {
			one: '{count} activity',
			other: '{count} activities'
		},
		edit: 'Edit',
		delete: 'Delete',
		deleteConfirm: 'Delete “{label}”?',
		confirmDelete: 'Yes, delete',
		add: 'Add a custom type',
		newTitle: 'New activity type',
		keyHint: 'Lower-case letters, digits and _, e.g. gave_talk',
		create: 'Add type',
		labelEnPlaceholder: 'e.g. Gave a talk',
		labelJaPlaceholder: 'e.g. 登壇した'
	},
	halfLife: {
		title: 'Score half-life',
		intro: 'After this many days an activity counts half as much; after twice as many, a quarter.',
		label: 'Half-life in days',
		days: 'days'
	},
	levels: {
		title: 'Levels',
		intro:
			'Members are placed on the highest level whose threshold their score reaches. The first level starts at 0 and each threshold must be above the one before.',
		label: 'Levels and their thresholds',
		columns: {
			rank: 'Rank',
			labelEn: 'English name',
			labelJa: 'Japanese name',
			minScore: 'Minimum score',
			members: 'Members'
		},
		add: 'Add a level',
		remove: 'Remove',
		removeLevel: 'Remove level {rank}',
		reset: 'Undo changes',
		unsaved: 'Unsaved changes'
	},
	tiers: {
		title: 'Influencer tiers',
		intro: 'The fewest followers on a member’s biggest account for each tier. Below the nano threshold a member is not counted as an influencer.',
		followers: 'followers or more'
	}
} as const;
