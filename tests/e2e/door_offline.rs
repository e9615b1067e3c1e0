//! The door with the network unplugged: 200 registered people are checked in, half by typing
//! their name and pressing Enter, half by a scanner typing their code and Enter. scripts/test
//! runs the end-to-end tests in a network namespace with only loopback (`unshare -rn`); this
//! test refuses to pass if the internet is reachable.

use std::net::{SocketAddr, TcpStream};
use std::sync::Arc;
use std::time::{Duration, Instant};

use kizuna_core::events::{EventKind, EventStatus, NewEvent, add_registration, create_event};
use kizuna_core::ids::MemberId;
use kizuna_core::store::OpenMode;
use kizuna_core::{Store, SystemClock};
use thirtyfour::prelude::*;

use crate::harness::{AppSession, run_flow};

const TITLE: &str = "Door test 200";
const PEOPLE: usize = 200;
const ENTER: &str = "\u{e007}";

/// Whether a public address answers: a few well-known anycast resolvers on port 53.
fn internet_reachable() -> bool {
    ["1.1.1.1:53", "8.8.8.8:53", "9.9.9.9:53"]
        .iter()
        .any(|addr| {
            addr.parse::<SocketAddr>()
                .is_ok_and(|a| TcpStream::connect_timeout(&a, Duration::from_secs(2)).is_ok())
        })
}

/// Creates the event and registers 200 sample members whose names no other registrant's name
/// contains (so a typed name finds exactly one person); returns (name, code) of each.
fn event_with_200(session: &AppSession) -> Vec<(String, String)> {
    let path = session.data_dir.path().join("sample.kizuna");
    let mut store =
        Store::open(&path, OpenMode::MustExist, Arc::new(SystemClock)).expect("sample file");
    let mut candidates: Vec<(String, String)> = store
        .conn()
        .prepare(
            "SELECT id, display_name FROM members
             WHERE deleted_at IS NULL AND length(display_name) >= 4 ORDER BY id",
        )
        .and_then(|mut st| st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect())
        .expect("members");
    let names: Vec<String> = candidates.iter().map(|(_, n)| n.clone()).collect();
    candidates.retain(|(_, name)| names.iter().filter(|o| o.contains(name.as_str())).count() == 1);
    candidates.truncate(PEOPLE);
    assert_eq!(
        candidates.len(),
        PEOPLE,
        "the sample has 200 distinct names"
    );
    let now = store.clock().now_ms();
    store
        .write(|w| {
            let event = create_event(
                w,
                &NewEvent {
                    title: TITLE.to_owned(),
                    kind: EventKind::InPerson,
                    starts_at: now - 1_800_000,
                    ends_at: now + 7_200_000,
                    time_zone: "Asia/Tokyo".to_owned(),
                    venue: Some("Kiyosumi roastery".to_owned()),
                    address: None,
                    url: None,
                    capacity: Some(250),
                    status: EventStatus::Published,
                    description: None,
                    currency: None,
                },
            )?;
            candidates
                .iter()
                .map(|(id, name)| {
                    let registered = add_registration(w, &event, &MemberId(id.clone()), None)?;
                    Ok((name.clone(), registered.code))
                })
                .collect()
        })
        .expect("event with 200 registrations")
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

#[tokio::test]
#[ignore = "needs the built app, tauri-driver and a display: run by scripts/test"]
async fn two_hundred_people_are_checked_in_at_the_door_with_no_network() {
    run_flow("door-offline", async |s: &AppSession| {
        if internet_reachable() {
            return Err(
                "the internet is reachable: run this test without a network \
                        (scripts/test runs the e2e tests under `unshare -rn`)"
                    .to_owned(),
            );
        }
        s.wait_for_text("[data-testid=kpi-members] .kpi-value", "members KPI", |t| {
            t == "2,000"
        })
        .await?;
        let people = event_with_200(s);

        s.click("[data-testid=nav-events]").await?;
        let rows = s
            .wait_for_all("[data-testid=event-row]", "event rows", |n| n >= 1)
            .await?;
        let mut opened = false;
        for row in rows {
            if row.text().await.map_err(e)?.contains(TITLE) {
                row.click().await.map_err(e)?;
                opened = true;
                break;
            }
        }
        if !opened {
            return Err(format!("no event row titled {TITLE}"));
        }
        s.click("[data-testid=open-checkin]").await?;
        s.wait_for_text("[data-testid=checkin-counter]", "counter", |t| {
            t.contains("0 / 200")
        })
        .await?;
        let input = s
            .wait_for_all("[data-testid=checkin-input]", "door input", |n| n == 1)
            .await?
            .remove(0);

        let mut took = Vec::with_capacity(PEOPLE);
        for (i, (name, code)) in people.iter().enumerate() {
            // Even: a person types the name; odd: a scanner types the code.
            let typed = if i % 2 == 0 { name } else { code };
            let started = Instant::now();
            input.clear().await.map_err(e)?;
            input
                .send_keys(format!("{typed}{ENTER}"))
                .await
                .map_err(e)?;
            s.wait_for_text("[data-testid=checkin-result]", "check-in", |t| {
                t.contains(&format!("✓ {name} checked in"))
            })
            .await
            .map_err(|err| format!("person {i} ({typed}): {err}"))?;
            took.push(started.elapsed());
        }
        s.wait_for_text("[data-testid=checkin-counter]", "counter", |t| {
            t == "200 / 200 checked in"
        })
        .await?;
        s.screenshot("door-offline").await;

        took.sort();
        println!(
            "door, {PEOPLE} check-ins over WebDriver (typing, Enter, banner seen; 150 ms polling): \
             p50 {:?}, p95 {:?}, max {:?}",
            percentile(&took, 0.5),
            percentile(&took, 0.95),
            took[took.len() - 1]
        );
        let path = s.data_dir.path().join("sample.kizuna");
        let store = Store::open(&path, OpenMode::MustExist, Arc::new(SystemClock))
            .map_err(|err| err.to_string())?;
        let attended: i64 = store
            .conn()
            .query_row(
                "SELECT count(*) FROM registrations r JOIN events e ON e.id = r.event_id
                 WHERE e.title = ?1 AND r.status = 'attended' AND r.checked_in_at IS NOT NULL",
                [TITLE],
                |r| r.get(0),
            )
            .map_err(|err| err.to_string())?;
        if attended != PEOPLE as i64 {
            return Err(format!("{attended} of {PEOPLE} are checked in in the file"));
        }
        Ok(())
    })
    .await;
}

fn e(error: WebDriverError) -> String {
    error.to_string()
}
