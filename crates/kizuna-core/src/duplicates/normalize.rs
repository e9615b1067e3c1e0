//! Keys for the identifiers that pin a person down: email, phone and platform handle. Two
//! members with the same key share the identifier however it was typed.

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

/// The email as one mailbox: trimmed, width- and case-folded, without a `+tag`.
///
/// `taro+hinata@example.jp` and `Taro@Example.jp` are the same inbox at every common provider,
/// so they count as the same email. Dots in the local part are kept: only Gmail ignores them.
pub fn email_key(email: &str) -> Option<String> {
    let folded = fold_width_and_case(email.trim());
    let (local, domain) = folded.rsplit_once('@')?;
    let local = local
        .split_once('+')
        .map_or(local, |(mailbox, _tag)| mailbox);
    if local.is_empty() || domain.is_empty() {
        return None;
    }
    Some(format!("{local}@{domain}"))
}

/// The phone number as digits, with Japan's `+81` written as the domestic leading `0`.
///
/// `090-1234-5678`, `+81 90 1234 5678` and `０９０１２３４５６７８` give the same key; other
/// international numbers keep their `+` and country code. Fewer than 7 digits is no number.
pub fn phone_key(phone: &str) -> Option<String> {
    let folded: String = phone.trim().nfkc().collect();
    let digits: String = folded.chars().filter(char::is_ascii_digit).collect();
    let international = if folded.starts_with('+') {
        Some(digits.as_str())
    } else {
        digits.strip_prefix("00")
    };
    let key = match international {
        Some(number) => match number.strip_prefix("81") {
            Some(national) => format!("0{}", national.trim_start_matches('0')),
            None => format!("+{number}"),
        },
        None => digits.clone(),
    };
    (key.chars().filter(char::is_ascii_digit).count() >= 7).then_some(key)
}

/// The handle on a platform: trimmed, without a leading `@`, width- and case-folded.
pub fn handle_key(handle: &str) -> Option<String> {
    let folded = fold_width_and_case(handle.trim());
    let key = folded.trim_start_matches('@').trim();
    (!key.is_empty()).then(|| key.to_owned())
}

/// NFKC (full/half width) and lower case, skipping the normaliser for text already in NFKC
/// (all ASCII, and most names), which keeps a 100k-member scan fast.
pub fn fold_width_and_case(text: &str) -> String {
    if text.is_ascii() {
        text.to_ascii_lowercase()
    } else if is_nfkc_quick(text.chars()) == IsNormalized::Yes {
        text.to_lowercase()
    } else {
        text.nfkc().flat_map(char::to_lowercase).collect()
    }
}

/// The platform name as stored (lower case, trimmed).
pub fn platform_key(platform: &str) -> String {
    platform.trim().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_fold_case_width_spaces_and_plus_tags() {
        let key = Some("taro.yamada@example.jp".to_owned());
        assert_eq!(email_key(" Taro.Yamada@Example.JP "), key);
        assert_eq!(email_key("taro.yamada+hinata@example.jp"), key);
        assert_eq!(
            email_key("ｔａｒｏ．ｙａｍａｄａ＠ｅｘａｍｐｌｅ．ｊｐ"),
            key
        );
        assert_ne!(email_key("taroyamada@example.jp"), key);
        assert_eq!(email_key("not an email"), None);
        assert_eq!(email_key("+tag@example.jp"), None);
    }

    #[test]
    fn japanese_phone_numbers_match_in_domestic_and_international_form() {
        let key = Some("09012345678".to_owned());
        assert_eq!(phone_key("090-1234-5678"), key);
        assert_eq!(phone_key("+81 90-1234-5678"), key);
        assert_eq!(phone_key("+81 (0)90 1234 5678"), key);
        assert_eq!(phone_key("0081 90 1234 5678"), key);
        assert_eq!(phone_key("０９０（１２３４）５６７８"), key);
        assert_eq!(
            phone_key("+1 (206) 555-0142"),
            Some("+12065550142".to_owned())
        );
        assert_eq!(phone_key("12-34"), None);
    }

    #[test]
    fn handles_fold_case_and_a_leading_at_sign() {
        assert_eq!(handle_key(" @Taro_Yamada "), Some("taro_yamada".to_owned()));
        assert_eq!(handle_key("ＴａｒｏＹ"), Some("taroy".to_owned()));
        assert_eq!(handle_key("@"), None);
    }
}
