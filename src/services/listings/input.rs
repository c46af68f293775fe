//! A listing as typed (an HTML form, a JSON body, an import row) and how it becomes an [`Offer`]
//! or a [`Need`]: every field checked, one message per offending field, nothing else changed. A
//! field that is absent (`None`) keeps its value, which is what PATCH and partial imports need.

use chrono::NaiveDate;

use crate::domain::{
    ContactVisibility, IpStatus, Keywords, ListingStatus, Money, MoneyRange, Need, NeedId, Offer, OfferId,
    OrganisationId, Province, SUMMARY_MAX_CHARS, Sector, Trl, parse_transfer_modes,
};
use crate::validate::{Check, FieldError};

/// Every field of both kinds, as text. `keywords` is comma-separated.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct RawListing {
    pub title: Option<String>,
    /// The optional English title and summary.
    pub title_en: Option<String>,
    pub summary_en: Option<String>,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub advantages: Option<String>,
    pub applications: Option<String>,
    pub problem: Option<String>,
    pub tried: Option<String>,
    pub desired_outcome: Option<String>,
    pub sector: Option<String>,
    pub keywords: Option<String>,
    pub trl: Option<String>,
    pub min_trl: Option<String>,
    pub ip_status: Option<String>,
    pub ip_number: Option<String>,
    pub transfer_modes: Option<Vec<String>>,
    pub price_min: Option<String>,
    pub price_max: Option<String>,
    pub budget_min: Option<String>,
    pub budget_max: Option<String>,
    pub deadline: Option<String>,
    pub province: Option<String>,
    pub contact_visibility: Option<String>,
}

/// Longest free-text fields, in characters.
pub(crate) const TEXT_MAX: usize = 20_000;
const SHORT_MAX: usize = 5_000;

fn text(c: &mut Check, field: &'static str, v: &Option<String>, max: usize, target: &mut String) {
    if let Some(v) = v {
        *target = c.multiline(field, v, 0, max);
    }
}

fn trl(c: &mut Check, field: &'static str, v: &Option<String>, target: &mut Option<Trl>) {
    if let Some(v) = v {
        let t = v.trim();
        *target = if t.is_empty() {
            None
        } else {
            match t.parse::<i64>().ok().and_then(|n| Trl::new(n).ok()) {
                Some(x) => Some(x),
                None => {
                    c.add(field, "err-trl");
                    return;
                }
            }
        };
    }
}

fn keywords(c: &mut Check, v: &Option<String>, target: &mut Keywords) {
    if let Some(v) = v {
        match Keywords::parse_csv(v) {
            Ok(k) => *target = k,
            Err(_) => c.add_n("keywords", "err-keywords", Keywords::MAX),
        }
    }
}

fn modes(c: &mut Check, v: &Option<Vec<String>>, target: &mut Vec<crate::domain::TransferMode>) {
    if let Some(v) = v {
        let items: Vec<String> = v.iter().map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect();
        match parse_transfer_modes(&items) {
            Ok(m) => *target = m,
            Err(_) => c.add("transfer_modes", "err-choice"),
        }
    }
}

fn money(c: &mut Check, field: &'static str, v: &str) -> Result<Option<Money>, ()> {
    let t = v.trim();
    if t.is_empty() {
        return Ok(None);
    }
    Money::parse(t).map(Some).map_err(|_| c.add(field, "err-money"))
}

fn range(
    c: &mut Check,
    (min_field, max_field): (&'static str, &'static str),
    (min, max): (&Option<String>, &Option<String>),
    target: &mut MoneyRange,
) {
    if min.is_none() && max.is_none() {
        return;
    }
    let old_min = target.min().map(|m| m.dong().to_string()).unwrap_or_default();
    let old_max = target.max().map(|m| m.dong().to_string()).unwrap_or_default();
    let lo = money(c, min_field, min.as_deref().unwrap_or(&old_min));
    let hi = money(c, max_field, max.as_deref().unwrap_or(&old_max));
    if let (Ok(lo), Ok(hi)) = (lo, hi) {
        match MoneyRange::new(lo, hi) {
            Ok(r) => *target = r,
            Err(_) => c.add(max_field, "err-range"),
        }
    }
}

/// A code of a closed vocabulary; empty keeps the current value of fields that have a default
/// (IP status, contact visibility) and is an error for the others.
fn choice<T: std::str::FromStr>(c: &mut Check, field: &'static str, v: &Option<String>, target: &mut T) {
    let has_default = matches!(field, "ip_status" | "contact_visibility");
    if let Some(v) = v
        && !(has_default && v.trim().is_empty())
        && let Some(x) = c.choice::<T>(field, v)
    {
        *target = x;
    }
}

/// A date as people type it: `2027-03-31` or `31/03/2027`.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let t = s.trim();
    NaiveDate::parse_from_str(t, "%Y-%m-%d").or_else(|_| NaiveDate::parse_from_str(t, "%d/%m/%Y")).ok()
}

/// A date as typed; empty clears it.
fn date(c: &mut Check, field: &'static str, v: &Option<String>, target: &mut Option<NaiveDate>) {
    if let Some(v) = v {
        let t = v.trim();
        if t.is_empty() {
            *target = None;
        } else if let Some(d) = parse_date(t) {
            *target = Some(d);
        } else {
            c.add(field, "err-date");
        }
    }
}

fn title(c: &mut Check, v: &Option<String>, target: &mut String) {
    if let Some(v) = v {
        *target = c.text("title", v, 5, 300);
    }
}

/// The optional English title and summary: when the summary is given, so must the title be (a
/// page shows the English summary under the English title).
fn english(c: &mut Check, raw: &RawListing, (title_en, summary_en): (&mut String, &mut String)) {
    if let Some(v) = &raw.title_en {
        *title_en = c.text("title_en", v, 0, 300);
    }
    text(c, "summary_en", &raw.summary_en, SUMMARY_MAX_CHARS, summary_en);
    if title_en.trim().is_empty() && !summary_en.trim().is_empty() {
        c.add("title_en", "err-title-en-required");
    }
}

/// A new, empty offer of `org` (sector and province are required from the start: every list
/// and filter needs them).
fn blank_offer(org: OrganisationId, sector: Sector, province: Province) -> Offer {
    let now = crate::db::now();
    Offer {
        id: OfferId::new(),
        organisation_id: org,
        title: String::new(),
        title_en: String::new(),
        summary_en: String::new(),
        summary: String::new(),
        description: String::new(),
        advantages: String::new(),
        applications: String::new(),
        sector,
        keywords: Keywords::default(),
        trl: None,
        ip_status: IpStatus::None,
        ip_number: None,
        transfer_modes: Vec::new(),
        price: MoneyRange::negotiable(),
        province,
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

fn blank_need(org: OrganisationId, sector: Sector, province: Province) -> Need {
    let now = crate::db::now();
    Need {
        id: NeedId::new(),
        organisation_id: org,
        title: String::new(),
        title_en: String::new(),
        summary_en: String::new(),
        problem: String::new(),
        tried: String::new(),
        desired_outcome: String::new(),
        sector,
        keywords: Keywords::default(),
        min_trl: None,
        budget: MoneyRange::negotiable(),
        deadline: None,
        province,
        transfer_modes: Vec::new(),
        status: ListingStatus::Draft,
        created_at: now,
        updated_at: now,
        published_at: None,
        expires_at: None,
        version: 1,
    }
}

/// Sector and province of a new listing (the organisation's province when none is given).
fn required_codes(c: &mut Check, raw: &RawListing, default_province: Province) -> Option<(Sector, Province)> {
    let sector = c.choice::<Sector>("sector", raw.sector.as_deref().unwrap_or(""));
    let province = match raw.province.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        Some(p) => c.choice::<Province>("province", p),
        None => Some(default_province),
    };
    Some((sector?, province?))
}

impl RawListing {
    /// Every field name.
    pub const FIELDS: &'static [&'static str] = &[
        "title",
        "title_en",
        "summary_en",
        "summary",
        "description",
        "advantages",
        "applications",
        "problem",
        "tried",
        "desired_outcome",
        "sector",
        "keywords",
        "trl",
        "min_trl",
        "ip_status",
        "ip_number",
        "transfer_modes",
        "price_min",
        "price_max",
        "budget_min",
        "budget_max",
        "deadline",
        "province",
        "contact_visibility",
    ];

    /// A new listing from this input: `blank` makes the empty record of the kind, `apply` checks
    /// and applies the fields. The title, sector and province are required from the start.
    fn new_listing<T>(
        &self,
        default_province: Province,
        blank: impl Fn(Sector, Province) -> T,
        apply: impl Fn(&Self, &mut Check, &mut T),
    ) -> Result<T, Vec<FieldError>> {
        let mut c = Check::default();
        let required_title = |c: &mut Check| {
            if self.title.is_none() {
                c.add("title", "err-required");
            }
        };
        let Some((sector, province)) = required_codes(&mut c, self, default_province) else {
            // The other fields are still checked, so every message shows at once.
            apply(self, &mut c, &mut blank(Sector::ALL[0], default_province));
            required_title(&mut c);
            return Err(c.errors);
        };
        let mut x = blank(sector, province);
        required_title(&mut c);
        apply(self, &mut c, &mut x);
        c.finish(x)
    }

    /// A new offer from this input.
    pub fn new_offer(&self, org: OrganisationId, default_province: Province) -> Result<Offer, Vec<FieldError>> {
        self.new_listing(default_province, |s, p| blank_offer(org, s, p), Self::apply_offer_checked)
    }

    /// Applies the present fields to an offer.
    pub fn apply_offer(&self, o: &mut Offer) -> Result<(), Vec<FieldError>> {
        let mut c = Check::default();
        self.apply_offer_checked(&mut c, o);
        c.finish(())
    }

    fn apply_offer_checked(&self, c: &mut Check, o: &mut Offer) {
        title(c, &self.title, &mut o.title);
        text(c, "summary", &self.summary, SUMMARY_MAX_CHARS, &mut o.summary);
        english(c, self, (&mut o.title_en, &mut o.summary_en));
        text(c, "description", &self.description, TEXT_MAX, &mut o.description);
        text(c, "advantages", &self.advantages, SHORT_MAX, &mut o.advantages);
        text(c, "applications", &self.applications, SHORT_MAX, &mut o.applications);
        choice(c, "sector", &self.sector, &mut o.sector);
        keywords(c, &self.keywords, &mut o.keywords);
        trl(c, "trl", &self.trl, &mut o.trl);
        choice(c, "ip_status", &self.ip_status, &mut o.ip_status);
        if let Some(v) = &self.ip_number {
            o.ip_number = c.optional("ip_number", v, 100);
        }
        modes(c, &self.transfer_modes, &mut o.transfer_modes);
        range(c, ("price_min", "price_max"), (&self.price_min, &self.price_max), &mut o.price);
        choice(c, "province", &self.province, &mut o.province);
        choice(c, "contact_visibility", &self.contact_visibility, &mut o.contact_visibility);
    }

    /// A new need from this input.
    pub fn new_need(&self, org: OrganisationId, default_province: Province) -> Result<Need, Vec<FieldError>> {
        self.new_listing(default_province, |s, p| blank_need(org, s, p), Self::apply_need_checked)
    }

    /// Applies the present fields to a need.
    pub fn apply_need(&self, n: &mut Need) -> Result<(), Vec<FieldError>> {
        let mut c = Check::default();
        self.apply_need_checked(&mut c, n);
        c.finish(())
    }

    fn apply_need_checked(&self, c: &mut Check, n: &mut Need) {
        title(c, &self.title, &mut n.title);
        english(c, self, (&mut n.title_en, &mut n.summary_en));
        text(c, "problem", &self.problem, TEXT_MAX, &mut n.problem);
        text(c, "tried", &self.tried, SHORT_MAX, &mut n.tried);
        text(c, "desired_outcome", &self.desired_outcome, SHORT_MAX, &mut n.desired_outcome);
        choice(c, "sector", &self.sector, &mut n.sector);
        keywords(c, &self.keywords, &mut n.keywords);
        trl(c, "min_trl", &self.min_trl, &mut n.min_trl);
        range(c, ("budget_min", "budget_max"), (&self.budget_min, &self.budget_max), &mut n.budget);
        date(c, "deadline", &self.deadline, &mut n.deadline);
        choice(c, "province", &self.province, &mut n.province);
        modes(c, &self.transfer_modes, &mut n.transfer_modes);
    }

    /// The form of an existing offer (to edit it).
    pub fn of_offer(o: &Offer) -> Self {
        Self {
            title: Some(o.title.clone()),
            title_en: Some(o.title_en.clone()),
            summary_en: Some(o.summary_en.clone()),
            summary: Some(o.summary.clone()),
            description: Some(o.description.clone()),
            advantages: Some(o.advantages.clone()),
            applications: Some(o.applications.clone()),
            sector: Some(o.sector.code().into()),
            keywords: Some(o.keywords.as_slice().join(", ")),
            trl: Some(o.trl.map(|t| t.get().to_string()).unwrap_or_default()),
            ip_status: Some(o.ip_status.code().into()),
            ip_number: Some(o.ip_number.clone().unwrap_or_default()),
            transfer_modes: Some(o.transfer_modes.iter().map(|m| m.code().to_string()).collect()),
            price_min: Some(o.price.min().map(|m| m.dong().to_string()).unwrap_or_default()),
            price_max: Some(o.price.max().map(|m| m.dong().to_string()).unwrap_or_default()),
            province: Some(o.province.code().into()),
            contact_visibility: Some(o.contact_visibility.code().into()),
            ..Self::default()
        }
    }

    /// The form of an existing need.
    pub fn of_need(n: &Need) -> Self {
        Self {
            title: Some(n.title.clone()),
            title_en: Some(n.title_en.clone()),
            summary_en: Some(n.summary_en.clone()),
            problem: Some(n.problem.clone()),
            tried: Some(n.tried.clone()),
            desired_outcome: Some(n.desired_outcome.clone()),
            sector: Some(n.sector.code().into()),
            keywords: Some(n.keywords.as_slice().join(", ")),
            min_trl: Some(n.min_trl.map(|t| t.get().to_string()).unwrap_or_default()),
            budget_min: Some(n.budget.min().map(|m| m.dong().to_string()).unwrap_or_default()),
            budget_max: Some(n.budget.max().map(|m| m.dong().to_string()).unwrap_or_default()),
            deadline: Some(n.deadline.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default()),
            province: Some(n.province.code().into()),
            transfer_modes: Some(n.transfer_modes.iter().map(|m| m.code().to_string()).collect()),
            ..Self::default()
        }
    }

    /// Fields from URL-encoded pairs (an HTML form): `transfer_modes` may repeat; every field
    /// of `kind` is present (an empty box clears its field).
    pub fn from_pairs(kind: crate::domain::ListingKind, pairs: &[(String, String)]) -> Self {
        let get = |k: &str| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone()).or(Some(String::new()));
        let modes = pairs.iter().filter(|(n, _)| n == "transfer_modes").map(|(_, v)| v.clone()).collect();
        let common = Self {
            title: get("title"),
            title_en: get("title_en"),
            summary_en: get("summary_en"),
            sector: get("sector"),
            keywords: get("keywords"),
            province: get("province"),
            transfer_modes: Some(modes),
            ..Self::default()
        };
        match kind {
            crate::domain::ListingKind::Offer => Self {
                summary: get("summary"),
                description: get("description"),
                advantages: get("advantages"),
                applications: get("applications"),
                trl: get("trl"),
                ip_status: get("ip_status"),
                ip_number: get("ip_number"),
                price_min: get("price_min"),
                price_max: get("price_max"),
                contact_visibility: get("contact_visibility"),
                ..common
            },
            crate::domain::ListingKind::Need => Self {
                problem: get("problem"),
                tried: get("tried"),
                desired_outcome: get("desired_outcome"),
                min_trl: get("min_trl"),
                budget_min: get("budget_min"),
                budget_max: get("budget_max"),
                deadline: get("deadline"),
                ..common
            },
        }
    }
}

/// The fields of each kind, in form order.
pub const OFFER_FIELDS: &[&str] = &[
    "title",
    "summary",
    "description",
    "advantages",
    "applications",
    "title_en",
    "summary_en",
    "sector",
    "keywords",
    "trl",
    "ip_status",
    "ip_number",
    "transfer_modes",
    "price_min",
    "price_max",
    "province",
    "contact_visibility",
];
pub const NEED_FIELDS: &[&str] = &[
    "title",
    "problem",
    "tried",
    "desired_outcome",
    "title_en",
    "summary_en",
    "sector",
    "keywords",
    "min_trl",
    "budget_min",
    "budget_max",
    "deadline",
    "province",
    "transfer_modes",
];

pub fn fields_of(kind: crate::domain::ListingKind) -> &'static [&'static str] {
    match kind {
        crate::domain::ListingKind::Offer => OFFER_FIELDS,
        crate::domain::ListingKind::Need => NEED_FIELDS,
    }
}

/// URL segment of a kind: `offers` or `needs`.
pub fn plural(kind: crate::domain::ListingKind) -> &'static str {
    match kind {
        crate::domain::ListingKind::Offer => "offers",
        crate::domain::ListingKind::Need => "needs",
    }
}

/// A field of a raw listing as text (lists comma-separated).
pub fn raw_value(raw: &RawListing, name: &str) -> String {
    let v = serde_json::to_value(raw).unwrap_or_default();
    match &v[name] {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Array(a) => a.iter().filter_map(|x| x.as_str()).collect::<Vec<_>>().join(","),
        _ => String::new(),
    }
}

/// The kind of listing a URL path is about: `…/needs/…` is a need, anything else an offer.
pub fn kind_in_path(path: &str) -> crate::domain::ListingKind {
    if path.split('/').any(|s| s == "needs") {
        crate::domain::ListingKind::Need
    } else {
        crate::domain::ListingKind::Offer
    }
}

/// Marks every absent field of `kind` as empty (PUT: a full replacement).
pub fn fill_absent(kind: crate::domain::ListingKind, raw: &RawListing) -> RawListing {
    let mut v = serde_json::to_value(raw).unwrap_or_default();
    for name in fields_of(kind) {
        if v[*name].is_null() {
            v[*name] = if *name == "transfer_modes" { serde_json::json!([]) } else { serde_json::json!("") };
        }
    }
    serde_json::from_value(v).unwrap_or_else(|_| raw.clone())
}

/// What an offer needs before it can be submitted (drafts may be incomplete).
pub fn offer_ready(o: &Offer) -> Vec<FieldError> {
    let mut c = Check::default();
    if o.summary.trim().is_empty() {
        c.add("summary", "err-required");
    }
    if o.description.trim().is_empty() {
        c.add("description", "err-required");
    }
    c.errors
}

/// What a need needs before it can be submitted.
pub fn need_ready(n: &Need) -> Vec<FieldError> {
    let mut c = Check::default();
    if n.problem.trim().is_empty() {
        c.add("problem", "err-required");
    }
    c.errors
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(pairs: &[(&str, &str)]) -> RawListing {
        RawListing::from_pairs(
            crate::domain::ListingKind::Offer,
            &pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect::<Vec<_>>(),
        )
    }

    #[test]
    fn a_form_becomes_an_offer_with_a_message_per_bad_field() {
        let org = OrganisationId::new();
        let ok = raw(&[
            ("title", "Máy sấy nông sản năng lượng mặt trời"),
            ("sector", "agriculture"),
            ("province", "hue"),
            ("keywords", "máy sấy, nông sản"),
            ("trl", "7"),
            ("transfer_modes", "licence"),
            ("transfer_modes", "training"),
            ("price_min", "150.000.000"),
            ("price_max", "2 tỷ"),
        ])
        .new_offer(org, Province::Hue)
        .unwrap();
        assert_eq!(ok.trl.map(|t| t.get()), Some(7));
        assert_eq!(ok.transfer_modes.len(), 2);
        assert_eq!(ok.price.max().map(|m| m.dong()), Some(2_000_000_000));
        let bad = raw(&[
            ("title", "Máy"),
            ("sector", "space"),
            ("trl", "12"),
            ("price_min", "9"),
            ("price_max", "1"),
            ("transfer_modes", "gift"),
        ])
        .new_offer(org, Province::Hue)
        .unwrap_err();
        let fields: Vec<_> = bad.iter().map(|e| e.field).collect();
        for f in ["sector", "title", "trl", "transfer_modes", "price_max"] {
            assert!(fields.contains(&f), "{f} missing from {bad:?}");
        }
    }

    #[test]
    fn absent_fields_keep_their_value() {
        let mut o = crate::domain::records::tests::sample_offer();
        let before = o.clone();
        RawListing { summary: Some("Tóm tắt mới".into()), ..RawListing::default() }.apply_offer(&mut o).unwrap();
        assert_eq!(o.summary, "Tóm tắt mới");
        assert_eq!((o.title.as_str(), o.trl, o.price), (before.title.as_str(), before.trl, before.price));
        // A round trip through the form changes nothing.
        let mut again = before.clone();
        RawListing::of_offer(&before).apply_offer(&mut again).unwrap();
        assert_eq!(again, before);
    }
}
