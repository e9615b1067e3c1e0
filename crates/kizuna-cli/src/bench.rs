//! `kizuna bench`: times what the app asks of a community at realistic size — opening it, the
//! Dashboard, the Members list and search, segment counts, score recomputes, every chart's
//! query and drawing, duplicate suggestions, the board pack (with Chromium's print of the same
//! content when a Chromium is installed), and with `--app` the desktop app's start-up, idle
//! memory and size — and prints p50/p95/max per measurement.
//!
//! It works on its own copy (a generated sample, or a copy of `--db`), so the community file
//! given is never changed. It measures; it asserts no goals.

mod app;
mod campaigns;
mod probes;
mod report;
mod suite;
mod timing;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use anyhow::Context;
use clap::Args;
use kizuna_core::community::{create_sample, open_up_to_date};
use kizuna_core::sample::SampleSpec;
use kizuna_core::{Clock, SystemClock};
use serde_json::json;

use timing::{Measurement, count, measure};

/// `kizuna bench [--members N] [--json]` (with the global `--db FILE` to measure a file).
#[derive(Debug, Args)]
pub struct BenchArgs {
    /// Members of the generated sample community (about 20 activities each); ignored with --db.
    #[arg(long, default_value_t = 100_000, value_parser = clap::value_parser!(u32).range(1..=5_000_000))]
    members: u32,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
    /// Also launch this desktop app binary (e.g. target/release/kizuna-app) on the community:
    /// start-up to the painted Dashboard, idle memory, size. Needs a display.
    #[arg(long, value_name = "PATH")]
    app: Option<PathBuf>,
}

/// Runs of opening the file.
const OPENS: usize = 5;

/// Where the measured community came from.
enum Source<'a> {
    Generated,
    Copied(&'a Path),
}

/// Measures a copy of `db`, or a generated sample of `--members` when there is no `db`.
pub fn run(db: Option<&Path>, args: &BenchArgs) -> anyhow::Result<()> {
    let dir = tempfile::Builder::new()
        .prefix("kizuna-bench-")
        .tempdir()
        .context("making a temporary folder for the benchmark's community")?;
    let work = dir.path().join("bench.kizuna");
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let (source, prepared) = match db {
        Some(path) => (Source::Copied(path), copy(path, &work)?),
        None => (Source::Generated, generate(&work, args.members, &clock)?),
    };
    let mut measurements = vec![prepared];

    eprintln!("measuring {}", work.display());
    // Settle first: bring scores up to date once, so the timed opens do what a start-up with
    // no new data does (open, migrations check, score freshness check).
    drop(open_up_to_date(&work, clock.clone())?);
    measurements.push(measure(
        "open",
        OPENS,
        || Ok(open_up_to_date(&work, clock.clone())?),
        |store| format!("schema {}", store.schema_version().unwrap_or_default()),
    )?);
    let mut store = open_up_to_date(&work, clock.clone())?;
    let stats = kizuna_core::dashboard::stats(store.conn(), clock.now())?;
    let file_bytes = std::fs::metadata(&work).map_or(0, |m| m.len());
    measurements.extend(suite::reads(&store, clock.now())?);
    measurements.extend(suite::writes(&mut store)?);
    measurements.extend(report::board_pack(&store, clock.now().date_naive(), &work)?);
    drop(store);
    let app = args
        .app
        .as_deref()
        .map(|binary| app::startup(binary, &work))
        .transpose()?;
    if let Some(figures) = &app {
        measurements.push(figures.measurement.clone());
    }

    let source_text = match source {
        Source::Generated => "generated sample".to_owned(),
        Source::Copied(path) => format!("copy of {}", path.display()),
    };
    if args.json {
        let value = json!({
            "community": {
                "members": stats.members,
                "activities": stats.activities,
                "events": stats.events,
                "fileBytes": file_bytes,
                "source": source_text,
            },
            "measurements": measurements.iter().map(Measurement::to_json).collect::<Vec<_>>(),
            "app": app.as_ref().map(|figures| figures.facts.clone()),
        });
        println!("{}", serde_json::to_string_pretty(&value)?);
    } else {
        println!(
            "{} members, {} activities, {} events; {:.0} MB file ({source_text})\n",
            count(stats.members),
            count(stats.activities),
            count(stats.events),
            file_bytes as f64 / 1e6
        );
        print!("{}", timing::table(&measurements));
        if let Some(figures) = &app {
            println!("\n{}", app::summary(&figures.facts));
        }
    }
    Ok(())
}

/// Generates the sample community of `members` at `work`, timed once.
fn generate(work: &Path, members: u32, clock: &Arc<dyn Clock>) -> anyhow::Result<Measurement> {
    eprintln!("generating a sample community of {members} members…");
    let started = Instant::now();
    let (store, report) = create_sample(work, &SampleSpec::with_members(members), clock.clone())?;
    drop(store);
    Ok(Measurement::once(
        "sample.generate",
        started.elapsed(),
        format!(
            "{} members, {} activities",
            count(report.members),
            count(report.activities)
        ),
    ))
}

/// Copies the community at `path` (and its write-ahead log, if any) to `work`, timed once.
/// Close the app first: a file being written while it is copied gives a torn copy.
fn copy(path: &Path, work: &Path) -> anyhow::Result<Measurement> {
    if !path.exists() {
        anyhow::bail!(
            "there is no community at {}; create one with `kizuna init` or `kizuna demo`",
            path.display()
        );
    }
    eprintln!("copying {}…", path.display());
    let started = Instant::now();
    let bytes = std::fs::copy(path, work)
        .with_context(|| format!("copying {} to {}", path.display(), work.display()))?;
    let wal = sidecar(path, "-wal");
    if wal.exists() {
        std::fs::copy(&wal, sidecar(work, "-wal"))
            .with_context(|| format!("copying {}", wal.display()))?;
    }
    Ok(Measurement::once(
        "file.copy",
        started.elapsed(),
        format!("{:.0} MB", bytes as f64 / 1e6),
    ))
}

/// `path` with `suffix` appended to its file name (SQLite's `-wal` file).
fn sidecar(path: &Path, suffix: &str) -> std::path::PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    name.into()
}
