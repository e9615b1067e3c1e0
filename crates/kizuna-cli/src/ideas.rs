//! `kizuna ideas …`: list, show, add, status, vote, unvote, comment, merge, unmerge,
//! contributors and CSV import.

use std::path::Path;

use anyhow::Context;
use clap::{Args, Subcommand, ValueEnum};
use kizuna_core::ideas::{
    IdeaInput, IdeaSort, IdeaSource, IdeaStatus, add_comment, contributors, contributors_csv,
    create_idea, idea_detail, import_ideas_csv, list_ideas, merge_ideas, set_status, unmerge_idea,
    unvote, vote,
};

use crate::commands::open_existing;

/// `kizuna ideas …`.
#[derive(Debug, Args)]
pub struct IdeasArgs {
    #[command(subcommand)]
    action: IdeasAction,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Sort {
    Votes,
    Weighted,
    Newest,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    Table,
    Csv,
    Json,
}

#[derive(Debug, Subcommand)]
enum IdeasAction {
    /// List ideas (merged duplicates hidden), ranked by votes, weighted votes or newest first.
    List {
        /// new, reviewing, planned, shipped or declined.
        #[arg(long)]
        status: Option<String>,
        #[arg(long, value_enum, default_value = "votes")]
        sort: Sort,
        #[arg(long)]
        json: bool,
    },
    /// Show one idea: status history, voters, comments and merged duplicates.
    Show {
        idea_id: String,
        #[arg(long)]
        json: bool,
    },
    /// Add an idea; prints its id. `--activity ID` takes it from a logged activity.
    Add {
        #[arg(long)]
        title: String,
        #[arg(long)]
        body: Option<String>,
        /// The member who had it (left out: the team).
        #[arg(long)]
        author: Option<String>,
        #[arg(long)]
        topic: Option<String>,
        #[arg(long)]
        activity: Option<String>,
    },
    /// Move an idea to a status: reviewing, planned, shipped or declined.
    Status { idea_id: String, status: String },
    /// Vote for an idea as a member.
    Vote { idea_id: String, member_id: String },
    /// Take a member's vote back.
    Unvote { idea_id: String, member_id: String },
    /// Comment on an idea as a member (`--member`) or as the team.
    Comment {
        idea_id: String,
        text: String,
        #[arg(long)]
        member: Option<String>,
    },
    /// Merge the duplicate idea DUPLICATE into KEPT (votes combined, each member once).
    Merge { kept: String, duplicate: String },
    /// Undo the merge of a duplicate idea.
    Unmerge { idea_id: String },
    /// The authors, commenters and voters of an idea, each once.
    Contributors {
        idea_id: String,
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
    },
    /// Import ideas from CSV (title, body, author, status, created): all rows or none.
    Import { file: String },
}

fn day(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .map_or_else(|| ms.to_string(), |t| t.format("%Y-%m-%d").to_string())
}

/// Runs `kizuna ideas …`.
pub fn run(path: &Path, args: IdeasArgs) -> anyhow::Result<()> {
    let mut store = open_existing(path)?;
    match args.action {
        IdeasAction::List { status, sort, json } => {
            let status = status.as_deref().map(IdeaStatus::parse).transpose()?;
            let sort = match sort {
                Sort::Votes => IdeaSort::Votes,
                Sort::Weighted => IdeaSort::WeightedVotes,
                Sort::Newest => IdeaSort::Newest,
            };
            let rows = list_ideas(store.conn(), status, sort)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&rows)?);
                return Ok(());
            }
            println!(
                "{:<36} {:<9} {:>5} {:>8} {:<10}  TITLE",
                "ID", "STATUS", "VOTES", "WEIGHTED", "CREATED"
            );
            for i in rows {
                println!(
                    "{:<36} {:<9} {:>5} {:>8} {:<10}  {}",
                    i.id,
                    i.status.as_sql(),
                    i.votes,
                    i.weighted_votes,
                    day(i.created_at),
                    i.title
                );
            }
        }
        IdeasAction::Show { idea_id, json } => {
            let d = idea_detail(store.conn(), &idea_id)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&d)?);
                return Ok(());
            }
            let i = &d.idea;
            println!("{} [{}]", i.title, i.status.as_sql());
            if let Some(into) = &i.merged_into {
                println!("merged into {into}");
            }
            println!(
                "by:      {} ({})",
                i.author_name.as_deref().unwrap_or("the team"),
                i.source.as_sql()
            );
            println!("votes:   {} (weighted {})", i.votes, i.weighted_votes);
            if let Some(body) = &i.body {
                println!("{body}");
            }
            for h in &d.history {
                println!("  {} {}", day(h.at), h.status.as_sql());
            }
            for c in &d.comments {
                println!(
                    "  {} {}: {}",
                    day(c.created_at),
                    c.member_name.as_deref().unwrap_or("team"),
                    c.body
                );
            }
            for m in &d.merged {
                println!("  duplicate {} {}", m.id, m.title);
            }
        }
        IdeasAction::Add {
            title,
            body,
            author,
            topic,
            activity,
        } => {
            let source = if activity.is_some() {
                IdeaSource::Activity
            } else {
                IdeaSource::Manual
            };
            let input = IdeaInput {
                title,
                body,
                author_id: author,
                topic,
                activity_id: activity,
                created_at: None,
            };
            println!("{}", store.write(|w| create_idea(w, &input, source))?);
        }
        IdeasAction::Status { idea_id, status } => {
            let to = IdeaStatus::parse(&status)?;
            store.write(|w| set_status(w, &idea_id, to))?;
            println!("{idea_id} {}", to.as_sql());
        }
        IdeasAction::Vote { idea_id, member_id } => {
            store.write(|w| vote(w, &idea_id, &member_id))?;
            println!("voted");
        }
        IdeasAction::Unvote { idea_id, member_id } => {
            store.write(|w| unvote(w, &idea_id, &member_id))?;
            println!("vote taken back");
        }
        IdeasAction::Comment {
            idea_id,
            text,
            member,
        } => {
            println!(
                "{}",
                store.write(|w| add_comment(w, &idea_id, member.as_deref(), &text))?
            );
        }
        IdeasAction::Merge { kept, duplicate } => {
            store.write(|w| merge_ideas(w, &kept, &duplicate))?;
            println!("{duplicate} merged into {kept}");
        }
        IdeasAction::Unmerge { idea_id } => {
            let from = store.write(|w| unmerge_idea(w, &idea_id))?;
            println!("{idea_id} no longer merged into {from}");
        }
        IdeasAction::Contributors { idea_id, format } => match format {
            Format::Csv => print!("{}", contributors_csv(store.conn(), &idea_id)?),
            Format::Json => println!(
                "{}",
                serde_json::to_string_pretty(&contributors(store.conn(), &idea_id)?)?
            ),
            Format::Table => {
                for c in contributors(store.conn(), &idea_id)? {
                    println!("{:<36} {:<24} {}", c.member_id, c.name, c.roles.join(", "));
                }
            }
        },
        IdeasAction::Import { file } => {
            let data = std::fs::read(&file).with_context(|| format!("cannot read {file}"))?;
            let ids = store.write(|w| import_ideas_csv(w, &data))?;
            println!("{} ideas imported", ids.len());
        }
    }
    Ok(())
}
