//! Money and voices in the sample: a yen budget for every event held at a venue (venue,
//! coffee and sweets, sometimes tote bags or cups, ads, a guest's travel, a streaming kit for
//! hybrid events; a sponsor on some), with actual amounts and paid dates once the event is
//! over; feedback from part of each past event's attendees; and suggestion options with votes
//! for the upcoming events.
//!
//! Drawn from its own random stream and written after everything else, so adding it changed
//! nothing else in the sample. Written through the core APIs, so the change log records it.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rusqlite::params;

use super::voices;
use crate::budget::{BudgetCategory, BudgetLineInput, add_line};
use crate::error::Result;
use crate::store::{Store, SyncedTable, Writer};
use rusqlite::types::Value;

/// Mixed into the seed for the budget, feedback and suggestion stream.
const STREAM: u64 = 0x4255_4447_4554;
const DAY: i64 = 86_400_000;

/// A sponsor: name, lowest and highest amount in yen.
const SPONSORS: &[(&str, i64, i64)] = &[
    ("ベーカリー麦の穂 Mugi-no-ho Bakery", 10_000, 30_000),
    ("ミズキ精機 Mizuki Grinder Works", 20_000, 50_000),
];

/// An event of the sample, as stored.
pub(super) struct SampleEvent {
    pub id: String,
    pub kind: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub venue: Option<String>,
    pub capacity: i64,
}

/// One line before it is typed in: category, planned yen, vendor, notes, and the day it is
/// paid relative to the event's start.
struct Plan {
    category: BudgetCategory,
    planned: i64,
    vendor: &'static str,
    notes: Option<&'static str>,
    paid_day: i64,
}

/// Gives the sample's events budgets, feedback and suggestion options.
pub(super) fn plant_money_and_voices(store: &mut Store, seed: u64, now_ms: i64) -> Result<()> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ STREAM);
    store.write(|w| {
        for event in &sample_events(w)? {
            let past = event.starts_at < now_ms;
            if event.kind != "online" {
                price_registrations(w, &mut rng, event)?;
                plant_budget(w, &mut rng, event, past, now_ms)?;
            }
            if past {
                voices::plant_feedback(w, &mut rng, event, now_ms)?;
            } else {
                voices::plant_suggestions(w, &mut rng, event)?;
            }
        }
        Ok(())
    })
}

fn sample_events(w: &Writer<'_>) -> Result<Vec<SampleEvent>> {
    let mut stmt = w.tx().prepare_cached(
        "SELECT id, kind, starts_at, ends_at, venue, coalesce(capacity, 0)
         FROM events ORDER BY starts_at, title",
    )?;
    let events = stmt
        .query_map(params![], |r| {
            Ok(SampleEvent {
                id: r.get(0)?,
                kind: r.get(1)?,
                starts_at: r.get(2)?,
                ends_at: r.get(3)?,
                venue: r.get(4)?,
                capacity: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(events)
}

/// Gives `event`'s registrations a ticket (general, or student for one in five), so the
/// budget's ticket income comes from them as it does for real sign-ups.
fn price_registrations(
    w: &mut Writer<'_>,
    rng: &mut ChaCha8Rng,
    event: &SampleEvent,
) -> Result<()> {
    let tickets = w
        .tx()
        .prepare_cached(
            "SELECT id, name, price_minor, currency FROM ticket_types
             WHERE event_id = ?1 ORDER BY price_minor DESC, id",
        )?
        .query_map(params![event.id], |r| {
            Ok([r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?])
        })?
        .collect::<rusqlite::Result<Vec<[Value; 4]>>>()?;
    let Some(general) = tickets.first() else {
        return Ok(());
    };
    let registrations = w
        .tx()
        .prepare_cached(
            "SELECT r.id FROM registrations r JOIN members m ON m.id = r.member_id
             WHERE r.event_id = ?1 ORDER BY m.rowid",
        )?
        .query_map(params![event.id], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for registration in registrations {
        let ticket = match tickets.get(1) {
            Some(student) if rng.random_ratio(1, 5) => student,
            _ => general,
        };
        let [id, name, price, currency] = ticket.clone();
        w.update(
            SyncedTable::Registrations,
            &registration,
            &[
                ("ticket_type_id", id),
                ("ticket_type", name),
                ("price_minor", price),
                ("currency", currency),
            ],
        )?;
    }
    Ok(())
}

/// A whole number of `step` yen from `low` to `high`.
fn yen(rng: &mut ChaCha8Rng, low: i64, high: i64, step: i64) -> i64 {
    rng.random_range(low / step..=high / step) * step
}

/// Rounds to the nearest `step` yen.
fn round_to(amount: i64, step: i64) -> i64 {
    (amount + step / 2) / step * step
}

fn plan_lines(rng: &mut ChaCha8Rng, event: &SampleEvent) -> Vec<Plan> {
    use BudgetCategory::*;
    let venue = event.venue.as_deref().unwrap_or("");
    // The roastery's own rooms only cost cleaning and staff; coworking spaces rent by the hour.
    let venue_cost = if venue.starts_with("Hinata") {
        yen(rng, 30_000, 60_000, 5_000)
    } else {
        yen(rng, 60_000, 150_000, 5_000)
    };
    let heads = event.capacity.max(10);
    let mut plans = vec![
        Plan {
            category: Venue,
            planned: venue_cost,
            vendor: if venue.starts_with("Hinata") {
                "Hinata Coffee Roasters（店舗）"
            } else {
                "会場 Venue"
            },
            notes: Some("会場費・清掃 Room and cleaning"),
            paid_day: -rng.random_range(7..30),
        },
        Plan {
            category: Catering,
            planned: round_to(heads * rng.random_range(200..400), 1_000),
            vendor: "自社焙煎 In-house roast",
            notes: Some("コーヒー豆・ミルク Coffee beans and milk"),
            paid_day: 0,
        },
        Plan {
            category: Catering,
            planned: round_to(heads * rng.random_range(250..450), 1_000),
            vendor: SPONSORS[0].0,
            notes: Some("焼き菓子 Baked sweets"),
            paid_day: rng.random_range(0..3),
        },
    ];
    if rng.random_bool(0.6) {
        let (notes, each) = if rng.random_bool(0.5) {
            ("トートバッグ Tote bags", 700)
        } else {
            ("オリジナルカップ Branded cups", 500)
        };
        plans.push(Plan {
            category: Merchandise,
            planned: round_to(heads * each, 1_000),
            vendor: "Print Factory 東京",
            notes: Some(notes),
            paid_day: -rng.random_range(10..21),
        });
    }
    if event.kind == "hybrid" {
        plans.push(Plan {
            category: Vendors,
            planned: yen(rng, 20_000, 45_000, 1_000),
            vendor: "配信機材レンタル Stream Rental",
            notes: Some("カメラ・マイク Camera and microphones"),
            paid_day: -1,
        });
    }
    if rng.random_bool(0.3) {
        plans.push(Plan {
            category: Ads,
            planned: yen(rng, 5_000, 30_000, 1_000),
            vendor: "Instagram",
            notes: Some("告知広告 Promoted post"),
            paid_day: -rng.random_range(14..22),
        });
    }
    if rng.random_bool(0.2) {
        plans.push(Plan {
            category: Travel,
            planned: yen(rng, 15_000, 60_000, 1_000),
            vendor: "JR 新幹線 Shinkansen",
            notes: Some("ゲスト焙煎士の交通費 Guest roaster's travel"),
            paid_day: rng.random_range(1..6),
        });
    }
    if rng.random_bool(0.35) {
        let (sponsor, low, high) = SPONSORS[rng.random_range(0..SPONSORS.len())];
        plans.push(Plan {
            category: Sponsorship,
            planned: yen(rng, low, high, 5_000),
            vendor: sponsor,
            notes: Some("協賛 Sponsorship"),
            paid_day: rng.random_range(3..21),
        });
    }
    plans
}

/// Writes `event`'s budget: actual amounts (±15% of plan for costs) and paid dates once the
/// event is over; before it, only some venue deposits are paid.
fn plant_budget(
    w: &mut Writer<'_>,
    rng: &mut ChaCha8Rng,
    event: &SampleEvent,
    past: bool,
    now_ms: i64,
) -> Result<()> {
    let plans = plan_lines(rng, event);
    for plan in &plans {
        let cost = plan.category.kind() == crate::budget::BudgetKind::Cost;
        let (actual, paid_at, notes) = if past {
            let percent = if cost {
                rng.random_range(85..=115)
            } else {
                100
            };
            let actual = round_to(plan.planned * percent / 100, 100);
            let over = cost && percent > 108 && plan.category == BudgetCategory::Catering;
            let notes = if over {
                Some("参加者が多く追加注文 Extra order for more guests")
            } else {
                plan.notes
            };
            let paid = (event.starts_at + plan.paid_day * DAY).min(now_ms);
            (Some(actual), Some(paid), notes)
        } else if plan.category == BudgetCategory::Venue && rng.random_bool(0.4) {
            let paid = (now_ms - rng.random_range(1..10) * DAY).min(event.starts_at);
            (Some(plan.planned), Some(paid), plan.notes)
        } else {
            (None, None, plan.notes)
        };
        add_line(
            w,
            &event.id,
            &BudgetLineInput {
                kind: plan.category.kind(),
                category: plan.category,
                planned: plan.planned.to_string(),
                actual: actual.map(|a: i64| a.to_string()),
                currency: None,
                vendor: Some(plan.vendor.to_owned()),
                paid_at,
                notes: notes.map(str::to_owned),
            },
        )?;
    }
    Ok(())
}
