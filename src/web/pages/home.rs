//! The home page and the showcase.

use actix_web::{HttpRequest, web};
use askama::Template;
use askama_web::WebTemplate;

use super::name_of;
use crate::db::{self, ListFilter};
use crate::domain::ListingKind;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::i18n::Ctx;
use crate::web::views::{NeedCard, OfferCard, with_images};

#[derive(Template, WebTemplate)]
#[template(path = "pages/home.html")]
pub struct HomePage {
    ctx: Ctx,
    showcase: Vec<OfferCard>,
    offers: Vec<OfferCard>,
    needs: Vec<NeedCard>,
    offer_count: i64,
    need_count: i64,
    org_count: i64,
    /// The next matchmaking session, with its registration deadline while registration is open.
    next: Option<(super::sessions::SessionCard, bool)>,
}

pub async fn home(req: HttpRequest, state: web::Data<AppState>) -> Result<HomePage, AppError> {
    let ctx = Ctx::from_request(&req);
    let l = ctx.locale;
    let now = state.clock.now();
    let (showcase, offers, needs, org_count, names, images, next) = state
        .db
        .run(move |c| {
            let all = ListFilter::default();
            let showcase = db::offers::featured(c, now, 8)?;
            let ids: Vec<String> = showcase.iter().map(|o| o.id.to_string()).collect();
            let images = db::attachments::first_images(c, ListingKind::Offer, &ids)?;
            let offers = db::offers::list_public(c, &all, now, 1, 6)?;
            let needs = db::needs::list_public(c, &all, now, 1, 6)?;
            let orgs = db::organisations::count(c)?;
            let next = crate::services::sessions::next(c, now)?;
            let ids = showcase.iter().chain(&offers.items).map(|o| o.organisation_id);
            let names = db::organisations::names(c, ids.chain(needs.items.iter().map(|n| n.organisation_id)))?;
            Ok((showcase, offers, needs, orgs, names, images, next))
        })
        .await?;
    let mut showcase: Vec<OfferCard> =
        showcase.iter().map(|o| OfferCard::new(o, name_of(&names, o.organisation_id), l)).collect();
    with_images(&mut showcase, &images);
    Ok(HomePage {
        showcase,
        offers: offers.items.iter().map(|o| OfferCard::new(o, name_of(&names, o.organisation_id), l)).collect(),
        needs: needs.items.iter().map(|n| NeedCard::new(n, name_of(&names, n.organisation_id), l)).collect(),
        offer_count: offers.total,
        need_count: needs.total,
        org_count,
        next: next.map(|n| (super::sessions::card(&ctx, &n, now), n.view.registration_open(now))),
        ctx,
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/showcase.html")]
pub struct ShowcasePage {
    ctx: Ctx,
    items: Vec<OfferCard>,
}

pub async fn showcase(req: HttpRequest, state: web::Data<AppState>) -> Result<ShowcasePage, AppError> {
    let now = state.clock.now();
    let ctx = Ctx::from_request(&req);
    let l = ctx.locale;
    let items = state
        .db
        .run(move |c| {
            let items = db::offers::featured(c, now, 100)?;
            let names = db::organisations::names(c, items.iter().map(|o| o.organisation_id))?;
            let ids: Vec<String> = items.iter().map(|o| o.id.to_string()).collect();
            let images = db::attachments::first_images(c, ListingKind::Offer, &ids)?;
            let mut cards: Vec<OfferCard> =
                items.iter().map(|o| OfferCard::new(o, name_of(&names, o.organisation_id), l)).collect();
            with_images(&mut cards, &images);
            Ok(cards)
        })
        .await?;
    Ok(ShowcasePage { ctx, items })
}
