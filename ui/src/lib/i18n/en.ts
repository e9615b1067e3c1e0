// English messages: the source of truth for every key. ja.ts must provide the same keys.
// Larger screens keep their messages in areas/<area>.en.ts and areas/<area>.ja.ts.
import { memberEditEn } from './areas/memberEdit.en';
import { segmentsEn } from './areas/segments.en';
import { mergeEn } from './areas/merge.en';
import { settingsEn } from './areas/settings.en';
import { referralsEn } from './areas/referrals.en';
import { traitsEn } from './areas/traits.en';
import { eventMoneyEn } from './areas/eventMoney.en';
import { eventsEn } from './areas/events.en';
import { badgesEn } from './areas/badges.en';
import { ideasEn } from './areas/ideas.en';
import { perksEn } from './areas/perks.en';
import { campaignCompareEn } from './areas/campaignCompare.en';
import { campaignsEn } from './areas/campaigns.en';
import { importFilesEn } from './areas/importFiles.en';
import { syncEn } from './areas/sync.en';
import { connectionsEn } from './areas/connections.en';
import { backupsEn } from './areas/backups.en';
import { reportsEn } from './areas/reports.en';
import { paletteEn } from './areas/palette.en';
import { aboutEn } from './areas/about.en';
import { notifyEn } from './areas/notify.en';

export const en = {
	app: {
		name: 'Kizuna',
		skipToContent: 'Skip to content'
	},
	nav: {
		label: 'Screens',
		dashboard: 'Dashboard',
		members: 'Members',
		segments: 'Segments',
		events: 'Events',
		campaigns: 'Campaigns',
		perks: 'Perks',
		ideas: 'Ideas',
		import: 'Import',
		reports: 'Reports',
		settings: 'Sync & Settings'
	},
	shell: {
		sampleBadge: 'Sample community',
		sampleBanner:
			'This is a sample community with made-up members. Explore freely, or start your own.',
		startEmpty: 'Start an empty community',
		newCommunityLabel: 'Name of the new community',
		newCommunityPlaceholder: 'e.g. Tokyo Rust Meetup',
		nameRequired: 'Give the community a name.',
		create: 'Create',
		creating: 'Creating…',
		cancel: 'Cancel',
		openSample: 'Open the sample community',
		openingSample: 'Opening the sample…',
		language: 'Language',
		openingCommunity: 'Opening your community…',
		communityFailed: 'Your community could not be opened.',
		browserWithoutApp:
			'This page is Kizuna’s window and needs the Kizuna app around it to reach your community. Open the app, or add ?mock to the address to look around with made-up data.'
	},
	dashboard: {
		title: 'Dashboard',
		kpiMembers: 'Members',
		kpiActive30d: 'Active last 30 days',
		kpiNewThisMonth: 'New this month',
		kpiUpcomingEvents: 'Upcoming events',
		activityTitle: 'Activity per month',
		activityTotal: '{count} activities recorded in total',
		chartLabel: 'Bar chart of member activities per month',
		chartLoading: 'Drawing the chart…',
		noActivityYet:
			'No activity recorded yet. Imports, event check-ins and activity synced from your platforms will fill this chart.',
		nextEventsTitle: 'Next events',
		noUpcomingEvents: 'No upcoming events yet. Events you plan will show up here.',
		going: '{going} going',
		goingOfCapacity: '{going} / {capacity} going',
		online: 'Online',
		eventKind: {
			inPerson: 'In person',
			online: 'Online',
			hybrid: 'Hybrid'
		},
		insights: {
			title: 'Engagement insights',
			chartLoading: 'Drawing the chart…',
			activeWeekly: {
				title: 'Active members per week',
				description: 'How many members took part in something each week, over the last 26 weeks.',
				label: 'Line chart of active members per week over the last 26 weeks'
			},
			levelsOverTime: {
				title: 'Members by level over time',
				description: 'How the number of members at each engagement level changed over the last 12 months.',
				label: 'Stacked area chart of members by engagement level over the last 12 months'
			},
			cohortRetention: {
				title: 'Cohort retention',
				description: 'Of the members who joined in a given month, the share still active in the months after.',
				label: 'Heat map of the share of each monthly join cohort still active in later months'
			},
			firstContribution: {
				title: 'Time to first contribution',
				description: 'How long new members take from joining to their first activity.',
				label: 'Histogram of the time between joining and first activity'
			},
			activityMix: {
				title: 'Activity mix (90 days)',
				description: 'Which kinds of activity made up the last 90 days.',
				label: 'Bar chart of activities by type over the last 90 days'
			}
		}
	},
	members: {
		title: 'Members',
		searchLabel: 'Search members',
		searchPlaceholder: 'Search by name, reading, email or handle',
		count: {
			one: '{count} member',
			other: '{count} members'
		},
		counting: 'Counting members…',
		tableLabel: 'Members',
		columns: {
			name: 'Name',
			email: 'Email',
			platforms: 'Platforms',
			followers: 'Followers',
			joined: 'Joined',
			lastActive: 'Last active'
		},
		noMatches: 'No members match “{search}”. Try part of a name, a kana reading, an email or a handle.',
		noMembers: 'No members yet. Once you import a list or sync with your team, they will appear here.',
		loadingRow: 'Loading…',
		none: '—'
	},
	memberDetail: {
		back: 'Back to members',
		loading: 'Loading member…',
		notFound: 'This member could not be found. They may have been deleted or merged into another member.',
		joined: 'Joined {date}',
		bornIn: 'Born {year}',
		source: 'Source: {source}',
		profile: 'Profile',
		email: 'Email',
		phone: 'Phone',
		location: 'Location',
		notes: 'Notes',
		identities: 'Identities',
		noIdentities: 'No platform accounts linked yet.',
		followers: {
			one: '{count} follower',
			other: '{count} followers'
		},
		openProfile: 'Open profile',
		tags: 'Tags',
		noTags: 'No tags yet.',
		timeline: 'Activity',
		activityCount: {
			one: '{count} activity',
			other: '{count} activities'
		},
		showingLatest: 'Showing the latest {shown} of {total}.',
		noActivity: 'No activity recorded for this member yet.',
		atEvent: 'at {event}',
		openLink: 'Open link'
	},
	engagement: {
		title: 'Engagement',
		loading: 'Working out the score…',
		score: 'Score',
		level: 'Level',
		levelHint: 'Level: {level}',
		pointsToNext: '{points} points to {level}',
		topLevel: 'Highest level reached',
		progressLabel: 'Progress towards {level}',
		halfLife: {
			one: 'Scores halve every day without new activity.',
			other: 'Scores halve every {count} days without new activity.'
		},
		why: 'Why this level: each activity adds its type’s weight, and older activity counts for less.',
		breakdownLabel: 'Score by activity type',
		columns: {
			activity: 'Activity',
			count: 'Count',
			weight: 'Weight',
			contribution: 'Points',
			share: 'Share'
		},
		weightValue: '×{weight}',
		lastAt: 'Last {date}',
		noActivity:
			'No activity counted yet, so the score is 0. Attending events, posting and contributing will raise it, and the level with it.',
		distributionTitle: 'Members by level',
		distributionLabel: 'Bar chart of members per level, highest level first',
		distributionLoading: 'Counting members per level…',
		distributionEmpty: 'No members yet. Once members join and take part, their levels show up here.',
		fromScore: 'from {score} points',
		levelMembers: {
			one: '{count} member',
			other: '{count} members'
		}
	},
	duplicates: {
		title: 'Possible duplicates',
		open: 'Possible duplicates',
		openWithCount: 'Possible duplicates ({count})',
		back: 'Back to members',
		loading: 'Looking for members who may be the same person…',
		intro: 'These pairs of members look like the same person. Compare a pair side by side to merge it.',
		neverAutomatic: 'Kizuna never merges on its own: you compare each pair and pick every field, and any merge can be undone later.',
		empty: 'No possible duplicates found. When two members share an email, a handle, a phone number or a name reading, they will be listed here.',
		listLabel: 'Suggested duplicates, most confident first',
		evidenceFor: 'Why they match',
		evidenceAgainst: 'What differs',
		confidence: {
			high: 'High confidence',
			medium: 'Medium confidence',
			low: 'Low confidence',
			hint: '{percent} sure they are the same person'
		},
		reason: {
			sameEmail: 'Same email',
			sameHandle: 'Same {platform} handle',
			samePhone: 'Same phone',
			sameNameKey: 'Same name (reading)',
			other: 'Other matching detail'
		},
		conflict: {
			differentEmail: 'Different email',
			differentHandle: 'Different {platform} handle',
			differentPhone: 'Different phone',
			differentName: 'Different name',
			differentBirthYear: 'Different birth year',
			other: 'Other differing detail'
		}
	},
	tiers: {
		nano: 'Nano',
		micro: 'Micro',
		mid: 'Mid',
		macro: 'Macro',
		hint: '{tier} influencer'
	},
	platforms: {
		email: 'Email',
		discord: 'Discord',
		x: 'X',
		instagram: 'Instagram',
		youtube: 'YouTube',
		tiktok: 'TikTok',
		line: 'LINE',
		github: 'GitHub'
	},
	memberEdit: memberEditEn,
	segments: segmentsEn,
	merge: mergeEn,
	settings: settingsEn,
	referrals: referralsEn,
	traits: traitsEn,
	eventMoney: eventMoneyEn,
	events: eventsEn,
	badges: badgesEn,
	ideas: ideasEn,
	perks: perksEn,
	campaignCompare: campaignCompareEn,
	campaigns: campaignsEn,
	importFiles: importFilesEn,
	sync: syncEn,
	connections: connectionsEn,
	backups: backupsEn,
	reports: reportsEn,
	palette: paletteEn,
	about: aboutEn,
	notify: notifyEn,
	errors: {
		retry: 'Try again',
		notFound: 'It could not be found. It may have been deleted or merged into another record.',
		invalidInput: 'Some of what was entered is not valid: {message}',
		notKizunaDatabase: 'This file is not a Kizuna community.',
		newerVersion: 'This community was saved by a newer version of Kizuna. Update Kizuna to open it.',
		storage: 'The community file could not be read or written: {message}',
		corrupt: 'The community file is damaged: {message}',
		internal: 'Something went wrong: {message}',
		cancelled: 'Stopped. Nothing was changed.',
		remote: '{message}'
	}
} as const;
