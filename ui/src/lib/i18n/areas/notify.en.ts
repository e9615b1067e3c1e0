// English system notifications for long jobs that finish while Kizuna is in the background.
export const notifyEn = {
	importDone: 'Import finished',
	importDoneBody: '{file}: {created} new members, {updated} updated, {bad} lines not imported.',
	importFailed: 'Import stopped',
	reportDone: 'Report ready',
	reportDoneBody: '{title}: {pages} ready to look at and save.',
	reportFailed: 'The report could not be made',
	connectionDone: 'Import from {label} finished',
	connectionFailed: 'Import from {label} stopped'
};
