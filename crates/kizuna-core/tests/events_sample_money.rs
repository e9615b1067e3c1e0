//! The sample community's event money and voices: yen budgets with actuals on past events,
//! feedback from part of their attendees, and voted suggestion options on upcoming events —
//! the same every time for the same seed and clock.

mod common;

use common::{count, fixed_clock, now_ms, rows, temp_path};
use kizuna_core::Store;
use kizuna_core::budget::{BudgetKind, budget_lines, budget_summary};
use kizuna_core::event_outcomes::event_outcome;
use kizuna_core::sample::{SampleSpec, generate};
use kizuna_core::store::OpenMode;
use kizuna_core::suggestions::ranked_suggestions;
use rusqlite::types::Value;

fn sample() -> (tempfile::TempDir, Store) {
    let (dir, path) = temp_path();
    let mut store = Store::open(&path, OpenMode::CreateIfMissing, fixed_clock()).expect("open");
    generate(&mut store, &SampleSpec::with_members(300)).expect("generate");
    (dir, store)
}

/// (id, kind) of the events before or after now.
fn events(store: &Store, past: bool) -> Vec<(String, String)> {
    let op = if past { "<" } else { ">" };
    rows(
        store.conn(),
        &format!(
            "SELECT id, kind FROM events WHERE starts_at {op} {} ORDER BY starts_at",
            now_ms()
        ),
    )
    .into_iter()
    .map(|r| match (&r[0], &r[1]) {
        (Value::Text(id), Value::Text(kind)) => (id.clone(), kind.clone()),
        other => panic!("unexpected event row {other:?}"),
    })
    .collect()
}

#[test]
fn past_sample_events_at_a_venue_have_paid_budgets_and_a_cost_per_attendee() {
    let (_dir, store) = sample();
    let conn = store.conn();
    let at_venue: Vec<String> = events(&store, true)
        .into_iter()
        .filter(|(_, kind)| kind != "online")
        .map(|(id, _)| id)
        .collect();
    assert!(
        at_venue.len() >= 5,
        "{} past events at a venue",
        at_venue.len()
    );
    let mut over_plan = 0;
    for event in &at_venue {
        let lines = budget_lines(conn, event).expect("lines");
        let venue = lines
            .iter()
            .find(|l| l.category.as_sql() == "venue")
            .expect("a venue line");
        assert!((30_000..=150_000).contains(&venue.planned_minor));
        assert!(lines.iter().any(|l| l.category.as_sql() == "catering"));
        for line in &lines {
            assert_eq!(line.currency, "JPY");
            let actual = line.actual_minor.expect("past lines have an actual amount");
            let paid = line.paid_at.expect("past lines have a paid date");
            assert!(paid <= now_ms());
            if line.kind == BudgetKind::Cost {
                let (low, high) = (
                    line.planned_minor * 84 / 100,
                    line.planned_minor * 116 / 100,
                );
                assert!((low..=high).contains(&actual), "{line:?}");
                over_plan += i32::from(actual > line.planned_minor);
            }
        }
        let summary = budget_summary(conn, event).expect("summary");
        assert!(summary.cost_actual_minor > 0);
        let per_attendee = summary
            .cost_per_attended_minor
            .expect("a cost per attendee");
        assert!(per_attendee > 0, "{summary:?}");
        assert!(summary.registration_ticket_income_minor > 0);
    }
    assert!(over_plan > 0, "some lines went over plan");
    assert!(
        count(
            conn,
            "SELECT count(*) FROM budget_lines WHERE category = 'sponsorship'"
        ) > 0
    );
    // Through the Writer: every line is in the change log for sync.
    assert_eq!(
        count(
            conn,
            "SELECT count(DISTINCT pk) FROM change_log WHERE tbl = 'budget_lines'"
        ),
        count(conn, "SELECT count(*) FROM budget_lines")
    );
}

#[test]
fn upcoming_sample_budgets_are_mostly_planned_only() {
    let (_dir, store) = sample();
    let upcoming_lines = count(
        store.conn(),
        &format!(
            "SELECT count(*) FROM budget_lines b JOIN events e ON e.id = b.event_id
             WHERE e.starts_at > {}",
            now_ms()
        ),
    );
    let paid = count(
        store.conn(),
        &format!(
            "SELECT count(*) FROM budget_lines b JOIN events e ON e.id = b.event_id
             WHERE e.starts_at > {} AND b.actual_minor IS NOT NULL",
            now_ms()
        ),
    );
    assert!(upcoming_lines > 0);
    assert!(paid * 4 < upcoming_lines, "{paid} of {upcoming_lines} paid");
}

#[test]
fn part_of_each_past_sample_events_attendees_rate_it_mostly_well() {
    let (_dir, store) = sample();
    let conn = store.conn();
    for (event, _) in events(&store, true) {
        let outcome = event_outcome(conn, &event).expect("outcome");
        if outcome.attended == 0 {
            continue;
        }
        let (rated, attended) = (outcome.feedback_count, outcome.attended);
        assert!(
            rated * 10 >= attended * 3 && rated * 10 <= attended * 7 + 10,
            "{rated} of {attended} attendees rated {event}"
        );
    }
    let average: f64 = conn
        .query_row("SELECT avg(rating) FROM event_feedback", [], |r| r.get(0))
        .expect("average");
    assert!((3.8..=4.5).contains(&average), "average rating {average}");
    let all = count(conn, "SELECT count(*) FROM event_feedback");
    let commented = count(
        conn,
        "SELECT count(*) FROM event_feedback WHERE comment IS NOT NULL",
    );
    assert!(
        commented * 5 >= all && commented * 2 <= all,
        "{commented} of {all} with a comment"
    );
    let japanese = count(
        conn,
        "SELECT count(*) FROM event_feedback WHERE comment GLOB '*[ぁ-ん]*'",
    );
    assert!(
        japanese > 0 && japanese < commented,
        "{japanese} in Japanese"
    );
    assert!(
        count(
            conn,
            "SELECT count(*) FROM event_feedback WHERE member_id IS NULL"
        ) == 0
    );
}

#[test]
fn upcoming_sample_events_have_suggestion_options_with_votes_from_registrants() {
    let (_dir, store) = sample();
    let conn = store.conn();
    let upcoming = events(&store, false);
    assert!(!upcoming.is_empty());
    for (event, _) in &upcoming {
        let ranked = ranked_suggestions(conn, event).expect("ranked");
        assert!((3..=6).contains(&ranked.len()), "{} options", ranked.len());
        assert!(ranked.iter().map(|o| o.votes).sum::<u32>() > 0);
        assert_eq!(ranked[0].rank, 1);
    }
    let strangers = count(
        conn,
        "SELECT count(*) FROM suggestion_votes v JOIN event_suggestions s ON s.id = v.suggestion_id
         WHERE NOT EXISTS (SELECT 1 FROM registrations r WHERE r.event_id = s.event_id
                           AND r.member_id = v.member_id AND r.status IN ('going', 'waitlist'))",
    );
    assert_eq!(strangers, 0, "only registered members vote");
}

fn money_and_voices(store: &Store) -> Vec<Vec<Value>> {
    let conn = store.conn();
    let mut all = rows(
        conn,
        "SELECT e.title, b.category, b.planned_minor, b.actual_minor, b.paid_at, b.vendor, b.notes
         FROM budget_lines b JOIN events e ON e.id = b.event_id ORDER BY e.starts_at, b.rowid",
    );
    all.extend(rows(
        conn,
        "SELECT e.title, m.email, r.ticket_type, r.price_minor FROM registrations r
         JOIN events e ON e.id = r.event_id JOIN members m ON m.id = r.member_id
         ORDER BY e.starts_at, m.rowid",
    ));
    all.extend(rows(
        conn,
        "SELECT e.title, m.email, f.rating, f.comment, f.submitted_at FROM event_feedback f
         JOIN events e ON e.id = f.event_id JOIN members m ON m.id = f.member_id
         ORDER BY e.starts_at, f.rowid",
    ));
    all.extend(rows(
        conn,
        "SELECT e.title, s.kind, s.text, m.email,
                (SELECT count(*) FROM suggestion_votes v WHERE v.suggestion_id = s.id)
         FROM event_suggestions s JOIN events e ON e.id = s.event_id
         LEFT JOIN members m ON m.id = s.proposed_by ORDER BY e.starts_at, s.rowid",
    ));
    all
}

#[test]
fn the_same_seed_gives_the_same_budgets_feedback_and_suggestions() {
    let (_a, first) = sample();
    let (_b, second) = sample();
    let first = money_and_voices(&first);
    assert!(first.len() > 100);
    assert_eq!(first, money_and_voices(&second));
}
