//! What the segment builder's pickers offer: the community's tags, platforms, levels, activity
//! types, events, campaigns and traits, each in the order a manager scans them.

use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use crate::engagement::{self, Level};
use crate::error::Result;
use crate::members::{TraitUsage, trait_catalogue};

/// An activity type a rule can name, with its labels in both languages.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ActivityTypeChoice {
    pub key: String,
    pub label_en: String,
    pub label_ja: String,
}

/// An event or campaign a rule can name.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NamedChoice {
    pub id: String,
    pub name: String,
    /// When it starts (unix ms), to tell apart events with the same title.
    #[ts(type = "number")]
    pub starts_at: i64,
}

/// Everything the rule editors pick from.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SegmentChoices {
    /// Tag names in use, by name.
    pub tags: Vec<String>,
    /// Platforms members have identities on, by name.
    pub platforms: Vec<String>,
    /// Levels, lowest first.
    pub levels: Vec<Level>,
    /// Activity types by key.
    pub activity_types: Vec<ActivityTypeChoice>,
    /// Events, latest first.
    pub events: Vec<NamedChoice>,
    /// Campaigns, latest first.
    pub campaigns: Vec<NamedChoice>,
    /// Trait values in use, by dimension, then key, most common value first.
    pub traits: Vec<TraitUsage>,
}

fn strings(conn: &Connection, sql: &str) -> Result<Vec<String>> {
    Ok(conn
        .prepare_cached(sql)?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

fn named(conn: &Connection, sql: &str) -> Result<Vec<NamedChoice>> {
    Ok(conn
        .prepare_cached(sql)?
        .query_map([], |r| {
            Ok(NamedChoice {
                id: r.get(0)?,
                name: r.get(1)?,
                starts_at: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

/// The choices for the segment builder's pickers, read from the community.
pub fn segment_choices(conn: &Connection) -> Result<SegmentChoices> {
    let activity_types = conn
        .prepare_cached("SELECT key, label_en, label_ja FROM activity_types ORDER BY key")?
        .query_map([], |r| {
            Ok(ActivityTypeChoice {
                key: r.get(0)?,
                label_en: r.get(1)?,
                label_ja: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(SegmentChoices {
        tags: strings(
            conn,
            "SELECT t.name FROM tags t
             WHERE EXISTS (SELECT 1 FROM member_tags mt WHERE mt.tag_id = t.id)
             ORDER BY t.name",
        )?,
        platforms: strings(
            conn,
            "SELECT DISTINCT platform FROM identities ORDER BY platform",
        )?,
        levels: engagement::levels(conn)?,
        activity_types,
        events: named(
            conn,
            "SELECT id, title, starts_at FROM events ORDER BY starts_at DESC, id",
        )?,
        campaigns: named(
            conn,
            "SELECT id, name, starts_at FROM campaigns ORDER BY starts_at DESC, id",
        )?,
        traits: trait_catalogue(conn)?,
    })
}
