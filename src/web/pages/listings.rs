//! Offer and need list and detail pages (public: published and unexpired only).

use actix_web::{HttpRequest, web};
use askama::Template;
use askama_web::WebTemplate;

use super::my_listings::file_view;
use super::panel::FileView;
use super::{PER_PAGE, name_of};
use crate::db;
use crate::domain::{ContactVisibility, ListingKind, Locale, NeedId, OfferId, Province, Sector};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::auth;
use crate::web::i18n::Ctx;
use crate::web::query::{ListParams, ListQuery, Strictness};
use crate::web::views::{Choice, ContactView, NeedCard, NeedView, OfferCard, OfferView, Pager};

/// The filter form's state.
pub struct FilterForm {
    pub q: String,
    pub sectors: Vec<Choice>,
    pub provinces: Vec<Choice>,
    pub active: bool,
}

impl FilterForm {
    fn new(p: &ListParams, l: Locale) -> Self {
        Self {
            q: p.filter.q.clone().unwrap_or_default(),
            sectors: Sector::ALL
                .iter()
                .map(|s| Choice { code: s.code(), label: s.label(l), selected: p.filter.sector == Some(*s) })
                .collect(),
            provinces: Province::ALL
                .iter()
                .map(|v| Choice { code: v.code(), label: v.label(l), selected: p.filter.province == Some(*v) })
                .collect(),
            active: p.filter.q.is_some() || p.filter.sector.is_some() || p.filter.province.is_some(),
        }
    }

    fn pager(&self, path: &str, p: &ListParams, pages: i64, total: i64) -> Pager {
        let params = [
            ("q", self.q.clone()),
            ("sector", p.filter.sector.map(|s| s.code().to_string()).unwrap_or_default()),
            ("province", p.filter.province.map(|s| s.code().to_string()).unwrap_or_default()),
        ];
        Pager::new(path, &params, p.page, pages, total)
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/offers/list.html")]
pub struct OfferListPage {
    ctx: Ctx,
    form: FilterForm,
    items: Vec<OfferCard>,
    pager: Pager,
}

pub async fn offers(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<ListQuery>,
) -> Result<OfferListPage, AppError> {
    let now = state.clock.now();
    let ctx = Ctx::from_request(&req);
    let l = ctx.locale;
    let params = query.parse(PER_PAGE, Strictness::Form)?;
    let filter = params.filter.clone();
    let (page, names) = state
        .db
        .run(move |c| {
            let page = db::offers::list_public(c, &filter, now, params.page, params.per_page)?;
            let names = db::organisations::names(c, page.items.iter().map(|o| o.organisation_id))?;
            Ok((page, names))
        })
        .await?;
    let form = FilterForm::new(&params, l);
    Ok(OfferListPage {
        pager: form.pager("/offers", &params, page.pages(), page.total),
        items: page.items.iter().map(|o| OfferCard::new(o, name_of(&names, o.organisation_id), l)).collect(),
        form,
        ctx,
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/needs/list.html")]
pub struct NeedListPage {
    ctx: Ctx,
    form: FilterForm,
    items: Vec<NeedCard>,
    pager: Pager,
}

pub async fn needs(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<ListQuery>,
) -> Result<NeedListPage, AppError> {
    let now = state.clock.now();
    let ctx = Ctx::from_request(&req);
    let l = ctx.locale;
    let params = query.parse(PER_PAGE, Strictness::Form)?;
    let filter = params.filter.clone();
    let (page, names) = state
        .db
        .run(move |c| {
            let page = db::needs::list_public(c, &filter, now, params.page, params.per_page)?;
            let names = db::organisations::names(c, page.items.iter().map(|n| n.organisation_id))?;
            Ok((page, names))
        })
        .await?;
    let form = FilterForm::new(&params, l);
    Ok(NeedListPage {
        pager: form.pager("/needs", &params, page.pages(), page.total),
        items: page.items.iter().map(|n| NeedCard::new(n, name_of(&names, n.organisation_id), l)).collect(),
        form,
        ctx,
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/offers/detail.html")]
pub struct OfferPage {
    ctx: Ctx,
    offer: OfferView,
    contact: ContactView,
    files: Vec<FileView>,
}

pub async fn offer(req: HttpRequest, state: web::Data<AppState>, id: web::Path<String>) -> Result<OfferPage, AppError> {
    let now = state.clock.now();
    let ctx = Ctx::from_request(&req);
    let id: OfferId = id.parse().map_err(|_| AppError::NotFound)?;
    let l = ctx.locale;
    let viewer = auth::current(&req).map(|c| c.actor);
    let (offer, contact, files) = state
        .db
        .run(move |c| {
            let Some(o) = db::offers::get_public(c, id, now)? else { return Ok(None) };
            let Some(org) = db::organisations::get(c, o.organisation_id)? else { return Ok(None) };
            let contact = ContactView::new(viewer.as_ref(), &org, o.contact_visibility);
            let files = db::attachments::of_listing(c, ListingKind::Offer, &o.id.to_string())?;
            Ok(Some((OfferView::new(&o, &org.name, l), contact, files)))
        })
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(OfferPage { ctx, offer, contact, files: files.iter().map(file_view).collect() })
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/needs/detail.html")]
pub struct NeedPage {
    ctx: Ctx,
    need: NeedView,
    contact: ContactView,
    files: Vec<FileView>,
}

pub async fn need(req: HttpRequest, state: web::Data<AppState>, id: web::Path<String>) -> Result<NeedPage, AppError> {
    let now = state.clock.now();
    let ctx = Ctx::from_request(&req);
    let id: NeedId = id.parse().map_err(|_| AppError::NotFound)?;
    let l = ctx.locale;
    let viewer = auth::current(&req).map(|c| c.actor);
    let (need, contact, files) = state
        .db
        .run(move |c| {
            let Some(n) = db::needs::get_public(c, id, now)? else { return Ok(None) };
            let Some(org) = db::organisations::get(c, n.organisation_id)? else { return Ok(None) };
            // Needs carry no visibility of their own: members of verified organisations see them.
            let contact = ContactView::new(viewer.as_ref(), &org, ContactVisibility::Members);
            let files = db::attachments::of_listing(c, ListingKind::Need, &n.id.to_string())?;
            Ok(Some((NeedView::new(&n, &org.name, l), contact, files)))
        })
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(NeedPage { ctx, need, contact, files: files.iter().map(file_view).collect() })
}
