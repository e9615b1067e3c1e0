//! `kizuna duplicates`: members who are probably the same person, with the reasons and a
//! confidence. Nothing is merged.

use std::path::Path;

use clap::Args;
use kizuna_core::duplicates::{DuplicateSuggestion, find_duplicates};

/// `kizuna duplicates [--limit N] [--json]`.
#[derive(Debug, Args)]
pub struct DuplicatesArgs {
    /// Show at most this many suggestions, most confident first.
    #[arg(long, default_value_t = 50, value_name = "N")]
    limit: usize,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

/// Lists the duplicate suggestions of the community at `path`.
pub fn run(path: &Path, args: &DuplicatesArgs) -> anyhow::Result<()> {
    let store = crate::commands::open_existing(path)?;
    let found = find_duplicates(store.conn(), args.limit)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&found)?);
    } else if found.is_empty() {
        println!("no duplicate suggestions");
    } else {
        for suggestion in &found {
            print!("{}", describe(suggestion));
        }
    }
    Ok(())
}

/// Three lines per suggestion: confidence and names, why (and what speaks against), the ids.
fn describe(s: &DuplicateSuggestion) -> String {
    let list = |items: Vec<String>| items.join(", ");
    let reasons = list(s.reasons.iter().map(ToString::to_string).collect());
    let against = if s.conflicts.is_empty() {
        String::new()
    } else {
        let conflicts = list(s.conflicts.iter().map(ToString::to_string).collect());
        format!("; but {conflicts}")
    };
    format!(
        "{:.2}  {} ⇄ {}\n      {reasons}{against}\n      {} ⇄ {}\n",
        s.confidence, s.first.display_name, s.second.display_name, s.first.id, s.second.id
    )
}
