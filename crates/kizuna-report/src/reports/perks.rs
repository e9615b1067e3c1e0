//! Perks and early access: grants, redemptions and their effect on engagement.

use serde_json::json;

use super::{Scope, Section};
use crate::ReportError;

/// Gathers the perks report of `scope`'s period.
pub fn gather(_scope: &Scope<'_>) -> Result<Section, ReportError> {
    Ok(Section {
        data: json!({}),
        charts: Vec::new(),
        tables: Vec::new(),
    })
}
