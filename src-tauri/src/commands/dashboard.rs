//! The Dashboard: KPI figures and the activity chart.

use kizuna_core::activities::activities_per_month;
use kizuna_core::dashboard::{self, DashboardSummary};
use kizuna_report::insights::{self, InsightChart};
use kizuna_report::{Lang, Theme, charts};
use tauri::State;

use crate::AppError;
use crate::state::AppState;

/// Months shown in the Dashboard's activity chart.
const CHART_MONTHS: u32 = 18;

/// The KPI cards and upcoming events.
#[tauri::command]
pub async fn dashboard_summary(state: State<'_, AppState>) -> Result<DashboardSummary, AppError> {
    state
        .read(|store| dashboard::summary(store.conn(), store.clock().now()))
        .await
}

/// Activities per month as an SVG chart in the UI's theme and language.
#[tauri::command]
pub async fn activity_chart(
    state: State<'_, AppState>,
    theme: Theme,
    lang: Lang,
) -> Result<String, AppError> {
    state
        .with_store(move |store| {
            let series = activities_per_month(store.conn(), store.clock().now(), CHART_MONTHS)?;
            Ok(charts::activities_per_month(&series, lang, theme)?)
        })
        .await
}

/// One engagement insight chart as SVG in the UI's theme and language.
#[tauri::command]
pub async fn insight_chart(
    state: State<'_, AppState>,
    chart: InsightChart,
    theme: Theme,
    lang: Lang,
) -> Result<String, AppError> {
    state
        .with_store(move |store| {
            Ok(insights::render(
                store.conn(),
                chart,
                store.clock().now(),
                lang,
                theme,
            )?)
        })
        .await
}
