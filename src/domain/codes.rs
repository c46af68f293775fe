//! The closed vocabularies of the exchange: each value has a stable code (stored in the database,
//! used in URLs and the API) and a label in Vietnamese and English (shown on pages).

use super::{Locale, ParseError};

/// Declares a closed vocabulary: the enum, its codes, bilingual labels, parsing and serde.
macro_rules! code_enum {
    ($(#[$meta:meta])* $name:ident, $what:literal { $($(#[$vmeta:meta])* $variant:ident = $code:literal, $vi:literal, $en:literal;)+ }) => {
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

            /// The label shown to a reader of `locale`.
            pub fn label(self, locale: Locale) -> &'static str {
                match (self, locale) {
                    $(($name::$variant, Locale::Vi) => $vi, ($name::$variant, Locale::En) => $en,)+
                }
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
                    _ => Self::ALL
                        .iter()
                        .copied()
                        .find(|v| {
                            let f = ketnoi_text::fold(t);
                            f == ketnoi_text::fold(v.label(Locale::Vi)) || f == ketnoi_text::fold(v.label(Locale::En))
                        })
                        .ok_or_else(|| ParseError::new($what, s, format!("one of {}", Self::codes().join(", ")))),
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
    OrgKind, "organisation kind" {
        Enterprise = "enterprise", "Doanh nghiệp", "Enterprise";
        ResearchInstitute = "research_institute", "Viện nghiên cứu", "Research institute";
        University = "university", "Trường đại học", "University";
        Individual = "individual", "Cá nhân / nhà sáng chế", "Individual inventor";
        Other = "other", "Tổ chức khác", "Other organisation";
    }
}

code_enum! {
    /// What a user may do: act for its organisation, run the centre, or manage staff.
    Role, "role" {
        Member = "member", "Thành viên", "Member";
        Staff = "staff", "Cán bộ Trung tâm", "Centre staff";
        Admin = "admin", "Quản trị", "Administrator";
    }
}

code_enum! {
    /// The fixed bilingual sector taxonomy of listings.
    Sector, "sector" {
        Agriculture = "agriculture", "Nông – lâm nghiệp", "Agriculture & forestry";
        Aquaculture = "aquaculture", "Thủy sản", "Aquaculture & fisheries";
        FoodProcessing = "food_processing", "Chế biến thực phẩm", "Food processing";
        Biotechnology = "biotechnology", "Công nghệ sinh học", "Biotechnology";
        Health = "health", "Y tế – dược phẩm", "Health & pharmaceuticals";
        Environment = "environment", "Môi trường – nước", "Environment & water";
        Energy = "energy", "Năng lượng", "Energy";
        Materials = "materials", "Vật liệu – hóa chất", "Materials & chemistry";
        Mechanics = "mechanics", "Cơ khí – tự động hóa", "Mechanics & automation";
        Electronics = "electronics", "Điện tử – viễn thông", "Electronics & telecommunications";
        InformationTechnology = "it", "Công nghệ thông tin", "Information technology";
        Construction = "construction", "Xây dựng", "Construction";
        Handicrafts = "handicrafts", "Thủ công mỹ nghệ – làng nghề", "Handicrafts & traditional trades";
        Tourism = "tourism", "Du lịch – dịch vụ", "Tourism & services";
        Other = "other", "Lĩnh vực khác", "Other";
    }
}

code_enum! {
    /// Intellectual-property protection of an offer.
    IpStatus, "IP status" {
        None = "none", "Chưa bảo hộ", "Not protected";
        KnowHow = "know_how", "Bí quyết kỹ thuật", "Know-how";
        ApplicationPending = "pending", "Đơn đang chờ cấp", "Application pending";
        Patent = "patent", "Bằng độc quyền sáng chế", "Granted patent";
        UtilitySolution = "utility_solution", "Bằng độc quyền giải pháp hữu ích", "Granted utility solution";
        PlantVariety = "plant_variety", "Bằng bảo hộ giống cây trồng", "Plant variety protection";
    }
}

code_enum! {
    /// How a technology changes hands (Law on Technology Transfer 2017).
    TransferMode, "transfer mode" {
        Licence = "licence", "Chuyển giao quyền sử dụng (li-xăng)", "Licence";
        Assignment = "assignment", "Chuyển nhượng quyền sở hữu", "Assignment of ownership";
        JointVenture = "joint_venture", "Góp vốn bằng công nghệ / liên doanh", "Joint venture / capital contribution";
        TechnicalService = "technical_service", "Dịch vụ kỹ thuật", "Technical service";
        Training = "training", "Đào tạo", "Training";
        Consulting = "consulting", "Tư vấn", "Consulting";
        EquipmentSupply = "equipment", "Mua bán thiết bị kèm công nghệ", "Equipment with technology";
    }
}

code_enum! {
    /// Offer or need.
    ListingKind, "listing kind" {
        Offer = "offer", "Công nghệ chào bán", "Technology offer";
        Need = "need", "Nhu cầu công nghệ", "Technology need";
    }
}

code_enum! {
    /// Where a listing is in its life: only `Published` (and unexpired) listings are public.
    ListingStatus, "listing status" {
        Draft = "draft", "Bản nháp", "Draft";
        Submitted = "submitted", "Chờ kiểm duyệt", "Awaiting review";
        Published = "published", "Đã duyệt đăng", "Published";
        Returned = "returned", "Trả lại để bổ sung", "Returned for changes";
        Archived = "archived", "Lưu trữ", "Archived";
        Rejected = "rejected", "Bị từ chối", "Rejected";
    }
}

code_enum! {
    /// Who may see the contact details of a listing's owner.
    ContactVisibility, "contact visibility" {
        Public = "public", "Công khai", "Everyone";
        Members = "members", "Thành viên đã xác minh", "Verified members";
        OnInterest = "on_interest", "Sau khi hai bên cùng quan tâm", "After mutual interest";
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
