//! The desktop app on the benchmark's community (`kizuna bench --app PATH`): launched five times,
//! each time timed from the process start to the Dashboard's numbers painted (the page reports
//! it; the app writes `KIZUNA_STARTUP_REPORT`), then left idle and its memory read — the app's
//! own process and, separately, with the WebKit processes it starts — and its binary's size.
//! Needs a display (run under `xvfb-run` on a machine without one).

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::Context;
use serde_json::{Value, json};

use super::timing::{Measurement, count};

/// Launches timed.
const LAUNCHES: usize = 5;
/// How long a launch may take before the bench gives up on it.
const PATIENCE: Duration = Duration::from_secs(120);
/// How long the app sits on the Dashboard before its memory is read.
const IDLE: Duration = Duration::from_secs(10);

/// What the app measured: the launches and a summary of size and idle memory.
pub struct AppFigures {
    pub measurement: Measurement,
    pub facts: Value,
}

/// Launches `app` on the community at `work` and measures it.
pub fn startup(app: &Path, work: &Path) -> anyhow::Result<AppFigures> {
    if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
        anyhow::bail!(
            "--app needs a display: run the bench under xvfb-run on a machine without one"
        );
    }
    let binary_bytes = std::fs::metadata(app)
        .with_context(|| format!("reading {}", app.display()))?
        .len();
    let mut samples = Vec::with_capacity(LAUNCHES);
    let mut own = Vec::with_capacity(LAUNCHES);
    let mut memory = Value::Null;
    for launch in 1..=LAUNCHES {
        let dir = tempfile::tempdir().context("a data folder for the app")?;
        let report = dir.path().join("startup.json");
        let started = Instant::now();
        let mut child = Command::new(app)
            .env("KIZUNA_DATA_DIR", dir.path())
            .env("KIZUNA_DB", work)
            .env("KIZUNA_STARTUP_REPORT", &report)
            .env("KIZUNA_AUTO_BACKUP_AFTER_MS", "3600000")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .with_context(|| format!("launching {}", app.display()))?;
        let painted = wait_for_report(&mut child, &report, started);
        let result = painted.and_then(|took| {
            let text = std::fs::read_to_string(&report)?;
            let inside: Value = serde_json::from_str(&text)?;
            own.push(inside["firstPaintMs"].as_u64().unwrap_or_default());
            samples.push(took);
            if launch == LAUNCHES {
                std::thread::sleep(IDLE);
                memory = idle_memory(child.id());
            }
            Ok(())
        });
        let _ = child.kill();
        let _ = child.wait();
        result.with_context(|| format!("launch {launch} of {}", app.display()))?;
        eprintln!(
            "  app launch {launch}: {} ms",
            samples[launch - 1].as_millis()
        );
    }
    own.sort_unstable();
    let facts = json!({
        "binaryBytes": binary_bytes,
        "idleMemory": memory,
        "appFirstPaintMsMedian": own[own.len() / 2],
    });
    Ok(AppFigures {
        measurement: Measurement {
            name: "app.first_paint".to_owned(),
            samples,
            detail: format!(
                "process start to the Dashboard's numbers painted; {} ms inside the app (median)",
                own[own.len() / 2]
            ),
        },
        facts,
    })
}

/// Waits for the app to write its start-up report; the time from `started` when it appeared.
fn wait_for_report(child: &mut Child, report: &Path, started: Instant) -> anyhow::Result<Duration> {
    while started.elapsed() < PATIENCE {
        if std::fs::metadata(report).is_ok_and(|m| m.len() > 0) {
            return Ok(started.elapsed());
        }
        if let Some(status) = child.try_wait()? {
            anyhow::bail!("the app ended before painting the Dashboard ({status})");
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    anyhow::bail!("no painted Dashboard after {} s", PATIENCE.as_secs())
}

/// Resident and proportional memory of the app's process and of it with every process it
/// started (WebKit's web and network processes), in bytes; Linux only.
fn idle_memory(pid: u32) -> Value {
    let family = descendants(pid);
    let sum = |pids: &[u32], field: &str| -> u64 {
        pids.iter().map(|p| kib(*p, field)).sum::<u64>() * 1024
    };
    json!({
        "appRss": sum(&[pid], "Rss:"),
        "appPss": sum(&[pid], "Pss:"),
        "withWebKitRss": sum(&family, "Rss:"),
        "withWebKitPss": sum(&family, "Pss:"),
        "processes": family.len(),
    })
}

/// `pid` and every process below it.
fn descendants(pid: u32) -> Vec<u32> {
    let parents: Vec<(u32, u32)> = std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| entry.file_name().to_str()?.parse::<u32>().ok())
        .filter_map(|p| {
            let stat = std::fs::read_to_string(format!("/proc/{p}/stat")).ok()?;
            // The command name is in parentheses and may hold spaces; the parent follows the state.
            let after = &stat[stat.rfind(')')? + 2..];
            let parent = after.split_whitespace().nth(1)?.parse().ok()?;
            Some((p, parent))
        })
        .collect();
    let mut family = vec![pid];
    let mut at = 0;
    while at < family.len() {
        let parent = family[at];
        family.extend(
            parents
                .iter()
                .filter(|(_, pp)| *pp == parent)
                .map(|(p, _)| *p),
        );
        at += 1;
    }
    family
}

/// A `smaps_rollup` field of a process in KiB (0 when it cannot be read).
fn kib(pid: u32, field: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup"))
        .ok()
        .and_then(|text| {
            text.lines()
                .find(|line| line.starts_with(field))?
                .split_whitespace()
                .nth(1)?
                .parse()
                .ok()
        })
        .unwrap_or(0)
}

/// One line for the table's footer: size and idle memory.
pub fn summary(facts: &Value) -> String {
    let mb = |v: &Value| {
        v.as_u64()
            .map_or("?".to_owned(), |b| format!("{:.1} MB", b as f64 / 1e6))
    };
    let memory = &facts["idleMemory"];
    format!(
        "app binary {}; after {} s idle on the Dashboard: the app's process {} RSS ({} PSS), with its {} WebKit processes {} RSS ({} PSS)",
        mb(&facts["binaryBytes"]),
        IDLE.as_secs(),
        mb(&memory["appRss"]),
        mb(&memory["appPss"]),
        count(memory["processes"].as_u64().unwrap_or(1).saturating_sub(1)),
        mb(&memory["withWebKitRss"]),
        mb(&memory["withWebKitPss"]),
    )
}
