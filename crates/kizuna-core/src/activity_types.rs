//! Custom activity types managers define ("gave a talk", "wrote a review") and the manual
//! activities they log with them, with a note kept in the activity's JSON meta.

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::activities::BUILTIN_TYPES;
use crate::engagement::MAX_WEIGHT;
use crate::error::{CoreError, Result};
use crate::ids::{ActivityId, MemberId};
use crate::store::{SyncedTable, Writer};

/// An activity type with how many activities use it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ActivityTypeUsage {
    pub key: String,
    pub label_en: String,
    pub label_ja: String,
    pub platform: Option<String>,
    pub weight: f64,
    /// Whether Kizuna ships it (built-ins cannot be deleted).
    pub builtin: bool,
    pub usage: u32,
}

/// Changes to an activity type; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ActivityTypePatch {
    pub label_en: Option<String>,
    pub label_ja: Option<String>,
    pub weight: Option<f64>,
}

/// The longest activity type key.
pub const MAX_KEY_LEN: usize = 40;

/// The same id on every replica for the same key, so two managers creating "talk" offline
/// merge into one type instead of clashing on the unique key (built-ins use the same scheme).
fn type_id(key: &str) -> String {
    uuid::Uuid::new_v5(
        &uuid::Uuid::NAMESPACE_OID,
        format!("kizuna.activity_type.{key}").as_bytes(),
    )
    .to_string()
}

/// Accepts keys like `gave_talk`: a lower-case letter, then lower-case letters, digits or `_`.
pub fn validate_key(key: &str) -> Result<()> {
    let mut chars = key.chars();
    let ok = chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && key.len() <= MAX_KEY_LEN;
    if ok {
        Ok(())
    } else {
        Err(crate::invalid!(
            "activityTypes.badKey",
            "\"{key}\" is not a valid activity type key: use up to {max} lower-case \
             letters, digits and _, starting with a letter (e.g. gave_talk)",
            key,
            max = MAX_KEY_LEN
        ))
    }
}

/// The language of an activity type's label.
#[derive(Debug, Clone, Copy)]
enum LabelLanguage {
    English,
    Japanese,
}

fn validate_label(label: &str, language: LabelLanguage) -> Result<String> {
    let label = label.trim();
    if label.is_empty() {
        let language = match language {
            LabelLanguage::English => crate::invalid_reason!("activityTypes.english", "English"),
            LabelLanguage::Japanese => crate::invalid_reason!("activityTypes.japanese", "Japanese"),
        };
        return Err(crate::invalid!(
            "activityTypes.labelMissing",
            "an activity type needs a {language} label",
            language
        ));
    }
    Ok(label.to_owned())
}

fn validate_weight(weight: f64) -> Result<f64> {
    // Adding 0.0 turns -0.0 into 0.0, as engagement::set_weight does.
    let weight = weight + 0.0;
    if !weight.is_finite() || !(0.0..=MAX_WEIGHT).contains(&weight) {
        return Err(crate::invalid!(
            "activityTypes.weightRange",
            "an activity type's weight must be between 0 and {max} (got {weight})",
            max = MAX_WEIGHT,
            weight
        ));
    }
    Ok(weight)
}

fn type_row(conn: &Connection, key: &str) -> Result<Option<(String, String, String, f64)>> {
    Ok(conn
        .prepare_cached("SELECT id, label_en, label_ja, weight FROM activity_types WHERE key = ?1")?
        .query_row([key], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .optional()?)
}

fn unknown_type(key: &str) -> CoreError {
    crate::invalid!(
        "activities.unknownType",
        "\"{key}\" is not a known activity type",
        key
    )
}

/// Adds a custom activity type; the key must be a new slug.
pub fn create_activity_type(
    w: &mut Writer<'_>,
    key: &str,
    label_en: &str,
    label_ja: &str,
    weight: f64,
) -> Result<()> {
    let key = key.trim();
    validate_key(key)?;
    let label_en = validate_label(label_en, LabelLanguage::English)?;
    let label_ja = validate_label(label_ja, LabelLanguage::Japanese)?;
    let weight = validate_weight(weight)?;
    if type_row(w.tx(), key)?.is_some() {
        return Err(crate::invalid!(
            "activityTypes.exists",
            "an activity type \"{key}\" already exists",
            key
        ));
    }
    w.insert(
        SyncedTable::ActivityTypes,
        &type_id(key),
        &[
            ("key", Value::Text(key.to_owned())),
            ("label_en", Value::Text(label_en)),
            ("label_ja", Value::Text(label_ja)),
            ("weight", Value::Real(weight)),
        ],
    )
}

/// Edits an activity type's labels or weight, writing only what changes; returns the changed
/// columns. A new weight makes the next score recompute a full one.
pub fn update_activity_type(
    w: &mut Writer<'_>,
    key: &str,
    patch: &ActivityTypePatch,
) -> Result<Vec<&'static str>> {
    let mut wanted = Vec::new();
    if let Some(label) = &patch.label_en {
        wanted.push((
            "label_en",
            Value::Text(validate_label(label, LabelLanguage::English)?),
        ));
    }
    if let Some(label) = &patch.label_ja {
        wanted.push((
            "label_ja",
            Value::Text(validate_label(label, LabelLanguage::Japanese)?),
        ));
    }
    if let Some(weight) = patch.weight {
        wanted.push(("weight", Value::Real(validate_weight(weight)?)));
    }
    let (id, label_en, label_ja, weight) =
        type_row(w.tx(), key)?.ok_or_else(|| unknown_type(key))?;
    let current = [
        ("label_en", Value::Text(label_en)),
        ("label_ja", Value::Text(label_ja)),
        ("weight", Value::Real(weight)),
    ];
    let changed: Vec<(&'static str, Value)> = wanted
        .into_iter()
        .filter(|(column, value)| current.iter().any(|(c, v)| c == column && v != value))
        .collect();
    w.update(SyncedTable::ActivityTypes, &id, &changed)?;
    Ok(changed.into_iter().map(|(c, _)| c).collect())
}

/// Deletes an unused custom activity type; types in use and built-ins are refused.
pub fn delete_activity_type(w: &mut Writer<'_>, key: &str) -> Result<()> {
    let (id, ..) = type_row(w.tx(), key)?.ok_or_else(|| unknown_type(key))?;
    if BUILTIN_TYPES.iter().any(|t| t.key == key) {
        return Err(crate::invalid!(
            "activityTypes.builtIn",
            "\"{key}\" is a built-in activity type and cannot be deleted",
            key
        ));
    }
    let used: u32 = w
        .tx()
        .prepare_cached("SELECT count(*) FROM activities WHERE activity_type = ?1")?
        .query_row([key], |r| r.get(0))?;
    if used > 0 {
        return Err(crate::invalid!(
            "activityTypes.inUse",
            "the activity type \"{key}\" is used by {used} activities; it cannot be deleted \
             (set its weight to 0 to stop it counting)",
            key,
            used
        ));
    }
    w.delete(SyncedTable::ActivityTypes, &id)
}

/// Every activity type with its usage count, built-ins first, then by key.
pub fn list_activity_types(conn: &Connection) -> Result<Vec<ActivityTypeUsage>> {
    let mut stmt = conn.prepare_cached(
        "SELECT t.key, t.label_en, t.label_ja, t.platform, t.weight,
                (SELECT count(*) FROM activities a WHERE a.activity_type = t.key)
         FROM activity_types t ORDER BY t.key",
    )?;
    let mut types = stmt
        .query_map([], |r| {
            let key: String = r.get(0)?;
            Ok(ActivityTypeUsage {
                builtin: BUILTIN_TYPES.iter().any(|t| t.key == key),
                key,
                label_en: r.get(1)?,
                label_ja: r.get(2)?,
                platform: r.get(3)?,
                weight: r.get(4)?,
                usage: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    types.sort_by_key(|t| !t.builtin);
    Ok(types)
}

/// Logs an activity a manager saw happen (a talk, a review) for a live member, with an
/// optional note and link; the note is kept in the activity's meta as `{"manual":true,"note":…}`.
pub fn log_manual_activity(
    w: &mut Writer<'_>,
    member: &MemberId,
    type_key: &str,
    occurred_at: i64,
    note: Option<&str>,
    url: Option<&str>,
) -> Result<ActivityId> {
    let live: bool = w
        .tx()
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM members WHERE id = ?1 AND deleted_at IS NULL)",
        )?
        .query_row([member.as_str()], |r| r.get(0))?;
    if !live {
        return Err(CoreError::NotFound {
            what: "member",
            id: member.to_string(),
        });
    }
    if type_row(w.tx(), type_key)?.is_none() {
        return Err(unknown_type(type_key));
    }
    if occurred_at > w.now_ms() {
        return Err(crate::invalid!(
            "activities.inFuture",
            "a manual activity cannot be logged in the future"
        ));
    }
    let note = note.map(str::trim).filter(|n| !n.is_empty());
    let url = url.map(str::trim).filter(|u| !u.is_empty());
    let mut meta = serde_json::json!({ "manual": true, "loggedBy": w.actor().user });
    if let Some(note) = note {
        meta["note"] = note.into();
    }
    let id = ActivityId::new();
    w.insert(
        SyncedTable::Activities,
        id.as_str(),
        &[
            ("member_id", Value::Text(member.to_string())),
            ("activity_type", Value::Text(type_key.to_owned())),
            ("occurred_at", Value::Integer(occurred_at)),
            (
                "url",
                url.map_or(Value::Null, |u| Value::Text(u.to_owned())),
            ),
            ("meta", Value::Text(meta.to_string())),
        ],
    )?;
    Ok(id)
}

/// The note of a manually logged activity, if it has one.
pub fn activity_note(conn: &Connection, activity: &str) -> Result<Option<String>> {
    let meta: Option<Option<String>> = conn
        .prepare_cached("SELECT meta FROM activities WHERE id = ?1")?
        .query_row(params![activity], |r| r.get(0))
        .optional()?;
    let Some(Some(meta)) = meta else {
        return Ok(None);
    };
    let meta: serde_json::Value = serde_json::from_str(&meta)?;
    Ok(meta.get("note").and_then(|n| n.as_str()).map(str::to_owned))
}
