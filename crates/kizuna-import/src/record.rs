//! The shape every source is mapped into before it touches the store: one [`SourceRecord`] per
//! file row or API object. File formats and connectors produce these; the engine
//! ([`crate::engine`]) matches, plans and applies them the same way for all of them.

use kizuna_core::Invalid;
use kizuna_core::error::ErrorDetail;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One person as a source row describes them, with what they did there.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SourceRecord {
    /// The line in the file (the header is line 1; a quoted multi-line row counts from where it
    /// starts), or the position in an API listing (1-based) for connectors.
    pub line: u64,
    pub person: PersonIn,
    /// The event this row registers the person for (attendee exports).
    pub event: Option<EventIn>,
    pub registration: Option<RegistrationIn>,
    pub activities: Vec<ActivityIn>,
}

/// A person's fields as the source has them; blanks are `None`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PersonIn {
    /// The platform's own id of the person (user id, customer id, attendee profile id), which
    /// keeps re-imports from creating the person twice even when their email changes.
    pub external_id: Option<String>,
    pub display_name: Option<String>,
    /// Kana reading of the name (Japanese platforms export it).
    pub name_reading: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// BCP 47 language tag, e.g. `ja` or `en-US`.
    pub locale: Option<String>,
    /// ISO 3166 alpha-2 code or the country as written.
    pub country: Option<String>,
    pub city: Option<String>,
    /// Unix ms of when they joined the source (sign-up, first order, subscription).
    #[ts(type = "number | null")]
    pub joined_at: Option<i64>,
    pub tags: Vec<String>,
    pub identities: Vec<IdentityIn>,
}

/// An account on a platform (`discord`, `x`, `instagram`, `connpass`, `luma`, …).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct IdentityIn {
    /// Lower-case platform key.
    pub platform: String,
    pub handle: String,
    pub url: Option<String>,
    #[ts(type = "number | null")]
    pub followers: Option<i64>,
}

/// The event an attendee row belongs to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EventIn {
    /// The platform's event id; when the export has none, the title and start identify it.
    pub external_id: Option<String>,
    pub title: String,
    /// Unix ms; `None` when the export does not say (the engine then asks for it).
    #[ts(type = "number | null")]
    pub starts_at: Option<i64>,
    #[ts(type = "number | null")]
    pub ends_at: Option<i64>,
    pub online: Option<bool>,
    pub venue: Option<String>,
    pub url: Option<String>,
}

/// What the person's registration says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AttendanceIn {
    Going,
    Waitlist,
    Cancelled,
    Attended,
    NoShow,
}

/// A registration (RSVP, ticket order, attendee line).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RegistrationIn {
    pub status: AttendanceIn,
    pub ticket_type: Option<String>,
    /// Price paid in minor units of `currency` (yen have no minor unit).
    #[ts(type = "number | null")]
    pub price_minor: Option<i64>,
    /// ISO 4217, upper case.
    pub currency: Option<String>,
    #[ts(type = "number | null")]
    pub registered_at: Option<i64>,
    #[ts(type = "number | null")]
    pub checked_in_at: Option<i64>,
}

/// Something the person did on the platform (a post, a message, an order, a review).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ActivityIn {
    /// The platform's id of the post/message/order; without one, the type, time and person
    /// identify it.
    pub external_id: Option<String>,
    /// A key of `activity_types` (`post`, `message`, `purchase`, `review`, …).
    pub activity_type: String,
    #[ts(type = "number")]
    pub occurred_at: i64,
    pub platform: Option<String>,
    pub url: Option<String>,
}

/// A row the mapping could not turn into a record, and why (in words a manager understands).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RowError {
    /// Line in the file (header = 1), or position in an API listing.
    pub line: u64,
    /// The column (as the file names it) at fault, when one is.
    pub column: Option<String>,
    pub message: String,
    /// The reason by key, for the UI to word in the manager's language (absent when the file's
    /// own reading refused the row).
    #[serde(default)]
    pub detail: Option<ErrorDetail>,
}

impl RowError {
    /// A row the store or the import refused, with the reason keyed for the UI.
    pub fn refused(line: u64, why: &Invalid) -> Self {
        Self {
            line,
            column: None,
            message: why.to_string(),
            detail: Some(why.detail()),
        }
    }
}

/// Where a batch came from: the key that scopes its external ids, and how to show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SourceInfo {
    /// Stable key of the source, e.g. `luma`, `eventbrite`, `discourse:forum.example.com`.
    /// External ids are unique within it.
    pub key: String,
    /// What the history shows: a file name or a connection's label.
    pub label: String,
    /// The format or connector that read it (`luma`, `generic`, `discourse-api`, …).
    pub format: String,
    /// SHA-256 of the file's bytes (hex), or `None` for connectors.
    pub fingerprint: Option<String>,
}

/// Everything one file or one connector fetch produced, ready for a dry run or an import.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportBatch {
    pub source: SourceInfo,
    pub records: Vec<SourceRecord>,
    pub errors: Vec<RowError>,
}
