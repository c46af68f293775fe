//! Writing offers and needs through the API (members, with a personal token): create a draft,
//! replace (PUT) or change (PATCH) it, submit it for review, archive it. PUT and PATCH carry the
//! `version` the client read; a newer version answers 409 and changes nothing. A change to a
//! published listing waits for review (202 with the revision's id); the published version stays.

use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Deserializer, Serialize};
use utoipa::ToSchema;

use super::accounts::problems;
use super::listings::{NeedDto, OfferDto};
use crate::db;
use crate::domain::{ListingKind, Locale};
use crate::error::AppError;
use crate::services::listings::input::{RawListing, fill_absent};
use crate::services::listings::{self, Edited, Listing, Refused};
use crate::state::AppState;
use crate::web::auth;

/// A field that may be absent but, when present, must hold a value: `null` is refused (the
/// OpenAPI document does not allow it), absent is `None`.
pub(crate) fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

/// A whole number as JSON may write it: `8` or `8.0` (JSON Schema's `integer` allows both).
fn whole_number<T: TryFrom<i64>, E: serde::de::Error>(n: &serde_json::Number) -> Result<T, E> {
    let int = n.as_i64().or_else(|| {
        n.as_f64().filter(|f| f.fract() == 0.0 && *f >= i64::MIN as f64 && *f < i64::MAX as f64).map(|f| f as i64)
    });
    int.and_then(|i| T::try_from(i).ok()).ok_or_else(|| E::custom(format!("{n} is not a whole number in range")))
}

/// A required whole number.
pub(crate) fn whole<'de, D: Deserializer<'de>, T: TryFrom<i64>>(d: D) -> Result<T, D::Error> {
    whole_number(&serde_json::Number::deserialize(d)?)
}

/// A whole number that may be absent but not `null`.
pub(crate) fn present_whole<'de, D: Deserializer<'de>, T: TryFrom<i64>>(d: D) -> Result<Option<T>, D::Error> {
    whole(d).map(Some)
}

/// A whole number where `null` and absent both mean none.
pub(crate) fn optional_whole<'de, D: Deserializer<'de>, T: TryFrom<i64>>(d: D) -> Result<Option<T>, D::Error> {
    Option::<serde_json::Number>::deserialize(d)?.map(|n| whole_number(&n)).transpose()
}

/// A whole number where `null` (clear) is `Some(None)` and absent (keep) is `None`.
fn nullable_whole<'de, D: Deserializer<'de>, T: TryFrom<i64>>(d: D) -> Result<Option<Option<T>>, D::Error> {
    optional_whole(d).map(Some)
}

/// `null` (clear) as `Some(None)`, absent (keep) as `None`.
fn nullable<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

/// A price or budget; both absent or null means negotiable.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AmountInput {
    #[serde(default, deserialize_with = "optional_whole")]
    pub min: Option<i64>,
    #[serde(default, deserialize_with = "optional_whole")]
    pub max: Option<i64>,
}

fn amount(a: &Option<AmountInput>) -> (Option<String>, Option<String>) {
    match a {
        None => (None, None),
        Some(a) => (
            Some(a.min.map(|m| m.to_string()).unwrap_or_default()),
            Some(a.max.map(|m| m.to_string()).unwrap_or_default()),
        ),
    }
}

fn level(t: &Option<Option<u8>>) -> Option<String> {
    t.as_ref().map(|t| t.map(|n| n.to_string()).unwrap_or_default())
}

/// An offer as written by a client. Codes as in the read API (sector, province, IP status,
/// transfer modes, contact visibility).
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"version": 1, "title": "Máy sấy nông sản kết hợp năng lượng mặt trời", "summary": "Máy sấy 500 kg/mẻ dùng bơm nhiệt và tấm thu năng lượng mặt trời, giảm 40% điện năng so với máy sấy điện trở.", "sector": "agriculture", "keywords": ["máy sấy", "nông sản"], "trl": 7, "transfer_modes": ["licence", "equipment"], "price": {"min": 350000000, "max": null}, "province": "hue"}))]
pub struct OfferInput {
    /// The version read (required on PUT and PATCH).
    #[serde(default, deserialize_with = "present_whole")]
    pub version: Option<i32>,
    #[serde(default, deserialize_with = "present")]
    pub title: Option<String>,
    /// Optional English title (one line, at most 300 characters; empty clears it).
    #[serde(default, deserialize_with = "present")]
    pub title_en: Option<String>,
    /// Optional English summary (at most 500 characters; needs the English title).
    #[serde(default, deserialize_with = "present")]
    pub summary_en: Option<String>,
    #[serde(default, deserialize_with = "present")]
    pub summary: Option<String>,
    #[serde(default, deserialize_with = "present")]
    pub description: Option<String>,
    #[serde(default, deserialize_with = "present")]
    pub advantages: Option<String>,
    #[serde(default, deserialize_with = "present")]
    pub applications: Option<String>,
    #[serde(default, deserialize_with = "present")]
    pub sector: Option<String>,
    #[serde(default, deserialize_with = "present")]
    pub keywords: Option<Vec<String>>,
    /// 1–9; null clears it.
    #[serde(default, deserialize_with = "nullable_whole")]
    #[schema(value_type = Option<u8>)]
    pub trl: Option<Option<u8>>,
    #[serde(default, deserialize_with = "present")]
    pub ip_status: Option<String>,
    #[serde(default, deserialize_with = "present")]
    pub ip_number: Option<String>,
    #[serde(default, deserialize_with = "present")]
    pub transfer_modes: Option<Vec<String>>,
    #[serde(default, deserialize_with = "present")]
    pub price: Option<AmountInput>,
    #[serde(default, deserialize_with = "present")]
    pub province: Option<String>,
    #[serde(default, deserialize_with = "present")]
    pub contact_visibility: Option<String>,
}

impl OfferInput {
    fn raw(&self) -> RawListing {
        let (price_min, price_max) = amount(&self.price);
        RawListing {
            title: self.title.clone(),
            title_en: self.title_en.clone(),
            summary_en: self.summary_en.clone(),
            summary: self.summary.clone(),
            description: self.description.clone(),
            advantages: self.advantages.clone(),
            applications: self.applications.clone(),
            sector: self.sector.clone(),
            keywords: self.keywords.as_ref().map(|k| k.join(",")),
            trl: level(&self.trl),
            ip_status: self.ip_status.clone(),
            ip_number: self.ip_number.clone(),
            transfer_modes: self.transfer_modes.clone(),
            price_min,
            price_max,
            province: self.province.clone(),
            contact_visibility: self.contact_visibility.clone(),
            ..RawListing::default()
        }
    }
}

/// A need as written by a client.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"version": 1, "title": "Cần công nghệ xử lý nước thải chế biến mủ cao su", "problem": "Nhà máy chế biến 30 tấn mủ/ngày, nước thải 600 m³/ngày có COD 8.000 mg/l, vượt QCVN 01-MT:2015.", "sector": "environment", "min_trl": 7, "budget": {"min": 2000000000_i64, "max": 4000000000_i64}, "deadline": "2027-06-30", "province": "quang-tri"}))]
pub struct NeedInput {
    /// The version read (required on PUT and PATCH).
    #[serde(default, deserialize_with = "present_whole")]
    pub version: Option<i32>,
    #[serde(default, deserialize_with = "present")]
    pub title: Option<String>,
    /// Optional English title (one line, at most 300 characters; empty clears it).
    #[serde(default, deserialize_with = "present")]
    pub title_en: Option<String>,
    /// Optional English summary (at most 500 characters; needs the English title).
    #[serde(default, deserialize_with = "present")]
    pub summary_en: Option<String>,
    #[serde(default, deserialize_with = "present")]
    pub problem: Option<String>,
    #[serde(default, deserialize_with = "present")]
    pub tried: Option<String>,
    #[serde(default, deserialize_with = "present")]
    pub desired_outcome: Option<String>,
    #[serde(default, deserialize_with = "present")]
    pub sector: Option<String>,
    #[serde(default, deserialize_with = "present")]
    pub keywords: Option<Vec<String>>,
    /// 1–9; null clears it.
    #[serde(default, deserialize_with = "nullable_whole")]
    #[schema(value_type = Option<u8>)]
    pub min_trl: Option<Option<u8>>,
    #[serde(default, deserialize_with = "present")]
    pub budget: Option<AmountInput>,
    /// `YYYY-MM-DD`; null clears it.
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>)]
    pub deadline: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub province: Option<String>,
    #[serde(default, deserialize_with = "present")]
    pub transfer_modes: Option<Vec<String>>,
}

impl NeedInput {
    fn raw(&self) -> RawListing {
        let (budget_min, budget_max) = amount(&self.budget);
        RawListing {
            title: self.title.clone(),
            title_en: self.title_en.clone(),
            summary_en: self.summary_en.clone(),
            problem: self.problem.clone(),
            tried: self.tried.clone(),
            desired_outcome: self.desired_outcome.clone(),
            sector: self.sector.clone(),
            keywords: self.keywords.as_ref().map(|k| k.join(",")),
            min_trl: level(&self.min_trl),
            budget_min,
            budget_max,
            deadline: self.deadline.as_ref().map(|d| d.clone().unwrap_or_default()),
            province: self.province.clone(),
            transfer_modes: self.transfer_modes.clone(),
            ..RawListing::default()
        }
    }
}

/// What a submission answers: the new status and the quality check.
#[derive(Debug, Serialize, ToSchema)]
pub struct Submitted {
    pub status: String,
    /// 0–100.
    pub quality_score: u8,
    pub warnings: Vec<QualityWarning>,
}

/// One finding of the quality check.
#[derive(Debug, Serialize, ToSchema)]
pub struct QualityWarning {
    pub key: String,
    pub message: String,
}

/// A change to a published listing, waiting for review.
#[derive(Debug, Serialize, ToSchema)]
pub struct PendingRevision {
    pub revision: String,
    pub status: String,
}

pub(super) fn refused(r: Refused) -> AppError {
    match r {
        Refused::Invalid(e) => AppError::Invalid(problems(&e)),
        Refused::Conflict(current) => AppError::Conflict(format!(
            "the listing changed since you read it; it is now at version {}: read it again and re-apply your change",
            current.version()
        )),
        Refused::State(key) => AppError::Conflict(crate::catalogue::text(Locale::En, key)),
        Refused::NotFound => AppError::NotFound,
    }
}

async fn dto(state: &AppState, l: Listing) -> Result<serde_json::Value, AppError> {
    let org = l.organisation();
    let name = state.db.run(move |c| db::organisations::names(c, [org])).await?.remove(&org).unwrap_or_default();
    super::listings::listing_json(&l, name)
}

fn kind_of(req: &HttpRequest) -> ListingKind {
    crate::services::listings::input::kind_in_path(req.path())
}

async fn create(
    req: HttpRequest,
    state: web::Data<AppState>,
    raw: RawListing,
    version: Option<i32>,
) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    if version.is_some() {
        return Err(AppError::bad_param("version", "a new listing has no version yet: leave `version` out"));
    }
    let kind = kind_of(&req);
    let l = state.db.run(move |c| listings::create(c, &me.user, kind, &raw)).await?.map_err(refused)?;
    let location = format!("/api/v1/{}/{}", crate::services::listings::input::plural(kind), l.id());
    Ok(HttpResponse::Created().insert_header(("location", location)).json(dto(&state, l).await?))
}

async fn write(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: String,
    raw: RawListing,
    version: Option<i32>,
    put: bool,
) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    let kind = kind_of(&req);
    let version = version.ok_or_else(|| {
        AppError::bad_param("version", "the version you read is required (see the listing's `version`)")
    })?;
    let raw = if put { fill_absent(kind, &raw) } else { raw };
    match state.db.run(move |c| listings::edit(c, &me.user, kind, &id, &raw, version)).await?.map_err(refused)? {
        Edited::Saved(l) => Ok(HttpResponse::Ok().json(dto(&state, *l).await?)),
        Edited::PendingRevision(rev) => {
            Ok(HttpResponse::Accepted().json(PendingRevision { revision: rev, status: "pending_review".into() }))
        }
    }
}

#[utoipa::path(post, path = "/api/v1/offers", tag = "listings", security(("bearer" = [])), request_body = OfferInput,
    responses((status = 201, body = OfferDto, description = "A draft"), (status = 401, body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 403, body = crate::error::Problem, content_type = "application/problem+json"), (status = 422, body = crate::error::Problem, content_type = "application/problem+json")))]
pub async fn create_offer(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Json<OfferInput>,
) -> Result<HttpResponse, AppError> {
    create(req, state, body.raw(), body.version).await
}

#[utoipa::path(post, path = "/api/v1/needs", tag = "listings", security(("bearer" = [])), request_body = NeedInput,
    responses((status = 201, body = NeedDto, description = "A draft"), (status = 401, body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 403, body = crate::error::Problem, content_type = "application/problem+json"), (status = 422, body = crate::error::Problem, content_type = "application/problem+json")))]
pub async fn create_need(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Json<NeedInput>,
) -> Result<HttpResponse, AppError> {
    create(req, state, body.raw(), body.version).await
}

#[utoipa::path(put, path = "/api/v1/offers/{id}", tag = "listings", security(("bearer" = [])), request_body = OfferInput,
    params(("id" = String, Path, description = "Offer id")),
    responses((status = 200, body = OfferDto), (status = 202, body = PendingRevision, description = "Published: the change awaits review"),
        (status = 409, body = crate::error::Problem, content_type = "application/problem+json"), (status = 422, body = crate::error::Problem, content_type = "application/problem+json")))]
pub async fn put_offer(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: web::Json<OfferInput>,
) -> Result<HttpResponse, AppError> {
    write(req, state, id.into_inner(), body.raw(), body.version, true).await
}

#[utoipa::path(patch, path = "/api/v1/offers/{id}", tag = "listings", security(("bearer" = [])), request_body = OfferInput,
    params(("id" = String, Path, description = "Offer id")),
    responses((status = 200, body = OfferDto), (status = 202, body = PendingRevision, description = "Published: the change awaits review"),
        (status = 409, body = crate::error::Problem, content_type = "application/problem+json"), (status = 422, body = crate::error::Problem, content_type = "application/problem+json")))]
pub async fn patch_offer(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: web::Json<OfferInput>,
) -> Result<HttpResponse, AppError> {
    write(req, state, id.into_inner(), body.raw(), body.version, false).await
}

#[utoipa::path(put, path = "/api/v1/needs/{id}", tag = "listings", security(("bearer" = [])), request_body = NeedInput,
    params(("id" = String, Path, description = "Need id")),
    responses((status = 200, body = NeedDto), (status = 202, body = PendingRevision, description = "Published: the change awaits review"),
        (status = 409, body = crate::error::Problem, content_type = "application/problem+json"), (status = 422, body = crate::error::Problem, content_type = "application/problem+json")))]
pub async fn put_need(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: web::Json<NeedInput>,
) -> Result<HttpResponse, AppError> {
    write(req, state, id.into_inner(), body.raw(), body.version, true).await
}

#[utoipa::path(patch, path = "/api/v1/needs/{id}", tag = "listings", security(("bearer" = [])), request_body = NeedInput,
    params(("id" = String, Path, description = "Need id")),
    responses((status = 200, body = NeedDto), (status = 202, body = PendingRevision, description = "Published: the change awaits review"),
        (status = 409, body = crate::error::Problem, content_type = "application/problem+json"), (status = 422, body = crate::error::Problem, content_type = "application/problem+json")))]
pub async fn patch_need(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: web::Json<NeedInput>,
) -> Result<HttpResponse, AppError> {
    write(req, state, id.into_inner(), body.raw(), body.version, false).await
}

/// The version read, for submit.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VersionBody {
    #[serde(deserialize_with = "whole")]
    pub version: i32,
}

#[utoipa::path(post, path = "/api/v1/offers/{id}/submit", tag = "listings", security(("bearer" = [])), request_body = VersionBody,
    params(("id" = String, Path, description = "Offer id")),
    responses((status = 200, body = Submitted), (status = 409, body = crate::error::Problem, content_type = "application/problem+json"), (status = 422, body = crate::error::Problem, content_type = "application/problem+json")))]
pub async fn submit_offer(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: web::Json<VersionBody>,
) -> Result<HttpResponse, AppError> {
    submit(req, state, id.into_inner(), body.version).await
}

#[utoipa::path(post, path = "/api/v1/needs/{id}/submit", tag = "listings", security(("bearer" = [])), request_body = VersionBody,
    params(("id" = String, Path, description = "Need id")),
    responses((status = 200, body = Submitted), (status = 409, body = crate::error::Problem, content_type = "application/problem+json"), (status = 422, body = crate::error::Problem, content_type = "application/problem+json")))]
pub async fn submit_need(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: web::Json<VersionBody>,
) -> Result<HttpResponse, AppError> {
    submit(req, state, id.into_inner(), body.version).await
}

async fn submit(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: String,
    version: i32,
) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    let kind = kind_of(&req);
    let report =
        state.db.run(move |c| listings::submit(c, &me.user, kind, &id, version)).await?.map_err(|r| match r {
            // The stored listing lacks what a submission needs: its state, not this request, is at fault.
            Refused::Invalid(missing) => AppError::Conflict(format!(
                "the listing cannot be submitted yet: fill in {} first",
                missing.iter().map(|e| e.field).collect::<Vec<_>>().join(", ")
            )),
            other => refused(other),
        })?;
    Ok(HttpResponse::Ok().json(Submitted {
        status: "submitted".into(),
        quality_score: report.score,
        warnings: report
            .warnings
            .iter()
            .map(|w| QualityWarning { key: w.key.into(), message: crate::catalogue::text(Locale::En, w.key) })
            .collect(),
    }))
}

#[utoipa::path(post, path = "/api/v1/offers/{id}/archive", tag = "listings", security(("bearer" = [])),
    params(("id" = String, Path, description = "Offer id")), responses((status = 200, body = OfferDto)))]
pub async fn archive_offer(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    archive(req, state, id.into_inner()).await
}

#[utoipa::path(post, path = "/api/v1/needs/{id}/archive", tag = "listings", security(("bearer" = [])),
    params(("id" = String, Path, description = "Need id")), responses((status = 200, body = NeedDto)))]
pub async fn archive_need(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    archive(req, state, id.into_inner()).await
}

async fn archive(req: HttpRequest, state: web::Data<AppState>, id: String) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    let kind = kind_of(&req);
    let i = id.clone();
    state.db.run(move |c| listings::archive(c, &me.user, kind, &i)).await?.map_err(refused)?;
    let l = state.db.run(move |c| listings::load(c, kind, &id)).await?.ok_or(AppError::NotFound)?;
    Ok(HttpResponse::Ok().json(dto(&state, l).await?))
}
