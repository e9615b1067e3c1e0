//! Rules on member traits: "has a psychographic `interest` that equals / contains `espresso`",
//! or "has any technology `device`". Keys are matched as stored (lower case); values ignore
//! ASCII case, like field rules.

use rusqlite::types::Value;
use serde::{Deserialize, Serialize};
use serde_json::Map;
use ts_rs::TS;

use super::rules::RulePath;
use crate::error::{CoreError, Result};
use crate::members::{TRAIT_DIMENSIONS, TraitDimension, normalise_trait_key};

/// How a trait rule tests the value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum TraitOp {
    /// The value is exactly `value` (ignoring ASCII case).
    Equals,
    /// The value contains `value` (ignoring ASCII case).
    Contains,
    /// The member has the key with any value (`value` is ignored).
    Exists,
}

/// The member has a trait of `dimension` and `key` whose value passes `op`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TraitRule {
    pub dimension: TraitDimension,
    pub key: String,
    pub op: TraitOp,
    #[serde(default)]
    pub value: Option<String>,
}

/// Refuses an unknown dimension before serde's generic message can hide which one it was.
pub(crate) fn check_dimension(
    object: &Map<String, serde_json::Value>,
    path: &RulePath,
) -> Result<()> {
    match object.get("dimension") {
        Some(name) if TraitDimension::deserialize(name).is_err() => {
            let name = name
                .as_str()
                .map_or_else(|| name.to_string(), str::to_owned);
            Err(path.error(crate::invalid_reason!(
                "traits.unknownDimension",
                "\"{name}\" is not a trait dimension (known dimensions: {known})",
                name,
                known = TRAIT_DIMENSIONS
            )))
        }
        _ => Ok(()),
    }
}

/// The rule's key and, unless the op is `exists`, its value, both checked.
fn operands(rule: &TraitRule, path: &RulePath) -> Result<(String, Option<String>)> {
    let key = normalise_trait_key(&rule.key).map_err(|e| match e {
        CoreError::InvalidInput(reason) => path.error(reason),
        other => other,
    })?;
    let value = match rule.op {
        TraitOp::Exists => None,
        TraitOp::Equals | TraitOp::Contains => {
            let value = rule.value.as_deref().map(str::trim).unwrap_or_default();
            if value.is_empty() {
                let op = if rule.op == TraitOp::Equals {
                    "equals"
                } else {
                    "contains"
                };
                return Err(path.error(crate::invalid_reason!(
                    "segments.traitValueMissing",
                    "\"{op}\" needs a value to compare the {key} trait with",
                    op,
                    key
                )));
            }
            Some(value.to_owned())
        }
    };
    Ok((key, value))
}

/// Checks a trait rule: a key, and a value unless the op is `exists`.
pub(crate) fn validate(rule: &TraitRule, path: &RulePath) -> Result<()> {
    operands(rule, path).map(|_| ())
}

/// The rule as a condition over `members m`, pushing its parameters onto `params`.
pub(crate) fn compile(
    rule: &TraitRule,
    path: &RulePath,
    params: &mut Vec<Value>,
) -> Result<String> {
    let (key, value) = operands(rule, path)?;
    params.push(Value::Text(rule.dimension.as_sql().to_owned()));
    params.push(Value::Text(key));
    let test = match (rule.op, value) {
        (TraitOp::Equals, Some(v)) => {
            params.push(Value::Text(v));
            " AND lower(t.value) = lower(?)"
        }
        (TraitOp::Contains, Some(v)) => {
            params.push(Value::Text(v));
            " AND instr(lower(t.value), lower(?)) > 0"
        }
        _ => "",
    };
    Ok(format!(
        "m.id IN (SELECT t.member_id FROM member_traits t WHERE t.dimension = ? AND t.key = ?{test})"
    ))
}
