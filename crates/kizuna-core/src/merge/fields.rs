//! The profile fields a manager picks from either side of a merge.

use std::str::FromStr;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::snapshot::Cells;
use crate::error::{CoreError, Result};

/// A member profile field that a merge lets the manager pick.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
// Segments have their own `MemberField`; the TypeScript names must not collide.
#[ts(rename = "MergeField")]
pub enum MemberField {
    DisplayName,
    NameReading,
    Email,
    Phone,
    Locale,
    Country,
    City,
    BirthYear,
    JoinedAt,
    Source,
    Notes,
}

impl MemberField {
    /// Every pickable field, in profile order.
    pub const ALL: [MemberField; 11] = [
        MemberField::DisplayName,
        MemberField::NameReading,
        MemberField::Email,
        MemberField::Phone,
        MemberField::Locale,
        MemberField::Country,
        MemberField::City,
        MemberField::BirthYear,
        MemberField::JoinedAt,
        MemberField::Source,
        MemberField::Notes,
    ];

    /// The `members` column.
    pub fn column(self) -> &'static str {
        match self {
            MemberField::DisplayName => "display_name",
            MemberField::NameReading => "name_reading",
            MemberField::Email => "email",
            MemberField::Phone => "phone",
            MemberField::Locale => "locale",
            MemberField::Country => "country",
            MemberField::City => "city",
            MemberField::BirthYear => "birth_year",
            MemberField::JoinedAt => "joined_at",
            MemberField::Source => "source",
            MemberField::Notes => "notes",
        }
    }
}

impl FromStr for MemberField {
    type Err = CoreError;

    /// Parses a column name (`email`, `display_name`; `-` works for `_`; `name` = display name).
    fn from_str(s: &str) -> Result<Self> {
        let wanted = s.trim().to_lowercase().replace('-', "_");
        if wanted == "name" {
            return Ok(MemberField::DisplayName);
        }
        MemberField::ALL
            .into_iter()
            .find(|f| f.column() == wanted)
            .ok_or_else(|| {
                let known: Vec<&str> = MemberField::ALL.iter().map(|f| f.column()).collect();
                crate::invalid!(
                    "merge.unknownField",
                    "\"{text}\" is not a member field; choose from {known}",
                    text = s,
                    known = known.join(", ")
                )
            })
    }
}

/// Which member of a merge a value comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Side {
    Kept,
    Merged,
}

/// The manager's picks. A field picked on neither list keeps the kept member's value, or takes
/// the merged member's when the kept one is empty; `joinedAt` defaults to the earlier date.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FieldChoices {
    /// Fields to take from the merged member.
    pub take: Vec<MemberField>,
    /// Fields to keep from the kept member even when the default would take the other.
    pub keep: Vec<MemberField>,
}

impl FieldChoices {
    /// Refuses a field picked both ways.
    pub fn validate(&self) -> Result<()> {
        match self.take.iter().find(|f| self.keep.contains(f)) {
            Some(f) => Err(crate::invalid!(
                "merge.fieldTwice",
                "{field} cannot be both kept and taken from the merged member",
                field = f.column()
            )),
            None => Ok(()),
        }
    }

    /// The side `field` comes from, given both members' rows.
    pub fn side(&self, field: MemberField, kept: &Cells, merged: &Cells) -> Side {
        if self.take.contains(&field) {
            return Side::Merged;
        }
        if self.keep.contains(&field) {
            return Side::Kept;
        }
        let column = field.column();
        let (k, m) = (kept.get(column), merged.get(column));
        let empty = |v: Option<&serde_json::Value>| v.is_none_or(serde_json::Value::is_null);
        if field == MemberField::JoinedAt {
            let (k, m) = (
                k.and_then(serde_json::Value::as_i64),
                m.and_then(serde_json::Value::as_i64),
            );
            return match (k, m) {
                (Some(k), Some(m)) if m < k => Side::Merged,
                _ => Side::Kept,
            };
        }
        if empty(k) && !empty(m) {
            Side::Merged
        } else {
            Side::Kept
        }
    }
}

/// A profile value as shown side by side: text, or a number (birth year, joined-at unix ms).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(untagged)]
pub enum FieldValue {
    Text(String),
    Number(#[ts(type = "number")] i64),
}

impl FieldValue {
    /// The value of a snapshot cell, if not null.
    pub fn of(value: Option<&serde_json::Value>) -> Option<Self> {
        match value? {
            serde_json::Value::String(s) => Some(FieldValue::Text(s.clone())),
            serde_json::Value::Number(n) => n.as_i64().map(FieldValue::Number),
            _ => None,
        }
    }
}

impl std::fmt::Display for FieldValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FieldValue::Text(s) => f.write_str(s),
            FieldValue::Number(n) => write!(f, "{n}"),
        }
    }
}
