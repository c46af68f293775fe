//! Expressions of interest through the API: send one on a published offer or need of another
//! organisation, list one's organisation's (sent and received), accept or decline a received one,
//! withdraw a sent one. The same rules and emails as the site (`services::interests`).

use actix_web::{HttpRequest, HttpResponse, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::writes::refused;
use crate::domain::ListingKind;
use crate::error::AppError;
use crate::services::interests::{self, Expression};
use crate::state::AppState;
use crate::web::auth;

/// An expression of interest as written by a client.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InterestInput {
    /// At most 1,000 characters; tab and line breaks allowed.
    #[serde(default)]
    pub message: String,
}

/// An answer or a withdrawal.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AnswerInput {
    /// At most 1,000 characters; tab and line breaks allowed.
    #[serde(default)]
    pub message: String,
}

/// An expression of interest.
#[derive(Debug, Serialize, ToSchema)]
pub struct InterestDto {
    pub id: String,
    /// `sent` by the token's organisation, or `received` by it.
    pub direction: String,
    /// `offer` or `need`.
    pub listing_kind: String,
    pub listing_id: String,
    pub listing_title: String,
    /// The other organisation's id and name.
    pub organisation: super::listings::OrgRef,
    pub message: String,
    /// `open`, `accepted`, `declined`, `withdrawn` or `expired`.
    pub status: String,
    pub answer: String,
    /// UTC.
    pub created_at: DateTime<Utc>,
    /// UTC.
    pub answered_at: Option<DateTime<Utc>>,
}

/// The token's organisation's expressions, newest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct InterestList {
    pub items: Vec<InterestDto>,
}

fn dto(e: &interests::Entry) -> InterestDto {
    let i = &e.interest;
    InterestDto {
        id: i.id.clone(),
        direction: if e.sent { "sent" } else { "received" }.into(),
        listing_kind: i.listing_kind.clone(),
        listing_id: i.listing_id.clone(),
        listing_title: e.listing.as_ref().map(|l| l.title().to_string()).unwrap_or_default(),
        organisation: super::listings::OrgRef {
            id: e.other.as_ref().map(|o| o.id.to_string()).unwrap_or_default(),
            name: e.other.as_ref().map(|o| o.name.clone()).unwrap_or_default(),
        },
        message: i.message.clone(),
        status: i.status.clone(),
        answer: i.answer.clone(),
        created_at: i.created_at.and_utc(),
        answered_at: i.answered_at.map(|t| t.and_utc()),
    }
}

/// The expression `id` as the token's organisation sees it.
/// Runs an operation of `me`'s on an expression and shows its result as `me`'s organisation
/// sees it, in one call to the database.
async fn acted(
    state: &AppState,
    me: &auth::Current,
    op: impl FnOnce(
        &mut crate::db::AnyConnection,
        crate::services::context::Env,
    ) -> crate::services::listings::Outcome<crate::db::interests::Interest>
    + Send
    + 'static,
) -> Result<InterestDto, AppError> {
    let org = me.actor.organisation.ok_or(AppError::NotFound)?;
    let st = state.clone();
    let e = state
        .db
        .run(move |c| match op(c, st.env())? {
            Ok(i) => Ok(Ok(interests::entry(c, org, i)?)),
            Err(r) => Ok(Err(r)),
        })
        .await?
        .map_err(refused)?;
    Ok(dto(&e))
}

async fn express(
    req: HttpRequest,
    state: web::Data<AppState>,
    kind: ListingKind,
    id: String,
    body: InterestInput,
) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    let (now, user) = (state.clock.now(), me.user.clone());
    let out = acted(&state, &me, move |c, env| {
        let e = Expression { kind, listing_id: &id, message: &body.message, reasons: &[] };
        interests::express(c, env, &user, e, now)
    })
    .await?;
    Ok(HttpResponse::Created().insert_header(("location", format!("/api/v1/interests/{}", out.id))).json(out))
}

/// Expresses the token's organisation's interest in a published offer of another organisation;
/// its members get an email to answer.
#[utoipa::path(post, path = "/api/v1/offers/{id}/interest", tag = "interests", security(("bearer" = [])), request_body = InterestInput,
    params(("id" = String, Path, description = "Offer id (UUID)")),
    responses((status = 201, body = InterestDto), (status = 404, body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 409, body = crate::error::Problem, content_type = "application/problem+json", description = "Own listing, organisation not verified, one already open, or the daily limit reached"),
        (status = 422, body = crate::error::Problem, content_type = "application/problem+json")))]
pub async fn offer_interest(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: web::Json<InterestInput>,
) -> Result<HttpResponse, AppError> {
    express(req, state, ListingKind::Offer, id.into_inner(), body.into_inner()).await
}

/// Expresses the token's organisation's interest in a published need of another organisation.
#[utoipa::path(post, path = "/api/v1/needs/{id}/interest", tag = "interests", security(("bearer" = [])), request_body = InterestInput,
    params(("id" = String, Path, description = "Need id (UUID)")),
    responses((status = 201, body = InterestDto), (status = 404, body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 409, body = crate::error::Problem, content_type = "application/problem+json", description = "Own listing, organisation not verified, one already open, or the daily limit reached"),
        (status = 422, body = crate::error::Problem, content_type = "application/problem+json")))]
pub async fn need_interest(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: web::Json<InterestInput>,
) -> Result<HttpResponse, AppError> {
    express(req, state, ListingKind::Need, id.into_inner(), body.into_inner()).await
}

/// The expressions of interest the token's organisation sent and received, newest first.
#[utoipa::path(get, path = "/api/v1/interests", tag = "interests", security(("bearer" = [])),
    responses((status = 200, body = InterestList)))]
pub async fn list(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    let org = me.actor.organisation.ok_or(AppError::NotFound)?;
    let all = state.db.run(move |c| interests::of_organisation(c, org)).await?;
    Ok(HttpResponse::Ok().json(InterestList { items: all.iter().map(dto).collect() }))
}

async fn answer(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: String,
    accept: bool,
    message: String,
) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    let (now, user) = (state.clock.now(), me.user.clone());
    let out = acted(&state, &me, move |c, env| interests::answer(c, env, &user, &id, accept, &message, now)).await?;
    Ok(HttpResponse::Ok().json(out))
}

/// Accepts a received expression: both organisations then see each other's contact details.
#[utoipa::path(post, path = "/api/v1/interests/{id}/accept", tag = "interests", security(("bearer" = [])), request_body = AnswerInput,
    params(("id" = String, Path, description = "Expression id")),
    responses((status = 200, body = InterestDto), (status = 404, body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 409, body = crate::error::Problem, content_type = "application/problem+json", description = "No longer open, or sent by the token's organisation")))]
pub async fn accept(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: web::Json<AnswerInput>,
) -> Result<HttpResponse, AppError> {
    answer(req, state, id.into_inner(), true, body.into_inner().message).await
}

/// Declines a received expression.
#[utoipa::path(post, path = "/api/v1/interests/{id}/decline", tag = "interests", security(("bearer" = [])), request_body = AnswerInput,
    params(("id" = String, Path, description = "Expression id")),
    responses((status = 200, body = InterestDto), (status = 404, body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 409, body = crate::error::Problem, content_type = "application/problem+json", description = "No longer open, or sent by the token's organisation")))]
pub async fn decline(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: web::Json<AnswerInput>,
) -> Result<HttpResponse, AppError> {
    answer(req, state, id.into_inner(), false, body.into_inner().message).await
}

/// Withdraws a sent expression while it is open.
#[utoipa::path(post, path = "/api/v1/interests/{id}/withdraw", tag = "interests", security(("bearer" = [])),
    params(("id" = String, Path, description = "Expression id")),
    responses((status = 200, body = InterestDto), (status = 404, body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 409, body = crate::error::Problem, content_type = "application/problem+json", description = "No longer open, or received by the token's organisation")))]
pub async fn withdraw(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    let (now, user, id) = (state.clock.now(), me.user.clone(), id.into_inner());
    let out = acted(&state, &me, move |c, _| interests::withdraw(c, &user, &id, now)).await?;
    Ok(HttpResponse::Ok().json(out))
}
