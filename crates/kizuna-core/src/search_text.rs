//! Normalisation for search and sorting: case, full/half width and katakana/hiragana folded,
//! so "ヤマダ", "やまだ" and "ﾔﾏﾀﾞ" find the same member, as do "TARO" and "ｔａｒｏ".

use unicode_normalization::UnicodeNormalization;

/// Folds text for matching: NFKC (width), lower case, katakana to hiragana.
pub fn fold(text: &str) -> String {
    text.nfkc()
        .flat_map(char::to_lowercase)
        .map(katakana_to_hiragana)
        .collect()
}

fn katakana_to_hiragana(c: char) -> char {
    match c {
        'ァ'..='ヶ' => char::from_u32(u32::from(c) - 0x60).unwrap_or(c),
        _ => c,
    }
}

/// Escapes `%`, `_` and `\` so user text is matched literally inside a `LIKE … ESCAPE '\'`.
pub fn like_pattern(query: &str) -> String {
    let mut out = String::with_capacity(query.len() + 2);
    out.push('%');
    for c in fold(query.trim()).chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

/// Fewest characters the trigram index can look up; shorter searches scan instead.
pub const MIN_INDEXED_CHARS: usize = 3;

/// A `GLOB` pattern for the trigram index (`members_search`) matching `query` anywhere in the
/// folded search text, or `None` when the folded query is too short for the index.
/// `*`, `?` and `[` in user text are matched literally.
pub fn glob_pattern(query: &str) -> Option<String> {
    let folded = fold(query.trim());
    if folded.chars().count() < MIN_INDEXED_CHARS {
        return None;
    }
    let mut out = String::with_capacity(folded.len() + 4);
    out.push('*');
    for c in folded.chars() {
        match c {
            '*' => out.push_str("[*]"),
            '?' => out.push_str("[?]"),
            '[' => out.push_str("[[]"),
            other => out.push(other),
        }
    }
    out.push('*');
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn katakana_half_width_and_hiragana_fold_together() {
        assert_eq!(fold("ヤマダ タロウ"), "やまだ たろう");
        assert_eq!(fold("ﾔﾏﾀﾞ"), "やまだ");
        assert_eq!(fold("ＴＡＲＯ Yamada"), "taro yamada");
    }

    #[test]
    fn glob_patterns_need_three_characters_and_keep_wildcards_literal() {
        assert_eq!(glob_pattern(" 山田 "), None);
        assert_eq!(glob_pattern("ﾔﾏﾀﾞ").as_deref(), Some("*やまだ*"));
        assert_eq!(glob_pattern("a*b?[c").as_deref(), Some("*a[*]b[?][[]c*"));
    }

    #[test]
    fn like_wildcards_in_user_text_are_literal() {
        assert_eq!(like_pattern(" 100%_off "), "%100\\%\\_off%");
    }
}
