//! The centre's review of listings: the queue (longest waiting first, with the quality score),
//! one listing or one proposed change read field by field, and the decision (approve, return with
//! a reason, reject); and the staff export of every listing as CSV or JSON.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

use super::my_listings::{quality_box, shown_value, status_text};
use super::panel::{Cell, DoneQuery, Panel, Row, Table, see_other};
use crate::catalogue::key_of;
use crate::db;
use crate::domain::ListingKind;
use crate::error::AppError;
use crate::services::listings::input::{RawListing, fields_of, plural, raw_value};
use crate::services::listings::{self, Decision, Listing, Refused};
use crate::state::AppState;
use crate::validate::FieldError;
use crate::web::auth;
use crate::web::forms::Form;
use crate::web::i18n::Ctx;

fn waited(ctx: &Ctx, since: chrono::NaiveDateTime) -> String {
    let days = (db::now() - since).num_days();
    ctx.t2("review-waited", "date", ctx.when(since), "days", days)
}

pub async fn queue(
    req: HttpRequest,
    state: web::Data<AppState>,
    q: web::Query<DoneQuery>,
) -> Result<HttpResponse, AppError> {
    let ctx = Ctx::from_request(&req);
    let (submitted, revisions, names) = state
        .db
        .run(|c| {
            let mut s = db::listings::submitted(c)?;
            // Listings submitted before scores were stored (or imported) get theirs computed, so
            // the column says what the review page will.
            for x in s.iter_mut().filter(|x| x.quality_score.is_none()) {
                x.quality_score = listings::load(c, x.kind, &x.id)?.map(|l| i32::from(l.quality().score));
            }
            let r = db::listings::pending_revisions(c)?;
            let orgs =
                s.iter().map(|x| x.organisation_id).chain(r.iter().filter_map(|x| x.organisation_id.parse().ok()));
            let names = db::organisations::names(c, orgs.collect::<Vec<_>>())?;
            Ok((s, r, names))
        })
        .await?;
    let name = |o: &crate::domain::OrganisationId| names.get(o).cloned().unwrap_or_default();
    let mut rows: Vec<(chrono::NaiveDateTime, Row)> = submitted
        .iter()
        .map(|s| {
            let since = s.submitted_at.unwrap_or(s.updated_at);
            (
                since,
                Row {
                    cells: vec![
                        Cell::link(&s.title, format!("/staff/review/{}/{}", s.kind.code(), s.id)),
                        Cell::text(s.kind.label(ctx.locale)),
                        Cell::text(name(&s.organisation_id)),
                        Cell::text(waited(&ctx, since)),
                        Cell::text(s.quality_score.map(|q| format!("{q}/100")).unwrap_or_default()),
                    ],
                    actions: vec![],
                },
            )
        })
        .collect();
    for r in &revisions {
        let kind: ListingKind = r.listing_kind.parse().unwrap_or(ListingKind::Offer);
        let title = serde_json::from_str::<RawListing>(&r.data).ok().and_then(|x| x.title).unwrap_or_default();
        rows.push((
            r.created_at,
            Row {
                cells: vec![
                    Cell::link(title, format!("/staff/revisions/{}", r.id)).badge(Some(ctx.t("review-change"))),
                    Cell::text(kind.label(ctx.locale)),
                    Cell::text(r.organisation_id.parse().map(|o| name(&o)).unwrap_or_default()),
                    Cell::text(waited(&ctx, r.created_at)),
                    Cell::text(format!("{}/100", r.quality_score)),
                ],
                actions: vec![],
            },
        ));
    }
    rows.sort_by_key(|(since, _)| *since);
    let mut p = Panel::new(&ctx, "review-title").lead(ctx.t("review-lead"));
    if let Some(n) = super::panel::done_notice(&ctx, &key_of("staff-done", &q.done)) {
        p = p.notice(n);
    }
    p.table = Some(Table {
        caption: ctx.t("review-queue"),
        headers: ["field-title", "my-kind", "org-name", "review-waiting", "my-quality"]
            .iter()
            .map(|k| ctx.t(k).to_string())
            .collect(),
        rows: rows.into_iter().map(|(_, r)| r).collect(),
    });
    p.link("/staff/export?format=csv", "review-export-csv").link("/staff/export?format=json", "review-export-json").ok()
}

/// The decision form; "approve" is preselected only when the organisation may publish.
fn decision_form(ctx: &Ctx, action: String, reason: &str, errors: &[FieldError], may_publish: bool) -> Form {
    let options = [("approve", "review-approve"), ("return", "review-return"), ("reject", "review-reject")]
        .iter()
        .map(|(v, k)| (v.to_string(), ctx.t(k).to_string()))
        .collect();
    Form::new(ctx, "decide", action, "review-decide")
        .titled(ctx, "review-decide")
        .field(ctx, "decision", "select", "review-decision", if may_publish { "approve" } else { "return" })
        .options(options)
        .field(ctx, "reason", "textarea", "review-reason", reason)
        .hint(ctx, "review-reason-hint")
        .with_errors(ctx, errors)
}

fn or_empty(ctx: &Ctx, v: String) -> String {
    if v.trim().is_empty() { ctx.t("review-empty-value") } else { v }
}

fn shown_fields(
    ctx: &Ctx,
    kind: ListingKind,
    raw: &RawListing,
    before: Option<&RawListing>,
) -> Vec<(String, String, bool)> {
    fields_of(kind)
        .iter()
        .filter(|n| before.is_none_or(|b| raw_value(b, n) != raw_value(raw, n)))
        .map(|n| {
            let now = shown_value(ctx, raw, n);
            let value = match before {
                // A change shows what it was and what it becomes.
                Some(b) => ctx.t2(
                    "review-was-becomes",
                    "was",
                    or_empty(ctx, shown_value(ctx, b, n)),
                    "becomes",
                    or_empty(ctx, now),
                ),
                None => now,
            };
            (ctx.t(&key_of("field", n)), value, before.is_some())
        })
        .collect()
}

#[derive(Deserialize)]
pub struct KindId {
    kind: String,
    id: String,
}

/// The organisation a listing belongs to, as the reviewer needs it.
pub struct Owner {
    id: crate::domain::OrganisationId,
    name: String,
    verified: bool,
}

fn owner_of(c: &mut db::AnyConnection, l: &Listing) -> anyhow::Result<Owner> {
    let o = db::organisations::get(c, l.organisation())?;
    Ok(Owner {
        id: l.organisation(),
        name: o.as_ref().map(|o| o.name.clone()).unwrap_or_default(),
        verified: o.is_some_and(|o| o.verified_at.is_some()),
    })
}

/// A listing with its organisation (only verified ones publish).
async fn load(state: &AppState, kind: &str, id: String) -> Result<(Listing, Owner), AppError> {
    let kind: ListingKind = kind.parse().map_err(|_| AppError::NotFound)?;
    state
        .db
        .run(move |c| {
            let Some(l) = listings::load(c, kind, &id)? else { return Ok(None) };
            let owner = owner_of(c, &l)?;
            Ok(Some((l, owner)))
        })
        .await?
        .ok_or(AppError::NotFound)
}

/// Says whose listing it is and whether the organisation is verified; an unverified one gets
/// the way to verify it first (its confirmation step, then back to `back`).
fn owner_box(ctx: &Ctx, mut p: Panel, owner: &Owner, back: &str) -> Panel {
    let state = ctx.t(if owner.verified { "review-owner-verified" } else { "review-owner-unverified" });
    p = p.lead(format!("{} ({state})", ctx.t1("review-owner", "name", owner.name.as_str())));
    p = p.link(format!("/organisations/{}", owner.id), "staff-org-page");
    if owner.verified {
        return p;
    }
    p.notice(ctx.t("review-org-unverified")).form(
        Form::new(ctx, "owner", format!("/staff/organisations/{}/verify", owner.id), "review-verify-first")
            .field(ctx, "next", "hidden", "", back),
    )
}

fn listing_panel(ctx: &Ctx, (l, owner): &(Listing, Owner), reason: &str, errors: &[FieldError]) -> Panel {
    let mut p = Panel::new(ctx, "review-listing-title").lead(format!(
        "{}: {}",
        ctx.t("my-status"),
        status_text(ctx, l.status(), l.expires_at())
    ));
    p.quality = Some(quality_box(ctx, &l.quality()));
    p.fields = shown_fields(ctx, l.kind(), &l.raw(), None);
    let back = format!("/staff/review/{}/{}", l.kind().code(), l.id());
    let p = owner_box(ctx, p, owner, &back);
    p.form(decision_form(ctx, back, reason, errors, owner.verified)).link("/staff/review", "review-title")
}

pub async fn listing(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<KindId>,
) -> Result<HttpResponse, AppError> {
    let ctx = Ctx::from_request(&req);
    let KindId { kind, id } = path.into_inner();
    let l = load(&state, &kind, id).await?;
    listing_panel(&ctx, &l, "", &[]).ok()
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct DecisionForm {
    decision: String,
    reason: String,
}

/// Back to the queue, saying what the decision did.
fn done_url(d: Decision) -> &'static str {
    match d {
        Decision::Approve => "/staff/review?done=approved",
        Decision::Return => "/staff/review?done=returned",
        Decision::Reject => "/staff/review?done=rejected",
    }
}

fn parse_decision(s: &str) -> Option<Decision> {
    match s {
        "approve" => Some(Decision::Approve),
        "return" => Some(Decision::Return),
        "reject" => Some(Decision::Reject),
        _ => None,
    }
}

pub async fn decide(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<KindId>,
    form: web::Form<DecisionForm>,
) -> Result<HttpResponse, AppError> {
    let now = state.clock.now();
    let me = auth::require(&req)?;
    let ctx = Ctx::from_request(&req);
    let KindId { kind, id } = path.into_inner();
    let f = form.into_inner();
    let decision =
        parse_decision(&f.decision).ok_or_else(|| AppError::bad_param("decision", "approve, return or reject"))?;
    let k: ListingKind = kind.parse().map_err(|_| AppError::NotFound)?;
    let (st, i, reason) = (state.clone(), id.clone(), f.reason.clone());
    match state.db.run(move |c| listings::review(c, st.env(), &me.user, k, &i, decision, &reason, now)).await? {
        Ok(()) => Ok(see_other(done_url(decision))),
        Err(Refused::Invalid(errors)) => {
            let l = load(&state, &kind, id).await?;
            listing_panel(&ctx, &l, &f.reason, &errors).respond(StatusCode::UNPROCESSABLE_ENTITY, None)
        }
        Err(Refused::NotFound) => Err(AppError::NotFound),
        Err(Refused::State(key)) => refused_panel(&ctx, key),
        Err(_) => refused_panel(&ctx, "listing-not-submitted"),
    }
}

/// A decision that the listing's state refuses, with the reason.
fn refused_panel(ctx: &Ctx, key: &str) -> Result<HttpResponse, AppError> {
    Panel::new(ctx, "listing-refused")
        .lead(ctx.t(key))
        .link("/staff/organisations", "staff-orgs-title")
        .link("/staff/review", "review-title")
        .respond(StatusCode::CONFLICT, None)
}

async fn load_revision(
    state: &AppState,
    id: String,
) -> Result<(db::listings::RevisionRow, (Listing, Owner), RawListing), AppError> {
    state
        .db
        .run(move |c| {
            let Some(r) = db::listings::revision(c, &id)? else { return Ok(None) };
            let kind: ListingKind = r.listing_kind.parse()?;
            let Some(l) = listings::load(c, kind, &r.listing_id)? else { return Ok(None) };
            let proposed: RawListing = serde_json::from_str(&r.data)?;
            let owner = owner_of(c, &l)?;
            Ok(Some((r, (l, owner), proposed)))
        })
        .await?
        .ok_or(AppError::NotFound)
}

fn revision_panel(
    ctx: &Ctx,
    r: &db::listings::RevisionRow,
    (l, owner): &(Listing, Owner),
    proposed: &RawListing,
    reason: &str,
    errors: &[FieldError],
) -> Panel {
    let mut p =
        Panel::new(ctx, "review-revision-title").lead(l.title().to_string()).lead(ctx.t("review-revision-lead"));
    p.fields = shown_fields(ctx, l.kind(), proposed, Some(&l.raw()));
    p.quality = Some((ctx.t1("quality-score", "score", r.quality_score), vec![]));
    let back = format!("/staff/revisions/{}", r.id);
    let p = owner_box(ctx, p, owner, &back);
    p.form(decision_form(ctx, back, reason, errors, owner.verified))
        .link(format!("/{}/{}", plural(l.kind()), l.id()), "review-published-version")
        .link("/staff/review", "review-title")
}

pub async fn revision(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let ctx = Ctx::from_request(&req);
    let (r, l, proposed) = load_revision(&state, id.into_inner()).await?;
    revision_panel(&ctx, &r, &l, &proposed, "", &[]).ok()
}

pub async fn decide_revision(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    form: web::Form<DecisionForm>,
) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    let ctx = Ctx::from_request(&req);
    let id = id.into_inner();
    let f = form.into_inner();
    let decision =
        parse_decision(&f.decision).ok_or_else(|| AppError::bad_param("decision", "approve, return or reject"))?;
    let (st, i, reason) = (state.clone(), id.clone(), f.reason.clone());
    match state.db.run(move |c| listings::review_revision(c, st.env(), &me.user, &i, decision, &reason)).await? {
        Ok(()) => Ok(see_other(done_url(decision))),
        Err(Refused::Invalid(errors)) => {
            let (r, l, proposed) = load_revision(&state, id).await?;
            revision_panel(&ctx, &r, &l, &proposed, &f.reason, &errors).respond(StatusCode::UNPROCESSABLE_ENTITY, None)
        }
        Err(Refused::NotFound) => Err(AppError::NotFound),
        Err(Refused::Conflict(_)) => Panel::new(&ctx, "listing-conflict-title")
            .lead(ctx.t("review-revision-stale"))
            .link("/staff/review", "review-title")
            .respond(StatusCode::CONFLICT, None),
        Err(Refused::State(key)) => refused_panel(&ctx, key),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ExportQuery {
    format: String,
}

/// Every listing (all statuses) as CSV or JSON, for the centre's own records.
pub async fn export(state: web::Data<AppState>, q: web::Query<ExportQuery>) -> Result<HttpResponse, AppError> {
    let now = state.clock.now();
    let format = match q.format.as_str() {
        "" | "csv" => "csv",
        "json" => "json",
        _ => return Err(AppError::bad_param("format", "csv or json")),
    };
    let rows = state.db.run(crate::services::listings::export::all).await?;
    let stamp = now.format("%Y%m%d");
    Ok(if format == "json" {
        HttpResponse::Ok()
            .content_type("application/json; charset=utf-8")
            .insert_header(("content-disposition", format!("attachment; filename=\"ketnoi-listings-{stamp}.json\"")))
            .body(serde_json::to_string_pretty(&rows).map_err(|e| AppError::Internal(e.into()))?)
    } else {
        HttpResponse::Ok()
            .content_type("text/csv; charset=utf-8")
            .insert_header(("content-disposition", format!("attachment; filename=\"ketnoi-listings-{stamp}.csv\"")))
            .body(crate::services::listings::export::csv(&rows))
    })
}

/// The staff's showcase curation: published offers, featured first, with the toggle; the lead
/// says how many organisations are shown (the centre aims at 10–15).
pub async fn showcase(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let now = state.clock.now();
    let ctx = Ctx::from_request(&req);
    let (offers, names) = state
        .db
        .run(move |c| {
            let mut offers = db::offers::list_public(c, &db::ListFilter::default(), now, 1, 1000)?.items;
            offers.sort_by_key(|o| !o.featured);
            let names = db::organisations::names(c, offers.iter().map(|o| o.organisation_id))?;
            Ok((offers, names))
        })
        .await?;
    let featured: Vec<_> = offers.iter().filter(|o| o.featured).collect();
    let orgs: std::collections::HashSet<_> = featured.iter().map(|o| o.organisation_id).collect();
    let mut p = Panel::new(&ctx, "showcase-title").lead(ctx.t("showcase-lead")).lead(ctx.t2(
        "showcase-count",
        "products",
        featured.len(),
        "organisations",
        orgs.len(),
    ));
    p.table = Some(Table {
        caption: ctx.t("showcase-list"),
        headers: ["field-title", "org-name", "field-sector"].iter().map(|k| ctx.t(k).to_string()).collect(),
        rows: offers
            .iter()
            .map(|o| Row {
                cells: vec![
                    Cell::link(&o.title, format!("/offers/{}", o.id))
                        .badge(o.featured.then(|| ctx.t("listing-featured"))),
                    Cell::text(names.get(&o.organisation_id).cloned().unwrap_or_default()),
                    Cell::text(o.sector.label(ctx.locale)),
                ],
                actions: vec![
                    Form::new(
                        &ctx,
                        "feature",
                        format!("/staff/showcase/{}", o.id),
                        if o.featured { "showcase-remove" } else { "showcase-add" },
                    )
                    .field(&ctx, "featured", "hidden", "", if o.featured { "" } else { "on" }),
                ],
            })
            .collect(),
    });
    p.link("/showcase", "nav-showcase").ok()
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct FeatureForm {
    featured: String,
}

pub async fn feature(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    form: web::Form<FeatureForm>,
) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    let ctx = Ctx::from_request(&req);
    let on = !form.featured.is_empty();
    let id = id.into_inner();
    match state.db.run(move |c| listings::set_featured(c, me.user.id, &id, on)).await? {
        Ok(()) => Ok(see_other("/staff/showcase")),
        Err(Refused::NotFound) => Err(AppError::NotFound),
        Err(_) => {
            Panel::new(&ctx, "listing-refused").lead(ctx.t("listing-not-published")).respond(StatusCode::CONFLICT, None)
        }
    }
}

/// The staff's view of the suggestions: how members judged them, by sector, and the judgements
/// as a download (the recommender's regression fixture).
pub async fn suggestions(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let ctx = Ctx::from_request(&req);
    let rows = state.db.run(crate::services::recommend::precision_by_sector).await?;
    let (judged, useful) = rows.iter().fold((0, 0), |(j, u), r| (j + r.judged, u + r.useful));
    let percent = |useful: usize, judged: usize| {
        (100 * useful + judged / 2).checked_div(judged).map_or_else(|| "—".to_string(), |p| format!("{p} %"))
    };
    let mut p = Panel::new(&ctx, "suggest-staff-title").lead(ctx.t("suggest-staff-lead"));
    p.table = Some(Table {
        caption: ctx.t2("suggest-staff-total", "judged", judged, "precision", percent(useful, judged)),
        headers: ["field-sector", "suggest-staff-judged", "suggest-staff-useful", "suggest-staff-precision"]
            .iter()
            .map(|k| ctx.t(k).to_string())
            .collect(),
        rows: rows
            .iter()
            .map(|r| Row {
                cells: vec![
                    Cell::text(r.sector.label(ctx.locale)),
                    Cell::text(ctx.number(&(r.judged as i64))),
                    Cell::text(ctx.number(&(r.useful as i64))),
                    Cell::text(percent(r.useful, r.judged)),
                ],
                actions: Vec::new(),
            })
            .collect(),
    });
    if rows.is_empty() {
        p = p.lead(ctx.t("suggest-staff-empty"));
    }
    p.link("/staff/suggestions/judgements.tsv", "suggest-staff-download").ok()
}

/// Every judgement as BEIR relevance judgements (`ketnoi eval match --qrels`).
pub async fn judgements(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let stamp = state.clock.now().format("%Y%m%d");
    let tsv = state.db.run(crate::services::recommend::judgements_tsv).await?;
    Ok(HttpResponse::Ok()
        .content_type("text/tab-separated-values; charset=utf-8")
        .insert_header(("content-disposition", format!("attachment; filename=\"ketnoi-judgements-{stamp}.tsv\"")))
        .body(tsv))
}
