//! HTML pages. Handlers parse the request, load through `db` and hand view models to askama
//! templates; they hold no business rules.

mod account;
mod files;
mod home;
mod listings;
mod members;
mod my_listings;
mod organisations;
mod panel;
mod review;
mod search;
mod staff;

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::i18n::Ctx;
use crate::domain::OrganisationId;
use crate::error::ErrorInfo;

/// Public pages per list page.
pub const PER_PAGE: i64 = 12;

/// Routes of the HTML pages.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/", web::get().to(home::home))
        // Fixed paths before `{id}` patterns that would otherwise take them.
        .route("/offers/new", web::get().to(my_listings::new_offer))
        .route("/offers/new", web::post().to(my_listings::create_offer))
        .route("/needs/new", web::get().to(my_listings::new_need))
        .route("/needs/new", web::post().to(my_listings::create_need))
        .route("/offers", web::get().to(listings::offers))
        .route("/offers/{id}", web::get().to(listings::offer))
        .route("/needs", web::get().to(listings::needs))
        .route("/needs/{id}", web::get().to(listings::need))
        .route("/showcase", web::get().to(home::showcase))
        .route("/search", web::get().to(search::search))
        .route("/organisations/{id}", web::get().to(organisations::organisation))
        .route("/my/listings", web::get().to(my_listings::dashboard))
        .route("/my/offers/{id}", web::get().to(my_listings::my_offer))
        .route("/my/needs/{id}", web::get().to(my_listings::my_need))
        .route("/offers/{id}/edit", web::post().to(my_listings::save))
        .route("/offers/{id}/submit", web::post().to(my_listings::submit))
        .route("/offers/{id}/archive", web::post().to(my_listings::archive))
        .route("/offers/{id}/renew", web::post().to(my_listings::renew))
        .route("/needs/{id}/edit", web::post().to(my_listings::save))
        .route("/needs/{id}/submit", web::post().to(my_listings::submit))
        .route("/needs/{id}/archive", web::post().to(my_listings::archive))
        .route("/needs/{id}/renew", web::post().to(my_listings::renew))
        .route("/renew", web::get().to(my_listings::renew_link))
        .route("/offers/{id}/attachments", web::post().to(my_listings::upload))
        .route("/offers/{id}/attachments/{file}/delete", web::post().to(my_listings::remove_file))
        .route("/needs/{id}/attachments", web::post().to(my_listings::upload))
        .route("/needs/{id}/attachments/{file}/delete", web::post().to(my_listings::remove_file))
        .route("/files/{id}", web::get().to(files::file))
        .route("/files/{id}/thumb", web::get().to(files::thumb))
        .route("/register", web::get().to(account::register_page))
        .route("/register", web::post().to(account::register))
        .route("/verify-email", web::get().to(account::verify_email))
        .route("/verify-email/resend", web::post().to(account::resend_verification))
        .route("/login", web::get().to(account::login_page))
        .route("/login", web::post().to(account::login))
        .route("/logout", web::post().to(account::logout))
        .route("/reset", web::get().to(account::reset_page))
        .route("/reset", web::post().to(account::reset_request))
        .route("/reset/confirm", web::get().to(account::reset_confirm_page))
        .route("/reset/confirm", web::post().to(account::reset_confirm))
        .route("/account", web::get().to(account::profile))
        .route("/account/profile", web::post().to(account::update_profile))
        .route("/account/password", web::post().to(account::change_password))
        .route("/account/email", web::post().to(account::change_email))
        .route("/account/email/confirm", web::get().to(account::confirm_email))
        .route("/account/export", web::get().to(account::export))
        .route("/account/delete", web::post().to(account::delete_account))
        .route("/account/notifications", web::get().to(account::notifications))
        .route("/account/tokens", web::get().to(account::tokens))
        .route("/account/tokens", web::post().to(account::create_token))
        .route("/account/tokens/{id}/revoke", web::post().to(account::revoke_token))
        .route("/organisations/{id}/settings", web::get().to(members::settings))
        .route("/organisations/{id}/settings", web::post().to(members::save_settings))
        .route("/organisations/{id}/members", web::get().to(members::members))
        .route("/organisations/{id}/members/invite", web::post().to(members::invite))
        .route("/organisations/{id}/members/leave", web::post().to(members::leave))
        .route("/invitations/accept", web::get().to(members::accept_page))
        .route("/invitations/accept", web::post().to(members::accept))
        .route("/staff/review", web::get().to(review::queue))
        .route("/staff/review/{kind}/{id}", web::get().to(review::listing))
        .route("/staff/review/{kind}/{id}", web::post().to(review::decide))
        .route("/staff/revisions/{id}", web::get().to(review::revision))
        .route("/staff/revisions/{id}", web::post().to(review::decide_revision))
        .route("/staff/export", web::get().to(review::export))
        .route("/staff/showcase", web::get().to(review::showcase))
        .route("/staff/showcase/{id}", web::post().to(review::feature))
        .route("/staff/organisations", web::get().to(staff::organisations))
        .route("/staff/organisations/{id}/verify", web::post().to(staff::verify))
        .route("/staff/organisations/{id}/unverify", web::post().to(staff::unverify))
        .route("/admin/staff", web::get().to(staff::staff))
        .route("/admin/staff", web::post().to(staff::grant))
        .route("/admin/staff/{id}/remove", web::post().to(staff::remove));
}

/// The name of an organisation from a map built by `db::organisations::names`.
fn name_of(names: &HashMap<OrganisationId, String>, id: OrganisationId) -> &str {
    names.get(&id).map(String::as_str).unwrap_or("")
}

/// Names the offending parameter in the reader's language; the precise message (in English, as
/// the API gives it) follows for English readers.
fn bad_request_text(ctx: &Ctx, info: Option<&ErrorInfo>) -> String {
    let param = info.and_then(|i| i.param.as_deref()).unwrap_or("?");
    let detail = info.and_then(|i| i.detail.as_deref()).unwrap_or_default();
    match ctx.locale {
        crate::domain::Locale::Vi => {
            format!("{} «{param}». {}", ctx.t("error.bad_param"), ctx.t("error.bad_param_hint"))
        }
        crate::domain::Locale::En => format!("{} «{param}»: {detail}", ctx.t("error.bad_param")),
    }
}

#[derive(Template)]
#[template(path = "pages/errors/error.html")]
struct ErrorPage {
    ctx: Ctx,
    status: u16,
    title: &'static str,
    text: String,
}

/// The error page for `status` in the reader's language.
pub fn error_page(req: &HttpRequest, status: StatusCode, info: Option<&ErrorInfo>) -> HttpResponse {
    let ctx = Ctx::from_request(req);
    let (title, text) = match status.as_u16() {
        404 => (ctx.t("error.title_404"), ctx.t("error.text_404").to_string()),
        400 => (ctx.t("error.title_400"), bad_request_text(&ctx, info)),
        401 => (ctx.t("error.title_401"), ctx.t("contact.sign_in").to_string()),
        403 => (ctx.t("error.title_403"), ctx.t("error.text_403").to_string()),
        429 => {
            let minutes = info.and_then(|i| i.retry_after).map(|s| (s + 59) / 60).unwrap_or(1).max(1);
            (ctx.t("error.title_429"), ctx.t("error.text_429").replace("{n}", &minutes.to_string()))
        }
        500..=599 => (ctx.t("error.title_500"), ctx.t("error.text_500").to_string()),
        _ => (ctx.t("error.title_other"), info.and_then(|i| i.detail.clone()).unwrap_or_default()),
    };
    let page = ErrorPage { ctx, status: status.as_u16(), title, text };
    match page.render() {
        Ok(html) => HttpResponse::build(status).content_type("text/html; charset=utf-8").body(html),
        Err(e) => {
            tracing::error!(error = %e, "rendering the error page");
            HttpResponse::build(status).content_type("text/plain; charset=utf-8").body(format!(
                "{} {}",
                status.as_u16(),
                title
            ))
        }
    }
}
