//! View models: records formatted for one reader's language, so templates only print text.

use crate::catalogue::human;
use crate::domain::policy::{self, Actor};
use crate::domain::{Contact, ContactVisibility, Locale, Need, Offer, Organisation};

/// An offer in a list.
#[derive(Debug, Clone)]
pub struct OfferCard {
    pub id: String,
    /// In the reader's language when the listing has it (the English title on English pages).
    pub title: String,
    /// The title as written, when `title` is its English version.
    pub original_title: Option<String>,
    pub summary: String,
    pub sector: String,
    pub trl: Option<u8>,
    pub org_id: String,
    pub org_name: String,
    pub province: String,
    pub price: String,
    pub featured: bool,
    /// The thumbnail of the offer's first image, if it has one.
    pub image: Option<String>,
}

impl OfferCard {
    pub fn new(o: &Offer, org_name: &str, l: Locale) -> Self {
        let (title, original_title) = in_language(l, &o.title, &o.title_en);
        let english_summary = original_title.is_some() && !o.summary_en.trim().is_empty();
        Self {
            id: o.id.to_string(),
            title,
            original_title,
            summary: if english_summary { o.summary_en.clone() } else { o.summary.clone() },
            sector: o.sector.label(l),
            trl: o.trl.map(|t| t.get()),
            org_id: o.organisation_id.to_string(),
            org_name: org_name.to_string(),
            province: o.province.label(l),
            price: human::money_range(l, o.price),
            featured: o.featured,
            image: None,
        }
    }
}

/// Gives each card the thumbnail of its offer's first image.
pub fn with_images(cards: &mut [OfferCard], images: &std::collections::HashMap<String, String>) {
    for c in cards {
        c.image = images.get(&c.id).map(|a| format!("/files/{a}/thumb"));
    }
}

/// A need in a list.
#[derive(Debug, Clone)]
pub struct NeedCard {
    pub id: String,
    /// In the reader's language when the listing has it (see [`OfferCard`]).
    pub title: String,
    pub original_title: Option<String>,
    pub problem: String,
    pub sector: String,
    pub min_trl: Option<u8>,
    pub org_id: String,
    pub org_name: String,
    pub province: String,
    pub budget: String,
    pub deadline: Option<String>,
}

/// The title a reader of `l` sees, and the original when it is a translation: English pages show
/// the English title a listing has; everything else shows the title as written.
fn in_language(l: Locale, title: &str, title_en: &str) -> (String, Option<String>) {
    let shown = crate::domain::title_for(l, title, title_en);
    // The English title was chosen (even one spelled like the original): name the original.
    (shown.to_string(), (!std::ptr::eq(shown, title)).then(|| title.to_string()))
}

/// Shortens text to at most `max` characters at a word boundary.
fn excerpt(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map(|(a, _)| a).unwrap_or(&cut);
    format!("{}…", cut.trim_end_matches([',', '.', ';', ':']))
}

impl NeedCard {
    pub fn new(n: &Need, org_name: &str, l: Locale) -> Self {
        let (title, original_title) = in_language(l, &n.title, &n.title_en);
        let english_summary = original_title.is_some() && !n.summary_en.trim().is_empty();
        Self {
            id: n.id.to_string(),
            title,
            original_title,
            problem: excerpt(if english_summary { &n.summary_en } else { &n.problem }, 220),
            sector: n.sector.label(l),
            min_trl: n.min_trl.map(|t| t.get()),
            org_id: n.organisation_id.to_string(),
            org_name: org_name.to_string(),
            province: n.province.label(l),
            budget: human::money_range(l, n.budget),
            deadline: n.deadline.map(|d| human::date(l, d)),
        }
    }
}

/// An offer's detail page.
#[derive(Debug, Clone)]
pub struct OfferView {
    pub card: OfferCard,
    pub description: String,
    pub advantages: String,
    pub applications: String,
    pub keywords: Vec<String>,
    pub ip: String,
    pub ip_number: Option<String>,
    pub modes: Vec<String>,
    pub published: Option<String>,
    pub expires: Option<String>,
}

impl OfferView {
    pub fn new(o: &Offer, org_name: &str, l: Locale) -> Self {
        Self {
            card: OfferCard::new(o, org_name, l),
            description: o.description.clone(),
            advantages: o.advantages.clone(),
            applications: o.applications.clone(),
            keywords: o.keywords.as_slice().to_vec(),
            ip: o.ip_status.label(l),
            ip_number: o.ip_number.clone(),
            modes: o.transfer_modes.iter().map(|m| m.label(l)).collect(),
            published: o.published_at.map(|t| human::day(l, t)),
            expires: o.expires_at.map(|t| human::day(l, t)),
        }
    }
}

/// A need's detail page.
#[derive(Debug, Clone)]
pub struct NeedView {
    pub card: NeedCard,
    pub problem: String,
    pub tried: String,
    pub desired_outcome: String,
    pub keywords: Vec<String>,
    pub modes: Vec<String>,
    pub published: Option<String>,
    pub expires: Option<String>,
}

impl NeedView {
    pub fn new(n: &Need, org_name: &str, l: Locale) -> Self {
        Self {
            card: NeedCard::new(n, org_name, l),
            problem: n.problem.clone(),
            tried: n.tried.clone(),
            desired_outcome: n.desired_outcome.clone(),
            keywords: n.keywords.as_slice().to_vec(),
            modes: n.transfer_modes.iter().map(|m| m.label(l)).collect(),
            published: n.published_at.map(|t| human::day(l, t)),
            expires: n.expires_at.map(|t| human::day(l, t)),
        }
    }
}

/// An organisation's page.
#[derive(Debug, Clone)]
pub struct OrgView {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub province: String,
    pub address: String,
    /// Only http(s) websites become links.
    pub website: Option<String>,
    pub description: String,
    pub verified: bool,
}

impl OrgView {
    pub fn new(o: &Organisation, l: Locale) -> Self {
        Self {
            id: o.id.to_string(),
            name: o.name.clone(),
            kind: o.kind.label(l),
            province: o.province.label(l),
            address: o.address.clone(),
            website: o.website.clone().filter(|w| w.starts_with("https://") || w.starts_with("http://")),
            description: o.description.clone(),
            verified: o.verified_at.is_some(),
        }
    }
}

/// The contact block of a listing: the details when the privacy rule allows, else why not.
#[derive(Debug, Clone)]
pub struct ContactView {
    pub shown: Option<Contact>,
    /// Interface-text key of the explanation when hidden.
    pub note: &'static str,
}

impl ContactView {
    /// Applies [`policy::can_see_contact`] for `viewer`; `mutual`: an expression of interest
    /// between the viewer's organisation and the owner was accepted.
    pub fn new(viewer: Option<&Actor>, owner: &Organisation, visibility: ContactVisibility, mutual: bool) -> Self {
        if policy::can_see_contact(viewer, owner.id, owner.contact.share, visibility, mutual) {
            return Self { shown: Some(owner.contact.clone()), note: "" };
        }
        let note = if !owner.contact.share {
            "contact-not-shared"
        } else if visibility == ContactVisibility::OnInterest {
            "contact-on-interest"
        } else {
            "contact-sign-in"
        };
        Self { shown: None, note }
    }
}

/// A select option.
#[derive(Debug, Clone)]
pub struct Choice {
    pub code: &'static str,
    pub label: String,
    pub selected: bool,
}

/// Previous/next links that keep the filters.
#[derive(Debug, Clone)]
pub struct Pager {
    pub page: i64,
    pub pages: i64,
    pub total: i64,
    pub prev: Option<String>,
    pub next: Option<String>,
}

impl Pager {
    /// Links for `path` with the given filter parameters.
    pub fn new(path: &str, params: &[(&str, String)], page: i64, pages: i64, total: i64) -> Self {
        let link = |p: i64| {
            let mut s = url::form_urlencoded::Serializer::new(String::new());
            for (k, v) in params.iter().filter(|(_, v)| !v.is_empty()) {
                s.append_pair(k, v);
            }
            s.append_pair("page", &p.to_string());
            format!("{path}?{}", s.finish())
        };
        Self {
            page,
            pages,
            total,
            prev: (page > 1).then(|| link(page - 1)),
            next: (page < pages).then(|| link(page + 1)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpt_cuts_at_words() {
        assert_eq!(excerpt("ngắn", 10), "ngắn");
        assert_eq!(excerpt("một hai ba bốn năm", 9), "một hai…");
    }

    #[test]
    fn pager_keeps_filters() {
        let p = Pager::new(
            "/offers",
            &[("sector", "it".into()), ("q", "nuôi tôm".into()), ("province", String::new())],
            2,
            3,
            30,
        );
        assert_eq!(p.prev.as_deref(), Some("/offers?sector=it&q=nu%C3%B4i+t%C3%B4m&page=1"));
        assert_eq!(p.next.as_deref(), Some("/offers?sector=it&q=nu%C3%B4i+t%C3%B4m&page=3"));
        assert!(Pager::new("/x", &[], 1, 1, 0).next.is_none());
    }
}

/// A suggested listing with the "how you match" checklist.
#[derive(Debug, Clone)]
pub struct SuggestionView {
    pub href: String,
    pub title: String,
    pub org_name: String,
    /// (fits, text): ✓ lines and gaps.
    pub lines: Vec<(bool, String)>,
    /// The matched words, as the suggested listing writes them.
    pub words: Vec<String>,
    /// For the owning organisation's members: where to post the judgement, and the one given.
    pub judge: Option<String>,
    pub judged: Option<bool>,
    /// For members of another verified organisation: where to post "interested" in the suggested
    /// listing, with its matched words (`|`-separated) attached.
    pub interest: Option<(String, String)>,
}

impl SuggestionView {
    /// `owner_path`: the listing's own path (`/needs/{id}`) when the viewer's organisation owns it.
    pub fn new(
        s: &crate::services::recommend::Suggestion,
        org_name: &str,
        owner_path: Option<&str>,
        l: Locale,
    ) -> Self {
        let href = match &s.listing {
            crate::domain::Listing::Offer(o) => format!("/offers/{}", o.id),
            crate::domain::Listing::Need(n) => format!("/needs/{}", n.id),
        };
        Self {
            href,
            title: s.listing.title_for(l).to_string(),
            org_name: org_name.to_string(),
            lines: s.checks.iter().map(|c| (c.fits(), c.text(l))).collect(),
            words: s.words.clone(),
            judge: owner_path.map(|p| format!("{p}/suggestions/{}", s.listing.id())),
            judged: s.judged,
            interest: None,
        }
    }
}
