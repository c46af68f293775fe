//! The search page: free text with facet counts, removable filter chips, sorting and paging, all
//! in the URL (shareable, works without JavaScript, every control is a link or a form field).

use actix_web::{HttpRequest, web};
use askama::Template;
use askama_web::WebTemplate;

use crate::catalogue::key_of;
use crate::error::AppError;
use crate::services::search::split_id;
use crate::state::AppState;
use crate::web::i18n::Ctx;
use crate::web::query::Strictness;
use crate::web::search::{FACET_PARAMS, PAGE_SIZE, label, parse, url};
use crate::web::views::Pager;

/// One result.
pub struct ResultView {
    pub url: String,
    pub kind: String,
    pub title_html: String,
    pub snippet_html: String,
}

/// One facet value: its label, count, the link that toggles it, and whether it is on.
pub struct FacetValue {
    pub label: String,
    pub count: u64,
    pub href: String,
    pub active: bool,
}

/// A facet with its values.
pub struct FacetView {
    pub title: String,
    pub values: Vec<FacetValue>,
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/search.html")]
pub struct SearchPage {
    ctx: Ctx,
    q: String,
    sort: String,
    total: usize,
    results: Vec<ResultView>,
    facets: Vec<FacetView>,
    /// (label, link without it)
    chips: Vec<(String, String)>,
    pager: Pager,
}

pub async fn search(req: HttpRequest, state: web::Data<AppState>) -> Result<SearchPage, AppError> {
    let now = state.clock.now();
    let ctx = Ctx::from_request(&req);
    let l = ctx.locale;
    let p = parse(req.query_string(), PAGE_SIZE, now.and_utc().timestamp(), Strictness::Form)?;
    let results = state.search.run(p.query.clone()).await?;
    let without = |name: &str, value: &str| -> Vec<(String, String)> {
        p.pairs.iter().filter(|(k, v)| !(k == name && v == value) && k != "page").cloned().collect()
    };
    let chips = p
        .pairs
        .iter()
        .filter(|(k, _)| FACET_PARAMS.contains(&k.as_str()))
        .map(|(k, v)| {
            (
                ctx.t2("search-active-filter", "facet", ctx.t(&key_of("search-facet", k)), "value", label(k, v, l)),
                url(&without(k, v)),
            )
        })
        .collect();
    let facets = FACET_PARAMS
        .iter()
        .filter_map(|name| {
            let values = results.facets.get(*name)?;
            let values: Vec<FacetValue> = values
                .iter()
                .map(|(value, count)| {
                    let active = p.pairs.iter().any(|(k, v)| k == name && v == value);
                    let href = if active {
                        url(&without(name, value))
                    } else {
                        let mut pairs: Vec<(String, String)> =
                            p.pairs.iter().filter(|(k, _)| k != "page").cloned().collect();
                        pairs.push((name.to_string(), value.clone()));
                        url(&pairs)
                    };
                    FacetValue { label: label(name, value, l), count: *count, href, active }
                })
                .collect();
            (!values.is_empty()).then(|| FacetView { title: ctx.t(&key_of("search-facet", name)), values })
        })
        .collect();
    let pages = results.total.div_ceil(p.per_page).max(1);
    let params: Vec<(&str, String)> =
        p.pairs.iter().filter(|(k, _)| k != "page").map(|(k, v)| (k.as_str(), v.clone())).collect();
    let pager = Pager::new("/search", &params, p.page as i64, pages as i64, results.total as i64);
    let english = l == crate::domain::Locale::En;
    let results_view = results
        .hits
        .into_iter()
        .map(|h| {
            let (kind, id) = split_id(&h.id);
            ResultView {
                url: format!("/{}/{id}", crate::services::listings::input::plural(kind)),
                kind: kind.label(l).to_string(),
                // English readers see the English title and summary a listing has.
                title_html: if english && !h.title_en_html.is_empty() { h.title_en_html } else { h.title_html },
                snippet_html: if english && !h.snippet_en_html.is_empty() { h.snippet_en_html } else { h.snippet_html },
            }
        })
        .collect();
    let sort = p.pairs.iter().find(|(k, _)| k == "sort").map(|(_, v)| v.clone()).unwrap_or_default();
    Ok(SearchPage {
        q: p.query.text.clone(),
        sort,
        total: results.total,
        results: results_view,
        facets,
        chips,
        pager,
        ctx,
    })
}
