//! `kizuna connect add|list|test|sync|remove`: platform accounts (Discourse, Discord,
//! Eventbrite) pulled into the community; their tokens live in the OS keychain.

use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;

use anyhow::Context;
use clap::{Args, Subcommand};
use kizuna_import::connectors::{
    Connection, ConnectionKind, ConnectorEnv, NewConnection, SyncSummary, add_connection,
    list_connections, remove_connection, sync_connection, test_connection,
};
use kizuna_keychain::Keychain;

use crate::commands::open_existing;

/// Where `connect add` reads the token from when it is set.
const TOKEN_ENV: &str = "KIZUNA_CONNECT_TOKEN";

/// `kizuna connect …`.
#[derive(Debug, Args)]
pub struct ConnectArgs {
    #[command(subcommand)]
    action: ConnectAction,
}

#[derive(Debug, Subcommand)]
enum ConnectAction {
    /// Connect a platform account; the token comes from KIZUNA_CONNECT_TOKEN or is asked for,
    /// and is kept in the OS keychain.
    Add {
        #[arg(long, value_parser = ["discourse", "discord", "eventbrite"])]
        kind: String,
        /// A name for the connection, e.g. "Community forum".
        #[arg(long)]
        label: String,
        /// The forum's address (Discourse); Discord and Eventbrite default to their API.
        #[arg(long)]
        url: Option<String>,
        /// Discourse: the API username; Discord: the server (guild) id; Eventbrite: the
        /// organization id.
        #[arg(long)]
        account: String,
    },
    /// The connections, with their last sync.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Make one authenticated call to check the token and the account.
    Test { id: String },
    /// Pull what is new since the last sync and import it (undo with `kizuna import undo`).
    Sync {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Remove a connection and its token (what it imported stays).
    Remove { id: String },
}

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")
}

/// Runs `kizuna connect …` on the community at `db`.
pub fn run(db: &Path, args: ConnectArgs) -> anyhow::Result<()> {
    let mut store = open_existing(db)?;
    let keychain = Keychain::new();
    let env = ConnectorEnv::default();
    match args.action {
        ConnectAction::Add {
            kind,
            label,
            url,
            account,
        } => {
            let kind = ConnectionKind::parse(&kind).context("unknown platform")?;
            let token = read_token()?;
            let connection = add_connection(
                &store,
                &keychain,
                &NewConnection {
                    kind,
                    label,
                    base_url: url,
                    account,
                    token,
                },
            )?;
            println!(
                "added {} \"{}\" ({}); its token is in the system keychain\n{}",
                connection.kind.key(),
                connection.label,
                connection.base_url,
                connection.id
            );
        }
        ConnectAction::List { json } => {
            let all = list_connections(&store)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&all)?);
            } else if all.is_empty() {
                println!("no connections yet; add one with `kizuna connect add`");
            } else {
                all.iter().for_each(print_connection);
            }
        }
        ConnectAction::Test { id } => {
            let said = runtime()?.block_on(test_connection(&store, &keychain, &id, &env))?;
            println!("{said}");
        }
        ConnectAction::Sync { id, json } => {
            let summary = runtime()?.block_on(sync_connection(
                &mut store,
                &keychain,
                &id,
                &env,
                &mut |_| true,
            ))?;
            if json {
                println!("{}", serde_json::to_string_pretty(&summary)?);
            } else {
                print_summary(&summary);
            }
        }
        ConnectAction::Remove { id } => {
            remove_connection(&store, &keychain, &id)?;
            println!("removed the connection and its token; what it imported stays");
        }
    }
    Ok(())
}

/// The token from KIZUNA_CONNECT_TOKEN, else one line of standard input (not echoed on a
/// terminal).
fn read_token() -> anyhow::Result<String> {
    if let Ok(token) = std::env::var(TOKEN_ENV)
        && !token.trim().is_empty()
    {
        return Ok(token.trim().to_owned());
    }
    let stdin = std::io::stdin();
    let terminal = stdin.is_terminal();
    if terminal {
        eprint!("token (not shown): ");
        std::io::stderr().flush()?;
        echo(false);
    }
    let mut line = String::new();
    let read = stdin.lock().read_line(&mut line);
    if terminal {
        echo(true);
        eprintln!();
    }
    read.context("reading the token")?;
    let token = line.trim().to_owned();
    if token.is_empty() {
        anyhow::bail!("no token given: put it in {TOKEN_ENV} or type it when asked");
    }
    Ok(token)
}

/// Turns the terminal's echo off or on (best effort: without `stty` the token shows).
fn echo(on: bool) {
    let _ = std::process::Command::new("stty")
        .arg(if on { "echo" } else { "-echo" })
        .stdin(std::process::Stdio::inherit())
        .status();
}

fn when(ms: Option<i64>) -> String {
    ms.and_then(chrono::DateTime::from_timestamp_millis)
        .map_or_else(
            || "never".to_owned(),
            |t| t.format("%Y-%m-%d %H:%M UTC").to_string(),
        )
}

fn print_connection(c: &Connection) {
    println!(
        "{}  {:<10} {}  ({}, account {})",
        c.id,
        c.kind.key(),
        c.label,
        c.base_url,
        c.account
    );
    let outcome = match (&c.last_error, &c.last_summary) {
        (Some(error), _) => format!("failed: {error}"),
        (None, Some(s)) => format!(
            "{} records, {} members created, {} activities",
            s.records, s.members_created, s.activities_created
        ),
        (None, None) => "not synced yet".to_owned(),
    };
    println!("    last sync {}: {outcome}", when(c.last_sync_at));
}

fn print_summary(s: &SyncSummary) {
    println!(
        "read {} records in {} requests: {} members created, {} updated; {} activities; \
         {} events; {} registrations created, {} updated",
        s.records,
        s.requests,
        s.members_created,
        s.members_updated,
        s.activities_created,
        s.events_created,
        s.registrations_created,
        s.registrations_updated
    );
    if let Some(run) = &s.run_id {
        println!("undo with: kizuna import undo {run}");
    } else {
        println!("nothing new");
    }
    for e in &s.errors {
        println!("  not imported (record {}): {}", e.line, e.message);
    }
}
