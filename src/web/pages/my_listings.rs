//! An organisation's own listings: the dashboard by status, the forms to create and edit offers
//! and needs (without JavaScript; what was typed is kept when a form comes back), the quality
//! check before submission, submit, archive, renew, the review history, and the one-click
//! renewal link of the expiry reminder.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};

use super::panel::{Cell, DoneQuery, FileView, Panel, Row, Table, see_other};
use crate::catalogue::{self, human, key_of};
use crate::db;
use crate::domain::{ContactVisibility, IpStatus, ListingKind, ListingStatus, Money, Province, Sector, TransferMode};
use crate::error::AppError;
use crate::services::listings::input::{RawListing, fields_of, parse_date, plural, raw_value};
use crate::services::listings::{self, Edited, Listing, Refused};
use crate::state::AppState;
use crate::validate::FieldError;
use crate::web::auth;
use crate::web::forms::{Form, choices};
use crate::web::i18n::Ctx;

/// A field's value as a reader sees it: labels instead of codes, money and dates formatted (a
/// value that does not parse is shown as typed).
pub fn shown_value(ctx: &Ctx, raw: &RawListing, name: &str) -> String {
    let l = ctx.locale;
    let v = raw_value(raw, name);
    let label = |s: &str| -> String {
        match name {
            "sector" => s.parse::<Sector>().ok().map(|x| x.label(l)),
            "province" => s.parse::<Province>().ok().map(|x| x.label(l)),
            "ip_status" => s.parse::<IpStatus>().ok().map(|x| x.label(l)),
            "contact_visibility" => s.parse::<ContactVisibility>().ok().map(|x| x.label(l)),
            "transfer_modes" => s.parse::<TransferMode>().ok().map(|x| x.label(l)),
            "price_min" | "price_max" | "budget_min" | "budget_max" => Money::parse(s).ok().map(|m| human::money(l, m)),
            "deadline" => parse_date(s).map(|d| human::date(l, d)),
            _ => None,
        }
        .unwrap_or_else(|| s.to_string())
    };
    if name == "transfer_modes" {
        v.split(',').filter(|s| !s.is_empty()).map(label).collect::<Vec<_>>().join("; ")
    } else {
        label(&v)
    }
}

fn trl_options(ctx: &Ctx) -> Vec<(String, String)> {
    std::iter::once((String::new(), ctx.t("listing-not-set")))
        .chain((1..=9).map(|n| (n.to_string(), ctx.t1("listing-trl-level", "n", n))))
        .collect()
}

/// The create or edit form of a listing.
pub fn listing_form(
    ctx: &Ctx,
    kind: ListingKind,
    action: String,
    raw: &RawListing,
    version: Option<i32>,
    errors: &[FieldError],
) -> Form {
    let l = ctx.locale;
    let mut f = Form::new(ctx, "listing", action, "form-save-draft");
    for name in fields_of(kind) {
        let label = key_of("field", name);
        let value = raw_value(raw, name);
        f = match *name {
            "sector" => f.field(ctx, "sector", "select", &label, &value).required().options(choices(
                ctx,
                Sector::ALL,
                |x| x.code(),
                |x| x.label(l),
            )),
            "province" => f.field(ctx, "province", "select", &label, &value).required().options(choices(
                ctx,
                Province::ALL,
                |x| x.code(),
                |x| x.label(l),
            )),
            "ip_status" => f
                .field(ctx, "ip_status", "select", &label, &value)
                .options(IpStatus::ALL.iter().map(|x| (x.code().to_string(), x.label(l).to_string())).collect()),
            "contact_visibility" => f
                .field(ctx, "contact_visibility", "select", &label, &value)
                .options(
                    ContactVisibility::ALL.iter().map(|x| (x.code().to_string(), x.label(l).to_string())).collect(),
                )
                .hint(ctx, "field-contact-visibility-hint"),
            "transfer_modes" => f
                .field(ctx, "transfer_modes", "checkboxes", &label, &value)
                .options(TransferMode::ALL.iter().map(|x| (x.code().to_string(), x.label(l).to_string())).collect()),
            "trl" | "min_trl" => {
                f.field(ctx, name, "select", &label, &value).options(trl_options(ctx)).hint(ctx, "field-trl-hint")
            }
            "deadline" => f.field(ctx, name, "date", &label, &value),
            "summary" => f.field(ctx, name, "textarea", &label, &value).hint(ctx, "field-summary-hint"),
            "title_en" => f.field(ctx, name, "text", &label, &value).hint(ctx, "field-title-en-hint"),
            "summary_en" => f.field(ctx, name, "textarea", &label, &value).hint(ctx, "field-summary-en-hint"),
            "keywords" => f.field(ctx, name, "text", &label, &value).hint(ctx, "field-keywords-hint"),
            "price_max" | "budget_max" => f.field(ctx, name, "text", &label, &value).hint(ctx, "field-money-hint"),
            "title" => f.field(ctx, name, "text", &label, &value).required(),
            "description" | "advantages" | "applications" | "problem" | "tried" | "desired_outcome" => {
                f.field(ctx, name, "textarea", &label, &value)
            }
            _ => f.field(ctx, name, "text", &label, &value),
        };
    }
    if let Some(v) = version {
        f = f.field(ctx, "version", "hidden", "", &v.to_string());
    }
    f.with_errors(ctx, errors)
}

fn pairs(body: &web::Bytes) -> Vec<(String, String)> {
    url::form_urlencoded::parse(body).into_owned().collect()
}

fn version_in(pairs: &[(String, String)]) -> i32 {
    pairs.iter().find(|(k, _)| k == "version").and_then(|(_, v)| v.trim().parse().ok()).unwrap_or(-1)
}

/// The state of a listing as its owner reads it (published but past expiry: expired).
pub fn status_text(ctx: &Ctx, status: ListingStatus, expires_at: Option<chrono::NaiveDateTime>) -> String {
    if status == ListingStatus::Published && expires_at.is_some_and(|e| e <= db::now()) {
        ctx.t("listing-expired")
    } else {
        status.label(ctx.locale).to_string()
    }
}

// ---------------------------------------------------------------- dashboard

pub async fn dashboard(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    let ctx = Ctx::from_request(&req);
    let org = me.actor.organisation.ok_or(AppError::NotFound)?;
    let (items, suggested) = state
        .db
        .run(move |c| {
            let items = db::listings::by_organisation(c, org)?;
            let ids: Vec<String> = items.iter().map(|s| s.id.clone()).collect();
            Ok((items, db::recommendations::counts(c, &ids)?))
        })
        .await?;
    let mut p = Panel::new(&ctx, "my-title").lead(ctx.t("my-lead"));
    p.table = Some(Table {
        caption: ctx.t("my-list"),
        headers: ["field-title", "my-kind", "my-status", "my-quality", "my-suggestions", "my-updated"]
            .iter()
            .map(|k| ctx.t(k).to_string())
            .collect(),
        rows: items
            .iter()
            .map(|s| Row {
                cells: vec![
                    Cell::link(&s.title, format!("/my/{}/{}", plural(s.kind), s.id)),
                    Cell::text(s.kind.label(ctx.locale)),
                    Cell::text(status_text(&ctx, s.status, s.expires_at)),
                    Cell::text(s.quality_score.map(|q| format!("{q}/100")).unwrap_or_else(|| "—".into())),
                    match suggested.get(&s.id).copied().filter(|n| *n > 0 && s.status == ListingStatus::Published) {
                        Some(n) => Cell::link(
                            ctx.t1("my-suggestions-count", "count", n),
                            format!("/{}/{}#suggestions", plural(s.kind), s.id),
                        ),
                        None => Cell::text("—"),
                    },
                    Cell::text(ctx.when(s.updated_at)),
                ],
                actions: vec![],
            })
            .collect(),
    });
    p.link("/offers/new", "my-new-offer").link("/needs/new", "my-new-need").ok()
}

// ---------------------------------------------------------------- create

pub async fn new_offer(req: HttpRequest) -> Result<HttpResponse, AppError> {
    new_form(req, ListingKind::Offer)
}

pub async fn new_need(req: HttpRequest) -> Result<HttpResponse, AppError> {
    new_form(req, ListingKind::Need)
}

fn new_title(kind: ListingKind) -> &'static str {
    match kind {
        ListingKind::Offer => "my-new-offer",
        ListingKind::Need => "my-new-need",
    }
}

fn new_form(req: HttpRequest, kind: ListingKind) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    let ctx = Ctx::from_request(&req);
    let raw = RawListing { contact_visibility: Some("members".into()), ..RawListing::default() };
    let mut p = Panel::new(&ctx, new_title(kind)).lead(ctx.t("my-draft-lead"));
    if !me.actor.organisation_verified {
        p = p.notice(ctx.t("listing-org-unverified"));
    }
    p.form(listing_form(&ctx, kind, format!("/{}/new", plural(kind)), &raw, None, &[])).ok()
}

pub async fn create_offer(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    create(req, state, body, ListingKind::Offer).await
}

pub async fn create_need(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    create(req, state, body, ListingKind::Need).await
}

async fn create(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Bytes,
    kind: ListingKind,
) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    let ctx = Ctx::from_request(&req);
    let raw = RawListing::from_pairs(kind, &pairs(&body));
    let (user, r) = (me.user.clone(), raw.clone());
    match state.db.run(move |c| listings::create(c, &user, kind, &r)).await? {
        Ok(l) => Ok(see_other(&format!("/my/{}/{}?done=saved", plural(kind), l.id()))),
        Err(Refused::Invalid(errors)) => Panel::new(&ctx, new_title(kind))
            .form(listing_form(&ctx, kind, format!("/{}/new", plural(kind)), &raw, None, &errors))
            .respond(StatusCode::UNPROCESSABLE_ENTITY, None),
        Err(other) => refused(&ctx, other),
    }
}

/// A refusal that is not about fields: a message page with the right status.
fn refused(ctx: &Ctx, r: Refused) -> Result<HttpResponse, AppError> {
    match r {
        Refused::NotFound => Err(AppError::NotFound),
        Refused::State(key) => Panel::new(ctx, "listing-refused")
            .lead(ctx.t(key))
            .link("/my/listings", "my-title")
            .respond(StatusCode::CONFLICT, None),
        Refused::Invalid(errors) => Panel::new(ctx, "listing-refused")
            .lead(
                errors
                    .iter()
                    .map(|e| {
                        ctx.t2(
                            "form-field-error",
                            "field",
                            ctx.t(&key_of("field", e.field)),
                            "error",
                            ctx.field_error(e),
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(" "),
            )
            .respond(StatusCode::UNPROCESSABLE_ENTITY, None),
        Refused::Conflict(_) => Panel::new(ctx, "listing-conflict-title")
            .lead(ctx.t("listing-conflict"))
            .respond(StatusCode::CONFLICT, None),
    }
}

// ---------------------------------------------------------------- the owner's view of one listing

/// Everything the owner's page of a listing shows.
struct Owned {
    l: Listing,
    w: db::listings::Workflow,
    history: Vec<db::audit::AuditEntry>,
    pending: bool,
    files: Vec<db::attachments::AttachmentRow>,
}

async fn load(state: &AppState, kind: ListingKind, id: String) -> Result<Owned, AppError> {
    state
        .db
        .run(move |c| {
            let Some(l) = listings::load(c, kind, &id)? else { return Ok(None) };
            Ok(Some(Owned {
                w: db::listings::workflow(c, kind, &id)?.unwrap_or_default(),
                history: db::audit::for_entity(c, kind.code(), &id)?,
                pending: db::listings::pending_revision(c, kind, &id)?.is_some(),
                files: db::attachments::of_listing(c, kind, &id)?,
                l,
            }))
        })
        .await?
        .ok_or(AppError::NotFound)
}

/// An attachment as a page links it.
pub fn file_view(a: &db::attachments::AttachmentRow) -> FileView {
    FileView {
        url: format!("/files/{}", a.id),
        thumb: a.is_image().then(|| format!("/files/{}/thumb", a.id)),
        name: a.filename.clone(),
        remove: None,
    }
}

fn upload_form(ctx: &Ctx, l: &Listing, errors: &[FieldError]) -> Form {
    Form::new(ctx, "upload", format!("/{}/{}/attachments", plural(l.kind()), l.id()), "files-upload")
        .titled(ctx, "files-title")
        .multipart()
        .field(ctx, "file", "file", "files-file", "")
        .hint(ctx, "files-hint")
        .with_errors(ctx, errors)
}

/// The quality report as the panel shows it.
pub fn quality_box(ctx: &Ctx, report: &crate::domain::quality::Report) -> (String, Vec<String>) {
    (ctx.t1("quality-score", "score", report.score), report.warnings.iter().map(|w| ctx.t(w.key).to_string()).collect())
}

/// The owner's page of one listing, with `form` as the edit form (a fresh one, or the one that
/// came back with errors or a conflict).
fn owner_panel(ctx: &Ctx, o: &Owned, l: &Listing, form: Form, upload_errors: &[FieldError]) -> Panel {
    let (w, history, pending) = (&o.w, &o.history, o.pending);
    let kind = l.kind();
    let base = format!("/{}/{}", plural(kind), l.id());
    let mut p = Panel::new(ctx, "my-listing-title").lead(l.title().to_string()).lead(format!(
        "{}: {}",
        ctx.t("my-status"),
        status_text(ctx, l.status(), l.expires_at())
    ));
    if let Some(e) = l.expires_at() {
        p = p.lead(ctx.t1("listing-expires-on", "date", ctx.when(e)));
    }
    if !w.review_note.is_empty() && matches!(l.status(), ListingStatus::Returned | ListingStatus::Rejected) {
        p = p.lead(ctx.t1("my-review-note", "note", &w.review_note));
    }
    if pending {
        p = p.notice(ctx.t("my-pending-revision"));
    }
    p.quality = Some(quality_box(ctx, &l.quality()));
    p.table = Some(Table {
        caption: ctx.t("my-history"),
        headers: vec![ctx.t("my-when"), ctx.t("my-what")],
        rows: history
            .iter()
            .rev()
            .map(|a| {
                let action = a.action.split_once('.').map(|(_, x)| x).unwrap_or(&a.action);
                let reason = serde_json::from_str::<serde_json::Value>(&a.detail)
                    .ok()
                    .and_then(|d| d["reason"].as_str().map(str::to_string))
                    .filter(|r| !r.is_empty());
                let key = key_of("history", action);
                let text = if catalogue::has(ctx.locale, &key) { ctx.t(&key) } else { action.to_string() };
                Row {
                    cells: vec![
                        Cell::text(ctx.when(a.at)),
                        Cell::text(match reason {
                            Some(r) => ctx.t2("history-with-reason", "action", text, "reason", r),
                            None => text,
                        }),
                    ],
                    actions: vec![],
                }
            })
            .collect(),
    });
    p = p.form(form);
    p.files = o
        .files
        .iter()
        .map(|a| FileView {
            remove: Some(
                Form::new(ctx, "remove-file", format!("{base}/attachments/{}/delete", a.id), "files-remove").danger(),
            ),
            ..file_view(a)
        })
        .collect();
    if l.status() != ListingStatus::Archived {
        p = p.form(upload_form(ctx, l, upload_errors));
    }
    let version = l.version().to_string();
    if matches!(l.status(), ListingStatus::Draft | ListingStatus::Returned) {
        p = p.form(
            Form::new(ctx, "submit", format!("{base}/submit"), "my-submit")
                .titled(ctx, "my-submit")
                .field(ctx, "version", "hidden", "", &version),
        );
    }
    if l.status() == ListingStatus::Published {
        p = p.form(Form::new(ctx, "renew", format!("{base}/renew"), "my-renew").titled(ctx, "my-renew"));
    }
    if l.status() != ListingStatus::Archived {
        p = p.form(
            Form::new(ctx, "archive", format!("{base}/archive"), "my-archive").titled(ctx, "my-archive").danger(),
        );
    }
    p.link("/my/listings", "my-title")
}

fn edit_form(ctx: &Ctx, l: &Listing, raw: &RawListing, errors: &[FieldError]) -> Form {
    let kind = l.kind();
    let mut f = listing_form(ctx, kind, format!("/{}/{}/edit", plural(kind), l.id()), raw, Some(l.version()), errors);
    if l.status() == ListingStatus::Published {
        f.submit = ctx.t("my-propose-change");
    }
    f.titled(ctx, "my-edit")
}

pub async fn my_offer(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    q: web::Query<DoneQuery>,
) -> Result<HttpResponse, AppError> {
    owner_view(req, state, ListingKind::Offer, id.into_inner(), &q.done).await
}

pub async fn my_need(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    q: web::Query<DoneQuery>,
) -> Result<HttpResponse, AppError> {
    owner_view(req, state, ListingKind::Need, id.into_inner(), &q.done).await
}

async fn owner_view(
    req: HttpRequest,
    state: web::Data<AppState>,
    kind: ListingKind,
    id: String,
    done: &str,
) -> Result<HttpResponse, AppError> {
    let ctx = Ctx::from_request(&req);
    let o = load(&state, kind, id).await?;
    let form = edit_form(&ctx, &o.l, &o.l.raw(), &[]);
    let mut p = owner_panel(&ctx, &o, &o.l, form, &[]);
    if !done.is_empty() {
        let key = key_of("my-done", done);
        if catalogue::has(ctx.locale, &key) {
            p = p.notice(ctx.t(&key));
        }
    }
    p.ok()
}

// ---------------------------------------------------------------- edit, submit, archive, renew

fn kind_of(req: &HttpRequest) -> ListingKind {
    crate::services::listings::input::kind_in_path(req.path())
}

pub async fn save(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    let ctx = Ctx::from_request(&req);
    let (kind, id) = (kind_of(&req), id.into_inner());
    let pairs = pairs(&body);
    let version = version_in(&pairs);
    let raw = RawListing::from_pairs(kind, &pairs);
    let (user, r, i) = (me.user.clone(), raw.clone(), id.clone());
    match state.db.run(move |c| listings::edit(c, &user, kind, &i, &r, version)).await? {
        Ok(Edited::Saved(_)) => Ok(see_other(&format!("/my/{}/{id}?done=saved", plural(kind)))),
        Ok(Edited::PendingRevision(_)) => Ok(see_other(&format!("/my/{}/{id}?done=revision", plural(kind)))),
        Err(Refused::Invalid(errors)) => {
            let o = load(&state, kind, id).await?;
            let mut form = edit_form(&ctx, &o.l, &raw, &errors);
            if let Some(v) = form.fields.iter_mut().find(|f| f.name == "version") {
                v.value = version.to_string();
            }
            owner_panel(&ctx, &o, &o.l, form, &[]).respond(StatusCode::UNPROCESSABLE_ENTITY, None)
        }
        Err(Refused::Conflict(current)) => {
            // Nothing is lost on either side: the saved version is shown field by field where it
            // differs from what was typed, and the form keeps what was typed, now based on the
            // current version (saving again overwrites on purpose).
            let o = load(&state, kind, id).await?;
            let theirs = current.raw();
            let mut p = owner_panel(
                &ctx,
                &o,
                &current,
                edit_form(&ctx, &current, &raw, &[]).error(ctx.t("listing-conflict")),
                &[],
            );
            p.fields = fields_of(kind)
                .iter()
                .filter(|n| raw_value(&theirs, n) != raw_value(&raw, n))
                .map(|n| (ctx.t(&key_of("field", n)), shown_value(&ctx, &theirs, n), true))
                .collect();
            p.title = ctx.t("listing-conflict-title");
            p.respond(StatusCode::CONFLICT, None)
        }
        Err(other) => refused(&ctx, other),
    }
}

pub async fn submit(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    let ctx = Ctx::from_request(&req);
    let (kind, id) = (kind_of(&req), id.into_inner());
    let version = version_in(&pairs(&body));
    let (user, i) = (me.user.clone(), id.clone());
    match state.db.run(move |c| listings::submit(c, &user, kind, &i, version)).await? {
        Ok(_) => Ok(see_other(&format!("/my/{}/{id}?done=submitted", plural(kind)))),
        Err(Refused::Invalid(errors)) => {
            let o = load(&state, kind, id).await?;
            let form = edit_form(&ctx, &o.l, &o.l.raw(), &errors).error(ctx.t("listing-incomplete"));
            owner_panel(&ctx, &o, &o.l, form, &[]).respond(StatusCode::UNPROCESSABLE_ENTITY, None)
        }
        Err(other) => refused(&ctx, other),
    }
}

pub async fn archive(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    let ctx = Ctx::from_request(&req);
    let (kind, id) = (kind_of(&req), id.into_inner());
    let (user, i) = (me.user.clone(), id.clone());
    match state.db.run(move |c| listings::archive(c, &user, kind, &i)).await? {
        Ok(()) => Ok(see_other(&format!("/my/{}/{id}?done=archived", plural(kind)))),
        Err(other) => refused(&ctx, other),
    }
}

pub async fn renew(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let now = state.clock.now();
    let me = auth::require(&req)?;
    let ctx = Ctx::from_request(&req);
    let (kind, id) = (kind_of(&req), id.into_inner());
    let (st, user, i) = (state.clone(), me.user.id, id.clone());
    match state.db.run(move |c| listings::renew(c, st.env(), Some(user), kind, &i, now)).await? {
        Ok(_) => Ok(see_other(&format!("/my/{}/{id}?done=renewed", plural(kind)))),
        Err(other) => refused(&ctx, other),
    }
}

/// The renewal link of the reminder email: asks for a press on "renew" (see
/// [`super::panel::confirm_link`]).
pub async fn renew_link_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    q: web::Query<super::account::TokenQuery>,
) -> Result<HttpResponse, AppError> {
    let ctx = Ctx::from_request(&req);
    let (st, token) = (state.clone(), q.into_inner().token);
    let t = token.clone();
    match state.db.run(move |c| listings::renewal_target(c, st.env(), &t)).await? {
        Ok(l) => {
            let lead = ctx.t1("renew-confirm-lead", "title", l.title());
            super::panel::confirm_link(&req, "renew-confirm-title", lead, ("/renew", "renew-confirm"), &token)
        }
        Err(e) => renew_failed(&ctx, e),
    }
}

fn renew_failed(ctx: &Ctx, e: crate::domain::signed::LinkError) -> Result<HttpResponse, AppError> {
    Panel::new(ctx, "renew-failed-title")
        .lead(super::account::link_error_text(ctx, e))
        .link("/my/listings", "my-title")
        .respond(StatusCode::BAD_REQUEST, None)
}

/// Renews from the reminder's link once its page was confirmed.
pub async fn renew_link(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<super::account::TokenQuery>,
) -> Result<HttpResponse, AppError> {
    let now = state.clock.now();
    let ctx = Ctx::from_request(&req);
    let (st, token) = (state.clone(), form.into_inner().token);
    match state.db.run(move |c| listings::renew_by_link(c, st.env(), &token, now)).await? {
        Ok((l, until)) => Panel::new(&ctx, "renew-done-title")
            .lead(ctx.t2("renew-until", "title", l.title(), "date", ctx.when(until)))
            .ok(),
        Err(e) => renew_failed(&ctx, e),
    }
}

// ---------------------------------------------------------------- attachments

/// Reads the `file` field of an upload, stopping past the largest size accepted.
pub(crate) async fn read_upload(
    mut payload: actix_multipart::Multipart,
) -> Result<Option<(String, Vec<u8>)>, AppError> {
    use futures_util::StreamExt;
    let limit = listings::attachments::PDF_MAX.max(listings::attachments::IMAGE_MAX) + 1;
    while let Some(field) = payload.next().await {
        let mut field = field.map_err(|e| AppError::bad_param("file", e.to_string()))?;
        if field.name() != Some("file") {
            continue;
        }
        let name = field.content_disposition().and_then(|cd| cd.get_filename()).unwrap_or("").to_string();
        let mut data = Vec::new();
        while let Some(chunk) = field.next().await {
            let chunk = chunk.map_err(|e| AppError::bad_param("file", e.to_string()))?;
            data.extend_from_slice(&chunk);
            if data.len() > limit {
                break;
            }
        }
        return Ok((!data.is_empty()).then_some((name, data)));
    }
    Ok(None)
}

/// Checks and decodes an upload on a blocking thread, a few at a time, never holding a database
/// connection.
pub(crate) async fn prepare_upload(
    name: String,
    bytes: Vec<u8>,
) -> Result<Result<listings::attachments::Prepared, Refused>, AppError> {
    let _permit = listings::attachments::DECODES.acquire().await.map_err(|e| AppError::Internal(e.into()))?;
    web::block(move || listings::attachments::prepare(&name, bytes)).await.map_err(|e| AppError::Internal(e.into()))
}

/// Checks that the listing has room, then decodes the upload on a blocking thread (a few at a
/// time, never holding a database connection), then stores it.
async fn store_upload(
    state: &AppState,
    user: crate::domain::UserId,
    kind: ListingKind,
    id: &str,
    name: String,
    bytes: Vec<u8>,
) -> Result<Result<db::attachments::AttachmentRow, Refused>, AppError> {
    let i = id.to_string();
    if let Err(r) = state.db.run(move |c| listings::attachments::room(c, kind, &i)).await? {
        return Ok(Err(r));
    }
    let upload = match prepare_upload(name, bytes).await? {
        Ok(p) => p,
        Err(r) => return Ok(Err(r)),
    };
    let (files, i) = (state.settings.files_dir(), id.to_string());
    Ok(state.db.run(move |c| listings::attachments::add(c, &files, user, kind, &i, upload)).await?)
}

pub async fn upload(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    payload: actix_multipart::Multipart,
) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    let ctx = Ctx::from_request(&req);
    let (kind, id) = (kind_of(&req), id.into_inner());
    let errors = match read_upload(payload).await? {
        None => vec![FieldError { field: "file", key: "err-file-missing", n: None }],
        Some((name, bytes)) => match store_upload(&state, me.user.id, kind, &id, name, bytes).await? {
            Ok(_) => return Ok(see_other(&format!("/my/{}/{id}?done=file", plural(kind)))),
            Err(Refused::Invalid(e)) => e,
            Err(other) => return refused(&ctx, other),
        },
    };
    let o = load(&state, kind, id).await?;
    let form = edit_form(&ctx, &o.l, &o.l.raw(), &[]);
    owner_panel(&ctx, &o, &o.l, form, &errors).respond(StatusCode::UNPROCESSABLE_ENTITY, None)
}

pub async fn remove_file(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    let ctx = Ctx::from_request(&req);
    let kind = kind_of(&req);
    let (id, att) = path.into_inner();
    let (files, i) = (state.settings.files_dir(), id.clone());
    match state.db.run(move |c| listings::attachments::remove(c, &files, me.user.id, kind, &i, &att)).await? {
        Ok(()) => Ok(see_other(&format!("/my/{}/{id}?done=file_removed", plural(kind)))),
        Err(other) => refused(&ctx, other),
    }
}
