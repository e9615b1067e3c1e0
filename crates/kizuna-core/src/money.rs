//! Money: integer minor units plus an ISO-4217 code, never a float.

use crate::error::Result;

/// Money as integer minor units of an ISO-4217 currency (JPY has no minor unit).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Money {
    pub minor: i64,
    pub currency: [u8; 3],
}

impl Money {
    /// Money in `currency` (three ASCII capitals, e.g. "JPY").
    pub fn new(minor: i64, currency: &str) -> Result<Self> {
        let bytes: [u8; 3] = currency
            .as_bytes()
            .try_into()
            .ok()
            .filter(|b: &[u8; 3]| b.iter().all(u8::is_ascii_uppercase))
            .ok_or_else(|| {
                crate::invalid!(
                    "money.notIso",
                    "\"{currency}\" is not an ISO 4217 currency code",
                    currency
                )
            })?;
        Ok(Self {
            minor,
            currency: bytes,
        })
    }

    /// The currency code.
    pub fn currency(&self) -> &str {
        std::str::from_utf8(&self.currency).unwrap_or("XXX")
    }
}

/// A currency Kizuna can parse and format: its ISO 4217 code and minor-unit digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CurrencyInfo {
    /// ISO 4217 code, e.g. "JPY".
    pub code: &'static str,
    /// Digits after the decimal point (ISO 4217 minor unit): 0 for JPY and KRW, 2 for USD.
    pub minor_digits: u8,
    /// The symbol shown before an amount in English, e.g. "¥" or "NT$".
    pub symbol: &'static str,
    /// Every prefix or suffix a person may type for this currency (besides the code).
    pub typed: &'static [&'static str],
}

/// The currencies budgets support, with their ISO 4217 minor units.
pub const CURRENCIES: &[CurrencyInfo] = &[
    cur("JPY", 0, "¥", &["¥", "￥", "円"]),
    cur("USD", 2, "$", &["US$", "$", "＄"]),
    cur("EUR", 2, "€", &["€"]),
    cur("GBP", 2, "£", &["£"]),
    cur("KRW", 0, "₩", &["₩", "￦", "원"]),
    cur("TWD", 2, "NT$", &["NT$", "$"]),
    cur("CNY", 2, "CN¥", &["CN¥", "¥", "￥", "元"]),
    cur("AUD", 2, "A$", &["AU$", "A$", "$"]),
    cur("CAD", 2, "CA$", &["CA$", "C$", "$"]),
    cur("SGD", 2, "S$", &["S$", "$"]),
];

const fn cur(
    code: &'static str,
    minor_digits: u8,
    symbol: &'static str,
    typed: &'static [&'static str],
) -> CurrencyInfo {
    CurrencyInfo {
        code,
        minor_digits,
        symbol,
        typed,
    }
}

/// The supported currency `code` (case-insensitive), or a message naming the supported ones.
pub fn currency_info(code: &str) -> Result<&'static CurrencyInfo> {
    let upper = code.trim().to_ascii_uppercase();
    CURRENCIES.iter().find(|c| c.code == upper).ok_or_else(|| {
        let known: Vec<&str> = CURRENCIES.iter().map(|c| c.code).collect();
        crate::invalid!(
            "money.unsupportedCurrency",
            "\"{code}\" is not a supported currency; use one of {known}",
            code,
            known = known.join(", ")
        )
    })
}

/// The currency an amount's own symbol names unambiguously ("¥1,200" → JPY, "€5" → EUR,
/// "$5" → USD), or its ISO code ("1200 JPY"); `None` when it names none.
pub fn currency_in_text(input: &str) -> Option<&'static str> {
    let text = normalize_width(input.trim());
    let upper = text.to_ascii_uppercase();
    if let Some(c) = CURRENCIES
        .iter()
        .find(|c| upper.starts_with(c.code) || upper.ends_with(c.code))
    {
        return Some(c.code);
    }
    // The first currency listing a symbol is its usual owner: "¥" is JPY, "$" is USD.
    let mut best: Option<(&str, &str)> = None;
    for c in CURRENCIES {
        for s in c.typed {
            let hit = text.starts_with(s) || text.ends_with(s);
            if hit && best.is_none_or(|(_, b)| s.chars().count() > b.chars().count()) {
                best = Some((c.code, s));
            }
        }
    }
    best.map(|(code, _)| code)
}

/// Parses an amount a person typed in `currency` into integer minor units, strictly:
/// "1,200", "1200" and "¥1,200" for JPY; "12.50" or "$12.5" for USD. Commas must group
/// thousands, decimals may not exceed the currency's minor unit, and a symbol or code of
/// another currency is refused.
pub fn parse_amount(input: &str, currency: &str) -> Result<Money> {
    let info = currency_info(currency)?;
    let shown = input.trim();
    if shown.is_empty() {
        return Err(crate::invalid!("money.empty", "enter an amount"));
    }
    let text = normalize_width(shown);
    let mut rest = text.as_str();
    rest = strip_marker(rest, info, true);
    rest = strip_marker(rest, info, false);
    let rest = rest.trim();
    if rest.starts_with('-') || rest.starts_with('−') {
        return Err(if rest.len() == 1 {
            crate::invalid!(
                "money.notAmount",
                "\"{text}\" is not an amount: type digits, e.g. {example}",
                text = shown,
                example = example(info)
            )
        } else {
            crate::invalid!(
                "money.negative",
                "\"{text}\" is negative; budget amounts are zero or more",
                text = shown
            )
        });
    }
    if let Some(other) = currency_in_text(rest).filter(|c| *c != info.code) {
        return Err(crate::invalid!(
            "money.otherCurrency",
            "\"{text}\" is in {other}, but this budget is in {currency}",
            text = shown,
            other,
            currency = info.code
        ));
    }
    if rest.is_empty()
        || !rest
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
    {
        return Err(crate::invalid!(
            "money.notAmount",
            "\"{text}\" is not an amount: type digits, e.g. {example}",
            text = shown,
            example = example(info)
        ));
    }
    let (whole, fraction) = match rest.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (rest, None),
    };
    if let Some(f) = fraction {
        if info.minor_digits == 0 {
            return Err(crate::invalid!(
                "money.noDecimals",
                "{currency} has no decimal places, so \"{text}\" cannot have a decimal point",
                currency = info.code,
                text = shown
            ));
        }
        if f.is_empty() || f.contains(['.', ',']) {
            return Err(crate::invalid!(
                "money.notAmount",
                "\"{text}\" is not an amount: type digits, e.g. {example}",
                text = shown,
                example = example(info)
            ));
        }
        if f.len() > usize::from(info.minor_digits) {
            return Err(crate::invalid!(
                "money.tooManyDecimals",
                "{currency} has {digits} decimal places; \"{text}\" has {got}",
                currency = info.code,
                digits = info.minor_digits,
                text = shown,
                got = f.len()
            ));
        }
    }
    let groups: Vec<&str> = whole.split(',').collect();
    let grouped_ok = groups.len() == 1
        || (!groups[0].is_empty()
            && groups[0].len() <= 3
            && groups[1..].iter().all(|g| g.len() == 3));
    if whole.is_empty() || !grouped_ok {
        return Err(crate::invalid!(
            "money.comma",
            "\"{text}\" has a comma in the wrong place: commas separate groups of three digits, e.g. {example}",
            text = shown,
            example = example(info)
        ));
    }
    let too_large = || {
        crate::invalid!(
            "money.tooLarge",
            "\"{text}\" is too large an amount",
            text = shown
        )
    };
    let mut minor: i64 = 0;
    let digits = groups.concat();
    let fraction = fraction.unwrap_or("");
    let padded = format!(
        "{digits}{fraction}{}",
        "0".repeat(usize::from(info.minor_digits) - fraction.len())
    );
    for d in padded.bytes() {
        minor = minor
            .checked_mul(10)
            .and_then(|m| m.checked_add(i64::from(d - b'0')))
            .ok_or_else(too_large)?;
    }
    Money::new(minor, info.code)
}

/// How an amount is written for a reader of `lang` (English or Japanese).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Ja,
}

/// Formats integer minor units of `currency` for display: "¥120,000" / "$12.50" in English,
/// "120,000円" / "$12.50" in Japanese; negative amounts lead with "-".
pub fn format_amount(minor: i64, currency: &str, lang: Lang) -> String {
    let (digits, symbol, code) = match currency_info(currency) {
        Ok(info) => (info.minor_digits, info.symbol, info.code),
        Err(_) => (0, "", currency),
    };
    let sign = if minor < 0 { "-" } else { "" };
    let abs = minor.unsigned_abs();
    let scale = 10u64.pow(u32::from(digits));
    let whole = group_thousands(abs / scale);
    let number = if digits == 0 {
        whole
    } else {
        format!(
            "{whole}.{:0width$}",
            abs % scale,
            width = usize::from(digits)
        )
    };
    match (lang, code) {
        (Lang::Ja, "JPY") => format!("{sign}{number}円"),
        _ if symbol.is_empty() => format!("{sign}{number} {code}"),
        _ => format!("{sign}{symbol}{number}"),
    }
}

fn group_thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn example(info: &CurrencyInfo) -> String {
    format_amount(
        1_250 * 10i64.pow(u32::from(info.minor_digits)),
        info.code,
        Lang::En,
    )
}

/// Removes this currency's code or a typed symbol at the start (`prefix`) or end of `text`.
fn strip_marker<'t>(text: &'t str, info: &CurrencyInfo, prefix: bool) -> &'t str {
    let text = text.trim();
    let mut markers: Vec<&str> = info.typed.to_vec();
    markers.push(info.code);
    markers.sort_by_key(|m| std::cmp::Reverse(m.len()));
    for m in markers {
        let stripped = if prefix {
            strip_prefix_ci(text, m)
        } else {
            strip_suffix_ci(text, m)
        };
        if let Some(rest) = stripped {
            return rest;
        }
    }
    text
}

fn strip_prefix_ci<'t>(text: &'t str, m: &str) -> Option<&'t str> {
    let head = text.get(..m.len())?;
    head.eq_ignore_ascii_case(m).then(|| &text[m.len()..])
}

fn strip_suffix_ci<'t>(text: &'t str, m: &str) -> Option<&'t str> {
    let cut = text.len().checked_sub(m.len())?;
    let tail = text.get(cut..)?;
    tail.eq_ignore_ascii_case(m).then(|| &text[..cut])
}

/// Full-width digits and separators (as typed with a Japanese IME) to ASCII.
fn normalize_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '，' | '、' => ',',
            '．' => '.',
            '－' => '-',
            '　' => ' ',
            other => other,
        })
        .collect()
}
