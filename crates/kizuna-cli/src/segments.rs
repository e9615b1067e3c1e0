//! `kizuna segments …`: count a rule tree, save, list, export (CSV) and delete segments.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;
use clap::{Args, Subcommand};
use kizuna_core::segments::{self, Group};
use kizuna_core::{Store, export_file};

/// `kizuna segments list|count|save|export|delete`.
#[derive(Debug, Args)]
pub struct SegmentsArgs {
    #[command(subcommand)]
    action: SegmentsAction,
}

#[derive(Debug, Subcommand)]
enum SegmentsAction {
    /// List saved segments with how many members each has now.
    List {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Count the members a rule tree matches.
    Count {
        /// The rule tree: JSON text, or the path of a JSON file.
        #[arg(long, value_name = "FILE_OR_JSON")]
        rules: String,
    },
    /// Save a rule tree as a named segment.
    Save {
        /// The segment's name.
        name: String,
        /// The rule tree: JSON text, or the path of a JSON file.
        #[arg(long, value_name = "FILE_OR_JSON")]
        rules: String,
    },
    /// Export a saved segment (or a rule tree) as CSV, the member id first.
    Export {
        /// The saved segment's id.
        #[arg(required_unless_present = "rules", conflicts_with = "rules")]
        id: Option<String>,
        /// A rule tree instead of a saved segment: JSON text or a file.
        #[arg(long, value_name = "FILE_OR_JSON")]
        rules: Option<String>,
        /// Write to this file instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Delete a saved segment (its members are untouched).
    Delete {
        /// The saved segment's id.
        id: String,
    },
}

/// Runs `kizuna segments …`.
pub fn run(path: &Path, args: SegmentsArgs) -> anyhow::Result<()> {
    let mut store = crate::commands::open_existing(path)?;
    let now_ms = store.clock().now_ms();
    match args.action {
        SegmentsAction::List { json } => list(&store, now_ms, json),
        SegmentsAction::Count { rules } => {
            let group = read_rules(&rules)?;
            let started = Instant::now();
            let count = segments::count_segment(store.conn(), &group, now_ms)?;
            println!(
                "{count} members match (counted in {:.0} ms)",
                started.elapsed().as_secs_f64() * 1_000.0
            );
            Ok(())
        }
        SegmentsAction::Save { name, rules } => {
            let group = read_rules(&rules)?;
            let id = store.write(|w| segments::create_segment(w, &name, &group))?;
            let count = segments::count_segment(store.conn(), &group, now_ms)?;
            println!("saved segment \"{}\" ({count} members)\n{id}", name.trim());
            Ok(())
        }
        SegmentsAction::Export { id, rules, output } => {
            let group = match (id, rules) {
                (_, Some(rules)) => read_rules(&rules)?,
                (Some(id), None) => segments::get_segment(store.conn(), &id)?.rules,
                (None, None) => anyhow::bail!("give a segment id or --rules"),
            };
            export(&store, &group, now_ms, output.as_deref())
        }
        SegmentsAction::Delete { id } => {
            store.write(|w| segments::delete_segment(w, &id))?;
            println!("deleted segment {id}");
            Ok(())
        }
    }
}

/// JSON text when it looks like JSON, else the path of a JSON file.
fn read_rules(arg: &str) -> anyhow::Result<Group> {
    let text = if arg.trim_start().starts_with('{') {
        arg.to_owned()
    } else {
        std::fs::read_to_string(arg).with_context(|| format!("reading the rule tree from {arg}"))?
    };
    Ok(segments::parse_rules(&text)?)
}

fn list(store: &Store, now_ms: i64, json: bool) -> anyhow::Result<()> {
    let list = segments::list_segments(store.conn(), now_ms)?;
    if json {
        println!("{}", serde_json::to_string_pretty(&list)?);
        return Ok(());
    }
    if list.is_empty() {
        println!("no saved segments; save one with `kizuna segments save NAME --rules …`");
    }
    for s in list {
        let count = s.count.map_or_else(|| "-".to_owned(), |c| c.to_string());
        println!("{}  {count:>8}  {}", s.id, s.name);
        if let Some(problem) = s.problem {
            println!("{:38}{problem}", "");
        }
    }
    Ok(())
}

fn export(store: &Store, group: &Group, now_ms: i64, output: Option<&Path>) -> anyhow::Result<()> {
    let written = match output {
        Some(file) => {
            // Whole or not at all: a failed export leaves no half-written file behind.
            let n = export_file::write_whole(file, |out| {
                segments::export_csv(store.conn(), group, now_ms, BufWriter::new(out))
            })?;
            eprintln!("wrote {n} members to {}", file.display());
            n
        }
        None => {
            let stdout = std::io::stdout();
            let mut lock = stdout.lock();
            let n = segments::export_csv(store.conn(), group, now_ms, &mut lock)?;
            lock.flush()?;
            n
        }
    };
    tracing::info!(written, "segment exported");
    Ok(())
}
