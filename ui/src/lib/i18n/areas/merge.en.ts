// English messages for side-by-side merge of two members and undo of past merges.
export const mergeEn = {
	compare: 'Compare and merge',
	title: 'Compare and merge',
	back: 'Back to possible duplicates',
	loading: 'Loading both members…',
	intro: 'Wherever the two records differ, pick the value to keep. Everything else of {merged} moves to {kept}.',
	keptBadge: 'Stays',
	mergedBadge: 'Merged in',
	swap: 'Swap which member stays',
	fieldColumn: 'Field',
	empty: 'empty',
	same: 'same on both',
	differ: {
		one: '{count} field differs',
		other: '{count} fields differ'
	},
	field: {
		displayName: 'Name',
		nameReading: 'Reading (kana)',
		email: 'Email',
		phone: 'Phone',
		locale: 'Language',
		country: 'Country',
		city: 'City',
		birthYear: 'Birth year',
		joinedAt: 'Joined',
		source: 'Source',
		notes: 'Notes'
	},
	moves: {
		title: 'What moves to {kept}',
		identities: {
			one: '{count} identity',
			other: '{count} identities'
		},
		tags: {
			one: '{count} tag',
			other: '{count} tags'
		},
		activities: {
			one: '{count} activity',
			other: '{count} activities'
		},
		registrations: {
			one: '{count} event registration',
			other: '{count} event registrations'
		},
		sharedEvents: {
			one: '{count} event both registered for: the better status stays',
			other: '{count} events both registered for: the better status stays'
		},
		duplicateTags: {
			one: '{count} tag both have: kept once',
			other: '{count} tags both have: kept once'
		},
		traits: {
			one: '{count} trait',
			other: '{count} traits'
		},
		duplicateTraits: {
			one: '{count} trait both have: kept once',
			other: '{count} traits both have: kept once'
		},
		nothing: 'Nothing else to move: only the profile fields change.'
	},
	clashes: {
		title: 'Accounts both have',
		hint: 'The copy of {kept} stays (with its follower count); the other is dropped and comes back on undo.'
	},
	afterwards:
		'Afterwards {merged} no longer shows in lists and search. Nothing is lost: the merge can be undone at any time from the page of {kept}.',
	confirm: 'Merge',
	merging: 'Merging…',
	cancel: 'Cancel',
	refused: 'This merge cannot be done: {message}',
	notice: {
		merged: 'Merged {merged} into this member.',
		undo: 'Undo',
		undoing: 'Undoing…',
		undone: 'Merge undone: {merged} is a separate member again.',
		openMerged: 'Open {merged}',
		dismiss: 'Dismiss'
	},
	history: {
		title: 'Merge history',
		mergedHere: 'merged into this member on {date}',
		mergedAway: 'this member was merged into them on {date}',
		undoneOn: 'undone on {date}',
		fieldsTaken: 'took: {fields}',
		undo: 'Undo',
		undoing: 'Undoing…',
		undoLabel: 'Undo the merge of {merged} into {kept}',
		cannotUndo: 'Undo refused: {message}'
	}
} as const;
