//! `GET /api/v1/needs/{id}/matches` and `GET /api/v1/offers/{id}/matches`: the recommender's
//! suggestions for a published listing (or, with a bearer token, one of its organisation's in any
//! status: a draft has none yet), with the reasons in the reader's language.

use actix_web::{HttpRequest, HttpResponse, web};
use serde::Serialize;
use utoipa::ToSchema;

use super::listings::OrgRef;
use crate::db;
use crate::domain::ListingKind;
use crate::error::AppError;
use crate::state::AppState;

/// One line of the "how you match" checklist.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReasonDto {
    /// `same_sector`, `related_sector`, `trl_met`, `trl_too_early`, `within_budget`,
    /// `above_budget`, `shared_modes`, `no_shared_mode` or `same_province`.
    pub rule: String,
    /// True for a fit, false for a gap.
    pub fits: bool,
    /// The line in the reader's language (`Accept-Language`, `lang`).
    pub text: String,
}

/// A suggested listing.
#[derive(Debug, Serialize, ToSchema)]
pub struct MatchDto {
    pub id: String,
    /// `offer` (for a need) or `need` (for an offer).
    pub kind: String,
    pub title: String,
    pub organisation: OrgRef,
    /// The text relevance times the fit factors; the list is ordered by it.
    pub score: f64,
    /// The text relevance alone, from 0 to 1.
    pub relevance: f64,
    /// The words the two listings share that weigh most, as the suggested listing writes them.
    pub matched_words: Vec<String>,
    pub reasons: Vec<ReasonDto>,
}

/// A listing's suggestions, best first.
#[derive(Debug, Serialize, ToSchema)]
pub struct MatchList {
    pub items: Vec<MatchDto>,
}

async fn matches(req: &HttpRequest, state: &AppState, kind: ListingKind, id: String) -> Result<HttpResponse, AppError> {
    let now = state.clock.now();
    let locale = crate::web::request_locale(req);
    let viewer = crate::web::auth::current(req).and_then(|m| m.actor.organisation);
    let (found, names) = state
        .db
        .run(move |c| {
            // A published listing, or one of the token's organisation in any status (as
            // `GET /api/v1/{kind}/{id}` shows it); the lists hold published listings only.
            let Some(l) = db::listings::get(c, kind, &id)? else { return Ok(None) };
            if !crate::domain::is_public(l.status(), l.expires_at(), now) && viewer != Some(l.organisation()) {
                return Ok(None);
            }
            let found = crate::services::recommend::suggestions(c, &l, None, now)?;
            let names = db::organisations::names(c, found.iter().map(|s| s.listing.organisation()))?;
            Ok(Some((found, names)))
        })
        .await?
        .ok_or(AppError::NotFound)?;
    let items = found
        .iter()
        .map(|s| MatchDto {
            id: s.listing.id(),
            kind: s.listing.kind().code().to_string(),
            title: s.listing.title().to_string(),
            organisation: OrgRef {
                id: s.listing.organisation().to_string(),
                name: names.get(&s.listing.organisation()).cloned().unwrap_or_default(),
            },
            score: s.score,
            relevance: s.relevance,
            matched_words: s.words.clone(),
            reasons: s
                .checks
                .iter()
                .map(|c| ReasonDto { rule: c.rule().to_string(), fits: c.fits(), text: c.text(locale) })
                .collect(),
        })
        .collect();
    Ok(HttpResponse::Ok().json(MatchList { items }))
}

/// The technology offers suggested for a published need, best first, with why they fit.
#[utoipa::path(get, path = "/api/v1/needs/{id}/matches", tag = "listings", params(("id" = String, Path, description = "Need id (UUID)")),
    responses((status = 200, body = MatchList), (status = 404, body = crate::error::Problem, content_type = "application/problem+json")))]
pub async fn need_matches(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    matches(&req, &state, ListingKind::Need, id.into_inner()).await
}

/// The technology needs suggested for a published offer, best first, with why it fits them.
#[utoipa::path(get, path = "/api/v1/offers/{id}/matches", tag = "listings", params(("id" = String, Path, description = "Offer id (UUID)")),
    responses((status = 200, body = MatchList), (status = 404, body = crate::error::Problem, content_type = "application/problem+json")))]
pub async fn offer_matches(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    matches(&req, &state, ListingKind::Offer, id.into_inner()).await
}
