// English messages for an event's budget, after-the-event analysis and suggestion list.
export const eventMoneyEn = {
	loading: 'Loading…',
	none: '—',
	cancel: 'Cancel',
	save: 'Save',
	saving: 'Saving…',
	edit: 'Edit',
	delete: 'Delete',
	categories: {
		venue: 'Venue',
		catering: 'Catering',
		vendors: 'Vendors',
		merchandise: 'Merchandise',
		travel: 'Travel',
		ads: 'Ads',
		other: 'Other',
		tickets: 'Tickets',
		sponsorship: 'Sponsorship',
		coHost: 'Co-host contribution'
	},
	budget: {
		title: 'Budget',
		currency: 'Amounts in {currency}',
		costs: 'Costs',
		income: 'Income',
		addCost: 'Add a cost',
		addIncome: 'Add income',
		noCosts: 'No costs yet. Add the venue, catering and anything else you pay for.',
		noIncome: 'No income lines. Ticket sales recorded in Kizuna are counted automatically.',
		columns: {
			category: 'Category',
			vendor: 'Description / vendor',
			planned: 'Planned',
			actual: 'Actual',
			paid: 'Paid',
			notes: 'Notes'
		},
		notPaid: 'not yet',
		form: {
			kind: 'Kind',
			cost: 'Cost',
			incomeKind: 'Income',
			category: 'Category',
			planned: 'Planned amount',
			actual: 'Actual amount',
			actualHint: 'Leave empty until it is paid or received.',
			amountPlaceholder: 'e.g. {example}',
			vendor: 'Description or vendor',
			paidOn: 'Paid on',
			notes: 'Notes'
		},
		deleteConfirm: 'Delete this {category} line?',
		totals: 'Totals',
		plannedTotal: 'Planned',
		actualTotal: 'Actual so far',
		totalCost: 'Cost',
		totalIncome: 'Income',
		net: 'Net (income − cost)',
		ticketIncome: 'Includes {amount} of ticket sales from registrations.',
		otherCurrency: {
			one: '{count} paid registration is in another currency and is left out.',
			other: '{count} paid registrations are in another currency and are left out.'
		},
		variance: 'Variance by category',
		varianceColumns: { category: 'Category', planned: 'Planned', actual: 'Actual', variance: 'Variance' },
		over: 'over plan',
		under: 'under plan',
		onPlan: 'on plan',
		moreIncome: 'more than planned',
		lessIncome: 'less than planned',
		unpaid: {
			one: '{count} line without an actual amount',
			other: '{count} lines without an actual amount'
		},
		perHead: 'Cost per person',
		perHeadIntro:
			'Expected cost (the actual amount where entered, otherwise the plan) divided by the number of people.',
		perRegistered: 'Per registered',
		perRegisteredHelp: '{count} registered (going, attended or no-show).',
		perAttended: 'Per attendee',
		perAttendedHelp: '{count} checked in.',
		perEngaged: 'Per newly engaged member',
		perEngagedHelp: '{count} attendees whose engagement level rose within 60 days after the event.',
		nobody: 'Nobody yet',
		chart: 'Planned vs actual',
		chartLabel: 'Bar chart of planned and actual cost per category'
	},
	outcomes: {
		title: 'After the event',
		attendance: 'Attendance rate',
		attendanceHelp: '{attended} of {registered} registered came.',
		noShows: 'No-show rate',
		noShowHelp: '{count} registered but did not come.',
		noRegistrations: 'No registrations yet',
		firstTimers: 'First-time attendees',
		firstTimersIntro: 'Attended this event and no earlier one. A good list for a welcome message.',
		noFirstTimers: 'No first-time attendees.',
		rating: 'Average rating',
		ratingValue: '{rating} / 5',
		ratingCount: {
			one: 'from {count} response',
			other: 'from {count} responses'
		},
		noRating: 'No feedback yet',
		stars: '{stars} stars: {count}',
		effectTitle: 'Effect on activity',
		effectIntro:
			'Activities per attendee in the {days} days after the event against the {days} days before, compared with members of the same level who did not come.',
		effectIncomplete:
			'The {days} days after the event are not over yet, so these numbers will still change.',
		effectCaveat: 'An association, not proof: attendees chose to come.',
		effectNone: 'Not enough members to compare yet: the effect needs attendees and non-attendees at the same level.',
		effectValue: 'Effect: {value} activities per attendee',
		group: 'Group',
		before: 'Before',
		after: 'After',
		change: 'Change',
		attendeesRow: 'Attendees ({count})',
		comparisonRow: 'Comparison ({count})'
	},
	feedback: {
		title: 'Feedback',
		empty: 'No feedback yet. Type it in below or import a survey CSV.',
		anonymous: 'Anonymous',
		fromCsv: 'CSV',
		addTitle: 'Add feedback',
		member: 'Member (optional)',
		rating: 'Rating',
		comment: 'Comment',
		add: 'Add feedback',
		deleteLabel: 'Delete feedback from {name}',
		ratingLabel: '{rating} out of 5',
		importTitle: 'Import from CSV',
		importIntro:
			'Columns: rating (1–5, required), comment, email or member_id, submitted_at. A file is imported whole or not at all.',
		chooseFile: 'Choose a CSV file…',
		fileFilter: 'CSV files',
		preview: {
			one: '{count} row ready to import',
			other: '{count} rows ready to import'
		},
		badRows: {
			one: '{count} row must be fixed first; nothing will be imported until then:',
			other: '{count} rows must be fixed first; nothing will be imported until then:'
		},
		line: 'Line {line}',
		importButton: {
			one: 'Import {count} row',
			other: 'Import {count} rows'
		},
		imported: {
			one: 'Imported {count} row.',
			other: 'Imported {count} rows.'
		},
		moreRows: '…and {count} more'
	},
	members: {
		search: 'Search members',
		placeholder: 'Name, reading or email',
		clear: 'Clear',
		noMatch: 'No member matches.',
		chosen: 'On behalf of {name}'
	},
	suggestions: {
		title: 'Suggestions',
		intro: 'Members propose topics, venues and dates; record their votes here and see what they prefer.',
		kinds: { topic: 'Topic', venue: 'Venue', date: 'Date' },
		proposeTitle: 'Propose',
		kind: 'Kind',
		text: 'Suggestion',
		textPlaceholder: 'e.g. Async Rust in practice',
		proposedBy: 'Proposed by (optional)',
		propose: 'Propose',
		voterTitle: 'Vote on behalf of',
		pickVoter: 'Pick a member to vote for them.',
		empty: 'No suggestions yet.',
		place: 'Place',
		rankLabel: 'Place {rank}',
		votes: {
			one: '{count} vote',
			other: '{count} votes'
		},
		by: 'by {name}',
		vote: 'Vote',
		unvote: 'Take back vote',
		voteFor: 'Vote for “{text}” as {name}',
		unvoteFor: 'Take back {name}’s vote for “{text}”'
	}
};
