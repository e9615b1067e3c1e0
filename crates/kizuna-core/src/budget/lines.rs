//! Budget lines: add, edit, delete and copy, each with an audit entry.

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{BudgetCategory, BudgetKind, ensure_event};
use crate::audit;
use crate::error::{CoreError, Result};
use crate::money::{currency_info, parse_amount};
use crate::store::{SyncedTable, Writer};

/// One budget line as stored and shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BudgetLine {
    pub id: String,
    pub event_id: String,
    pub kind: BudgetKind,
    pub category: BudgetCategory,
    /// Planned amount in minor units of `currency`.
    #[ts(type = "number")]
    pub planned_minor: i64,
    /// Actual amount once known (paid or received).
    #[ts(type = "number | null")]
    pub actual_minor: Option<i64>,
    pub currency: String,
    pub vendor: Option<String>,
    /// When it was paid (unix ms).
    #[ts(type = "number | null")]
    pub paid_at: Option<i64>,
    pub notes: Option<String>,
    #[ts(type = "number")]
    pub created_at: i64,
}

/// A line as typed in a form or on the command line: amounts are text ("¥120,000", "12.50"),
/// parsed strictly in the budget's currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BudgetLineInput {
    pub kind: BudgetKind,
    pub category: BudgetCategory,
    pub planned: String,
    /// Empty or absent until paid.
    pub actual: Option<String>,
    /// The line's currency if the form names one: it must be the event's currency.
    pub currency: Option<String>,
    pub vendor: Option<String>,
    #[ts(type = "number | null")]
    pub paid_at: Option<i64>,
    pub notes: Option<String>,
}

/// The currency of `event`'s budget: the event's own currency.
pub fn budget_currency(conn: &Connection, event: &str) -> Result<String> {
    conn.prepare_cached("SELECT currency FROM events WHERE id = ?1")?
        .query_row([event], |r| r.get(0))
        .optional()?
        .ok_or_else(|| CoreError::NotFound {
            what: "event",
            id: event.to_owned(),
        })
}

struct Parsed {
    planned: i64,
    actual: Option<i64>,
    currency: String,
}

/// Checks an input against `event`'s budget and parses its amounts.
fn parse_input(conn: &Connection, event: &str, input: &BudgetLineInput) -> Result<Parsed> {
    input.category.check_kind(input.kind)?;
    let currency = budget_currency(conn, event)?;
    if let Some(asked) = input.currency.as_deref().filter(|c| !c.trim().is_empty()) {
        let asked = currency_info(asked)?.code;
        if asked != currency {
            return Err(crate::invalid!(
                "budget.otherCurrency",
                "this event's budget is in {currency}; a line in {asked} cannot be added",
                currency,
                asked
            ));
        }
    }
    let planned = parse_amount(&input.planned, &currency)
        .map_err(|e| crate::invalid!("budget.planned", "planned: {reason}", reason = e))?;
    let actual = match input.actual.as_deref().map(str::trim) {
        Some(a) if !a.is_empty() => Some(
            parse_amount(a, &currency)
                .map_err(|e| crate::invalid!("budget.actual", "actual: {reason}", reason = e))?
                .minor,
        ),
        _ => None,
    };
    Ok(Parsed {
        planned: planned.minor,
        actual,
        currency,
    })
}

fn text(v: &Option<String>) -> Value {
    v.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map_or(Value::Null, |s| Value::Text(s.to_owned()))
}

fn cells(input: &BudgetLineInput, p: &Parsed) -> Vec<(&'static str, Value)> {
    vec![
        ("kind", Value::Text(input.kind.as_sql().to_owned())),
        ("category", Value::Text(input.category.as_sql().to_owned())),
        ("planned_minor", Value::Integer(p.planned)),
        ("actual_minor", p.actual.map_or(Value::Null, Value::Integer)),
        ("currency", Value::Text(p.currency.clone())),
        ("vendor", text(&input.vendor)),
        ("paid_at", input.paid_at.map_or(Value::Null, Value::Integer)),
        ("notes", text(&input.notes)),
    ]
}

/// Adds a line to `event`'s budget, in the event's currency.
pub fn add_line(w: &mut Writer<'_>, event: &str, input: &BudgetLineInput) -> Result<String> {
    ensure_event(w.tx(), event)?;
    let parsed = parse_input(w.tx(), event, input)?;
    let id = uuid::Uuid::now_v7().to_string();
    let mut row = cells(input, &parsed);
    row.push(("event_id", Value::Text(event.to_owned())));
    row.push(("created_at", Value::Integer(w.now_ms())));
    w.insert(SyncedTable::BudgetLines, &id, &row)?;
    audit::record(
        w,
        "budget.line_added",
        Some(event),
        &serde_json::json!({ "line": id, "category": input.category.as_sql(),
            "planned": parsed.planned, "actual": parsed.actual, "currency": parsed.currency }),
    )?;
    Ok(id)
}

/// Replaces a line's fields with `input`.
pub fn update_line(w: &mut Writer<'_>, line: &str, input: &BudgetLineInput) -> Result<()> {
    let event = line_event(w.tx(), line)?;
    let parsed = parse_input(w.tx(), &event, input)?;
    w.update(SyncedTable::BudgetLines, line, &cells(input, &parsed))?;
    audit::record(
        w,
        "budget.line_updated",
        Some(&event),
        &serde_json::json!({ "line": line, "category": input.category.as_sql(),
            "planned": parsed.planned, "actual": parsed.actual }),
    )
}

/// Deletes a line.
pub fn delete_line(w: &mut Writer<'_>, line: &str) -> Result<()> {
    let event = line_event(w.tx(), line)?;
    w.delete(SyncedTable::BudgetLines, line)?;
    audit::record(
        w,
        "budget.line_deleted",
        Some(&event),
        &serde_json::json!({ "line": line }),
    )
}

fn line_event(conn: &Connection, line: &str) -> Result<String> {
    conn.prepare_cached("SELECT event_id FROM budget_lines WHERE id = ?1")?
        .query_row([line], |r| r.get(0))
        .optional()?
        .ok_or_else(|| CoreError::NotFound {
            what: "budget line",
            id: line.to_owned(),
        })
}

/// `event`'s lines, costs first, in the order they were added.
pub fn budget_lines(conn: &Connection, event: &str) -> Result<Vec<BudgetLine>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, event_id, category, planned_minor, actual_minor, currency, vendor, paid_at,
                notes, created_at
         FROM budget_lines WHERE event_id = ?1 ORDER BY kind = 'income', created_at, id",
    )?;
    let rows = stmt
        .query_map(params![event], |r| {
            let category =
                BudgetCategory::parse(&r.get::<_, String>(2)?).unwrap_or(BudgetCategory::Other);
            Ok(BudgetLine {
                id: r.get(0)?,
                event_id: r.get(1)?,
                kind: category.kind(),
                category,
                planned_minor: r.get(3)?,
                actual_minor: r.get(4)?,
                currency: r.get(5)?,
                vendor: r.get(6)?,
                paid_at: r.get(7)?,
                notes: r.get(8)?,
                created_at: r.get(9)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Copies `from`'s budget lines (planned amounts, vendors, notes; not actuals or paid dates)
/// into `to`, for an event made from a template. Returns how many lines were copied.
pub fn copy_budget(w: &mut Writer<'_>, from: &str, to: &str) -> Result<u32> {
    ensure_event(w.tx(), from)?;
    ensure_event(w.tx(), to)?;
    let (source, target) = (budget_currency(w.tx(), from)?, budget_currency(w.tx(), to)?);
    let lines = budget_lines(w.tx(), from)?;
    if source != target && !lines.is_empty() {
        return Err(crate::invalid!(
            "budget.copyCurrency",
            "the budget is in {source} but the new event is in {target}; set the same currency to copy it",
            source,
            target
        ));
    }
    for line in &lines {
        w.insert(
            SyncedTable::BudgetLines,
            &uuid::Uuid::now_v7().to_string(),
            &[
                ("event_id", Value::Text(to.to_owned())),
                ("kind", Value::Text(line.kind.as_sql().to_owned())),
                ("category", Value::Text(line.category.as_sql().to_owned())),
                ("planned_minor", Value::Integer(line.planned_minor)),
                ("currency", Value::Text(line.currency.clone())),
                ("vendor", text(&line.vendor)),
                ("notes", text(&line.notes)),
                ("created_at", Value::Integer(w.now_ms())),
            ],
        )?;
    }
    let copied = u32::try_from(lines.len()).unwrap_or(u32::MAX);
    audit::record(
        w,
        "budget.copied",
        Some(to),
        &serde_json::json!({ "from": from, "lines": copied }),
    )?;
    Ok(copied)
}
