//! A budget's totals, variance per category, cost per member, and the planned-vs-actual
//! series the chart draws.

use std::collections::BTreeMap;

use rusqlite::{Connection, params};
use serde::Serialize;
use ts_rs::TS;

use super::{BudgetCategory, BudgetKind, budget_currency, budget_lines, ensure_event};
use crate::error::Result;
use crate::money::currency_info;

/// Days after an event in which a rise in level counts as "newly engaged".
pub const NEWLY_ENGAGED_DAYS: i64 = 60;
const DAY_MS: i64 = 86_400_000;

/// Planned and actual money in one category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CategoryTotals {
    pub category: BudgetCategory,
    pub kind: BudgetKind,
    #[ts(type = "number")]
    pub planned_minor: i64,
    /// Sum of the actual amounts entered so far (ticket income includes registrations).
    #[ts(type = "number")]
    pub actual_minor: i64,
    /// Actual minus planned.
    #[ts(type = "number")]
    pub variance_minor: i64,
    pub lines: u32,
    /// Lines without an actual amount yet.
    pub unpaid_lines: u32,
}

/// Planned vs actual cost per category, in the same order, for a bar chart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BudgetChart {
    pub categories: Vec<BudgetCategory>,
    #[ts(type = "Array<number>")]
    pub planned_minor: Vec<i64>,
    #[ts(type = "Array<number>")]
    pub actual_minor: Vec<i64>,
}

/// Everything the budget screen and `kizuna events budget` show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BudgetSummary {
    pub event_id: String,
    /// The budget's currency (the event's).
    pub currency: String,
    /// Decimal places of `currency` (0 for JPY), for formatting minor units.
    pub minor_digits: u8,
    #[ts(type = "number")]
    pub cost_planned_minor: i64,
    #[ts(type = "number")]
    pub cost_actual_minor: i64,
    #[ts(type = "number")]
    pub income_planned_minor: i64,
    #[ts(type = "number")]
    pub income_actual_minor: i64,
    /// Income minus cost, planned.
    #[ts(type = "number")]
    pub net_planned_minor: i64,
    /// Income minus cost, actual.
    #[ts(type = "number")]
    pub net_actual_minor: i64,
    /// Cost the per-member figures divide: each line's actual where known, else its plan.
    #[ts(type = "number")]
    pub cost_expected_minor: i64,
    /// Ticket prices of registrations (going, attended, no-show) in the budget's currency,
    /// included in the tickets category's actual income.
    #[ts(type = "number")]
    pub registration_ticket_income_minor: i64,
    /// Registrations priced in another currency, left out of the totals.
    pub registrations_other_currency: u32,
    pub categories: Vec<CategoryTotals>,
    pub chart: BudgetChart,
    /// Registrations going, attended or no-show.
    pub registered: u32,
    pub attended: u32,
    /// Attendees whose level rose between the event's start and 60 days after its end.
    pub newly_engaged: u32,
    #[ts(type = "number | null")]
    pub cost_per_registered_minor: Option<i64>,
    #[ts(type = "number | null")]
    pub cost_per_attended_minor: Option<i64>,
    #[ts(type = "number | null")]
    pub cost_per_newly_engaged_minor: Option<i64>,
}

/// `event`'s budget summary.
pub fn budget_summary(conn: &Connection, event: &str) -> Result<BudgetSummary> {
    ensure_event(conn, event)?;
    let currency = budget_currency(conn, event)?;
    let minor_digits = currency_info(&currency).map_or(0, |i| i.minor_digits);
    let mut by_cat: BTreeMap<BudgetCategory, CategoryTotals> = BTreeMap::new();
    let mut cost_expected = 0i64;
    for line in budget_lines(conn, event)? {
        let t = by_cat
            .entry(line.category)
            .or_insert_with(|| empty(line.category));
        t.planned_minor += line.planned_minor;
        t.actual_minor += line.actual_minor.unwrap_or(0);
        t.lines += 1;
        t.unpaid_lines += u32::from(line.actual_minor.is_none());
        if line.kind == BudgetKind::Cost {
            cost_expected += line.actual_minor.unwrap_or(line.planned_minor);
        }
    }
    let (tickets, other_currency) = registration_tickets(conn, event, &currency)?;
    if tickets > 0 {
        by_cat
            .entry(BudgetCategory::Tickets)
            .or_insert_with(|| empty(BudgetCategory::Tickets))
            .actual_minor += tickets;
    }
    let mut s = BudgetSummary {
        event_id: event.to_owned(),
        currency,
        minor_digits,
        cost_planned_minor: 0,
        cost_actual_minor: 0,
        income_planned_minor: 0,
        income_actual_minor: 0,
        net_planned_minor: 0,
        net_actual_minor: 0,
        cost_expected_minor: cost_expected,
        registration_ticket_income_minor: tickets,
        registrations_other_currency: other_currency,
        categories: Vec::new(),
        chart: BudgetChart {
            categories: Vec::new(),
            planned_minor: Vec::new(),
            actual_minor: Vec::new(),
        },
        registered: 0,
        attended: 0,
        newly_engaged: 0,
        cost_per_registered_minor: None,
        cost_per_attended_minor: None,
        cost_per_newly_engaged_minor: None,
    };
    for mut t in by_cat.into_values() {
        t.variance_minor = t.actual_minor - t.planned_minor;
        match t.kind {
            BudgetKind::Cost => {
                s.cost_planned_minor += t.planned_minor;
                s.cost_actual_minor += t.actual_minor;
                s.chart.categories.push(t.category);
                s.chart.planned_minor.push(t.planned_minor);
                s.chart.actual_minor.push(t.actual_minor);
            }
            BudgetKind::Income => {
                s.income_planned_minor += t.planned_minor;
                s.income_actual_minor += t.actual_minor;
            }
        }
        s.categories.push(t);
    }
    s.net_planned_minor = s.income_planned_minor - s.cost_planned_minor;
    s.net_actual_minor = s.income_actual_minor - s.cost_actual_minor;
    (s.registered, s.attended, s.newly_engaged) = people(conn, event)?;
    s.cost_per_registered_minor = per_head(cost_expected, s.registered);
    s.cost_per_attended_minor = per_head(cost_expected, s.attended);
    s.cost_per_newly_engaged_minor = per_head(cost_expected, s.newly_engaged);
    Ok(s)
}

fn empty(category: BudgetCategory) -> CategoryTotals {
    CategoryTotals {
        category,
        kind: category.kind(),
        planned_minor: 0,
        actual_minor: 0,
        variance_minor: 0,
        lines: 0,
        unpaid_lines: 0,
    }
}

/// Cost per head in minor units, rounded half up; none when nobody is counted.
fn per_head(cost: i64, heads: u32) -> Option<i64> {
    (heads > 0).then(|| {
        let n = i64::from(heads);
        (cost + n / 2).div_euclid(n)
    })
}

/// Ticket prices of paying registrations in `currency` (a price without a currency is taken
/// to be in the budget's), and how many priced registrations use another currency.
fn registration_tickets(conn: &Connection, event: &str, currency: &str) -> Result<(i64, u32)> {
    Ok(conn
        .prepare_cached(
            "SELECT coalesce(sum(CASE WHEN coalesce(currency, ?2) = ?2 THEN price_minor END), 0),
                    count(CASE WHEN coalesce(currency, ?2) <> ?2 THEN 1 END)
             FROM registrations
             WHERE event_id = ?1 AND price_minor > 0
               AND status IN ('going', 'attended', 'no_show')",
        )?
        .query_row(params![event, currency], |r| Ok((r.get(0)?, r.get(1)?)))?)
}

/// Registered, attended, and attendees whose level rose within 60 days after the event.
fn people(conn: &Connection, event: &str) -> Result<(u32, u32, u32)> {
    Ok(conn
        .prepare_cached(
            "SELECT count(CASE WHEN r.status IN ('going', 'attended', 'no_show') THEN 1 END),
                    count(CASE WHEN r.status = 'attended' THEN 1 END),
                    count(CASE WHEN r.status = 'attended' AND EXISTS (
                        SELECT 1 FROM level_changes c
                        WHERE c.member_id = r.member_id AND c.to_rank > c.from_rank
                          AND c.at >= e.starts_at AND c.at <= e.ends_at + ?2) THEN 1 END)
             FROM registrations r JOIN events e ON e.id = r.event_id
             WHERE r.event_id = ?1",
        )?
        .query_row(params![event, NEWLY_ENGAGED_DAYS * DAY_MS], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?)
}
