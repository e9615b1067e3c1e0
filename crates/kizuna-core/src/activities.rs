//! The activity log: built-in activity types, logging an activity, and counts over time.

use chrono::{DateTime, Datelike, TimeZone, Utc};
use rusqlite::types::Value;
use rusqlite::{Connection, params};
use serde::Serialize;
use ts_rs::TS;

use crate::error::Result;
use crate::ids::{ActivityId, CampaignId, EventId, MemberId};
use crate::store::{SyncedTable, Writer};

/// A kind of activity with its labels and score weight.
#[derive(Debug, Clone, Copy)]
pub struct BuiltinType {
    pub key: &'static str,
    pub label_en: &'static str,
    pub label_ja: &'static str,
    pub weight: f64,
}

/// The activity types every community starts with (managers add their own later).
pub const BUILTIN_TYPES: &[BuiltinType] = &[
    BuiltinType {
        key: "post",
        label_en: "Posted",
        label_ja: "投稿",
        weight: 2.0,
    },
    BuiltinType {
        key: "comment",
        label_en: "Commented",
        label_ja: "コメント",
        weight: 1.0,
    },
    BuiltinType {
        key: "reaction",
        label_en: "Reacted",
        label_ja: "リアクション",
        weight: 0.2,
    },
    BuiltinType {
        key: "review",
        label_en: "Wrote a review",
        label_ja: "レビュー投稿",
        weight: 4.0,
    },
    BuiltinType {
        key: "question",
        label_en: "Asked a question",
        label_ja: "質問",
        weight: 1.5,
    },
    BuiltinType {
        key: "answer",
        label_en: "Answered a question",
        label_ja: "回答",
        weight: 3.0,
    },
    BuiltinType {
        key: "event_attended",
        label_en: "Attended an event",
        label_ja: "イベント参加",
        weight: 5.0,
    },
    BuiltinType {
        key: "idea",
        label_en: "Shared an idea",
        label_ja: "アイデア投稿",
        weight: 4.0,
    },
    BuiltinType {
        key: "vote",
        label_en: "Voted on an idea",
        label_ja: "アイデアに投票",
        weight: 0.5,
    },
    BuiltinType {
        key: "referral",
        label_en: "Referred a friend",
        label_ja: "友人を紹介",
        weight: 8.0,
    },
    BuiltinType {
        key: "content",
        label_en: "Created content",
        label_ja: "コンテンツ制作",
        weight: 6.0,
    },
    BuiltinType {
        key: "perk_redeemed",
        label_en: "Redeemed a perk",
        label_ja: "特典を利用",
        weight: 1.0,
    },
];

/// Stable id for a built-in type, the same on every replica so their rows merge cleanly.
fn builtin_type_id(key: &str) -> String {
    uuid::Uuid::new_v5(
        &uuid::Uuid::NAMESPACE_OID,
        format!("kizuna.activity_type.{key}").as_bytes(),
    )
    .to_string()
}

/// Creates the built-in activity types that are missing.
pub fn ensure_builtin_types(w: &mut Writer<'_>) -> Result<()> {
    for t in BUILTIN_TYPES {
        let exists: bool = w
            .tx()
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM activity_types WHERE key = ?1)")?
            .query_row([t.key], |r| r.get(0))?;
        if !exists {
            w.insert(
                SyncedTable::ActivityTypes,
                &builtin_type_id(t.key),
                &[
                    ("key", Value::Text(t.key.to_owned())),
                    ("label_en", Value::Text(t.label_en.to_owned())),
                    ("label_ja", Value::Text(t.label_ja.to_owned())),
                    ("weight", Value::Real(t.weight)),
                ],
            )?;
        }
    }
    Ok(())
}

/// One activity to log.
#[derive(Debug, Clone)]
pub struct NewActivity {
    pub member: MemberId,
    pub activity_type: String,
    pub occurred_at: i64,
    pub platform: Option<String>,
    pub url: Option<String>,
    pub event: Option<EventId>,
    pub campaign: Option<CampaignId>,
}

/// Logs an activity; the type must exist.
pub fn log_activity(w: &mut Writer<'_>, new: &NewActivity) -> Result<ActivityId> {
    log_activity_with_id(w, ActivityId::new(), new)
}

/// Logs an activity under a given id (imports derive it from the platform's id of the post,
/// message or order, so importing it again finds it).
pub fn log_activity_with_id(
    w: &mut Writer<'_>,
    id: ActivityId,
    new: &NewActivity,
) -> Result<ActivityId> {
    let known: bool = w
        .tx()
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM activity_types WHERE key = ?1)")?
        .query_row([&new.activity_type], |r| r.get(0))?;
    if !known {
        return Err(crate::invalid!(
            "activities.unknownType",
            "\"{key}\" is not a known activity type",
            key = new.activity_type
        ));
    }
    let opt = |v: Option<&str>| v.map_or(Value::Null, |s| Value::Text(s.to_owned()));
    w.insert(
        SyncedTable::Activities,
        id.as_str(),
        &[
            ("member_id", Value::Text(new.member.to_string())),
            ("activity_type", Value::Text(new.activity_type.clone())),
            ("occurred_at", Value::Integer(new.occurred_at)),
            ("platform", opt(new.platform.as_deref())),
            ("url", opt(new.url.as_deref())),
            ("event_id", opt(new.event.as_ref().map(EventId::as_str))),
            (
                "campaign_id",
                opt(new.campaign.as_ref().map(CampaignId::as_str)),
            ),
        ],
    )?;
    Ok(id)
}

/// Activities in one calendar month (UTC).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MonthCount {
    pub year: i32,
    pub month: u32,
    pub count: u32,
}

/// The first instant of the month `back` months before the month of `now` (UTC).
pub fn month_start(now: DateTime<Utc>, back: u32) -> DateTime<Utc> {
    let index = now.year() * 12 + now.month0() as i32 - back as i32;
    let (year, month0) = (index.div_euclid(12), index.rem_euclid(12) as u32);
    Utc.with_ymd_and_hms(year, month0 + 1, 1, 0, 0, 0)
        .single()
        .unwrap_or(now)
}

/// Activities per month for the last `months` months, oldest first, the current month last.
pub fn activities_per_month(
    conn: &Connection,
    now: DateTime<Utc>,
    months: u32,
) -> Result<Vec<MonthCount>> {
    let mut stmt = conn.prepare_cached(
        "SELECT count(*) FROM activities WHERE occurred_at >= ?1 AND occurred_at < ?2",
    )?;
    (0..months)
        .rev()
        .map(|back| {
            let start = month_start(now, back);
            let end = start + chrono::Months::new(1);
            let count: u32 = stmt.query_row(
                params![start.timestamp_millis(), end.timestamp_millis()],
                |r| r.get(0),
            )?;
            Ok(MonthCount {
                year: start.year(),
                month: start.month(),
                count,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_start_steps_back_across_years() {
        let now = Utc
            .with_ymd_and_hms(2026, 2, 15, 10, 0, 0)
            .single()
            .expect("valid date");
        assert_eq!(
            month_start(now, 0).to_rfc3339(),
            "2026-02-01T00:00:00+00:00"
        );
        assert_eq!(
            month_start(now, 2).to_rfc3339(),
            "2025-12-01T00:00:00+00:00"
        );
        assert_eq!(
            month_start(now, 14).to_rfc3339(),
            "2024-12-01T00:00:00+00:00"
        );
    }
}
