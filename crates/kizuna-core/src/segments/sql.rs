//! Compiles a validated rule tree into one SQL condition over `members m`: field tests on the
//! row, and `m.id IN (…)` sets for everything else, each computed once per query. User values are always bound parameters; the
//! only names written into the SQL are the whitelisted columns below.

use rusqlite::Connection;
use rusqlite::types::Value;

use super::rules::{
    ActivityRule, AttendanceRule, CampaignRule, CompareOp, FieldOp, FieldRule, Group, GroupOp,
    MemberField, Node, PlatformRule, RulePath, TagOp,
};
use super::validate::{FieldBounds, date_bounds, days_before, field};
use crate::error::Result;
use crate::influencers::{InfluencerThresholds, influencer_thresholds};

/// A compiled condition and its parameters, in placeholder order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Compiled {
    pub condition: String,
    pub params: Vec<Value>,
    /// The community's influencer tiers, for platform rules.
    tiers: InfluencerThresholds,
}

/// Compiles `group` (already validated) as of `now_ms`.
pub(crate) fn compile(conn: &Connection, group: &Group, now_ms: i64) -> Result<Compiled> {
    let mut out = Compiled {
        condition: String::new(),
        params: Vec::new(),
        tiers: influencer_thresholds(conn)?,
    };
    out.condition = compile_group(group, &RulePath::default(), now_ms, &mut out)?;
    Ok(out)
}

fn compile_group(
    group: &Group,
    path: &RulePath,
    now_ms: i64,
    out: &mut Compiled,
) -> Result<String> {
    let joiner = match group.op {
        GroupOp::And => " AND ",
        GroupOp::Or => " OR ",
    };
    let parts = group
        .rules
        .iter()
        .enumerate()
        .map(|(n, node)| compile_node(node, &path.child(n), now_ms, out))
        .collect::<Result<Vec<_>>>()?;
    Ok(format!("({})", parts.join(joiner)))
}

fn compile_node(node: &Node, path: &RulePath, now_ms: i64, out: &mut Compiled) -> Result<String> {
    Ok(match node {
        Node::Group(g) => compile_group(g, path, now_ms, out)?,
        Node::Field(rule) => compile_field(rule, path, out)?,
        Node::Tag(rule) => {
            out.params.push(Value::Text(rule.name.trim().to_owned()));
            let not = if rule.op == TagOp::HasNot { "NOT " } else { "" };
            format!(
                "m.id {not}IN (SELECT mt.member_id FROM member_tags mt \
                 JOIN tags t ON t.id = mt.tag_id WHERE t.name = ?)"
            )
        }
        Node::Platform(rule) => {
            let tiers = out.tiers;
            compile_platform(rule, &tiers, out)
        }
        Node::Level(rule) => {
            out.params.push(Value::Integer(rule.rank));
            let unscored_match = holds(rule.op, 1.0, rule.rank as f64);
            scores("level_rank", rule.op, unscored_match)
        }
        Node::Score(rule) => {
            out.params.push(Value::Real(rule.value));
            scores("score", rule.op, holds(rule.op, 0.0, rule.value))
        }
        Node::Activity(rule) => compile_activity(rule, path, now_ms, out)?,
        Node::EventAttendance(rule) => compile_attendance(rule, now_ms, out),
        Node::Campaign(rule) => compile_campaign(rule, out),
        Node::Trait(rule) => super::trait_rule::compile(rule, path, &mut out.params)?,
    })
}

fn holds(op: CompareOp, a: f64, b: f64) -> bool {
    match op {
        CompareOp::Eq => a == b,
        CompareOp::Gte => a >= b,
        CompareOp::Lte => a <= b,
    }
}

/// A test on stored scores. Members without a score row are level 1 with score 0, so when
/// that default passes the test the query keeps everyone except the rows that fail it.
fn scores(column: &str, op: CompareOp, unscored_match: bool) -> String {
    let op = compare(op);
    if unscored_match {
        format!("m.id NOT IN (SELECT member_id FROM member_scores WHERE NOT ({column} {op} ?))")
    } else {
        format!("m.id IN (SELECT member_id FROM member_scores WHERE {column} {op} ?)")
    }
}

fn compare(op: CompareOp) -> &'static str {
    match op {
        CompareOp::Eq => "=",
        CompareOp::Gte => ">=",
        CompareOp::Lte => "<=",
    }
}

/// The whitelisted column behind each field.
fn column(field: MemberField) -> &'static str {
    match field {
        MemberField::DisplayName => "m.display_name",
        MemberField::Email => "m.email",
        MemberField::Country => "m.country",
        MemberField::City => "m.city",
        MemberField::Locale => "m.locale",
        MemberField::Source => "m.source",
        MemberField::BirthYear => "m.birth_year",
        MemberField::JoinedAt => "m.joined_at",
    }
}

fn compile_field(rule: &FieldRule, path: &RulePath, out: &mut Compiled) -> Result<String> {
    let col = column(rule.field);
    let sql = match field(rule, path)? {
        FieldBounds::None if rule.op == FieldOp::IsEmpty => {
            format!("({col} IS NULL OR trim({col}) = '')")
        }
        FieldBounds::None => format!("trim({col}) <> ''"),
        FieldBounds::Text(text) => {
            out.params.push(Value::Text(text));
            match rule.op {
                FieldOp::NotEquals => format!("({col} IS NULL OR lower({col}) <> lower(?))"),
                FieldOp::Contains => format!("instr(lower({col}), lower(?)) > 0"),
                FieldOp::StartsWith => format!("instr(lower({col}), lower(?)) = 1"),
                _ => format!("lower({col}) = lower(?)"),
            }
        }
        FieldBounds::Range(start, end) => {
            let (sql, bound) = match rule.op {
                FieldOp::Lt => (format!("{col} < ?"), vec![start]),
                FieldOp::Lte => (format!("{col} < ?"), vec![end]),
                FieldOp::Gt => (format!("{col} >= ?"), vec![end]),
                FieldOp::Gte => (format!("{col} >= ?"), vec![start]),
                FieldOp::NotEquals => (
                    format!("({col} IS NULL OR {col} < ? OR {col} >= ?)"),
                    vec![start, end],
                ),
                _ => (format!("({col} >= ? AND {col} < ?)"), vec![start, end]),
            };
            out.params.extend(bound.into_iter().map(Value::Integer));
            sql
        }
    };
    Ok(sql)
}

fn compile_platform(
    rule: &PlatformRule,
    tiers: &InfluencerThresholds,
    out: &mut Compiled,
) -> String {
    let mut sql = String::from("m.id IN (SELECT i.member_id FROM identities i WHERE 1");
    if let Some(platform) = &rule.platform {
        sql.push_str(" AND i.platform = ?");
        out.params.push(Value::Text(platform.trim().to_lowercase()));
    }
    let floor = rule
        .min_followers
        .into_iter()
        .chain(rule.min_tier.map(|tier| tiers.range(tier).0))
        .max();
    if let Some(floor) = floor {
        sql.push_str(" AND i.followers >= ?");
        out.params.push(Value::Integer(floor));
    }
    sql.push(')');
    sql
}

fn compile_activity(
    rule: &ActivityRule,
    path: &RulePath,
    now_ms: i64,
    out: &mut Compiled,
) -> Result<String> {
    let mut filter = String::from("1");
    if let Some(key) = &rule.activity_type {
        filter.push_str(" AND a.activity_type = ?");
        out.params.push(Value::Text(key.clone()));
    }
    if let Some(days) = rule.within_days {
        filter.push_str(" AND a.occurred_at > ? AND a.occurred_at <= ?");
        out.params.push(Value::Integer(days_before(now_ms, days)));
        out.params.push(Value::Integer(now_ms));
    }
    if let Some(from) = &rule.from {
        filter.push_str(" AND a.occurred_at >= ?");
        out.params.push(Value::Integer(date_bounds(from, path)?.0));
    }
    if let Some(to) = &rule.to {
        filter.push_str(" AND a.occurred_at < ?");
        out.params.push(Value::Integer(date_bounds(to, path)?.1));
    }
    if let Some(platform) = &rule.platform {
        filter.push_str(" AND lower(a.platform) = ?");
        out.params.push(Value::Text(platform.trim().to_lowercase()));
    }
    Ok(at_least(
        "activities a",
        "a.member_id",
        &filter,
        rule.min_count,
        out,
    ))
}

/// Members with at least `min_count` matching rows, found in one pass over the rows (not one
/// probe per member), which lets SQLite use the time indexes for windows.
fn at_least(from: &str, member: &str, filter: &str, min_count: i64, out: &mut Compiled) -> String {
    if min_count <= 1 {
        format!("m.id IN (SELECT {member} FROM {from} WHERE {filter})")
    } else {
        out.params.push(Value::Integer(min_count));
        format!(
            "m.id IN (SELECT {member} FROM {from} WHERE {filter} \
             GROUP BY {member} HAVING count(*) >= ?)"
        )
    }
}

fn compile_attendance(rule: &AttendanceRule, now_ms: i64, out: &mut Compiled) -> String {
    let mut from = String::from("registrations r");
    let mut filter = String::from("r.status = 'attended'");
    if let Some(event) = &rule.event_id {
        filter.push_str(" AND r.event_id = ?");
        out.params.push(Value::Text(event.clone()));
    }
    if let Some(days) = rule.within_days {
        from.push_str(" JOIN events e ON e.id = r.event_id");
        filter.push_str(" AND e.starts_at > ? AND e.starts_at <= ?");
        out.params.push(Value::Integer(days_before(now_ms, days)));
        out.params.push(Value::Integer(now_ms));
    }
    at_least(&from, "r.member_id", &filter, rule.min_count, out)
}

fn compile_campaign(rule: &CampaignRule, out: &mut Compiled) -> String {
    match &rule.campaign_id {
        Some(id) => {
            out.params.push(Value::Text(id.clone()));
            "m.id IN (SELECT a.member_id FROM activities a WHERE a.campaign_id = ?)".to_owned()
        }
        None => "m.id IN (SELECT a.member_id FROM activities a WHERE a.campaign_id IS NOT NULL)"
            .to_owned(),
    }
}
