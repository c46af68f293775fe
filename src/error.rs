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
    /// Not signed in (API: no valid bearer token).
    #[error("sign in first")]
    Unauthorized,
    /// Signed in, but not allowed to do this.
    #[error("{0}")]
    Forbidden(String),
    /// The path exists, but not for this method; the methods it takes (the `Allow` header).
    #[error("method not allowed")]
    MethodNotAllowed(String),
    /// Too many attempts; try again after this many seconds.
    #[error("too many attempts")]
    TooManyRequests { retry_after: i64 },
    /// The record changed since the client read it, or is not in a state that allows this.
    #[error("{0}")]
    Conflict(String),
    /// Input refused field by field (API bodies; HTML forms show the messages next to the fields).
    #[error("the input is not valid")]
    Invalid(Vec<FieldProblem>),
    /// A bug or an unavailable dependency: logged in full, shown without details.
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl AppError {
    /// Too many attempts: wait at least a second more than `wait`, rounded down.
    pub fn too_many(wait: chrono::TimeDelta) -> Self {
        Self::TooManyRequests { retry_after: wait.num_seconds().max(1) }
    }

    /// A bad parameter with a message for the reader.
    pub fn bad_param(param: &str, message: impl Into<String>) -> Self {
        Self::BadRequest { param: Some(param.to_string()), message: message.into() }
    }
}

/// What the renderers need, attached to the response so the error middleware can re-render it.
#[derive(Debug, Clone, Default)]
pub struct ErrorInfo {
    /// A message safe to show (never internal details).
    pub detail: Option<String>,
    /// The offending parameter, if any.
    pub param: Option<String>,
    /// Seconds to wait (429).
    pub retry_after: Option<i64>,
    /// Field by field messages (422).
    pub errors: Vec<FieldProblem>,
    /// The methods the address takes (405).
    pub allow: Option<String>,
}

/// One refused field of a JSON body.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct FieldProblem {
    /// The field's name.
    pub field: String,
    /// What is wrong, in English.
    pub message: String,
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
    /// Every refused field of the body (422).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldProblem>,
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
            errors: info.map(|i| i.errors.clone()).unwrap_or_default(),
        }
    }

    /// As an HTTP response.
    pub fn response(&self) -> HttpResponse {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut res = HttpResponse::build(status);
        res.content_type("application/problem+json");
        if status == StatusCode::UNAUTHORIZED {
            res.insert_header((actix_web::http::header::WWW_AUTHENTICATE, "Bearer realm=\"ketnoi\""));
        }
        res.body(serde_json::to_string(self).unwrap_or_else(|_| "{}".into()))
    }
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::BadRequest { .. } => StatusCode::BAD_REQUEST,
            Self::Unauthorized => StatusCode::UNAUTHORIZED,
            Self::Forbidden(_) => StatusCode::FORBIDDEN,
            Self::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::MethodNotAllowed(_) => StatusCode::METHOD_NOT_ALLOWED,
            Self::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Self::Conflict(_) => StatusCode::CONFLICT,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let info = match self {
            Self::NotFound => ErrorInfo::default(),
            Self::BadRequest { param, message } => {
                ErrorInfo { detail: Some(message.clone()), param: param.clone(), ..ErrorInfo::default() }
            }
            Self::Unauthorized => ErrorInfo {
                detail: Some("sign in first; the API takes a personal token as `Authorization: Bearer kn_…`".into()),
                ..ErrorInfo::default()
            },
            Self::Forbidden(why) | Self::Conflict(why) => {
                ErrorInfo { detail: Some(why.clone()), ..ErrorInfo::default() }
            }
            Self::TooManyRequests { retry_after } => {
                metrics::counter!("ketnoi_rate_limited_total").increment(1);
                ErrorInfo {
                    detail: Some(format!("too many attempts; try again in {retry_after} seconds")),
                    retry_after: Some(*retry_after),
                    ..ErrorInfo::default()
                }
            }
            Self::MethodNotAllowed(allow) => {
                let info = ErrorInfo {
                    detail: Some(format!("this address takes {allow}")),
                    allow: Some(allow.clone()),
                    ..ErrorInfo::default()
                };
                let mut res = info.response(self.status_code());
                if let Ok(v) = actix_web::http::header::HeaderValue::from_str(allow) {
                    res.headers_mut().insert(actix_web::http::header::ALLOW, v);
                }
                return res;
            }
            Self::Invalid(errors) => ErrorInfo {
                detail: Some("some fields are not valid".into()),
                errors: errors.clone(),
                ..ErrorInfo::default()
            },
            Self::Internal(e) => {
                tracing::error!(error = format!("{e:#}"), "internal error");
                ErrorInfo::default()
            }
        };
        info.response(self.status_code())
    }
}

impl ErrorInfo {
    /// The JSON problem for `status`, with this information attached for the error middleware.
    pub fn response(self, status: StatusCode) -> HttpResponse {
        let mut res = Problem::new(status, Some(&self)).response();
        if let Some(secs) = self.retry_after {
            res.headers_mut().insert(actix_web::http::header::RETRY_AFTER, secs.into());
        }
        res.extensions_mut().insert(self);
        res
    }
}
