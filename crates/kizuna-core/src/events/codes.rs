//! Short registration codes for tickets and barcode scanners: 7 characters from an alphabet
//! without look-alikes (no 0/O, 1/I/L), unique within an event.

use rusqlite::Transaction;

use crate::error::Result;
use crate::ids::EventId;

/// The characters a code is made of (no 0, 1, I, L or O).
pub const CODE_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
/// How many characters a code has.
pub const CODE_LENGTH: usize = 7;

/// A fresh code not yet used at `event`, drawn from random UUID bits.
pub(super) fn fresh_code(tx: &Transaction<'_>, event: &EventId) -> Result<String> {
    let mut taken = tx.prepare_cached(
        "SELECT EXISTS (SELECT 1 FROM registrations WHERE event_id = ?1 AND code = ?2)",
    )?;
    loop {
        let code = code_from_bits(u64::from_le_bytes(random_bytes()));
        if !taken.query_row(rusqlite::params![event.as_str(), code], |r| {
            r.get::<_, bool>(0)
        })? {
            return Ok(code);
        }
    }
}

fn random_bytes() -> [u8; 8] {
    // The last 8 bytes of a UUIDv7 are (62 bits of) randomness.
    let bytes = *uuid::Uuid::now_v7().as_bytes();
    let mut out = [0u8; 8];
    out.copy_from_slice(&bytes[8..]);
    out
}

fn code_from_bits(mut bits: u64) -> String {
    let base = CODE_ALPHABET.len() as u64;
    (0..CODE_LENGTH)
        .map(|_| {
            let c = CODE_ALPHABET[(bits % base) as usize];
            bits /= base;
            char::from(c)
        })
        .collect()
}

/// A code as typed or scanned: trimmed, upper case, with look-alikes read as meant.
pub(super) fn normalise_code(text: &str) -> String {
    crate::search_text::fold(text.trim())
        .to_uppercase()
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_use_only_unambiguous_characters() {
        for bits in [0, 1, u64::MAX, 0x1234_5678_9ABC_DEF0] {
            let code = code_from_bits(bits);
            assert_eq!(code.len(), CODE_LENGTH);
            assert!(code.bytes().all(|b| CODE_ALPHABET.contains(&b)), "{code}");
        }
    }

    #[test]
    fn typed_codes_are_normalised() {
        assert_eq!(normalise_code(" ab3-k7q "), "AB3K7Q");
        assert_eq!(normalise_code("ＡＢ３"), "AB3");
    }
}
