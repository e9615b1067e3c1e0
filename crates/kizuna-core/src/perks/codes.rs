//! Codes of a perk: imported from a list (text lines or a CSV column) or generated.

use std::collections::{HashMap, HashSet};

use rand::{Rng, SeedableRng};
use rusqlite::types::Value;

use super::perk::ensure_perk;
use crate::audit;
use crate::error::Result;
use crate::store::{SyncedTable, Writer};

/// Letters and digits that cannot be mistaken for each other (no 0/O, 1/I/L, 5/S, 8/B).
pub const CODE_ALPHABET: &[u8] = b"ACDEFGHJKMNPQRTUVWXYZ234679";

const CODE_LENGTH: usize = 8;

/// Reads codes from text: one per line, or a CSV whose header names a `code` column (else its
/// first column). Codes are trimmed and upper-cased; blank lines are skipped; a code that
/// appears twice is refused with both line numbers.
pub fn parse_code_list(text: &str) -> Result<Vec<String>> {
    let lines: Vec<&str> = text.lines().collect();
    let mut column = None;
    let mut start = 0;
    if let Some(first) = lines.first()
        && first.contains(',')
    {
        let header: Vec<String> = first.split(',').map(|c| c.trim().to_lowercase()).collect();
        if let Some(i) = header.iter().position(|c| c == "code") {
            column = Some(i);
            start = 1;
        } else {
            column = Some(0);
        }
    }
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut codes = Vec::new();
    for (n, line) in lines.iter().enumerate().skip(start) {
        let cell = match column {
            Some(i) => line.split(',').nth(i).unwrap_or(""),
            None => line,
        };
        let code = cell.trim().trim_matches('"').trim().to_uppercase();
        if code.is_empty() {
            continue;
        }
        if let Some(first) = seen.get(&code) {
            return Err(crate::invalid!(
                "perks.codeTwiceInList",
                "code {code} appears twice in the list (lines {first} and {line}); remove one and import again",
                code,
                first,
                line = n + 1
            ));
        }
        seen.insert(code.clone(), n + 1);
        codes.push(code);
    }
    if codes.is_empty() {
        return Err(crate::invalid!("perks.noCodes", "the list has no codes"));
    }
    Ok(codes)
}

fn insert_codes(w: &mut Writer<'_>, perk: &str, codes: &[String]) -> Result<()> {
    let now = w.now_ms();
    for code in codes {
        w.insert(
            SyncedTable::PerkCodes,
            &crate::ids::derived_id("perk_code", &[code]),
            &[
                ("perk_id", Value::Text(perk.to_owned())),
                ("code", Value::Text(code.clone())),
                ("added_at", Value::Integer(now)),
            ],
        )?;
    }
    audit::record(
        w,
        "perk.codes_add",
        Some(perk),
        &serde_json::json!({ "count": codes.len() }),
    )
}

/// Adds the codes of a list to a perk; refuses the whole list when a code is already in use.
pub fn import_codes(w: &mut Writer<'_>, perk: &str, text: &str) -> Result<u32> {
    ensure_perk(w.tx(), perk)?;
    let codes = parse_code_list(text)?;
    for code in &codes {
        let taken: bool = w.tx().query_row(
            "SELECT EXISTS (SELECT 1 FROM perk_codes WHERE code = ?1)",
            [code],
            |r| r.get(0),
        )?;
        if taken {
            return Err(crate::invalid!(
                "perks.codeExists",
                "code {code} is already a perk code in this community; nothing was imported",
                code
            ));
        }
    }
    insert_codes(w, perk, &codes)?;
    Ok(u32::try_from(codes.len()).unwrap_or(u32::MAX))
}

/// Generates `count` new codes for a perk from [`CODE_ALPHABET`] and returns them.
pub fn generate_codes(w: &mut Writer<'_>, perk: &str, count: u32) -> Result<Vec<String>> {
    ensure_perk(w.tx(), perk)?;
    if count == 0 || count > 100_000 {
        return Err(crate::invalid!(
            "perks.generateRange",
            "generate between 1 and 100000 codes (asked for {count})",
            count
        ));
    }
    let seed = uuid::Uuid::now_v7().as_u128();
    let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64((seed ^ (seed >> 64)) as u64);
    let mut made: HashSet<String> = HashSet::new();
    let mut codes = Vec::new();
    while codes.len() < count as usize {
        let code: String = (0..CODE_LENGTH)
            .map(|_| char::from(CODE_ALPHABET[rng.random_range(0..CODE_ALPHABET.len())]))
            .collect();
        let taken: bool = w.tx().query_row(
            "SELECT EXISTS (SELECT 1 FROM perk_codes WHERE code = ?1)",
            [&code],
            |r| r.get(0),
        )?;
        if !taken && made.insert(code.clone()) {
            codes.push(code);
        }
    }
    insert_codes(w, perk, &codes)?;
    Ok(codes)
}
