//! `GET /api/v1/offers[/{id}]` and `GET /api/v1/needs[/{id}]`.

use actix_web::{HttpRequest, HttpResponse, web};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::db::{self, Page};
use crate::domain::{MoneyRange, Need, NeedId, Offer, OfferId};
use crate::error::AppError;
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

/// Lists published technology offers, newest first.
#[utoipa::path(get, path = "/api/v1/offers", tag = "listings", params(ListQuery),
    responses((status = 200, body = OfferList), (status = 400, body = crate::error::Problem, content_type = "application/problem+json")))]
pub async fn list_offers(state: web::Data<AppState>, query: web::Query<ListQuery>) -> Result<HttpResponse, AppError> {
    let now = state.clock.now();
    let p = query.parse(PER_PAGE, Strictness::Api)?;
    let body = state
        .db
        .run(move |c| {
            let page: Page<Offer> = db::offers::list_public(c, &p.filter, now, p.page, p.per_page)?;
            let names = db::organisations::names(c, page.items.iter().map(|o| o.organisation_id))?;
            Ok(OfferList {
                pages: page.pages(),
                items: page
                    .items
                    .iter()
                    .map(|o| OfferDto::new(o, names.get(&o.organisation_id).cloned().unwrap_or_default()))
                    .collect(),
                page: page.page,
                per_page: page.per_page,
                total: page.total,
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(body))
}

/// Whether `viewer` may read a listing of `owner` that is not public (a draft, an expired one):
/// its own members and the centre's staff.
fn may_read_any_status(viewer: Option<&crate::domain::policy::Actor>, owner: crate::domain::OrganisationId) -> bool {
    viewer.is_some_and(|a| a.is_staff() || a.organisation == Some(owner))
}

/// One technology offer: published, or in any status for its owner (with a bearer token).
#[utoipa::path(get, path = "/api/v1/offers/{id}", tag = "listings", params(("id" = String, Path, description = "Offer id (UUID)")),
    responses((status = 200, body = OfferDto), (status = 404, body = crate::error::Problem, content_type = "application/problem+json")))]
pub async fn get_offer(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let now = state.clock.now();
    let id: OfferId = id.parse().map_err(|_| AppError::NotFound)?;
    let viewer = auth::current(&req).map(|c| c.actor);
    let dto = state
        .db
        .run(move |c| {
            let found = match db::offers::get_public(c, id, now)? {
                Some(x) => Some(x),
                // The owner (and staff) read it in every status.
                None => db::offers::get(c, id)?.filter(|x| may_read_any_status(viewer.as_ref(), x.organisation_id)),
            };
            let Some(o) = found else { return Ok(None) };
            let mut names = db::organisations::names(c, [o.organisation_id])?;
            Ok(Some(OfferDto::new(&o, names.remove(&o.organisation_id).unwrap_or_default())))
        })
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(HttpResponse::Ok().json(dto))
}

/// Lists published technology needs, newest first.
#[utoipa::path(get, path = "/api/v1/needs", tag = "listings", params(ListQuery),
    responses((status = 200, body = NeedList), (status = 400, body = crate::error::Problem, content_type = "application/problem+json")))]
pub async fn list_needs(state: web::Data<AppState>, query: web::Query<ListQuery>) -> Result<HttpResponse, AppError> {
    let now = state.clock.now();
    let p = query.parse(PER_PAGE, Strictness::Api)?;
    let body = state
        .db
        .run(move |c| {
            let page: Page<Need> = db::needs::list_public(c, &p.filter, now, p.page, p.per_page)?;
            let names = db::organisations::names(c, page.items.iter().map(|n| n.organisation_id))?;
            Ok(NeedList {
                pages: page.pages(),
                items: page
                    .items
                    .iter()
                    .map(|n| NeedDto::new(n, names.get(&n.organisation_id).cloned().unwrap_or_default()))
                    .collect(),
                page: page.page,
                per_page: page.per_page,
                total: page.total,
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(body))
}

/// One technology need: published, or in any status for its owner (with a bearer token).
#[utoipa::path(get, path = "/api/v1/needs/{id}", tag = "listings", params(("id" = String, Path, description = "Need id (UUID)")),
    responses((status = 200, body = NeedDto), (status = 404, body = crate::error::Problem, content_type = "application/problem+json")))]
pub async fn get_need(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let now = state.clock.now();
    let id: NeedId = id.parse().map_err(|_| AppError::NotFound)?;
    let viewer = auth::current(&req).map(|c| c.actor);
    let dto = state
        .db
        .run(move |c| {
            let found = match db::needs::get_public(c, id, now)? {
                Some(x) => Some(x),
                // The owner (and staff) read it in every status.
                None => db::needs::get(c, id)?.filter(|x| may_read_any_status(viewer.as_ref(), x.organisation_id)),
            };
            let Some(n) = found else { return Ok(None) };
            let mut names = db::organisations::names(c, [n.organisation_id])?;
            Ok(Some(NeedDto::new(&n, names.remove(&n.organisation_id).unwrap_or_default())))
        })
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(HttpResponse::Ok().json(dto))
}
