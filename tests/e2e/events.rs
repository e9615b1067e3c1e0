//! Events: an event is created (a bad end time first gets the core's specific message), three
//! members are added by search, and at the door one is checked in by typed name + Enter, one by
//! scanned code + Enter, the same code again is refused, and a walk-in is added; the counter and
//! the file agree. Then a budget of three lines (one amount first refused) gives the cost per
//! attendee on screen.

use std::sync::Arc;

use kizuna_core::events::format_event_time;
use kizuna_core::store::OpenMode;
use kizuna_core::{Store, SystemClock};
use thirtyfour::prelude::*;

use crate::harness::{AppSession, run_flow};

const TITLE: &str = "ラテアートの夜 Latte art night";
const ZONE: &str = "Asia/Tokyo";
const HOUR: i64 = 3_600_000;
/// What a scanner or a keyboard sends for Enter over WebDriver.
const ENTER: &str = "\u{e007}";

fn sample(session: &AppSession) -> Store {
    let path = session.data_dir.path().join("sample.kizuna");
    Store::open(&path, OpenMode::MustExist, Arc::new(SystemClock)).expect("sample file")
}

/// Three live members with a unique name and an email: (id, name, email).
fn three_members(session: &AppSession) -> Vec<(String, String, String)> {
    let store = sample(session);
    let mut stmt = store
        .conn()
        .prepare(
            "SELECT id, display_name, email FROM members m
             WHERE deleted_at IS NULL AND merged_into IS NULL AND email IS NOT NULL
               AND length(display_name) > 3
               AND (SELECT count(*) FROM members o WHERE instr(o.display_name, m.display_name) > 0) = 1
               AND (SELECT count(*) FROM members o WHERE o.email = m.email) = 1
             ORDER BY id LIMIT 3",
        )
        .expect("prepare");
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("members")
}

/// A `datetime-local` value on the event's clock.
fn local(ms: i64) -> String {
    format_event_time(ms, ZONE).replace(' ', "T")
}

/// Sets an input's value the way typing would (date pickers do not take keys reliably).
async fn set_value(s: &AppSession, css: &str, value: &str) -> Result<(), String> {
    let field = s.wait_for_all(css, "field", |n| n >= 1).await?.remove(0);
    s.driver
        .execute(
            "arguments[0].value = arguments[1];
             arguments[0].dispatchEvent(new Event('input', { bubbles: true }));",
            vec![field.to_json().map_err(e)?, serde_json::json!(value)],
        )
        .await
        .map_err(e)?;
    Ok(())
}

/// Types into the door input and presses Enter; waits for the banner to say `expect`.
async fn at_the_door(s: &AppSession, typed: &str, expect: &str) -> Result<String, String> {
    let input = s
        .wait_for_all("[data-testid=checkin-input]", "door input", |n| n == 1)
        .await?
        .remove(0);
    input.clear().await.map_err(e)?;
    input
        .send_keys(format!("{typed}{ENTER}"))
        .await
        .map_err(e)?;
    s.wait_for_text("[data-testid=checkin-result]", "check-in result", |t| {
        t.contains(expect)
    })
    .await
}

#[tokio::test]
#[ignore = "needs the built app, tauri-driver and a display: run by scripts/test"]
async fn an_event_is_created_members_added_and_checked_in_at_the_door() {
    run_flow("events", async |s: &AppSession| {
        s.wait_for_text("[data-testid=kpi-members] .kpi-value", "members KPI", |t| {
            t == "2,000"
        })
        .await?;
        let members = three_members(s);
        if members.len() != 3 {
            return Err("the sample needs three members with unique names and emails".to_owned());
        }
        let now = kizuna_core::Clock::now_ms(&SystemClock);

        // A new event: the end before the start is refused with the core's message, input kept.
        s.click("[data-testid=nav-events]").await?;
        s.click("[data-testid=new-event]").await?;
        s.type_into("[data-testid=event-title]", TITLE).await?;
        set_value(s, "[data-testid=event-starts]", &local(now - HOUR)).await?;
        set_value(s, "[data-testid=event-ends]", &local(now - 3 * HOUR)).await?;
        set_value(s, "[data-testid=event-capacity]", "40").await?;
        s.click("[data-testid=save-event]").await?;
        s.wait_for_text("[data-testid=event-error]", "end-before-start error", |t| {
            t.contains("An event cannot end before it starts")
        })
        .await?;
        let kept = s
            .driver
            .find(By::Css("[data-testid=event-title]"))
            .await
            .map_err(e)?
            .prop("value")
            .await
            .map_err(e)?;
        if kept.as_deref() != Some(TITLE) {
            return Err(format!("the title typed was lost: {kept:?}"));
        }
        set_value(s, "[data-testid=event-ends]", &local(now + 3 * HOUR)).await?;
        s.click("[data-testid=save-event]").await?;
        s.wait_for_text("[data-testid=event-page-title]", "event page", |t| t == TITLE)
            .await?;

        // Three members added by search.
        for (n, (_, name, email)) in members.iter().enumerate() {
            s.type_into("[data-testid=add-registration-search]", email)
                .await?;
            s.wait_for_text("[data-testid=add-registration-result]", "search result", |t| {
                t.contains(name.as_str())
            })
            .await?;
            s.click("[data-testid=add-registration-result]").await?;
            s.wait_for_all("[data-testid=registration-row]", "registrations", |c| {
                c == n + 1
            })
            .await?;
        }
        s.screenshot("events-page").await;

        // At the door: by typed name, by scanned code, the same code twice, and a walk-in.
        let (event_id, code) = {
            let store = sample(s);
            store
                .conn()
                .query_row(
                    "SELECT e.id, r.code FROM events e JOIN registrations r ON r.event_id = e.id
                     WHERE e.title = ?1 AND r.member_id = ?2",
                    [TITLE, members[1].0.as_str()],
                    |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)),
                )
                .map_err(|err| format!("registration of the second member: {err}"))?
        };
        s.click("[data-testid=open-checkin]").await?;
        s.wait_for_text("[data-testid=checkin-counter]", "counter", |t| {
            t.contains("0 / 3")
        })
        .await?;
        at_the_door(s, &members[0].1, &format!("✓ {} checked in", members[0].1)).await?;
        at_the_door(s, &code.to_lowercase(), &format!("✓ {} checked in", members[1].1))
            .await?;
        at_the_door(s, &code, "already checked in").await?;
        s.click("[data-testid=walk-in]").await?;
        s.type_into("[data-testid=walk-in-name]", "飛び込み 花子").await?;
        s.type_into("[data-testid=walk-in-email]", "hanako.walkin@example.jp")
            .await?;
        s.click("[data-testid=walk-in-save]").await?;
        s.wait_for_text("[data-testid=checkin-result]", "walk-in result", |t| {
            t.contains("✓ 飛び込み 花子 checked in")
        })
        .await?;
        s.wait_for_text("[data-testid=checkin-counter]", "counter", |t| {
            t == "3 / 4 checked in"
        })
        .await?;
        s.screenshot("events-checkin").await;

        // The file agrees: four registrations, three attended, the walk-in is a new member.
        let store = sample(s);
        let statuses: Vec<(String, String)> = store
            .conn()
            .prepare(
                "SELECT m.display_name, r.status FROM registrations r
                 JOIN members m ON m.id = r.member_id WHERE r.event_id = ?1 ORDER BY m.display_name",
            )
            .and_then(|mut st| {
                st.query_map([&event_id], |r| Ok((r.get(0)?, r.get(1)?)))?
                    .collect()
            })
            .map_err(|err| err.to_string())?;
        let attended = statuses.iter().filter(|(_, st)| st == "attended").count();
        if statuses.len() != 4 || attended != 3 {
            return Err(format!("registrations in the file: {statuses:?}"));
        }
        let walk_in_source: String = store
            .conn()
            .query_row(
                "SELECT source FROM members WHERE display_name = '飛び込み 花子'",
                [],
                |r| r.get(0),
            )
            .map_err(|err| err.to_string())?;
        if walk_in_source != "walk_in" {
            return Err(format!("the walk-in's source is {walk_in_source}"));
        }

        // Back on the event page: a budget of three lines and the cost per attendee on screen —
        // (¥118,000 actual + ¥30,000 + ¥8,000 planned) / 3 checked in.
        s.click("[data-testid=checkin-leave]").await?;
        s.wait_for_text("[data-testid=event-page-title]", "event page", |t| t == TITLE)
            .await?;
        crate::event_budget::enter_a_budget_of_three_lines(s, &event_id, "¥52,000").await?;
        s.screenshot("events-budget").await;
        s.click("[data-testid=lang-ja]").await?;
        s.wait_for_text("[data-testid=event-tab-budget]", "Japanese tabs", |t| t.contains("予算"))
            .await?;
        s.screenshot("events-budget-ja").await;
        s.click("[data-testid=lang-en]").await?;
        Ok(())
    })
    .await;
}

fn e(error: WebDriverError) -> String {
    error.to_string()
}
