//! Printable name badges for an event: A4 sheets of 2 × 4 badges with cut lines, each with the
//! member's name (and kana reading), the event, the ticket type and a QR code of the
//! registration code that the door's scanner reads.

use chrono::{DateTime, Datelike, NaiveDate, TimeZone, Weekday};
use chrono_tz::Tz;
use kizuna_core::Store;
use kizuna_core::events::{EventListItem, RegistrationStatus, event_detail, list_registrations};
use kizuna_core::ids::EventId;
use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

use super::{PdfMeta, compile_document};
use crate::{Lang, ReportError};

const TEMPLATE: &str = include_str!("badges.typ");

/// Badges per A4 sheet (2 columns × 4 rows).
pub const BADGES_PER_PAGE: usize = 8;

/// A rendered badge PDF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadgeSheets {
    pub pdf: Vec<u8>,
    pub printed: BadgesPrinted,
}

/// How many badges were printed, on how many pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BadgesPrinted {
    pub badges: u32,
    pub pages: u32,
}

/// Renders badges for everyone going to (or already at) `event`, in reading order, with labels
/// in `lang`; `today` is the PDF's creation date.
pub fn render(
    store: &Store,
    event: &EventId,
    lang: Lang,
    today: NaiveDate,
) -> Result<BadgeSheets, ReportError> {
    let detail = event_detail(store.conn(), event)?;
    let people: Vec<_> = list_registrations(store.conn(), event)?
        .into_iter()
        .filter(|r| {
            matches!(
                r.status,
                RegistrationStatus::Going | RegistrationStatus::Attended
            )
        })
        .collect();
    if people.is_empty() {
        return Err(kizuna_core::invalid!(
            "badges.nobodyGoing",
            "nobody is going to \"{title}\" yet, so there are no badges to print",
            title = detail.event.title
        )
        .into());
    }
    let mut files = Vec::with_capacity(people.len() + 1);
    let mut badges = Vec::with_capacity(people.len());
    for (i, person) in people.iter().enumerate() {
        let qr = format!("qr-{i}.svg");
        files.push((qr.clone(), qr_svg(&person.code)?.into_bytes()));
        badges.push(json!({
            "name": person.display_name,
            "reading": person.name_reading.as_deref().filter(|r| !r.trim().is_empty()),
            "ticket": person.ticket_type,
            "code": person.code,
            "qr": qr,
        }));
    }
    let community = store.community_name()?;
    let data = json!({
        "community": community,
        "event": detail.event.title,
        "when": when(&detail.event, lang),
        "badges": badges,
    });
    files.push(("badges.json".to_owned(), data.to_string().into_bytes()));
    let (names, contents): (Vec<String>, Vec<Vec<u8>>) = files.into_iter().unzip();
    let files: Vec<(&str, Vec<u8>)> = names.iter().map(String::as_str).zip(contents).collect();
    let title = match lang {
        Lang::En => format!("Badges — {}", detail.event.title),
        Lang::Ja => format!("名札 — {}", detail.event.title),
    };
    let meta = PdfMeta {
        title,
        author: community,
        lang,
        today,
    };
    let (pdf, pages) = compile_document(TEMPLATE, &files, &meta)?;
    Ok(BadgeSheets {
        pdf,
        printed: BadgesPrinted {
            badges: u32::try_from(people.len()).unwrap_or(u32::MAX),
            pages: u32::try_from(pages).unwrap_or(u32::MAX),
        },
    })
}

/// A QR code of a registration code, as SVG.
fn qr_svg(code: &str) -> Result<String, ReportError> {
    let qr = QrCode::with_error_correction_level(code.as_bytes(), EcLevel::M)
        .map_err(|e| ReportError::Pdf(format!("no QR code for \"{code}\": {e}")))?;
    Ok(qr
        .render::<svg::Color<'_>>()
        .min_dimensions(240, 240)
        .quiet_zone(true)
        .build())
}

/// When the event happens, in its own time zone: "Sat 30 May 2026, 18:30–21:00 JST" or
/// "2026年5月30日(土) 18:30〜21:00 JST".
pub(crate) fn when(event: &EventListItem, lang: Lang) -> String {
    let tz: Tz = event.time_zone.trim().parse().unwrap_or(chrono_tz::UTC);
    let (Some(start), Some(end)) = (
        tz.timestamp_millis_opt(event.starts_at).single(),
        tz.timestamp_millis_opt(event.ends_at).single(),
    ) else {
        return String::new();
    };
    let day = |t: &DateTime<Tz>| match lang {
        Lang::En => t.format("%a %-d %b %Y").to_string(),
        Lang::Ja => format!(
            "{}年{}月{}日({})",
            t.year(),
            t.month(),
            t.day(),
            weekday_ja(t.weekday())
        ),
    };
    let (comma, dash) = match lang {
        Lang::En => (",", "–"),
        Lang::Ja => ("", "〜"),
    };
    let zone = start.format("%Z");
    if start.date_naive() == end.date_naive() {
        format!(
            "{}{comma} {}{dash}{} {zone}",
            day(&start),
            start.format("%H:%M"),
            end.format("%H:%M")
        )
    } else {
        format!(
            "{} {} {dash} {} {} {zone}",
            day(&start),
            start.format("%H:%M"),
            day(&end),
            end.format("%H:%M")
        )
    }
}

fn weekday_ja(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "月",
        Weekday::Tue => "火",
        Weekday::Wed => "水",
        Weekday::Thu => "木",
        Weekday::Fri => "金",
        Weekday::Sat => "土",
        Weekday::Sun => "日",
    }
}
