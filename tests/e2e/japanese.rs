//! A Japanese-speaking manager's walk: switch the app to 日本語, then the dashboard, members, an
//! event's door check-in, a report made and saved, and About with a crate's licence. On every
//! stop the navigation, headings, buttons, labels, table headers and tabs must read in Japanese:
//! none may be English-only text (brand and platform names aside). Screenshots of each stop go to e2e-artifacts/ja-*.png.

use serde_json::{Value, json};

use crate::harness::{AppSession, run_flow};

/// Words that stay as they are in Japanese UI: brands, platforms, file types, units.
const NEUTRAL: &[&str] = &[
    "Kizuna",
    "EN",
    "Discord",
    "Instagram",
    "YouTube",
    "TikTok",
    "X",
    "LINE",
    "Facebook",
    "CSV",
    "PDF",
    "QR",
    "KPI",
    "ID",
    "URL",
    "Eventbrite",
    "Luma",
    "Meetup",
    "connpass",
    "Peatix",
    "Doorkeeper",
    "Shopify",
    "Discourse",
    "Mailchimp",
    "Excel",
    "UTF-8",
    "Shift_JIS",
];

/// Interface text on the page with letters but no Japanese and not a neutral name, with the
/// element it was found in; names and titles marked `translate="no"` are data and skipped.
async fn english_labels(s: &AppSession) -> Result<Vec<String>, String> {
    let script = r"
        const neutral = new Set(arguments[0]);
        const japanese = /[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]/;
        const found = [];
        const chrome = 'nav a, h1, h2, h3, button, label, th, legend, [role=tab], .kpi-label';
        for (const el of document.querySelectorAll(chrome)) {
            // A name or title the community wrote (marked translate=no) is data, not a label.
            if (el.closest('[translate=no]')) continue;
            const text = (el.innerText || '').trim();
            if (!/[A-Za-z]{2,}/.test(text) || japanese.test(text)) continue;
            const words = text.split(/[^A-Za-z0-9_-]+/).filter(Boolean);
            if (words.every((w) => neutral.has(w) || /^[0-9]/.test(w))) continue;
            found.push(el.tagName.toLowerCase() + ': ' + text);
        }
        return found;
    ";
    let answer = s
        .driver
        .execute(script, vec![json!(NEUTRAL)])
        .await
        .map_err(|e| format!("reading the labels: {e}"))?
        .json()
        .clone();
    match answer {
        Value::Array(found) => Ok(found
            .into_iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect()),
        other => Err(format!("unexpected answer {other}")),
    }
}

/// Waits for `ready`, lets the screen settle, screenshots it and notes English-only labels.
async fn stop_at(
    s: &AppSession,
    name: &str,
    ready: &str,
    problems: &mut Vec<String>,
) -> Result<(), String> {
    s.wait_for_all(ready, name, |n| n >= 1).await?;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    for label in english_labels(s).await? {
        problems.push(format!("{name} · {label}"));
    }
    s.screenshot(&format!("ja-{name}")).await;
    Ok(())
}

/// Dashboard, members, an event's door, a board pack and About, noting English-only labels.
async fn walk(s: &AppSession) -> Result<Vec<String>, String> {
    let mut problems = Vec::new();
    stop_at(
        s,
        "dashboard",
        "[data-testid=kpi-members] .kpi-value",
        &mut problems,
    )
    .await?;

    s.click("[data-testid=nav-members]").await?;
    stop_at(s, "members", "[data-testid=member-row]", &mut problems).await?;

    s.click("[data-testid=nav-events]").await?;
    s.click("[data-testid=event-row]").await?;
    s.click("[data-testid=open-checkin]").await?;
    stop_at(s, "checkin", "[data-testid=checkin-input]", &mut problems).await?;
    s.click("[data-testid=checkin-leave]").await?;

    s.click("[data-testid=nav-reports]").await?;
    s.click("[data-testid=report-kind-board]").await?;
    s.click("[data-testid=report-preset-lastQuarter]").await?;
    s.click("[data-testid=report-show]").await?;
    s.wait_for_text("[data-testid=report-page-count]", "page count", |t| {
        t.contains("ページ")
    })
    .await?;
    stop_at(s, "reports", "[data-testid=report-page]", &mut problems).await?;

    s.click("[data-testid=nav-about]").await?;
    s.type_into("[data-testid=notice-search]", "serde").await?;
    s.click("[data-testid=notice-row][data-name=serde]").await?;
    stop_at(s, "about", "[data-testid=notice-text]", &mut problems).await?;

    Ok(problems)
}

#[tokio::test]
#[ignore = "needs the built app, tauri-driver and a display: run by scripts/test"]
async fn a_manager_works_in_japanese_from_dashboard_to_report() {
    run_flow("japanese", async |s: &AppSession| {
        s.wait_for_all("[data-testid=sample-badge]", "sample badge", |n| n == 1)
            .await?;
        s.click("[data-testid=lang-ja]").await?;
        s.wait_for_text("[data-testid=nav-dashboard]", "Japanese navigation", |t| {
            t.contains("ダッシュボード")
        })
        .await?;
        // The language is kept by the webview for later runs: back to English whatever happens.
        let walked = walk(s).await;
        s.click("[data-testid=lang-en]").await?;
        let problems = walked?;
        if problems.is_empty() {
            Ok(())
        } else {
            Err(format!(
                "{} labels are not in Japanese:\n{}",
                problems.len(),
                problems.join("\n")
            ))
        }
    })
    .await;
}
