//! Report PDFs read back the way a manager's boss reads them: `pdftotext` gives the same
//! numbers the core computes for the sample community (Dashboard, levels, events, budgets,
//! campaigns, perks), Japanese text extracts, page counts stay in range, the preview has a page
//! SVG per page, the tables' CSV files are whole, and bad requests are refused by name.
//! Needs poppler-utils (`scripts/setup --test`).

use std::path::Path;
use std::process::Command;
use std::sync::{Arc, OnceLock};

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use kizuna_core::budget::budget_summary;
use kizuna_core::campaigns::{compare, list_campaigns};
use kizuna_core::event_outcomes::event_outcome;
use kizuna_core::events::{EventWhen, list_events};
use kizuna_core::insights::engagement_by_level;
use kizuna_core::money::{Lang as MoneyLang, format_amount};
use kizuna_core::perks::list_perks;
use kizuna_core::sample::SampleSpec;
use kizuna_core::segments::{count_segment, create_segment, parse_rules};
use kizuna_core::store::OpenMode;
use kizuna_core::{Clock, FixedClock, Store, community, dashboard};
use kizuna_report::reports::{
    Report, ReportKind, ReportRequest, ReportStage, build, write_tables_csv,
};
use kizuna_report::{Lang, ReportError};

const TOKYO: &str =
    r#"{"op":"and","rules":[{"kind":"field","field":"city","op":"equals","value":"東京"}]}"#;
const NOBODY: &str =
    r#"{"op":"and","rules":[{"kind":"field","field":"city","op":"equals","value":"Atlantis"}]}"#;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0)
        .single()
        .expect("valid time")
}

fn today() -> NaiveDate {
    now().date_naive()
}

/// The sample community with a "Tokyo" and an empty "Atlantis" segment, made once for every
/// test in this file.
fn sample() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let clock: Arc<dyn Clock> = Arc::new(FixedClock(now()));
        let (mut store, _) = community::create_sample(
            &dir.path().join("sample.kizuna"),
            &SampleSpec::with_members(300),
            clock,
        )
        .expect("sample");
        for (name, rules) in [("Tokyo", TOKYO), ("Atlantis", NOBODY)] {
            let rules = parse_rules(rules).expect("rules");
            store
                .write(|w| create_segment(w, name, &rules))
                .expect("save segment");
        }
        dir
    })
    .path()
}

fn open() -> Store {
    let clock: Arc<dyn Clock> = Arc::new(FixedClock(now()));
    Store::open(&sample().join("sample.kizuna"), OpenMode::MustExist, clock)
        .expect("open the sample")
}

fn segment_id(store: &Store, name: &str) -> String {
    store
        .conn()
        .query_row("SELECT id FROM segments WHERE name = ?1", [name], |r| {
            r.get(0)
        })
        .expect("segment id")
}

/// The last 30 days, ending today.
fn request(kind: ReportKind, lang: Lang) -> ReportRequest {
    ReportRequest {
        kind,
        from: today() - Duration::days(29),
        to: today(),
        segment_id: None,
        event_id: None,
        lang,
    }
}

fn make(store: &Store, req: &ReportRequest) -> Report {
    let mut stages = Vec::new();
    let report = build(store, req, &mut |s: ReportStage| stages.push(s)).expect("report");
    assert!(
        matches!(
            stages.as_slice(),
            [
                ReportStage::Gathering,
                ReportStage::Drawing,
                ReportStage::Typesetting
            ]
        ),
        "{stages:?}"
    );
    report
}

/// What poppler reads from a PDF.
struct Read {
    /// `pdftotext -layout`: a table's row stays on one line.
    text: String,
    /// `pdftotext` in reading order: a table cell's wrapped lines stay together.
    cells: String,
    /// `pdfinfo`.
    info: String,
}

impl Read {
    /// Whether some line holds `cells` in order, apart only by spaces.
    fn has_row(&self, cells: &[&str]) -> bool {
        let wanted = cells.join(" ");
        self.text.lines().any(|line| {
            line.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .contains(&wanted)
        })
    }

    /// Whether `cell` is in the text, however its lines wrap.
    fn has_cell(&self, cell: &str) -> bool {
        let squeeze = |t: &str| t.split_whitespace().collect::<String>();
        squeeze(&self.cells).contains(&squeeze(cell))
    }
}

/// The PDF read back by poppler.
fn read_back(pdf: &[u8]) -> Read {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("r.pdf");
    std::fs::write(&file, pdf).expect("write pdf");
    let run = |tool: &str, args: &[&str]| {
        let out = Command::new(tool)
            .args(args)
            .arg(&file)
            .args(if tool == "pdftotext" {
                &["-"][..]
            } else {
                &[][..]
            })
            .output()
            .unwrap_or_else(|e| panic!("run {tool} (poppler-utils, scripts/setup --test): {e}"));
        assert!(out.status.success(), "{tool} failed");
        String::from_utf8(out.stdout).expect("UTF-8 text")
    };
    Read {
        text: run("pdftotext", &["-layout"]),
        cells: run("pdftotext", &[]),
        info: run("pdfinfo", &[]),
    }
}

/// 12345 → "12,345", as the reports print counts.
fn n(value: impl Into<i64>) -> String {
    let digits = value.into().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn yen(minor: i64, lang: Lang) -> String {
    let lang = match lang {
        Lang::En => MoneyLang::En,
        Lang::Ja => MoneyLang::Ja,
    };
    format_amount(minor, "JPY", lang)
}

fn assert_has(text: &str, wanted: &str, what: &str) {
    assert!(
        text.contains(wanted),
        "{what}: \"{wanted}\" is not in the PDF text:\n{text}"
    );
}

#[test]
fn the_overview_prints_the_dashboards_and_levels_figures_in_english_and_japanese() {
    let store = open();
    let summary = dashboard::summary(store.conn(), now()).expect("dashboard");
    let levels = engagement_by_level(store.conn(), now(), 12).expect("levels");
    for (lang, words) in [
        (
            Lang::En,
            ["Community overview", "Key figures", "Top advocates"],
        ),
        (
            Lang::Ja,
            ["コミュニティ概況", "主要指標", "トップアドボケイト"],
        ),
    ] {
        let report = make(&store, &request(ReportKind::Overview, lang));
        let read = read_back(&report.pdf);
        let (text, info) = (&read.text, &read.info);
        assert!(
            (2..=4).contains(&report.page_count),
            "{} pages",
            report.page_count
        );
        assert_has(
            info,
            &format!("Pages:           {}", report.page_count),
            "pdfinfo",
        );
        assert_has(info, words[0], "the PDF's title");
        assert_has(info, "Hinata Coffee Roasters", "the PDF's author");
        for word in words {
            assert_has(text, word, "a heading");
        }
        assert_has(text, &n(summary.members), "members (Dashboard)");
        assert_has(text, &n(summary.active30d), "active in 30 days (Dashboard)");
        for series in &levels.levels {
            let at_end = series.members.last().copied().unwrap_or(0);
            let name = match lang {
                Lang::En => &series.level.label_en,
                Lang::Ja => &series.level.label_ja,
            };
            assert!(
                read.has_row(&[name, &n(at_end)]),
                "{name}: {at_end} members"
            );
        }
        let period = match lang {
            Lang::En => "25 Oct 2026 – 23 Nov 2026",
            Lang::Ja => "2026年10月25日〜2026年11月23日",
        };
        assert_has(text, period, "the period");
        let svgs = report.page_svgs();
        assert_eq!(svgs.len(), report.page_count);
        assert!(svgs.iter().all(|s| s.starts_with("<svg")));
    }
}

#[test]
fn a_segment_limits_the_member_figures_to_its_members() {
    let store = open();
    let tokyo = count_segment(
        store.conn(),
        &parse_rules(TOKYO).expect("rules"),
        now().timestamp_millis(),
    )
    .expect("count");
    assert!(tokyo > 0 && tokyo < 300, "{tokyo} in Tokyo");
    let mut req = request(ReportKind::Overview, Lang::En);
    req.segment_id = Some(segment_id(&store, "Tokyo"));
    let report = make(&store, &req);
    let text = read_back(&report.pdf).text;
    assert_has(
        &text,
        &format!("Segment: Tokyo ({})", n(tokyo)),
        "the segment line",
    );
    let kpis = &report.tables[0];
    assert_eq!(kpis.name, "kpis");
    assert_eq!(kpis.rows[0][1], n(tokyo), "members of the segment");
}

#[test]
fn the_event_report_prints_the_event_screens_turnout_budget_and_feedback() {
    let store = open();
    let conn = store.conn();
    let now_ms = now().timestamp_millis();
    let event = list_events(conn, now_ms, EventWhen::Past)
        .expect("events")
        .into_iter()
        .max_by_key(|e| e.counts.attended)
        .expect("a past event");
    let outcome = event_outcome(conn, &event.id).expect("outcome");
    let budget = budget_summary(conn, &event.id).expect("budget");
    assert_eq!(budget.currency, "JPY");
    for lang in [Lang::En, Lang::Ja] {
        let mut req = request(ReportKind::Event, lang);
        req.event_id = Some(event.id.clone());
        let report = make(&store, &req);
        let text = read_back(&report.pdf).text;
        assert!(
            (1..=3).contains(&report.page_count),
            "{} pages",
            report.page_count
        );
        assert_has(&text, &event.title, "the event");
        assert_has(&text, &n(outcome.registered), "registered");
        assert_has(&text, &n(outcome.attended), "attended");
        assert_has(&text, &yen(budget.cost_actual_minor, lang), "actual cost");
        let per_attendee = budget.cost_per_attended_minor.expect("cost per attendee");
        assert_has(&text, &yen(per_attendee, lang), "cost per attendee");
        if let Some(per_engaged) = budget.cost_per_newly_engaged_minor {
            assert_has(&text, &yen(per_engaged, lang), "cost per newly engaged");
        }
        let rating = outcome.average_rating.expect("the sample has feedback");
        assert_has(&text, &format!("{rating:.1}"), "average rating");
        if lang == Lang::Ja {
            assert_has(&text, "参加率", "a Japanese label");
            assert_has(&text, "円", "yen in Japanese");
            assert!(!text.contains('¥'), "Japanese amounts are written in 円");
        }
    }
}

#[test]
fn the_campaign_comparison_prints_each_campaigns_cost_and_members() {
    let store = open();
    let now_ms = now().timestamp_millis();
    let ids: Vec<String> = list_campaigns(store.conn(), now_ms)
        .expect("campaigns")
        .into_iter()
        .map(|c| c.id)
        .collect();
    let comparison = compare(store.conn(), &ids, now_ms).expect("compare");
    let mut req = request(ReportKind::Campaigns, Lang::Ja);
    req.from = NaiveDate::from_ymd_opt(2025, 1, 1).expect("date");
    let report = make(&store, &req);
    let text = read_back(&report.pdf).text;
    assert_has(
        &text,
        "キャンペーン別の継続率",
        "the retention chart's title",
    );
    let table = &report.tables[0];
    assert_eq!(table.rows.len(), comparison.campaigns.len());
    for (row, campaign) in table.rows.iter().zip(&comparison.campaigns) {
        assert_eq!(row[0], campaign.name);
        assert_eq!(row[3], n(campaign.members));
        if let Some(cost) = campaign.cost_minor {
            assert_has(&text, &yen(cost, Lang::Ja), "a campaign's cost");
        }
    }
}

#[test]
fn the_perks_report_lists_every_perk() {
    let store = open();
    let perks = list_perks(store.conn()).expect("perks");
    assert!(!perks.is_empty());
    let report = make(&store, &request(ReportKind::Perks, Lang::En));
    let read = read_back(&report.pdf);
    assert_has(&read.text, "Perks and early access", "the title");
    for perk in &perks {
        assert!(read.has_cell(&perk.name), "{} is listed", perk.name);
    }
}

#[test]
fn the_board_pack_has_a_cover_contents_and_every_section_in_japanese() {
    let store = open();
    let mut req = request(ReportKind::Board, Lang::Ja);
    req.from = NaiveDate::from_ymd_opt(2026, 6, 1).expect("date");
    let report = make(&store, &req);
    let text = read_back(&report.pdf).text;
    assert!(
        (7..=16).contains(&report.page_count),
        "{} pages",
        report.page_count
    );
    for heading in [
        "取締役会資料",
        "目次",
        "コミュニティ概況",
        "イベント",
        "キャンペーン",
        "特典と先行アクセス",
    ] {
        assert_has(&text, heading, "a section");
    }
    assert_has(
        &text,
        "2026年6月1日〜2026年11月23日",
        "the period in Japanese",
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let files = write_tables_csv(&report, dir.path()).expect("csv");
    assert_eq!(files.len(), report.tables.len());
    let events = std::fs::read_to_string(dir.path().join("events.csv")).expect("events.csv");
    assert!(events.starts_with("日付,イベント,申込,参加"), "{events}");
    assert_eq!(
        std::fs::read_dir(dir.path()).expect("dir").count(),
        files.len(),
        "no partial files are left"
    );
}

#[test]
fn bad_requests_are_refused_by_name() {
    let store = open();
    let refusal = |edit: &dyn Fn(&mut ReportRequest)| {
        let mut req = request(ReportKind::Overview, Lang::En);
        edit(&mut req);
        let error = build(&store, &req, &mut |_| {}).expect_err("refused");
        assert!(error.is_bad_input(), "{error:?}");
        error.to_string()
    };
    assert_eq!(
        refusal(&|r| r.to = r.from - Duration::days(1)),
        "the period is empty: it ends on 2026-10-24, before it starts on 2026-10-25"
    );
    assert_eq!(
        refusal(&|r| {
            r.from = today() + Duration::days(1);
            r.to = today() + Duration::days(30);
        }),
        "the period starts on 2026-11-24, after today (2026-11-23); there is nothing to report yet"
    );
    let atlantis = segment_id(&store, "Atlantis");
    assert_eq!(
        refusal(&|r| r.segment_id = Some(atlantis.clone())),
        "segment \"Atlantis\" has no members, so there is nothing to report on"
    );
    assert_eq!(
        refusal(&|r| r.segment_id = Some("no-such-segment".to_owned())),
        "there is no saved segment \"no-such-segment\""
    );
    assert_eq!(
        refusal(&|r| r.kind = ReportKind::Event),
        "an event report needs an event: choose which one"
    );
    assert_eq!(
        refusal(&|r| {
            r.kind = ReportKind::Event;
            r.event_id = Some("no-such-event".to_owned());
        }),
        "there is no event \"no-such-event\""
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let report = make(&store, &request(ReportKind::Perks, Lang::En));
    let missing = dir.path().join("gone");
    match write_tables_csv(&report, &missing) {
        Err(error @ ReportError::Request(_)) => assert!(
            error.to_string().contains("it is not an existing folder"),
            "{error}"
        ),
        other => panic!("a missing folder should be refused, got {other:?}"),
    }
    assert!(!missing.exists());
}
