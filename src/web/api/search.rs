//! `GET /api/v1/search`: the search page's engine as JSON.

use actix_web::{HttpRequest, HttpResponse, web};
use serde::Serialize;
use utoipa::{IntoParams, ToSchema};

use crate::error::AppError;
use crate::services::search::split_id;
use crate::state::AppState;
use crate::web::query::Strictness;
use crate::web::search::{label, parse};

/// The parameters (facet parameters may repeat: `sector=energy&sector=environment`).
#[derive(Debug, IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // documents the parameters; they are parsed from the raw query string
pub struct SearchParams {
    /// Free text: words, "phrases in quotes", -exclusions; diacritics optional.
    q: Option<String>,
    /// `offer` or `need`.
    kind: Option<String>,
    /// Sector code (repeatable).
    sector: Option<String>,
    /// Province code (repeatable).
    province: Option<String>,
    /// IP status code (repeatable).
    ip_status: Option<String>,
    /// Transfer mode code (repeatable).
    transfer_mode: Option<String>,
    /// Organisation kind code (repeatable).
    org_kind: Option<String>,
    trl_min: Option<u8>,
    trl_max: Option<u8>,
    /// Price or budget range in đồng (overlap).
    price_min: Option<String>,
    price_max: Option<String>,
    /// `relevance` (default with text), `newest` (default without), `deadline`.
    sort: Option<String>,
    page: Option<u32>,
    /// 1–100, default 20.
    per_page: Option<u32>,
}

/// One result.
#[derive(Debug, Serialize, ToSchema)]
pub struct SearchHit {
    /// `offer` or `need`.
    pub kind: String,
    pub id: String,
    pub url: String,
    pub score: f32,
    /// HTML-escaped, matched words in `<b>`.
    pub title_html: String,
    /// HTML-escaped, matched words in `<b>`.
    pub snippet_html: String,
    /// The listing's English title, matched words in `<b>`; empty when it has none.
    pub title_en_html: String,
    /// The listing's English summary, matched words in `<b>`; empty when it has none.
    pub snippet_en_html: String,
}

/// One facet value and how many results have it.
#[derive(Debug, Serialize, ToSchema)]
pub struct FacetCount {
    pub value: String,
    pub label_vi: String,
    pub label_en: String,
    pub count: u64,
}

/// Search results.
#[derive(Debug, Serialize, ToSchema)]
pub struct SearchResults {
    pub total: usize,
    pub page: usize,
    pub per_page: usize,
    pub items: Vec<SearchHit>,
    /// Counts per facet over all results: kind, sector, province, ip_status, transfer_mode, org_kind.
    pub facets: std::collections::BTreeMap<String, Vec<FacetCount>>,
}

#[utoipa::path(get, path = "/api/v1/search", tag = "listings", params(SearchParams),
    responses((status = 200, body = SearchResults), (status = 400, body = crate::error::Problem, content_type = "application/problem+json")))]
pub async fn search(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let now = state.clock.now();
    let p = parse(req.query_string(), 20, now.and_utc().timestamp(), Strictness::Api)?;
    let results = state.search.run(p.query.clone()).await?;
    let base = state.settings.base_url.as_str().trim_end_matches('/').to_string();
    let items = results
        .hits
        .into_iter()
        .map(|h| {
            let (kind, id) = split_id(&h.id);
            let plural = crate::services::listings::input::plural(kind);
            SearchHit {
                kind: kind.code().into(),
                id: id.into(),
                url: format!("{base}/{plural}/{id}"),
                score: h.score,
                title_html: h.title_html,
                snippet_html: h.snippet_html,
                title_en_html: h.title_en_html,
                snippet_en_html: h.snippet_en_html,
            }
        })
        .collect();
    let facets = results
        .facets
        .into_iter()
        .map(|(name, values)| {
            let counts = values
                .into_iter()
                .map(|(value, count)| FacetCount {
                    label_vi: label(&name, &value, crate::domain::Locale::Vi),
                    label_en: label(&name, &value, crate::domain::Locale::En),
                    value,
                    count,
                })
                .collect();
            (name, counts)
        })
        .collect();
    Ok(HttpResponse::Ok().json(SearchResults {
        total: results.total,
        page: p.page,
        per_page: p.per_page,
        items,
        facets,
    }))
}
