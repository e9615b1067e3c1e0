//! Typed identifiers: UUIDv7 text, so ids sort by creation time and never collide across replicas.

use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// A fresh, time-ordered id.
            pub fn new() -> Self {
                Self(uuid::Uuid::now_v7().to_string())
            }

            /// The id as text, as stored.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                Self(s.to_owned())
            }
        }
    };
}

id_type!(
    /// A member of the community.
    MemberId
);
id_type!(
    /// One platform identity of a member.
    IdentityId
);
id_type!(
    /// One logged activity.
    ActivityId
);
id_type!(
    /// An event.
    EventId
);
id_type!(
    /// A registration of a member for an event.
    RegistrationId
);
id_type!(
    /// A campaign.
    CampaignId
);
id_type!(
    /// A tag.
    TagId
);

/// Namespace of ids derived from what makes a row unique (a fixed random UUID).
const DERIVED_NAMESPACE: uuid::Uuid =
    uuid::Uuid::from_u128(0x0d6f_1c2e_8b47_4f3a_a5e9_73c1_b2d4_e860);

/// The id of a row that is unique by `parts` (a tag by its name, a member's tag by member and
/// tag, a registration by event and member): two replicas that add the same row offline give
/// it the same id, so sync merges them into one instead of refusing the second.
pub fn derived_id(kind: &str, parts: &[&str]) -> String {
    let mut key = String::from(kind);
    for part in parts {
        key.push('\n');
        key.push_str(part);
    }
    uuid::Uuid::new_v5(&DERIVED_NAMESPACE, key.as_bytes()).to_string()
}
