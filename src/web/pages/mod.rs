//! HTML pages. Handlers parse the request, load through `db` and hand view models to askama
//! templates; they hold no business rules.

pub(crate) mod account;
pub(crate) mod agendas;
pub(crate) mod centre;
pub(crate) mod console;
pub(crate) mod day;
pub(crate) mod files;
pub(crate) mod home;
pub(crate) mod interests;
pub(crate) mod listings;
pub(crate) mod members;
pub(crate) mod my_listings;
pub(crate) mod organisations;
mod panel;
pub(crate) mod review;
pub(crate) mod search;
pub(crate) mod sessions;
pub(crate) mod staff;
pub(crate) mod statistics;

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};
use askama::Template;

use super::i18n::Ctx;
use crate::domain::OrganisationId;
use crate::error::ErrorInfo;

/// Public pages per list page.
pub const PER_PAGE: i64 = 12;

/// The name of an organisation from a map built by `db::organisations::names`.
fn name_of(names: &HashMap<OrganisationId, String>, id: OrganisationId) -> &str {
    names.get(&id).map(String::as_str).unwrap_or("")
}

/// Names the offending parameter in the reader's language; the precise message (in English, as
/// the API gives it) follows in the English text only.
fn bad_request_text(ctx: &Ctx, info: Option<&ErrorInfo>) -> String {
    let param = info.and_then(|i| i.param.as_deref()).unwrap_or("?");
    let detail = info.and_then(|i| i.detail.as_deref()).unwrap_or_default();
    ctx.t2("error-bad-param", "param", param, "detail", detail)
}

#[derive(Template)]
#[template(path = "pages/errors/error.html")]
struct ErrorPage {
    ctx: Ctx,
    status: u16,
    title: String,
    text: String,
}

/// The error page for `status` in the reader's language.
pub fn error_page(req: &HttpRequest, status: StatusCode, info: Option<&ErrorInfo>) -> HttpResponse {
    let ctx = Ctx::from_request(req);
    let (title, text) = match status.as_u16() {
        404 => (ctx.t("error-title-404"), ctx.t("error-text-404")),
        400 => (ctx.t("error-title-400"), bad_request_text(&ctx, info)),
        401 => (ctx.t("error-title-401"), ctx.t("contact-sign-in")),
        403 => (ctx.t("error-title-403"), ctx.t("error-text-403")),
        405 => {
            let allow = info.and_then(|i| i.allow.clone()).unwrap_or_default();
            (ctx.t("error-title-405"), ctx.t1("error-text-405", "allow", allow))
        }
        429 => {
            let minutes = info.and_then(|i| i.retry_after).map(|s| (s + 59) / 60).unwrap_or(1).max(1);
            (ctx.t("error-title-429"), ctx.t1("error-text-429", "n", minutes))
        }
        500..=599 => (ctx.t("error-title-500"), ctx.t("error-text-500")),
        _ => (ctx.t("error-title-other"), info.and_then(|i| i.detail.clone()).unwrap_or_default()),
    };
    let page = ErrorPage { ctx, status: status.as_u16(), title, text };
    match page.render() {
        Ok(html) => HttpResponse::build(status).content_type("text/html; charset=utf-8").body(html),
        Err(e) => {
            tracing::error!(error = %e, "rendering the error page");
            HttpResponse::build(status).content_type("text/plain; charset=utf-8").body(format!(
                "{} {}",
                status.as_u16(),
                page.title
            ))
        }
    }
}
