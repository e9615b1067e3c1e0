// English messages for the Reports screen (PDF report packs and their CSV tables).
export const reportsEn = {
	title: 'Reports',
	intro: 'PDF reports to hand to your boss or your team: choose what, for which period and in which language, look at the pages, then save.',
	kindLegend: 'Report',
	kinds: {
		overview: 'Community overview',
		event: 'Event report',
		campaigns: 'Campaign comparison',
		perks: 'Perks and early access',
		board: 'Board pack'
	},
	kindHints: {
		overview: 'KPIs against the previous period, engagement trend, levels, cohorts, top advocates, new members by source.',
		event: 'Attendance, check-ins over time, budget planned vs actual, cost per attendee, feedback.',
		campaigns: 'Cost, members brought and retention of each campaign, side by side.',
		perks: 'Grants, redemptions and what the perks did for engagement.',
		board: 'A cover, a table of contents and all of the above in one file.'
	},
	period: 'Period',
	from: 'From',
	to: 'To',
	periodDays: { one: '{count} day', other: '{count} days' },
	presets: {
		last30: 'Last 30 days',
		thisMonth: 'This month',
		lastMonth: 'Last month',
		lastQuarter: 'Last quarter',
		thisYear: 'This year'
	},
	problems: {
		missing: 'Give both dates of the period.',
		reversed: 'The period ends before it starts: swap the two dates.',
		future: 'The period has not begun yet, so there is nothing to report.',
		noEvent: 'Choose the event to report on.'
	},
	segment: 'Members',
	allMembers: 'All members',
	segmentCount: { one: '{name} ({count} member)', other: '{name} ({count} members)' },
	event: 'Event',
	chooseEvent: 'Choose an event…',
	noEvents: 'There are no events yet: add one under Events.',
	language: 'Language of the report',
	languages: { en: 'English', ja: 'Japanese (日本語)' },
	preview: 'Show the report',
	building: 'Making the report…',
	stages: {
		gathering: 'Reading the figures…',
		drawing: 'Drawing the charts…',
		typesetting: 'Setting the pages…'
	},
	pages: { one: '{count} page', other: '{count} pages' },
	pageLabel: 'Page {page} of {total}',
	previewEmpty: 'Choose a report and its period, then “Show the report” to see its pages here.',
	stale: 'The choices changed since these pages were made: show the report again to save the new one.',
	savePdf: 'Save PDF…',
	saving: 'Saving…',
	savePdfTitle: 'Save the report as PDF',
	saved: 'Saved {pages} to {path}',
	saveCsv: 'Save its tables as CSV…',
	saveCsvTitle: 'Choose a folder for the CSV tables',
	savedCsv: { one: 'Saved {count} table to {dir}', other: 'Saved {count} tables to {dir}' },
	tables: 'Tables in this report',
	tableRows: { one: '{count} row', other: '{count} rows' },
	noTables: 'This report has no tables.'
};
