//! Attachments served to browsers: the file (or an image's thumbnail) with its sniffed type and
//! a long cache lifetime (an attachment never changes: a new upload is a new id). Files of
//! listings that are not public are served only to their organisation's members and staff.

use actix_web::{HttpRequest, HttpResponse, web};

use crate::db;
use crate::domain::{ListingKind, is_public};
use crate::error::AppError;
use crate::services::listings;
use crate::services::listings::attachments::{path_of, thumb_of};
use crate::state::AppState;
use crate::web::auth;

async fn serve(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: String,
    thumb: bool,
) -> Result<HttpResponse, AppError> {
    let now = state.clock.now();
    let viewer = auth::current(&req).map(|c| c.actor);
    let (row, public) = state
        .db
        .run(move |c| {
            let Some(a) = db::attachments::get(c, &id)? else { return Ok(None) };
            let kind: ListingKind = a.listing_kind.parse()?;
            let public =
                listings::load(c, kind, &a.listing_id)?.is_some_and(|l| is_public(l.status(), l.expires_at(), now));
            Ok(Some((a, public)))
        })
        .await?
        .ok_or(AppError::NotFound)?;
    let own = viewer
        .is_some_and(|a| a.is_staff() || a.organisation.map(|o| o.to_string()) == Some(row.organisation_id.clone()));
    if !public && !own {
        return Err(AppError::NotFound);
    }
    if thumb && !row.is_image() {
        return Err(AppError::NotFound);
    }
    let (content_type, bytes) = read_stored(&state, &row.sha256, &row.content_type, thumb).await?.map_err(|e| {
        tracing::error!(attachment = %row.id, error = %e, "an attachment's file is missing");
        AppError::NotFound
    })?;
    let disposition = if row.is_image() { "inline" } else { "attachment" };
    let name: String = row.filename.chars().filter(|c| c.is_ascii_alphanumeric() || ".-_ ".contains(*c)).collect();
    Ok(HttpResponse::Ok()
        .content_type(content_type)
        .insert_header((
            "cache-control",
            if public { "public, max-age=31536000, immutable" } else { "private, max-age=3600" },
        ))
        .insert_header((
            "content-disposition",
            format!("{disposition}; filename=\"{}\"", if name.is_empty() { "file" } else { &name }),
        ))
        .body(bytes))
}

/// The bytes of a content in the file store (or of its JPEG thumbnail) with their type, or why
/// the file could not be read (the caller logs it: a stored row whose file is gone).
pub(crate) async fn read_stored(
    state: &AppState,
    sha: &str,
    content_type: &str,
    thumb: bool,
) -> Result<Result<(String, Vec<u8>), std::io::Error>, AppError> {
    let files = state.settings.files_dir();
    let (path, content_type) = if thumb {
        (thumb_of(&files, sha), "image/jpeg".to_string())
    } else {
        (path_of(&files, sha), content_type.to_string())
    };
    let read = web::block(move || std::fs::read(path)).await.map_err(|e| AppError::Internal(e.into()))?;
    Ok(read.map(|bytes| (content_type, bytes)))
}

pub async fn file(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    serve(req, state, id.into_inner(), false).await
}

pub async fn thumb(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    serve(req, state, id.into_inner(), true).await
}
