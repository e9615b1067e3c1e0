//! `kizuna events …` on a sample community: list, create with bad input, register, waitlist,
//! cancel, check in by code and by name, and the attendee CSV.

mod common;

use common::{kizuna, stderr_of_failure, stdout};

#[test]
fn events_from_creation_to_the_door_and_the_attendee_csv() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("sample.kizuna");
    stdout(&kizuna(&db, &["demo", "--members", "200"]));
    let listed = stdout(&kizuna(&db, &["events", "list"]));
    assert!(listed.contains("waitlist"), "{listed}");

    let base = [
        "events",
        "create",
        "--title",
        "Cupping night",
        "--starts",
        "2030-05-30 18:30",
    ];
    let early = kizuna(&db, &[&base[..], &["--ends", "2030-05-30 17:00"]].concat());
    assert!(stderr_of_failure(&early).contains("cannot end before it starts"));
    let negative = kizuna(
        &db,
        &[
            &base[..],
            &["--ends", "2030-05-30 20:30", "--capacity", "-3"],
        ]
        .concat(),
    );
    assert!(stderr_of_failure(&negative).contains("capacity cannot be negative"));
    let event = stdout(&kizuna(
        &db,
        &[
            &base[..],
            &[
                "--ends",
                "2030-05-30 20:30",
                "--capacity",
                "1",
                "--status",
                "published",
            ],
        ]
        .concat(),
    ))
    .trim()
    .to_owned();
    let shown = stdout(&kizuna(&db, &["events", "show", &event]));
    assert!(
        shown.contains("2030-05-30 18:30 – 2030-05-30 20:30 (Asia/Tokyo)"),
        "{shown}"
    );

    let members: serde_json::Value = serde_json::from_str(&stdout(&kizuna(
        &db,
        &["members", "list", "--format", "json", "--limit", "2"],
    )))
    .expect("json");
    let member = |i: usize| {
        members["rows"][i]["id"]
            .as_str()
            .expect("member id")
            .to_owned()
    };
    let first = stdout(&kizuna(&db, &["events", "register", &event, &member(0)]));
    let second = stdout(&kizuna(&db, &["events", "register", &event, &member(1)]));
    assert!(
        first.contains("going") && second.contains("waitlist"),
        "{first}{second}"
    );
    let code = first.split_whitespace().next().expect("code").to_owned();
    let first_reg = first.split_whitespace().last().expect("id").to_owned();

    let cancelled = stdout(&kizuna(&db, &["events", "cancel", &first_reg]));
    assert!(
        cancelled.contains("moved up from the waitlist"),
        "{cancelled}"
    );
    let second_code = second.split_whitespace().next().expect("code");
    let checked = stdout(&kizuna(
        &db,
        &["events", "checkin", &event, &second_code.to_lowercase()],
    ));
    assert!(checked.starts_with("checked in"), "{checked}");
    let twice = kizuna(
        &db,
        &[
            "events",
            "checkin",
            &event,
            second_code,
            "--device",
            "door-2",
        ],
    );
    assert!(stderr_of_failure(&twice).contains("is already checked in"));
    let nobody = kizuna(&db, &["events", "checkin", &event, "QQQQQQQ"]);
    assert!(
        stderr_of_failure(&nobody).contains("nobody registered for this event matches \"QQQQQQQ\"")
    );
    assert!(!code.is_empty());

    let csv = stdout(&kizuna(
        &db,
        &["events", "attendees", &event, "--format", "csv"],
    ));
    let mut lines = csv.lines();
    assert!(
        lines.next().expect("header").starts_with("code,name,"),
        "{csv}"
    );
    let attended = lines
        .find(|l| l.contains(",attended,"))
        .expect("the checked-in member");
    assert!(attended.starts_with(second_code), "{attended}");
}

#[test]
fn an_events_budget_is_entered_summarised_and_bad_amounts_are_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("c.kizuna");
    stdout(&kizuna(&db, &["init", "--name", "Test"]));
    let event = stdout(&kizuna(
        &db,
        &[
            "events",
            "create",
            "--title",
            "焙煎ワークショップ",
            "--starts",
            "2030-05-30 18:30",
            "--ends",
            "2030-05-30 20:30",
        ],
    ))
    .trim()
    .to_owned();
    let add = |category: &str, kind: &str, planned: &str| {
        kizuna(
            &db,
            &[
                "events",
                "budget",
                "add",
                &event,
                "--kind",
                kind,
                "--category",
                category,
                "--planned",
                planned,
            ],
        )
    };
    stdout(&add("venue", "cost", "¥120,000"));
    stdout(&add("catering", "cost", "30000"));
    stdout(&add("sponsorship", "income", "50,000"));
    let bad = stderr_of_failure(&add("merchandise", "cost", "12,5,0"));
    assert!(bad.contains("comma in the wrong place"), "{bad}");

    let summary: serde_json::Value = serde_json::from_str(&stdout(&kizuna(
        &db,
        &["events", "budget", &event, "--json"],
    )))
    .expect("JSON summary");
    assert_eq!(summary["costPlannedMinor"], 150_000);
    assert_eq!(summary["incomePlannedMinor"], 50_000);
    assert_eq!(summary["currency"], "JPY");
}
