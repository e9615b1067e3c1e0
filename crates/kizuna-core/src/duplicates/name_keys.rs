//! Name keys: the same person's name written in kanji, kana or romaji, in either order, in full
//! or half width, with or without long vowels, gives at least one equal key.
//!
//! Each name (and each kana reading) is split into words, and every word is written one way:
//! - kana words become romaji (`wana_kana`), then long vowels fold (`tarou` → `taro`);
//! - Latin words lose accents and macrons and fold the same way (`Satō`, `Satoh`, `Satou`,
//!   `Sato` → `sato`; `Ōta`, `Oota`, `Ohta` → `ota`);
//! - other words (kanji) keep their script, width- and case-folded, katakana as hiragana.
//!
//! A key is the words joined without spaces in the written order and with the first or last
//! word moved to the other end, so `山田 太郎` ⇄ `太郎 山田`, `Taro Yamada` ⇄ `YAMADA Taro` and
//! `YamadaTaro` meet. 山田 太郎 with the reading ヤマダ タロウ gets the romaji key `yamadataro`
//! and so matches "Taro Yamada".

use unicode_normalization::UnicodeNormalization;
use wana_kana::ConvertJapanese;

use super::normalize::fold_width_and_case;

/// How two members' names compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameMatch {
    /// They share a key.
    Same,
    /// Both are written in a comparable form (romaji or the same script) and share no key.
    Different,
    /// They cannot be compared (e.g. kanji without a reading against romaji).
    Unknown,
}

/// The keys a member's name can be matched by.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NameKeys {
    /// Keys in romaji, from Latin names and from kana (names and readings).
    romaji: Vec<String>,
    /// Keys in the name's own script (kanji, or kanji mixed with kana).
    script: Vec<String>,
}

impl NameKeys {
    /// The keys of a display name and its optional kana reading.
    pub fn of(display_name: &str, reading: Option<&str>) -> Self {
        let mut keys = Self::default();
        for text in std::iter::once(display_name).chain(reading) {
            let words = words(text);
            if words.is_empty() {
                continue;
            }
            match words
                .iter()
                .map(|w| romaji_word(w))
                .collect::<Option<Vec<_>>>()
            {
                Some(romaji) => keys.romaji.extend(orderings(&romaji)),
                None => keys.script.extend(orderings(
                    &words.iter().map(|w| hiragana(w)).collect::<Vec<_>>(),
                )),
            }
        }
        for list in [&mut keys.romaji, &mut keys.script] {
            list.retain(|k| !k.is_empty());
            list.sort_unstable();
            list.dedup();
        }
        keys
    }

    /// Every key, romaji first.
    pub fn all(&self) -> impl Iterator<Item = &str> {
        self.romaji.iter().chain(&self.script).map(String::as_str)
    }

    /// The keys both names have.
    pub fn shared<'a>(&'a self, other: &'a NameKeys) -> impl Iterator<Item = &'a str> {
        self.all().filter(|k| other.has(k))
    }

    fn has(&self, key: &str) -> bool {
        self.romaji.iter().chain(&self.script).any(|k| k == key)
    }

    /// Whether the two names are the same, different, or cannot be compared.
    pub fn compare(&self, other: &NameKeys) -> NameMatch {
        if self.shared(other).next().is_some() {
            NameMatch::Same
        } else if (!self.romaji.is_empty() && !other.romaji.is_empty())
            || (!self.script.is_empty() && !other.script.is_empty())
        {
            NameMatch::Different
        } else {
            NameMatch::Unknown
        }
    }
}

/// Splits a name into words: NFKC (width), lower case; whitespace and punctuation separate
/// words, except apostrophes and hyphens, which are dropped (`O'Brien` → `obrien`).
fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    for c in fold_width_and_case(text).chars() {
        if matches!(c, '\'' | '’' | '‘' | '`' | '-' | '‐' | '‑') {
            continue;
        }
        if c.is_alphanumeric() {
            word.push(c);
        } else if !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

fn is_kana(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{3096}' | '\u{309D}'..='\u{309F}' | '\u{30A1}'..='\u{30FA}' | '\u{30FC}'..='\u{30FF}')
}

/// Katakana as hiragana, so either spelling of a kana part in a kanji name matches.
fn hiragana(word: &str) -> String {
    word.chars()
        .map(|c| match c {
            'ァ'..='ヶ' => char::from_u32(u32::from(c) - 0x60).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// The folded romaji of a kana or Latin word; `None` for other scripts.
fn romaji_word(word: &str) -> Option<String> {
    if word.is_ascii() {
        return Some(fold_long_vowels(word));
    }
    if word.chars().all(is_kana) {
        return Some(fold_long_vowels(&word.to_romaji()));
    }
    let latin: String = word
        .nfd()
        .filter(|c| !matches!(c, '\u{0300}'..='\u{036F}'))
        .collect();
    latin
        .chars()
        .all(|c| c.is_ascii_alphanumeric())
        .then(|| fold_long_vowels(&latin))
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'i' | 'u' | 'e' | 'o')
}

/// Folds the ways romaji writes long vowels and syllabic n: doubled vowels and `ou` become one
/// vowel, `oh` before a consonant becomes `o`, `m` before `b`/`p`/`m` becomes `n`.
pub fn fold_long_vowels(romaji: &str) -> String {
    let chars: Vec<char> = romaji.chars().filter(char::is_ascii_alphanumeric).collect();
    let mut out = String::with_capacity(chars.len());
    let mut last: Option<char> = None;
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        let skip = match (last, c) {
            (Some(prev), c) if is_vowel(c) && prev == c => true,
            (Some('o'), 'u') => true,
            (Some('o'), 'h') => !next.is_some_and(is_vowel),
            _ => false,
        };
        if skip {
            continue;
        }
        let c = if c == 'm' && matches!(next, Some('b' | 'p' | 'm')) {
            'n'
        } else {
            c
        };
        out.push(c);
        last = Some(c);
    }
    out
}

/// The words joined in the written order and with the first or the last word moved to the
/// other end (family/given order).
fn orderings(words: &[String]) -> Vec<String> {
    let mut keys = vec![words.concat()];
    if words.len() > 1 {
        let mut last_first = words.to_vec();
        last_first.rotate_right(1);
        keys.push(last_first.concat());
        let mut first_last = words.to_vec();
        first_last.rotate_left(1);
        keys.push(first_last.concat());
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(a: &str, a_reading: Option<&str>, b: &str, b_reading: Option<&str>) -> bool {
        NameKeys::of(a, a_reading).compare(&NameKeys::of(b, b_reading)) == NameMatch::Same
    }

    #[test]
    fn long_vowels_fold_however_they_are_romanised() {
        for sato in ["satou", "satoh", "sato", "satoo"] {
            assert_eq!(fold_long_vowels(sato), "sato", "{sato}");
        }
        for ota in ["oota", "ohta", "ota", "outa"] {
            assert_eq!(fold_long_vowels(ota), "ota", "{ota}");
        }
        assert_eq!(fold_long_vowels("yuuki"), "yuki");
        assert_eq!(fold_long_vowels("ohashi"), "ohashi");
        assert_eq!(fold_long_vowels("homma"), "honma");
        assert_eq!(fold_long_vowels("namba"), "nanba");
    }

    #[test]
    fn kanji_with_reading_matches_katakana_hiragana_and_romaji() {
        let reading = Some("ヤマダ タロウ");
        for other in [
            "ヤマダ タロウ",
            "やまだ たろう",
            "ﾔﾏﾀﾞ ﾀﾛｳ",
            "Taro Yamada",
            "YAMADA Tarou",
            "Tarō Yamada",
            "ＹＡＭＡＤＡ　ＴＡＲＯ",
            "YamadaTaro",
            "Yamada, Taro",
        ] {
            assert!(same("山田 太郎", reading, other, None), "{other}");
        }
        assert!(same("山田 太郎", None, "太郎 山田", None));
        assert!(same("山田 太郎", None, "山田太郎", None));
    }

    #[test]
    fn macrons_and_oh_spellings_match() {
        assert!(same("Satō Yūki", None, "Satoh Yuuki", None));
        assert!(same("Ōta Kōji", None, "KOJI OHTA", None));
        assert!(same("太田 浩二", Some("オオタ コウジ"), "Koji Ota", None));
    }

    #[test]
    fn different_names_in_comparable_forms_are_different() {
        let taro = NameKeys::of("山田 太郎", Some("ヤマダ タロウ"));
        assert_eq!(
            taro.compare(&NameKeys::of("Hanako Yamada", None)),
            NameMatch::Different
        );
        assert_eq!(
            taro.compare(&NameKeys::of("山田 花子", None)),
            NameMatch::Different
        );
        assert_eq!(
            NameKeys::of("山田 太郎", None).compare(&NameKeys::of("Taro Yamada", None)),
            NameMatch::Unknown
        );
    }

    #[test]
    fn apostrophes_and_hyphens_join_words() {
        assert!(same("Liam O'Brien", None, "OBrien Liam", None));
        assert!(same("Jean-Luc Picard", None, "Picard Jean Luc", None));
    }
}
