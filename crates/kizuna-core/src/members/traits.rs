//! Member traits in four dimensions — demographic, psychographic (interests, values),
//! technology (devices, apps, platforms) and behaviour — each a `key: value` pair such as
//! `interest: espresso`. Traits are a set per member (like tags), validated on the way in and
//! recorded in the audit log with their dimension and key (never the value, which is personal).

use std::fmt;

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

use crate::audit;
use crate::error::{CoreError, Result};
use crate::ids::MemberId;
use crate::store::{SyncedTable, Writer};

/// The longest a trait key may be, in characters.
pub const MAX_TRAIT_KEY: usize = 40;
/// The longest a trait value may be, in characters.
pub const MAX_TRAIT_VALUE: usize = 100;

/// The four dimensions of the member picture.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum TraitDimension {
    /// Who they are: occupation, age band, household.
    Demographic,
    /// What they care about: interests, values.
    Psychographic,
    /// What they use: devices, apps, platforms.
    Technology,
    /// What they do: purchase frequency, subscriptions.
    Behaviour,
}

/// The dimensions' names, as stored and as written in rules and on the command line.
pub const TRAIT_DIMENSIONS: &str = "demographic, psychographic, technology, behaviour";

impl TraitDimension {
    /// Every dimension, in the order screens show them.
    pub const ALL: [TraitDimension; 4] = [
        TraitDimension::Demographic,
        TraitDimension::Psychographic,
        TraitDimension::Technology,
        TraitDimension::Behaviour,
    ];

    /// The name stored in `member_traits.dimension`.
    pub fn as_sql(self) -> &'static str {
        match self {
            TraitDimension::Demographic => "demographic",
            TraitDimension::Psychographic => "psychographic",
            TraitDimension::Technology => "technology",
            TraitDimension::Behaviour => "behaviour",
        }
    }

    /// Reads a dimension by name (any case), refusing unknown ones with the known names.
    pub fn parse(name: &str) -> Result<Self> {
        let wanted = name.trim().to_lowercase();
        Self::ALL
            .into_iter()
            .find(|d| d.as_sql() == wanted)
            .ok_or_else(|| {
                crate::invalid!(
                    "traits.unknownDimension",
                    "\"{name}\" is not a trait dimension (known dimensions: {known})",
                    name = name.trim(),
                    known = TRAIT_DIMENSIONS
                )
            })
    }
}

impl fmt::Display for TraitDimension {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_sql())
    }
}

/// One trait on a member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MemberTrait {
    pub id: String,
    pub dimension: TraitDimension,
    pub key: String,
    pub value: String,
}

/// A trait in use in the community and how many live members have it (for pickers).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TraitUsage {
    pub dimension: TraitDimension,
    pub key: String,
    pub value: String,
    pub members: u32,
}

/// Orders rows by dimension as screens show them (not alphabetically).
const DIMENSION_ORDER: &str = "CASE dimension WHEN 'demographic' THEN 1 WHEN 'psychographic' \
                               THEN 2 WHEN 'technology' THEN 3 ELSE 4 END";

/// Normalises a key (trimmed, lower case) after checking it is present and short enough.
pub fn normalise_trait_key(key: &str) -> Result<String> {
    let key = key.trim().to_lowercase();
    if key.is_empty() {
        return Err(crate::invalid!(
            "traits.keyMissing",
            "a trait needs a key, such as \"interest\" or \"device\""
        ));
    }
    let length = key.chars().count();
    if length > MAX_TRAIT_KEY {
        return Err(crate::invalid!(
            "traits.keyTooLong",
            "a trait key can be at most {max} characters (got {length})",
            max = MAX_TRAIT_KEY,
            length
        ));
    }
    Ok(key)
}

/// Trims a value after checking it is present and short enough.
pub fn normalise_trait_value(value: &str) -> Result<String> {
    let value = value.trim();
    if value.is_empty() {
        return Err(crate::invalid!(
            "traits.valueMissing",
            "a trait needs a value, such as \"espresso\" or \"iPhone\""
        ));
    }
    let length = value.chars().count();
    if length > MAX_TRAIT_VALUE {
        return Err(crate::invalid!(
            "traits.valueTooLong",
            "a trait value can be at most {max} characters (got {length})",
            max = MAX_TRAIT_VALUE,
            length
        ));
    }
    Ok(value.to_owned())
}

/// Gives a live member a trait; returns it as stored (key in lower case, both trimmed). The
/// same dimension, key and value (ignoring case) twice on one member is refused.
pub fn add_trait(
    w: &mut Writer<'_>,
    member: &MemberId,
    dimension: &str,
    key: &str,
    value: &str,
) -> Result<MemberTrait> {
    let dimension = TraitDimension::parse(dimension)?;
    let key = normalise_trait_key(key)?;
    let value = normalise_trait_value(value)?;
    let live: Option<bool> = w
        .tx()
        .prepare_cached("SELECT deleted_at IS NULL FROM members WHERE id = ?1")?
        .query_row([member.as_str()], |r| r.get(0))
        .optional()?;
    if live != Some(true) {
        return Err(CoreError::NotFound {
            what: "member",
            id: member.to_string(),
        });
    }
    let existing: Option<String> = w
        .tx()
        .prepare_cached(
            "SELECT value FROM member_traits
             WHERE member_id = ?1 AND dimension = ?2 AND key = ?3 AND lower(value) = lower(?4)",
        )?
        .query_row(
            params![member.as_str(), dimension.as_sql(), key, value],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(existing) = existing {
        return Err(crate::invalid!(
            "traits.exists",
            "the member already has the {dimension} trait {key}: {existing}",
            dimension,
            key,
            existing
        ));
    }
    let id = insert_trait(w, member, dimension, &key, &value)?;
    audit::record(
        w,
        "member.trait_add",
        Some(member.as_str()),
        &json!({ "traitId": id, "dimension": dimension.as_sql(), "key": key }),
    )?;
    Ok(MemberTrait {
        id,
        dimension,
        key,
        value,
    })
}

/// Writes a trait that is known to be valid and new (the sample's), without an audit entry.
pub(crate) fn insert_trait(
    w: &mut Writer<'_>,
    member: &MemberId,
    dimension: TraitDimension,
    key: &str,
    value: &str,
) -> Result<String> {
    let id = crate::ids::derived_id(
        "member_trait",
        &[member.as_str(), dimension.as_sql(), key, value],
    );
    w.insert(
        SyncedTable::MemberTraits,
        &id,
        &[
            ("member_id", Value::Text(member.to_string())),
            ("dimension", Value::Text(dimension.as_sql().to_owned())),
            ("key", Value::Text(key.to_owned())),
            ("value", Value::Text(value.to_owned())),
        ],
    )?;
    Ok(id)
}

/// Takes one trait off its member (a tombstone in the change log).
pub fn remove_trait(w: &mut Writer<'_>, trait_id: &str) -> Result<()> {
    let found: Option<(String, String, String)> = w
        .tx()
        .prepare_cached("SELECT member_id, dimension, key FROM member_traits WHERE id = ?1")?
        .query_row([trait_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    let Some((member, dimension, key)) = found else {
        return Err(CoreError::NotFound {
            what: "trait",
            id: trait_id.to_owned(),
        });
    };
    w.delete(SyncedTable::MemberTraits, trait_id)?;
    audit::record(
        w,
        "member.trait_remove",
        Some(&member),
        &json!({ "traitId": trait_id, "dimension": dimension, "key": key }),
    )
}

fn dimension_of(name: String) -> rusqlite::Result<TraitDimension> {
    TraitDimension::parse(&name).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(1, rusqlite::types::Type::Text, Box::new(e))
    })
}

/// A member's traits by dimension, then key, then value.
pub fn member_traits(conn: &Connection, member: &str) -> Result<Vec<MemberTrait>> {
    let known: bool = conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM members WHERE id = ?1)")?
        .query_row([member], |r| r.get(0))?;
    if !known {
        return Err(CoreError::NotFound {
            what: "member",
            id: member.to_owned(),
        });
    }
    Ok(conn
        .prepare_cached(&format!(
            "SELECT id, dimension, key, value FROM member_traits WHERE member_id = ?1
             ORDER BY {DIMENSION_ORDER}, key, lower(value), id"
        ))?
        .query_map([member], |r| {
            Ok(MemberTrait {
                id: r.get(0)?,
                dimension: dimension_of(r.get(1)?)?,
                key: r.get(2)?,
                value: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

/// Every trait live members have, with how many have it: by dimension, key, then the most
/// common value first.
pub fn trait_catalogue(conn: &Connection) -> Result<Vec<TraitUsage>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT dimension, key, value, count(*) AS n FROM member_traits
             WHERE member_id IN (SELECT id FROM members WHERE deleted_at IS NULL)
             GROUP BY dimension, key, value
             ORDER BY {DIMENSION_ORDER}, key, n DESC, value"
        ))?
        .query_map([], |r| {
            Ok(TraitUsage {
                dimension: dimension_of(r.get(0)?)?,
                key: r.get(1)?,
                value: r.get(2)?,
                members: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}
