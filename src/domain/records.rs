//! The records of the exchange as the rest of the program sees them: every field already parsed.

use chrono::{NaiveDate, NaiveDateTime};

use super::{
    ContactVisibility, Email, IpStatus, Keywords, ListingStatus, Locale, MoneyRange, NeedId, OfferId, OrgKind,
    OrganisationId, Province, Role, Sector, TransferMode, Trl, UserId,
};

/// A research institute, university, enterprise or inventor on the exchange.
#[derive(Debug, Clone, PartialEq)]
pub struct Organisation {
    pub id: OrganisationId,
    pub kind: OrgKind,
    pub name: String,
    /// Tax code (mã số thuế) or registration number; unique when present.
    pub tax_code: Option<String>,
    pub province: Province,
    pub address: String,
    pub website: Option<String>,
    pub description: String,
    /// When the centre's staff verified the organisation; unverified ones cannot publish.
    pub verified_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// Who partners should contact; shown only under the privacy rule of each listing.
    pub contact: Contact,
}

/// An organisation's contact person and whether it agreed to share them with matched partners.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
pub struct Contact {
    pub name: String,
    pub email: String,
    pub phone: String,
    /// Consent, given at registration or in the organisation's settings.
    pub share: bool,
}

/// A person who signs in: a member acting for an organisation, staff, or an admin.
#[derive(Debug, Clone, PartialEq)]
pub struct User {
    pub id: UserId,
    pub email: Email,
    pub display_name: String,
    /// argon2id PHC string; `None` until the user sets a password (e.g. an invited colleague).
    pub password_hash: Option<String>,
    pub role: Role,
    pub organisation_id: Option<OrganisationId>,
    pub locale: Locale,
    pub email_verified_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// A technology offer (công nghệ chào bán).
#[derive(Debug, Clone, PartialEq)]
pub struct Offer {
    pub id: OfferId,
    pub organisation_id: OrganisationId,
    pub title: String,
    /// At most 500 characters.
    pub summary: String,
    /// The optional English title and summary (empty: none), shown on English pages.
    pub title_en: String,
    pub summary_en: String,
    pub description: String,
    /// Advantages over existing solutions.
    pub advantages: String,
    pub applications: String,
    pub sector: Sector,
    pub keywords: Keywords,
    pub trl: Option<Trl>,
    pub ip_status: IpStatus,
    /// Patent, utility-solution or application number.
    pub ip_number: Option<String>,
    pub transfer_modes: Vec<TransferMode>,
    pub price: MoneyRange,
    pub province: Province,
    pub contact_visibility: ContactVisibility,
    pub status: ListingStatus,
    /// Shown in the showcase (trưng bày sản phẩm KH&CN tiêu biểu).
    pub featured: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub published_at: Option<NaiveDateTime>,
    pub expires_at: Option<NaiveDateTime>,
    /// Incremented on every change, for optimistic locking.
    pub version: i32,
}

/// A technology need (nhu cầu công nghệ).
#[derive(Debug, Clone, PartialEq)]
pub struct Need {
    pub id: NeedId,
    pub organisation_id: OrganisationId,
    pub title: String,
    /// The optional English title and summary of the problem (empty: none).
    pub title_en: String,
    pub summary_en: String,
    pub problem: String,
    /// What was already tried.
    pub tried: String,
    pub desired_outcome: String,
    pub sector: Sector,
    pub keywords: Keywords,
    pub min_trl: Option<Trl>,
    pub budget: MoneyRange,
    pub deadline: Option<NaiveDate>,
    pub province: Province,
    pub transfer_modes: Vec<TransferMode>,
    pub status: ListingStatus,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub published_at: Option<NaiveDateTime>,
    pub expires_at: Option<NaiveDateTime>,
    pub version: i32,
}

/// Summary at most this many characters.
pub const SUMMARY_MAX_CHARS: usize = 500;

/// The title a reader of `locale` sees of a listing titled `title`, with the English title
/// `title_en` (empty: none): the English one on English pages when there is one.
pub fn title_for<'a>(locale: super::Locale, title: &'a str, title_en: &'a str) -> &'a str {
    if locale == super::Locale::En && !title_en.trim().is_empty() { title_en } else { title }
}

/// True when a listing is visible to the public at `now`.
pub fn is_public(status: ListingStatus, expires_at: Option<NaiveDateTime>, now: NaiveDateTime) -> bool {
    status == ListingStatus::Published && expires_at.is_none_or(|e| e > now)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A complete offer, as the quality check likes it.
    pub fn sample_offer() -> Offer {
        let now = chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap().and_hms_opt(8, 0, 0).unwrap();
        Offer {
            id: OfferId::new(),
            organisation_id: OrganisationId::new(),
            title: "Chế phẩm vi sinh xử lý đáy ao nuôi tôm".into(),
            title_en: String::new(),
            summary_en: String::new(),
            summary: "Chế phẩm gồm ba chủng Bacillus bản địa phân hủy bùn đáy, giảm khí độc NH3 và H2S trong ao nuôi tôm thẻ chân trắng thâm canh.".into(),
            description: "Chế phẩm được phân lập từ 120 mẫu bùn ao nuôi ven phá Tam Giang, chọn ba chủng có hoạt tính phân hủy hữu cơ cao nhất. Thử nghiệm trên 12 ao (tổng 4,8 ha) trong hai vụ nuôi năm 2025 cho thấy hàm lượng NH3 giảm 62%, H2S giảm 70%, tỷ lệ sống của tôm tăng từ 68% lên 81%. Quy trình sản xuất ở quy mô 500 lít/mẻ đã được chuẩn hóa, hạn sử dụng 12 tháng.".into(),
            advantages: "Giá thành thấp hơn 30% so với chế phẩm nhập khẩu; chủng bản địa thích nghi với độ mặn 5–25‰.".into(),
            applications: "Ao nuôi tôm thẻ chân trắng, tôm sú; ao ương giống.".into(),
            sector: Sector::Aquaculture,
            keywords: Keywords::new(&["vi sinh", "nuôi tôm", "xử lý ao"]).unwrap(),
            trl: Some(Trl::new(8).unwrap()),
            ip_status: IpStatus::UtilitySolution,
            ip_number: Some("2-0003124".into()),
            transfer_modes: vec![TransferMode::Licence],
            price: MoneyRange::new(Some(super::super::Money::new(250_000_000).unwrap()), None).unwrap(),
            province: Province::Hue,
            contact_visibility: ContactVisibility::Members,
            status: ListingStatus::Draft,
            featured: false,
            created_at: now,
            updated_at: now,
            published_at: None,
            expires_at: None,
            version: 1,
        }
    }
}

/// An offer or a need, for the code that treats both alike.
#[derive(Debug, Clone, PartialEq)]
pub enum Listing {
    Offer(Offer),
    Need(Need),
}

/// `$e` with `$x` bound to the offer or the need: one accessor for what both kinds have.
macro_rules! both {
    ($self:expr, $x:ident => $e:expr) => {
        match $self {
            Listing::Offer($x) => $e,
            Listing::Need($x) => $e,
        }
    };
}

impl Listing {
    pub fn kind(&self) -> super::ListingKind {
        match self {
            Self::Offer(_) => super::ListingKind::Offer,
            Self::Need(_) => super::ListingKind::Need,
        }
    }
    pub fn id(&self) -> String {
        both!(self, x => x.id.to_string())
    }
    pub fn organisation(&self) -> OrganisationId {
        both!(self, x => x.organisation_id)
    }
    pub fn title(&self) -> &str {
        both!(self, x => &x.title)
    }
    /// The title a reader of `locale` sees: the English title on English pages when the
    /// listing has one, the title as written otherwise.
    pub fn title_for(&self, locale: super::Locale) -> &str {
        title_for(locale, self.title(), both!(self, x => &x.title_en))
    }
    pub fn status(&self) -> ListingStatus {
        both!(self, x => x.status)
    }
    pub fn version(&self) -> i32 {
        both!(self, x => x.version)
    }
    pub fn published_at(&self) -> Option<NaiveDateTime> {
        both!(self, x => x.published_at)
    }
    pub fn expires_at(&self) -> Option<NaiveDateTime> {
        both!(self, x => x.expires_at)
    }
    pub fn set_status(&mut self, status: ListingStatus) {
        both!(self, x => x.status = status)
    }
    pub fn set_published(&mut self, published: Option<NaiveDateTime>, expires: Option<NaiveDateTime>) {
        both!(self, x => (x.published_at, x.expires_at) = (published, expires))
    }
}
