//! `kizuna events budget EVENT` (summary), `kizuna events budget add EVENT …` and
//! `kizuna events feedback import EVENT FILE.csv`: event budgets and feedback.

use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::{Args, Subcommand};
use kizuna_core::budget::{BudgetCategory, BudgetKind, BudgetLineInput, add_line, budget_summary};
use kizuna_core::event_outcomes::import_feedback_csv;
use kizuna_core::money::{Lang, format_amount};

use crate::commands::open_existing;

/// `kizuna events budget EVENT [--json]` or `kizuna events budget add EVENT …`.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct BudgetArgs {
    #[command(subcommand)]
    action: Option<BudgetAction>,
    /// The event whose budget summary to show (event id).
    event: Option<String>,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Subcommand)]
enum BudgetAction {
    /// Add a cost or income line, e.g. `--kind cost --category venue --planned "¥120,000"`.
    Add {
        event: String,
        /// cost or income.
        #[arg(long)]
        kind: String,
        /// venue, catering, vendors, merchandise, travel, ads, other (costs);
        /// tickets, sponsorship, co_host (income).
        #[arg(long)]
        category: String,
        /// Planned amount as typed, in the event's currency.
        #[arg(long)]
        planned: String,
        /// Actual amount, once paid or received.
        #[arg(long)]
        actual: Option<String>,
        #[arg(long)]
        vendor: Option<String>,
        #[arg(long)]
        notes: Option<String>,
    },
}

/// `kizuna events feedback import EVENT FILE.csv`.
#[derive(Debug, Args)]
pub struct FeedbackArgs {
    #[command(subcommand)]
    action: FeedbackAction,
}

#[derive(Debug, Subcommand)]
enum FeedbackAction {
    /// Import ratings (columns: rating, comment, email or member_id, submitted_at): all rows
    /// or, if any row is wrong, none.
    Import { event: String, file: PathBuf },
}

/// Runs `kizuna events budget …`.
pub fn budget(path: &Path, args: BudgetArgs) -> anyhow::Result<()> {
    match args.action {
        Some(BudgetAction::Add {
            event,
            kind,
            category,
            planned,
            actual,
            vendor,
            notes,
        }) => {
            let input = BudgetLineInput {
                kind: BudgetKind::parse(&kind)?,
                category: BudgetCategory::parse(&category)?,
                planned,
                actual,
                currency: None,
                vendor,
                paid_at: None,
                notes,
            };
            let mut store = open_existing(path)?;
            let id = store.write(|w| add_line(w, &event, &input))?;
            println!("added budget line {id}");
            Ok(())
        }
        None => {
            let event = args
                .event
                .context("name the event: `kizuna events budget EVENT_ID`")?;
            let store = open_existing(path)?;
            let s = budget_summary(store.conn(), &event)?;
            if args.json {
                println!("{}", serde_json::to_string_pretty(&s)?);
                return Ok(());
            }
            let m = |v: i64| format_amount(v, &s.currency, Lang::En);
            println!(
                "{:<12} {:>7} {:>14} {:>14} {:>14}",
                "category", "kind", "planned", "actual", "variance"
            );
            for c in &s.categories {
                println!(
                    "{:<12} {:>7} {:>14} {:>14} {:>14}",
                    c.category.as_sql(),
                    c.kind.as_sql(),
                    m(c.planned_minor),
                    m(c.actual_minor),
                    m(c.variance_minor)
                );
            }
            println!(
                "cost          planned {}  actual {}",
                m(s.cost_planned_minor),
                m(s.cost_actual_minor)
            );
            println!(
                "income        planned {}  actual {}",
                m(s.income_planned_minor),
                m(s.income_actual_minor)
            );
            println!(
                "net           planned {}  actual {}",
                m(s.net_planned_minor),
                m(s.net_actual_minor)
            );
            let per = |v: Option<i64>| v.map_or_else(|| "—".to_owned(), m);
            println!(
                "cost per registered ({}): {}",
                s.registered,
                per(s.cost_per_registered_minor)
            );
            println!(
                "cost per attended ({}): {}",
                s.attended,
                per(s.cost_per_attended_minor)
            );
            println!(
                "cost per newly engaged ({}): {}",
                s.newly_engaged,
                per(s.cost_per_newly_engaged_minor)
            );
            Ok(())
        }
    }
}

/// Runs `kizuna events feedback …`.
pub fn feedback(path: &Path, args: FeedbackArgs) -> anyhow::Result<()> {
    match args.action {
        FeedbackAction::Import { event, file } => {
            let data =
                std::fs::read(&file).with_context(|| format!("reading {}", file.display()))?;
            let mut store = open_existing(path)?;
            let n = store.write(|w| import_feedback_csv(w, &event, &data))?;
            println!("imported {n} feedback rows");
            Ok(())
        }
    }
}
