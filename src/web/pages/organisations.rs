//! An organisation's public page with its published listings.

use actix_web::{HttpRequest, web};
use askama::Template;
use askama_web::WebTemplate;

use crate::db::{self, ListFilter};
use crate::domain::OrganisationId;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::i18n::Ctx;
use crate::web::views::{NeedCard, OfferCard, OrgView};

#[derive(Template, WebTemplate)]
#[template(path = "pages/organisations/detail.html")]
pub struct OrganisationPage {
    ctx: Ctx,
    org: OrgView,
    offers: Vec<OfferCard>,
    needs: Vec<NeedCard>,
}

pub async fn organisation(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<OrganisationPage, AppError> {
    let ctx = Ctx::from_request(&req);
    let id: OrganisationId = id.parse().map_err(|_| AppError::NotFound)?;
    let l = ctx.locale;
    let now = state.clock.now();
    let (org, offers, needs) = state
        .db
        .run(move |c| {
            let Some(org) = db::organisations::get(c, id)? else { return Ok(None) };
            let filter = ListFilter { organisation: Some(id), ..ListFilter::default() };
            let offers = db::offers::list_public(c, &filter, now, 1, 100)?;
            let needs = db::needs::list_public(c, &filter, now, 1, 100)?;
            Ok(Some((org, offers.items, needs.items)))
        })
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(OrganisationPage {
        offers: offers.iter().map(|o| OfferCard::new(o, &org.name, l)).collect(),
        needs: needs.iter().map(|n| NeedCard::new(n, &org.name, l)).collect(),
        org: OrgView::new(&org, l),
        ctx,
    })
}
