//! An organisation's own pages: its settings (profile, contact, consent), its members, inviting a
//! colleague, leaving; and accepting an invitation.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use chrono::TimeDelta;
use serde::Deserialize;

use super::account::{limit_ip, link_error_text, org_fields};
use super::panel::{Cell, Panel, Row, Table, see_other};
use crate::db;
use crate::domain::signed::LinkError;
use crate::domain::{Organisation, OrganisationId};
use crate::error::AppError;
use crate::services::organisations::org_form::OrgForm;
use crate::services::{members, organisations};
use crate::state::AppState;
use crate::validate::FieldError;
use crate::web::auth::{self, ensure_session};
use crate::web::forms::Form;
use crate::web::i18n::Ctx;

async fn load(state: &AppState, id: &str) -> Result<Organisation, AppError> {
    let id: OrganisationId = id.parse().map_err(|_| AppError::NotFound)?;
    state.db.run(move |c| db::organisations::get(c, id)).await?.ok_or(AppError::NotFound)
}

fn form_of(o: &Organisation) -> OrgForm {
    OrgForm {
        kind: o.kind.code().into(),
        name: o.name.clone(),
        tax_code: o.tax_code.clone().unwrap_or_default(),
        province: o.province.code().into(),
        address: o.address.clone(),
        website: o.website.clone().unwrap_or_default(),
        description: o.description.clone(),
        contact_name: o.contact.name.clone(),
        contact_email: o.contact.email.clone(),
        contact_phone: o.contact.phone.clone(),
        share_contact: o.contact.share.then(|| "on".into()),
    }
}

/// The settings page; `notice` is the key of a message after saving, `pending` the identity
/// change waiting for staff.
fn settings_panel(
    ctx: &Ctx,
    o: &Organisation,
    f: &OrgForm,
    errors: &[FieldError],
    notice: Option<&str>,
    pending: Option<&db::organisations::IdentityChange>,
) -> Panel {
    let form = org_fields(ctx, Form::new(ctx, "org", format!("/organisations/{}/settings", o.id), "form-save"), f)
        .with_errors(ctx, errors);
    let status = if o.verified_at.is_some() { "org-verified" } else { "org-unverified-note" };
    let mut p = Panel::new(ctx, "org-settings-title").lead(ctx.t2(
        "org-settings-lead",
        "name",
        &o.name,
        "status",
        ctx.t(status),
    ));
    if let Some(ch) = pending {
        let tax = ch.tax_code.as_deref().unwrap_or("—");
        p = p.lead(ctx.t2("org-change-pending", "name", &ch.name, "tax", tax));
    }
    p = p.form(form);
    if let Some(key) = notice {
        p = p.notice(ctx.t(key));
    }
    p.link(format!("/organisations/{}/members", o.id), "members-title")
        .link(format!("/organisations/{}", o.id), "org-public-page")
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SavedQuery {
    saved: String,
}

pub async fn settings(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    q: web::Query<SavedQuery>,
) -> Result<HttpResponse, AppError> {
    let ctx = Ctx::from_request(&req);
    let o = load(&state, &id).await?;
    let oid = o.id;
    let pending = state.db.run(move |c| db::organisations::pending_change(c, oid)).await?;
    let notice = match q.saved.as_str() {
        "" => None,
        "held" => Some("org-change-held"),
        _ => Some("form-saved"),
    };
    // The form shows what is waiting, so that saving another field does not withdraw it.
    let mut form = form_of(&o);
    if let Some(ch) = &pending {
        form.kind = ch.kind.clone();
        form.name = ch.name.clone();
        form.tax_code = ch.tax_code.clone().unwrap_or_default();
    }
    settings_panel(&ctx, &o, &form, &[], notice, pending.as_ref()).ok()
}

pub async fn save_settings(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    form: web::Form<OrgForm>,
) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    let ctx = Ctx::from_request(&req);
    let o = load(&state, &id).await?;
    let f = form.into_inner();
    let (input, org) = (f.clone(), o.clone());
    match state.db.run(move |c| organisations::update_organisation(c, &me.user, &org, &input)).await? {
        Ok(saved) => {
            let how = if saved.held { "held" } else { "1" };
            Ok(see_other(&format!("/organisations/{}/settings?saved={how}", o.id)))
        }
        Err(errors) => {
            settings_panel(&ctx, &o, &f, &errors, None, None).respond(StatusCode::UNPROCESSABLE_ENTITY, None)
        }
    }
}

fn invite_form(ctx: &Ctx, org: OrganisationId, email: &str) -> Form {
    Form::new(ctx, "invite", format!("/organisations/{org}/members/invite"), "members-invite")
        .titled(ctx, "members-invite")
        .field(ctx, "email", "email", "account-email", email)
        .required()
}

fn leave_form(ctx: &Ctx, org: OrganisationId) -> Form {
    Form::new(ctx, "leave", format!("/organisations/{org}/members/leave"), "members-leave")
        .titled(ctx, "members-leave")
        .danger()
        .field(ctx, "confirm", "checkbox", "members-leave-confirm", "")
}

async fn members_panel(ctx: &Ctx, state: &AppState, o: &Organisation) -> Result<Panel, AppError> {
    let id = o.id;
    let (members, disabled) = state
        .db
        .run(move |c| {
            let members = db::users::for_organisation(c, id)?;
            let disabled = db::users::disabled_among(c, &members.iter().map(|u| u.id).collect::<Vec<_>>())?;
            Ok((members, disabled))
        })
        .await?;
    let mut p = Panel::new(ctx, "members-title").lead(o.name.clone());
    p.table = Some(Table {
        caption: ctx.t("members-list"),
        headers: vec![ctx.t("account-display-name"), ctx.t("account-email")],
        rows: members
            .iter()
            .map(|u| Row {
                cells: vec![
                    // A member an admin disabled cannot sign in: the colleagues see why.
                    Cell::text(&u.display_name).badge(disabled.contains(&u.id).then(|| ctx.t("admin-users-disabled"))),
                    Cell::text(u.email.as_str()),
                ],
                actions: vec![],
            })
            .collect(),
    });
    Ok(p.link(format!("/organisations/{}/settings", o.id), "org-settings-title"))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct InvitedQuery {
    invited: String,
}

pub async fn members(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    q: web::Query<InvitedQuery>,
) -> Result<HttpResponse, AppError> {
    let ctx = Ctx::from_request(&req);
    let o = load(&state, &id).await?;
    let mut p = members_panel(&ctx, &state, &o).await?.form(invite_form(&ctx, o.id, "")).form(leave_form(&ctx, o.id));
    if !q.invited.is_empty() {
        p = p.notice(ctx.t1("members-invited", "email", &q.invited));
    }
    p.ok()
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct EmailForm {
    email: String,
}

pub async fn invite(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    form: web::Form<EmailForm>,
) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    limit_ip(&req, &state, "invite", 30, TimeDelta::hours(1)).await?;
    let ctx = Ctx::from_request(&req);
    let o = load(&state, &id).await?;
    let email = form.into_inner().email;
    let (st, org, e) = (state.clone(), o.clone(), email.clone());
    match state.db.run(move |c| members::invite(c, st.env(), &me.user, &org, &e)).await? {
        Ok(()) => {
            let shown = crate::domain::Email::parse(&email).map(|e| e.to_string()).unwrap_or(email);
            let q: String = url::form_urlencoded::byte_serialize(shown.as_bytes()).collect();
            Ok(see_other(&format!("/organisations/{}/members?invited={q}", o.id)))
        }
        Err(errors) => members_panel(&ctx, &state, &o)
            .await?
            .form(invite_form(&ctx, o.id, &email).with_errors(&ctx, &errors))
            .form(leave_form(&ctx, o.id))
            .respond(StatusCode::UNPROCESSABLE_ENTITY, None),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ConfirmForm {
    confirm: Option<String>,
}

pub async fn leave(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    form: web::Form<ConfirmForm>,
) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    let ctx = Ctx::from_request(&req);
    let o = load(&state, &id).await?;
    let errors = if form.confirm.is_none() {
        vec![FieldError { field: "confirm", key: "err-confirm", n: None }]
    } else {
        let user = me.user.clone();
        match state.db.run(move |c| members::leave(c, &user)).await? {
            Ok(()) => return Ok(see_other("/account?done=left")),
            Err(e) => e,
        }
    };
    members_panel(&ctx, &state, &o)
        .await?
        .form(invite_form(&ctx, o.id, ""))
        .form(leave_form(&ctx, o.id).with_errors(&ctx, &errors))
        .respond(StatusCode::UNPROCESSABLE_ENTITY, None)
}

// ---------------------------------------------------------------- invitations

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct AcceptForm {
    token: String,
    display_name: String,
    password: String,
}

fn accept_form(ctx: &Ctx, token: &str, new_account: bool, name: &str) -> Form {
    let f = Form::new(ctx, "accept", "/invitations/accept", "invite-accept").field(ctx, "token", "hidden", "", token);
    if new_account {
        f.field(ctx, "display_name", "text", "account-display-name", name)
            .required()
            .field(ctx, "password", "password", "account-password", "")
            .required()
            .hint(ctx, "account-password-hint")
    } else {
        f
    }
}

pub async fn accept_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    q: web::Query<AcceptForm>,
) -> Result<HttpResponse, AppError> {
    let mut ctx = Ctx::from_request(&req);
    let token = q.into_inner().token;
    let (st, t) = (state.clone(), token.clone());
    let inv = state.db.run(move |c| members::invitation(c, st.env(), &t)).await?;
    let (csrf, cookie) = ensure_session(&req, &state).await?;
    ctx.csrf = csrf;
    match inv {
        Ok(inv) => Panel::new(&ctx, "invite-title")
            .lead(ctx.t2("invite-lead", "organisation", &inv.organisation.name, "email", inv.email.as_str()))
            .form(accept_form(&ctx, &token, inv.existing.is_none(), ""))
            .respond(StatusCode::OK, cookie),
        Err(e) => invalid_link(&ctx, e, cookie),
    }
}

fn invalid_link(
    ctx: &Ctx,
    e: LinkError,
    cookie: Option<actix_web::cookie::Cookie<'static>>,
) -> Result<HttpResponse, AppError> {
    Panel::new(ctx, "invite-title").lead(link_error_text(ctx, e)).respond(StatusCode::BAD_REQUEST, cookie)
}

pub async fn accept(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<AcceptForm>,
) -> Result<HttpResponse, AppError> {
    limit_ip(&req, &state, "accept", 20, TimeDelta::hours(1)).await?;
    let ctx = Ctx::from_request(&req);
    let f = form.into_inner();
    let st = state.clone();
    let (token, name, pw, locale) = (f.token.clone(), f.display_name.clone(), f.password.clone(), ctx.locale);
    match state.db.run(move |c| members::accept_invitation(c, st.env(), &token, &name, &pw, locale)).await? {
        Err(errors) => {
            let new_account = errors.iter().any(|e| e.field != "organisation");
            Panel::new(&ctx, "invite-title")
                .form(accept_form(&ctx, &f.token, new_account, &f.display_name).with_errors(&ctx, &errors))
                .respond(StatusCode::UNPROCESSABLE_ENTITY, None)
        }
        Ok(Err(e)) => invalid_link(&ctx, e, None),
        Ok(Ok(members::Joined::NewAccount(user))) => {
            // The link proved the address and the person just chose a password: sign them in.
            let cookie = auth::start_session(&req, &state, user.id).await?;
            let mut res = see_other("/account?done=joined");
            res.add_cookie(&cookie).map_err(|e| AppError::Internal(e.into()))?;
            Ok(res)
        }
        Ok(Ok(members::Joined::Existing(user))) => {
            // An existing account signs in with its own password, never through the link.
            let signed_in_as_it = auth::current(&req).is_some_and(|c| c.user.id == user.id);
            if signed_in_as_it {
                return Ok(see_other("/account?done=joined"));
            }
            Panel::new(&ctx, "invite-joined-title")
                .lead(ctx.t("invite-joined-existing"))
                .link("/login?next=%2Faccount%3Fdone%3Djoined", "nav-login")
                .ok()
        }
    }
}
