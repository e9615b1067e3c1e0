//! Report packs a manager hands upward, in English or Japanese: the community overview, an
//! event's report, the campaign comparison, perks and early access, and the board pack that
//! combines them. Each gathers the core's figures as JSON, draws the app's charts as SVG and
//! typesets one typst document (`report.typ` and its section files) into a PDF, the pages'
//! SVGs for the app's preview and the tables as CSV. See docs/reports.md.

mod campaigns;
mod event;
mod format;
mod overview;
mod perks;

use std::collections::HashSet;
use std::fs::File;
use std::panic;
use std::path::{Path, PathBuf};
use std::thread;
use std::time::Duration as Wait;

use chrono::{Datelike, Duration, NaiveDate, TimeZone, Utc};
use kizuna_core::Store;
use kizuna_core::export_file::{write_csv_record, write_whole};
use kizuna_core::segments::{get_segment, segment_member_ids};
use rusqlite::{Connection, OpenFlags};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use ts_rs::TS;
use typst_layout::PagedDocument;

use crate::pdf::{PdfMeta, compile_paged, date_of};
use crate::{Lang, ReportError};

/// The main typst source of every report; it imports the section files below.
const MAIN: &str = include_str!("report.typ");
/// Shared styles, labels and building blocks, and one file per section.
const LIBRARY: [(&str, &str); 7] = [
    ("style.typ", include_str!("style.typ")),
    ("labels.typ", include_str!("labels.typ")),
    ("overview.typ", include_str!("overview.typ")),
    ("event.typ", include_str!("event.typ")),
    ("events.typ", include_str!("events.typ")),
    ("campaigns.typ", include_str!("campaigns.typ")),
    ("perks.typ", include_str!("perks.typ")),
];

/// Which report to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum ReportKind {
    /// The community over a period: KPIs, engagement trend, levels, cohorts, advocates, sources.
    Overview,
    /// One event: attendance, check-ins, budget, cost per attendee, feedback.
    Event,
    /// Every campaign side by side, with retention curves.
    Campaigns,
    /// Perks and early access: grants, redemptions and their effect.
    Perks,
    /// A cover and a table of contents, then all of the above.
    Board,
}

/// What the user asked for on the Reports screen or the command line.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReportRequest {
    pub kind: ReportKind,
    /// First day of the period (inclusive), a UTC calendar date as the core counts days.
    #[ts(type = "string")]
    pub from: NaiveDate,
    /// Last day of the period (inclusive).
    #[ts(type = "string")]
    pub to: NaiveDate,
    /// Limits member-based figures to a saved segment's members.
    pub segment_id: Option<String>,
    /// The event of an Event report (required there, ignored otherwise).
    pub event_id: Option<String>,
    pub lang: Lang,
}

/// A finished report: the PDF, its page count, its tables, and the typeset pages for preview.
pub struct Report {
    pub title: String,
    pub pdf: Vec<u8>,
    pub page_count: usize,
    pub tables: Vec<ReportTable>,
    /// Each chart drawn for the report: its file name (`*.svg`) and the SVG.
    pub charts: Vec<(String, String)>,
    document: PagedDocument,
}

impl std::fmt::Debug for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Report")
            .field("title", &self.title)
            .field("pdf_bytes", &self.pdf.len())
            .field("page_count", &self.page_count)
            .field("tables", &self.tables.len())
            .finish_non_exhaustive()
    }
}

impl Report {
    /// Every page as an SVG image (typst-svg), for the app's preview.
    pub fn page_svgs(&self) -> Vec<String> {
        let options = typst_svg::SvgOptions::default();
        self.document
            .pages()
            .iter()
            .map(|page| typst_svg::svg(page, &options))
            .collect()
    }
}

/// One table of a report, as its CSV file holds it.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReportTable {
    /// A file-safe slug, e.g. "top-advocates"; the CSV is `<name>.csv`.
    pub name: String,
    /// The table's heading in the report's language.
    pub title: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// How far [`build`] has come, for a progress display.
#[derive(Debug, Clone, Copy, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ReportStage {
    /// Reading the figures from the community.
    Gathering,
    /// Drawing the charts.
    Drawing,
    /// Typesetting the PDF.
    Typesetting,
}

/// The period, segment and language a report is made for, checked.
pub(crate) struct Period {
    pub lang: Lang,
    /// First millisecond of `from` (UTC).
    pub start_ms: i64,
    /// First millisecond after `to`, or now when the period runs past today.
    pub end_ms: i64,
    /// The segment's name and its members' ids, when one was chosen.
    pub segment: Option<(String, HashSet<String>)>,
}

impl Period {
    /// The period read through `conn` (the store's own connection or a reader of its file).
    fn scope<'a>(&'a self, conn: &'a Connection, now_ms: i64) -> Scope<'a> {
        Scope {
            conn,
            now_ms,
            lang: self.lang,
            start_ms: self.start_ms,
            end_ms: self.end_ms,
            segment: self.segment.as_ref(),
        }
    }
}

/// The period, segment and language a section is gathered for, and where it reads them.
pub(crate) struct Scope<'a> {
    pub conn: &'a Connection,
    /// The store's clock when the report was asked for.
    pub now_ms: i64,
    pub lang: Lang,
    /// First millisecond of `from` (UTC).
    pub start_ms: i64,
    /// First millisecond after `to`, or now when the period runs past today.
    pub end_ms: i64,
    /// The segment's name and its members' ids, when one was chosen.
    pub segment: Option<&'a (String, HashSet<String>)>,
}

impl Scope<'_> {
    /// Whether member `id` counts (always, without a segment).
    pub fn includes(&self, id: &str) -> bool {
        self.segment.is_none_or(|(_, members)| members.contains(id))
    }

    /// The moment the period's figures are taken at (its end, or now).
    pub fn at(&self) -> chrono::DateTime<Utc> {
        chrono::DateTime::from_timestamp_millis(self.end_ms - 1).unwrap_or_default()
    }
}

/// A chart still to be drawn: its file name and the drawing.
pub(crate) type Chart = (
    String,
    Box<dyn FnOnce() -> Result<String, ReportError> + Send>,
);

/// One gathered section: its JSON for the document, its charts (drawn after gathering) and
/// its tables.
pub(crate) struct Section {
    pub data: Value,
    pub charts: Vec<Chart>,
    pub tables: Vec<ReportTable>,
}

/// Gathers the figures for `req` from `store`, draws the charts and typesets the report,
/// telling `progress` each stage as it starts.
pub fn build(
    store: &Store,
    req: &ReportRequest,
    progress: &mut dyn FnMut(ReportStage),
) -> Result<Report, ReportError> {
    let now_ms = store.clock().now().timestamp_millis();
    let today = date_of(now_ms);
    let period = check(store, req, now_ms, today)?;
    let event_id = match req.kind {
        ReportKind::Event => Some(event::check_event(store, req.event_id.as_deref())?),
        _ => None,
    };
    progress(ReportStage::Gathering);
    let community = store.community_name()?;
    let scope = period.scope(store.conn(), now_ms);
    let mut gathered: Vec<(&str, Section)> = Vec::new();
    match req.kind {
        ReportKind::Overview => gathered.push(("overview", overview::gather(&scope)?)),
        ReportKind::Event => {
            let id = event_id.as_deref().unwrap_or_default();
            gathered.push(("event", event::gather(&scope, id)?));
        }
        ReportKind::Campaigns => gathered.push(("campaigns", campaigns::gather(&scope)?)),
        ReportKind::Perks => gathered.push(("perks", perks::gather(&scope)?)),
        ReportKind::Board => gathered = gather_board(store, &period, now_ms)?,
    }
    progress(ReportStage::Drawing);
    let mut sections = Vec::with_capacity(gathered.len());
    let mut drawn = Vec::new();
    let mut tables = Vec::new();
    for (kind, section) in gathered {
        for (name, draw) in section.charts {
            drawn.push((name, draw()?.into_bytes()));
        }
        sections.push(json!({ "kind": kind, "data": section.data }));
        tables.extend(section.tables);
    }
    let title = title(req.kind, req.lang, &community);
    let data = json!({
        "kind": req.kind,
        "lang": req.lang,
        "title": title,
        "community": community,
        "period": format::period(req.from, req.to, req.lang),
        "segment": period.segment.as_ref().map(|(name, members)| json!({
            "name": name,
            "members": format::int(members.len() as i64),
        })),
        "generated": format::date(today, req.lang),
        "sections": sections,
    });
    progress(ReportStage::Typesetting);
    let mut files: Vec<(&str, Vec<u8>)> = LIBRARY
        .iter()
        .map(|(name, text)| (*name, text.as_bytes().to_vec()))
        .collect();
    let report_json = data.to_string().into_bytes();
    files.push(("report.json", report_json));
    for (name, bytes) in &drawn {
        files.push((name.as_str(), bytes.clone()));
    }
    let meta = PdfMeta {
        title: title.clone(),
        author: community,
        lang: req.lang,
        today,
    };
    let (pdf, document) = compile_paged(MAIN, &files, &meta)?;
    let charts = drawn
        .into_iter()
        .map(|(name, bytes)| (name, String::from_utf8_lossy(&bytes).into_owned()))
        .collect();
    Ok(Report {
        title,
        page_count: document.pages().len(),
        pdf,
        tables,
        charts,
        document,
    })
}

/// The board pack's sections: the overview on the store's connection while the events,
/// campaigns and perks are gathered on a reader of the same file in another thread (the two
/// halves take similar time, and SQLite reads run in parallel on separate connections).
fn gather_board(
    store: &Store,
    period: &Period,
    now_ms: i64,
) -> Result<Vec<(&'static str, Section)>, ReportError> {
    let path = store.path();
    let (overview, rest) = thread::scope(|threads| {
        let rest = threads.spawn(
            move || -> Result<Vec<(&'static str, Section)>, ReportError> {
                let reader = Connection::open_with_flags(
                    path,
                    OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
                )?;
                reader.busy_timeout(Wait::from_secs(5))?;
                let scope = period.scope(&reader, now_ms);
                let mut out = Vec::new();
                let (events, highlight) = event::gather_list(&scope)?;
                out.push(("events", events));
                if let Some(id) = highlight {
                    out.push(("event", event::gather(&scope, &id)?));
                }
                out.push(("campaigns", campaigns::gather(&scope)?));
                out.push(("perks", perks::gather(&scope)?));
                Ok(out)
            },
        );
        let overview = overview::gather(&period.scope(store.conn(), now_ms));
        (
            overview,
            rest.join().unwrap_or_else(|p| panic::resume_unwind(p)),
        )
    });
    let mut gathered = vec![("overview", overview?)];
    gathered.extend(rest?);
    Ok(gathered)
}

/// Writes every table of `report` as `<name>.csv` into `dir` (cells made spreadsheet-safe),
/// each file whole or not at all; returns the files written.
pub fn write_tables_csv(report: &Report, dir: &Path) -> Result<Vec<PathBuf>, ReportError> {
    if !dir.is_dir() {
        return Err(ReportError::Request(kizuna_core::invalid_reason!(
            "reports.notFolder",
            "cannot write the tables to \"{path}\": it is not an existing folder",
            path = dir.display()
        )));
    }
    let mut written = Vec::with_capacity(report.tables.len());
    for table in &report.tables {
        let path = dir.join(format!("{}.csv", table.name));
        write_whole(&path, |file: File| {
            let mut out = csv::Writer::from_writer(file);
            let export = |e: csv::Error| kizuna_core::CoreError::Export(e.into());
            write_csv_record(&mut out, &table.header).map_err(export)?;
            for row in &table.rows {
                write_csv_record(&mut out, row).map_err(export)?;
            }
            out.flush().map_err(kizuna_core::CoreError::Export)?;
            Ok(())
        })?;
        written.push(path);
    }
    Ok(written)
}

/// The report's title: "Community overview — Hinata Coffee Roasters".
fn title(kind: ReportKind, lang: Lang, community: &str) -> String {
    let name = match (kind, lang) {
        (ReportKind::Overview, Lang::En) => "Community overview",
        (ReportKind::Overview, Lang::Ja) => "コミュニティ概況",
        (ReportKind::Event, Lang::En) => "Event report",
        (ReportKind::Event, Lang::Ja) => "イベントレポート",
        (ReportKind::Campaigns, Lang::En) => "Campaign comparison",
        (ReportKind::Campaigns, Lang::Ja) => "キャンペーン比較",
        (ReportKind::Perks, Lang::En) => "Perks and early access",
        (ReportKind::Perks, Lang::Ja) => "特典と先行アクセス",
        (ReportKind::Board, Lang::En) => "Board pack",
        (ReportKind::Board, Lang::Ja) => "取締役会資料",
    };
    format!("{name} — {community}")
}

/// Checks the period and the segment of `req` against the store at `now_ms`.
fn check(
    store: &Store,
    req: &ReportRequest,
    now_ms: i64,
    today: NaiveDate,
) -> Result<Period, ReportError> {
    if req.to < req.from {
        return Err(ReportError::Request(kizuna_core::invalid_reason!(
            "reports.emptyPeriod",
            "the period is empty: it ends on {to}, before it starts on {from}",
            to = req.to,
            from = req.from
        )));
    }
    if req.from > today {
        return Err(ReportError::Request(kizuna_core::invalid_reason!(
            "reports.futurePeriod",
            "the period starts on {from}, after today ({today}); there is nothing to report yet",
            from = req.from,
            today
        )));
    }
    let start_ms = day_start_ms(req.from);
    let end_ms = day_start_ms(req.to + Duration::days(1)).min(now_ms + 1);
    let segment = match req.segment_id.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(id) => {
            let saved = get_segment(store.conn(), id).map_err(|e| match e {
                kizuna_core::CoreError::NotFound { .. } => {
                    ReportError::Request(kizuna_core::invalid_reason!(
                        "reports.unknownSegment",
                        "there is no saved segment \"{id}\"",
                        id
                    ))
                }
                other => other.into(),
            })?;
            let members = segment_member_ids(store.conn(), &saved.rules, now_ms)?;
            if members.is_empty() {
                return Err(ReportError::Request(kizuna_core::invalid_reason!(
                    "reports.emptySegment",
                    "segment \"{name}\" has no members, so there is nothing to report on",
                    name = saved.name
                )));
            }
            Some((saved.name, members.into_iter().collect()))
        }
    };
    Ok(Period {
        lang: req.lang,
        start_ms,
        end_ms,
        segment,
    })
}

/// First millisecond of `day` in UTC.
pub(crate) fn day_start_ms(day: NaiveDate) -> i64 {
    Utc.with_ymd_and_hms(day.year(), day.month(), day.day(), 0, 0, 0)
        .single()
        .map_or(0, |t| t.timestamp_millis())
}
