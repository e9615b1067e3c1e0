//! Reading the values of export cells: dates in the forms platforms write them, money, lists.

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone};
use chrono_tz::Tz;

/// Unix ms of a date or time as exports write it; times without a zone are on `zone`'s clock.
pub fn parse_time(text: &str, zone: Tz) -> Option<i64> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    if let Ok(d) = DateTime::parse_from_rfc3339(t) {
        return Some(d.timestamp_millis());
    }
    for f in [
        "%Y-%m-%d %H:%M:%S %z",
        "%Y-%m-%d %H:%M %z",
        "%Y/%m/%d %H:%M:%S %z",
    ] {
        if let Ok(d) = DateTime::parse_from_str(t, f) {
            return Some(d.timestamp_millis());
        }
    }
    let local = |n: NaiveDateTime| {
        zone.from_local_datetime(&n)
            .earliest()
            .map(|d| d.timestamp_millis())
    };
    for f in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%d %H:%M",
        "%Y/%m/%d %H:%M:%S",
        "%Y/%m/%d %H:%M",
        "%Y年%m月%d日 %H:%M",
        "%Y年%m月%d日 %H時%M分",
        "%b %d, %Y %I:%M %p",
        "%m/%d/%Y %H:%M",
        "%m/%d/%Y %I:%M %p",
    ] {
        if let Ok(n) = NaiveDateTime::parse_from_str(t, f) {
            return local(n);
        }
    }
    for f in [
        "%Y-%m-%d",
        "%Y/%m/%d",
        "%Y年%m月%d日",
        "%m/%d/%Y",
        "%b %d, %Y",
    ] {
        if let Ok(d) = NaiveDate::parse_from_str(t, f) {
            return d.and_hms_opt(0, 0, 0).and_then(local);
        }
    }
    None
}

/// Minor units of an amount such as `¥1,500`, `1500.00`, `$20`, `Free`, `無料`; `None` when
/// the text is not an amount. Yen have no minor unit; other currencies have two decimals.
pub fn parse_money(text: &str, currency: &str) -> Option<Result<i64, String>> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    if ["free", "無料", "0"].contains(&t.to_lowercase().as_str()) {
        return Some(Ok(0));
    }
    let cleaned: String = t
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '.' || *c == '-')
        .collect();
    let value: f64 = match cleaned.parse() {
        Ok(v) => v,
        Err(_) => return Some(Err(format!("\"{t}\" is not an amount"))),
    };
    if value < 0.0 {
        return Some(Err(format!("a price cannot be negative (\"{t}\")")));
    }
    let scale = if currency.eq_ignore_ascii_case("JPY") {
        1.0
    } else {
        100.0
    };
    Some(Ok((value * scale).round() as i64))
}

/// Tags from a cell: separated by commas, semicolons or Japanese commas.
pub fn split_list(text: &str) -> Vec<String> {
    text.split([',', ';', '、', '，'])
        .map(str::trim)
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
        assert_eq!(at("soon"), None);
        assert_eq!(parse_money("¥1,500", "JPY"), Some(Ok(1500)));
        assert_eq!(parse_money("20.00", "USD"), Some(Ok(2000)));
        assert_eq!(parse_money("無料", "JPY"), Some(Ok(0)));
        assert_eq!(
            parse_money("-5", "JPY"),
            Some(Err("a price cannot be negative (\"-5\")".to_owned()))
        );
        assert_eq!(
            split_list("speaker、volunteer; vip"),
            vec!["speaker", "volunteer", "vip"]
        );
    }
}
