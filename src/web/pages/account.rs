//! Registration, email verification, sign-in and -out, password reset, and the signed-in
//! person's own account: profile, password, email, data export, deletion, API tokens.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use chrono::TimeDelta;
use serde::Deserialize;

use super::panel::{Cell, DoneQuery, Panel, Row, Table, confirm_link, see_other};
use crate::catalogue::{self, key_of};
use crate::db;
use crate::domain::signed::LinkError;
use crate::domain::{OrgKind, Province};
use crate::error::AppError;
use crate::services::accounts::{self, RegisterForm, SignIn};
use crate::services::organisations::org_form::OrgForm;
use crate::services::tokens;
use crate::state::AppState;
use crate::validate::FieldError;
use crate::web::auth::{self, client_ip, ensure_session};
use crate::web::forms::{self, Form, choices};
use crate::web::i18n::Ctx;

/// Counts a hit on `what` for the client's IP; refuses with 429 past `limit` in `window`.
pub(super) async fn limit_ip(
    req: &HttpRequest,
    state: &AppState,
    what: &str,
    limit: i32,
    window: TimeDelta,
) -> Result<(), AppError> {
    let key = format!("{what}:{}", client_ip(req, state.settings.trust_forwarded));
    match state.db.run(move |c| db::rate_limits::hit(c, &key, limit, window)).await? {
        Ok(()) => Ok(()),
        Err(wait) => Err(AppError::too_many(wait)),
    }
}

/// Counts a hit on `key` without refusing: false past the limit (used where the answer must not
/// change, e.g. reset requests per address).
async fn within(state: &AppState, key: String, limit: i32, window: TimeDelta) -> Result<bool, AppError> {
    Ok(state.db.run(move |c| db::rate_limits::hit(c, &key, limit, window)).await?.is_ok())
}

/// What a refused emailed link says: expired, or not valid.
pub(super) fn link_error_text(ctx: &Ctx, e: LinkError) -> String {
    ctx.t(match e {
        LinkError::Expired => "link-expired",
        LinkError::Invalid => "link-invalid",
    })
    .to_string()
}

// ---------------------------------------------------------------- registration

pub(super) fn org_fields(ctx: &Ctx, form: Form, o: &OrgForm) -> Form {
    let l = ctx.locale;
    form.field(ctx, "kind", "select", "org-kind", &o.kind)
        .required()
        .options(choices(ctx, OrgKind::ALL, |k| k.code(), |k| k.label(l)))
        .field(ctx, "name", "text", "org-name", &o.name)
        .required()
        .field(ctx, "tax_code", "text", "org-tax-code", &o.tax_code)
        .hint(ctx, "org-tax-code-hint")
        .field(ctx, "province", "select", "org-province", &o.province)
        .required()
        .options(choices(ctx, Province::ALL, |p| p.code(), |p| p.label(l)))
        .field(ctx, "address", "text", "org-address", &o.address)
        .field(ctx, "website", "url", "org-website", &o.website)
        .field(ctx, "description", "textarea", "org-description", &o.description)
        .field(ctx, "contact_name", "text", "org-contact-name", &o.contact_name)
        .field(ctx, "contact_email", "email", "org-contact-email", &o.contact_email)
        .field(ctx, "contact_phone", "tel", "org-contact-phone", &o.contact_phone)
        .field(ctx, "share_contact", "checkbox", "org-share-contact", o.share_contact.as_deref().unwrap_or(""))
}

fn register_form(ctx: &Ctx, f: &RegisterForm, errors: &[FieldError]) -> Form {
    let form = Form::new(ctx, "register", "/register", "register-submit")
        .field(ctx, "display_name", "text", "account-display-name", &f.display_name)
        .required()
        .field(ctx, "email", "email", "account-email", &f.email)
        .required()
        .field(ctx, "password", "password", "account-password", "")
        .required()
        .hint(ctx, "account-password-hint");
    org_fields(ctx, form, &f.org)
        .field(ctx, "accept_terms", "checkbox", "register-terms", f.accept_terms.as_deref().unwrap_or(""))
        .with_errors(ctx, errors)
}

pub async fn register_page(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    if auth::current(&req).is_some() {
        return Ok(see_other("/account"));
    }
    let mut ctx = Ctx::from_request(&req);
    let (csrf, cookie) = ensure_session(&req, &state).await?;
    ctx.csrf = csrf;
    let form = RegisterForm {
        org: OrgForm { share_contact: Some("on".into()), ..OrgForm::default() },
        ..RegisterForm::default()
    };
    Panel::new(&ctx, "register-title")
        .lead(ctx.t("register-lead"))
        .form(register_form(&ctx, &form, &[]))
        .link("/login", "register-have-account")
        .respond(StatusCode::OK, cookie)
}

pub async fn register(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<RegisterForm>,
) -> Result<HttpResponse, AppError> {
    limit_ip(&req, &state, "register", 10, TimeDelta::hours(1)).await?;
    let ctx = Ctx::from_request(&req);
    let f = form.into_inner();
    let input = f.clone();
    let st = state.clone();
    let locale = ctx.locale;
    match state.db.run(move |c| accounts::register(c, st.env(), &input, locale)).await? {
        Err(errors) => Panel::new(&ctx, "register-title")
            .form(register_form(&ctx, &f, &errors))
            .respond(StatusCode::UNPROCESSABLE_ENTITY, None),
        // The same answer whether or not the address already had an account.
        Ok(()) => Panel::new(&ctx, "register-sent-title").lead(ctx.t("register-sent")).link("/login", "nav-login").ok(),
    }
}

/// The token of an emailed link (its query string, or the form its page posts).
#[derive(Deserialize)]
pub struct TokenQuery {
    #[serde(default)]
    pub(super) token: String,
}

/// The verification link: asks for a press on "confirm" (see [`super::panel::confirm_link`]).
pub async fn verify_email_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    q: web::Query<TokenQuery>,
) -> Result<HttpResponse, AppError> {
    let ctx = Ctx::from_request(&req);
    let (st, token) = (state.clone(), q.into_inner().token);
    let t = token.clone();
    match state.db.run(move |c| accounts::verification_target(c, st.env(), &t)).await? {
        Ok(u) => {
            let lead = ctx.t1("verify-confirm-lead", "email", u.email.as_str());
            confirm_link(&req, "verify-confirm-title", lead, ("/verify-email", "verify-confirm"), &token)
        }
        Err(e) => verify_failed(&req, &state, ctx, e).await,
    }
}

async fn verify_failed(
    req: &HttpRequest,
    state: &AppState,
    mut ctx: Ctx,
    e: LinkError,
) -> Result<HttpResponse, AppError> {
    let (csrf, cookie) = ensure_session(req, state).await?;
    ctx.csrf = csrf;
    Panel::new(&ctx, "verify-failed-title")
        .lead(link_error_text(&ctx, e))
        .form(resend_form(&ctx, ""))
        .respond(StatusCode::BAD_REQUEST, cookie)
}

pub async fn verify_email(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<TokenQuery>,
) -> Result<HttpResponse, AppError> {
    let ctx = Ctx::from_request(&req);
    let st = state.clone();
    let token = form.into_inner().token;
    match state.db.run(move |c| accounts::verify_email(c, st.env(), &token)).await? {
        Ok(_) => Panel::new(&ctx, "verify-done-title").lead(ctx.t("verify-done")).link("/login", "nav-login").ok(),
        Err(e) => verify_failed(&req, &state, ctx, e).await,
    }
}

fn resend_form(ctx: &Ctx, email: &str) -> Form {
    Form::new(ctx, "resend", "/verify-email/resend", "verify-resend")
        .titled(ctx, "verify-resend-title")
        .field(ctx, "email", "email", "account-email", email)
        .required()
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct EmailForm {
    email: String,
}

/// A request for an emailed link (verification, reset): 10 an hour per IP, and past three an hour
/// for one address no more mail goes out while the answer stays the same, so the limit reveals
/// nothing either.
async fn link_request(
    req: &HttpRequest,
    state: &web::Data<AppState>,
    what: &str,
    email: String,
    send: for<'a> fn(&mut crate::db::AnyConnection, crate::services::context::Env<'a>, &str) -> anyhow::Result<()>,
) -> Result<(), AppError> {
    limit_ip(req, state, what, 10, TimeDelta::hours(1)).await?;
    if within(state, format!("{what}-email:{}", email.trim().to_lowercase()), 3, TimeDelta::hours(1)).await? {
        let st = state.clone();
        state.db.run(move |c| send(c, st.env(), &email)).await?;
    }
    Ok(())
}

pub async fn resend_verification(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<EmailForm>,
) -> Result<HttpResponse, AppError> {
    link_request(&req, &state, "resend", form.into_inner().email, accounts::resend_verification).await?;
    let ctx = Ctx::from_request(&req);
    Panel::new(&ctx, "verify-resent-title").lead(ctx.t("verify-resent")).ok()
}

// ---------------------------------------------------------------- sign-in

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct LoginForm {
    email: String,
    password: String,
    next: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct NextQuery {
    next: String,
}

fn login_form(ctx: &Ctx, email: &str, next: &str) -> Form {
    Form::new(ctx, "login", "/login", "login-submit")
        .field(ctx, "email", "email", "account-email", email)
        .required()
        .field(ctx, "password", "password", "account-password", "")
        .required()
        .field(ctx, "next", "hidden", "", next)
}

fn login_panel(ctx: &Ctx, form: Form) -> Panel {
    Panel::new(ctx, "login-title").form(form).link("/reset", "login-forgot").link("/register", "login-register")
}

pub async fn login_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    q: web::Query<NextQuery>,
) -> Result<HttpResponse, AppError> {
    let mut ctx = Ctx::from_request(&req);
    let (csrf, cookie) = ensure_session(&req, &state).await?;
    ctx.csrf = csrf;
    login_panel(&ctx, login_form(&ctx, "", &q.next)).respond(StatusCode::OK, cookie)
}

pub async fn login(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<LoginForm>,
) -> Result<HttpResponse, AppError> {
    limit_ip(&req, &state, "login", 30, TimeDelta::minutes(15)).await?;
    let ctx = Ctx::from_request(&req);
    let f = form.into_inner();
    let (email, pw) = (f.email.clone(), f.password.clone());
    let outcome = state.db.run(move |c| accounts::sign_in(c, &email, &pw)).await?;
    match outcome {
        SignIn::Ok(user) => {
            let mut res = see_other(&forms::safe_next(Some(&f.next)));
            let cookie = auth::start_session(&req, &state, user.id).await?;
            res.add_cookie(&cookie).map_err(|e| AppError::Internal(e.into()))?;
            Ok(res)
        }
        SignIn::Invalid => {
            let form = login_form(&ctx, &f.email, &f.next).error(ctx.t("login-invalid"));
            login_panel(&ctx, form).respond(StatusCode::UNPROCESSABLE_ENTITY, None)
        }
        SignIn::Unverified => {
            let form = login_form(&ctx, &f.email, &f.next).error(ctx.t("login-unverified"));
            login_panel(&ctx, form).form(resend_form(&ctx, &f.email)).respond(StatusCode::UNPROCESSABLE_ENTITY, None)
        }
        SignIn::Disabled => {
            let form = login_form(&ctx, &f.email, &f.next).error(ctx.t("login-disabled"));
            login_panel(&ctx, form).respond(StatusCode::FORBIDDEN, None)
        }
        SignIn::Locked(wait) => Err(AppError::too_many(wait)),
    }
}

pub async fn logout(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    if let Some(s) = auth::session(&req).filter(|s| !s.token.is_empty()) {
        state.db.run(move |c| db::login_sessions::delete(c, &s.token)).await?;
    }
    let mut res = see_other("/");
    res.add_cookie(&auth::removal_cookie(&state)).map_err(|e| AppError::Internal(e.into()))?;
    Ok(res)
}

// ---------------------------------------------------------------- password reset

pub async fn reset_page(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let mut ctx = Ctx::from_request(&req);
    let (csrf, cookie) = ensure_session(&req, &state).await?;
    ctx.csrf = csrf;
    let form = Form::new(&ctx, "reset", "/reset", "reset-submit")
        .field(&ctx, "email", "email", "account-email", "")
        .required();
    Panel::new(&ctx, "reset-title").lead(ctx.t("reset-lead")).form(form).respond(StatusCode::OK, cookie)
}

pub async fn reset_request(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<EmailForm>,
) -> Result<HttpResponse, AppError> {
    link_request(&req, &state, "reset", form.into_inner().email, accounts::request_reset).await?;
    let ctx = Ctx::from_request(&req);
    Panel::new(&ctx, "reset-sent-title").lead(ctx.t("reset-sent")).ok()
}

fn new_password_form(ctx: &Ctx, token: &str) -> Form {
    Form::new(ctx, "reset-confirm", "/reset/confirm", "reset-confirm-submit")
        .field(ctx, "password", "password", "account-new-password", "")
        .required()
        .hint(ctx, "account-password-hint")
        .field(ctx, "token", "hidden", "", token)
}

pub async fn reset_confirm_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    q: web::Query<TokenQuery>,
) -> Result<HttpResponse, AppError> {
    let mut ctx = Ctx::from_request(&req);
    let token = q.into_inner().token;
    let st = state.clone();
    let t = token.clone();
    let target = state.db.run(move |c| accounts::reset_target(c, st.env(), &t)).await?;
    let (csrf, cookie) = ensure_session(&req, &state).await?;
    ctx.csrf = csrf;
    match target {
        Ok(_) => Panel::new(&ctx, "reset-confirm-title")
            .form(new_password_form(&ctx, &token))
            .respond(StatusCode::OK, cookie),
        Err(e) => Panel::new(&ctx, "reset-failed-title")
            .lead(link_error_text(&ctx, e))
            .link("/reset", "reset-again")
            .respond(StatusCode::BAD_REQUEST, cookie),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct NewPasswordForm {
    token: String,
    password: String,
}

pub async fn reset_confirm(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<NewPasswordForm>,
) -> Result<HttpResponse, AppError> {
    limit_ip(&req, &state, "reset-confirm", 20, TimeDelta::hours(1)).await?;
    let ctx = Ctx::from_request(&req);
    let f = form.into_inner();
    let st = state.clone();
    let (token, pw) = (f.token.clone(), f.password.clone());
    match state.db.run(move |c| accounts::reset_password(c, st.env(), &token, &pw)).await? {
        Err(errors) => Panel::new(&ctx, "reset-confirm-title")
            .form(new_password_form(&ctx, &f.token).with_errors(&ctx, &errors))
            .respond(StatusCode::UNPROCESSABLE_ENTITY, None),
        Ok(Err(e)) => Panel::new(&ctx, "reset-failed-title")
            .lead(link_error_text(&ctx, e))
            .link("/reset", "reset-again")
            .respond(StatusCode::BAD_REQUEST, None),
        Ok(Ok(_)) => Panel::new(&ctx, "reset-done-title").lead(ctx.t("reset-done")).link("/login", "nav-login").ok(),
    }
}

// ---------------------------------------------------------------- own account

fn profile_panel(ctx: &Ctx, user: &crate::domain::User, forms: [Form; 4], notice: Option<String>) -> Panel {
    let [profile, password, email, delete] = forms;
    let mut p = Panel::new(ctx, "account-title")
        .lead(ctx.t1("account-email-is", "email", user.email.as_str()))
        .lead(ctx.t1("account-role-is", "role", user.role.label(ctx.locale)))
        .form(profile)
        .form(password)
        .form(email)
        .link("/account/tokens", "tokens-title")
        .link("/account/export", "account-export");
    if let Some(org) = user.organisation_id {
        p = p
            .link(format!("/organisations/{org}/members"), "members-title")
            .link(format!("/organisations/{org}/settings"), "org-settings-title");
    }
    p.notice = notice;
    p.form(delete)
}

fn profile_forms(ctx: &Ctx, user: &crate::domain::User) -> [Form; 4] {
    let locales = vec![("vi".to_string(), ctx.t("language-vi")), ("en".to_string(), ctx.t("language-en"))];
    [
        Form::new(ctx, "profile", "/account/profile", "form-save")
            .titled(ctx, "account-profile")
            .field(ctx, "display_name", "text", "account-display-name", &user.display_name)
            .required()
            .field(ctx, "locale", "select", "account-locale", user.locale.code())
            .options(locales),
        Form::new(ctx, "password", "/account/password", "account-change-password")
            .titled(ctx, "account-change-password")
            .field(ctx, "current_password", "password", "account-current-password", "")
            .required()
            .field(ctx, "new_password", "password", "account-new-password", "")
            .required()
            .hint(ctx, "account-password-hint"),
        Form::new(ctx, "email", "/account/email", "account-change-email")
            .titled(ctx, "account-change-email")
            .field(ctx, "new_email", "email", "account-new-email", "")
            .required()
            .hint(ctx, "account-new-email-hint")
            .field(ctx, "password", "password", "account-current-password", "")
            .required(),
        Form::new(ctx, "delete", "/account/delete", "account-delete")
            .titled(ctx, "account-delete")
            .danger()
            .field(ctx, "password", "password", "account-current-password", "")
            .required()
            .hint(ctx, "account-delete-hint"),
    ]
}

pub async fn profile(req: HttpRequest, q: web::Query<DoneQuery>) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    let ctx = Ctx::from_request(&req);
    let notice = match q.done.as_str() {
        "" => None,
        d => Some(key_of("account-done", d)).filter(|k| catalogue::has(ctx.locale, k)).map(|k| ctx.t(&k)),
    };
    profile_panel(&ctx, &me.user, profile_forms(&ctx, &me.user), notice).ok()
}

/// The profile page again with `errors` on the form at `index` (0 profile, 1 password, 2 email,
/// 3 delete) and what was typed in it.
fn profile_with_errors(
    ctx: &Ctx,
    user: &crate::domain::User,
    index: usize,
    typed: &[(&str, &str)],
    errors: &[FieldError],
) -> Result<HttpResponse, AppError> {
    let mut forms = profile_forms(ctx, user);
    let mut f = forms[index].clone();
    for (name, value) in typed {
        if let Some(field) = f.fields.iter_mut().find(|x| x.name == *name) {
            field.value = value.to_string();
        }
    }
    forms[index] = f.with_errors(ctx, errors);
    profile_panel(ctx, user, forms, None).respond(StatusCode::UNPROCESSABLE_ENTITY, None)
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ProfileForm {
    display_name: String,
    locale: String,
}

pub async fn update_profile(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<ProfileForm>,
) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    let ctx = Ctx::from_request(&req);
    let f = form.into_inner();
    let (user, name, locale) = (me.user.clone(), f.display_name.clone(), f.locale.clone());
    match state.db.run(move |c| accounts::update_profile(c, &user, &name, &locale)).await? {
        Ok(u) => {
            let mut res = see_other("/account?done=profile");
            // The interface follows the account's language from now on.
            let c = actix_web::cookie::Cookie::build("lang", u.locale.code()).path("/").http_only(true).finish();
            res.add_cookie(&c).map_err(|e| AppError::Internal(e.into()))?;
            Ok(res)
        }
        Err(errors) => {
            profile_with_errors(&ctx, &me.user, 0, &[("display_name", &f.display_name), ("locale", &f.locale)], &errors)
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct PasswordForm {
    current_password: String,
    new_password: String,
}

pub async fn change_password(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<PasswordForm>,
) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    let ctx = Ctx::from_request(&req);
    let session = auth::session(&req).map(|s| s.token).unwrap_or_default();
    let f = form.into_inner();
    let user = me.user.clone();
    match state
        .db
        .run(move |c| accounts::change_password(c, &user, &f.current_password, &f.new_password, &session))
        .await?
    {
        Ok(()) => Ok(see_other("/account?done=password")),
        Err(errors) => profile_with_errors(&ctx, &me.user, 1, &[], &errors),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct EmailChangeForm {
    new_email: String,
    password: String,
}

pub async fn change_email(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<EmailChangeForm>,
) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    limit_ip(&req, &state, "change-email", 10, TimeDelta::hours(1)).await?;
    let ctx = Ctx::from_request(&req);
    let f = form.into_inner();
    let (user, st, new, pw) = (me.user.clone(), state.clone(), f.new_email.clone(), f.password.clone());
    match state.db.run(move |c| accounts::request_email_change(c, st.env(), &user, &new, &pw)).await? {
        Ok(()) => Ok(see_other("/account?done=email")),
        Err(errors) => profile_with_errors(&ctx, &me.user, 2, &[("new_email", &f.new_email)], &errors),
    }
}

/// The email-change link: asks for a press on "confirm" (see [`super::panel::confirm_link`]).
pub async fn confirm_email_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    q: web::Query<TokenQuery>,
) -> Result<HttpResponse, AppError> {
    let ctx = Ctx::from_request(&req);
    let (st, token) = (state.clone(), q.into_inner().token);
    let t = token.clone();
    match state.db.run(move |c| accounts::email_change_target(c, st.env(), &t)).await? {
        Ok(email) => {
            let lead = ctx.t1("email-confirm-lead", "email", email.as_str());
            confirm_link(&req, "email-confirm-title", lead, ("/account/email/confirm", "email-confirm"), &token)
        }
        Err(e) => {
            Panel::new(&ctx, "email-failed-title").lead(link_error_text(&ctx, e)).respond(StatusCode::BAD_REQUEST, None)
        }
    }
}

pub async fn confirm_email(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<TokenQuery>,
) -> Result<HttpResponse, AppError> {
    let ctx = Ctx::from_request(&req);
    let st = state.clone();
    let token = form.into_inner().token;
    let keep = auth::session(&req).map(|s| s.token).filter(|t| !t.is_empty());
    match state.db.run(move |c| accounts::confirm_email_change(c, st.env(), &token, keep.as_deref())).await? {
        Ok(u) => Panel::new(&ctx, "email-done-title")
            .lead(ctx.t1("email-done", "email", u.email.as_str()))
            .link("/account", "account-title")
            .ok(),
        Err(e) => {
            Panel::new(&ctx, "email-failed-title").lead(link_error_text(&ctx, e)).respond(StatusCode::BAD_REQUEST, None)
        }
    }
}

pub async fn export(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    let user = me.user.clone();
    let doc = state.db.run(move |c| accounts::export(c, &user)).await?;
    Ok(HttpResponse::Ok()
        .content_type("application/json; charset=utf-8")
        .insert_header(("content-disposition", "attachment; filename=\"ketnoi-my-data.json\""))
        .insert_header(("cache-control", "no-store"))
        .body(serde_json::to_string_pretty(&doc).map_err(|e| AppError::Internal(e.into()))?))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct PasswordOnly {
    password: String,
}

pub async fn delete_account(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<PasswordOnly>,
) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    let ctx = Ctx::from_request(&req);
    let user = me.user.clone();
    let pw = form.into_inner().password;
    match state.db.run(move |c| accounts::delete_account(c, &user, &pw)).await? {
        Ok(()) => {
            let mut res = Panel::new(&ctx, "account-deleted-title").lead(ctx.t("account-deleted")).ok()?;
            res.add_cookie(&auth::removal_cookie(&state)).map_err(|e| AppError::Internal(e.into()))?;
            Ok(res)
        }
        Err(errors) => profile_with_errors(&ctx, &me.user, 3, &[], &errors),
    }
}

/// The choice of non-transactional email (every such email links here).
pub async fn notifications(
    req: HttpRequest,
    state: web::Data<AppState>,
    q: web::Query<DoneQuery>,
) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    let ctx = Ctx::from_request(&req);
    let user = me.user.clone();
    let on = state.db.run(move |c| crate::services::digest::wants_digest(c, &user)).await?;
    let form = Form::new(&ctx, "notifications", "/account/notifications", "notifications-save")
        .field(&ctx, "digest", "checkbox", "notifications-digest", if on { "on" } else { "" })
        .hint(&ctx, "notifications-digest-hint");
    let mut p = Panel::new(&ctx, "notifications-title").lead(ctx.t("notifications-lead"));
    if q.done == "notifications" {
        p = p.notice(ctx.t("account-done-notifications"));
    }
    p.form(form).link("/account", "account-title").ok()
}

/// The ticked boxes of the notifications form (an unticked box is absent).
#[derive(Debug, Deserialize)]
pub struct NotificationsForm {
    #[serde(default)]
    digest: Option<String>,
}

pub async fn save_notifications(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<NotificationsForm>,
) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    let (on, now, user) = (form.digest.is_some(), state.clock.now(), me.user.clone());
    state.db.run(move |c| crate::services::digest::set_digest(c, &user, on, now)).await?;
    Ok(see_other("/account/notifications?done=notifications"))
}

/// The one-click unsubscribe token: in the address (RFC 8058 posts to it as it is) or in the
/// confirmation page's form.
#[derive(Debug, Deserialize)]
pub struct UnsubscribeForm {
    #[serde(default)]
    token: String,
}

/// The unsubscribe link of a digest, opened: asks for a press (a mail scanner changes nothing).
pub async fn unsubscribe_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    q: web::Query<TokenQuery>,
) -> Result<HttpResponse, AppError> {
    let ctx = Ctx::from_request(&req);
    let (st, token) = (state.clone(), q.into_inner().token);
    let t = token.clone();
    match state.db.run(move |c| crate::services::digest::unsubscribe_target(c, st.env(), &t)).await? {
        Ok(u) => confirm_link(
            &req,
            "unsubscribe-title",
            ctx.t1("unsubscribe-lead", "email", u.email.as_str()),
            ("/unsubscribe", "unsubscribe-confirm"),
            &token,
        ),
        Err(e) => Panel::new(&ctx, "unsubscribe-title")
            .lead(link_error_text(&ctx, e))
            .link("/account/notifications", "notifications-title")
            .respond(StatusCode::BAD_REQUEST, None),
    }
}

/// Unsubscribes: the mail client's one-click POST (`List-Unsubscribe=One-Click`, the token in
/// the address), or the confirmation page's button (the token in the form).
pub async fn unsubscribe(
    req: HttpRequest,
    state: web::Data<AppState>,
    q: web::Query<UnsubscribeForm>,
    form: Option<web::Form<UnsubscribeForm>>,
) -> Result<HttpResponse, AppError> {
    let ctx = Ctx::from_request(&req);
    let token = form.map(|f| f.into_inner().token).filter(|t| !t.is_empty()).unwrap_or_else(|| q.into_inner().token);
    let (now, st) = (state.clock.now(), state.clone());
    match state.db.run(move |c| crate::services::digest::unsubscribe(c, st.env(), &token, now)).await? {
        Ok(_) => Panel::new(&ctx, "unsubscribe-title")
            .lead(ctx.t("unsubscribe-done"))
            .link("/account/notifications", "notifications-title")
            .ok(),
        Err(e) => {
            Panel::new(&ctx, "unsubscribe-title").lead(link_error_text(&ctx, e)).respond(StatusCode::BAD_REQUEST, None)
        }
    }
}

// ---------------------------------------------------------------- API tokens

fn token_form(ctx: &Ctx, name: &str) -> Form {
    Form::new(ctx, "token", "/account/tokens", "tokens-create")
        .titled(ctx, "tokens-create")
        .field(ctx, "name", "text", "tokens-name", name)
        .required()
        .hint(ctx, "tokens-name-hint")
}

async fn tokens_panel(ctx: &Ctx, state: &AppState, user: crate::domain::UserId) -> Result<Panel, AppError> {
    let rows = state.db.run(move |c| db::api_tokens::for_user(c, user)).await?;
    let when = |t: Option<chrono::NaiveDateTime>| t.map(|t| ctx.when(t)).unwrap_or_else(|| "—".into());
    let table = Table {
        caption: ctx.t("tokens-list"),
        headers: ["tokens-name", "tokens-prefix", "tokens-created", "tokens-last-used", "tokens-state"]
            .iter()
            .map(|k| ctx.t(k).to_string())
            .collect(),
        rows: rows
            .iter()
            .map(|r| Row {
                cells: vec![
                    Cell::text(&r.name),
                    Cell::text(format!("{}…", r.prefix)),
                    Cell::text(ctx.when(r.created_at)),
                    Cell::text(when(r.last_used_at)),
                    Cell::text(match r.revoked_at {
                        Some(t) => ctx.t1("tokens-revoked", "date", ctx.when(t)),
                        None => ctx.t("tokens-active"),
                    }),
                ],
                actions: if r.revoked_at.is_none() {
                    vec![Form::new(ctx, "revoke", format!("/account/tokens/{}/revoke", r.id), "tokens-revoke").danger()]
                } else {
                    vec![]
                },
            })
            .collect(),
    };
    let mut p = Panel::new(ctx, "tokens-title").lead(ctx.t("tokens-lead"));
    p.table = Some(table);
    Ok(p.link("/api/docs/", "nav-api"))
}

pub async fn tokens(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    let ctx = Ctx::from_request(&req);
    tokens_panel(&ctx, &state, me.user.id).await?.form(token_form(&ctx, "")).ok()
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct NameForm {
    name: String,
}

pub async fn create_token(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<NameForm>,
) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    let ctx = Ctx::from_request(&req);
    let name = form.into_inner().name;
    let (user, n) = (me.user.clone(), name.clone());
    match state.db.run(move |c| tokens::create_token(c, &user, &n)).await? {
        Ok((_, secret)) => {
            let mut p = tokens_panel(&ctx, &state, me.user.id).await?.form(token_form(&ctx, ""));
            p.secret = Some((ctx.t("tokens-shown-once"), secret));
            p.ok()
        }
        Err(errors) => tokens_panel(&ctx, &state, me.user.id)
            .await?
            .form(token_form(&ctx, &name).with_errors(&ctx, &errors))
            .respond(StatusCode::UNPROCESSABLE_ENTITY, None),
    }
}

pub async fn revoke_token(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    let id = id.into_inner();
    state.db.run(move |c| tokens::revoke_token(c, me.user.id, &id)).await?;
    Ok(see_other("/account/tokens"))
}
