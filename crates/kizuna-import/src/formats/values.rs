//! Reading the values of export cells: dates in the forms platforms write them, money, lists.
//! A value that cannot be read says why, in words a manager can act on.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, TimeZone};
use chrono_tz::Tz;
use kizuna_core::Invalid;

/// Full-width digits, letters and signs (`２０２６／１０／０１`, `＠`) as their ASCII forms;
/// Japanese input methods type them often.
pub fn ascii_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .collect()
}

/// How dates should be written, for messages.
/// How to write a date, keyed: the end of every refusal of a date.
fn date_hint() -> Invalid {
    kizuna_core::invalid_reason!(
        "importFiles.dateHint",
        "write it like 2026-10-01 or 2026-10-01 19:00"
    )
}

/// Unix ms of a date or time as exports write it; times without a zone are on `zone`'s clock.
pub fn parse_time(text: &str, zone: Tz) -> Option<i64> {
    read_time(text, zone).ok()
}

fn parse_zoned(t: &str) -> Option<DateTime<chrono::FixedOffset>> {
    if let Ok(d) = DateTime::parse_from_rfc3339(t) {
        return Some(d);
    }
    // Ruby and Rails write UTC times as `2026-03-01 09:15:22 UTC` (Discourse exports do).
    let t = t
        .strip_suffix(" UTC")
        .map_or_else(|| t.to_owned(), |s| format!("{s} +0000"));
    [
        "%Y-%m-%d %H:%M:%S %z",
        "%Y-%m-%d %H:%M %z",
        "%Y/%m/%d %H:%M:%S %z",
        "%Y-%m-%dT%H:%M:%S%.f%z",
    ]
    .iter()
    .find_map(|f| DateTime::parse_from_str(&t, f).ok())
}

fn parse_naive(t: &str) -> Option<NaiveDateTime> {
    let datetimes = [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%d %H:%M",
        "%Y/%m/%d %H:%M:%S",
        "%Y/%m/%d %H:%M",
        "%Y年%m月%d日 %H:%M",
        "%Y年%m月%d日 %H時%M分",
        "%Y年%m月%d日%H時%M分",
        "%b %d, %Y %I:%M %p",
        "%m/%d/%Y %H:%M:%S",
        "%m/%d/%Y %H:%M",
        "%m/%d/%Y %I:%M %p",
    ];
    if let Some(n) = datetimes
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(t, f).ok())
    {
        return Some(n);
    }
    [
        "%Y-%m-%d",
        "%Y/%m/%d",
        "%Y年%m月%d日",
        "%m/%d/%Y",
        "%b %d, %Y",
    ]
    .iter()
    .find_map(|f| NaiveDate::parse_from_str(t, f).ok())
    .and_then(|d| d.and_hms_opt(0, 0, 0))
}

/// Why a text that looks like a year, month and day is no date, if it is one of those.
fn explain_date(t: &str) -> Option<Invalid> {
    let parts: Vec<&str> = t
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .collect();
    let [a, b, c, ..] = parts.as_slice() else {
        return None;
    };
    let n = |s: &str| s.parse::<u32>().ok();
    let (year, month, day) = match (a.len(), c.len()) {
        (4, _) => (n(a)?, n(b)?, n(c)?),
        (1 | 2, 4) => (n(c)?, n(a)?, n(b)?),
        (1 | 2, 2) => {
            return Some(kizuna_core::invalid_reason!(
                "importFiles.twoDigitYear",
                "\"{t}\" has a two-digit year; write the year in full, like 2026-10-01",
                t
            ));
        }
        _ => return None,
    };
    if !(1..=12).contains(&month) {
        return Some(kizuna_core::invalid_reason!(
            "importFiles.noSuchMonth",
            "\"{t}\" has no month {month} (months are 1 to 12); {hint}",
            t,
            month,
            hint = date_hint()
        ));
    }
    let year = i32::try_from(year).ok()?;
    NaiveDate::from_ymd_opt(year, month, day)
        .is_none()
        .then(|| {
            kizuna_core::invalid_reason!(
                "importFiles.noSuchDay",
                "\"{t}\" is not a real date: that month has no day {day}",
                t,
                day
            )
        })
}

/// Unix ms of a date or time, or why the text is not one.
pub fn read_time(text: &str, zone: Tz) -> Result<i64, Invalid> {
    let t = ascii_width(text.trim());
    let t = t.trim();
    let plausible = |year: i32| (1900..=2200).contains(&year);
    if let Some(d) = parse_zoned(t) {
        return if plausible(d.year()) {
            Ok(d.timestamp_millis())
        } else {
            Err(implausible_year(t, d.year()))
        };
    }
    if let Some(n) = parse_naive(t) {
        if !plausible(n.year()) {
            return Err(explain_date(t).unwrap_or_else(|| implausible_year(t, n.year())));
        }
        return zone
            .from_local_datetime(&n)
            .earliest()
            .map(|d| d.timestamp_millis())
            .ok_or_else(|| {
                kizuna_core::invalid_reason!(
                    "importFiles.skippedHour",
                    "\"{t}\" does not exist on {zone}'s clocks (they skip that hour)",
                    t,
                    zone
                )
            });
    }
    Err(explain_date(t).unwrap_or_else(|| {
        kizuna_core::invalid_reason!(
            "importFiles.notTime",
            "\"{t}\" is not a date or time; {hint}",
            t,
            hint = date_hint()
        )
    }))
}

fn implausible_year(t: &str, year: i32) -> Invalid {
    kizuna_core::invalid_reason!(
        "importFiles.implausibleYear",
        "\"{t}\" has the year {year}; {hint}",
        t,
        year,
        hint = date_hint()
    )
}

/// The largest price accepted, in major units.
const MAX_PRICE: f64 = 1e12;

/// Minor units of an amount such as `¥1,500`, `1500.00`, `$20`, `20.00 USD`, `Free`, `無料`;
/// `None` when the cell is blank. Yen have no minor unit; other currencies have two decimals.
pub fn parse_money(text: &str, currency: &str) -> Option<Result<i64, Invalid>> {
    let original = text.trim();
    if original.is_empty() {
        return None;
    }
    let t = ascii_width(original);
    if ["free", "無料", "0"].contains(&t.to_lowercase().as_str()) {
        return Some(Ok(0));
    }
    let not_an_amount = || {
        Some(Err(kizuna_core::invalid_reason!(
            "importFiles.notAmount",
            "\"{original}\" is not an amount",
            original
        )))
    };
    // A currency code before or after the number, e.g. `USD 20` or `1500JPY`.
    let is_code = |s: Option<&str>| s.is_some_and(|c| c.chars().all(|c| c.is_ascii_uppercase()));
    let mut body = t.trim();
    if is_code(body.get(..3)) {
        body = body[3..].trim_start();
    }
    if body.len() >= 3 && is_code(body.get(body.len() - 3..)) {
        body = body[..body.len() - 3].trim_end();
    }
    let number: String = body
        .chars()
        .filter(|c| !matches!(c, '¥' | '$' | '€' | '£' | '円' | ',' | ' '))
        .collect();
    let digits = number.strip_prefix('-').unwrap_or(&number);
    let well_formed = match digits.split_once('.') {
        Some((whole, fraction)) => {
            !whole.is_empty()
                && whole.chars().all(|c| c.is_ascii_digit())
                && !fraction.is_empty()
                && fraction.chars().all(|c| c.is_ascii_digit())
        }
        None => !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()),
    };
    if !well_formed {
        return not_an_amount();
    }
    let Ok(value) = number.parse::<f64>() else {
        return not_an_amount();
    };
    if value < 0.0 {
        return Some(Err(kizuna_core::invalid_reason!(
            "importFiles.negativePrice",
            "a price cannot be negative (\"{original}\")",
            original
        )));
    }
    if value > MAX_PRICE {
        return Some(Err(kizuna_core::invalid_reason!(
            "importFiles.priceTooLarge",
            "\"{original}\" is too large for a price",
            original
        )));
    }
    let scale = if currency.eq_ignore_ascii_case("JPY") {
        1.0
    } else {
        100.0
    };
    Some(Ok((value * scale).round() as i64))
}

/// Tags from a cell: separated by commas, semicolons or Japanese commas; a tag may be quoted
/// (Mailchimp writes `"VIP","Newsletter, weekly"`).
pub fn split_list(text: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' | ';' | '、' | '，' if !quoted => items.push(std::mem::take(&mut current)),
            _ => current.push(c),
        }
    }
    items.push(current);
    items
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn export_dates_and_amounts_read_as_a_manager_typed_them() {
        let tokyo: Tz = "Asia/Tokyo".parse().expect("zone");
        let at = |s| parse_time(s, tokyo);
        assert_eq!(at("2026-10-01T09:00:00Z"), Some(1_790_845_200_000));
        assert_eq!(at("2026/10/01 18:00"), Some(1_790_845_200_000));
        assert_eq!(at("2026年10月1日 18:00"), Some(1_790_845_200_000));
        assert_eq!(at("２０２６/１０/０１ １８:００"), Some(1_790_845_200_000));
        assert_eq!(at("2026-10-01 09:00:00 UTC"), Some(1_790_845_200_000));
        assert_eq!(at("soon"), None);
        assert_eq!(parse_money("¥1,500", "JPY"), Some(Ok(1500)));
        assert_eq!(parse_money("20.00", "USD"), Some(Ok(2000)));
        assert_eq!(parse_money("20.00 USD", "USD"), Some(Ok(2000)));
        assert_eq!(parse_money("１，５００円", "JPY"), Some(Ok(1500)));
        assert_eq!(parse_money("無料", "JPY"), Some(Ok(0)));
        let refused = |s| {
            parse_money(s, "JPY")
                .and_then(Result::err)
                .map(|e| e.to_string())
        };
        assert_eq!(
            refused("-5").as_deref(),
            Some("a price cannot be negative (\"-5\")")
        );
        assert_eq!(
            refused("12abc34").as_deref(),
            Some("\"12abc34\" is not an amount")
        );
        assert_eq!(
            split_list("speaker、volunteer; vip"),
            vec!["speaker", "volunteer", "vip"]
        );
        assert_eq!(
            split_list("\"VIP\",\"Newsletter, weekly\""),
            vec!["VIP", "Newsletter, weekly"]
        );
    }

    #[test]
    fn impossible_dates_say_what_is_wrong() {
        let tokyo: Tz = "Asia/Tokyo".parse().expect("zone");
        let why = |s| read_time(s, tokyo).expect_err(s).to_string();
        assert_eq!(
            why("2026-02-30"),
            "\"2026-02-30\" is not a real date: that month has no day 30"
        );
        assert_eq!(
            why("10/01/26"),
            "\"10/01/26\" has a two-digit year; write the year in full, like 2026-10-01"
        );
        assert_eq!(
            why("2026-13-01"),
            "\"2026-13-01\" has no month 13 (months are 1 to 12); write it like 2026-10-01 or 2026-10-01 19:00"
        );
    }
}
