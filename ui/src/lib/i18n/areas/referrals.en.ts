// English messages for referrals, downstream reach, top advocates and influencers.
export const referralsEn = {
	wordOfMouth: 'Word of mouth',
	title: 'Word of mouth',
	intro: 'Who brings new people in: referrals, each member’s reach through the people they brought, and influencers by follower count.',
	back: 'Members',
	advocates: {
		title: 'Top advocates',
		intro: 'Ranked by everyone they brought in, including the people those brought in.',
		label: 'Top advocates',
		loading: 'Counting referrals…',
		empty: 'No referrals recorded yet. Record one from a member’s page.',
		columns: {
			rank: '#',
			member: 'Member',
			direct: 'Referred directly',
			total: 'Total reach',
			active: 'Still active',
			level: 'Level'
		},
		notScored: 'Not scored yet'
	},
	influencers: {
		title: 'Influencers',
		label: 'Influencers',
		loading: 'Finding influencers…',
		filterLabel: 'Tier',
		all: 'All tiers',
		empty: 'No members in this tier.',
		columns: {
			member: 'Member',
			tier: 'Tier',
			platform: 'Platform',
			account: 'Account',
			followers: 'Followers'
		}
	},
	card: {
		title: 'Referrals',
		loading: 'Loading referrals…',
		referredBy: 'Referred by {name} via {channel}',
		referredOn: 'on {date}',
		deletedReferrer: '(deleted)',
		notReferred: 'Not referred by anyone on record.',
		reach: {
			one: 'Brought in {count} person directly',
			other: 'Brought in {count} people directly'
		},
		totalReach: {
			one: '{count} person in total, counting the people they brought in',
			other: '{count} people in total, counting the people they brought in'
		},
		noReach: 'Has not brought anyone in yet.',
		tree: 'Referral tree (3 generations)',
		treeLabel: 'People brought in by {name}',
		record: 'Record who referred them',
		remove: 'Remove referral',
		removeConfirm: 'Forget that {name} referred this member?',
		confirmRemove: 'Yes, remove',
		cancel: 'Cancel',
		referrerLabel: 'Referred by',
		referrerPlaceholder: 'Search a member by name, reading, email or handle',
		searching: 'Searching…',
		noMatches: 'No members match.',
		channelLabel: 'Channel',
		save: 'Record referral',
		saving: 'Saving…',
		pickReferrer: 'Pick the member who referred them.'
	},
	channels: {
		inPerson: 'in person',
		link: 'a link',
		code: 'a referral code',
		social: 'social media',
		event: 'an event',
		other: 'another way'
	},
	channelNames: {
		inPerson: 'In person',
		link: 'Link',
		code: 'Referral code',
		social: 'Social media',
		event: 'Event',
		other: 'Other'
	}
} as const;
