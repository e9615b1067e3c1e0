//! Perks: exclusive experiences (early access in waves, discount codes, merchandise,
//! invitations) granted to members, with stock, codes, redemption and their effect.

mod bulk;
mod codes;
mod conflicts;
mod effect;
mod grant;
mod member;
mod perk;
mod shop_csv;
mod status;
mod to_members;

pub use bulk::{BulkOutcome, BulkPreview, BulkTarget, PreviewRow, grant_bulk, preview_bulk};
pub use codes::{CODE_ALPHABET, generate_codes, import_codes, parse_code_list};
pub use conflicts::{PerkConflict, perk_conflicts};
pub use effect::{EFFECT_DAYS, PerkEffect, perk_effect};
pub use grant::grant_to_member;
pub use member::{MemberGrant, member_grants};
pub use perk::{
    GrantRow, PerkDetail, PerkInput, PerkRow, WaveInput, WaveRow, add_wave, create_perk,
    list_perks, perk_detail, update_perk,
};
pub use shop_csv::{ShopCsvLineError, ShopRedemptionReport, check_redemption_csv, redeem_from_csv};
pub use status::{expire_grants, redeem_by_code, redeem_grant, revoke_grant};
pub use to_members::{grant_to_members, preview_grant_to_members};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::Result;

/// What a perk gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PerkKind {
    EarlyAccess,
    DiscountCode,
    Merchandise,
    Experience,
}

impl PerkKind {
    /// Every kind, in the order forms list them.
    pub const ALL: [PerkKind; 4] = [
        PerkKind::EarlyAccess,
        PerkKind::DiscountCode,
        PerkKind::Merchandise,
        PerkKind::Experience,
    ];

    /// The kind as stored.
    pub fn as_sql(self) -> &'static str {
        match self {
            PerkKind::EarlyAccess => "early_access",
            PerkKind::DiscountCode => "discount_code",
            PerkKind::Merchandise => "merchandise",
            PerkKind::Experience => "experience",
        }
    }

    /// Reads a stored or typed kind (`early_access`/`early-access`, …).
    pub fn parse(text: &str) -> Result<Self> {
        let wanted = text.trim().to_lowercase().replace('-', "_");
        Self::ALL
            .into_iter()
            .find(|k| k.as_sql() == wanted)
            .ok_or_else(|| {
                crate::invalid!("perks.unknownKind", "\"{text}\" is not a perk kind (use early_access, discount_code, merchandise or experience)", text)
            })
    }
}

/// Where a grant stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum GrantStatus {
    Granted,
    Redeemed,
    Expired,
    Revoked,
}

impl GrantStatus {
    /// The status as stored.
    pub fn as_sql(self) -> &'static str {
        match self {
            GrantStatus::Granted => "granted",
            GrantStatus::Redeemed => "redeemed",
            GrantStatus::Expired => "expired",
            GrantStatus::Revoked => "revoked",
        }
    }

    /// The status as a word inside a refusal, keyed so the UI words it in its language.
    pub fn word(self) -> crate::Invalid {
        match self {
            GrantStatus::Granted => crate::invalid_reason!("status.grantGranted", "granted"),
            GrantStatus::Redeemed => crate::invalid_reason!("status.grantRedeemed", "redeemed"),
            GrantStatus::Expired => crate::invalid_reason!("status.grantExpired", "expired"),
            GrantStatus::Revoked => crate::invalid_reason!("status.grantRevoked", "revoked"),
        }
    }

    /// Reads a stored status.
    pub fn parse(text: &str) -> Result<Self> {
        [Self::Granted, Self::Redeemed, Self::Expired, Self::Revoked]
            .into_iter()
            .find(|s| s.as_sql() == text)
            .ok_or_else(|| {
                crate::invalid!(
                    "perks.unknownStatus",
                    "\"{text}\" is not a grant status",
                    text
                )
            })
    }
}

/// The row id of a pair (perk, something): the same on every replica.
pub(crate) fn pair_id(what: &str, perk: &str, other: &str) -> String {
    uuid::Uuid::new_v5(
        &uuid::Uuid::NAMESPACE_OID,
        format!("kizuna.{what}/{perk}/{other}").as_bytes(),
    )
    .to_string()
}

/// Grants that hold stock: given and not revoked or expired.
pub(crate) const LIVE: &str = "status IN ('granted', 'redeemed')";
