//! The form parsers: any URL-encoded body as a listing form, an organisation form and a query
//! string; the redirect after sign-in.

use ketnoi::services::listings::input::RawListing;

fn main() {
    afl::fuzz!(|data: &[u8]| {
        let body = ketnoi_fuzz::text(data);
        let pairs: Vec<(String, String)> = url::form_urlencoded::parse(body.as_bytes()).into_owned().collect();
        let field = |name: &str| pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
        let raw = RawListing {
            title: field("title"),
            summary: field("summary"),
            description: field("description"),
            keywords: field("keywords"),
            trl: field("trl"),
            price_min: field("price_min"),
            price_max: field("price_max"),
            deadline: field("deadline"),
            sector: field("sector"),
            province: field("province"),
            transfer_modes: Some(pairs.iter().filter(|(k, _)| k == "transfer_modes").map(|(_, v)| v.clone()).collect()),
            ..RawListing::default()
        };
        let org = ketnoi::domain::OrganisationId::new();
        let _ = raw.new_offer(org, ketnoi::domain::Province::Hue);
        let _ = raw.new_need(org, ketnoi::domain::Province::Hue);
        let form = ketnoi::services::organisations::org_form::OrgForm {
            kind: field("kind").unwrap_or_default(),
            name: field("name").unwrap_or_default(),
            tax_code: field("tax_code").unwrap_or_default(),
            province: field("province").unwrap_or_default(),
            website: field("website").unwrap_or_default(),
            contact_email: field("email").unwrap_or_default(),
            contact_phone: field("phone").unwrap_or_default(),
            ..Default::default()
        };
        let _ = form.check(&mut ketnoi::validate::Check::default());
        let _ = ketnoi::web::search::parse(&body, 12, 0, ketnoi::web::query::Strictness::Form);
        let target = ketnoi::web::forms::safe_next(field("next").as_deref());
        assert!(target.starts_with('/') && !target.starts_with("//"));
    });
}
