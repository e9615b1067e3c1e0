//! One event's report: attendance, the check-in curve, the budget planned against actual by
//! category, cost per attendee and per newly engaged member, and feedback.

use kizuna_core::budget::budget_summary;
use kizuna_core::event_outcomes::{event_effect, event_feedback, event_outcome};
use kizuna_core::events::{
    EventWhen, RegistrationStatus, event_detail, list_events, list_registrations,
};
use kizuna_core::ids::EventId;
use kizuna_core::{CoreError, Store};
use serde_json::json;

use super::format::{date, int, money, percent};
use super::overview::label;
use super::{Chart, ReportTable, Scope, Section};
use crate::charts::category_name;
use crate::pdf::badges::when;
use crate::{Lang, ReportError, Theme, charts};

/// The event an Event report is about, checked to exist.
pub fn check_event(store: &Store, event: Option<&str>) -> Result<String, ReportError> {
    let id = event
        .map(str::trim)
        .filter(|id| !id.is_empty())
        .ok_or_else(|| {
            ReportError::Request(kizuna_core::invalid_reason!(
                "reports.eventRequired",
                "an event report needs an event: choose which one"
            ))
        })?;
    match event_detail(store.conn(), &EventId::from(id)) {
        Ok(_) => Ok(id.to_owned()),
        Err(CoreError::NotFound { .. }) => Err(ReportError::Request(kizuna_core::invalid_reason!(
            "reports.unknownEvent",
            "there is no event \"{id}\"",
            id
        ))),
        Err(other) => Err(other.into()),
    }
}

/// Gathers the report of event `id` (checked by [`check_event`]). Its figures are the event
/// screen's, for everyone registered (a segment does not narrow them).
pub fn gather(scope: &Scope<'_>, id: &str) -> Result<Section, ReportError> {
    let lang = scope.lang;
    let conn = scope.conn;
    let now_ms = scope.now_ms;
    let detail = event_detail(conn, &EventId::from(id))?;
    let event = &detail.event;
    let outcome = event_outcome(conn, id)?;
    let budget = budget_summary(conn, id)?;
    let effect = event_effect(conn, id, now_ms)?;
    let feedback = event_feedback(conn, id)?;
    let registrations = list_registrations(conn, &EventId::from(id))?;
    let minutes: Vec<i64> = registrations
        .iter()
        .filter(|r| r.status == RegistrationStatus::Attended)
        .filter_map(|r| r.checked_in_at)
        .map(|at| (at - event.starts_at).div_euclid(60_000))
        .collect();
    let cur = budget.currency.clone();
    let amount = |minor: i64| money(minor, &cur, lang);
    let optional = |minor: Option<i64>| minor.map_or_else(|| "—".to_owned(), amount);

    let kpis = vec![
        json!({ "label": label(lang, "Registered", "申込"), "value": int(i64::from(outcome.registered)) }),
        json!({ "label": label(lang, "Attended", "参加"), "value": int(i64::from(outcome.attended)) }),
        json!({
            "label": label(lang, "Attendance rate", "参加率"),
            "value": outcome.attendance_rate.map_or_else(|| "—".to_owned(), percent),
        }),
        json!({
            "label": label(lang, "First-timers", "初参加"),
            "value": int(outcome.first_timers.len() as i64),
        }),
    ];
    let money_kpis = vec![
        json!({ "label": label(lang, "Cost (actual)", "費用（実績）"), "value": amount(budget.cost_actual_minor) }),
        json!({
            "label": label(lang, "Cost per attendee", "参加者1人あたり費用"),
            "value": optional(budget.cost_per_attended_minor),
        }),
        json!({
            "label": label(lang, "Newly engaged", "新たに活発化"),
            "value": int(i64::from(budget.newly_engaged)),
        }),
        json!({
            "label": label(lang, "Cost per newly engaged", "活発化1人あたり費用"),
            "value": optional(budget.cost_per_newly_engaged_minor),
        }),
    ];

    let kind_name = |cost: bool| {
        if cost {
            label(lang, "Cost", "費用")
        } else {
            label(lang, "Income", "収入")
        }
    };
    let budget_rows: Vec<Vec<String>> = budget
        .categories
        .iter()
        .map(|c| {
            vec![
                category_name(c.category, lang).to_owned(),
                kind_name(c.kind == kizuna_core::budget::BudgetKind::Cost).to_owned(),
                amount(c.planned_minor),
                amount(c.actual_minor),
                amount(c.variance_minor),
            ]
        })
        .collect();
    let totals = vec![
        vec![
            label(lang, "Cost", "費用").to_owned(),
            amount(budget.cost_planned_minor),
            amount(budget.cost_actual_minor),
        ],
        vec![
            label(lang, "Income", "収入").to_owned(),
            amount(budget.income_planned_minor),
            amount(budget.income_actual_minor),
        ],
        vec![
            label(lang, "Net", "収支").to_owned(),
            amount(budget.net_planned_minor),
            amount(budget.net_actual_minor),
        ],
    ];
    let rating_rows: Vec<Vec<String>> = (1..=5)
        .rev()
        .map(|stars: usize| {
            let n = outcome.rating_counts[stars - 1];
            vec![
                "★".repeat(stars),
                int(i64::from(n)),
                percent(f64::from(n) / f64::from(outcome.feedback_count.max(1))),
            ]
        })
        .collect();
    let comments: Vec<Vec<String>> = feedback
        .iter()
        .filter_map(|f| {
            let comment = f.comment.as_deref()?.trim();
            (!comment.is_empty()).then(|| {
                vec![
                    f.member_name
                        .clone()
                        .unwrap_or_else(|| label(lang, "Anonymous", "匿名").to_owned()),
                    int(i64::from(f.rating)),
                    comment.to_owned(),
                ]
            })
        })
        .collect();
    let effect_text = effect.effect.map(|e| {
        let sign = if e >= 0.0 { "+" } else { "−" };
        match lang {
            Lang::En => format!(
                "{sign}{:.1} activities per attendee in the {} days after, against comparable members{}",
                e.abs(),
                effect.window_days,
                if effect.complete { "" } else { " (window not over yet)" }
            ),
            Lang::Ja => format!(
                "参加者1人あたりのアクティビティ：開催後{}日間で類似メンバー比 {sign}{:.1}{}",
                effect.window_days,
                e.abs(),
                if effect.complete { "" } else { "（集計期間中）" }
            ),
        }
    });

    let tables = vec![
        ReportTable {
            name: "event-budget".to_owned(),
            title: label(lang, "Budget by category", "カテゴリ別予算").to_owned(),
            header: vec![
                label(lang, "Category", "カテゴリ").to_owned(),
                label(lang, "Kind", "種別").to_owned(),
                label(lang, "Planned", "予定").to_owned(),
                label(lang, "Actual", "実績").to_owned(),
                label(lang, "Variance", "差額").to_owned(),
            ],
            rows: budget_rows,
        },
        ReportTable {
            name: "event-totals".to_owned(),
            title: label(lang, "Totals", "合計").to_owned(),
            header: vec![
                String::new(),
                label(lang, "Planned", "予定").to_owned(),
                label(lang, "Actual", "実績").to_owned(),
            ],
            rows: totals,
        },
        ReportTable {
            name: "event-ratings".to_owned(),
            title: label(lang, "Ratings", "評価").to_owned(),
            header: vec![
                label(lang, "Rating", "評価").to_owned(),
                label(lang, "Responses", "件数").to_owned(),
                label(lang, "Share", "割合").to_owned(),
            ],
            rows: rating_rows,
        },
        ReportTable {
            name: "event-comments".to_owned(),
            title: label(lang, "Comments", "コメント").to_owned(),
            header: vec![
                label(lang, "From", "回答者").to_owned(),
                label(lang, "Rating", "評価").to_owned(),
                label(lang, "Comment", "コメント").to_owned(),
            ],
            rows: comments,
        },
    ];
    let data = json!({
        "title": event.title,
        "when": when(event, lang),
        "venue": event.venue,
        "kpis": kpis,
        "moneyKpis": money_kpis,
        "checkedIn": int(minutes.len() as i64),
        "noShow": int(i64::from(outcome.no_show)),
        "feedbackCount": int(i64::from(outcome.feedback_count)),
        "averageRating": outcome.average_rating.map(|r| format!("{r:.1}")),
        "costPerRegistered": optional(budget.cost_per_registered_minor),
        "effect": effect_text,
        "tables": tables,
    });
    let registered = outcome.registered;
    let chart = budget.chart.clone();
    let charts: Vec<Chart> = vec![
        (
            "event-checkins.svg".to_owned(),
            Box::new(move || charts::checkin_curve(&minutes, registered, lang, Theme::Light)),
        ),
        (
            "event-budget.svg".to_owned(),
            Box::new(move || charts::budget_planned_vs_actual(&chart, &cur, lang, Theme::Light)),
        ),
    ];
    Ok(Section {
        data,
        charts,
        tables,
    })
}

/// The events that started in `scope`'s period, oldest first, each with its turnout, actual
/// cost, cost per attendee and rating (the event screens' figures), and the id of the best
/// attended one for the board pack's highlight.
pub fn gather_list(scope: &Scope<'_>) -> Result<(Section, Option<String>), ReportError> {
    let lang = scope.lang;
    let conn = scope.conn;
    let now_ms = scope.now_ms;
    let mut events: Vec<_> = list_events(conn, now_ms, EventWhen::All)?
        .into_iter()
        .filter(|e| (scope.start_ms..scope.end_ms).contains(&e.starts_at))
        .collect();
    events.sort_by_key(|e| e.starts_at);
    let mut rows = Vec::with_capacity(events.len());
    let mut best: Option<(u32, String)> = None;
    for event in &events {
        let outcome = event_outcome(conn, &event.id)?;
        let budget = budget_summary(conn, &event.id)?;
        let amount = |minor: Option<i64>| {
            minor.map_or_else(|| "—".to_owned(), |m| money(m, &budget.currency, lang))
        };
        if outcome.attended > 0 && best.as_ref().is_none_or(|(n, _)| outcome.attended > *n) {
            best = Some((outcome.attended, event.id.clone()));
        }
        rows.push(vec![
            date(day_of(event.starts_at), lang),
            event.title.clone(),
            int(i64::from(outcome.registered)),
            int(i64::from(outcome.attended)),
            outcome
                .attendance_rate
                .map_or_else(|| "—".to_owned(), percent),
            amount(Some(budget.cost_actual_minor)),
            amount(budget.cost_per_attended_minor),
            outcome
                .average_rating
                .map_or_else(|| "—".to_owned(), |r| format!("{r:.1}")),
        ]);
    }
    let table = ReportTable {
        name: "events".to_owned(),
        title: label(lang, "Events in the period", "期間中のイベント").to_owned(),
        header: vec![
            label(lang, "Date", "日付").to_owned(),
            label(lang, "Event", "イベント").to_owned(),
            label(lang, "Registered", "申込").to_owned(),
            label(lang, "Attended", "参加").to_owned(),
            label(lang, "Rate", "参加率").to_owned(),
            label(lang, "Cost", "費用").to_owned(),
            label(lang, "Per attendee", "1人あたり").to_owned(),
            label(lang, "Rating", "評価").to_owned(),
        ],
        rows,
    };
    let data = json!({ "count": int(events.len() as i64), "tables": [table] });
    Ok((
        Section {
            data,
            charts: Vec::new(),
            tables: vec![table],
        },
        best.map(|(_, id)| id),
    ))
}

/// The UTC date of `ms`.
fn day_of(ms: i64) -> chrono::NaiveDate {
    chrono::DateTime::from_timestamp_millis(ms)
        .unwrap_or_default()
        .date_naive()
}
