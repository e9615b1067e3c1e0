//! Weighing one pair: what agrees (reasons), what disagrees (conflicts), whether to suggest it
//! and with what confidence.

use super::blocking::RARE_NAME_HOLDERS;
use super::facts::MemberFacts;
use super::name_keys::NameMatch;
use super::{DuplicateConflict, DuplicateReason};

/// How likely each kind of agreement alone makes a duplicate. They combine as independent
/// evidence: 1 − Π(1 − weight).
const SAME_EMAIL: f64 = 0.9;
const SAME_HANDLE: f64 = 0.85;
const SAME_PHONE: f64 = 0.7;
const SAME_NAME: f64 = 0.4;

/// The confidence is multiplied by this for each disagreement.
fn penalty(conflict: &DuplicateConflict) -> f64 {
    match conflict {
        // People keep several addresses and phones; a different one is weak evidence.
        DuplicateConflict::DifferentEmail | DuplicateConflict::DifferentPhone => 0.8,
        DuplicateConflict::DifferentHandle { .. } | DuplicateConflict::DifferentName => 0.6,
        DuplicateConflict::DifferentBirthYear => 0.5,
    }
}

/// The verdict on one pair.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    pub confidence: f64,
    pub reasons: Vec<DuplicateReason>,
    pub conflicts: Vec<DuplicateConflict>,
}

impl Assessment {
    /// Whether something besides the name agrees (email, handle or phone).
    pub fn is_firm(&self) -> bool {
        self.reasons
            .iter()
            .any(|r| *r != DuplicateReason::SameNameKey)
    }
}

/// Weighs `a` against `b`; `None` when they should not be suggested. `rarest_shared_name` is
/// how many live members hold the rarest name key the two share.
///
/// Suggested when they share an email or a handle (whatever else differs); or a phone, unless
/// their names differ (a household shares a landline); or only a rare name, when nothing at
/// all contradicts it.
pub fn assess(
    a: &MemberFacts,
    b: &MemberFacts,
    rarest_shared_name: Option<usize>,
) -> Option<Assessment> {
    let mut reasons = Vec::new();
    let mut conflicts = Vec::new();
    match both_equal(&a.email, &b.email) {
        Some(true) => reasons.push(DuplicateReason::SameEmail),
        Some(false) => conflicts.push(DuplicateConflict::DifferentEmail),
        None => {}
    }
    compare_handles(a, b, &mut reasons, &mut conflicts);
    match both_equal(&a.phone, &b.phone) {
        Some(true) => reasons.push(DuplicateReason::SamePhone),
        Some(false) => conflicts.push(DuplicateConflict::DifferentPhone),
        None => {}
    }
    let name = a.name.compare(&b.name);
    match name {
        NameMatch::Same => reasons.push(DuplicateReason::SameNameKey),
        NameMatch::Different => conflicts.push(DuplicateConflict::DifferentName),
        NameMatch::Unknown => {}
    }
    if let (Some(x), Some(y)) = (a.birth_year, b.birth_year)
        && x != y
    {
        conflicts.push(DuplicateConflict::DifferentBirthYear);
    }

    let has = |reason: &DuplicateReason| reasons.contains(reason);
    let shares_handle = reasons
        .iter()
        .any(|r| matches!(r, DuplicateReason::SameHandle { .. }));
    let suggested = has(&DuplicateReason::SameEmail)
        || shares_handle
        || (has(&DuplicateReason::SamePhone) && name != NameMatch::Different)
        || (reasons == [DuplicateReason::SameNameKey]
            && conflicts.is_empty()
            && rarest_shared_name.is_some_and(|holders| holders <= RARE_NAME_HOLDERS));
    if !suggested {
        return None;
    }
    let doubt: f64 = reasons.iter().map(|r| 1.0 - weight(r)).product();
    let kept: f64 = conflicts.iter().map(penalty).product();
    let confidence = ((1.0 - doubt) * kept * 100.0).round() / 100.0;
    Some(Assessment {
        confidence,
        reasons,
        conflicts,
    })
}

fn weight(reason: &DuplicateReason) -> f64 {
    match reason {
        DuplicateReason::SameEmail => SAME_EMAIL,
        DuplicateReason::SameHandle { .. } => SAME_HANDLE,
        DuplicateReason::SamePhone => SAME_PHONE,
        DuplicateReason::SameNameKey => SAME_NAME,
    }
}

/// Whether two optional values are equal; `None` when either is missing.
fn both_equal(a: &Option<String>, b: &Option<String>) -> Option<bool> {
    Some(a.as_ref()? == b.as_ref()?)
}

/// Per platform both are on: the same handle agrees, only different handles disagree.
fn compare_handles(
    a: &MemberFacts,
    b: &MemberFacts,
    reasons: &mut Vec<DuplicateReason>,
    conflicts: &mut Vec<DuplicateConflict>,
) {
    let mut platforms: Vec<&str> = a.handles.iter().map(|(p, _)| p.as_str()).collect();
    platforms.dedup();
    for platform in platforms {
        if b.handles_on(platform).next().is_none() {
            continue;
        }
        let platform_name = platform.to_owned();
        if a.handles_on(platform)
            .any(|h| b.handles_on(platform).any(|other| other == h))
        {
            reasons.push(DuplicateReason::SameHandle {
                platform: platform_name,
            });
        } else {
            conflicts.push(DuplicateConflict::DifferentHandle {
                platform: platform_name,
            });
        }
    }
}
