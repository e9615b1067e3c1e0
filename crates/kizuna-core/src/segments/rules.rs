//! The rule tree a manager builds: AND/OR groups of typed rules, as JSON (camelCase) with
//! errors that name the rule they are about ("rule 2.1: …").

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use ts_rs::TS;

use super::trait_rule::{TraitRule, check_dimension};
use crate::error::CoreError;
use crate::influencers::parse_tier;
use crate::members::InfluencerTier;

/// An AND/OR group of rules; the root of every segment.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Group {
    pub op: GroupOp,
    pub rules: Vec<Node>,
}

/// How a group combines its rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum GroupOp {
    /// Every rule must hold.
    And,
    /// At least one rule must hold.
    Or,
}

/// One entry of a group: a nested group or a rule, told apart by `kind`.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Node {
    Group(Group),
    Field(FieldRule),
    Tag(TagRule),
    Platform(PlatformRule),
    Level(LevelRule),
    Score(ScoreRule),
    Activity(ActivityRule),
    EventAttendance(AttendanceRule),
    Campaign(CampaignRule),
    Trait(TraitRule),
}

/// A profile field a rule can test.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum MemberField {
    DisplayName,
    Email,
    Country,
    City,
    Locale,
    Source,
    BirthYear,
    JoinedAt,
}

/// What kind of value a field holds, which decides the operators it allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    Text,
    Number,
    Date,
}

impl MemberField {
    /// The field's words in messages.
    pub fn label(self) -> &'static str {
        match self {
            MemberField::DisplayName => "name",
            MemberField::Email => "email",
            MemberField::Country => "country",
            MemberField::City => "city",
            MemberField::Locale => "locale",
            MemberField::Source => "source",
            MemberField::BirthYear => "birth year",
            MemberField::JoinedAt => "joined date",
        }
    }

    /// The kind of value the field holds.
    pub fn field_type(self) -> FieldType {
        match self {
            MemberField::BirthYear => FieldType::Number,
            MemberField::JoinedAt => FieldType::Date,
            _ => FieldType::Text,
        }
    }
}

/// Operators on fields: the text ones, the comparisons, and `between` (inclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum FieldOp {
    Equals,
    NotEquals,
    Contains,
    StartsWith,
    IsEmpty,
    IsNotEmpty,
    Lt,
    Lte,
    Gt,
    Gte,
    Between,
}

impl FieldOp {
    /// The operator's words in messages.
    pub fn label(self) -> &'static str {
        match self {
            FieldOp::Equals => "equals",
            FieldOp::NotEquals => "notEquals",
            FieldOp::Contains => "contains",
            FieldOp::StartsWith => "startsWith",
            FieldOp::IsEmpty => "isEmpty",
            FieldOp::IsNotEmpty => "isNotEmpty",
            FieldOp::Lt => "lt",
            FieldOp::Lte => "lte",
            FieldOp::Gt => "gt",
            FieldOp::Gte => "gte",
            FieldOp::Between => "between",
        }
    }

    /// Whether the operator applies to fields of `ty`.
    pub fn applies_to(self, ty: FieldType) -> bool {
        use FieldOp::*;
        match self {
            Equals | NotEquals => true,
            Contains | StartsWith | IsEmpty | IsNotEmpty => ty == FieldType::Text,
            Lt | Lte | Gt | Gte | Between => ty != FieldType::Text,
        }
    }
}

/// An operand: text, a number (a year, or unix ms for dates), or a `YYYY-MM-DD` date as text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(untagged)]
pub enum Operand {
    Number(#[ts(type = "number")] i64),
    Text(String),
}

/// `field op value [and value2]`, e.g. country equals "JP", joined between two dates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FieldRule {
    pub field: MemberField,
    pub op: FieldOp,
    #[serde(default)]
    pub value: Option<Operand>,
    /// The upper bound of `between`.
    #[serde(default)]
    pub value2: Option<Operand>,
}

/// Has or has not a tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum TagOp {
    Has,
    HasNot,
}

/// The member has (or has not) the tag `name`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TagRule {
    pub op: TagOp,
    pub name: String,
}

/// The member has an identity on `platform` (any platform when absent), optionally with at
/// least `minFollowers` followers or an influencer tier of at least `minTier` on it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PlatformRule {
    #[serde(default)]
    pub platform: Option<String>,
    #[serde(default)]
    #[ts(type = "number | null")]
    pub min_followers: Option<i64>,
    #[serde(default, deserialize_with = "tier_by_name")]
    pub min_tier: Option<InfluencerTier>,
}

/// Reads a tier by its name (`nano`, `micro`, `mid`, `macro`).
fn tier_by_name<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<InfluencerTier>, D::Error> {
    Option::<String>::deserialize(d)?
        .map(|name| parse_tier(&name).map_err(serde::de::Error::custom))
        .transpose()
}

/// Comparisons for levels and scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum CompareOp {
    Eq,
    Gte,
    Lte,
}

/// The member's level rank (1 = lowest) compared with `rank`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LevelRule {
    pub op: CompareOp,
    #[ts(type = "number")]
    pub rank: i64,
}

/// The member's stored engagement score compared with `value` (`gte` or `lte`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ScoreRule {
    pub op: CompareOp,
    pub value: f64,
}

/// At least `minCount` activities of `activityType` (any type when absent), within the last
/// `withinDays` days or between `from` and `to` (inclusive dates), optionally on `platform`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ActivityRule {
    #[serde(default)]
    pub activity_type: Option<String>,
    #[ts(type = "number")]
    pub min_count: i64,
    #[serde(default)]
    #[ts(type = "number | null")]
    pub within_days: Option<i64>,
    #[serde(default)]
    pub from: Option<Operand>,
    #[serde(default)]
    pub to: Option<Operand>,
    #[serde(default)]
    pub platform: Option<String>,
}

/// Attended at least `minCount` events (only `eventId` when given), of those that started in
/// the last `withinDays` days when given.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AttendanceRule {
    #[ts(type = "number")]
    pub min_count: i64,
    #[serde(default)]
    pub event_id: Option<String>,
    #[serde(default)]
    #[ts(type = "number | null")]
    pub within_days: Option<i64>,
}

/// Has an activity linked to campaign `campaignId` (any campaign when absent).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CampaignRule {
    #[serde(default)]
    pub campaign_id: Option<String>,
}

/// Where a rule sits in the tree: 1-based positions, shown as "rule 2.1".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RulePath(Vec<usize>);

impl RulePath {
    /// The path of the `n`th (0-based) child of this group.
    pub fn child(&self, n: usize) -> RulePath {
        let mut p = self.0.clone();
        p.push(n + 1);
        RulePath(p)
    }

    /// How many groups deep this node sits (the root group is 1).
    pub fn depth(&self) -> usize {
        self.0.len() + 1
    }

    /// An `InvalidInput` error about this rule: where it is, then why it is refused.
    pub fn error(&self, reason: crate::Invalid) -> CoreError {
        crate::invalid!(
            "segments.ruleProblem",
            "{rule}: {reason}",
            rule = self.describe(),
            reason
        )
    }

    /// Where the rule is, in words the UI can translate ("rule 1.2", "the rule tree").
    fn describe(&self) -> crate::Invalid {
        if self.0.is_empty() {
            return crate::invalid_reason!("segments.ruleTree", "the rule tree");
        }
        let parts: Vec<String> = self.0.iter().map(usize::to_string).collect();
        crate::invalid_reason!(
            "segments.rulePosition",
            "rule {position}",
            position = parts.join(".")
        )
    }
}

impl std::fmt::Display for RulePath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.0.is_empty() {
            return f.write_str("the rule tree");
        }
        let parts: Vec<String> = self.0.iter().map(usize::to_string).collect();
        write!(f, "rule {}", parts.join("."))
    }
}

/// Reads a rule tree from JSON text, naming the rule at fault in every error.
pub fn parse_rules(json: &str) -> Result<Group, CoreError> {
    let value: Value = serde_json::from_str(json).map_err(|e| {
        crate::invalid!(
            "segments.notJson",
            "the rule tree is not valid JSON ({e})",
            e
        )
    })?;
    Group::try_from(value)
}

impl<'de> Deserialize<'de> for Group {
    /// Through [`Group::try_from`], so errors name the rule's path.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Group::try_from(Value::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

impl TryFrom<Value> for Group {
    type Error = CoreError;

    fn try_from(value: Value) -> Result<Self, CoreError> {
        let root = RulePath::default();
        let object = as_object(&value, &root)?;
        if let Some(kind) = object.get("kind").filter(|k| k.as_str() != Some("group")) {
            return Err(root.error(crate::invalid_reason!(
                "segments.rootNotGroup",
                "the root must be a group, not {kind}",
                kind
            )));
        }
        parse_group(object, &root)
    }
}

fn as_object<'v>(value: &'v Value, path: &RulePath) -> Result<&'v Map<String, Value>, CoreError> {
    value.as_object().ok_or_else(|| {
        path.error(crate::invalid_reason!(
            "segments.notRuleObject",
            "expected a rule object, got {value}",
            value
        ))
    })
}

fn parse_group(object: &Map<String, Value>, path: &RulePath) -> Result<Group, CoreError> {
    if let Some(key) = object
        .keys()
        .find(|k| !matches!(k.as_str(), "kind" | "op" | "rules"))
    {
        return Err(path.error(crate::invalid_reason!(
            "segments.unknownGroupSetting",
            "a group has no setting \"{key}\"",
            key
        )));
    }
    let op = object.get("op").ok_or_else(|| {
        path.error(crate::invalid_reason!(
            "segments.groupOpMissing",
            "a group needs an op, \"and\" or \"or\""
        ))
    })?;
    let op = GroupOp::deserialize(op).map_err(|_| {
        path.error(crate::invalid_reason!(
            "segments.groupOpUnknown",
            "a group's op is \"and\" or \"or\", not {op}",
            op
        ))
    })?;
    let rules = object
        .get("rules")
        .and_then(Value::as_array)
        .ok_or_else(|| {
            path.error(crate::invalid_reason!(
                "segments.groupRulesMissing",
                "a group needs a list of rules"
            ))
        })?
        .iter()
        .enumerate()
        .map(|(n, child)| parse_node(child, &path.child(n)))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Group { op, rules })
}

const KINDS: &str =
    "group, field, tag, platform, level, score, activity, eventAttendance, campaign, trait";
const FIELDS: &str = "displayName, email, country, city, locale, source, birthYear, joinedAt";

fn parse_node(value: &Value, path: &RulePath) -> Result<Node, CoreError> {
    let object = as_object(value, path)?;
    let kind = object.get("kind").and_then(Value::as_str).ok_or_else(|| {
        path.error(crate::invalid_reason!(
            "segments.ruleKindMissing",
            "a rule needs a kind ({known})",
            known = KINDS
        ))
    })?;
    let mut fields = object.clone();
    fields.remove("kind");
    let fields = Value::Object(fields);
    match kind {
        "group" => parse_group(object, path).map(Node::Group),
        "field" => {
            if let Some(name) = object.get("field")
                && MemberField::deserialize(name).is_err()
            {
                let name = name
                    .as_str()
                    .map_or_else(|| name.to_string(), str::to_owned);
                return Err(path.error(crate::invalid_reason!(
                    "segments.unknownField",
                    "\"{name}\" is not a member field (known fields: {known})",
                    name,
                    known = FIELDS
                )));
            }
            leaf(fields, path).map(Node::Field)
        }
        "tag" => leaf(fields, path).map(Node::Tag),
        "platform" => leaf(fields, path).map(Node::Platform),
        "level" => leaf(fields, path).map(Node::Level),
        "score" => leaf(fields, path).map(Node::Score),
        "activity" => leaf(fields, path).map(Node::Activity),
        "eventAttendance" => leaf(fields, path).map(Node::EventAttendance),
        "campaign" => leaf(fields, path).map(Node::Campaign),
        "trait" => {
            check_dimension(object, path)?;
            leaf(fields, path).map(Node::Trait)
        }
        other => Err(path.error(crate::invalid_reason!(
            "segments.unknownRuleKind",
            "\"{other}\" is not a kind of rule (known kinds: {known})",
            other,
            known = KINDS
        ))),
    }
}

fn leaf<T: serde::de::DeserializeOwned>(fields: Value, path: &RulePath) -> Result<T, CoreError> {
    serde_json::from_value(fields).map_err(|e| {
        let detail = plain_words(&e.to_string());
        path.error(crate::invalid_reason!(
            "segments.ruleFields",
            "{detail}",
            detail
        ))
    })
}

/// Serde's wording with Rust type names put in a manager's words: `invalid type: string "abc",
/// expected f64` becomes `got the text "abc", expected a number`.
fn plain_words(serde_message: &str) -> String {
    let mut message = serde_message.replace("invalid type: string ", "got the text ");
    message = message.replace("invalid type: ", "got ");
    for (rust, plain) in [
        ("expected f64", "expected a number"),
        ("expected f32", "expected a number"),
        ("expected u64", "expected a whole number of 0 or more"),
        ("expected u32", "expected a whole number of 0 or more"),
        ("expected u16", "expected a whole number of 0 or more"),
        ("expected i64", "expected a whole number"),
        ("expected i32", "expected a whole number"),
    ] {
        message = message.replace(rust, plain);
    }
    message
}
