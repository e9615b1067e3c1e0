//! Money: integer minor units plus an ISO-4217 code, never a float.

use crate::error::{CoreError, Result};

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
                CoreError::InvalidInput(format!("\"{currency}\" is not an ISO 4217 currency code"))
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
