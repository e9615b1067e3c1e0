//! Numbers, money, dates and changes written for a reader of English or Japanese.

use chrono::{Datelike, NaiveDate};
use kizuna_core::money;

use crate::Lang;

/// An integer with thousands separators: "12,345" in both languages.
pub fn int(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A share as a whole percentage: "42%".
pub fn percent(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

/// An amount in minor units of `currency` as the app shows it: "¥120,000" / "$12.50" in
/// English, "120,000円" in Japanese (no decimals for yen).
pub fn money(minor: i64, currency: &str, lang: Lang) -> String {
    let lang = match lang {
        Lang::En => money::Lang::En,
        Lang::Ja => money::Lang::Ja,
    };
    money::format_amount(minor, currency, lang)
}

/// A date: "7 Dec 2026" / "2026年12月7日".
pub fn date(day: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::En => day.format("%-d %b %Y").to_string(),
        Lang::Ja => format!("{}年{}月{}日", day.year(), day.month(), day.day()),
    }
}

/// A period: "1 Jun 2026 – 30 Nov 2026" / "2026年6月1日〜2026年11月30日".
pub fn period(from: NaiveDate, to: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{} – {}", date(from, lang), date(to, lang)),
        Lang::Ja => format!("{}〜{}", date(from, lang), date(to, lang)),
    }
}

/// The change from `before` to `now`: "+12%" / "−3%", "new" when there was nothing before,
/// "±0%" when unchanged.
pub fn change(now: i64, before: i64, lang: Lang) -> String {
    if before == 0 {
        return match (now, lang) {
            (0, _) => "±0%".to_owned(),
            (_, Lang::En) => "new".to_owned(),
            (_, Lang::Ja) => "新規".to_owned(),
        };
    }
    #[allow(clippy::cast_precision_loss)]
    let ratio = (now - before) as f64 / before as f64 * 100.0;
    let rounded = ratio.round();
    if rounded == 0.0 {
        "±0%".to_owned()
    } else if rounded > 0.0 {
        format!("+{rounded:.0}%")
    } else {
        format!("−{:.0}%", -rounded)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_dates_and_changes_read_naturally_in_both_languages() {
        assert_eq!(int(1_234_567), "1,234,567");
        assert_eq!(int(-980), "-980");
        let day = NaiveDate::from_ymd_opt(2026, 12, 7).expect("date");
        assert_eq!(date(day, Lang::En), "7 Dec 2026");
        assert_eq!(date(day, Lang::Ja), "2026年12月7日");
        assert_eq!(money(120_000, "JPY", Lang::En), "¥120,000");
        assert_eq!(money(120_000, "JPY", Lang::Ja), "120,000円");
        assert_eq!(change(112, 100, Lang::En), "+12%");
        assert_eq!(change(97, 100, Lang::En), "−3%");
        assert_eq!(change(5, 0, Lang::Ja), "新規");
        assert_eq!(change(100, 100, Lang::En), "±0%");
    }
}
