//! `kizuna backup now|list|restore FILE [--yes]|prune`: backups of the community file in the
//! `backups/` folder beside it.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use kizuna_core::backup::{
    BackupPreview, KEEP_DAILY, KEEP_WEEKLY, back_up, backups_dir_for, list_backups, preview_backup,
    prune_backups, restore_backup,
};

use crate::commands::open_existing;

/// `kizuna backup …`.
#[derive(Debug, Args)]
pub struct BackupArgs {
    #[command(subcommand)]
    action: BackupAction,
}

#[derive(Debug, Subcommand)]
enum BackupAction {
    /// Back up the community now (the file may stay open in the app meanwhile).
    Now,
    /// List the backups beside the community file, newest first.
    List,
    /// Show what a backup holds; with --yes, replace the community file with it (the current
    /// file is backed up first).
    Restore {
        /// The backup file.
        file: PathBuf,
        /// Really replace the community file.
        #[arg(long)]
        yes: bool,
    },
    /// Delete old backups, keeping the newest of each of the last days and weeks.
    Prune {
        /// Days with a backup to keep.
        #[arg(long, default_value_t = KEEP_DAILY)]
        keep_daily: usize,
        /// ISO weeks with a backup to keep.
        #[arg(long, default_value_t = KEEP_WEEKLY)]
        keep_weekly: usize,
    },
}

/// Runs `kizuna backup …` for the community at `path`.
pub fn run(path: &Path, args: BackupArgs) -> anyhow::Result<()> {
    let dir = backups_dir_for(path);
    match args.action {
        BackupAction::Now => {
            let store = open_existing(path)?;
            let info = back_up(&store, &dir)?;
            println!(
                "backed up to {} ({} bytes)",
                info.path.display(),
                info.bytes
            );
        }
        BackupAction::List => {
            let backups = list_backups(&dir)?;
            if backups.is_empty() {
                println!("no backups in {}", dir.display());
            }
            for b in backups {
                println!(
                    "{}  {:>12} bytes  {}",
                    b.saved_at.format("%Y-%m-%d %H:%M:%S UTC"),
                    b.bytes,
                    b.path.display()
                );
            }
        }
        BackupAction::Restore { file, yes } => {
            let preview = preview_backup(&file)?;
            print_preview(&file, &preview);
            if !yes {
                println!(
                    "nothing was changed; run again with --yes to replace {} with this backup",
                    path.display()
                );
                return Ok(());
            }
            let report = restore_backup(&file, path)?;
            if let Some(previous) = report.previous {
                println!("the file as it was is kept in {}", previous.display());
            }
            println!("restored {} from {}", path.display(), file.display());
        }
        BackupAction::Prune {
            keep_daily,
            keep_weekly,
        } => {
            let removed = prune_backups(&dir, keep_daily, keep_weekly)?;
            for p in &removed {
                println!("deleted {}", p.display());
            }
            println!("{} backups deleted", removed.len());
        }
    }
    Ok(())
}

fn print_preview(file: &Path, p: &BackupPreview) {
    println!("backup      {}", file.display());
    println!("community   {}", p.community);
    if let Some(at) = p.saved_at {
        println!("saved at    {}", at.format("%Y-%m-%d %H:%M:%S UTC"));
    }
    println!("schema      {}", p.schema_version);
    println!("members     {}", p.members);
    println!("events      {}", p.events);
    println!("activities  {}", p.activities);
}
