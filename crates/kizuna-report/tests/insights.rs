//! Every Dashboard insight chart draws from a real sample community, in both languages.

use std::sync::Arc;

use chrono::{TimeZone, Utc};
use kizuna_core::sample::SampleSpec;
use kizuna_core::{Clock, FixedClock, community};
use kizuna_report::insights::{InsightChart, render};
use kizuna_report::{Lang, Theme};

const CHARTS: [InsightChart; 5] = [
    InsightChart::ActiveWeekly,
    InsightChart::LevelsOverTime,
    InsightChart::CohortRetention,
    InsightChart::FirstContribution,
    InsightChart::ActivityMix,
];

#[test]
fn every_insight_chart_draws_the_sample_with_tooltips_in_english_and_japanese() {
    let now = Utc
        .with_ymd_and_hms(2026, 11, 23, 12, 0, 0)
        .single()
        .expect("valid date");
    let clock: Arc<dyn Clock> = Arc::new(FixedClock(now));
    let dir = tempfile::tempdir().expect("temp dir");
    let (store, _) = community::create_sample(
        &dir.path().join("sample.kizuna"),
        &SampleSpec::with_members(300),
        clock,
    )
    .expect("sample");
    for chart in CHARTS {
        for (lang, theme) in [(Lang::En, Theme::Light), (Lang::Ja, Theme::Dark)] {
            let svg = render(store.conn(), chart, now, lang, theme).expect("chart");
            assert!(svg.starts_with("<svg"), "{chart:?}");
            assert!(
                svg.matches("<title>").count() >= 5,
                "{chart:?} {lang:?} has data tooltips"
            );
            let no_data = if lang == Lang::En {
                "No data yet"
            } else {
                "まだデータがありません"
            };
            assert!(!svg.contains(no_data), "{chart:?} {lang:?} drew no data");
        }
    }
}
