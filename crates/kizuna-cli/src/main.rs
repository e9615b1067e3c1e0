//! `kizuna`: the command-line tool over the same crates as the desktop app.

mod backup;
mod badges;
mod bench;
mod budget;
mod campaign_compare;
mod campaigns;
mod commands;
mod connect;
mod duplicates;
mod events;
mod ideas;
mod identities;
mod import;
mod members;
mod merge;
mod perks;
mod referrals;
mod report;
mod score;
mod segments;
mod sync;
mod traits;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Kizuna — community management from the command line.
#[derive(Debug, Parser)]
#[command(name = "kizuna", version, about, long_about = None)]
struct Cli {
    /// Community database to use (default: the one the app last opened, else
    /// community.kizuna in the Kizuna data folder).
    #[arg(long, global = true, env = kizuna_core::paths::DB_ENV, value_name = "PATH")]
    db: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Create an empty community database (or upgrade an existing one).
    Init {
        /// The community's name.
        #[arg(long, default_value = "My community")]
        name: String,
    },
    /// Fill an empty database with a generated sample community.
    Demo {
        /// How many members to generate (activities are about 20 per member).
        #[arg(long, default_value_t = 2_000, value_parser = clap::value_parser!(u32).range(1..=5_000_000))]
        members: u32,
        /// Seed of the generator: the same seed gives the same community.
        #[arg(long)]
        seed: Option<u64>,
    },
    /// Print headline numbers: members, activities, events, members active in 30 days.
    Stats {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// List members who are probably the same person, with reasons and a confidence.
    Duplicates(duplicates::DuplicatesArgs),
    /// Members: list (table/CSV/JSON), show, add, edit, delete, traits, log activities, export, erase.
    Members(members::MembersArgs),
    /// Merge two records of one person (`--take` fields), `merge undo MERGE_ID`, `merge list`.
    Merge(merge::MergeArgs),
    /// Engagement scores: level counts and top members, `recompute`, or `--explain MEMBER_ID`.
    Score(score::ScoreArgs),
    /// List the engagement levels with their thresholds and how many members each has.
    Levels(score::LevelsArgs),
    /// Referrals: `add REFERRER REFERRED --channel …`, `remove MEMBER_ID`, `tree MEMBER_ID`.
    Referrals(referrals::ReferralsArgs),
    /// The members whose word of mouth brought the most people in.
    Advocates(referrals::AdvocatesArgs),
    /// Influencers by follower tier (thresholds editable with --set-thresholds).
    Influencers(referrals::InfluencersArgs),
    /// Segments: count a rule tree, save, list, export as CSV, delete.
    Segments(segments::SegmentsArgs),
    /// Events: list, show, create, register, cancel, check in at the door, attendees CSV, budget,
    /// feedback.
    Events(events::EventsArgs),
    /// Campaigns: list, show, create, `roster add`, `codes add`, `attribute CODE MEMBER`.
    Campaigns(campaigns::CampaignsArgs),
    /// Perks: list, show, create, `wave add`, grant (one member or a segment/wave), codes,
    /// redeem, revoke, expire, effect, conflicts.
    Perks(perks::PerksArgs),
    /// Ideas: list, show, add, status, vote, unvote, comment, merge, unmerge, contributors,
    /// import.
    Ideas(ideas::IdeasArgs),
    /// Import a CSV/TSV/XLSX export (Luma, Eventbrite, or any file by its headers): `--dry-run`
    /// first; `import history`; `import undo RUN_ID`.
    Import(import::ImportArgs),
    /// The team's sync hub: `serve`, `create-team`, `invite`, `revoke`.
    Hub(sync::HubArgs),
    /// Sync this community with the team's hub (token in KIZUNA_HUB_TOKEN).
    Sync(sync::SyncArgs),
    /// Platform accounts (Discourse, Discord, Eventbrite): `add`, `list`, `test ID`, `sync ID`,
    /// `remove ID`; tokens live in the OS keychain.
    Connect(connect::ConnectArgs),
    /// Report packs as PDF (EN/JA): overview, event, campaigns, perks, or the board pack;
    /// `--csv DIR` also writes their tables.
    Report(report::ReportArgs),
    /// Backups beside the community file: `now`, `list`, `restore FILE [--yes]`, `prune`.
    Backup(backup::BackupArgs),
    /// Time what the app does at scale on a generated sample (or a copy of --db): table or JSON.
    Bench(bench::BenchArgs),
}

fn main() -> ExitCode {
    // Die quietly when the reader of our output goes away (`kizuna members list | head`),
    // as command-line tools do, instead of panicking on the broken pipe.
    sigpipe::reset();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("KIZUNA_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn,usvg=error")),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    match commands::run(cli.db, cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
