//! Every export fixture as a manager would meet it: the format recognised from its header, a
//! readable summary of what each line becomes (snapshot, reviewed by hand), and the import into
//! a real community file — the expected members, and a second import that changes nothing.

use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, TimeZone, Utc};
use kizuna_core::Store;
use kizuna_core::clock::FixedClock;
use kizuna_core::store::OpenMode;
use kizuna_import::engine::{ImportOptions, import};
use kizuna_import::formats::{
    FileBatch, FileOptions, FormatId, MapContext, batch_from_file, detect_format,
};
use kizuna_import::record::{EventIn, RegistrationIn, SourceRecord};
use kizuna_import::table::read_table;
use serde::Serialize;

/// Each fixture, its format, whether the caller names the event, and the members it brings.
const FIXTURES: &[(&str, FormatId, bool, i64)] = &[
    ("luma_guests.csv", FormatId::Luma, true, 4),
    ("eventbrite_attendees.csv", FormatId::Eventbrite, false, 3),
    ("connpass_style_sjis.csv", FormatId::Generic, true, 3),
    ("meetup_members.csv", FormatId::Meetup, false, 3),
    ("meetup_rsvps.csv", FormatId::Meetup, true, 4),
    (
        "connpass_participants_sjis.csv",
        FormatId::Connpass,
        true,
        4,
    ),
    ("peatix_attendees.csv", FormatId::Peatix, true, 4),
    ("doorkeeper_attendees.csv", FormatId::Doorkeeper, true, 3),
    ("shopify_customers.csv", FormatId::Shopify, false, 3),
    ("discourse_users.csv", FormatId::Discourse, false, 3),
    ("mailchimp_audience.csv", FormatId::Mailchimp, false, 3),
];

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name),
    )
    .expect("fixture")
}

fn tokyo_ms(month: u32, day: u32, hour: u32) -> i64 {
    chrono_tz::Asia::Tokyo
        .with_ymd_and_hms(2026, month, day, hour, 0, 0)
        .single()
        .expect("time")
        .timestamp_millis()
}

/// The event a manager names for exports that list one event's guests without naming it.
fn given_event() -> EventIn {
    EventIn {
        title: "Coffee Meetup #12".to_owned(),
        starts_at: Some(tokyo_ms(10, 18, 13)),
        ..EventIn::default()
    }
}

fn read(name: &str, with_event: bool) -> FileBatch {
    let options = FileOptions {
        encoding: None,
        format: None,
        mapping: None,
        context: MapContext {
            time_zone: "Asia/Tokyo".to_owned(),
            event: with_event.then(given_event),
        },
    };
    batch_from_file(&fixture(name), name, &options).expect(name)
}

fn when(ms: i64) -> String {
    DateTime::<Utc>::from_timestamp_millis(ms)
        .expect("time")
        .with_timezone(&chrono_tz::Asia::Tokyo)
        .format("%Y-%m-%d %H:%M %:z")
        .to_string()
}

/// A line as the snapshot shows it.
#[derive(Serialize)]
struct Line {
    line: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reading: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    phone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    place: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    joined: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tags: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    identities: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    event: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    registration: Option<String>,
}

fn registration(r: &RegistrationIn) -> String {
    let status = serde_json::to_value(r.status).expect("status");
    let mut parts = vec![status.as_str().unwrap_or_default().to_owned()];
    if let Some(t) = &r.ticket_type {
        parts.push(format!("ticket {t}"));
    }
    if let Some(p) = r.price_minor {
        parts.push(format!(
            "{} {p} (minor units)",
            r.currency.as_deref().unwrap_or("?")
        ));
    }
    if let Some(at) = r.registered_at {
        parts.push(format!("registered {}", when(at)));
    }
    if let Some(at) = r.checked_in_at {
        parts.push(format!("checked in {}", when(at)));
    }
    parts.join(", ")
}

fn line(r: &SourceRecord) -> Line {
    let p = &r.person;
    let place = [p.city.clone(), p.country.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>();
    Line {
        line: r.line,
        name: p.display_name.clone(),
        reading: p.name_reading.clone(),
        email: p.email.clone(),
        phone: p.phone.clone(),
        id: p.external_id.clone(),
        place: (!place.is_empty()).then(|| place.join(", ")),
        joined: p.joined_at.map(when),
        tags: p.tags.clone(),
        identities: p
            .identities
            .iter()
            .map(|i| match &i.url {
                Some(url) => format!("{}:{} ({url})", i.platform, i.handle),
                None => format!("{}:{}", i.platform, i.handle),
            })
            .collect(),
        event: r.event.as_ref().map(|e| {
            let mut text = e.title.clone();
            if let Some(id) = &e.external_id {
                text.push_str(&format!(" [{id}]"));
            }
            if let Some(at) = e.starts_at {
                text.push_str(&format!(" at {}", when(at)));
            }
            text
        }),
        registration: r.registration.as_ref().map(registration),
    }
}

/// What a manager sees in the dry run of a file.
#[derive(Serialize)]
struct Summary {
    format: &'static str,
    source: String,
    encoding: Option<String>,
    lines: Vec<Line>,
    refused: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    notes: Vec<String>,
}

fn summary(b: &FileBatch) -> Summary {
    Summary {
        format: b.format.key(),
        source: b.batch.source.key.clone(),
        encoding: b.encoding.map(|e| format!("{e:?}")),
        lines: b.batch.records.iter().map(line).collect(),
        refused: b
            .batch
            .errors
            .iter()
            .map(|e| match &e.column {
                Some(c) => format!("line {}, column \"{c}\": {}", e.line, e.message),
                None => format!("line {}: {}", e.line, e.message),
            })
            .collect(),
        notes: b.notes.clone(),
    }
}

#[test]
fn each_fixture_header_is_recognised_as_its_own_format() {
    for (name, format, _, _) in FIXTURES {
        let table = read_table(&fixture(name), name, None).expect(name);
        assert_eq!(detect_format(&table.headers), Some(*format), "{name}");
    }
}

#[test]
fn each_fixture_reads_into_the_lines_a_manager_expects() {
    for (name, _, with_event, _) in FIXTURES {
        let b = read(name, *with_event);
        let snapshot = name.trim_end_matches(".csv");
        insta::assert_yaml_snapshot!(snapshot, summary(&b));
    }
}

fn store(dir: &tempfile::TempDir) -> Store {
    let now = Utc
        .with_ymd_and_hms(2026, 11, 23, 9, 0, 0)
        .single()
        .expect("time");
    Store::open(
        &dir.path().join("c.kizuna"),
        OpenMode::CreateIfMissing,
        Arc::new(FixedClock(now)),
    )
    .expect("store")
}

fn members(store: &Store) -> i64 {
    store
        .conn()
        .query_row(
            "SELECT count(*) FROM members WHERE deleted_at IS NULL",
            [],
            |r| r.get(0),
        )
        .expect("count")
}

#[test]
fn each_fixture_imports_its_members_once_and_a_second_import_changes_nothing() {
    let options = ImportOptions {
        time_zone: "Asia/Tokyo".to_owned(),
    };
    for (name, _, with_event, expected) in FIXTURES {
        let dir = tempfile::tempdir().expect("dir");
        let mut store = store(&dir);
        let batch = read(name, *with_event).batch;
        let first = import(&mut store, &batch, &options, &mut |_, _| true).expect(name);
        assert_eq!(members(&store), *expected, "{name}: {first:?}");
        assert_eq!(first.members_created, *expected as u64, "{name}");
        let again = import(&mut store, &batch, &options, &mut |_, _| true).expect(name);
        assert!(!again.changes_anything(), "{name}: {again:?}");
        assert_eq!(members(&store), *expected, "{name}");
    }
}

#[test]
fn the_two_meetup_exports_meet_in_the_same_members() {
    let dir = tempfile::tempdir().expect("dir");
    let mut store = store(&dir);
    let options = ImportOptions {
        time_zone: "Asia/Tokyo".to_owned(),
    };
    let roster = read("meetup_members.csv", false).batch;
    import(&mut store, &roster, &options, &mut |_, _| true).expect("members");
    let rsvps = read("meetup_rsvps.csv", true).batch;
    let report = import(&mut store, &rsvps, &options, &mut |_, _| true).expect("rsvps");
    // Hiro and Maya are on both lists (Lucas's join date was refused in the roster); Ken and
    // Lucas are new.
    assert_eq!(report.members_created, 2, "{report:?}");
    assert_eq!(members(&store), 5);
    let identities: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM identities WHERE platform = 'meetup'",
            [],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(identities, 5);
}
