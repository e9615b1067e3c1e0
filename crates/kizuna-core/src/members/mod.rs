//! Members and their platform identities: creation and editing with validation, the paged list
//! behind the Members screen, the member 360 detail, soft delete, and privacy (export, erase).

mod create;
mod deleted;
mod edit;
mod erase;
mod export;
mod list;
mod traits;

pub use create::{
    MIN_BIRTH_YEAR, add_identity, create_member, create_member_with_id, refresh_search, tag_member,
    validate_birth_year, validate_email,
};
pub use deleted::{DeletedMember, deleted_members};
pub use edit::{
    IdentityPatch, MemberPatch, delete_member, remove_identity, restore_member, untag_member,
    update_identity, update_member, validate_followers,
};
pub use erase::{ErasureReport, erase_member};
pub use export::{EXPORT_FORMAT, EXPORT_VERSION, export_member, save_member_export};
pub(crate) use list::{MEMBER_ROW_COLUMNS, member_row};
pub use list::{list_members, member_detail};
pub(crate) use traits::insert_trait;
pub use traits::{
    MAX_TRAIT_KEY, MAX_TRAIT_VALUE, MemberTrait, TRAIT_DIMENSIONS, TraitDimension, TraitUsage,
    add_trait, member_traits, normalise_trait_key, normalise_trait_value, remove_trait,
    trait_catalogue,
};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A member's profile.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Member {
    pub id: String,
    pub display_name: String,
    pub name_reading: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub locale: Option<String>,
    pub country: Option<String>,
    pub city: Option<String>,
    pub birth_year: Option<i32>,
    #[ts(type = "number")]
    pub joined_at: i64,
    pub source: Option<String>,
    pub notes: Option<String>,
    /// When a manager deleted them (Unix ms); deleted members can still be opened and restored.
    #[ts(type = "number | null")]
    pub deleted_at: Option<i64>,
}

/// What is needed to add a member, with their identities.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct NewMember {
    pub display_name: String,
    pub name_reading: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub locale: Option<String>,
    pub country: Option<String>,
    pub city: Option<String>,
    pub birth_year: Option<i32>,
    /// Unix ms; `None` means "now".
    #[ts(type = "number | null")]
    pub joined_at: Option<i64>,
    pub source: Option<String>,
    pub notes: Option<String>,
    pub identities: Vec<NewIdentity>,
    pub tags: Vec<String>,
}

/// One account of a member on a platform.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct NewIdentity {
    pub platform: String,
    pub handle: String,
    pub url: Option<String>,
    /// Signed, so a negative count gets a specific error instead of a parse failure.
    #[ts(type = "number | null")]
    pub followers: Option<i64>,
}

/// A member's account on one platform, as shown.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Identity {
    pub id: String,
    pub platform: String,
    pub handle: String,
    pub url: Option<String>,
    #[ts(type = "number | null")]
    pub followers: Option<i64>,
    pub tier: Option<InfluencerTier>,
}

/// Influencer tier by follower count. Below 1,000 followers a member is not counted as an
/// influencer; nano is 1k–10k, micro 10k–100k, mid 100k–1M, macro above.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum InfluencerTier {
    Nano,
    Micro,
    Mid,
    Macro,
}

impl InfluencerTier {
    /// The tier for a follower count, if any.
    pub fn from_followers(followers: i64) -> Option<Self> {
        match followers {
            f if f >= 1_000_000 => Some(Self::Macro),
            f if f >= 100_000 => Some(Self::Mid),
            f if f >= 10_000 => Some(Self::Micro),
            f if f >= 1_000 => Some(Self::Nano),
            _ => None,
        }
    }
}

/// One row of the Members list.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MemberRow {
    pub id: String,
    pub display_name: String,
    pub name_reading: Option<String>,
    pub email: Option<String>,
    pub platforms: Vec<String>,
    #[ts(type = "number | null")]
    pub max_followers: Option<i64>,
    pub tier: Option<InfluencerTier>,
    #[ts(type = "number")]
    pub joined_at: i64,
    #[ts(type = "number | null")]
    pub last_active_at: Option<i64>,
}

/// A window of the Members list and the total number of matches.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MemberPage {
    pub total: u32,
    pub offset: u32,
    pub rows: Vec<MemberRow>,
}

/// One entry of a member's activity timeline.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TimelineEntry {
    pub id: String,
    pub activity_type: String,
    pub label_en: String,
    pub label_ja: String,
    #[ts(type = "number")]
    pub occurred_at: i64,
    pub platform: Option<String>,
    pub url: Option<String>,
    pub event_title: Option<String>,
}

/// Everything the member 360 view shows.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MemberDetail {
    pub member: Member,
    pub identities: Vec<Identity>,
    pub tags: Vec<String>,
    /// Traits by dimension, then key, then value.
    pub traits: Vec<MemberTrait>,
    pub timeline: Vec<TimelineEntry>,
    pub activity_count: u32,
}

/// The most timeline entries the detail view loads at once.
pub const TIMELINE_LIMIT: u32 = 500;
/// The most rows one page of the Members list may ask for.
pub const MAX_PAGE: u32 = 1_000;
