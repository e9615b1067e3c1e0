//! `kizuna hub …` (the team's sync hub over PostgreSQL) and `kizuna sync --hub URL` (this
//! community with the hub).

use std::net::SocketAddr;
use std::path::Path;

use anyhow::Context;
use clap::{Args, Subcommand};
use kizuna_sync::client::{pending, state, sync};
use kizuna_sync::conflicts::{Keep, open_conflicts, resolve_conflict};
use kizuna_sync::hub::{self, teams};

use crate::commands::open_existing;

/// `kizuna hub …`.
#[derive(Debug, Args)]
pub struct HubArgs {
    #[command(subcommand)]
    action: HubAction,
}

#[derive(Debug, Subcommand)]
enum HubAction {
    /// Serve the sync API (many hubs may serve one database behind a load balancer).
    Serve {
        #[arg(long, env = "KIZUNA_HUB_DATABASE_URL")]
        database_url: String,
        #[arg(long, default_value = "127.0.0.1:7800")]
        listen: SocketAddr,
        /// Requests per minute each token may make (requests without a valid token: each client
        /// address); over it the hub answers 429 with Retry-After. 0 turns the limit off.
        #[arg(long, default_value_t = hub::DEFAULT_PER_MINUTE)]
        rate_limit: u32,
        /// How many requests may come at once before the per-minute pace applies.
        #[arg(long, default_value_t = hub::DEFAULT_BURST)]
        rate_burst: u32,
    },
    /// Create a team.
    CreateTeam {
        name: String,
        #[arg(long, env = "KIZUNA_HUB_DATABASE_URL")]
        database_url: String,
    },
    /// Make a token for a member of a team; it is printed once and only its hash is kept.
    Invite {
        #[arg(long)]
        team: String,
        /// Who the token is for (shown in logs), e.g. "Aiko's laptop".
        #[arg(long, default_value = "member")]
        label: String,
        #[arg(long, env = "KIZUNA_HUB_DATABASE_URL")]
        database_url: String,
    },
    /// Revoke a token (read from KIZUNA_HUB_TOKEN).
    Revoke {
        #[arg(long, env = "KIZUNA_HUB_DATABASE_URL")]
        database_url: String,
    },
}

/// `kizuna sync --hub URL`, `--status`, `--conflicts`, `--resolve ID --keep local|remote`.
#[derive(Debug, Args)]
pub struct SyncArgs {
    /// The hub's address, e.g. https://hub.example.com
    #[arg(long, required_unless_present_any = ["conflicts", "resolve"])]
    hub: Option<String>,
    /// Only print how many changes wait to be sent and when the last sync was.
    #[arg(long)]
    status: bool,
    /// List fields changed here and on another laptop before either synced.
    #[arg(long)]
    conflicts: bool,
    /// Settle the conflict with this id (see --conflicts) ...
    #[arg(long, requires = "keep")]
    resolve: Option<i64>,
    /// ... keeping this laptop's value (`local`) or the other one (`remote`).
    #[arg(long, value_parser = ["local", "remote"])]
    keep: Option<String>,
}

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")
}

/// Runs `kizuna hub …`.
pub fn hub(args: HubArgs) -> anyhow::Result<()> {
    let rt = runtime()?;
    rt.block_on(async {
        match args.action {
            HubAction::Serve {
                database_url,
                listen,
                rate_limit,
                rate_burst,
            } => {
                let limit = hub::RateLimit {
                    per_minute: rate_limit,
                    burst: rate_burst,
                };
                Ok(hub::serve(&database_url, listen, limit).await?)
            }
            HubAction::CreateTeam { name, database_url } => {
                let pool = hub::pool(&database_url)?;
                hub::schema::migrate(&pool).await?;
                teams::create_team(&pool, &name).await?;
                println!("created team \"{}\"", name.trim());
                Ok(())
            }
            HubAction::Invite {
                team,
                label,
                database_url,
            } => {
                let pool = hub::pool(&database_url)?;
                hub::schema::migrate(&pool).await?;
                let token = teams::invite(&pool, &team, &label).await?;
                println!("{token}");
                eprintln!("this token is shown only once; give it to {label} over a safe channel");
                Ok(())
            }
            HubAction::Revoke { database_url } => {
                let token = std::env::var("KIZUNA_HUB_TOKEN")
                    .context("put the token to revoke in KIZUNA_HUB_TOKEN")?;
                let pool = hub::pool(&database_url)?;
                if teams::revoke(&pool, &token).await? {
                    println!("revoked");
                    Ok(())
                } else {
                    anyhow::bail!("no live token matches")
                }
            }
        }
    })
}

/// Runs `kizuna sync --hub URL` on the community at `db` (token in KIZUNA_HUB_TOKEN).
pub fn run(db: &Path, args: &SyncArgs) -> anyhow::Result<()> {
    let mut store = open_existing(db)?;
    if args.conflicts {
        let open = open_conflicts(store.conn())?;
        if open.is_empty() {
            println!("no sync conflicts");
        }
        for c in open {
            println!(
                "{}  {} {} ({}): here {:?}, other laptop {:?}; the table holds the {} value",
                c.id,
                c.table,
                c.subject.as_deref().unwrap_or(&c.row_id),
                c.column,
                c.local_value.unwrap_or_default(),
                c.remote_value.unwrap_or_default(),
                c.kept
            );
        }
        return Ok(());
    }
    if let (Some(id), Some(keep)) = (args.resolve, args.keep.as_deref()) {
        let keep = if keep == "local" {
            Keep::Local
        } else {
            Keep::Remote
        };
        resolve_conflict(&mut store, id, keep)?;
        println!("settled; the kept value syncs to the team with the next sync");
        return Ok(());
    }
    let hub_url = args
        .hub
        .as_deref()
        .unwrap_or_default()
        .trim_end_matches('/');
    if !args.status {
        kizuna_sync::settings::check_hub_url(hub_url)?;
    }
    if args.status {
        let saved = state(&store, hub_url)?;
        let waiting = pending(&store, hub_url)?;
        let last = saved
            .last_sync_at
            .and_then(chrono::DateTime::from_timestamp_millis)
            .map_or_else(
                || "never".to_owned(),
                |t| t.format("%Y-%m-%d %H:%M UTC").to_string(),
            );
        println!("{waiting} changes waiting to be sent; last sync: {last}");
        return Ok(());
    }
    let token = std::env::var("KIZUNA_HUB_TOKEN")
        .context("put the team token in KIZUNA_HUB_TOKEN (the app keeps it in the OS keychain)")?;
    let report = runtime()?.block_on(sync(&mut store, hub_url, &token))?;
    println!(
        "sent {} changes, received {} ({} new, {} rows changed)",
        report.pushed, report.pulled, report.merge.new, report.merge.rows_changed
    );
    Ok(())
}
