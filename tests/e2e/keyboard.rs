//! Keyboard only, as a manager who does not use a mouse works: skip to the content, add a member
//! from the command palette, register them for tonight's event and check them in at the door,
//! then make a report — every step with Tab, Enter, typing and Ctrl-K. At every Tab stop the
//! focused control must show a focus ring (its own or its label's), and no screen visited may
//! reorder the Tab sequence with a positive `tabindex`.

use std::sync::Arc;

use kizuna_core::events::{EventKind, EventStatus, NewEvent, create_event};
use kizuna_core::store::OpenMode;
use kizuna_core::{Store, SystemClock};
use serde_json::Value;
use thirtyfour::prelude::*;

use crate::harness::{AppSession, run_flow};

const EVENT: &str = "Keyboard night";
const MEMBER: &str = "Kenji Keyboard";

fn e(error: impl std::fmt::Display) -> String {
    error.to_string()
}

/// What the page says about the focused element: its test id, tag, and whether it (or the
/// label or option wrapping it) shows a focus indicator.
const FOCUSED: &str = r#"
const el = document.activeElement;
const positiveTabindex = [...document.querySelectorAll('[tabindex]')].filter((n) => n.tabIndex > 0).length;
if (!el || el === document.body) return { testid: null, tag: 'body', ring: false, label: '', positiveTabindex };
const ring = (node) => {
  const style = getComputedStyle(node);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  return outline || style.boxShadow !== 'none';
};
let ringed = false;
for (let node = el, depth = 0; node && depth < 3 && !ringed; node = node.parentElement, depth++) {
  ringed = ring(node);
}
const rect = el.getBoundingClientRect();
const onScreen = rect.bottom > 0 && rect.right > 0 &&
  rect.top < window.innerHeight && rect.left < window.innerWidth;
return {
  testid: el.getAttribute('data-testid'),
  tag: el.tagName.toLowerCase(),
  href: el.getAttribute('href'),
  cls: el.getAttribute('class') || '',
  ring: ringed,
  onScreen,
  label: (el.getAttribute('aria-label') || el.textContent || el.getAttribute('placeholder') || '').trim().slice(0, 60),
  positiveTabindex,
};
"#;

async fn focused(s: &AppSession) -> Result<Value, String> {
    Ok(s.driver
        .execute(FOCUSED, vec![])
        .await
        .map_err(e)?
        .json()
        .clone())
}

/// Presses keys on whatever has the focus.
async fn press(s: &AppSession, keys: impl Into<TypingData>) -> Result<(), String> {
    s.driver
        .action_chain()
        .send_keys(keys)
        .perform()
        .await
        .map_err(e)
}

/// Presses Tab until the focused element passes `found` (at most 80 times), failing on a stop
/// without a visible focus ring, off screen, or on a page that reorders the Tab sequence.
/// Returns how many presses it took.
async fn tab_to(
    s: &AppSession,
    what: &str,
    found: impl Fn(&Value) -> bool,
) -> Result<usize, String> {
    for presses in 1..=80 {
        press(s, Key::Tab).await?;
        let mut now = focused(s).await?;
        // Keyboard focus scrolls its control into view a moment later.
        for _ in 0..10 {
            if now["onScreen"] != false {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            now = focused(s).await?;
        }
        if now["positiveTabindex"].as_u64() != Some(0) {
            return Err(format!(
                "a positive tabindex reorders the Tab sequence (at {now})"
            ));
        }
        if now["tag"] != "body" && now["tag"] != "main" {
            if now["ring"] != true {
                return Err(format!(
                    "Tab stop {presses} on the way to {what} shows no focus ring: {now}"
                ));
            }
            if now["onScreen"] != true {
                return Err(format!(
                    "Tab stop {presses} on the way to {what} is off screen: {now}"
                ));
            }
        }
        if found(&now) {
            return Ok(presses);
        }
    }
    Err(format!("{what} was not reached in 80 Tab presses"))
}

fn testid(id: &'static str) -> impl Fn(&Value) -> bool {
    move |v: &Value| v["testid"] == id
}

/// Opens the palette, types `text`, waits for the first option to say `expect`, and presses Enter.
async fn palette_go(s: &AppSession, text: &str, expect: &str) -> Result<(), String> {
    s.ctrl_k().await?;
    s.wait_for_all("[data-testid=palette-input]", "palette", |n| n == 1)
        .await?;
    press(s, text).await?;
    s.wait_for_content("[data-testid=palette-item]", expect, |t| t.contains(expect))
        .await?;
    press(s, Key::Enter).await
}

/// Tonight's event, created in the community file while the app has it open.
fn tonights_event(session: &AppSession) {
    let path = session.data_dir.path().join("sample.kizuna");
    let mut store =
        Store::open(&path, OpenMode::MustExist, Arc::new(SystemClock)).expect("sample file");
    let now = store.clock().now_ms();
    store
        .write(|w| {
            create_event(
                w,
                &NewEvent {
                    title: EVENT.to_owned(),
                    kind: EventKind::InPerson,
                    starts_at: now - 1_800_000,
                    ends_at: now + 7_200_000,
                    time_zone: "Asia/Tokyo".to_owned(),
                    venue: Some("Shimokitazawa".to_owned()),
                    address: None,
                    url: None,
                    capacity: Some(30),
                    status: EventStatus::Published,
                    description: None,
                    currency: None,
                },
            )
        })
        .expect("event");
}

#[tokio::test]
#[ignore = "needs the built app, tauri-driver and a display: run by scripts/test"]
async fn a_member_is_added_registered_checked_in_and_reported_with_the_keyboard_only() {
    run_flow("keyboard", async |s: &AppSession| {
        s.wait_for_all("[data-testid=sample-badge]", "sample badge", |n| n == 1)
            .await?;
        tonights_event(s);

        // The first Tab reaches "Skip to content"; Enter moves the focus to the screen.
        press(s, Key::Tab).await?;
        let first = focused(s).await?;
        if !first["cls"]
            .as_str()
            .unwrap_or_default()
            .contains("skip-link")
            || first["ring"] != true
        {
            return Err(format!(
                "the first Tab stop is not a visible skip link: {first}"
            ));
        }
        press(s, Key::Enter).await?;
        let landed = focused(s).await?;
        if landed["tag"] != "main" {
            return Err(format!("skipping to the content focused {landed}"));
        }

        // A new member from the palette's action, typed field by field.
        palette_go(s, "add a member", "Add a member").await?;
        s.wait_for_all("[data-testid=new-member-form]", "new member form", |n| {
            n == 1
        })
        .await?;
        tab_to(s, "the name field", testid("field-displayName")).await?;
        press(s, MEMBER).await?;
        tab_to(s, "the email field", testid("field-email")).await?;
        press(s, "kenji.keyboard@example.com").await?;
        tab_to(s, "Save", testid("save-member")).await?;
        press(s, Key::Enter).await?;
        s.wait_for_text(
            "[data-testid=member-detail-name]",
            "the new member's page",
            |t| t.contains(MEMBER),
        )
        .await?;

        // Tonight's event, found by its title; the member registered from its search.
        palette_go(s, EVENT, EVENT).await?;
        s.wait_for_text("[data-testid=event-page-title]", "the event's page", |t| {
            t.contains(EVENT)
        })
        .await?;
        tab_to(
            s,
            "the registration search",
            testid("add-registration-search"),
        )
        .await?;
        press(s, "Kenji Keyb").await?;
        s.wait_for_content(
            "[data-testid=add-registration-result]",
            "search result",
            |t| t.contains(MEMBER),
        )
        .await?;
        tab_to(s, "the search result", testid("add-registration-result")).await?;
        press(s, Key::Enter).await?;
        s.wait_for_content("[data-testid=registration-row]", "the registration", |t| {
            t.contains(MEMBER)
        })
        .await?;

        // The door: its search has the focus; the name and Enter check them in.
        s.driver
            .execute(
                "window.scrollTo(0, 0); document.querySelector('main').scrollTo(0, 0);",
                vec![],
            )
            .await
            .map_err(e)?;
        tab_to(s, "Open the door check-in", testid("open-checkin")).await?;
        press(s, Key::Enter).await?;
        s.wait_for_all("[data-testid=checkin-input]", "door input", |n| n == 1)
            .await?;
        let door = focused(s).await?;
        if door["testid"] != "checkin-input" {
            return Err(format!("the door screen opened with the focus on {door}"));
        }
        press(s, format!("{MEMBER}\u{e007}")).await?;
        s.wait_for_text("[data-testid=checkin-result]", "check-in", |t| {
            t.contains(MEMBER)
        })
        .await?;
        s.wait_for_text("[data-testid=checkin-counter]", "counter", |t| {
            t.starts_with('1')
        })
        .await?;
        s.screenshot("keyboard-door").await;

        // A report, made from the Reports screen's button.
        palette_go(s, "reports", "Reports").await?;
        tab_to(s, "Show the report", testid("report-show")).await?;
        press(s, Key::Enter).await?;
        s.wait_for_all("[data-testid=report-page]", "report pages", |n| n >= 1)
            .await?;
        Ok(())
    })
    .await;
}
