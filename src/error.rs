//! One error type for every handler, rendered by route scope: a JSON problem
//! (`application/problem+json`, RFC 9457) under `/api/`, a Vietnamese or English HTML page
//! elsewhere. Handlers return [`AppError`]; the error middleware in `web` picks the rendering.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};

/// What went wrong, in terms the reader can act on.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The page or record does not exist (or is not visible to this reader).
    #[error("not found")]
    NotFound,
    /// The request was malformed; `param` names the offending field or parameter.
    #[error("{message}")]
    BadRequest { param: Option<String>, message: String },
    /// A bug or an unavailable dependency: logged in full, shown without details.
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl AppError {
    /// A bad parameter with a message for the reader.
    pub fn bad_param(param: &str, message: impl Into<String>) -> Self {
        Self::BadRequest { param: Some(param.to_string()), message: message.into() }
    }
}

/// What the renderers need, attached to the response so the error middleware can re-render it.
#[derive(Debug, Clone)]
pub struct ErrorInfo {
    /// A message safe to show (never internal details).
    pub detail: Option<String>,
    /// The offending parameter, if any.
    pub param: Option<String>,
}

/// The JSON problem body.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct Problem {
    /// A URI reference naming the problem type (`about:blank` when the status says it all).
    #[serde(rename = "type")]
    pub kind: String,
    /// Short summary of the status.
    pub title: String,
    /// The HTTP status.
    pub status: u16,
    /// What went wrong, for a human.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// The offending parameter or field.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub param: Option<String>,
}

impl Problem {
    /// A problem for `status`, with the standard reason as title.
    pub fn new(status: StatusCode, info: Option<&ErrorInfo>) -> Self {
        Self {
            kind: "about:blank".into(),
            title: status.canonical_reason().unwrap_or("Error").into(),
            status: status.as_u16(),
            detail: info.and_then(|i| i.detail.clone()),
            param: info.and_then(|i| i.param.clone()),
        }
    }

    /// As an HTTP response.
    pub fn response(&self) -> HttpResponse {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        HttpResponse::build(status)
            .content_type("application/problem+json")
            .body(serde_json::to_string(self).unwrap_or_else(|_| "{}".into()))
    }
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::BadRequest { .. } => StatusCode::BAD_REQUEST,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let info = match self {
            Self::NotFound => ErrorInfo { detail: None, param: None },
            Self::BadRequest { param, message } => ErrorInfo { detail: Some(message.clone()), param: param.clone() },
            Self::Internal(e) => {
                tracing::error!(error = format!("{e:#}"), "internal error");
                ErrorInfo { detail: None, param: None }
            }
        };
        let mut res = Problem::new(self.status_code(), Some(&info)).response();
        res.extensions_mut().insert(info);
        res
    }
}
