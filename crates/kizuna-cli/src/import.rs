//! `kizuna import FILE [--dry-run] [--format NAME]`, `kizuna import history`, `kizuna import
//! undo RUN_ID`: files exported from event platforms, shops and community platforms, checked
//! first (what would be created, matched, refused by line) and imported in one transaction.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::{Args, Subcommand};
use kizuna_import::engine::{ImportOptions, ImportReport, RowAction, dry_run, import};
use kizuna_import::formats::values::parse_time;
use kizuna_import::formats::{FileBatch, FileOptions, FormatId, MapContext, batch_from_file};
use kizuna_import::history::{import_history, undo_import};
use kizuna_import::record::EventIn;
use kizuna_import::table::TextEncoding;

use crate::commands::open_existing;

/// `kizuna import …`.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct ImportArgs {
    #[command(subcommand)]
    action: Option<ImportAction>,
    #[command(flatten)]
    file: FileArgs,
}

#[derive(Debug, Args)]
struct FileArgs {
    /// The CSV, TSV or XLSX file to import.
    file: Option<PathBuf>,
    /// Only check: print what the import would do and write nothing.
    #[arg(long)]
    dry_run: bool,
    /// The export's format (detected from the header when absent): luma, eventbrite, meetup,
    /// connpass, peatix, doorkeeper, shopify, discourse, mailchimp or generic.
    #[arg(long, value_parser = parse_format)]
    format: Option<FormatId>,
    /// The file's text encoding (detected when absent).
    #[arg(long, value_parser = ["utf8", "utf8-bom", "shift-jis", "utf16-le", "utf16-be"])]
    encoding: Option<String>,
    /// The event a guest list belongs to, when the file does not name it.
    #[arg(long)]
    event_title: Option<String>,
    /// When that event starts, e.g. "2026-10-01 19:00" (on --time-zone's clock).
    #[arg(long)]
    event_start: Option<String>,
    /// The IANA time zone of times written without one and of events the import creates
    /// (default: the latest event's zone, else Asia/Tokyo).
    #[arg(long)]
    time_zone: Option<String>,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Subcommand)]
enum ImportAction {
    /// The latest imports, newest first.
    History {
        #[arg(long, default_value_t = 20)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
    /// Undo a whole import: what it added is removed, blanks it filled are emptied again.
    Undo { run_id: String },
}

/// Runs `kizuna import …` on the community at `db`.
pub fn run(db: &Path, args: ImportArgs) -> anyhow::Result<()> {
    match args.action {
        Some(ImportAction::History { limit, json }) => history(db, limit, json),
        Some(ImportAction::Undo { run_id }) => undo(db, &run_id),
        None => {
            let Some(file) = args.file.file.as_deref() else {
                anyhow::bail!("give the file to import: kizuna import FILE [--dry-run]");
            };
            import_file(db, file, &args.file)
        }
    }
}

fn history(db: &Path, limit: u32, json: bool) -> anyhow::Result<()> {
    let store = open_existing(db)?;
    let runs = import_history(store.conn(), limit)?;
    if json {
        println!("{}", serde_json::to_string_pretty(&runs)?);
        return Ok(());
    }
    if runs.is_empty() {
        println!("no imports yet");
    }
    for run in runs {
        let when = chrono::DateTime::from_timestamp_millis(run.started_at)
            .map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string())
            .unwrap_or_default();
        let undone = if run.undone_at.is_some() {
            "  (undone)"
        } else {
            ""
        };
        println!(
            "{}  {when}  {}  [{}]  {} created, {} updated{undone}",
            run.id,
            run.label,
            run.format,
            run.summary["membersCreated"],
            run.summary["membersUpdated"]
        );
    }
    Ok(())
}

fn undo(db: &Path, run_id: &str) -> anyhow::Result<()> {
    let mut store = open_existing(db)?;
    let report = undo_import(&mut store, run_id)?;
    println!(
        "undone: {} rows removed, {} values emptied again",
        report.rows_removed, report.cells_restored
    );
    if !report.members_kept.is_empty() {
        println!(
            "kept (they gained activity, perks or merges since): {}",
            report.members_kept.join(", ")
        );
    }
    if report.cells_changed_since > 0 {
        println!(
            "{} values were changed after the import and are kept as they are",
            report.cells_changed_since
        );
    }
    Ok(())
}

fn import_file(db: &Path, file: &Path, args: &FileArgs) -> anyhow::Result<()> {
    let bytes = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
    let name = file.file_name().map_or_else(
        || file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let mut store = open_existing(db)?;
    let mut options = ImportOptions::for_store(&store);
    if let Some(zone) = &args.time_zone {
        options.time_zone = zone.clone();
    }
    let read = read_batch(&bytes, &name, args, &options.time_zone)?;
    if !args.json {
        println!(
            "{name}: {} format, {} rows{}",
            read.format.key(),
            read.batch.records.len() + read.batch.errors.len(),
            match read.encoding {
                Some(TextEncoding::ShiftJis) => ", Shift_JIS",
                Some(TextEncoding::Utf8Bom) => ", UTF-8 with BOM",
                Some(TextEncoding::Utf16Le) => ", UTF-16 LE",
                Some(TextEncoding::Utf16Be) => ", UTF-16 BE",
                Some(TextEncoding::Utf8) | None => "",
            }
        );
        for note in &read.notes {
            println!("note: {note}");
        }
    }
    let batch = read.batch;
    let report = if args.dry_run {
        dry_run(&mut store, &batch, &options)?
    } else {
        let mut last = 0;
        let report = import(&mut store, &batch, &options, &mut |done, total| {
            if total >= 10_000 && done * 10 / total.max(1) != last {
                last = done * 10 / total.max(1);
                eprint!("\r{done} of {total} rows");
                let _ = std::io::stderr().flush();
            }
            true
        })?;
        if batch.records.len() >= 10_000 {
            eprintln!();
        }
        report
    };
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print_report(&report);
    }
    Ok(())
}

fn read_batch(
    bytes: &[u8],
    name: &str,
    args: &FileArgs,
    time_zone: &str,
) -> anyhow::Result<FileBatch> {
    let zone: chrono_tz::Tz = time_zone.parse().map_err(|_| {
        anyhow::anyhow!(
            "\"{time_zone}\" is not a known time zone; use an IANA name such as Asia/Tokyo"
        )
    })?;
    let event = match (&args.event_title, &args.event_start) {
        (None, None) => None,
        (title, start) => {
            let starts_at = match start {
                Some(text) => Some(parse_time(text, zone).ok_or_else(|| {
                    anyhow::anyhow!("--event-start \"{text}\" is not a date and time")
                })?),
                None => None,
            };
            Some(EventIn {
                title: title.clone().unwrap_or_default(),
                starts_at,
                ..EventIn::default()
            })
        }
    };
    let options = FileOptions {
        encoding: args.encoding.as_deref().map(|e| match e {
            "utf8" => TextEncoding::Utf8,
            "utf8-bom" => TextEncoding::Utf8Bom,
            "utf16-le" => TextEncoding::Utf16Le,
            "utf16-be" => TextEncoding::Utf16Be,
            _ => TextEncoding::ShiftJis,
        }),
        format: args.format,
        mapping: None,
        context: MapContext {
            time_zone: time_zone.to_owned(),
            event,
        },
    };
    Ok(batch_from_file(bytes, name, &options)?)
}

/// A `--format` name, or the list of names when it is none of them.
fn parse_format(name: &str) -> Result<FormatId, String> {
    FormatId::from_key(name).ok_or_else(|| {
        let names: Vec<&str> = FormatId::ALL.iter().map(|f| f.key()).collect();
        format!("unknown format \"{name}\"; use one of {}", names.join(", "))
    })
}

fn print_report(report: &ImportReport) {
    let verb = if report.dry_run { "would" } else { "did" };
    println!(
        "{} rows: {verb} create {} members, update {}, leave {} unchanged ({} matched by email, {} by handle)",
        report.records,
        report.members_created,
        report.members_updated,
        report.members_unchanged,
        report.matched_by_email,
        report.matched_by_handle
    );
    println!(
        "events: {} new; registrations: {} new, {} updated; activities: {} new, {} already there",
        report.events_created,
        report.registrations_created,
        report.registrations_updated,
        report.activities_created,
        report.activities_existing
    );
    for duplicate in &report.possible_duplicates {
        println!(
            "line {}: {} may be {} already in Kizuna (confidence {:.2}); see `kizuna duplicates`",
            duplicate.line, duplicate.name, duplicate.existing_name, duplicate.confidence
        );
    }
    if !report.errors.is_empty() {
        println!("{} lines with something not imported:", report.errors.len());
        for error in &report.errors {
            match &error.column {
                Some(column) => println!("  line {} ({column}): {}", error.line, error.message),
                None => println!("  line {}: {}", error.line, error.message),
            }
        }
    }
    let skipped = report
        .lines
        .iter()
        .filter(|l| l.action == RowAction::Skipped)
        .count();
    if skipped > 0 {
        println!("{skipped} people skipped (deleted or erased in Kizuna)");
    }
    match &report.run_id {
        Some(id) => println!("import {id} saved in the history (undo: kizuna import undo {id})"),
        None if report.dry_run => println!("nothing was written (dry run)"),
        None => println!("nothing new to import"),
    }
}
