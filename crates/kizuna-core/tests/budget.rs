//! Event budgets, money typed by people, feedback, the event's effect and suggestion lists.

mod common;

use common::{activity, add_member_joined, count, days_ago, log, new_store};
use kizuna_core::Store;
use kizuna_core::activities::NewActivity;
use kizuna_core::budget::{
    BudgetCategory, BudgetKind, BudgetLineInput, add_line, budget_lines, budget_summary,
    copy_budget,
};
use kizuna_core::event_outcomes::{
    FeedbackInput, add_feedback, event_effect, event_outcome, import_feedback_csv,
};
use kizuna_core::ids::{EventId, MemberId};
use kizuna_core::money::{CURRENCIES, Lang, format_amount, parse_amount};
use kizuna_core::suggestions::{SuggestionKind, propose, ranked_suggestions, vote};
use proptest::prelude::*;

const DAY: i64 = 86_400_000;

fn event_in(store: &Store, id: &str, currency: &str, starts_at: i64, status: &str) {
    store
        .conn()
        .execute(
            "INSERT INTO events (id, title, kind, starts_at, ends_at, time_zone, status, currency)
             VALUES (?1, 'Cupping night', 'in_person', ?2, ?2 + 7200000, 'Asia/Tokyo', ?3, ?4)",
            rusqlite::params![id, starts_at, status, currency],
        )
        .expect("insert event");
}

fn registration(store: &Store, event: &str, member: &MemberId, status: &str, price: Option<i64>) {
    store
        .conn()
        .execute(
            "INSERT INTO registrations (id, event_id, member_id, status, price_minor, currency,
                                        registered_at)
             VALUES (?1 || ?2, ?1, ?2, ?3, ?4, 'JPY', 0)",
            rusqlite::params![event, member.as_str(), status, price],
        )
        .expect("insert registration");
}

fn level_change(store: &Store, member: &MemberId, from: i64, to: i64, at: i64) {
    store
        .conn()
        .execute(
            "INSERT INTO level_changes (member_id, from_rank, to_rank, at, score, cause)
             VALUES (?1, ?2, ?3, ?4, 1.0, 'activity')",
            rusqlite::params![member.as_str(), from, to, at],
        )
        .expect("insert level change");
}

fn line(category: BudgetCategory, planned: &str, actual: Option<&str>) -> BudgetLineInput {
    BudgetLineInput {
        kind: category.kind(),
        category,
        planned: planned.to_owned(),
        actual: actual.map(str::to_owned),
        currency: None,
        vendor: None,
        paid_at: None,
        notes: None,
    }
}

fn add(store: &mut Store, event: &str, input: &BudgetLineInput) -> kizuna_core::Result<String> {
    store.write(|w| add_line(w, event, input))
}

fn message(r: kizuna_core::Result<impl std::fmt::Debug>) -> String {
    r.expect_err("should be refused").to_string()
}

#[test]
fn amounts_typed_by_people_parse_strictly_in_the_events_currency() {
    let minor = |s: &str, c: &str| parse_amount(s, c).map(|m| m.minor);
    assert_eq!(minor("1,200", "JPY").ok(), Some(1_200));
    assert_eq!(minor("1200", "JPY").ok(), Some(1_200));
    assert_eq!(minor("¥1,200", "JPY").ok(), Some(1_200));
    assert_eq!(minor("１２０円", "JPY").ok(), Some(120));
    assert_eq!(minor("12.50", "USD").ok(), Some(1_250));
    assert_eq!(minor("$12.5", "USD").ok(), Some(1_250));
    assert_eq!(minor("€1,234.05", "EUR").ok(), Some(123_405));
    assert!(message(minor("12,5,0", "JPY")).contains("comma in the wrong place"));
    assert!(message(minor("1.234", "JPY")).contains("JPY has no decimal places"));
    assert!(message(minor("12.555", "USD")).contains("USD has 2 decimal places"));
    assert!(message(minor("abc", "JPY")).contains("is not an amount"));
    assert!(message(minor("-", "JPY")).contains("is not an amount"));
    assert!(message(minor("-5", "JPY")).contains("negative"));
    assert!(message(minor("$12", "JPY")).contains("is in USD, but this budget is in JPY"));
    assert!(message(minor("", "JPY")).contains("enter an amount"));
    assert!(message(minor("5", "XYZ")).contains("not a supported currency"));
    assert_eq!(format_amount(120_000, "JPY", Lang::En), "¥120,000");
    assert_eq!(format_amount(120_000, "JPY", Lang::Ja), "120,000円");
    assert_eq!(format_amount(-1_250, "USD", Lang::En), "-$12.50");
}

proptest! {
    #[test]
    fn formatted_amounts_parse_back(minor in 0i64..10_000_000_000_000, c in 0..CURRENCIES.len()) {
        let code = CURRENCIES[c].code;
        for lang in [Lang::En, Lang::Ja] {
            let shown = format_amount(minor, code, lang);
            prop_assert_eq!(parse_amount(&shown, code).map(|m| m.minor).ok(), Some(minor), "{}", shown);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]
    #[test]
    fn budget_totals_equal_the_sum_of_lines(
        c in prop::sample::select(vec!["JPY", "USD", "EUR", "KRW", "GBP"]),
        lines in prop::collection::vec(
            (0..BudgetCategory::ALL.len(), 0i64..1_000_000_000, prop::option::of(0i64..1_000_000_000)),
            0..12,
        ),
    ) {
        let (_dir, mut store) = new_store();
        event_in(&store, "e", c, days_ago(10), "done");
        let (mut cost, mut income) = ((0i64, 0i64), (0i64, 0i64));
        for (cat, planned, actual) in &lines {
            let category = BudgetCategory::ALL[*cat];
            let actual_text = actual.map(|a| format_amount(a, c, Lang::En));
            add(&mut store, "e", &line(category, &format_amount(*planned, c, Lang::En), actual_text.as_deref()))
                .expect("add line");
            let sums = if category.kind() == BudgetKind::Cost { &mut cost } else { &mut income };
            sums.0 += planned;
            sums.1 += actual.unwrap_or(0);
        }
        let s = budget_summary(store.conn(), "e").expect("summary");
        prop_assert_eq!((s.cost_planned_minor, s.cost_actual_minor), cost);
        prop_assert_eq!((s.income_planned_minor, s.income_actual_minor), income);
        prop_assert_eq!(s.net_actual_minor, income.1 - cost.1);
        let by_cat: i64 = s.categories.iter().map(|t| t.planned_minor).sum();
        prop_assert_eq!(by_cat, cost.0 + income.0);
        prop_assert_eq!(budget_lines(store.conn(), "e").expect("lines").len(), lines.len());
    }
}

#[test]
fn bad_budget_lines_are_refused_with_a_specific_message_and_nothing_is_saved() {
    let (_dir, mut store) = new_store();
    event_in(&store, "e", "JPY", days_ago(10), "done");
    let bad = add(
        &mut store,
        "e",
        &line(BudgetCategory::Venue, "12,5,0", None),
    );
    assert!(message(bad).contains("planned: \"12,5,0\" has a comma in the wrong place"));
    let mismatch = BudgetLineInput {
        currency: Some("USD".to_owned()),
        ..line(BudgetCategory::Venue, "100", None)
    };
    assert!(message(add(&mut store, "e", &mismatch)).contains("budget is in JPY"));
    let wrong_kind = BudgetLineInput {
        kind: BudgetKind::Income,
        ..line(BudgetCategory::Venue, "100", None)
    };
    assert!(message(add(&mut store, "e", &wrong_kind)).contains("venue is a cost category"));
    assert_eq!(count(store.conn(), "SELECT count(*) FROM budget_lines"), 0);
}

#[test]
fn cost_per_newly_engaged_member_counts_attendees_whose_level_rose_within_60_days() {
    let (_dir, mut store) = new_store();
    let start = days_ago(120);
    event_in(&store, "e", "JPY", start, "done");
    let people: Vec<MemberId> = (0..5)
        .map(|i| add_member_joined(&mut store, &format!("Member {i}"), days_ago(400)))
        .collect();
    for m in &people[..4] {
        registration(&store, "e", m, "attended", Some(2_000));
    }
    registration(&store, "e", &people[4], "no_show", Some(2_000));
    level_change(&store, &people[0], 1, 2, start + 10 * DAY);
    level_change(&store, &people[1], 2, 3, start + 59 * DAY);
    level_change(&store, &people[2], 1, 2, start + 90 * DAY); // too late
    level_change(&store, &people[3], 2, 1, start + 5 * DAY); // a drop
    level_change(&store, &people[4], 1, 2, start + 5 * DAY); // did not come
    add(
        &mut store,
        "e",
        &line(BudgetCategory::Venue, "¥120,000", Some("118,000")),
    )
    .expect("venue");
    add(
        &mut store,
        "e",
        &line(BudgetCategory::Catering, "32,000", None),
    )
    .expect("catering");
    let s = budget_summary(store.conn(), "e").expect("summary");
    assert_eq!((s.registered, s.attended, s.newly_engaged), (5, 4, 2));
    assert_eq!(s.cost_expected_minor, 150_000);
    assert_eq!(s.cost_per_newly_engaged_minor, Some(75_000));
    assert_eq!(s.cost_per_attended_minor, Some(37_500));
    assert_eq!(s.cost_per_registered_minor, Some(30_000));
    assert_eq!(s.registration_ticket_income_minor, 10_000);
    assert_eq!(s.income_actual_minor, 10_000);
    assert_eq!(
        s.chart.categories,
        vec![BudgetCategory::Venue, BudgetCategory::Catering]
    );
    assert_eq!(s.chart.actual_minor, vec![118_000, 0]);
}

#[test]
fn effect_compares_attendees_with_non_attendees_of_the_same_level() {
    let (_dir, mut store) = new_store();
    let start = days_ago(100);
    event_in(&store, "e", "JPY", start, "done");
    let m: Vec<MemberId> = (0..5)
        .map(|i| add_member_joined(&mut store, &format!("M{i}"), days_ago(400)))
        .collect();
    let end = start + 7_200_000;
    let mut acts = |who: &MemberId, before: usize, after: usize| {
        for i in 0..before {
            log(
                &mut store,
                &activity(who, "post", start - (i as i64 + 1) * DAY),
            );
        }
        for i in 0..after {
            log(
                &mut store,
                &activity(who, "post", end + (i as i64 + 1) * DAY),
            );
        }
    };
    acts(&m[0], 1, 4);
    acts(&m[1], 1, 4);
    acts(&m[2], 2, 3);
    acts(&m[3], 2, 3);
    acts(&m[4], 0, 9);
    registration(&store, "e", &m[0], "attended", None);
    registration(&store, "e", &m[1], "attended", None);
    // m[4] is at another level (rank 3) where nobody attended: left out of the comparison.
    level_change(&store, &m[4], 1, 3, start - 30 * DAY);
    for who in &m[..4] {
        level_change(&store, who, 0, 1, start - 200 * DAY);
    }
    let e = event_effect(store.conn(), "e", common::now_ms()).expect("effect");
    assert_eq!((e.attendees, e.comparison_members), (2, 2));
    assert_eq!((e.attendee_before, e.attendee_after), (1.0, 4.0));
    assert_eq!((e.comparison_before, e.comparison_after), (2.0, 3.0));
    assert_eq!(e.effect, Some(2.0));
    assert!(e.complete);
    // The event's own activities (a check-in logged for it) are not part of its effect.
    let check_in = NewActivity {
        event: Some(EventId::from("e")),
        ..activity(&m[0], "post", end + DAY)
    };
    log(&mut store, &check_in);
    let again = event_effect(store.conn(), "e", common::now_ms()).expect("effect");
    assert_eq!((again.attendee_before, again.attendee_after), (1.0, 4.0));
    assert_eq!(again.effect, Some(2.0));
}

#[test]
fn feedback_csv_with_bad_rows_names_each_line_and_imports_nothing() {
    let (_dir, mut store) = new_store();
    event_in(&store, "e", "JPY", days_ago(10), "done");
    let rating6 = store.write(|w| {
        add_feedback(
            w,
            "e",
            &FeedbackInput {
                member_id: None,
                rating: 6,
                comment: None,
                submitted_at: None,
            },
        )
    });
    assert!(message(rating6).contains("rating 6 is not between 1 and 5"));
    let csv = "rating,comment,email\n5,Great,\n6,Too good,\n4,\"multi\nline\",\nx,,\n3,ok,nobody@example.com\n";
    let err = message(store.write(|w| import_feedback_csv(w, "e", csv.as_bytes())));
    assert!(err.contains("nothing was imported"), "{err}");
    assert!(
        err.contains("line 3: rating 6 is not between 1 and 5"),
        "{err}"
    );
    assert!(err.contains("line 6: rating \"x\""), "{err}");
    assert!(
        err.contains("line 7: no member has the email nobody@example.com"),
        "{err}"
    );
    assert!(
        !err.contains("line 2:") && !err.contains("line 4:"),
        "{err}"
    );
    assert_eq!(
        count(store.conn(), "SELECT count(*) FROM event_feedback"),
        0
    );
    let good = "\u{feff}rating,comment\n5,最高\n3,\n";
    assert_eq!(
        store
            .write(|w| import_feedback_csv(w, "e", good.as_bytes()))
            .ok(),
        Some(2)
    );
    let o = event_outcome(store.conn(), "e").expect("outcome");
    assert_eq!((o.feedback_count, o.average_rating), (2, Some(4.0)));
}

#[test]
fn first_time_attendees_and_rates() {
    let (_dir, mut store) = new_store();
    event_in(&store, "old", "JPY", days_ago(60), "done");
    event_in(&store, "e", "JPY", days_ago(10), "done");
    let m: Vec<MemberId> = (0..4)
        .map(|i| add_member_joined(&mut store, &format!("P{i}"), days_ago(400)))
        .collect();
    registration(&store, "old", &m[0], "attended", None);
    registration(&store, "e", &m[0], "attended", None);
    registration(&store, "e", &m[1], "attended", None);
    registration(&store, "e", &m[2], "no_show", None);
    registration(&store, "e", &m[3], "cancelled", None);
    let o = event_outcome(store.conn(), "e").expect("outcome");
    assert_eq!((o.registered, o.attended, o.no_show), (3, 2, 1));
    assert_eq!(o.first_timers.len(), 1);
    assert_eq!(o.first_timers[0].id, m[1].as_str());
    assert!((o.no_show_rate.unwrap_or(0.0) - 1.0 / 3.0).abs() < 1e-9);
}

#[test]
fn suggestions_take_one_vote_per_member_and_rank_by_votes() {
    let (_dir, mut store) = new_store();
    event_in(
        &store,
        "soon",
        "JPY",
        common::now_ms() + 20 * DAY,
        "published",
    );
    event_in(&store, "past", "JPY", days_ago(5), "done");
    let m: Vec<MemberId> = (0..3)
        .map(|i| add_member_joined(&mut store, &format!("V{i}"), days_ago(40)))
        .collect();
    let past = store.write(|w| propose(w, "past", SuggestionKind::Topic, "Espresso", None));
    assert!(message(past).contains("upcoming event"));
    let a = store
        .write(|w| {
            propose(
                w,
                "soon",
                SuggestionKind::Topic,
                "Latte art",
                Some(m[0].as_str()),
            )
        })
        .expect("propose");
    let b = store
        .write(|w| propose(w, "soon", SuggestionKind::Venue, "Shibuya", None))
        .expect("propose");
    for who in &m {
        store.write(|w| vote(w, &b, who.as_str())).expect("vote");
    }
    store.write(|w| vote(w, &a, m[0].as_str())).expect("vote");
    assert!(message(store.write(|w| vote(w, &a, m[0].as_str()))).contains("already voted"));
    let ranked = ranked_suggestions(store.conn(), "soon").expect("ranked");
    let order: Vec<(&str, u32, u32)> = ranked
        .iter()
        .map(|s| (s.text.as_str(), s.votes, s.rank))
        .collect();
    assert_eq!(order, vec![("Shibuya", 3, 1), ("Latte art", 1, 2)]);
}

#[test]
fn copying_a_budget_takes_plans_not_actuals() {
    let (_dir, mut store) = new_store();
    event_in(&store, "a", "JPY", days_ago(30), "done");
    event_in(&store, "b", "JPY", common::now_ms() + DAY, "draft");
    event_in(&store, "usd", "USD", common::now_ms() + DAY, "draft");
    add(
        &mut store,
        "a",
        &line(BudgetCategory::Venue, "50,000", Some("48,000")),
    )
    .expect("line");
    assert_eq!(store.write(|w| copy_budget(w, "a", "b")).ok(), Some(1));
    let copied = budget_lines(store.conn(), "b").expect("lines");
    assert_eq!(
        (copied[0].planned_minor, copied[0].actual_minor),
        (50_000, None)
    );
    assert!(message(store.write(|w| copy_budget(w, "a", "usd"))).contains("is in USD"));
}
