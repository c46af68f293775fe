//! `GET /api/v1/offers[/{id}]` and `GET /api/v1/needs[/{id}]`.

use actix_web::{HttpRequest, HttpResponse, web};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::db;
use crate::domain::{Listing, ListingKind, MoneyRange, Need, Offer, policy};
use crate::error::AppError;
use crate::services::listings::browse::{Browse, Listed, browse};
use crate::state::AppState;
use crate::web::auth;
use crate::web::query::{ListQuery, Strictness};

/// Default page size of list operations.
const PER_PAGE: i64 = 20;

/// The organisation a listing belongs to.
#[derive(Debug, Serialize, ToSchema)]
pub struct OrgRef {
    pub id: String,
    pub name: String,
}

/// A price or budget in whole đồng; both bounds absent means negotiable.
#[derive(Debug, Serialize, ToSchema)]
pub struct Amount {
    pub min: Option<i64>,
    pub max: Option<i64>,
    pub negotiable: bool,
}

impl From<MoneyRange> for Amount {
    fn from(r: MoneyRange) -> Self {
        Self { min: r.min().map(i64::from), max: r.max().map(i64::from), negotiable: r.is_negotiable() }
    }
}

/// A published technology offer.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"id": "0193a0e4-7c1e-7b4a-9a1e-4f5c2d1b0a99", "organisation": {"id": "0193a0e4-7c1e-7b4a-9a1e-4f5c2d1b0a01", "name": "Viện Công nghệ Sinh học miền Trung"}, "title": "Chế phẩm vi sinh xử lý đáy ao nuôi tôm", "summary": "…", "description": "…", "advantages": "…", "applications": "…", "sector": "aquaculture", "keywords": ["vi sinh", "nuôi tôm"], "trl": 8, "ip_status": "utility_solution", "ip_number": "2-0003124", "transfer_modes": ["licence", "training"], "price": {"min": 250000000, "max": 400000000, "negotiable": false}, "province": "hue", "featured": true, "status": "published", "published_at": "2026-11-13T08:00:00Z", "expires_at": "2027-11-13T08:00:00Z", "version": 1}))]
pub struct OfferDto {
    pub id: String,
    pub organisation: OrgRef,
    pub title: String,
    pub summary: String,
    /// The English title and summary; empty when the owner gave none.
    pub title_en: String,
    pub summary_en: String,
    pub description: String,
    pub advantages: String,
    pub applications: String,
    /// Sector code.
    pub sector: String,
    pub keywords: Vec<String>,
    /// Technology readiness level 1–9.
    pub trl: Option<u8>,
    /// IP status code.
    pub ip_status: String,
    pub ip_number: Option<String>,
    /// Transfer mode codes.
    pub transfer_modes: Vec<String>,
    pub price: Amount,
    /// Province code.
    pub province: String,
    pub featured: bool,
    /// `draft`, `submitted`, `published`, `returned`, `archived` or `rejected` (lists: always published).
    pub status: String,
    /// UTC.
    pub published_at: Option<DateTime<Utc>>,
    /// UTC.
    pub expires_at: Option<DateTime<Utc>>,
    pub version: i32,
}

impl OfferDto {
    pub fn new(o: &Offer, org_name: String) -> Self {
        Self {
            id: o.id.to_string(),
            organisation: OrgRef { id: o.organisation_id.to_string(), name: org_name },
            title: o.title.clone(),
            summary: o.summary.clone(),
            title_en: o.title_en.clone(),
            summary_en: o.summary_en.clone(),
            description: o.description.clone(),
            advantages: o.advantages.clone(),
            applications: o.applications.clone(),
            sector: o.sector.code().into(),
            keywords: o.keywords.as_slice().to_vec(),
            trl: o.trl.map(|t| t.get()),
            ip_status: o.ip_status.code().into(),
            ip_number: o.ip_number.clone(),
            transfer_modes: o.transfer_modes.iter().map(|m| m.code().to_string()).collect(),
            price: o.price.into(),
            province: o.province.code().into(),
            featured: o.featured,
            status: o.status.code().into(),
            published_at: o.published_at.map(|t| t.and_utc()),
            expires_at: o.expires_at.map(|t| t.and_utc()),
            version: o.version,
        }
    }
}

/// A published technology need.
#[derive(Debug, Serialize, ToSchema)]
pub struct NeedDto {
    pub id: String,
    pub organisation: OrgRef,
    pub title: String,
    /// The English title and summary; empty when the owner gave none.
    pub title_en: String,
    pub summary_en: String,
    pub problem: String,
    pub tried: String,
    pub desired_outcome: String,
    /// Sector code.
    pub sector: String,
    pub keywords: Vec<String>,
    pub min_trl: Option<u8>,
    pub budget: Amount,
    pub deadline: Option<NaiveDate>,
    /// Province code.
    pub province: String,
    /// Acceptable transfer mode codes.
    pub transfer_modes: Vec<String>,
    /// `draft`, `submitted`, `published`, `returned`, `archived` or `rejected` (lists: always published).
    pub status: String,
    pub published_at: Option<DateTime<Utc>>,
    pub expires_at: Option<DateTime<Utc>>,
    pub version: i32,
}

impl NeedDto {
    pub fn new(n: &Need, org_name: String) -> Self {
        Self {
            id: n.id.to_string(),
            organisation: OrgRef { id: n.organisation_id.to_string(), name: org_name },
            title: n.title.clone(),
            title_en: n.title_en.clone(),
            summary_en: n.summary_en.clone(),
            problem: n.problem.clone(),
            tried: n.tried.clone(),
            desired_outcome: n.desired_outcome.clone(),
            sector: n.sector.code().into(),
            keywords: n.keywords.as_slice().to_vec(),
            min_trl: n.min_trl.map(|t| t.get()),
            budget: n.budget.into(),
            deadline: n.deadline,
            province: n.province.code().into(),
            transfer_modes: n.transfer_modes.iter().map(|m| m.code().to_string()).collect(),
            status: n.status.code().into(),
            published_at: n.published_at.map(|t| t.and_utc()),
            expires_at: n.expires_at.map(|t| t.and_utc()),
            version: n.version,
        }
    }
}

/// A page of offers.
#[derive(Debug, Serialize, ToSchema)]
pub struct OfferList {
    pub items: Vec<OfferDto>,
    pub page: i64,
    pub per_page: i64,
    pub total: i64,
    pub pages: i64,
}

/// A page of needs.
#[derive(Debug, Serialize, ToSchema)]
pub struct NeedList {
    pub items: Vec<NeedDto>,
    pub page: i64,
    pub per_page: i64,
    pub total: i64,
    pub pages: i64,
}

/// An offer or a need as the API shows it.
pub(crate) fn listing_json(l: &Listing, org_name: String) -> Result<serde_json::Value, AppError> {
    match l {
        Listing::Offer(o) => serde_json::to_value(OfferDto::new(o, org_name)),
        Listing::Need(n) => serde_json::to_value(NeedDto::new(n, org_name)),
    }
    .map_err(|e| AppError::Internal(e.into()))
}

/// A public list of one kind (`OfferList` or `NeedList`): with `q`, the search engine's results.
async fn list(state: &AppState, query: &ListQuery, kind: ListingKind) -> Result<HttpResponse, AppError> {
    let p = query.parse(PER_PAGE, Strictness::Api)?;
    let b = Browse { kind, filter: p.filter, q: p.q, page: p.page, per_page: p.per_page };
    let Listed { page, names } = browse(&state.db, &state.search, b, state.clock.now()).await?;
    let items = page
        .items
        .iter()
        .map(|l| listing_json(l, names.get(&l.organisation()).cloned().unwrap_or_default()))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(HttpResponse::Ok().json(serde_json::json!({
        "items": items, "page": page.page, "per_page": page.per_page, "total": page.total, "pages": page.pages(),
    })))
}

/// One listing of one kind: published, or in any status for its owner and staff.
async fn get(req: &HttpRequest, state: &AppState, kind: ListingKind, id: String) -> Result<HttpResponse, AppError> {
    let now = state.clock.now();
    let viewer = auth::current(req).map(|c| c.actor);
    let (l, names) = state
        .db
        .run(move |c| {
            let found = match db::listings::get_public(c, kind, &id, now)? {
                Some(l) => Some(l),
                None => crate::services::listings::load(c, kind, &id)?
                    .filter(|l| policy::can_read_unpublished(viewer.as_ref(), l.organisation())),
            };
            let Some(l) = found else { return Ok(None) };
            let names = db::organisations::names(c, [l.organisation()])?;
            Ok(Some((l, names)))
        })
        .await?
        .ok_or(AppError::NotFound)?;
    let name = names.get(&l.organisation()).cloned().unwrap_or_default();
    Ok(HttpResponse::Ok().json(listing_json(&l, name)?))
}

/// Lists published technology offers, newest first (with `q`: by relevance).
#[utoipa::path(get, path = "/api/v1/offers", tag = "listings", params(ListQuery),
    responses((status = 200, body = OfferList), (status = 400, body = crate::error::Problem, content_type = "application/problem+json")))]
pub async fn list_offers(state: web::Data<AppState>, query: web::Query<ListQuery>) -> Result<HttpResponse, AppError> {
    list(&state, &query, ListingKind::Offer).await
}

/// One technology offer: published, or in any status for its owner (with a bearer token).
#[utoipa::path(get, path = "/api/v1/offers/{id}", tag = "listings", params(("id" = String, Path, description = "Offer id (UUID)")),
    responses((status = 200, body = OfferDto), (status = 404, body = crate::error::Problem, content_type = "application/problem+json")))]
pub async fn get_offer(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    get(&req, &state, ListingKind::Offer, id.into_inner()).await
}

/// Lists published technology needs, newest first (with `q`: by relevance).
#[utoipa::path(get, path = "/api/v1/needs", tag = "listings", params(ListQuery),
    responses((status = 200, body = NeedList), (status = 400, body = crate::error::Problem, content_type = "application/problem+json")))]
pub async fn list_needs(state: web::Data<AppState>, query: web::Query<ListQuery>) -> Result<HttpResponse, AppError> {
    list(&state, &query, ListingKind::Need).await
}

/// One technology need: published, or in any status for its owner (with a bearer token).
#[utoipa::path(get, path = "/api/v1/needs/{id}", tag = "listings", params(("id" = String, Path, description = "Need id (UUID)")),
    responses((status = 200, body = NeedDto), (status = 404, body = crate::error::Problem, content_type = "application/problem+json")))]
pub async fn get_need(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    get(&req, &state, ListingKind::Need, id.into_inner()).await
}
