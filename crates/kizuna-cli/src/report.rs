//! `kizuna report KIND --from D --to D [--segment S] [--event E] --lang en|ja -o FILE.pdf
//! [--csv DIR]`: a report pack as PDF (and its tables as CSV), written whole or not at all.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::bail;
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use kizuna_core::CoreError;
use kizuna_core::export_file::{destination, write_whole};
use kizuna_report::Lang;
use kizuna_report::reports::{ReportKind, ReportRequest, build, write_tables_csv};

use crate::commands::open_existing;

/// `kizuna report overview|event|campaigns|perks|board …`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Which report: overview, event, campaigns, perks or board (all of them, with a cover).
    #[arg(value_enum)]
    kind: Kind,
    /// First day of the period (YYYY-MM-DD, inclusive).
    #[arg(long)]
    from: NaiveDate,
    /// Last day of the period (YYYY-MM-DD, inclusive).
    #[arg(long)]
    to: NaiveDate,
    /// Limit member figures to a saved segment (its id, see `kizuna segments list`).
    #[arg(long)]
    segment: Option<String>,
    /// The event of an event report (its id, see `kizuna events list`).
    #[arg(long)]
    event: Option<String>,
    /// Language of the report.
    #[arg(long, value_enum, default_value = "en")]
    lang: ReportLang,
    /// The PDF to write (replaced only when the whole PDF is ready).
    #[arg(short, long)]
    output: PathBuf,
    /// Also write every table of the report as CSV into this existing folder.
    #[arg(long, value_name = "DIR")]
    csv: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Kind {
    Overview,
    Event,
    Campaigns,
    Perks,
    Board,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ReportLang {
    En,
    Ja,
}

/// Checks where the files go, builds the report and writes the PDF, then the CSV files.
pub fn run(path: &Path, args: ReportArgs) -> anyhow::Result<()> {
    let output = destination(&std::path::absolute(&args.output)?.to_string_lossy())?;
    if let Some(dir) = &args.csv
        && !dir.is_dir()
    {
        bail!(
            "cannot write the tables to \"{}\": it is not an existing folder",
            dir.display()
        );
    }
    let store = open_existing(path)?;
    let request = ReportRequest {
        kind: match args.kind {
            Kind::Overview => ReportKind::Overview,
            Kind::Event => ReportKind::Event,
            Kind::Campaigns => ReportKind::Campaigns,
            Kind::Perks => ReportKind::Perks,
            Kind::Board => ReportKind::Board,
        },
        from: args.from,
        to: args.to,
        segment_id: args.segment,
        event_id: args.event,
        lang: match args.lang {
            ReportLang::En => Lang::En,
            ReportLang::Ja => Lang::Ja,
        },
    };
    // Each stage's start, and the PDF's end, in the debug log (KIZUNA_LOG=debug).
    let started = Instant::now();
    let report = build(&store, &request, &mut |stage| {
        tracing::debug!(
            ?stage,
            after_ms = started.elapsed().as_millis(),
            "report stage"
        );
    })?;
    tracing::debug!(
        total_ms = started.elapsed().as_millis(),
        pages = report.page_count,
        "report made"
    );
    write_whole(&output, |mut file| {
        file.write_all(&report.pdf).map_err(CoreError::Export)
    })?;
    eprintln!(
        "wrote \"{}\", {} pages, to {}",
        report.title,
        report.page_count,
        output.display()
    );
    if let Some(dir) = &args.csv {
        let files = write_tables_csv(&report, dir)?;
        eprintln!("wrote {} tables as CSV to {}", files.len(), dir.display());
    }
    Ok(())
}
