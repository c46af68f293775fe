//! The closed vocabularies of the exchange: each value has a stable code (stored in the database,
//! used in URLs and the API) and a label in the catalogue, `<vocabulary>-<code>` (shown on pages).

use super::{Locale, ParseError};

/// Declares a closed vocabulary: the enum, its codes, its labels' catalogue keys, parsing (by
/// code, or by a label in either language with or without diacritics) and serde.
macro_rules! code_enum {
    ($(#[$meta:meta])* $name:ident, $what:literal, $prefix:literal { $($(#[$vmeta:meta])* $variant:ident = $code:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable code stored in the database and used in URLs and the API.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// The catalogue key of the label.
            pub fn label_key(self) -> String {
                crate::catalogue::key_of($prefix, self.code())
            }

            /// The label shown to a reader of `locale`.
            pub fn label(self, locale: Locale) -> String {
                crate::catalogue::text(locale, &self.label_key())
            }

            /// Every code, for error messages and the API schema.
            pub fn codes() -> Vec<&'static str> {
                Self::ALL.iter().map(|v| v.code()).collect()
            }
        }

        impl std::str::FromStr for $name {
            type Err = ParseError;
            fn from_str(s: &str) -> Result<Self, ParseError> {
                let t = s.trim();
                match t {
                    $($code => Ok($name::$variant),)+
                    _ => {
                        static FOLDED: std::sync::LazyLock<Vec<($name, String, String)>> = std::sync::LazyLock::new(|| {
                            $name::ALL
                                .iter()
                                .map(|v| (*v, ketnoi_text::fold(&v.label(Locale::Vi)), ketnoi_text::fold(&v.label(Locale::En))))
                                .collect()
                        });
                        let f = ketnoi_text::fold(t);
                        FOLDED
                            .iter()
                            .find(|(_, vi, en)| f == *vi || f == *en)
                            .map(|(v, _, _)| *v)
                            .ok_or_else(|| ParseError::new($what, s, format!("one of {}", Self::codes().join(", "))))
                    }
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.code())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                s.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

code_enum! {
    /// What kind of organisation lists on the exchange.
    OrgKind, "organisation kind", "org-kind" {
        Enterprise = "enterprise";
        ResearchInstitute = "research_institute";
        University = "university";
        Individual = "individual";
        Other = "other";
    }
}

code_enum! {
    /// What a user may do: act for its organisation, run the centre, or manage staff.
    Role, "role", "role" {
        Member = "member";
        Staff = "staff";
        Admin = "admin";
    }
}

code_enum! {
    /// The fixed bilingual sector taxonomy of listings.
    Sector, "sector", "sector" {
        Agriculture = "agriculture";
        Aquaculture = "aquaculture";
        FoodProcessing = "food_processing";
        Biotechnology = "biotechnology";
        Health = "health";
        Environment = "environment";
        Energy = "energy";
        Materials = "materials";
        Mechanics = "mechanics";
        Electronics = "electronics";
        InformationTechnology = "it";
        Construction = "construction";
        Handicrafts = "handicrafts";
        Tourism = "tourism";
        Other = "other";
    }
}

code_enum! {
    /// Intellectual-property protection of an offer.
    IpStatus, "IP status", "ip-status" {
        None = "none";
        KnowHow = "know_how";
        ApplicationPending = "pending";
        Patent = "patent";
        UtilitySolution = "utility_solution";
        PlantVariety = "plant_variety";
    }
}

code_enum! {
    /// How a technology changes hands (Law on Technology Transfer 2017).
    TransferMode, "transfer mode", "transfer-mode" {
        Licence = "licence";
        Assignment = "assignment";
        JointVenture = "joint_venture";
        TechnicalService = "technical_service";
        Training = "training";
        Consulting = "consulting";
        EquipmentSupply = "equipment";
    }
}

code_enum! {
    /// Offer or need.
    ListingKind, "listing kind", "listing-kind" {
        Offer = "offer";
        Need = "need";
    }
}

code_enum! {
    /// Where a listing is in its life: only `Published` (and unexpired) listings are public.
    ListingStatus, "listing status", "listing-status" {
        Draft = "draft";
        Submitted = "submitted";
        Published = "published";
        Returned = "returned";
        Archived = "archived";
        Rejected = "rejected";
    }
}

code_enum! {
    /// Who may see the contact details of a listing's owner.
    ContactVisibility, "contact visibility", "contact-visibility" {
        Public = "public";
        Members = "members";
        OnInterest = "on_interest";
    }
}

code_enum! {
    /// Where a matchmaking session stands: each step only to the next, or cancelled before it is
    /// held (see [`SessionStatus::next`]).
    SessionStatus, "session status", "session-status" {
        Planned = "planned";
        RegistrationOpen = "registration_open";
        Requests = "requests";
        Scheduling = "scheduling";
        Published = "published";
        Held = "held";
        Closed = "closed";
        Cancelled = "cancelled";
    }
}

impl SessionStatus {
    /// The one status that may follow this one (besides cancellation).
    pub fn next(self) -> Option<Self> {
        use SessionStatus::*;
        match self {
            Planned => Some(RegistrationOpen),
            RegistrationOpen => Some(Requests),
            Requests => Some(Scheduling),
            Scheduling => Some(Published),
            Published => Some(Held),
            Held => Some(Closed),
            Closed | Cancelled => None,
        }
    }

    /// Whether the session may still be cancelled (not once it has been held).
    pub fn can_cancel(self) -> bool {
        !matches!(self, Self::Held | Self::Closed | Self::Cancelled)
    }

    /// Whether `to` may follow this status.
    pub fn allows(self, to: Self) -> bool {
        self.next() == Some(to) || (to == Self::Cancelled && self.can_cancel())
    }

    /// Whether organisations may ask for meetings (and answer requests) in this status.
    pub fn takes_requests(self) -> bool {
        matches!(self, Self::RegistrationOpen | Self::Requests)
    }

    /// Whether the list of participants is public (registration has closed).
    pub fn participants_public(self) -> bool {
        matches!(self, Self::Requests | Self::Scheduling | Self::Published | Self::Held | Self::Closed)
    }
}

code_enum! {
    /// A half-day of a session.
    Block, "block", "session-block" {
        Morning = "morning";
        Afternoon = "afternoon";
    }
}

code_enum! {
    /// Where an organisation's registration for a session stands.
    ParticipantStatus, "registration status", "participant-status" {
        Pending = "pending";
        Approved = "approved";
        Waitlisted = "waitlisted";
        Withdrawn = "withdrawn";
        Rejected = "rejected";
    }
}

impl ParticipantStatus {
    /// Whether the registration holds (or waits for) a place.
    pub fn is_live(self) -> bool {
        matches!(self, Self::Pending | Self::Approved | Self::Waitlisted)
    }
}

code_enum! {
    /// Where a meeting request (or a pair staff brokered) stands.
    RequestStatus, "request status", "request-status" {
        Pending = "pending";
        Accepted = "accepted";
        Declined = "declined";
        Expired = "expired";
        Withdrawn = "withdrawn";
        Removed = "removed";
    }
}

code_enum! {
    /// How a pair came about: asked by a participant, brokered by staff, or an accepted
    /// expression of interest between the two organisations.
    PairOrigin, "pair origin", "pair-origin" {
        Request = "request";
        Staff = "staff";
        Interest = "interest";
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_round_trips_and_labels_parse() {
        for s in Sector::ALL {
            assert_eq!(s.code().parse::<Sector>(), Ok(*s));
            assert_eq!(s.label(Locale::Vi).parse::<Sector>(), Ok(*s));
            assert_eq!(s.label(Locale::En).parse::<Sector>(), Ok(*s));
        }
        assert_eq!(Sector::ALL.len(), 15);
        assert_eq!("thuy san".parse::<Sector>(), Ok(Sector::Aquaculture));
    }

    #[test]
    fn unknown_code_names_the_accepted_ones() {
        let err = "fishing".parse::<TransferMode>().unwrap_err();
        assert_eq!(err.what, "transfer mode");
        assert!(err.expected.contains("licence"), "{err}");
    }

    #[test]
    fn serde_uses_codes() {
        let json = serde_json::to_string(&IpStatus::UtilitySolution).unwrap();
        assert_eq!(json, "\"utility_solution\"");
        let back: IpStatus = serde_json::from_str(&json).unwrap();
        assert_eq!(back, IpStatus::UtilitySolution);
        assert!(serde_json::from_str::<IpStatus>("\"nope\"").is_err());
    }
}
