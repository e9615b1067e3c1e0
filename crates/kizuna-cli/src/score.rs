//! `kizuna score` and `kizuna levels`: recompute engagement scores, explain one member's score,
//! list the top members and the levels.

use crate::commands::open_existing;
use std::path::Path;
use std::time::Instant;

use chrono::{DateTime, Utc};
use clap::{Args, Subcommand};
use kizuna_core::Store;
use kizuna_core::engagement::{
    self, LevelCount, RecomputeMode, RecomputeReport, ScoreExplanation, ScoredMember,
};

/// `kizuna score [--explain MEMBER_ID] [--json] [--top N]` or `kizuna score recompute`.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct ScoreArgs {
    /// Explain one member's score: points per activity type, their level and the next one.
    #[arg(long, value_name = "MEMBER_ID")]
    explain: Option<String>,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
    /// How many of the highest-scoring members to list.
    #[arg(long, default_value_t = 10, value_name = "N")]
    top: u32,
    #[command(subcommand)]
    action: Option<ScoreAction>,
}

#[derive(Debug, Subcommand)]
enum ScoreAction {
    /// Recompute scores and levels: incremental (new activities since the last run) unless
    /// --full, or unless weights, the half-life or counted activities changed.
    Recompute {
        /// Read every activity again.
        #[arg(long)]
        full: bool,
        /// Print JSON instead of a summary.
        #[arg(long)]
        json: bool,
    },
}

/// `kizuna levels [--json]`.
#[derive(Debug, Args)]
pub struct LevelsArgs {
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
}

/// Runs `kizuna score …`.
pub fn run(path: &Path, args: ScoreArgs) -> anyhow::Result<()> {
    let mut store = open_existing(path)?;
    match (args.action, args.explain) {
        (Some(ScoreAction::Recompute { full, json }), _) => recompute(&mut store, full, json),
        (None, Some(member_id)) => explain(&store, &member_id, args.json),
        (None, None) => summary(&store, args.top, args.json),
    }
}

fn recompute(store: &mut Store, full: bool, json: bool) -> anyhow::Result<()> {
    let mode = if full {
        RecomputeMode::Full
    } else {
        RecomputeMode::Incremental
    };
    let started = Instant::now();
    let report = store.write(|w| engagement::recompute(w, w.now_ms(), mode))?;
    let seconds = started.elapsed().as_secs_f64();
    if json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print_report(&report, seconds);
    }
    Ok(())
}

fn print_report(report: &RecomputeReport, seconds: f64) {
    let how = match report.full {
        None => "incremental".to_owned(),
        Some(reason) => format!("full: {}", full_reason(reason)),
    };
    println!(
        "recomputed {} members as of {} ({how}, {} activities read) in {seconds:.2} s",
        report.members,
        when(report.as_of),
        report.activities_read
    );
    println!(
        "{} members changed level: {} promoted, {} demoted",
        report.changed_level(),
        report.promoted,
        report.demoted
    );
}

fn full_reason(reason: engagement::FullReason) -> &'static str {
    use engagement::FullReason::*;
    match reason {
        Requested => "requested",
        FirstRun => "first computation",
        RulesChanged => "weights or half-life changed",
        HistoryEdited => "counted activities were edited",
        ClockWentBack => "the clock is earlier than the stored scores",
    }
}

fn when(ms: i64) -> String {
    DateTime::<Utc>::from_timestamp_millis(ms).map_or_else(
        || ms.to_string(),
        |t| t.format("%Y-%m-%d %H:%M UTC").to_string(),
    )
}

fn explain(store: &Store, member_id: &str, json: bool) -> anyhow::Result<()> {
    let explanation = engagement::explain(store.conn(), member_id, store.clock().now_ms())?;
    if json {
        println!("{}", serde_json::to_string_pretty(&explanation)?);
    } else {
        print_explanation(&explanation);
    }
    Ok(())
}

fn print_explanation(e: &ScoreExplanation) {
    println!("{} ({})", e.display_name, e.member_id);
    println!(
        "score {:.2} as of {}, half-life {} days",
        e.score,
        when(e.as_of),
        e.half_life_days
    );
    print!(
        "level {} {} (from {})",
        e.level.rank, e.level.label_en, e.level.min_score
    );
    match (&e.next_level, e.points_to_next) {
        (Some(next), Some(points)) => println!(
            "; next: {} at {} ({points:.2} points to go)",
            next.label_en, next.min_score
        ),
        _ => println!("; the highest level"),
    }
    println!();
    println!(
        "{:<24} {:>6} {:>7} {:>9} {:>7}",
        "activity type", "count", "weight", "points", "share"
    );
    for t in &e.by_type {
        println!(
            "{:<24} {:>6} {:>7} {:>9.2} {:>6.1}%",
            t.label_en,
            t.count,
            t.weight,
            t.contribution,
            t.share * 100.0
        );
    }
    let total_share = if e.score > 0.0 { 100.0 } else { 0.0 };
    println!(
        "{:<24} {:>6} {:>7} {:>9.2} {:>6.1}%",
        "total", e.activity_count, "", e.score, total_share
    );
}

fn summary(store: &Store, top: u32, json: bool) -> anyhow::Result<()> {
    let distribution = engagement::level_distribution(store.conn())?;
    let members = engagement::top_members(store.conn(), top)?;
    if json {
        let value = serde_json::json!({ "levels": distribution, "topMembers": members });
        println!("{}", serde_json::to_string_pretty(&value)?);
        return Ok(());
    }
    print_distribution(&distribution);
    if members.is_empty() {
        println!("\nno scores yet; run `kizuna score recompute`");
        return Ok(());
    }
    print_top(&members);
    Ok(())
}

fn print_distribution(distribution: &[LevelCount]) {
    println!(
        "{:>4}  {:<14} {:>9} {:>8}  レベル",
        "rank", "level", "min score", "members"
    );
    for c in distribution {
        println!(
            "{:>4}  {:<14} {:>9} {:>8}  {}",
            c.level.rank, c.level.label_en, c.level.min_score, c.members, c.level.label_ja
        );
    }
}

fn print_top(members: &[ScoredMember]) {
    println!("\ntop members as of {}", when(members[0].as_of));
    for (n, m) in members.iter().enumerate() {
        println!(
            "{:>3}. {:<24} {:>9.2}  {:<12} {}",
            n + 1,
            m.display_name,
            m.score,
            m.level_label_en,
            m.member_id
        );
    }
}

/// Runs `kizuna levels`.
pub fn levels(path: &Path, args: &LevelsArgs) -> anyhow::Result<()> {
    let store = open_existing(path)?;
    let distribution = engagement::level_distribution(store.conn())?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&distribution)?);
    } else {
        print_distribution(&distribution);
    }
    Ok(())
}
