//! The verbs of `kizuna`, each a thin call into the core.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use anyhow::Context;
use kizuna_core::community;
use kizuna_core::paths::{Communities, data_dir};
use kizuna_core::sample::{SampleSpec, generate};
use kizuna_core::store::OpenMode;
use kizuna_core::{Store, SystemClock, dashboard};

use crate::Command;

/// Runs one verb against the resolved database.
pub fn run(db: Option<PathBuf>, command: Command) -> anyhow::Result<()> {
    let given = db.clone();
    let path = resolve_db(db)?;
    match command {
        Command::Init { name } => init(&path, &name),
        Command::Demo { members, seed } => demo(&path, members, seed),
        Command::Stats { json } => stats(&path, json),
        Command::Duplicates(args) => crate::duplicates::run(&path, &args),
        Command::Members(args) => crate::members::run(&path, args),
        Command::Merge(args) => crate::merge::run(&path, args),
        Command::Score(args) => crate::score::run(&path, args),
        Command::Levels(args) => crate::score::levels(&path, &args),
        Command::Referrals(args) => crate::referrals::referrals(&path, args),
        Command::Advocates(args) => crate::referrals::advocates(&path, &args),
        Command::Influencers(args) => crate::referrals::influencer_list(&path, &args),
        Command::Segments(args) => crate::segments::run(&path, args),
        Command::Events(args) => crate::events::run(&path, args),
        Command::Campaigns(args) => crate::campaigns::run(&path, args),
        Command::Perks(args) => crate::perks::run(&path, args),
        Command::Ideas(args) => crate::ideas::run(&path, args),
        Command::Bench(args) => crate::bench::run(given.as_deref(), &args),
        Command::Import(args) => crate::import::run(&path, args),
        Command::Hub(args) => crate::sync::hub(args),
        Command::Sync(args) => crate::sync::run(&path, &args),
        Command::Connect(args) => crate::connect::run(&path, args),
        Command::Backup(args) => crate::backup::run(&path, args),
        Command::Report(args) => crate::report::run(&path, args),
    }
}

/// `--db`/`KIZUNA_DB`, else the community the app last opened, else the default file.
fn resolve_db(db: Option<PathBuf>) -> anyhow::Result<PathBuf> {
    if let Some(path) = db {
        return Ok(path);
    }
    let communities = Communities::new(data_dir()?);
    Ok(communities
        .current()?
        .unwrap_or_else(|| communities.default_path()))
}

fn open(path: &Path, mode: OpenMode) -> anyhow::Result<Store> {
    Ok(Store::open(path, mode, Arc::new(SystemClock))?)
}

/// Opens the community at `path`, saying how to create one when there is none.
pub fn open_existing(path: &Path) -> anyhow::Result<Store> {
    if !path.exists() {
        anyhow::bail!(
            "there is no community at {}; create one with `kizuna init` or `kizuna demo`",
            path.display()
        );
    }
    open(path, OpenMode::MustExist)
}

fn init(path: &Path, name: &str) -> anyhow::Result<()> {
    if path.exists() {
        let store = open(path, OpenMode::MustExist)?;
        println!(
            "{} is already a Kizuna community ({}), schema version {}",
            path.display(),
            store.community_name()?,
            store.schema_version()?
        );
    } else {
        community::create_empty(path, name, Arc::new(SystemClock))?;
        println!("created community \"{name}\" at {}", path.display());
    }
    Ok(())
}

fn demo(path: &Path, members: u32, seed: Option<u64>) -> anyhow::Result<()> {
    let mut store = open(path, OpenMode::CreateIfMissing)?;
    let mut spec = SampleSpec::with_members(members);
    if let Some(seed) = seed {
        spec.seed = seed;
    }
    let started = Instant::now();
    let report = generate(&mut store, &spec)
        .with_context(|| format!("generating a sample community in {}", path.display()))?;
    println!(
        "generated {} members, {} activities, {} events ({} registrations), {} campaigns in {:.1} s\n{}",
        report.members,
        report.activities,
        report.events,
        report.registrations,
        report.campaigns,
        started.elapsed().as_secs_f64(),
        path.display()
    );
    Ok(())
}

fn stats(path: &Path, json: bool) -> anyhow::Result<()> {
    let store = open_existing(path)?;
    let stats = dashboard::stats(store.conn(), store.clock().now())?;
    if json {
        println!("{}", serde_json::to_string_pretty(&stats)?);
    } else {
        println!("community          {}", store.community_name()?);
        println!("members            {}", stats.members);
        println!("activities         {}", stats.activities);
        println!("events             {}", stats.events);
        println!("active (30 days)   {}", stats.active_members_30d);
    }
    Ok(())
}
