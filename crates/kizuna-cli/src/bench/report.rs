//! The Japanese board pack of the last six months, as the Reports screen makes it: the whole
//! report (figures, charts, typesetting, PDF) and its typesetting alone. When a Chromium is on
//! the machine (`chromium`, `chromium-browser`, `google-chrome`, or `KIZUNA_BENCH_CHROMIUM`), the
//! same tables and charts are written as an HTML page and printed to PDF by headless Chromium in
//! the same run: the reference for the typesetting step.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::Context;
use chrono::NaiveDate;
use kizuna_core::Store;
use kizuna_report::Lang;
use kizuna_report::reports::{self, Report, ReportKind, ReportRequest, ReportStage};

use super::timing::{Measurement, measure};

/// Runs of each measurement (a board pack on 100k members takes seconds).
const RUNS: usize = 3;

/// The board pack, its typesetting, and Chromium's print of the same content when there is one.
pub fn board_pack(
    store: &Store,
    today: NaiveDate,
    work: &Path,
) -> anyhow::Result<Vec<Measurement>> {
    let request = ReportRequest {
        kind: ReportKind::Board,
        from: today - chrono::Days::new(182),
        to: today,
        segment_id: None,
        event_id: None,
        lang: Lang::Ja,
    };
    let mut typesetting = Vec::with_capacity(RUNS);
    let whole = measure(
        "report.board_pack",
        RUNS,
        || {
            let mut started = None;
            let report = reports::build(store, &request, &mut |stage| {
                if matches!(stage, ReportStage::Typesetting) {
                    started = Some(Instant::now());
                }
            })?;
            typesetting.push(started.map_or(Duration::ZERO, |at| at.elapsed()));
            Ok(report)
        },
        |report| {
            format!(
                "{} pages, {} tables, {} charts, {} KB",
                report.page_count,
                report.tables.len(),
                report.charts.len(),
                report.pdf.len() / 1024
            )
        },
    )?;
    let mut measurements = vec![
        Measurement {
            name: "report.board_pack.typesetting".to_owned(),
            samples: typesetting,
            detail: "typst layout and PDF of the gathered figures".to_owned(),
        },
        whole,
    ];
    match chromium() {
        Some(browser) => {
            let report = reports::build(store, &request, &mut |_| {})?;
            measurements.push(chromium_print(&browser, &report, work)?);
        }
        None => eprintln!(
            "  reference.chromium.print_to_pdf: no Chromium on PATH (or KIZUNA_BENCH_CHROMIUM), not measured"
        ),
    }
    Ok(measurements)
}

/// The Chromium to compare with, if the machine has one.
fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("KIZUNA_BENCH_CHROMIUM").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(path));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| {
            ["chromium", "chromium-browser", "google-chrome"].map(|name| dir.join(name))
        })
        .find(|candidate| candidate.is_file())
}

/// Prints the report's tables and charts, as one HTML page, to PDF with headless Chromium.
fn chromium_print(browser: &Path, report: &Report, work: &Path) -> anyhow::Result<Measurement> {
    let dir = work
        .parent()
        .context("the benchmark's folder")?
        .join("chromium");
    std::fs::create_dir_all(&dir)?;
    for (name, svg) in &report.charts {
        std::fs::write(dir.join(name), svg)?;
    }
    let page = dir.join("board.html");
    std::fs::write(&page, html(report))?;
    let pdf = dir.join("board.pdf");
    let profile = dir.join("profile");
    measure(
        "reference.chromium.print_to_pdf",
        RUNS,
        || {
            let status = Command::new(browser)
                .args([
                    "--headless",
                    "--disable-gpu",
                    "--no-sandbox",
                    "--no-pdf-header-footer",
                ])
                .arg(format!("--user-data-dir={}", profile.display()))
                .arg(format!("--print-to-pdf={}", pdf.display()))
                .arg(format!("file://{}", page.display()))
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .with_context(|| format!("starting {}", browser.display()))?;
            anyhow::ensure!(
                status.success(),
                "{} ended with {status}",
                browser.display()
            );
            Ok(std::fs::metadata(&pdf)?.len())
        },
        |bytes| {
            format!(
                "the same tables and charts as HTML, {} KB (process start included)",
                bytes / 1024
            )
        },
    )
}

/// The report's content as a printable HTML page: title, charts, then every table with its
/// header repeated on each printed page.
fn html(report: &Report) -> String {
    let mut out = String::from(
        "<!doctype html><html lang=\"ja\"><meta charset=\"utf-8\"><style>\
         @page{size:A4;margin:16mm}\
         body{font-family:'Noto Sans CJK JP','Noto Sans JP',sans-serif;font-size:9pt;color:#1d2430}\
         h1{font-size:20pt}h2{font-size:12pt;margin:14pt 0 4pt}\
         figure{margin:0 0 10pt;break-inside:avoid}figure img{width:100%}\
         table{border-collapse:collapse;width:100%}thead{display:table-header-group}\
         th,td{border-bottom:0.5pt solid #d5d9e0;padding:2pt 4pt;text-align:left}\
         </style>",
    );
    out.push_str(&format!(
        "<title>{0}</title><h1>{0}</h1>",
        escape(&report.title)
    ));
    for (name, _) in &report.charts {
        out.push_str(&format!("<figure><img src=\"{}\"></figure>", escape(name)));
    }
    for table in &report.tables {
        out.push_str(&format!(
            "<h2>{}</h2><table><thead><tr>",
            escape(&table.title)
        ));
        for cell in &table.header {
            out.push_str(&format!("<th>{}</th>", escape(cell)));
        }
        out.push_str("</tr></thead><tbody>");
        for row in &table.rows {
            out.push_str("<tr>");
            for cell in row {
                out.push_str(&format!("<td>{}</td>", escape(cell)));
            }
            out.push_str("</tr>");
        }
        out.push_str("</tbody></table>");
    }
    out.push_str("</html>");
    out
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
