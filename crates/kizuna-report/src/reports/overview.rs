//! The community overview: KPIs for the period against the previous period of equal length,
//! the engagement trend, levels, cohorts, top advocates and new members by source.

use kizuna_core::dashboard;
use kizuna_core::engagement::Level;
use kizuna_core::insights::{self, Granularity};
use kizuna_core::referrals::advocate_board;
use rusqlite::params;
use serde_json::json;

use super::format::{change, int, percent};
use super::{ReportTable, Scope, Section};
use crate::{Lang, ReportError, Theme, charts};

/// How many advocates the table lists.
const ADVOCATES: u32 = 10;

/// Gathers the overview of `scope`.
pub fn gather(scope: &Scope<'_>) -> Result<Section, ReportError> {
    let lang = scope.lang;
    let conn = scope.conn;
    let length = scope.end_ms - scope.start_ms;
    let before = (scope.start_ms - length, scope.start_ms);
    let now = (scope.start_ms, scope.end_ms);
    let members_at = |end: i64| {
        count_members(
            scope,
            "SELECT id FROM members WHERE deleted_at IS NULL AND joined_at < ?1",
            &[end],
        )
    };
    let joined = |(from, to): (i64, i64)| {
        count_members(
            scope,
            "SELECT id FROM members WHERE deleted_at IS NULL AND joined_at >= ?1 AND joined_at < ?2",
            &[from, to],
        )
    };
    // From the core's month and week rollups, as the engagement charts count: reading every
    // activity of six months took over a second.
    let active = |(from, to): (i64, i64)| -> Result<i64, ReportError> {
        if scope.segment.is_some() {
            return count_members(
                scope,
                "SELECT DISTINCT member_id FROM activities
                 WHERE occurred_at >= ?1 AND occurred_at < ?2",
                &[from, to],
            );
        }
        Ok(i64::from(insights::active_members_between(
            conn,
            from,
            to - 1,
        )?))
    };
    let activities = |(from, to): (i64, i64)| -> Result<i64, ReportError> {
        if scope.segment.is_none() {
            let all: i64 = conn
                .prepare_cached(
                    "SELECT count(*) FROM activities WHERE occurred_at >= ?1 AND occurred_at < ?2",
                )?
                .query_row(params![from, to], |r| r.get(0))?;
            // CROSS JOIN starts at the few deleted members: left to itself SQLite (without
            // statistics) read every activity of the period and looked up its member (7.5 s
            // for six months at 100k members, against under a millisecond).
            let deleted: i64 = conn
                .prepare_cached(
                    "SELECT count(*) FROM members m
                     CROSS JOIN activities a ON a.member_id = m.id
                      AND a.occurred_at >= ?1 AND a.occurred_at < ?2
                     WHERE m.deleted_at IS NOT NULL",
                )?
                .query_row(params![from, to], |r| r.get(0))?;
            return Ok(all - deleted);
        }
        let mut stmt = conn.prepare_cached(
            "SELECT member_id, count(*) FROM activities
             WHERE occurred_at >= ?1 AND occurred_at < ?2 GROUP BY member_id",
        )?;
        let rows = stmt.query_map(params![from, to], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
        })?;
        let mut total = 0;
        for row in rows {
            let (member, count) = row?;
            if scope.includes(&member) {
                total += count;
            }
        }
        Ok(total)
    };
    let kpis = [
        (
            label(lang, "Members", "メンバー数"),
            members_at(now.1)?,
            members_at(before.1)?,
        ),
        (
            label(lang, "New members", "新規メンバー"),
            joined(now)?,
            joined(before)?,
        ),
        (
            label(lang, "Active members", "アクティブメンバー"),
            active(now)?,
            active(before)?,
        ),
        (
            label(lang, "Activities", "アクティビティ"),
            activities(now)?,
            activities(before)?,
        ),
    ];
    let kpis: Vec<_> = kpis
        .iter()
        .map(|(name, value, previous)| {
            json!({
                "label": name,
                "value": int(*value),
                "previous": int(*previous),
                "change": change(*value, *previous, lang),
                "up": value >= previous,
            })
        })
        .collect();
    let at = scope.at();
    let active30d = dashboard::active_members(conn, at)?;

    let days = (length / 86_400_000).max(1);
    let weeks = u32::try_from(((days + 6) / 7).clamp(4, 52)).unwrap_or(26);
    let trend = insights::active_members(conn, at, Granularity::Week, weeks)?;
    let levels = insights::engagement_by_level(conn, at, 12)?;
    let cohorts = insights::cohort_retention(conn, at, 12)?;

    let level_rows: Vec<Vec<String>> = levels
        .levels
        .iter()
        .rev()
        .map(|series| {
            let members = series.members.last().copied().unwrap_or(0);
            let total: u32 = levels
                .levels
                .iter()
                .map(|s| s.members.last().copied().unwrap_or(0))
                .sum();
            vec![
                level_name(&series.level, lang),
                int(i64::from(members)),
                percent(f64::from(members) / f64::from(total.max(1))),
            ]
        })
        .collect();

    let since_days = u32::try_from(days).unwrap_or(u32::MAX);
    let advocates: Vec<Vec<String>> =
        advocate_board(conn, scope.end_ms - 1, ADVOCATES * 5, Some(since_days))?
            .into_iter()
            .filter(|a| scope.includes(&a.member_id))
            .take(ADVOCATES as usize)
            .enumerate()
            .map(|(i, a)| {
                vec![
                    int(i as i64 + 1),
                    a.display_name,
                    a.level.map(|l| level_name(&l, lang)).unwrap_or_default(),
                    int(i64::from(a.direct)),
                    int(i64::from(a.total)),
                    int(i64::from(a.active_referred)),
                ]
            })
            .collect();

    let mut sources: Vec<(String, i64)> = Vec::new();
    {
        let mut stmt = conn.prepare_cached(
            "SELECT id, coalesce(nullif(trim(source), ''), '') FROM members
             WHERE deleted_at IS NULL AND joined_at >= ?1 AND joined_at < ?2",
        )?;
        let rows = stmt.query_map(params![now.0, now.1], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        for row in rows {
            let (id, source) = row?;
            if !scope.includes(&id) {
                continue;
            }
            match sources.iter_mut().find(|(s, _)| *s == source) {
                Some((_, n)) => *n += 1,
                None => sources.push((source, 1)),
            }
        }
    }
    sources.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let new_total: i64 = sources.iter().map(|(_, n)| n).sum();
    #[allow(clippy::cast_precision_loss)]
    let source_rows: Vec<Vec<String>> = sources
        .into_iter()
        .map(|(source, n)| {
            let name = if source.is_empty() {
                label(lang, "Not recorded", "未記録").to_owned()
            } else {
                source
            };
            vec![name, int(n), percent(n as f64 / new_total.max(1) as f64)]
        })
        .collect();

    let tables = vec![
        ReportTable {
            name: "kpis".to_owned(),
            title: label(lang, "Key figures", "主要指標").to_owned(),
            header: vec![
                label(lang, "Figure", "指標").to_owned(),
                label(lang, "This period", "当期").to_owned(),
                label(lang, "Previous period", "前期").to_owned(),
                label(lang, "Change", "増減").to_owned(),
            ],
            rows: kpis
                .iter()
                .map(|k| {
                    ["label", "value", "previous", "change"]
                        .iter()
                        .map(|f| k[f].as_str().unwrap_or_default().to_owned())
                        .collect()
                })
                .collect(),
        },
        ReportTable {
            name: "levels".to_owned(),
            title: label(lang, "Members by level", "レベル別メンバー").to_owned(),
            header: vec![
                label(lang, "Level", "レベル").to_owned(),
                label(lang, "Members", "メンバー数").to_owned(),
                label(lang, "Share", "割合").to_owned(),
            ],
            rows: level_rows,
        },
        ReportTable {
            name: "top-advocates".to_owned(),
            title: label(lang, "Top advocates", "トップアドボケイト").to_owned(),
            header: vec![
                "#".to_owned(),
                label(lang, "Member", "メンバー").to_owned(),
                label(lang, "Level", "レベル").to_owned(),
                label(lang, "Brought directly", "直接紹介").to_owned(),
                label(lang, "Brought in all", "紹介総数").to_owned(),
                label(lang, "Still active", "現在アクティブ").to_owned(),
            ],
            rows: advocates,
        },
        ReportTable {
            name: "new-members-by-source".to_owned(),
            title: label(lang, "New members by source", "流入元別の新規メンバー").to_owned(),
            header: vec![
                label(lang, "Source", "流入元").to_owned(),
                label(lang, "New members", "新規メンバー").to_owned(),
                label(lang, "Share", "割合").to_owned(),
            ],
            rows: source_rows,
        },
    ];
    let data = json!({
        "kpis": kpis,
        "active30d": int(i64::from(active30d)),
        "tables": tables,
    });
    let charts: Vec<super::Chart> = vec![
        (
            "overview-trend.svg".to_owned(),
            Box::new(move || charts::active_members(&trend, lang, Theme::Light)),
        ),
        (
            "overview-levels.svg".to_owned(),
            Box::new(move || charts::engagement_by_level(&levels, lang, Theme::Light)),
        ),
        (
            "overview-cohorts.svg".to_owned(),
            Box::new(move || charts::cohort_retention(&cohorts, lang, Theme::Light)),
        ),
    ];
    Ok(Section {
        data,
        charts,
        tables,
    })
}

/// Counts the members `sql` selects (first column: member id) that the scope includes.
fn count_members(scope: &Scope<'_>, sql: &str, args: &[i64]) -> Result<i64, ReportError> {
    let conn = scope.conn;
    if scope.segment.is_none() {
        let counted = format!("SELECT count(*) FROM ({sql})");
        return Ok(conn
            .prepare_cached(&counted)?
            .query_row(rusqlite::params_from_iter(args), |r| r.get(0))?);
    }
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(args), |r| r.get::<_, String>(0))?;
    let mut n = 0;
    for id in rows {
        if scope.includes(&id?) {
            n += 1;
        }
    }
    Ok(n)
}

/// A level's name in `lang`.
pub(super) fn level_name(level: &Level, lang: Lang) -> String {
    match lang {
        Lang::En => level.label_en.clone(),
        Lang::Ja => level.label_ja.clone(),
    }
}

/// The English or Japanese label.
pub(super) fn label(lang: Lang, en: &'static str, ja: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Ja => ja,
    }
}
