//! Event budgets: cost and income lines with planned and actual amounts in the event's
//! currency (integer minor units), their totals, and cost per registered, attended and newly
//! engaged member.

mod lines;
mod summary;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{CoreError, Result};

pub use lines::{
    BudgetLine, BudgetLineInput, add_line, budget_currency, budget_lines, copy_budget, delete_line,
    update_line,
};
pub use summary::{BudgetChart, BudgetSummary, CategoryTotals, budget_summary};

/// Whether a line is money going out or coming in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum BudgetKind {
    Cost,
    Income,
}

impl BudgetKind {
    /// The stored (and CLI) name.
    pub fn as_sql(self) -> &'static str {
        match self {
            BudgetKind::Cost => "cost",
            BudgetKind::Income => "income",
        }
    }

    /// Reads "cost" or "income".
    pub fn parse(s: &str) -> Result<Self> {
        match s.trim() {
            "cost" => Ok(BudgetKind::Cost),
            "income" => Ok(BudgetKind::Income),
            other => Err(crate::invalid!(
                "budget.unknownKind",
                "\"{text}\" is not a budget line kind; use cost or income",
                text = other
            )),
        }
    }
}

/// What a line is for: cost categories, then income categories.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum BudgetCategory {
    Venue,
    Catering,
    Vendors,
    Merchandise,
    Travel,
    Ads,
    Other,
    Tickets,
    Sponsorship,
    CoHost,
}

impl BudgetCategory {
    /// Every category in display order (costs first).
    pub const ALL: [BudgetCategory; 10] = [
        BudgetCategory::Venue,
        BudgetCategory::Catering,
        BudgetCategory::Vendors,
        BudgetCategory::Merchandise,
        BudgetCategory::Travel,
        BudgetCategory::Ads,
        BudgetCategory::Other,
        BudgetCategory::Tickets,
        BudgetCategory::Sponsorship,
        BudgetCategory::CoHost,
    ];

    /// The stored (and CLI) name, e.g. "co_host".
    pub fn as_sql(self) -> &'static str {
        match self {
            BudgetCategory::Venue => "venue",
            BudgetCategory::Catering => "catering",
            BudgetCategory::Vendors => "vendors",
            BudgetCategory::Merchandise => "merchandise",
            BudgetCategory::Travel => "travel",
            BudgetCategory::Ads => "ads",
            BudgetCategory::Other => "other",
            BudgetCategory::Tickets => "tickets",
            BudgetCategory::Sponsorship => "sponsorship",
            BudgetCategory::CoHost => "co_host",
        }
    }

    /// Whether this category is a cost or an income.
    pub fn kind(self) -> BudgetKind {
        match self {
            BudgetCategory::Tickets | BudgetCategory::Sponsorship | BudgetCategory::CoHost => {
                BudgetKind::Income
            }
            _ => BudgetKind::Cost,
        }
    }

    /// Reads a stored or typed name ("co_host" or "co-host").
    pub fn parse(s: &str) -> Result<Self> {
        let wanted = s.trim().replace('-', "_");
        Self::ALL
            .into_iter()
            .find(|c| c.as_sql() == wanted)
            .ok_or_else(|| {
                let names: Vec<&str> = Self::ALL.iter().map(|c| c.as_sql()).collect();
                crate::invalid!(
                    "budget.unknownCategory",
                    "\"{text}\" is not a budget category; use one of {known}",
                    text = s,
                    known = names.join(", ")
                )
            })
    }

    /// Checks that this category belongs to `kind`.
    pub fn check_kind(self, kind: BudgetKind) -> Result<()> {
        if self.kind() == kind {
            return Ok(());
        }
        let fitting: Vec<&str> = Self::ALL
            .iter()
            .filter(|c| c.kind() == kind)
            .map(|c| c.as_sql())
            .collect();
        Err(crate::invalid!(
            "budget.categoryKind",
            "{category} is a {kind} category; {lineKind} lines use {fitting}",
            category = self.as_sql(),
            kind = self.kind().as_sql(),
            lineKind = kind.as_sql(),
            fitting = fitting.join(", ")
        ))
    }
}

/// Fails with `NotFound` unless the event exists.
pub(crate) fn ensure_event(conn: &rusqlite::Connection, event: &str) -> Result<()> {
    use rusqlite::OptionalExtension;
    conn.prepare_cached("SELECT 1 FROM events WHERE id = ?1")?
        .query_row([event], |_| Ok(()))
        .optional()?
        .ok_or_else(|| CoreError::NotFound {
            what: "event",
            id: event.to_owned(),
        })
}
