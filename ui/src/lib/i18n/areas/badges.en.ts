// English messages for printing an event's name badges (PDF with a QR code per registration).
export const badgesEn = {
	print: 'Print badges (PDF)',
	printing: 'Making badges…',
	dialogTitle: 'Save name badges',
	fileName: 'badges',
	badgeCount: { one: '{count} badge', other: '{count} badges' },
	pageCount: { one: '{count} page', other: '{count} pages' },
	saved: '{badges} on {pages} saved to {path}'
};
