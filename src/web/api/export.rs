//! `GET /api/v1/export`: the published listings in one flat shape, for other exchanges to mirror
//! (the same fields as the staff export, only what is public).

use actix_web::{HttpResponse, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::error::AppError;
use crate::services::listings::export::ExportRow;
use crate::state::AppState;

/// Parameters of the export.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ExportQuery {
    /// Only listings published after this time (RFC 3339, e.g. `2026-11-01T00:00:00Z`), for incremental mirrors.
    pub since: Option<DateTime<Utc>>,
    /// At most this many (1–1000, default 1000), newest first.
    pub limit: Option<i64>,
}

/// The export.
#[derive(Debug, Serialize, ToSchema)]
pub struct Export {
    pub generated_at: DateTime<Utc>,
    pub items: Vec<ExportRow>,
}

#[utoipa::path(get, path = "/api/v1/export", tag = "listings", params(ExportQuery),
    responses((status = 200, body = Export), (status = 400, body = crate::error::Problem, content_type = "application/problem+json")))]
pub async fn export(state: web::Data<AppState>, q: web::Query<ExportQuery>) -> Result<HttpResponse, AppError> {
    let limit = q.limit.unwrap_or(1000);
    if !(1..=1000).contains(&limit) {
        return Err(AppError::bad_param("limit", "a number from 1 to 1000"));
    }
    let since = q.since.map(|t| t.naive_utc());
    let now = state.clock.now();
    let items = state.db.run(move |c| crate::services::listings::export::published(c, now, None, since, limit)).await?;
    Ok(HttpResponse::Ok()
        .insert_header(("cache-control", "public, max-age=300"))
        .json(Export { generated_at: now.and_utc(), items }))
}
