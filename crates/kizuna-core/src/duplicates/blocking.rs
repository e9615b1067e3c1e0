//! Blocking: a member is compared only with members who share a key with them (email, phone,
//! handle, or a rare name), found through hash maps, so the work grows with the number of
//! matches and never with the square of the community.

use std::collections::HashMap;

use super::facts::MemberFacts;

/// An email, phone or handle held by more live members than this is a shared one (a role
/// address, an office switchboard), not one person's, and suggests nothing.
pub const SHARED_IDENTIFIER_LIMIT: usize = 20;

/// A name alone suggests a duplicate only when at most this many live members have it:
/// a name as common as 佐藤 結衣 says nothing on its own.
pub const RARE_NAME_HOLDERS: usize = 3;

/// The pairs worth comparing, and how many members hold each name key.
pub struct Blocks<'m> {
    /// Member positions `(a, b)` with `a < b`, sorted, each once.
    pub pairs: Vec<(u32, u32)>,
    by_name: HashMap<&'m str, Vec<u32>>,
}

impl<'m> Blocks<'m> {
    /// Groups `members` by every key and lists the pairs inside each group.
    pub fn build(members: &'m [MemberFacts]) -> Self {
        let mut by_email: HashMap<&str, Vec<u32>> = HashMap::new();
        let mut by_phone: HashMap<&str, Vec<u32>> = HashMap::new();
        let mut by_handle: HashMap<(&str, &str), Vec<u32>> = HashMap::new();
        let mut by_name: HashMap<&str, Vec<u32>> = HashMap::new();
        for (i, member) in (0u32..).zip(members) {
            if let Some(email) = &member.email {
                by_email.entry(email).or_default().push(i);
            }
            if let Some(phone) = &member.phone {
                by_phone.entry(phone).or_default().push(i);
            }
            for (platform, handle) in &member.handles {
                by_handle.entry((platform, handle)).or_default().push(i);
            }
            for key in member.name.all() {
                by_name.entry(key).or_default().push(i);
            }
        }
        let mut pairs = Vec::new();
        let identifier_groups = by_email
            .values()
            .chain(by_phone.values())
            .chain(by_handle.values());
        for group in identifier_groups.filter(|g| g.len() <= SHARED_IDENTIFIER_LIMIT) {
            push_pairs(group, &mut pairs, |_, _| true);
        }
        // Two members who both have an email either share it (found above) or contradict
        // each other, so a rare name only needs pairing where one of them has none.
        let email_missing = |a: u32, b: u32| {
            members[a as usize].email.is_none() || members[b as usize].email.is_none()
        };
        for group in by_name.values().filter(|g| g.len() <= RARE_NAME_HOLDERS) {
            push_pairs(group, &mut pairs, email_missing);
        }
        pairs.sort_unstable();
        pairs.dedup();
        Self { pairs, by_name }
    }

    /// How many live members hold the rarest name key `a` and `b` share, if they share one.
    pub fn rarest_shared_name(&self, a: &MemberFacts, b: &MemberFacts) -> Option<usize> {
        a.name
            .shared(&b.name)
            .filter_map(|key| self.by_name.get(key).map(Vec::len))
            .min()
    }
}

fn push_pairs(group: &[u32], pairs: &mut Vec<(u32, u32)>, keep: impl Fn(u32, u32) -> bool) {
    for (n, &a) in group.iter().enumerate() {
        for &b in &group[n + 1..] {
            let pair = (a.min(b), a.max(b));
            if a != b && keep(pair.0, pair.1) {
                pairs.push(pair);
            }
        }
    }
}
