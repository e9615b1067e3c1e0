// English messages for Settings → Backups and the screen shown when a community file is damaged.
export const backupsEn = {
	title: 'Backups',
	intro:
		'While this community is open, Kizuna backs it up once a day and keeps the newest backup of each of the last 7 days and 8 weeks. Backups are kept in {folder}.',
	backUpNow: 'Back up now',
	backingUp: 'Backing up…',
	backedUp: 'Backed up ({date}, {size}).',
	loading: 'Loading the backups…',
	none: 'No backups yet. The first is taken a few moments after the community opens, or press “Back up now”.',
	taken: 'Taken',
	size: 'Size',
	restore: 'Restore…',
	damaged: {
		title: 'This community file is damaged',
		explain:
			'Kizuna cannot open {file}: part of it was overwritten or cut off (by a disk problem, a copy that stopped half-way, or another program). Nothing was changed in it.',
		offer: 'The newest backup that is whole is from {date}: “{community}” with {members} members, {events} events and {activities} activities. Changes made after it are not in it.',
		restore: 'Restore the latest backup ({date})',
		noBackup: 'No backup of it was found beside it. If you have a copy of the file elsewhere, put it back in place of the damaged one and start Kizuna again.',
		otherwise: 'Or open another community:',
		damagedKept: 'The damaged file is kept in the backups folder, so nothing is lost by restoring.',
		newerTitle: 'This community needs a newer Kizuna',
		newerExplain:
			'It was saved by a newer version of Kizuna than this one. To keep it safe, this version does not open it: update Kizuna, then open it again.',
		checking: 'Looking for backups…'
	},
	preview: {
		checking: 'Checking the backup…',
		title: 'Restore the backup of {date}?',
		intro:
			'The community will be as it was then: changes made since will no longer be there. The community as it is now is backed up first, so you can go back to it.',
		what: 'What',
		inBackup: 'In the backup',
		now: 'Now',
		unreadable: 'cannot be read',
		members: 'Members',
		events: 'Events',
		activities: 'Activities',
		confirm: 'Restore this backup',
		restoring: 'Restoring…',
		cancel: 'Cancel'
	}
};
