//! `kizuna merge`: merge two records of one person (the manager picks fields), undo a merge,
//! and list merges.

use crate::commands::open_existing;
use std::path::Path;

use clap::{Args, Subcommand};
use kizuna_core::ids::MemberId;
use kizuna_core::merge::{
    FieldChoices, FieldValue, MemberField, MergeId, MergePreview, MergeRecord, Side, list_merges,
    merge_members, merge_preview, undo_merge,
};

/// `kizuna merge KEPT_ID MERGED_ID [--take F,…] [--keep F,…] [--dry-run]`, `merge undo`,
/// `merge list`.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct MergeArgs {
    /// The member who stays.
    #[arg(value_name = "KEPT_ID", required = true)]
    kept: Option<String>,
    /// The member folded into the kept one (kept as a soft-deleted record, for undo).
    #[arg(value_name = "MERGED_ID", required = true)]
    merged: Option<String>,
    /// Fields to take from the merged member, comma-separated (e.g. email,phone,city).
    #[arg(long, value_delimiter = ',', value_name = "FIELD")]
    take: Vec<String>,
    /// Fields to keep from the kept member even where it is empty.
    #[arg(long, value_delimiter = ',', value_name = "FIELD")]
    keep: Vec<String>,
    /// Show both members side by side and what would move, without merging.
    #[arg(long)]
    dry_run: bool,
    #[command(subcommand)]
    action: Option<MergeAction>,
}

#[derive(Debug, Subcommand)]
enum MergeAction {
    /// Undo a merge: both members are restored as they were.
    Undo {
        #[arg(value_name = "MERGE_ID")]
        merge_id: String,
    },
    /// List merges, newest first (only those of MEMBER_ID if given).
    List {
        #[arg(value_name = "MEMBER_ID")]
        member_id: Option<String>,
    },
}

/// Runs `kizuna merge …`.
pub fn run(path: &Path, args: MergeArgs) -> anyhow::Result<()> {
    let mut store = open_existing(path)?;
    match (args.action, args.kept, args.merged) {
        (Some(MergeAction::Undo { merge_id }), _, _) => {
            let id = MergeId(merge_id);
            store.write(|w| undo_merge(w, &id))?;
            println!("undid merge {id}");
        }
        (Some(MergeAction::List { member_id }), _, _) => {
            let merges = list_merges(store.conn(), member_id.as_deref())?;
            print!("{}", list_table(&merges));
        }
        (None, Some(kept), Some(merged)) => {
            let choices = FieldChoices {
                take: parse_fields(&args.take)?,
                keep: parse_fields(&args.keep)?,
            };
            choices.validate()?;
            let preview = merge_preview(store.conn(), &kept, &merged)?;
            print!("{}", preview_table(&preview, &choices));
            if !args.dry_run {
                let (kept, merged) = (MemberId(kept), MemberId(merged));
                let id = store.write(|w| merge_members(w, &kept, &merged, &choices))?;
                println!("merged: {id}");
            }
        }
        _ => anyhow::bail!("give KEPT_ID and MERGED_ID, or `merge undo MERGE_ID`, or `merge list`"),
    }
    Ok(())
}

fn parse_fields(names: &[String]) -> anyhow::Result<Vec<MemberField>> {
    Ok(names
        .iter()
        .filter(|n| !n.trim().is_empty())
        .map(|n| n.parse::<MemberField>())
        .collect::<Result<_, _>>()?)
}

fn shown(value: Option<&FieldValue>, field: MemberField) -> String {
    match (value, field) {
        (None, _) => "—".to_owned(),
        (Some(FieldValue::Number(ms)), MemberField::JoinedAt) => {
            chrono::DateTime::from_timestamp_millis(*ms)
                .map_or_else(|| ms.to_string(), |t| t.format("%Y-%m-%d").to_string())
        }
        (Some(v), _) => v.to_string(),
    }
}

/// The side-by-side table: each field with both values and which one the merge keeps (`<` kept,
/// `>` merged, `=` the same).
fn preview_table(p: &MergePreview, choices: &FieldChoices) -> String {
    let mut out = format!(
        "{:<13} {:<32} {:<32}\n{:<13} {:<32} {:<32}\n",
        "", "KEPT", "MERGED", "", p.kept.id, p.merged.id
    );
    for f in &p.fields {
        let side = if choices.take.contains(&f.field) {
            Side::Merged
        } else if choices.keep.contains(&f.field) {
            Side::Kept
        } else {
            f.default_side
        };
        let mark = match (f.differs, side) {
            (false, _) => "=",
            (true, Side::Kept) => "<",
            (true, Side::Merged) => ">",
        };
        out.push_str(&format!(
            "{:<13} {:<32} {:<32} {mark}\n",
            f.field.column(),
            shown(f.kept.as_ref(), f.field),
            shown(f.merged.as_ref(), f.field)
        ));
    }
    let m = &p.moves;
    out.push_str(&format!(
        "moves: {} identities ({} duplicate dropped), {} tags ({} already on the kept member), {} activities, {} registrations ({} shared events keep the better status)\n",
        m.identities,
        m.duplicate_identities,
        m.tags,
        m.duplicate_tags,
        m.activities,
        m.registrations,
        m.shared_events
    ));
    out
}

fn list_table(merges: &[MergeRecord]) -> String {
    if merges.is_empty() {
        return "no merges\n".to_owned();
    }
    let date = |ms: i64| {
        chrono::DateTime::from_timestamp_millis(ms).map_or_else(
            || ms.to_string(),
            |t| t.format("%Y-%m-%d %H:%M").to_string(),
        )
    };
    merges
        .iter()
        .map(|m| {
            let undone = m
                .undone_at
                .map_or_else(String::new, |at| format!("  (undone {})", date(at)));
            format!(
                "{}  {}  {} ⇐ {}{undone}\n",
                m.id,
                date(m.merged_at),
                m.kept.display_name,
                m.merged.display_name
            )
        })
        .collect()
}
