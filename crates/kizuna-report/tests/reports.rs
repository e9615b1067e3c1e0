//! Report PDFs read back the way a manager's boss reads them: `pdftotext` gives the same
//! numbers the core computes for the sample community, Japanese text extracts, page counts
//! stay in range, and bad requests are refused by name. Needs poppler-utils
//! (`scripts/setup --test`).

use std::path::Path;
use std::process::Command;
use std::sync::{Arc, OnceLock};

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use kizuna_core::sample::SampleSpec;
use kizuna_core::{Clock, FixedClock, Store, community, dashboard};
use kizuna_report::Lang;
use kizuna_report::reports::{Report, ReportKind, ReportRequest, ReportStage, build};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0)
        .single()
        .expect("valid time")
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

/// One sample community for every test in this file (made once, read only).
fn sample() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    let dir = DIR.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let clock: Arc<dyn Clock> = Arc::new(FixedClock(now()));
        community::create_sample(
            &dir.path().join("sample.kizuna"),
            &SampleSpec::with_members(300),
            clock,
        )
        .expect("sample");
        dir
    });
    dir.path()
}

fn open() -> Store {
    let clock: Arc<dyn Clock> = Arc::new(FixedClock(now()));
    Store::open(
        &sample().join("sample.kizuna"),
        kizuna_core::store::OpenMode::MustExist,
        clock,
    )
    .expect("open the sample")
}

fn request(kind: ReportKind, lang: Lang) -> ReportRequest {
    ReportRequest {
        kind,
        from: day(2026, 10, 25),
        to: day(2026, 11, 23),
        segment_id: None,
        event_id: None,
        lang,
    }
}

fn make(store: &Store, req: &ReportRequest) -> Report {
    let mut stages = Vec::new();
    let report = build(store, req, &mut |s: ReportStage| stages.push(s)).expect("report");
    assert_eq!(stages.len(), 3, "gathering, drawing, typesetting: {stages:?}");
    report
}

/// The PDF's text as `pdftotext -layout` extracts it.
fn text_of(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("r.pdf");
    std::fs::write(&file, pdf).expect("write pdf");
    let out = Command::new("pdftotext")
        .arg("-layout")
        .arg(&file)
        .arg("-")
        .output()
        .expect("run pdftotext (poppler-utils, scripts/setup --test)");
    assert!(out.status.success());
    String::from_utf8(out.stdout).expect("UTF-8 text")
}

#[test]
fn the_overview_prints_the_dashboards_figures_in_english_and_japanese() {
    let store = open();
    let summary = dashboard::summary(store.conn(), now()).expect("dashboard");
    for lang in [Lang::En, Lang::Ja] {
        let report = make(&store, &request(ReportKind::Overview, lang));
        let text = text_of(&report.pdf);
        assert!(
            (2..=5).contains(&report.page_count),
            "{} pages",
            report.page_count
        );
        assert!(text.contains(&fmt(summary.members)), "members in:\n{text}");
        assert!(text.contains(&fmt(summary.active30d)), "active 30d");
    }
}

fn fmt(n: u32) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
