//! The generated sample community: believable, reproducible, and never written over real data.

mod common;

use common::{add_member, count, fixed_clock, named, now, now_ms, open, rows, temp_path};
use kizuna_core::community::{create_empty, create_sample};
use kizuna_core::members::{InfluencerTier, list_members};
use kizuna_core::sample::{SAMPLE_NAME, SampleReport, SampleSpec, generate, planted_pairs};
use kizuna_core::{CoreError, Store};
use rusqlite::types::Value;

const MEMBERS: u32 = 300;

fn sample(spec: &SampleSpec) -> (tempfile::TempDir, Store, SampleReport) {
    let (dir, path) = temp_path();
    let mut store = open(&path);
    let report = generate(&mut store, spec).expect("generate a sample community");
    (dir, store, report)
}

fn default_sample() -> (tempfile::TempDir, Store, SampleReport) {
    sample(&SampleSpec::with_members(MEMBERS))
}

fn is_katakana_reading(reading: &str) -> bool {
    reading
        .chars()
        .all(|c| matches!(c, 'ァ'..='ヶ' | 'ー' | ' '))
}

#[test]
fn a_300_member_sample_has_plausible_counts() {
    let (_dir, store, report) = default_sample();
    let conn = store.conn();

    assert_eq!(report.members, MEMBERS);
    assert_eq!(count(conn, "SELECT count(*) FROM members"), 300);
    let activities = count(conn, "SELECT count(*) FROM activities");
    assert_eq!(activities, i64::from(report.activities));
    let per_member = activities as f64 / f64::from(MEMBERS);
    assert!(
        (17.0..=23.0).contains(&per_member),
        "{per_member} activities per member"
    );
    let events = count(conn, "SELECT count(*) FROM events");
    assert!(events >= 12, "{events} events");
    assert_eq!(events, i64::from(report.events));
    let upcoming = count(
        conn,
        &format!("SELECT count(*) FROM events WHERE starts_at > {}", now_ms()),
    );
    assert!(
        upcoming >= 1 && upcoming < events,
        "{upcoming} of {events} events are upcoming"
    );
    assert_eq!(count(conn, "SELECT count(*) FROM campaigns"), 5);
    assert_eq!(report.campaigns, 5);
    assert_eq!(
        count(conn, "SELECT count(*) FROM registrations"),
        i64::from(report.registrations)
    );
    assert!(store.is_sample().expect("read meta"));
    assert_eq!(store.community_name().expect("read meta"), SAMPLE_NAME);
}

#[test]
fn sample_members_have_japanese_names_with_katakana_readings_and_english_names() {
    let (_dir, store, _) = default_sample();
    // Planted duplicates are written the way other sources write names (romaji, full width…).
    let planted = planted_pairs(&SampleSpec::with_members(MEMBERS), now());
    let copies: Vec<usize> = planted.duplicates.iter().map(|&(_, copy)| copy).collect();
    let people: Vec<Vec<Value>> = rows(
        store.conn(),
        "SELECT display_name, name_reading FROM members ORDER BY rowid",
    )
    .into_iter()
    .enumerate()
    .filter(|(i, _)| !copies.contains(i))
    .map(|(_, person)| person)
    .collect();

    let japanese = people
        .iter()
        .filter(|p| matches!(&p[1], Value::Text(r) if is_katakana_reading(r) && r.contains(' ')))
        .count();
    let english = people
        .iter()
        .filter(|p| {
            p[1] == Value::Null
                && matches!(&p[0], Value::Text(n) if n.chars().all(|c| c.is_alphabetic() && c.is_ascii() || " 'ü".contains(c)))
        })
        .count();
    assert!(japanese >= 100, "{japanese} Japanese names with readings");
    assert!(english >= 50, "{english} English names");
    assert_eq!(
        japanese + english,
        people.len(),
        "every name is one or the other"
    );
}

#[test]
fn some_sample_members_are_nano_influencers() {
    let (_dir, store, _) = default_sample();
    let page = list_members(store.conn(), "", 0, MEMBERS).expect("list");
    assert_eq!(page.rows.len(), 300);
    let nano = page
        .rows
        .iter()
        .filter(|r| r.tier == Some(InfluencerTier::Nano))
        .count();
    assert!(
        nano >= 1,
        "no nano influencers among {} members",
        page.rows.len()
    );
    assert!(page.rows.iter().any(|r| !r.platforms.is_empty()));
}

fn activities_outside_membership(store: &Store) -> i64 {
    count(
        store.conn(),
        &format!(
            "SELECT count(*) FROM activities a JOIN members m ON m.id = a.member_id
             WHERE a.occurred_at < m.joined_at OR a.occurred_at > {}",
            now_ms()
        ),
    )
}

#[test]
fn every_sample_activity_falls_between_joining_and_now() {
    let (_dir, store, _) = default_sample();
    assert_eq!(activities_outside_membership(&store), 0);
    let orphans = count(
        store.conn(),
        "SELECT count(*) FROM activities WHERE member_id NOT IN (SELECT id FROM members)",
    );
    assert_eq!(orphans, 0);
}

#[test]
fn members_who_joined_just_before_now_have_no_activity_in_the_future() {
    // Seed 7 once gave a member who joined hours ago an activity the next day.
    for seed in [3, 7] {
        let (_dir, store, _) = sample(&SampleSpec {
            seed,
            ..SampleSpec::with_members(MEMBERS)
        });
        let recent = count(
            store.conn(),
            &format!(
                "SELECT count(*) FROM members WHERE joined_at > {}",
                now_ms() - 86_400_000
            ),
        );
        assert!(
            recent > 0,
            "seed {seed} should have a member who joined today"
        );
        assert_eq!(activities_outside_membership(&store), 0, "seed {seed}");
    }
}

#[test]
fn sample_registrations_happen_after_joining_and_never_in_the_future() {
    let (_dir, store, _) = default_sample();
    let upcoming_registrations = count(
        store.conn(),
        &format!(
            "SELECT count(*) FROM registrations r JOIN events e ON e.id = r.event_id
             WHERE e.starts_at > {}",
            now_ms()
        ),
    );
    assert!(
        upcoming_registrations > 0,
        "people have signed up for upcoming events"
    );
    let misdated = count(
        store.conn(),
        &format!(
            "SELECT count(*) FROM registrations r
             JOIN members m ON m.id = r.member_id JOIN events e ON e.id = r.event_id
             WHERE r.registered_at < m.joined_at OR r.registered_at > {}
                OR r.registered_at > e.starts_at",
            now_ms()
        ),
    );
    assert_eq!(misdated, 0);
}

fn member_fingerprint(store: &Store) -> Vec<Vec<Value>> {
    rows(
        store.conn(),
        "SELECT display_name, email, joined_at FROM members ORDER BY rowid",
    )
}

#[test]
fn the_same_seed_and_clock_give_the_same_community() {
    let (_a, first, first_report) = default_sample();
    let (_b, second, second_report) = default_sample();

    assert_eq!(member_fingerprint(&first), member_fingerprint(&second));
    assert_eq!(
        count(first.conn(), "SELECT count(*) FROM activities"),
        count(second.conn(), "SELECT count(*) FROM activities")
    );
    assert_eq!(first_report, second_report);
}

#[test]
fn a_different_seed_gives_a_different_community() {
    let (_a, first, _) = default_sample();
    let (_b, other, _) = sample(&SampleSpec {
        seed: 42,
        ..SampleSpec::with_members(MEMBERS)
    });
    assert_ne!(member_fingerprint(&first), member_fingerprint(&other));
}

#[test]
fn sample_data_is_refused_in_a_community_that_has_members() {
    let (_dir, path) = temp_path();
    let mut store = open(&path);
    add_member(&mut store, &named("山田 太郎"));

    let err = generate(&mut store, &SampleSpec::with_members(10)).expect_err("not empty");

    assert!(matches!(err, CoreError::InvalidInput(_)), "{err:?}");
    assert_eq!(count(store.conn(), "SELECT count(*) FROM members"), 1);
    assert_eq!(count(store.conn(), "SELECT count(*) FROM activities"), 0);
    assert!(!store.is_sample().expect("meta"));
}

#[test]
fn new_communities_are_never_created_over_an_existing_file() {
    let (_dir, path) = temp_path();
    let store = create_empty(&path, "Tokyo Coffee Club", fixed_clock()).expect("create");
    assert_eq!(store.community_name().expect("name"), "Tokyo Coffee Club");
    assert!(!store.is_sample().expect("meta"));
    assert_eq!(
        count(store.conn(), "SELECT count(*) FROM activity_types"),
        12
    );
    drop(store);
    let bytes = std::fs::read(&path).expect("read");

    let err =
        create_sample(&path, &SampleSpec::with_members(10), fixed_clock()).expect_err("exists");
    assert!(matches!(err, CoreError::InvalidInput(_)), "{err:?}");
    let err = create_empty(&path, "Another Club", fixed_clock()).expect_err("exists");
    assert!(matches!(err, CoreError::InvalidInput(_)), "{err:?}");

    assert_eq!(std::fs::read(&path).expect("read back"), bytes);
}

#[test]
fn create_sample_makes_a_labelled_sample_file() {
    let (_dir, path) = temp_path();
    let (store, report) =
        create_sample(&path, &SampleSpec::with_members(40), fixed_clock()).expect("create");
    assert_eq!(report.members, 40);
    assert!(store.is_sample().expect("meta"));
    assert_eq!(store.community_name().expect("name"), SAMPLE_NAME);
}
