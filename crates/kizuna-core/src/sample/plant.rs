//! Planted duplicates: about 1% of sample members are a second record of someone already in
//! the community, written the way another source would have it — katakana or romaji instead
//! of kanji, swapped name order, full width, another phone format, an upper-case or `+tag`
//! email — plus a few namesakes: different people who share a common name.
//!
//! The ground truth is not stored (a marker on a member would sync with it); [`pairs`]
//! recomputes it from the plans, which the seed reproduces.

use std::collections::{HashMap, HashSet};

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use wana_kana::ConvertJapanese;

use super::names::{JA_FAMILY, JA_GIVEN, JaName};
use super::plan::{MemberPlan, Origin, plan_member};
use crate::members::{NewIdentity, NewMember};

const DAY_MS: i64 = 86_400_000;
/// Mixed into the sample seed so planting draws from its own stream.
const PLANT_STREAM: u64 = 0x0070_6C61_6E74_6564;

/// How many planted records a community of a given size gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlantCounts {
    /// Second records of existing people (1% of members).
    pub copies: u32,
    /// Different people given an existing member's name (0.4% of members).
    pub namesakes: u32,
}

impl PlantCounts {
    /// The counts for a community of `members`.
    pub fn for_members(members: u32) -> Self {
        Self {
            copies: members / 100,
            namesakes: members / 250,
        }
    }

    /// All planted records.
    pub fn total(self) -> u32 {
        self.copies + self.namesakes
    }
}

/// Ground truth for duplicate detection: positions of members in creation order (the order
/// `generate` writes them, i.e. `ORDER BY rowid`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlantedPairs {
    /// `(original, copy)`: the copy is another record of the same person. A person copied
    /// twice appears in two pairs with the same original.
    pub duplicates: Vec<(usize, usize)>,
    /// `(person, namesake)`: different people with the same name, emails and handles.
    pub namesakes: Vec<(usize, usize)>,
}

/// How another source writes the same person.
#[derive(Debug, Clone, Copy)]
enum CopyKind {
    /// Another name form (katakana, hiragana, romaji, "FAMILY, Given"), the same email.
    SameEmail,
    /// A platform connector: romaji or a nickname, no email, the same handle.
    SameHandle,
    /// An event walk-in: swapped name order, the phone in another format.
    SamePhone,
    /// Typed in full width, the same email.
    FullWidth,
}

const KINDS: [CopyKind; 4] = [
    CopyKind::SameEmail,
    CopyKind::SameHandle,
    CopyKind::SamePhone,
    CopyKind::FullWidth,
];

/// Adds planted copies and namesakes of the people already in `plans`.
pub fn plant(
    plans: &mut Vec<MemberPlan>,
    seed: u64,
    now_ms: i64,
    taken: &mut HashSet<String>,
    counts: PlantCounts,
) {
    let people = plans.len();
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ PLANT_STREAM);
    let mut chosen = HashSet::new();
    let mut choose = |rng: &mut ChaCha8Rng| {
        (chosen.len() < people).then(|| {
            loop {
                let n = rng.random_range(0..people);
                if chosen.insert(n) {
                    break n;
                }
            }
        })
    };
    let mut copies = 0;
    let mut group = 0;
    while copies < counts.copies {
        let Some(o) = choose(&mut rng) else { break };
        let copy = copy_of(&mut rng, &mut plans[o], KINDS[group % 4], now_ms, taken);
        plans.push(copy);
        copies += 1;
        // Now and then a third record: 山田 太郎 / ヤマダ タロウ (email) / Taro Yamada (handle).
        if group % 8 == 4 && copies < counts.copies {
            let copy = copy_of(&mut rng, &mut plans[o], CopyKind::SameHandle, now_ms, taken);
            plans.push(copy);
            copies += 1;
        }
        group += 1;
    }
    for _ in 0..counts.namesakes {
        let Some(o) = choose(&mut rng) else { break };
        let namesake = namesake_of(&mut rng, &mut plans[o], now_ms, taken);
        plans.push(namesake);
    }
}

/// The planted pairs among `plans`, by position.
pub fn pairs(plans: &[MemberPlan]) -> PlantedPairs {
    let person_at: HashMap<u32, usize> = plans
        .iter()
        .enumerate()
        .filter_map(|(i, p)| match p.origin {
            Origin::Person(n) => Some((n, i)),
            _ => None,
        })
        .collect();
    let mut planted = PlantedPairs::default();
    for (i, plan) in plans.iter().enumerate() {
        let (list, n) = match plan.origin {
            Origin::Person(_) => continue,
            Origin::Copy(n) => (&mut planted.duplicates, n),
            Origin::Namesake(n) => (&mut planted.namesakes, n),
        };
        if let Some(&o) = person_at.get(&n) {
            list.push((o, i));
        }
    }
    planted.duplicates.sort_unstable();
    planted.namesakes.sort_unstable();
    planted
}

/// A name split into family and given parts, with the kana reading when there is one.
struct NameParts {
    family: String,
    given: String,
    /// (family, given) in katakana.
    kana: Option<(String, String)>,
}

impl NameParts {
    fn of(profile: &NewMember) -> Self {
        let split = |s: &str| -> (String, String) {
            let mut parts = s.splitn(2, ' ');
            let a = parts.next().unwrap_or_default().to_owned();
            (a, parts.next().unwrap_or_default().to_owned())
        };
        match &profile.name_reading {
            // Japanese sample names are "family given".
            Some(reading) => {
                let (family, given) = split(&profile.display_name);
                Self {
                    family,
                    given,
                    kana: Some(split(reading)),
                }
            }
            None => {
                let (given, family) = split(&profile.display_name);
                Self {
                    family,
                    given,
                    kana: None,
                }
            }
        }
    }

    /// (family, given) in romaji, in one of the ways people write long vowels.
    fn romaji(&self, rng: &mut ChaCha8Rng) -> (String, String) {
        let Some((family, given)) = &self.kana else {
            return (self.family.clone(), self.given.clone());
        };
        let style = rng.random_range(0..4);
        let write = |kana: &str, table: &[JaName]| {
            let wapuro = kana.to_romaji();
            let word = match style {
                // Passport Hepburn, as the name tables spell it: Sato, Ota.
                0 => table
                    .iter()
                    .find(|n| n.1 == kana)
                    .map_or(wapuro, |n| n.2.to_owned()),
                1 => wapuro,
                2 => long_vowels(&wapuro, "oh", "uu"),
                _ => long_vowels(&wapuro, "ō", "ū"),
            };
            capitalised(&word)
        };
        (write(family, JA_FAMILY), write(given, JA_GIVEN))
    }
}

/// Writes long o (`ou`, `oo`) and long u (`uu`) as given, where no vowel follows.
fn long_vowels(wapuro: &str, long_o: &str, long_u: &str) -> String {
    let chars: Vec<char> = wapuro.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let (c, next) = (chars[i], chars.get(i + 1).copied());
        let vowel_after = chars
            .get(i + 2)
            .is_some_and(|c| matches!(c, 'a' | 'i' | 'u' | 'e' | 'o'));
        match (c, next) {
            ('o', Some('u' | 'o')) if !vowel_after => out.push_str(long_o),
            ('u', Some('u')) if !vowel_after => out.push_str(long_u),
            _ => {
                out.push(c);
                i += 1;
                continue;
            }
        }
        i += 2;
    }
    out
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

fn full_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            ' ' => '\u{3000}',
            '!'..='~' => char::from_u32(u32::from(c) + 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// Another record of `original`'s person, as a source of `kind` would write it. May give the
/// original a phone or an identity so there is something to share.
fn copy_of(
    rng: &mut ChaCha8Rng,
    original: &mut MemberPlan,
    kind: CopyKind,
    now_ms: i64,
    taken: &mut HashSet<String>,
) -> MemberPlan {
    let name = NameParts::of(&original.profile);
    let joined_at = (original.joined_at + rng.random_range(1..120) * DAY_MS).min(now_ms);
    let mut profile = NewMember {
        locale: original.profile.locale.clone(),
        country: original.profile.country.clone(),
        city: original.profile.city.clone(),
        birth_year: original.profile.birth_year.filter(|_| rng.random_bool(0.5)),
        joined_at: Some(joined_at),
        ..NewMember::default()
    };
    let (family, given) = name.romaji(rng);
    match kind {
        CopyKind::SameEmail => {
            profile.source = Some("eventbrite import".to_owned());
            profile.email = original
                .profile
                .email
                .as_deref()
                .map(|e| email_variant(rng, e));
            match &name.kana {
                Some((kf, kg)) if rng.random_bool(0.7) => {
                    let reading = format!("{kf} {kg}");
                    profile.display_name = if rng.random_bool(0.6) {
                        reading.clone()
                    } else {
                        reading.to_hiragana()
                    };
                    profile.name_reading = Some(reading);
                }
                _ => profile.display_name = format!("{}, {given}", family.to_uppercase()),
            }
        }
        CopyKind::SameHandle => {
            profile.source = Some("platform connector".to_owned());
            let identity = shared_identity(rng, original);
            let handle = match rng.random_range(0..3) {
                0 => format!("@{}", identity.handle),
                1 => capitalised(&identity.handle),
                _ => identity.handle.clone(),
            };
            profile.display_name = match rng.random_range(0..3) {
                0 => format!("{given} {family}").to_lowercase(),
                1 => format!("{family} {given}"),
                _ => format!("{given} {family}"),
            };
            profile.identities.push(NewIdentity { handle, ..identity });
        }
        CopyKind::SamePhone => {
            profile.source = Some("event check-in".to_owned());
            let phone = original
                .profile
                .phone
                .get_or_insert_with(|| new_phone(rng, name.kana.is_some()))
                .clone();
            profile.phone = Some(other_phone_format(&phone));
            profile.display_name = match &name.kana {
                Some(_) => format!("{} {}", name.given, name.family),
                None => format!("{} {}", name.family, name.given),
            };
            profile.name_reading = name.kana.as_ref().map(|(kf, kg)| format!("{kg} {kf}"));
            if rng.random_bool(0.5) {
                profile.email = Some(work_email(&original.profile, taken));
            }
        }
        CopyKind::FullWidth => {
            profile.source = Some("paper form".to_owned());
            profile.email = original
                .profile
                .email
                .as_deref()
                .map(|e| email_variant(rng, e));
            profile.display_name = match &name.kana {
                Some(_) => full_width(&format!("{} {given}", family.to_uppercase())),
                None => full_width(&format!("{given} {family}")),
            };
        }
    }
    let platforms = profile
        .identities
        .iter()
        .filter_map(|i| original.platforms.iter().find(|p| **p == i.platform))
        .copied()
        .collect();
    MemberPlan {
        profile,
        joined_at,
        propensity: original.propensity * 0.3,
        active_until: original.active_until.max(joined_at).min(now_ms),
        activity_count: 0,
        platforms,
        origin: Origin::Copy(person_of(original)),
    }
}

fn person_of(plan: &MemberPlan) -> u32 {
    match plan.origin {
        Origin::Person(n) | Origin::Copy(n) | Origin::Namesake(n) => n,
    }
}

/// The same address as another source types it: as is, capitalised, or with a `+tag`.
fn email_variant(rng: &mut ChaCha8Rng, email: &str) -> String {
    match (rng.random_range(0..4), email.split_once('@')) {
        (1, _) => email.to_uppercase(),
        (2, Some((local, domain))) => format!("{local}+hinata@{domain}"),
        (3, Some((local, domain))) => format!("{}@{}", capitalised(local), capitalised(domain)),
        _ => email.to_owned(),
    }
}

/// One of the original's identities (giving them an X account if they have none).
fn shared_identity(rng: &mut ChaCha8Rng, original: &mut MemberPlan) -> NewIdentity {
    if original.profile.identities.is_empty() {
        let handle = handle_stem(&original.profile);
        original.profile.identities.push(NewIdentity {
            platform: "x".to_owned(),
            url: Some(format!("https://x.com/{handle}")),
            handle,
            followers: Some(rng.random_range(20..900)),
        });
        original.platforms.push("x");
    }
    let n = rng.random_range(0..original.profile.identities.len());
    original.profile.identities[n].clone()
}

/// The handle the sample derives from an email's local part.
fn handle_stem(profile: &NewMember) -> String {
    profile
        .email
        .as_deref()
        .and_then(|e| e.split('@').next())
        .unwrap_or("member")
        .replace('.', "_")
}

fn new_phone(rng: &mut ChaCha8Rng, japanese: bool) -> String {
    let (a, b) = (rng.random_range(0..10_000), rng.random_range(0..10_000));
    if japanese {
        format!("090-{a:04}-{b:04}")
    } else {
        format!("+1 206-{:03}-{b:04}", a % 1000)
    }
}

/// `090-1234-5678` ⇄ `+81 90-1234-5678`; `+1 206-555-0142` → `+12065550142`.
fn other_phone_format(phone: &str) -> String {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    match digits.strip_prefix('0') {
        Some(national) if !phone.starts_with('+') => {
            let (area, rest) = national.split_at(national.len().min(2));
            let (mid, last) = rest.split_at(rest.len().min(4));
            format!("+81 {area}-{mid}-{last}")
        }
        _ => format!("+{digits}"),
    }
}

/// A work address for the original's person: unique, and different from their own.
fn work_email(profile: &NewMember, taken: &mut HashSet<String>) -> String {
    let stem: String = profile
        .email
        .as_deref()
        .and_then(|e| e.split('@').next())
        .unwrap_or("member")
        .trim_end_matches(|c: char| c.is_ascii_digit())
        .to_owned();
    let local = claim(taken, &stem, 0);
    format!("{local}@works.example.co.jp")
}

/// `stem` followed by `n` (none when 0), bumped until no other sample member uses it.
pub fn claim(taken: &mut HashSet<String>, stem: &str, n: u32) -> String {
    let mut n = n;
    loop {
        let local = if n == 0 {
            stem.to_owned()
        } else {
            format!("{stem}{n}")
        };
        if taken.insert(local.clone()) {
            return local;
        }
        n += if n == 0 { 1 } else { 100 };
    }
}

/// A different person with `original`'s name: their own email and their own handles on the
/// original's platforms (the original gets an X account if they have none).
fn namesake_of(
    rng: &mut ChaCha8Rng,
    original: &mut MemberPlan,
    now_ms: i64,
    taken: &mut HashSet<String>,
) -> MemberPlan {
    shared_identity(rng, original);
    let mut namesake = plan_member(rng, now_ms, taken, Origin::Namesake(person_of(original)));
    let profile = &mut namesake.profile;
    profile.display_name = original.profile.display_name.clone();
    profile.name_reading = original.profile.name_reading.clone();
    profile.locale = original.profile.locale.clone();
    profile.country = original.profile.country.clone();
    profile.phone = None;
    let (stem, domain) = original
        .profile
        .email
        .as_deref()
        .and_then(|e| e.split_once('@'))
        .unwrap_or(("member", "example.com"));
    let stem = stem.trim_end_matches(|c: char| c.is_ascii_digit());
    let local = claim(taken, stem, rng.random_range(1..100));
    profile.email = Some(format!("{local}@{domain}"));
    let handle = local.replace('.', "_");
    profile.identities = original
        .profile
        .identities
        .iter()
        .map(|theirs| NewIdentity {
            platform: theirs.platform.clone(),
            handle: if theirs.platform == "discord" {
                format!("{handle}#{}", rng.random_range(1000..10_000))
            } else {
                handle.clone()
            },
            url: None,
            followers: Some(rng.random_range(10..600)),
        })
        .collect();
    namesake.platforms = original.platforms.clone();
    namesake
}
