//! The campaign comparison screen on the sample community: reached from the Campaigns list,
//! it shows every sample campaign with the core's figures (cost, members, cost per member and
//! per member active at 90 days, retention, caveats), the retention chart with the campaigns in
//! its legend, redrawn in Japanese, and unticking a campaign takes it out.
//!
//! [`see_comparison_with_chart`] is the viewing part as a step, for a flow that has just
//! created a campaign.

use std::sync::Arc;

use kizuna_core::campaigns::{Comparison, compare};
use kizuna_core::money::{Lang, format_amount};
use kizuna_core::store::OpenMode;
use kizuna_core::{Clock, Store, SystemClock};
use thirtyfour::prelude::*;

use crate::harness::{AppSession, run_flow};

const CHART: &str = "[data-testid=compare-retention-chart] svg";

fn e(err: WebDriverError) -> String {
    err.to_string()
}

/// The core's comparison of every campaign in the sample file, as of now.
fn core_comparison(session: &AppSession) -> Comparison {
    let path = session.data_dir.path().join("sample.kizuna");
    let store =
        Store::open(&path, OpenMode::MustExist, Arc::new(SystemClock)).expect("sample file");
    compare(store.conn(), &[], SystemClock.now_ms()).expect("compare")
}

/// The chart's text (legend, title, axis labels) once it has been drawn.
async fn chart_text(
    s: &AppSession,
    what: &str,
    check: impl Fn(&str) -> bool,
) -> Result<String, String> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    let mut last = String::new();
    while std::time::Instant::now() < deadline {
        if let Ok(svg) = s.driver.find(By::Css(CHART)).await
            && let Ok(Some(text)) = svg.prop("textContent").await
        {
            if check(&text) {
                return Ok(text);
            }
            last = text;
        }
        tokio::time::sleep(std::time::Duration::from_millis(150)).await;
    }
    Err(format!(
        "{what}: the retention chart never passed the check; last text: {last:?}"
    ))
}

/// From anywhere in the app: opens Campaigns, then "Compare campaigns", and waits until the
/// table lists every one of `campaign_names` and the retention chart names each in its legend.
pub(crate) async fn see_comparison_with_chart(
    s: &AppSession,
    campaign_names: &[&str],
) -> Result<(), String> {
    s.click("[data-testid=nav-campaigns]").await?;
    s.click("[data-testid=compare-campaigns]").await?;
    s.wait_for_all("[data-testid=compare-table]", "the comparison table", |n| {
        n == 1
    })
    .await?;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    let mut shown = Vec::new();
    while std::time::Instant::now() < deadline {
        shown.clear();
        for name in s
            .driver
            .find_all(By::Css("[data-testid=compare-name]"))
            .await
            .map_err(e)?
        {
            shown.push(
                name.prop("textContent")
                    .await
                    .map_err(e)?
                    .unwrap_or_default(),
            );
        }
        if campaign_names
            .iter()
            .all(|n| shown.iter().any(|s| s.trim() == *n))
        {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(150)).await;
    }
    if let Some(missing) = campaign_names
        .iter()
        .find(|n| !shown.iter().any(|s| s.trim() == **n))
    {
        return Err(format!(
            "{missing:?} is not in the comparison table: {shown:?}"
        ));
    }
    chart_text(s, "legend", |text| {
        campaign_names.iter().all(|n| text.contains(n))
    })
    .await
    .map(|_| ())
}

async fn attr(row: &WebElement, testid: &str, name: &str) -> Result<String, String> {
    let cell = row
        .find(By::Css(format!("[data-testid={testid}]")))
        .await
        .map_err(e)?;
    Ok(cell.attr(name).await.map_err(e)?.unwrap_or_default())
}

fn minor(value: Option<i64>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

/// Every figure of every row equals the core's: amounts, counts, retention and caveats.
async fn figures_equal_the_core(s: &AppSession, expected: &Comparison) -> Result<(), String> {
    for want in &expected.campaigns {
        let css = format!(
            "[data-testid=compare-row][data-campaign-id='{}']",
            want.campaign_id
        );
        let row = s
            .wait_for_all(&css, &want.name, |n| n == 1)
            .await?
            .remove(0);
        let checks = [
            ("compare-cost", "data-minor", minor(want.cost_minor)),
            ("compare-members", "data-value", want.members.to_string()),
            (
                "compare-cost-per-member",
                "data-minor",
                minor(want.cost_per_member_minor),
            ),
            (
                "compare-active-90",
                "data-value",
                want.active_at_90.to_string(),
            ),
            (
                "compare-cost-per-active-90",
                "data-minor",
                minor(want.cost_per_active_90_minor),
            ),
        ];
        for (testid, name, value) in checks {
            let got = attr(&row, testid, name).await?;
            if got != value {
                return Err(format!(
                    "{}: {testid} is {got:?}, the core says {value:?}",
                    want.name
                ));
            }
        }
        if let (Some(cost), Some(currency)) = (want.cost_minor, want.currency.as_deref()) {
            let text = row
                .find(By::Css("[data-testid=compare-cost]"))
                .await
                .map_err(e)?
                .prop("textContent")
                .await
                .map_err(e)?
                .unwrap_or_default();
            let formatted = format_amount(cost, currency, Lang::En);
            if !text.trim().starts_with(&formatted) {
                return Err(format!(
                    "{}: cost reads {text:?}, expected {formatted}",
                    want.name
                ));
            }
        }
        for point in &want.retention {
            let share = attr(
                &row,
                &format!("compare-retention-{}", point.days),
                "data-share",
            )
            .await?;
            let judged = point.share.filter(|_| !point.too_young && want.members > 0);
            let matches = match judged {
                Some(v) => share.parse::<f64>().is_ok_and(|got| (got - v).abs() < 1e-9),
                None => share.is_empty(),
            };
            if !matches {
                return Err(format!(
                    "{}: retention at {} days is {share:?}, the core says {judged:?}",
                    want.name, point.days
                ));
            }
        }
        let caveats = row
            .find_all(By::Css("[data-testid=compare-caveat]"))
            .await
            .map_err(e)?
            .len();
        if caveats != want.caveats.len() {
            return Err(format!(
                "{}: {caveats} caveats shown, the core has {:?}",
                want.name, want.caveats
            ));
        }
    }
    Ok(())
}

#[tokio::test]
#[ignore = "needs the built app, tauri-driver and a display: run by scripts/test"]
async fn the_comparison_shows_the_cores_figures_and_the_retention_chart() {
    run_flow("campaign-compare", async |s: &AppSession| {
        s.wait_for_text("[data-testid=kpi-members] .kpi-value", "members KPI", |t| {
            t == "2,000"
        })
        .await?;
        let expected = core_comparison(s);
        if expected.campaigns.len() < 2 {
            return Err("the sample should have several campaigns to compare".to_owned());
        }
        let names: Vec<&str> = expected.campaigns.iter().map(|c| c.name.as_str()).collect();
        see_comparison_with_chart(s, &names).await?;
        figures_equal_the_core(s, &expected).await?;
        s.wait_for_all("[data-testid=compare-total]", "currency totals", |n| {
            n == expected.totals.len()
        })
        .await?;

        let chart = s.driver.find(By::Css(CHART)).await.map_err(e)?;
        chart.scroll_into_view().await.map_err(e)?;
        s.screenshot("campaign-compare-chart").await;

        // The chart is redrawn in Japanese, then in English again.
        s.click("[data-testid=lang-ja]").await?;
        chart_text(s, "Japanese chart", |t| {
            t.contains("キャンペーン別の継続率")
        })
        .await?;
        s.wait_for_text("[data-testid=campaign-compare] h1", "Japanese title", |t| {
            t == "キャンペーンの比較"
        })
        .await?;
        s.screenshot("campaign-compare-ja").await;
        s.click("[data-testid=lang-en]").await?;
        chart_text(s, "English chart", |t| t.contains("Retention by campaign")).await?;

        // Unticking a campaign takes it out of the table and the chart.
        let first = &expected.campaigns[0];
        let tick = format!(
            "[data-testid=compare-choice][data-campaign-id='{}']",
            first.campaign_id
        );
        s.click(&tick).await?;
        s.wait_for_all("[data-testid=compare-row]", "rows after unticking", |n| {
            n == expected.campaigns.len() - 1
        })
        .await?;
        chart_text(s, "chart after unticking", |t| {
            !t.contains(first.name.as_str())
        })
        .await?;
        Ok(())
    })
    .await;
}
