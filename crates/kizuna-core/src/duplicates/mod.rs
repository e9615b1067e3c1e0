//! Duplicate suggestions: pairs of live members who are probably the same person, with the
//! reasons and a confidence. Nothing is ever merged here; a manager decides.
//!
//! Rules (see `score.rs` for the weights):
//! - the same email (case, width and `+tag` folded) or the same handle on one platform (case
//!   and a leading `@` folded) is strong evidence and is always suggested;
//! - the same phone (`+81 90…` = `090…`) is suggested unless the names differ;
//! - an email, phone or handle held by more than [`SHARED_IDENTIFIER_LIMIT`] live members is
//!   a shared one (`info@…`, a switchboard) and suggests nothing;
//! - the same normalised name (kanji, kana and romaji, either order, long vowels folded — see
//!   `name_keys.rs`) is weak: alone it is suggested only when at most
//!   [`RARE_NAME_HOLDERS`] live members have that name, nothing contradicts it
//!   (no different email, handle on a shared platform, phone or birth year), and neither member
//!   already has a suggestion backed by an email, handle or phone. So two people called
//!   佐藤 結衣 with different emails and different X handles are never suggested.
//!
//! Suggestions are computed on demand and never stored. Pairs a manager dismissed are not
//! excluded yet: that needs a synced `duplicate_dismissals` table (the merge issue).

mod blocking;
mod facts;
pub mod name_keys;
pub mod normalize;
mod score;

use std::collections::HashSet;
use std::fmt;

use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use crate::error::Result;
pub use blocking::{RARE_NAME_HOLDERS, SHARED_IDENTIFIER_LIMIT};

/// Why two members look like the same person.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum DuplicateReason {
    /// The same email address (case, width and `+tag` ignored).
    SameEmail,
    /// The same handle on one platform (case and a leading `@` ignored).
    SameHandle { platform: String },
    /// The same phone number, however it is formatted.
    SamePhone,
    /// The same name once script (kanji/kana/romaji), width, order and long vowels are folded.
    SameNameKey,
}

/// What speaks against two members being the same person.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum DuplicateConflict {
    /// Both have an email and they differ.
    DifferentEmail,
    /// Both are on the platform with different handles.
    DifferentHandle { platform: String },
    /// Both have a phone number and they differ.
    DifferentPhone,
    /// Both names can be compared and they differ.
    DifferentName,
    /// Both have a birth year and they differ.
    DifferentBirthYear,
}

/// One side of a suggestion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SuggestedMember {
    pub id: String,
    pub display_name: String,
}

/// Two live members who are probably the same person.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DuplicateSuggestion {
    /// The older record (smaller UUIDv7 id).
    pub first: SuggestedMember,
    pub second: SuggestedMember,
    /// 0–1, two decimals: how sure the evidence makes us.
    pub confidence: f64,
    pub reasons: Vec<DuplicateReason>,
    pub conflicts: Vec<DuplicateConflict>,
}

/// Up to `limit` suggestions among live members, most confident first (ties by id).
pub fn find_duplicates(conn: &Connection, limit: usize) -> Result<Vec<DuplicateSuggestion>> {
    let members = facts::load(conn)?;
    let blocks = blocking::Blocks::build(&members);
    let mut found: Vec<(u32, u32, score::Assessment)> = blocks
        .pairs
        .iter()
        .filter_map(|&(a, b)| {
            let (x, y) = (&members[a as usize], &members[b as usize]);
            score::assess(x, y, blocks.rarest_shared_name(x, y)).map(|s| (a, b, s))
        })
        .collect();
    // A record already matched by email, handle or phone gets no name-only guesses besides.
    let matched: HashSet<u32> = found
        .iter()
        .filter(|(_, _, s)| s.is_firm())
        .flat_map(|&(a, b, _)| [a, b])
        .collect();
    found.retain(|(a, b, s)| s.is_firm() || !(matched.contains(a) || matched.contains(b)));
    tracing::debug!(
        members = members.len(),
        compared = blocks.pairs.len(),
        suggested = found.len(),
        "duplicate suggestions computed"
    );
    found.sort_by(|(a1, b1, s1), (a2, b2, s2)| {
        s2.confidence
            .total_cmp(&s1.confidence)
            .then((a1, b1).cmp(&(a2, b2)))
    });
    found.truncate(limit);
    let side = |i: u32| {
        let m = &members[i as usize];
        SuggestedMember {
            id: m.id.clone(),
            display_name: m.display_name.clone(),
        }
    };
    Ok(found
        .into_iter()
        .map(|(a, b, s)| DuplicateSuggestion {
            first: side(a),
            second: side(b),
            confidence: s.confidence,
            reasons: s.reasons,
            conflicts: s.conflicts,
        })
        .collect())
}

impl fmt::Display for DuplicateReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DuplicateReason::SameEmail => f.write_str("same email"),
            DuplicateReason::SameHandle { platform } => write!(f, "same {platform} handle"),
            DuplicateReason::SamePhone => f.write_str("same phone"),
            DuplicateReason::SameNameKey => f.write_str("same name"),
        }
    }
}

impl fmt::Display for DuplicateConflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DuplicateConflict::DifferentEmail => f.write_str("different emails"),
            DuplicateConflict::DifferentHandle { platform } => {
                write!(f, "different {platform} handles")
            }
            DuplicateConflict::DifferentPhone => f.write_str("different phones"),
            DuplicateConflict::DifferentName => f.write_str("different names"),
            DuplicateConflict::DifferentBirthYear => f.write_str("different birth years"),
        }
    }
}
