//! The centre's pages: the organisation verification queue (staff) and staff management (admins).

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

use super::panel::{Cell, DoneQuery, Panel, Row, Table, see_other};
use crate::db;
use crate::domain::{OrgKind, OrganisationId, Role, UserId};
use crate::error::AppError;
use crate::services::{organisations, staff as roles};
use crate::state::AppState;
use crate::validate::FieldError;
use crate::web::auth;
use crate::web::forms::Form;
use crate::web::i18n::Ctx;

pub async fn organisations(
    req: HttpRequest,
    state: web::Data<AppState>,
    q: web::Query<DoneQuery>,
) -> Result<HttpResponse, AppError> {
    orgs_panel(&Ctx::from_request(&req), &state, &[], &q.done).await?.ok()
}

/// The verification queue: organisations with an identity change waiting come first, the change
/// shown in their row with its approve and reject buttons; the errors of the last action (if
/// any) in a notice.
async fn orgs_panel(ctx: &Ctx, state: &AppState, errors: &[FieldError], done: &str) -> Result<Panel, AppError> {
    let ctx = ctx.clone();
    let l = ctx.locale;
    let (mut orgs, changes) = state
        .db
        .run(|c| Ok((db::organisations::verification_queue(c)?, db::organisations::pending_changes(c)?)))
        .await?;
    let change_of = |o: &crate::domain::Organisation| changes.iter().find(|ch| ch.organisation_id == o.id.to_string());
    orgs.sort_by_key(|o| change_of(o).is_none());
    let mut p = Panel::new(&ctx, "staff-orgs-title").lead(ctx.t("staff-orgs-lead"));
    if !changes.is_empty() {
        p = p.lead(ctx.t1("staff-changes-waiting", "count", changes.len()));
    }
    if !errors.is_empty() {
        p = p.notice(errors.iter().map(|e| ctx.field_error(e)).collect::<Vec<_>>().join("; "));
    } else if let Some(n) = super::panel::done_notice(&ctx, &crate::catalogue::key_of("staff-done", done)) {
        p = p.notice(n);
    }
    p.table = Some(Table {
        caption: ctx.t("staff-orgs-list"),
        headers: ["org-name", "org-kind", "org-province", "org-tax-code", "staff-registered"]
            .iter()
            .map(|k| ctx.t(k).to_string())
            .collect(),
        rows: orgs
            .iter()
            .map(|o| {
                let (label, path, badge) = match o.verified_at {
                    Some(_) => ("staff-unverify", "unverify", Some(ctx.t("org-verified"))),
                    None => ("staff-verify", "verify", None),
                };
                // The button opens the confirmation step with the organisation's details.
                let mut actions =
                    vec![Form::new(&ctx, "verify", format!("/staff/organisations/{}/{path}", o.id), label)];
                if o.verified_at.is_some() {
                    actions[0] = actions[0].clone().danger();
                }
                let mut name = Cell::link(&o.name, format!("/organisations/{}", o.id)).badge(badge);
                if let Some(ch) = change_of(o) {
                    // Only what changes: the new name, kind and tax code.
                    let mut to = Vec::new();
                    if ch.name != o.name {
                        to.push(ch.name.clone());
                    }
                    if let Ok(k) = ch.kind.parse::<OrgKind>()
                        && k != o.kind
                    {
                        to.push(k.label(l).to_string());
                    }
                    if ch.tax_code != o.tax_code {
                        to.push(ctx.t1("org-tax-code-is", "tax", ch.tax_code.as_deref().unwrap_or("—")));
                    }
                    name.text = format!("{} → {}", o.name, to.join("; "));
                    let base = format!("/staff/organisations/{}/change", o.id);
                    actions.insert(
                        0,
                        Form::new(&ctx, "approve-change", format!("{base}/approve"), "staff-change-approve"),
                    );
                    actions.insert(
                        1,
                        Form::new(&ctx, "reject-change", format!("{base}/reject"), "staff-change-reject").danger(),
                    );
                }
                Row {
                    cells: vec![
                        name,
                        Cell::text(o.kind.label(l)),
                        Cell::text(o.province.label(l)),
                        Cell::text(o.tax_code.clone().unwrap_or_default()),
                        Cell::text(ctx.when(o.created_at)),
                    ],
                    actions,
                }
            })
            .collect(),
    });
    Ok(p)
}

/// Staff approve or reject an organisation's pending identity change.
async fn decide(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: &str,
    approve: bool,
) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    let org: OrganisationId = id.parse().map_err(|_| AppError::NotFound)?;
    match state.db.run(move |c| organisations::decide_change(c, me.user.id, org, approve)).await? {
        Ok(true) => Ok(see_other(if approve {
            "/staff/organisations?done=change_approved"
        } else {
            "/staff/organisations?done=change_rejected"
        })),
        Ok(false) => Err(AppError::NotFound),
        Err(errors) => orgs_panel(&Ctx::from_request(&req), &state, &errors, "")
            .await?
            .respond(StatusCode::UNPROCESSABLE_ENTITY, None),
    }
}

pub async fn approve_change(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    decide(req, state, &id, true).await
}

pub async fn reject_change(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    decide(req, state, &id, false).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct VerifyForm {
    /// `yes` once the staff member has read the organisation's details and confirmed.
    confirm: String,
    /// Where to go back to (the review page the verification started from).
    next: String,
}

/// The confirmation step: the organisation's details, what the change does, and the button that
/// does it.
fn confirm_panel(ctx: &Ctx, o: &crate::domain::Organisation, members: usize, verified: bool, next: &str) -> Panel {
    let l = ctx.locale;
    let (title, lead, submit, path) = if verified {
        ("staff-verify-confirm-title", "staff-verify-confirm-lead", "staff-verify", "verify")
    } else {
        ("staff-unverify-confirm-title", "staff-unverify-confirm-lead", "staff-unverify", "unverify")
    };
    let mut p = Panel::new(ctx, title).lead(ctx.t(lead));
    let or_dash = |s: &str| if s.trim().is_empty() { "—".to_string() } else { s.to_string() };
    p.fields = vec![
        (ctx.t("org-name"), o.name.clone(), false),
        (ctx.t("org-kind"), o.kind.label(l).to_string(), false),
        (ctx.t("org-tax-code"), o.tax_code.clone().unwrap_or_else(|| "—".into()), false),
        (ctx.t("org-province"), o.province.label(l).to_string(), false),
        (ctx.t("org-address"), or_dash(&o.address), false),
        (ctx.t("org-website"), o.website.clone().unwrap_or_else(|| "—".into()), false),
        (ctx.t("org-contact-name"), or_dash(&o.contact.name), false),
        (ctx.t("org-contact-email"), or_dash(&o.contact.email), false),
        (ctx.t("org-contact-phone"), or_dash(&o.contact.phone), false),
        (ctx.t("staff-registered"), ctx.when(o.created_at), false),
        (ctx.t("staff-members"), members.to_string(), false),
    ];
    let mut form = Form::new(ctx, "confirm-verify", format!("/staff/organisations/{}/{path}", o.id), submit)
        .field(ctx, "confirm", "hidden", "", "yes")
        .field(ctx, "next", "hidden", "", next);
    if !verified {
        form = form.danger();
    }
    p.form(form)
        .link(format!("/organisations/{}", o.id), "staff-org-page")
        .link("/staff/organisations", "staff-orgs-title")
}

async fn set_verified(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: &str,
    verified: bool,
    f: VerifyForm,
) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    let ctx = Ctx::from_request(&req);
    let org: OrganisationId = id.parse().map_err(|_| AppError::NotFound)?;
    if f.confirm != "yes" {
        let (o, members) = state
            .db
            .run(move |c| {
                let Some(o) = db::organisations::get(c, org)? else { return Ok(None) };
                Ok(Some((o, db::users::for_organisation(c, org)?.len())))
            })
            .await?
            .ok_or(AppError::NotFound)?;
        return confirm_panel(&ctx, &o, members, verified, &f.next).ok();
    }
    match state.db.run(move |c| organisations::set_verified(c, me.user.id, org, verified)).await? {
        Ok(true) => {
            let done = if verified { "verified" } else { "unverified" };
            let next = if f.next.is_empty() {
                "/staff/organisations".to_string()
            } else {
                crate::web::forms::safe_next(Some(&f.next))
            };
            let sep = if next.contains('?') { '&' } else { '?' };
            Ok(see_other(&format!("{next}{sep}done={done}")))
        }
        Ok(false) => Err(AppError::NotFound),
        Err(errors) => orgs_panel(&ctx, &state, &errors, "").await?.respond(StatusCode::UNPROCESSABLE_ENTITY, None),
    }
}

pub async fn verify(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    form: web::Form<VerifyForm>,
) -> Result<HttpResponse, AppError> {
    set_verified(req, state, &id, true, form.into_inner()).await
}

pub async fn unverify(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    form: web::Form<VerifyForm>,
) -> Result<HttpResponse, AppError> {
    set_verified(req, state, &id, false, form.into_inner()).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct GrantForm {
    email: String,
    role: String,
}

fn grant_form(ctx: &Ctx, f: &GrantForm, errors: &[FieldError]) -> Form {
    let roles =
        [Role::Staff, Role::Admin].iter().map(|r| (r.code().to_string(), r.label(ctx.locale).to_string())).collect();
    Form::new(ctx, "grant", "/admin/staff", "admin-grant")
        .titled(ctx, "admin-grant")
        .field(ctx, "email", "email", "account-email", &f.email)
        .required()
        .hint(ctx, "admin-grant-hint")
        .field(ctx, "role", "select", "account-role", if f.role.is_empty() { "staff" } else { &f.role })
        .options(roles)
        .with_errors(ctx, errors)
}

async fn staff_panel(ctx: &Ctx, state: &AppState, errors: &[FieldError]) -> Result<Panel, AppError> {
    let staff = state.db.run(db::users::staff).await?;
    let mut p = Panel::new(ctx, "admin-staff-title");
    p.table = Some(Table {
        caption: ctx.t("admin-staff-list"),
        headers: vec![ctx.t("account-display-name"), ctx.t("account-email"), ctx.t("account-role")],
        rows: staff
            .iter()
            .map(|u| Row {
                cells: vec![
                    Cell::text(&u.display_name),
                    Cell::text(u.email.as_str()),
                    Cell::text(u.role.label(ctx.locale)),
                ],
                actions: vec![
                    Form::new(ctx, "remove", format!("/admin/staff/{}/remove", u.id), "admin-remove").danger(),
                ],
            })
            .collect(),
    });
    if let Some(t) = p.table.as_mut()
        && !errors.is_empty()
    {
        t.caption =
            format!("{} — {}", t.caption, errors.iter().map(|e| ctx.field_error(e)).collect::<Vec<_>>().join("; "));
    }
    Ok(p)
}

pub async fn staff(
    req: HttpRequest,
    state: web::Data<AppState>,
    q: web::Query<DoneQuery>,
) -> Result<HttpResponse, AppError> {
    let ctx = Ctx::from_request(&req);
    let mut p = staff_panel(&ctx, &state, &[]).await?.form(grant_form(&ctx, &GrantForm::default(), &[]));
    if let Some(n) = super::panel::done_notice(&ctx, &crate::catalogue::key_of("staff-done", &q.done)) {
        p = p.notice(n);
    }
    p.ok()
}

pub async fn grant(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<GrantForm>,
) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    let ctx = Ctx::from_request(&req);
    let f = form.into_inner();
    let (email, role) = (f.email.clone(), f.role.clone());
    match state.db.run(move |c| roles::grant_role(c, me.user.id, &email, &role)).await? {
        Ok(_) => Ok(see_other("/admin/staff?done=role_granted")),
        Err(errors) => staff_panel(&ctx, &state, &[])
            .await?
            .form(grant_form(&ctx, &f, &errors))
            .respond(StatusCode::UNPROCESSABLE_ENTITY, None),
    }
}

pub async fn remove(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    let ctx = Ctx::from_request(&req);
    let user: UserId = id.parse().map_err(|_| AppError::NotFound)?;
    match state.db.run(move |c| roles::revoke_role(c, me.user.id, user)).await? {
        Ok(()) => Ok(see_other("/admin/staff?done=role_removed")),
        Err(errors) => staff_panel(&ctx, &state, &errors)
            .await?
            .form(grant_form(&ctx, &GrantForm::default(), &[]))
            .respond(StatusCode::UNPROCESSABLE_ENTITY, None),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct UsersQuery {
    q: String,
    done: String,
    page: String,
}

/// Users shown on one page of the admins' list.
const USERS_SHOWN: i64 = 200;

/// The admins' list of every account, searched by email or name, with the role changes and
/// disabling.
pub async fn users(
    req: HttpRequest,
    state: web::Data<AppState>,
    q: web::Query<UsersQuery>,
) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    let ctx = Ctx::from_request(&req);
    let page = super::panel::page_param(&q.page)?;
    let mut p = users_panel(&ctx, &state, me.user.id, &q.q, page).await?;
    if let Some(n) = super::panel::done_notice(&ctx, &crate::catalogue::key_of("staff-done", &q.done)) {
        p = p.notice(n);
    }
    p.ok()
}

async fn users_panel(ctx: &Ctx, state: &AppState, me: UserId, q: &str, page: i64) -> Result<Panel, AppError> {
    let ctx = ctx.clone();
    let query: String = ketnoi_text::clean_lossy(q).trim().chars().take(100).collect();
    let needle = query.clone();
    let (users, names, disabled) = state
        .db
        .run(move |c| {
            let users = db::users::search(c, &needle, page * USERS_SHOWN, USERS_SHOWN + 1)?;
            let names =
                db::organisations::names(c, users.iter().filter_map(|u| u.organisation_id).collect::<Vec<_>>())?;
            let disabled = db::users::disabled_among(c, &users.iter().map(|u| u.id).collect::<Vec<_>>())?;
            Ok((users, names, disabled))
        })
        .await?;
    let mut p = Panel::new(&ctx, "admin-users-title").lead(ctx.t1("admin-users-lead", "count", USERS_SHOWN));
    p.filter = Some(Form::new(&ctx, "users-filter", "/admin/users", "audit-filter").get().field(
        &ctx,
        "q",
        "search",
        "admin-users-search",
        &query,
    ));
    let l = ctx.locale;
    p.table = Some(Table {
        caption: ctx.t("admin-users-title"),
        headers: [
            "account-display-name",
            "account-email",
            "account-role",
            "org-name",
            "admin-users-verified",
            "staff-registered",
        ]
        .iter()
        .map(|k| ctx.t(k))
        .collect(),
        rows: users
            .iter()
            .take(USERS_SHOWN as usize)
            .map(|u| {
                let off = disabled.contains(&u.id);
                let mut actions = match u.role {
                    _ if off => vec![],
                    Role::Member => vec![
                        Form::new(&ctx, "grant", "/admin/staff", "admin-make-staff")
                            .field(&ctx, "email", "hidden", "", u.email.as_str())
                            .field(&ctx, "role", "hidden", "", Role::Staff.code()),
                    ],
                    _ => vec![
                        Form::new(&ctx, "remove", format!("/admin/staff/{}/remove", u.id), "admin-remove").danger(),
                    ],
                };
                if off {
                    actions.push(Form::new(&ctx, "enable", format!("/admin/users/{}/enable", u.id), "admin-enable"));
                } else if u.id != me {
                    actions.push(
                        Form::new(&ctx, "disable", format!("/admin/users/{}/disable", u.id), "admin-disable").danger(),
                    );
                }
                Row {
                    cells: vec![
                        Cell::text(&u.display_name).badge(off.then(|| ctx.t("admin-users-disabled"))),
                        Cell::text(u.email.as_str()),
                        Cell::text(u.role.label(l)),
                        match u.organisation_id {
                            Some(o) => {
                                Cell::link(names.get(&o).cloned().unwrap_or_default(), format!("/organisations/{o}"))
                            }
                            None => Cell::text("—"),
                        },
                        Cell::text(
                            u.email_verified_at.map_or_else(|| ctx.t("admin-users-unverified"), |t| ctx.when(t)),
                        ),
                        Cell::text(ctx.when(u.created_at)),
                    ],
                    actions,
                }
            })
            .collect(),
    });
    if users.len() as i64 > USERS_SHOWN {
        p = p.link(
            format!("/admin/users?q={}&page={}", super::console::urlencode(&query), page + 1),
            "admin-users-more",
        );
    }
    Ok(p.link("/admin/staff", "admin-staff-title").link("/staff", "console-title"))
}

/// Admins disable an account (`disable`) or make it usable again.
async fn set_disabled(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    disable: bool,
) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    let ctx = Ctx::from_request(&req);
    let user: UserId = id.parse().map_err(|_| AppError::NotFound)?;
    let now = state.clock.now();
    match state.db.run(move |c| roles::set_disabled(c, me.user.id, user, disable, now)).await? {
        Ok(Some(())) => Ok(see_other(if disable { "/admin/users?done=disabled" } else { "/admin/users?done=enabled" })),
        Ok(None) => Err(AppError::NotFound),
        Err(errors) => {
            let message = errors.iter().map(|e| ctx.t(e.key)).collect::<Vec<_>>().join(" ");
            users_panel(&ctx, &state, me.user.id, "", 0)
                .await?
                .notice(message)
                .respond(StatusCode::UNPROCESSABLE_ENTITY, None)
        }
    }
}

pub async fn disable_user(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    set_disabled(req, state, id, true).await
}

pub async fn enable_user(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    set_disabled(req, state, id, false).await
}
