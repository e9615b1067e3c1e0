//! `kizuna events …`: list, show, create, register, cancel, door check-in and the attendee CSV.

use std::io::Write;
use std::path::Path;

use clap::{Args, Subcommand, ValueEnum};
use kizuna_core::events::{
    EventKind, EventStatus, EventWhen, NewEvent, add_registration, cancel_registration, check_in,
    create_event, event_detail, find_for_checkin, format_event_time, list_events,
    list_registrations, parse_event_time,
};
use kizuna_core::export_file::write_csv_record;
use kizuna_core::ids::{EventId, MemberId, RegistrationId};

use crate::commands::open_existing;

/// `kizuna events list|show|create|register|cancel|checkin|attendees …`.
#[derive(Debug, Args)]
pub struct EventsArgs {
    #[command(subcommand)]
    action: EventsAction,
}

#[derive(Debug, Subcommand)]
enum EventsAction {
    #[command(flatten)]
    Event(EventAction),
    /// An event's budget: `budget EVENT [--json]` (summary), `budget add EVENT --kind … --planned …`.
    Budget(crate::budget::BudgetArgs),
    /// Feedback after an event: `feedback import EVENT FILE.csv` (all rows or none).
    Feedback(crate::budget::FeedbackArgs),
}

#[derive(Debug, Subcommand)]
enum EventAction {
    /// List events with going / waitlist / attended counts.
    List {
        /// upcoming (not yet ended), past or all.
        #[arg(long, value_enum, default_value = "upcoming")]
        when: When,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Show one event: details, counts, ticket types.
    Show {
        event_id: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Create an event; prints its id.
    Create(Box<CreateArgs>),
    /// Register MEMBER_ID for EVENT_ID (going, or the waitlist when full); prints the code.
    Register {
        event_id: String,
        member_id: String,
        /// Ticket type id.
        #[arg(long)]
        ticket: Option<String>,
    },
    /// Cancel a registration; the first on the waitlist moves up.
    Cancel { registration_id: String },
    /// Check in at the door by registration code or a few letters of a name, reading or email.
    Checkin {
        event_id: String,
        code_or_name: String,
        /// The device name recorded with the check-in (default: this file's device).
        #[arg(long, default_value = "")]
        device: String,
    },
    /// Name badges with QR codes as a PDF: `badges EVENT -o badges.pdf [--lang ja]`.
    Badges(crate::badges::BadgesArgs),
    /// Registrations of an event (code first).
    Attendees {
        event_id: String,
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum When {
    Upcoming,
    Past,
    All,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    Table,
    Csv,
}

/// `kizuna events create --title … --starts … --ends …`.
#[derive(Debug, Args)]
struct CreateArgs {
    #[arg(long)]
    title: String,
    /// in_person, online or hybrid.
    #[arg(long, default_value = "in_person")]
    kind: String,
    /// Start: "2026-05-30 18:30" in --time-zone, or RFC 3339.
    #[arg(long)]
    starts: String,
    /// End, written like --starts.
    #[arg(long)]
    ends: String,
    /// IANA time zone the event is held in.
    #[arg(long, default_value = "Asia/Tokyo")]
    time_zone: String,
    #[arg(long)]
    venue: Option<String>,
    #[arg(long)]
    address: Option<String>,
    #[arg(long)]
    url: Option<String>,
    /// Seats (none: no limit).
    #[arg(long, allow_hyphen_values = true)]
    capacity: Option<i64>,
    /// draft, published, done or cancelled.
    #[arg(long, default_value = "draft")]
    status: String,
    #[arg(long)]
    description: Option<String>,
    /// ISO 4217 currency of the event's money (default JPY).
    #[arg(long)]
    currency: Option<String>,
}

/// Runs `kizuna events …`.
pub fn run(path: &Path, args: EventsArgs) -> anyhow::Result<()> {
    match args.action {
        EventsAction::Event(action) => run_event(path, action),
        EventsAction::Budget(args) => crate::budget::budget(path, args),
        EventsAction::Feedback(args) => crate::budget::feedback(path, args),
    }
}

fn run_event(path: &Path, action: EventAction) -> anyhow::Result<()> {
    let mut store = open_existing(path)?;
    let mut out = std::io::stdout().lock();
    match action {
        EventAction::List { when, json } => {
            let when = match when {
                When::Upcoming => EventWhen::Upcoming,
                When::Past => EventWhen::Past,
                When::All => EventWhen::All,
            };
            let events = list_events(store.conn(), store.clock().now_ms(), when)?;
            if json {
                writeln!(out, "{}", serde_json::to_string_pretty(&events)?)?;
            }
            for e in events.iter().filter(|_| !json) {
                let cap = e.capacity.map_or("∞".to_owned(), |c| c.to_string());
                writeln!(
                    out,
                    "{}  {}  {:<10} going {}/{cap}  waitlist {}  attended {}  {}",
                    e.id,
                    local(e.starts_at, &e.time_zone),
                    e.status.as_sql(),
                    e.counts.going + e.counts.attended,
                    e.counts.waitlist,
                    e.counts.attended,
                    e.title
                )?;
            }
        }
        EventAction::Show { event_id, json } => {
            let d = event_detail(store.conn(), &EventId(event_id))?;
            if json {
                writeln!(out, "{}", serde_json::to_string_pretty(&d)?)?;
            } else {
                let e = &d.event;
                writeln!(
                    out,
                    "{}\n{} – {} ({})",
                    e.title,
                    local(e.starts_at, &e.time_zone),
                    local(e.ends_at, &e.time_zone),
                    e.time_zone
                )?;
                for (label, value) in [
                    ("venue", &e.venue),
                    ("address", &e.address),
                    ("url", &e.url),
                ] {
                    if let Some(v) = value {
                        writeln!(out, "{label:<10}{v}")?;
                    }
                }
                writeln!(
                    out,
                    "status    {}\ncapacity  {}",
                    e.status.as_sql(),
                    e.capacity.map_or("no limit".to_owned(), |c| c.to_string())
                )?;
                let c = &e.counts;
                writeln!(
                    out,
                    "going {}  waitlist {}  attended {}  no-show {}  cancelled {}",
                    c.going, c.waitlist, c.attended, c.no_show, c.cancelled
                )?;
                for t in &d.ticket_types {
                    writeln!(
                        out,
                        "ticket    {} {} {} ({})",
                        t.name, t.price_minor, t.currency, t.id
                    )?;
                }
            }
        }
        EventAction::Create(args) => {
            // Budgets read and show only the supported currencies (imports keep any code).
            if let Some(code) = &args.currency {
                kizuna_core::money::currency_info(code)?;
            }
            let new = NewEvent {
                kind: args.kind.parse::<EventKind>()?,
                starts_at: parse_event_time(&args.starts, &args.time_zone)?,
                ends_at: parse_event_time(&args.ends, &args.time_zone)?,
                status: args.status.parse::<EventStatus>()?,
                title: args.title,
                time_zone: args.time_zone,
                venue: args.venue,
                address: args.address,
                url: args.url,
                capacity: args.capacity,
                description: args.description,
                currency: args.currency,
            };
            let id = store.write(|w| create_event(w, &new))?;
            writeln!(out, "{id}")?;
        }
        EventAction::Register {
            event_id,
            member_id,
            ticket,
        } => {
            let (event, member) = (EventId(event_id), MemberId(member_id));
            let r = store.write(|w| add_registration(w, &event, &member, ticket.as_deref()))?;
            writeln!(
                out,
                "{}  {}  {}",
                r.code,
                status_word(r.status),
                r.registration_id
            )?;
        }
        EventAction::Cancel { registration_id } => {
            let id = RegistrationId(registration_id);
            let promoted = store.write(|w| cancel_registration(w, &id))?;
            writeln!(out, "cancelled {id}")?;
            for p in promoted {
                writeln!(out, "moved up from the waitlist: {p}")?;
            }
        }
        EventAction::Checkin {
            event_id,
            code_or_name,
            device,
        } => {
            let event = EventId(event_id);
            let found = find_for_checkin(store.conn(), &event, &code_or_name)?;
            let chosen = match found.as_slice() {
                [] => anyhow::bail!("nobody registered for this event matches \"{code_or_name}\""),
                [one, ..] if one.code.eq_ignore_ascii_case(code_or_name.trim()) => one,
                [one] => one,
                many => {
                    for r in many {
                        eprintln!(
                            "{}  {}  {}",
                            r.code,
                            r.display_name,
                            r.email.as_deref().unwrap_or("")
                        );
                    }
                    anyhow::bail!(
                        "{} people match \"{code_or_name}\"; type more letters or scan the code",
                        many.len()
                    );
                }
            };
            let id = RegistrationId(chosen.id.clone());
            let row = store.write(|w| check_in(w, &id, &device))?;
            writeln!(out, "checked in {} ({})", row.display_name, row.code)?;
        }
        EventAction::Badges(args) => crate::badges::run(&store, args)?,
        EventAction::Attendees { event_id, format } => {
            let rows = list_registrations(store.conn(), &EventId(event_id))?;
            let mut csv = csv::Writer::from_writer(out);
            if let Format::Csv = format {
                write_csv_record(
                    &mut csv,
                    [
                        "code",
                        "name",
                        "reading",
                        "email",
                        "status",
                        "ticket",
                        "price_minor",
                        "currency",
                        "checked_in_at",
                        "checked_in_by",
                        "registration_id",
                        "member_id",
                    ],
                )?;
            }
            for r in rows {
                if let Format::Table = format {
                    csv.flush()?;
                    println!(
                        "{}  {:<9} {}",
                        r.code,
                        status_word(r.status),
                        r.display_name
                    );
                    continue;
                }
                let checked = r
                    .checked_in_at
                    .and_then(chrono::DateTime::from_timestamp_millis)
                    .map(|t| t.to_rfc3339())
                    .unwrap_or_default();
                write_csv_record(
                    &mut csv,
                    [
                        r.code,
                        r.display_name,
                        r.name_reading.unwrap_or_default(),
                        r.email.unwrap_or_default(),
                        status_word(r.status).to_owned(),
                        r.ticket_type.unwrap_or_default(),
                        r.price_minor.map(|p| p.to_string()).unwrap_or_default(),
                        r.currency.unwrap_or_default(),
                        checked,
                        r.checked_in_by.unwrap_or_default(),
                        r.id,
                        r.member_id,
                    ],
                )?;
            }
            csv.flush()?;
        }
    }
    Ok(())
}

fn status_word(status: kizuna_core::events::RegistrationStatus) -> &'static str {
    status.as_sql()
}

fn local(ms: i64, zone: &str) -> String {
    format_event_time(ms, zone)
}
