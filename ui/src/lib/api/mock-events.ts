// DEV AID ONLY — fake Events commands for mock.ts (`?mock`): a few events and registrations in
// memory (lost on reload), with the core's main refusals (end before start, negative capacity,
// checking in twice) so the screens' error states can be looked at.
import type {
	EventDetail,
	EventForm,
	EventListItem,
	MemberPage,
	RegistrationRow,
	RegistrationStatus,
	TicketType
} from '$lib/bindings';

type ListMembers = (search: string, offset: number, limit: number) => MemberPage;
type Handler = (args: Record<string, unknown>) => unknown;

const hour = 3_600_000;
const events = new Map<string, EventListItem>();
const registrations: RegistrationRow[] = [];
const tickets: TicketType[] = [];
let next = 1;

function invalid(message: string): never {
	throw { code: 'invalidInput', message };
}

/** "2026-05-30T18:30" on the Tokyo clock (the mock treats every zone as UTC+9). */
function parse(text: string): number {
	const ms = Date.parse(`${text}:00+09:00`);
	if (Number.isNaN(ms)) invalid(`"${text}" is not a time; write it as 2026-05-30 18:30 (in Asia/Tokyo) or RFC 3339`);
	return ms;
}

function counted(event: EventListItem): EventListItem {
	const mine = registrations.filter((r) => r.eventId === event.id);
	const n = (s: RegistrationStatus) => mine.filter((r) => r.status === s).length;
	return {
		...event,
		counts: { going: n('going'), waitlist: n('waitlist'), cancelled: n('cancelled'), attended: n('attended'), noShow: n('noShow') }
	};
}

function fromForm(form: EventForm, id: string): EventListItem {
	if (!form.title.trim()) invalid('an event needs a title');
	const startsAt = parse(form.starts);
	const endsAt = parse(form.ends);
	if (endsAt < startsAt) invalid('an event cannot end before it starts');
	if (form.capacity !== null && form.capacity < 0) invalid(`capacity cannot be negative (got ${form.capacity})`);
	return counted({
		id,
		title: form.title.trim(),
		kind: form.kind,
		status: form.status,
		startsAt,
		endsAt,
		timeZone: form.timeZone,
		venue: form.venue,
		address: form.address,
		url: form.url,
		capacity: form.capacity,
		description: form.description,
		currency: form.currency ?? 'JPY',
		seriesId: null,
		counts: { going: 0, waitlist: 0, cancelled: 0, attended: 0, noShow: 0 }
	});
}

function detail(id: unknown): EventDetail {
	const event = events.get(String(id));
	if (!event) throw { code: 'notFound', message: `event ${String(id)} not found` };
	return { event: counted(event), ticketTypes: tickets.filter((t) => t.eventId === event.id), series: [] };
}

function register(eventId: string, member: { id: string; displayName: string; nameReading: string | null; email: string | null }): RegistrationRow {
	const event = detail(eventId).event;
	const seats = event.counts.going + event.counts.attended + event.counts.noShow;
	const full = event.capacity !== null && seats >= event.capacity;
	const row: RegistrationRow = {
		id: `reg-${next++}`,
		eventId,
		memberId: member.id,
		displayName: member.displayName,
		nameReading: member.nameReading,
		email: member.email,
		status: full ? 'waitlist' : 'going',
		code: `K${String(next * 7919).padStart(6, '0').slice(-6)}`.replace(/[01]/g, '7'),
		ticketType: null,
		priceMinor: null,
		currency: null,
		registeredAt: Date.now() - (40 - next) * hour,
		waitlistPosition: full ? event.counts.waitlist + 1 : null,
		checkedInAt: null,
		checkedInBy: null
	};
	registrations.push(row);
	return row;
}

function seed(listMembers: ListMembers) {
	if (events.size > 0) return;
	const base = Date.UTC(2026, 11, 5, 9, 30);
	const sample: Array<[string, EventForm['kind'], number, string, string | null, number | null]> = [
		['ラテアートの夜 Latte art night', 'inPerson', base, 'Asia/Tokyo', 'Hinata Roastery 渋谷', 30],
		['Single-origin tasting (online)', 'online', base + 9 * 24 * hour, 'Europe/Berlin', null, null],
		['Barista meetup Osaka', 'hybrid', base + 20 * 24 * hour, 'Asia/Tokyo', 'Umeda Coffee Lab', 8],
		['Summer cupping', 'inPerson', Date.UTC(2026, 6, 12, 6, 0), 'Asia/Tokyo', 'Hinata Roastery 渋谷', 20]
	];
	for (const [title, kind, startsAt, timeZone, venue, capacity] of sample) {
		const id = `event-${next++}`;
		events.set(id, {
			id,
			title,
			kind,
			status: startsAt < Date.now() ? 'done' : 'published',
			startsAt,
			endsAt: startsAt + 2.5 * hour,
			timeZone,
			venue,
			address: null,
			url: kind === 'inPerson' ? null : 'https://meet.example.com/kizuna',
			capacity,
			description: null,
			currency: 'JPY',
			seriesId: null,
			counts: { going: 0, waitlist: 0, cancelled: 0, attended: 0, noShow: 0 }
		});
		const [first] = events.keys();
		if (id === first) {
			for (const member of listMembers('', 0, 12).rows) register(id, member);
		}
	}
	const first = registrations.slice(0, 3);
	for (const row of first) Object.assign(row, { status: 'attended', checkedInAt: base - 5 * 60_000, checkedInBy: 'door-laptop' });
}

/** Fake answers for the Events commands. */
export function eventsMockCommands(listMembers: ListMembers): Record<string, Handler> {
	seed(listMembers);
	const registration = (id: unknown) => {
		const row = registrations.find((r) => r.id === String(id));
		if (!row) throw { code: 'notFound', message: `registration ${String(id)} not found` };
		return row;
	};
	return {
		list_events: (args) => {
			const now = Date.now();
			const all = [...events.values()].map(counted);
			if (args.when === 'upcoming') return all.filter((e) => e.endsAt >= now).sort((a, b) => a.startsAt - b.startsAt);
			return all.filter((e) => args.when === 'all' || e.endsAt < now).sort((a, b) => b.startsAt - a.startsAt);
		},
		event_detail: (args) => detail(args.id),
		create_event: (args) => {
			const event = fromForm(args.form as EventForm, `event-${next++}`);
			events.set(event.id, event);
			return detail(event.id);
		},
		update_event: (args) => {
			events.set(String(args.id), fromForm(args.form as EventForm, String(args.id)));
			return detail(args.id);
		},
		copy_event: (args) => {
			const source = detail(args.id).event;
			const copy = { ...source, id: `event-${next++}`, status: 'draft' as const, startsAt: parse(String(args.starts)), endsAt: parse(String(args.ends)) };
			events.set(copy.id, copy);
			return detail(copy.id);
		},
		list_registrations: (args) => registrations.filter((r) => r.eventId === String(args.eventId)),
		add_ticket_type: (args) => {
			const ticket: TicketType = {
				id: `ticket-${next++}`,
				eventId: String(args.eventId),
				name: String(args.name),
				priceMinor: Number(args.priceMinor),
				currency: detail(args.eventId).event.currency
			};
			if (!ticket.name.trim()) invalid('a ticket type needs a name');
			tickets.push(ticket);
			return ticket;
		},
		add_registration: (args) => {
			const member = listMembers('', 0, 200).rows.find((m) => m.id === String(args.memberId));
			if (!member) throw { code: 'notFound', message: 'member not found' };
			if (registrations.some((r) => r.eventId === args.eventId && r.memberId === member.id && r.status !== 'cancelled')) {
				invalid(`${member.displayName} is already registered (going)`);
			}
			const row = register(String(args.eventId), member);
			return { registrationId: row.id, code: row.code, status: row.status };
		},
		add_segment_to_event: () => ({ going: 3, waitlist: 1, already: 2 }),
		cancel_registration: (args) => {
			const row = registration(args.registrationId);
			row.status = 'cancelled';
			const waiting = registrations.find((r) => r.eventId === row.eventId && r.status === 'waitlist');
			if (waiting) Object.assign(waiting, { status: 'going', waitlistPosition: null });
			return waiting ? [waiting] : [];
		},
		mark_no_shows: (args) => {
			const going = registrations.filter((r) => r.eventId === args.eventId && r.status === 'going');
			for (const row of going) row.status = 'noShow';
			return going.length;
		},
		find_for_checkin: (args) => {
			const q = String(args.query).trim().toLowerCase();
			if (!q) return [];
			return registrations
				.filter((r) => r.eventId === args.eventId && r.status !== 'cancelled')
				.filter((r) => r.code.toLowerCase() === q || [r.displayName, r.nameReading, r.email].some((s) => s?.toLowerCase().includes(q)))
				.slice(0, 20);
		},
		check_in: (args) => {
			const row = registration(args.registrationId);
			if (row.status === 'attended') {
				invalid(`${row.displayName} is already checked in (at ${new Date(row.checkedInAt ?? 0).toISOString().slice(0, 16).replace('T', ' ')} (Asia/Tokyo), on ${row.checkedInBy})`);
			}
			Object.assign(row, { status: 'attended', checkedInAt: Date.now(), checkedInBy: 'this-laptop' });
			return row;
		},
		undo_check_in: (args) => Object.assign(registration(args.registrationId), { status: 'going', checkedInAt: null, checkedInBy: null }),
		walk_in: (args) => {
			const person = args.person as { displayName: string; email: string | null };
			if (!person.displayName.trim()) invalid('a member needs a name');
			const row = register(String(args.eventId), { id: `walk-in-${next}`, displayName: person.displayName, nameReading: null, email: person.email });
			return Object.assign(row, { status: 'attended', checkedInAt: Date.now(), checkedInBy: 'this-laptop' });
		},
		checkin_counter: (args) => {
			const mine = registrations.filter((r) => r.eventId === args.eventId);
			const checkedIn = mine.filter((r) => r.status === 'attended').length;
			return { checkedIn, expected: checkedIn + mine.filter((r) => r.status === 'going').length };
		}
	};
}
