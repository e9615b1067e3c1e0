//! Checks a rule tree against the community before anything runs: operators that fit each
//! field, counts and windows that make sense, and activity types, levels, events and campaigns
//! that exist. Every error names the rule's path.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};

use super::rules::{
    ActivityRule, AttendanceRule, FieldOp, FieldRule, FieldType, Group, Node, Operand,
    PlatformRule, RulePath,
};
use crate::engagement;
use crate::error::Result;

/// The deepest a group may nest (the root group is depth 1).
pub const MAX_DEPTH: usize = 6;
/// The longest window a rule may look back, in days (100 years).
pub const MAX_DAYS: i64 = 36_500;
const DAY_MS: i64 = 86_400_000;

/// Checks `group` against the community; `InvalidInput` names the first rule at fault.
pub fn validate(conn: &Connection, group: &Group) -> Result<()> {
    let levels = i64::try_from(engagement::levels(conn)?.len()).unwrap_or(i64::MAX);
    let ctx = Context { conn, levels };
    ctx.group(group, &RulePath::default())
}

struct Context<'c> {
    conn: &'c Connection,
    levels: i64,
}

impl Context<'_> {
    fn group(&self, group: &Group, path: &RulePath) -> Result<()> {
        if path.depth() > MAX_DEPTH {
            return Err(path.error(crate::invalid_reason!(
                "segments.tooDeep",
                "groups may nest at most {max} deep",
                max = MAX_DEPTH
            )));
        }
        if group.rules.is_empty() {
            return Err(path.error(crate::invalid_reason!(
                "segments.groupEmpty",
                "the group has no rules"
            )));
        }
        for (n, node) in group.rules.iter().enumerate() {
            self.node(node, &path.child(n))?;
        }
        Ok(())
    }

    fn node(&self, node: &Node, path: &RulePath) -> Result<()> {
        match node {
            Node::Group(g) => self.group(g, path),
            Node::Field(rule) => field(rule, path).map(|_| ()),
            Node::Tag(rule) => non_blank(
                &rule.name,
                crate::invalid_reason!("segments.aTagName", "a tag name"),
                path,
            ),
            Node::Platform(rule) => platform(rule, path),
            Node::Level(rule) => {
                if (1..=self.levels).contains(&rule.rank) {
                    Ok(())
                } else {
                    Err(path.error(crate::invalid_reason!(
                        "segments.unknownLevel",
                        "level {level} does not exist (levels are 1 to {levels})",
                        level = rule.rank,
                        levels = self.levels
                    )))
                }
            }
            Node::Score(rule) if !rule.value.is_finite() => Err(path.error(
                crate::invalid_reason!("segments.scoreNotNumber", "the score must be a number"),
            )),
            Node::Score(_) => Ok(()),
            Node::Activity(rule) => self.activity(rule, path),
            Node::EventAttendance(rule) => self.attendance(rule, path),
            Node::Campaign(rule) => match &rule.campaign_id {
                Some(id) => self.exists(
                    "campaigns",
                    "id",
                    id,
                    crate::invalid_reason!("segments.campaign", "campaign"),
                    path,
                ),
                None => Ok(()),
            },
            Node::Trait(rule) => super::trait_rule::validate(rule, path),
        }
    }

    fn activity(&self, rule: &ActivityRule, path: &RulePath) -> Result<()> {
        min_count(
            rule.min_count,
            crate::invalid_reason!("segments.activities", "activities"),
            path,
        )?;
        if let Some(days) = rule.within_days {
            within_days(days, path)?;
            if rule.from.is_some() || rule.to.is_some() {
                return Err(path.error(crate::invalid_reason!(
                    "segments.daysAndDates",
                    "use either withinDays or from/to dates, not both"
                )));
            }
        }
        let from = rule
            .from
            .as_ref()
            .map(|d| date_bounds(d, path))
            .transpose()?;
        let to = rule.to.as_ref().map(|d| date_bounds(d, path)).transpose()?;
        if let (Some(from), Some(to)) = (from, to)
            && from.0 > to.0
        {
            return Err(path.error(crate::invalid_reason!(
                "segments.fromAfterTo",
                "the from date is after the to date"
            )));
        }
        if let Some(platform) = &rule.platform {
            non_blank(
                platform,
                crate::invalid_reason!("segments.aPlatform", "a platform"),
                path,
            )?;
        }
        match &rule.activity_type {
            Some(key) => self.exists(
                "activity_types",
                "key",
                key,
                crate::invalid_reason!("segments.activityType", "activity type"),
                path,
            ),
            None => Ok(()),
        }
    }

    fn attendance(&self, rule: &AttendanceRule, path: &RulePath) -> Result<()> {
        min_count(
            rule.min_count,
            crate::invalid_reason!("segments.events", "events"),
            path,
        )?;
        if let Some(days) = rule.within_days {
            within_days(days, path)?;
        }
        match &rule.event_id {
            Some(id) => self.exists(
                "events",
                "id",
                id,
                crate::invalid_reason!("segments.event", "event"),
                path,
            ),
            None => Ok(()),
        }
    }

    /// `table` and `column` are constants of this module, never input.
    fn exists(
        &self,
        table: &str,
        column: &str,
        value: &str,
        what: crate::Invalid,
        path: &RulePath,
    ) -> Result<()> {
        let found = self
            .conn
            .prepare_cached(&format!("SELECT 1 FROM {table} WHERE {column} = ?1"))?
            .query_row([value], |_| Ok(()))
            .optional()?;
        found.ok_or_else(|| {
            path.error(crate::invalid_reason!(
                "segments.unknownValue",
                "there is no {what} \"{value}\"",
                what,
                value
            ))
        })
    }
}

fn non_blank(text: &str, what: crate::Invalid, path: &RulePath) -> Result<()> {
    if text.trim().is_empty() {
        Err(path.error(crate::invalid_reason!(
            "segments.valueEmpty",
            "{what} cannot be empty",
            what
        )))
    } else {
        Ok(())
    }
}

fn min_count(count: i64, what: crate::Invalid, path: &RulePath) -> Result<()> {
    if count < 1 {
        Err(path.error(crate::invalid_reason!(
            "segments.countTooLow",
            "the number of {what} must be at least 1 (got {count})",
            what,
            count
        )))
    } else {
        Ok(())
    }
}

fn within_days(days: i64, path: &RulePath) -> Result<()> {
    if (1..=MAX_DAYS).contains(&days) {
        Ok(())
    } else {
        Err(path.error(crate::invalid_reason!(
            "segments.daysRange",
            "the number of days must be between 1 and {max} (got {days})",
            max = MAX_DAYS,
            days
        )))
    }
}

fn platform(rule: &PlatformRule, path: &RulePath) -> Result<()> {
    if let Some(platform) = &rule.platform {
        non_blank(
            platform,
            crate::invalid_reason!("segments.aPlatform", "a platform"),
            path,
        )?;
    }
    match rule.min_followers {
        Some(f) if f < 0 => Err(path.error(crate::invalid_reason!(
            "segments.negativeFollowers",
            "the follower count cannot be negative (got {count})",
            count = f
        ))),
        _ => Ok(()),
    }
}

/// The half-open range `[start, end)` a field operand stands for, checked against the
/// field: text for text fields, a whole number for numbers, a date or unix ms for dates.
pub(crate) fn field(rule: &FieldRule, path: &RulePath) -> Result<FieldBounds> {
    let ty = rule.field.field_type();
    let name = rule.field.label();
    if !rule.op.applies_to(ty) {
        let kind = match ty {
            FieldType::Text => crate::invalid_reason!("segments.kindText", "text"),
            FieldType::Number => crate::invalid_reason!("segments.kindNumber", "a number"),
            FieldType::Date => crate::invalid_reason!("segments.kindDate", "a date"),
        };
        return Err(path.error(crate::invalid_reason!(
            "segments.opNotForField",
            "\"{op}\" does not apply to {name} ({kind})",
            op = rule.op.label(),
            name,
            kind
        )));
    }
    let value = || {
        rule.value.as_ref().ok_or_else(|| {
            path.error(crate::invalid_reason!(
                "segments.opNeedsValue",
                "\"{op}\" needs a value",
                op = rule.op.label()
            ))
        })
    };
    match (ty, rule.op) {
        (_, FieldOp::IsEmpty | FieldOp::IsNotEmpty) => Ok(FieldBounds::None),
        (FieldType::Text, _) => match value()? {
            Operand::Text(t) if !t.trim().is_empty() => Ok(FieldBounds::Text(t.trim().to_owned())),
            _ => Err(path.error(crate::invalid_reason!(
                "segments.textMissing",
                "{name} needs some text to compare with",
                name
            ))),
        },
        (_, FieldOp::Between) => {
            let low = bounds(ty, value()?, name, path)?;
            let high = rule.value2.as_ref().ok_or_else(|| {
                path.error(crate::invalid_reason!(
                    "segments.betweenSecondMissing",
                    "\"between\" needs a second value (value2)"
                ))
            })?;
            let high = bounds(ty, high, name, path)?;
            if low.0 > high.0 {
                return Err(path.error(crate::invalid_reason!(
                    "segments.betweenReversed",
                    "the first value of \"between\" is above the second"
                )));
            }
            Ok(FieldBounds::Range(low.0, high.1))
        }
        _ => {
            let (start, end) = bounds(ty, value()?, name, path)?;
            Ok(FieldBounds::Range(start, end))
        }
    }
}

/// What a field rule compares with, after validation.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum FieldBounds {
    /// Nothing (is empty / is not empty).
    None,
    /// Trimmed text.
    Text(String),
    /// `[start, end)`: one year or one day (or one millisecond), or a `between` span.
    Range(i64, i64),
}

fn bounds(ty: FieldType, operand: &Operand, name: &str, path: &RulePath) -> Result<(i64, i64)> {
    match (ty, operand) {
        (FieldType::Number, Operand::Number(n)) => Ok((*n, n.saturating_add(1))),
        (FieldType::Number, Operand::Text(t)) => Err(path.error(crate::invalid_reason!(
            "segments.notWholeNumber",
            "{name} needs a whole number, not \"{text}\"",
            name,
            text = t
        ))),
        _ => date_bounds(operand, path),
    }
}

/// The day (UTC) of a `YYYY-MM-DD` date, or the millisecond of a unix-ms number.
pub(crate) fn date_bounds(operand: &Operand, path: &RulePath) -> Result<(i64, i64)> {
    match operand {
        Operand::Number(ms) => Ok((*ms, ms.saturating_add(1))),
        Operand::Text(t) => {
            let day = NaiveDate::parse_from_str(t.trim(), "%Y-%m-%d").map_err(|_| {
                path.error(crate::invalid_reason!(
                    "segments.notDate",
                    "\"{text}\" is not a date (write it as YYYY-MM-DD)",
                    text = t
                ))
            })?;
            let start = day
                .and_hms_opt(0, 0, 0)
                .map(|d| d.and_utc().timestamp_millis())
                .ok_or_else(|| {
                    path.error(crate::invalid_reason!(
                        "segments.notDateShort",
                        "\"{text}\" is not a date",
                        text = t
                    ))
                })?;
            Ok((start, start + DAY_MS))
        }
    }
}

/// Unix ms of `days` days before `now_ms`.
pub(crate) fn days_before(now_ms: i64, days: i64) -> i64 {
    now_ms.saturating_sub(days.saturating_mul(DAY_MS))
}
