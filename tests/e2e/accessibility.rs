//! Every screen of the sample community checked with axe-core (the engine browsers' accessibility
//! audits use) against WCAG 2.2 A/AA, in the light and the dark theme: no serious or critical
//! violation may appear. The dark run starts the app with GTK's dark variant, which WebKitGTK
//! reports to the page as `prefers-color-scheme: dark`.

use std::ffi::OsStr;

use serde_json::{Value, json};

use crate::harness::{AppSession, run_flow_with};

/// The screens checked: how to reach each from the navigation, and an element that shows it has
/// finished loading.
const SCREENS: &[(&str, &[&str], &str)] = &[
    (
        "dashboard",
        &["[data-testid=nav-dashboard]"],
        "[data-testid=kpi-members] .kpi-value",
    ),
    (
        "members",
        &["[data-testid=nav-members]"],
        "[data-testid=member-row]",
    ),
    (
        "member detail",
        &["[data-testid=member-row]"],
        "[data-testid=member-detail-name]",
    ),
    ("segments", &["[data-testid=nav-segments]"], "main h1"),
    (
        "events",
        &["[data-testid=nav-events]"],
        "[data-testid=event-row]",
    ),
    (
        "event",
        &["[data-testid=event-row]"],
        "[data-testid=event-page-title]",
    ),
    (
        "campaigns",
        &["[data-testid=nav-campaigns]"],
        "[data-testid=campaign-row]",
    ),
    (
        "campaign",
        &["[data-testid=campaign-row]"],
        "[data-testid=campaign-page-name]",
    ),
    (
        "campaign comparison",
        &[
            "[data-testid=nav-campaigns]",
            "[data-testid=compare-campaigns]",
        ],
        "[data-testid=compare-table]",
    ),
    (
        "perks",
        &["[data-testid=nav-perks]"],
        "[data-testid=perk-link]",
    ),
    (
        "perk",
        &["[data-testid=perk-link]"],
        "[data-testid=perk-title]",
    ),
    ("ideas", &["[data-testid=nav-ideas]"], "main h1"),
    ("import", &["[data-testid=nav-import]"], "main h1"),
    (
        "reports",
        &["[data-testid=nav-reports]"],
        "[data-testid=report-show]",
    ),
    ("settings", &["[data-testid=nav-settings]"], "main h1"),
    (
        "about",
        &["[data-testid=nav-about]"],
        "[data-testid=notice-counts]",
    ),
];

/// axe-core as npm installed it for the UI (`npm ci` in ui/).
fn axe_source() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/ui/node_modules/axe-core/axe.min.js"
    );
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e} (run `npm ci` in ui/)"))
}

/// The serious and critical WCAG 2.2 A/AA violations on the page as it is now.
async fn violations(s: &AppSession) -> Result<Vec<Value>, String> {
    let script = r"
        const done = arguments[arguments.length - 1];
        window.axe.run(document, {
            runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
            resultTypes: ['violations']
        }).then(
            (result) => done(result.violations
                .filter((v) => v.impact === 'serious' || v.impact === 'critical')
                .map((v) => ({
                    rule: v.id, impact: v.impact, help: v.help,
                    nodes: v.nodes.slice(0, 4).map((n) => n.target.join(' ') + ' — ' + n.failureSummary)
                }))),
            (error) => done({ error: String(error) })
        );
    ";
    let answer = s
        .driver
        .execute_async(script, Vec::<Value>::new())
        .await
        .map_err(|e| format!("running axe: {e}"))?
        .json()
        .clone();
    match answer {
        Value::Array(found) => Ok(found),
        other => Err(format!("axe failed: {other}")),
    }
}

/// Visits every screen and returns a line per violation found, naming the theme and screen.
async fn audit(s: &AppSession, theme: &str) -> Result<Vec<String>, String> {
    s.wait_for_all("[data-testid=sample-badge]", "sample badge", |n| n == 1)
        .await?;
    let dark = s
        .driver
        .execute(
            "return window.matchMedia('(prefers-color-scheme: dark)').matches;",
            Vec::<Value>::new(),
        )
        .await
        .map_err(|e| e.to_string())?
        .json()
        .clone();
    if dark != json!(theme == "dark") {
        return Err(format!(
            "the page does not see the {theme} theme (prefers dark: {dark})"
        ));
    }
    s.driver
        .execute(
            format!("{};\nreturn true;", axe_source()),
            Vec::<Value>::new(),
        )
        .await
        .map_err(|e| format!("loading axe-core: {e}"))?;
    let mut problems = Vec::new();
    for (screen, clicks, ready) in SCREENS {
        for css in *clicks {
            s.click(css).await?;
        }
        s.wait_for_all(ready, screen, |n| n >= 1).await?;
        // Let charts and lists that arrive after the first paint settle.
        tokio::time::sleep(std::time::Duration::from_millis(600)).await;
        for v in violations(s).await? {
            problems.push(format!("{theme} · {screen}: {v}"));
        }
        s.screenshot(&format!("a11y-{theme}-{}", screen.replace(' ', "-")))
            .await;
    }
    Ok(problems)
}

async fn check_theme(theme: &'static str, env: &[(&str, &OsStr)]) {
    let data_dir = tempfile::tempdir().expect("temp data dir");
    let session = AppSession::start_with(data_dir, env).await;
    let name = format!("accessibility-{theme}");
    run_flow_with(session, &name, async move |s: &AppSession| {
        let problems = audit(s, theme).await?;
        if problems.is_empty() {
            Ok(())
        } else {
            Err(format!(
                "{} serious/critical accessibility problems:\n{}",
                problems.len(),
                problems.join("\n")
            ))
        }
    })
    .await;
}

#[tokio::test]
#[ignore = "needs the built app, tauri-driver and a display: run by scripts/test"]
async fn every_screen_passes_axe_in_the_light_theme() {
    check_theme("light", &[("GTK_THEME", OsStr::new("Adwaita"))]).await;
}

#[tokio::test]
#[ignore = "needs the built app, tauri-driver and a display: run by scripts/test"]
async fn every_screen_passes_axe_in_the_dark_theme() {
    check_theme("dark", &[("GTK_THEME", OsStr::new("Adwaita:dark"))]).await;
}
