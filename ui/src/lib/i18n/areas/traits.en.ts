// English messages for member traits (demographic, psychographic, technology, behaviour).
export const traitsEn = {
	title: 'Traits',
	intro: 'What you know about this member, in four dimensions.',
	dimensions: {
		demographic: 'Demographic',
		psychographic: 'Interests & values',
		technology: 'Technology',
		behaviour: 'Behaviour'
	},
	// Words for common keys; any other key is shown as typed.
	keys: {
		occupation: 'Occupation',
		household: 'Household',
		interest: 'Interest',
		value: 'Value',
		device: 'Device',
		app: 'App',
		platform: 'Platform',
		purchase_frequency: 'Buys',
		subscription: 'Subscription',
		channel: 'Buys from'
	},
	none: 'None yet',
	remove: 'Remove trait {trait}',
	add: 'Add trait',
	adding: 'Adding…',
	dimension: 'Dimension',
	key: 'Key',
	keyPlaceholder: 'e.g. interest',
	value: 'Value',
	valuePlaceholder: 'e.g. espresso',
	errors: {
		unknownDimension: '“{dimension}” is not a trait dimension.',
		keyRequired: 'Give the trait a key, such as “interest” or “device”.',
		valueRequired: 'Give the trait a value, such as “espresso” or “iPhone”.',
		keyTooLong: 'A key can be at most {max} characters (this one has {length}).',
		valueTooLong: 'A value can be at most {max} characters (this one has {length}).',
		duplicate: 'This member already has “{key}: {value}”.'
	}
} as const;
