//! Typed identifiers: UUID v7 (time-ordered, so new rows append to indexes) stored as text.

use super::ParseError;

macro_rules! id_type {
    ($(#[$meta:meta])* $name:ident, $what:literal) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub uuid::Uuid);

        impl $name {
            /// A fresh, time-ordered id.
            pub fn new() -> Self {
                Self(uuid::Uuid::now_v7())
            }
            /// A stable id derived from a name (used by the demo seed, so seeding twice is a no-op).
            pub fn stable(name: &str) -> Self {
                Self(uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_URL, format!("ketnoi:{}:{name}", $what).as_bytes()))
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl std::str::FromStr for $name {
            type Err = ParseError;
            fn from_str(s: &str) -> Result<Self, ParseError> {
                uuid::Uuid::parse_str(s.trim()).map(Self).map_err(|_| ParseError::new($what, s, "a UUID"))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.hyphenated().fmt(f)
            }
        }
    };
}

id_type!(
    /// Identifies an organisation.
    OrganisationId, "organisation id"
);
id_type!(
    /// Identifies a user account.
    UserId, "user id"
);
id_type!(
    /// Identifies a technology offer.
    OfferId, "offer id"
);
id_type!(
    /// Identifies a technology need.
    NeedId, "need id"
);
