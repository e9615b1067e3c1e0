//! The sample community's events: past and upcoming, priced in JPY with ticket types for those
//! held at a venue, registrations with codes, and a full upcoming event with a waitlist.

use chrono::Duration;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::HISTORY_DAYS;
use super::names;
use super::plan::MemberPlan;
use crate::activities::{NewActivity, log_activity};
use crate::error::Result;
use crate::events::{
    EventKind, EventStatus, NewEvent, RegistrationStatus, add_ticket_type, create_event, register,
};
use crate::ids::{EventId, MemberId};

/// Past and upcoming events, with registrations drawn from members who had joined by then
/// (the more engaged a member, the likelier they come).
pub(super) fn sample_events(
    w: &mut crate::store::Writer<'_>,
    rng: &mut ChaCha8Rng,
    plans: &[MemberPlan],
    ids: &[MemberId],
    now_ms: i64,
) -> Result<(u32, u32, u32)> {
    let day = Duration::days(1).num_milliseconds();
    // Roughly one past event a month or more, and a handful in the next eight weeks.
    let past = (plans.len() / 150).clamp(12, 450);
    let upcoming = (past / 8).clamp(4, 50);
    let history = HISTORY_DAYS * day;
    let starts: Vec<i64> = (0..past)
        .map(|n| now_ms - history + history / past as i64 * n as i64)
        .chain((0..upcoming).map(|n| now_ms + 3 * day + 56 * day / upcoming as i64 * n as i64))
        .collect();
    let count = starts.len();
    let (mut registrations, mut attended_total) = (0u32, 0u32);
    for (n, planned_start) in starts.iter().enumerate() {
        let (title, kind) = names::EVENT_TITLES[n % names::EVENT_TITLES.len()];
        let series = n / names::EVENT_TITLES.len() + 1;
        let start = planned_start + rng.random_range(0..4) * day;
        // Evening events, 18:30 JST, two hours.
        let start = start - start.rem_euclid(day) + 9 * 3_600_000 + 30 * 60_000;
        let kind = match kind {
            "online" => EventKind::Online,
            "hybrid" => EventKind::Hybrid,
            _ => EventKind::InPerson,
        };
        let capacity: u32 = match kind {
            EventKind::Online => rng.random_range(80..300),
            _ => rng.random_range(16..60),
        };
        let past = start < now_ms;
        let event = create_event(
            w,
            &NewEvent {
                title: format!("{title} #{series}"),
                kind,
                starts_at: start,
                ends_at: start + 2 * 3_600_000,
                time_zone: "Asia/Tokyo".to_owned(),
                venue: (kind != EventKind::Online)
                    .then(|| names::VENUES[n % names::VENUES.len()].to_owned()),
                address: None,
                url: (kind != EventKind::InPerson)
                    .then(|| format!("https://meet.example.com/hinata-{n}")),
                capacity: Some(i64::from(capacity)),
                status: if past {
                    EventStatus::Done
                } else {
                    EventStatus::Published
                },
                description: None,
                currency: Some("JPY".to_owned()),
            },
        )?;
        if kind != EventKind::Online {
            // ¥2,000–¥4,500 in steps of ¥500, students half price.
            let general = 2_000 + 500 * (n % 6) as i64;
            add_ticket_type(w, &event, "一般 General", general)?;
            add_ticket_type(w, &event, "学生 Student", general / 2)?;
        }
        // The first upcoming event is sold out, with people waiting for a seat.
        let full = !past && starts[..n].iter().all(|s| *s < now_ms);
        let (r, a) = register_attendees(w, rng, plans, ids, &event, start, capacity, (past, full))?;
        registrations += r;
        attended_total += a;
    }
    Ok((
        u32::try_from(count).unwrap_or(u32::MAX),
        registrations,
        attended_total,
    ))
}

#[allow(clippy::too_many_arguments)]
fn register_attendees(
    w: &mut crate::store::Writer<'_>,
    rng: &mut ChaCha8Rng,
    plans: &[MemberPlan],
    ids: &[MemberId],
    event: &EventId,
    start: i64,
    capacity: u32,
    (past, full): (bool, bool),
) -> Result<(u32, u32)> {
    // Plans are sorted by join time, so members who had joined form a prefix.
    let joined = plans.partition_point(|p| p.joined_at < start);
    if joined == 0 {
        return Ok((0, 0));
    }
    let fill = if past {
        rng.random_range(0.6..1.0)
    } else {
        rng.random_range(0.2..0.9)
    };
    let wanted = if full {
        (capacity as usize + 6).min(joined)
    } else {
        ((f64::from(capacity) * fill) as usize).min(joined)
    };
    let mut chosen = std::collections::BTreeSet::new();
    let mut attempts = 0;
    while chosen.len() < wanted && attempts < wanted * 20 {
        attempts += 1;
        // Tournament of three: engaged members come more often.
        let pick = (0..3)
            .map(|_| rng.random_range(0..joined))
            .max_by(|a, b| plans[*a].propensity.total_cmp(&plans[*b].propensity))
            .unwrap_or(0);
        chosen.insert(pick);
    }
    let mut attended = 0;
    for (seat, &i) in chosen.iter().enumerate() {
        // After joining, and not in the future for events weeks ahead.
        let registered_at = (start - rng.random_range(1..30) * 86_400_000)
            .max(plans[i].joined_at)
            .min(w.now_ms());
        let status = match (past, rng.random_range(0..100)) {
            (false, _) if full && seat < capacity as usize => RegistrationStatus::Going,
            (false, _) if full => RegistrationStatus::Waitlist,
            (true, 0..=77) => RegistrationStatus::Attended,
            (true, 78..=91) => RegistrationStatus::NoShow,
            (true, _) | (false, 0..=7) => RegistrationStatus::Cancelled,
            (false, _) => RegistrationStatus::Going,
        };
        // Check-in is after joining and not in the future (an event may have started minutes ago).
        let checked_in = (status == RegistrationStatus::Attended).then(|| {
            (start - 15 * 60_000 + rng.random_range(0..45) * 60_000)
                .max(plans[i].joined_at)
                .min(w.now_ms())
        });
        register(w, event, &ids[i], status, registered_at, checked_in)?;
        if let Some(at) = checked_in {
            log_activity(
                w,
                &NewActivity {
                    member: ids[i].clone(),
                    activity_type: "event_attended".to_owned(),
                    occurred_at: at,
                    platform: None,
                    url: None,
                    event: Some(event.clone()),
                    campaign: None,
                },
            )?;
            attended += 1;
        }
    }
    Ok((u32::try_from(chosen.len()).unwrap_or(u32::MAX), attended))
}
