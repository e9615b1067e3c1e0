//! The measurements themselves: what the app's screens ask of an open community (reads), then
//! score recomputes and inserts (writes, on the benchmark's own copy of the file).

use std::time::Instant;

use chrono::{DateTime, Utc};
use kizuna_core::activities::{NewActivity, activities_per_month, log_activity};
use kizuna_core::duplicates::find_duplicates;
use kizuna_core::engagement::{self, RecomputeMode};
use kizuna_core::ids::MemberId;
use kizuna_core::insights::{self, Granularity};
use kizuna_core::members::list_members;
use kizuna_core::segments::count_segment;
use kizuna_core::{Store, dashboard};
use kizuna_report::{Lang, ReportError, Theme, charts};
use rusqlite::Connection;

use super::probes::{busiest_activity_type, search_queries, segment_trees};
use super::timing::{Measurement, count, measure, repeat};

/// Runs of quick queries.
const QUICK: usize = 10;
/// Runs of each segment count.
const SEGMENT_RUNS: usize = 5;
/// Rounds over the search queries.
const SEARCH_ROUNDS: usize = 3;
/// Runs of work taking seconds at 100k members.
const SLOW: usize = 3;
/// The Members list's page size (ui/src/lib/members/member-list.svelte.ts).
const PAGE: u32 = 200;
/// Activities inserted before each incremental recompute.
const NEW_ACTIVITIES: usize = 1_000;

/// Everything that only reads: dashboard, charts, member list and search, segments, duplicates.
pub fn reads(store: &Store, now: DateTime<Utc>) -> anyhow::Result<Vec<Measurement>> {
    let conn = store.conn();
    let mut out = vec![measure(
        "dashboard.summary",
        QUICK,
        || Ok(dashboard::summary(conn, now)?),
        |s| {
            format!(
                "{} members, {} active in 30 days",
                count(s.members),
                count(s.active30d)
            )
        },
    )?];
    out.extend(charts_and_queries(conn, now)?);
    out.extend(member_list(conn)?);
    out.push(search(conn)?);
    let now_ms = now.timestamp_millis();
    for (name, tree) in segment_trees(conn, now)? {
        out.push(measure(
            name,
            SEGMENT_RUNS,
            || Ok(count_segment(conn, &tree, now_ms)?),
            |n| format!("{} members", count(*n)),
        )?);
    }
    out.push(measure(
        "duplicates",
        SLOW,
        || Ok(find_duplicates(conn, 50)?),
        |found| format!("{} suggestions (limit 50)", found.len()),
    )?);
    out.extend(super::campaigns::compare_twenty(conn, now_ms)?);
    Ok(out)
}

/// Times the query behind a chart, then drawing it (English, light theme).
fn chart<T>(
    out: &mut Vec<Measurement>,
    name: &str,
    query: impl FnMut() -> anyhow::Result<T>,
    draw: impl Fn(&T, Lang, Theme) -> Result<String, ReportError>,
) -> anyhow::Result<()> {
    let query_name = format!("query.{name}");
    eprintln!("  {query_name}");
    let (samples, data) = repeat(QUICK, query)?;
    out.push(Measurement {
        name: query_name,
        samples,
        detail: String::new(),
    });
    out.push(measure(
        &format!("chart.{name}"),
        QUICK,
        || Ok(draw(&data, Lang::En, Theme::Light)?),
        |svg| format!("{} bytes of SVG", count(svg.len() as u64)),
    )?);
    Ok(())
}

/// The Dashboard's activity chart and the engagement insight charts, over the windows the app
/// shows (`kizuna_report::insights::render`, src-tauri's dashboard commands).
fn charts_and_queries(conn: &Connection, now: DateTime<Utc>) -> anyhow::Result<Vec<Measurement>> {
    let mut out = Vec::new();
    chart(
        &mut out,
        "activityPerMonth",
        || Ok(activities_per_month(conn, now, 18)?),
        |d, l, t| charts::activities_per_month(d, l, t),
    )?;
    chart(
        &mut out,
        "activeWeekly",
        || Ok(insights::active_members(conn, now, Granularity::Week, 26)?),
        charts::active_members,
    )?;
    chart(
        &mut out,
        "levelsOverTime",
        || Ok(insights::engagement_by_level(conn, now, 12)?),
        charts::engagement_by_level,
    )?;
    chart(
        &mut out,
        "cohortRetention",
        || Ok(insights::cohort_retention(conn, now, 12)?),
        charts::cohort_retention,
    )?;
    chart(
        &mut out,
        "firstContribution",
        || Ok(insights::time_to_first_contribution(conn, now, 12)?),
        charts::time_to_first_contribution,
    )?;
    chart(
        &mut out,
        "activityMix",
        || Ok(insights::activity_mix(conn, now, 90)?),
        charts::activity_mix,
    )?;
    Ok(out)
}

/// A page of the Members list at the start, the middle and the end.
fn member_list(conn: &Connection) -> anyhow::Result<Vec<Measurement>> {
    let total = list_members(conn, "", 0, 1)?.total;
    let places = [
        ("members.page.first", 0),
        ("members.page.middle", total / 2),
        ("members.page.last", total.saturating_sub(PAGE)),
    ];
    places
        .into_iter()
        .map(|(name, offset)| {
            measure(
                name,
                QUICK,
                || Ok(list_members(conn, "", offset, PAGE)?),
                |page| format!("{} rows at offset {}", page.rows.len(), count(offset)),
            )
        })
        .collect()
}

/// The first page of results for each search query, a few rounds over all of them.
fn search(conn: &Connection) -> anyhow::Result<Measurement> {
    eprintln!("  members.search");
    let queries = search_queries(conn)?;
    let mut samples = Vec::new();
    let (mut slowest, mut most) = ((std::time::Duration::ZERO, ""), 0);
    for _ in 0..SEARCH_ROUNDS {
        for query in &queries {
            let started = Instant::now();
            let page = list_members(conn, query, 0, PAGE)?;
            let took = started.elapsed();
            samples.push(took);
            most = most.max(page.total);
            if took > slowest.0 {
                slowest = (took, query.as_str());
            }
        }
    }
    Ok(Measurement {
        name: "members.search".to_owned(),
        samples,
        detail: format!(
            "{} queries × {SEARCH_ROUNDS}, up to {} matches; slowest \"{}\"",
            queries.len(),
            count(most),
            slowest.1
        ),
    })
}

/// Full score recomputes, then inserts of new activities each followed by an incremental one.
pub fn writes(store: &mut Store) -> anyhow::Result<Vec<Measurement>> {
    let full = measure(
        "score.recompute.full",
        SLOW,
        || Ok(store.write(|w| engagement::recompute(w, w.now_ms(), RecomputeMode::Full))?),
        |r| {
            format!(
                "{} members, {} activities read",
                count(r.members),
                count(r.activities_read)
            )
        },
    )?;
    eprintln!("  activities.insert + score.recompute.incremental");
    let members: Vec<String> = store
        .conn()
        .prepare("SELECT id FROM members WHERE deleted_at IS NULL ORDER BY rowid")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let activity_type = busiest_activity_type(store.conn())?
        .ok_or_else(|| anyhow::anyhow!("the community has no activities to model new ones on"))?;
    let (mut inserts, mut incrementals) = (Vec::new(), Vec::new());
    let mut last = None;
    for round in 0..SLOW {
        let started = Instant::now();
        insert_activities(store, &members, &activity_type, round)?;
        inserts.push(started.elapsed());
        let started = Instant::now();
        let report =
            store.write(|w| engagement::recompute(w, w.now_ms(), RecomputeMode::Incremental))?;
        incrementals.push(started.elapsed());
        last = Some(report);
    }
    let incremental_detail = match last {
        Some(r) if r.full.is_none() => format!(
            "after {} new activities: {} activities read",
            count(NEW_ACTIVITIES as u64),
            count(r.activities_read)
        ),
        Some(r) => format!("fell back to a full pass ({:?})", r.full),
        None => String::new(),
    };
    Ok(vec![
        full,
        Measurement {
            name: "activities.insert".to_owned(),
            samples: inserts,
            detail: format!("{} activities in one write", count(NEW_ACTIVITIES as u64)),
        },
        Measurement {
            name: "score.recompute.incremental".to_owned(),
            samples: incrementals,
            detail: incremental_detail,
        },
    ])
}

/// Logs [`NEW_ACTIVITIES`] activities of `activity_type`, spread over the members, dated in
/// the last minutes, in one write (as an import would).
fn insert_activities(
    store: &mut Store,
    members: &[String],
    activity_type: &str,
    round: usize,
) -> anyhow::Result<()> {
    if members.is_empty() {
        anyhow::bail!("the community has no members to log activities for");
    }
    let step = (members.len() / NEW_ACTIVITIES).max(1);
    store.write(|w| {
        let now_ms = w.now_ms();
        for n in 0..NEW_ACTIVITIES {
            let member = &members[(n * step + round) % members.len()];
            log_activity(
                w,
                &NewActivity {
                    member: MemberId::from(member.as_str()),
                    activity_type: activity_type.to_owned(),
                    occurred_at: now_ms - 1_000 * i64::try_from(n).unwrap_or(0),
                    platform: None,
                    url: None,
                    event: None,
                    campaign: None,
                },
            )?;
        }
        Ok(())
    })?;
    Ok(())
}
