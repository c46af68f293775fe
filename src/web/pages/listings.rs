//! Offer and need list and detail pages (public: published and unexpired only).

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use askama_web::WebTemplate;

use super::my_listings::file_view;
use super::panel::DoneQuery;
use super::panel::FileView;
use super::{PER_PAGE, name_of};
use crate::db;
use crate::domain::{ContactVisibility, Listing, ListingKind, Locale, Province, Sector};
use crate::error::AppError;
use crate::services::listings::browse::{Browse, Listed, browse};
use crate::services::listings::input::plural;
use crate::state::AppState;
use crate::web::auth;
use crate::web::i18n::Ctx;
use crate::web::query::{ListParams, ListQuery, Strictness};
use crate::web::views::{Choice, ContactView, NeedCard, NeedView, OfferCard, OfferView, Pager, SuggestionView};

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
            q: p.q.clone().unwrap_or_default(),
            sectors: Sector::ALL
                .iter()
                .map(|s| Choice { code: s.code(), label: s.label(l), selected: p.filter.sector == Some(*s) })
                .collect(),
            provinces: Province::ALL
                .iter()
                .map(|v| Choice { code: v.code(), label: v.label(l), selected: p.filter.province == Some(*v) })
                .collect(),
            active: p.q.is_some() || p.filter.sector.is_some() || p.filter.province.is_some(),
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

/// A public list of one kind: the page, its organisations' names, the filter form and the pager.
async fn list(
    req: &HttpRequest,
    state: &AppState,
    query: &ListQuery,
    kind: ListingKind,
) -> Result<(Ctx, FilterForm, Listed, Pager), AppError> {
    let ctx = Ctx::from_request(req);
    let params = query.parse(PER_PAGE, Strictness::Form)?;
    let b = Browse {
        kind,
        filter: params.filter.clone(),
        q: params.q.clone(),
        page: params.page,
        per_page: params.per_page,
    };
    let listed = browse(&state.db, &state.search, b, state.clock.now()).await?;
    let form = FilterForm::new(&params, ctx.locale);
    let path = if kind == ListingKind::Offer { "/offers" } else { "/needs" };
    let pager = form.pager(path, &params, listed.page.pages(), listed.page.total);
    Ok((ctx, form, listed, pager))
}

pub async fn offers(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<ListQuery>,
) -> Result<OfferListPage, AppError> {
    let (ctx, form, listed, pager) = list(&req, &state, &query, ListingKind::Offer).await?;
    let l = ctx.locale;
    let items = listed.page.items.iter().filter_map(|x| match x {
        Listing::Offer(o) => Some(OfferCard::new(o, name_of(&listed.names, o.organisation_id), l)),
        Listing::Need(_) => None,
    });
    Ok(OfferListPage { items: items.collect(), pager, form, ctx })
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
    let (ctx, form, listed, pager) = list(&req, &state, &query, ListingKind::Need).await?;
    let l = ctx.locale;
    let items = listed.page.items.iter().filter_map(|x| match x {
        Listing::Need(n) => Some(NeedCard::new(n, name_of(&listed.names, n.organisation_id), l)),
        Listing::Offer(_) => None,
    });
    Ok(NeedListPage { items: items.collect(), pager, form, ctx })
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/offers/detail.html")]
pub struct OfferPage {
    ctx: Ctx,
    offer: OfferView,
    contact: ContactView,
    files: Vec<FileView>,
    suggestions: Vec<SuggestionView>,
    suggest_intro: &'static str,
    notice: Option<String>,
    interest: InterestBox,
}

/// What a detail page shows beside the listing itself.
struct Detail {
    ctx: Ctx,
    listing: Listing,
    org: String,
    contact: ContactView,
    files: Vec<FileView>,
    suggestions: Vec<SuggestionView>,
    interest: InterestBox,
}

/// What a listing's page offers its viewer about expressing interest: the form, or a note (sign
/// in; the organisation is not verified; an expression is already open).
pub struct InterestBox {
    pub form: Option<crate::web::forms::Form>,
    pub note: Option<String>,
    /// Where the note leads (href, label).
    pub link: Option<(String, String)>,
}

/// Where the viewer's organisation stands with a listing: its own, not verified, or an open
/// expression since a time.
enum Standing {
    Nobody,
    Visitor,
    Own,
    Unverified(crate::domain::OrganisationId),
    Open(chrono::NaiveDateTime),
    Free,
}

impl InterestBox {
    fn new(ctx: &Ctx, standing: &Standing, kind: ListingKind, id: &str) -> Self {
        let note =
            |t: String, href: String, label: &str| Self { form: None, note: Some(t), link: Some((href, ctx.t(label))) };
        let path = format!("/{}/{id}", plural(kind));
        match standing {
            Standing::Nobody | Standing::Own => Self { form: None, note: None, link: None },
            Standing::Visitor => note(ctx.t("interest-sign-in"), format!("/login?next={path}"), "nav-login"),
            Standing::Unverified(org) => note(
                ctx.t("interest-unverified"),
                format!("/organisations/{org}/settings"),
                "interest-see-organisation",
            ),
            Standing::Open(at) => {
                note(ctx.t1("interest-open-since", "date", ctx.when(*at)), "/my/interests".into(), "interests-title")
            }
            Standing::Free => {
                Self { form: Some(super::interests::express_form(ctx, kind, id, "", "")), note: None, link: None }
            }
        }
    }
}

/// A public listing of one kind with its organisation, the contact as the viewer may see it,
/// its files and its suggestions.
async fn detail(req: &HttpRequest, state: &AppState, kind: ListingKind, id: String) -> Result<Detail, AppError> {
    let now = state.clock.now();
    let viewer = auth::current(req).map(|c| c.actor);
    let locale = crate::web::request_locale(req);
    let viewer_org = viewer.as_ref().and_then(|a| a.organisation);
    let verified = viewer.as_ref().is_some_and(|a| a.organisation_verified);
    let (l, name, contact, files, suggestions, standing) = state
        .db
        .run(move |c| {
            let Some(l) = db::listings::get_public(c, kind, &id, now)? else { return Ok(None) };
            let Some(org) = db::organisations::get(c, l.organisation())? else { return Ok(None) };
            let visibility = match &l {
                Listing::Offer(o) => o.contact_visibility,
                // Needs carry no visibility of their own: members of verified organisations see them.
                Listing::Need(_) => ContactVisibility::Members,
            };
            let mutual = match viewer_org {
                Some(o) if o != l.organisation() => crate::services::interests::mutual(c, o, &l)?,
                _ => false,
            };
            let contact = ContactView::new(viewer.as_ref(), &org, visibility, mutual);
            let standing = match viewer_org {
                _ if viewer.is_none() => Standing::Visitor,
                None => Standing::Nobody,
                Some(o) if o == l.organisation() => Standing::Own,
                Some(o) if !verified => Standing::Unverified(o),
                Some(o) => match db::interests::open_of(c, &o.to_string(), kind.code(), &l.id())? {
                    Some(i) => Standing::Open(i.created_at),
                    None => Standing::Free,
                },
            };
            let files = db::attachments::of_listing(c, kind, &l.id())?;
            let found = crate::services::recommend::suggestions(c, &l, viewer_org, now)?;
            let names = db::organisations::names(c, found.iter().map(|s| s.listing.organisation()))?;
            let own = (viewer_org == Some(l.organisation())).then(|| format!("/{}/{}", plural(kind), l.id()));
            let suggestions = found
                .iter()
                .map(|s| {
                    let mut v =
                        SuggestionView::new(s, name_of(&names, s.listing.organisation()), own.as_deref(), locale);
                    // One click to say "interested", the matched words attached.
                    if verified && viewer_org.is_some_and(|o| o != s.listing.organisation()) {
                        let action = format!("/{}/{}/interest", plural(s.listing.kind()), s.listing.id());
                        v.interest = Some((action, s.words.join("|")));
                    }
                    v
                })
                .collect();
            Ok(Some((l, org.name, contact, files, suggestions, standing)))
        })
        .await?
        .ok_or(AppError::NotFound)?;
    let files = files.iter().map(file_view).collect();
    let ctx = Ctx::from_request(req);
    let interest = InterestBox::new(&ctx, &standing, kind, &l.id());
    Ok(Detail { ctx, listing: l, org: name, contact, files, suggestions, interest })
}

/// The notice a `?done=` names, if the catalogue has it (an unknown one is dropped).
fn notice(ctx: &Ctx, done: &str) -> Option<String> {
    super::panel::done_notice(ctx, &crate::catalogue::key_of("listing-done", done))
}

pub async fn offer(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    q: web::Query<DoneQuery>,
) -> Result<OfferPage, AppError> {
    let d = detail(&req, &state, ListingKind::Offer, id.into_inner()).await?;
    let Listing::Offer(o) = &d.listing else { return Err(AppError::NotFound) };
    Ok(OfferPage {
        offer: OfferView::new(o, &d.org, d.ctx.locale),
        notice: notice(&d.ctx, &q.done),
        ctx: d.ctx,
        contact: d.contact,
        files: d.files,
        suggestions: d.suggestions,
        suggest_intro: "suggest-needs-intro",
        interest: d.interest,
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/needs/detail.html")]
pub struct NeedPage {
    ctx: Ctx,
    need: NeedView,
    contact: ContactView,
    files: Vec<FileView>,
    suggestions: Vec<SuggestionView>,
    suggest_intro: &'static str,
    notice: Option<String>,
    interest: InterestBox,
}

pub async fn need(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    q: web::Query<DoneQuery>,
) -> Result<NeedPage, AppError> {
    let d = detail(&req, &state, ListingKind::Need, id.into_inner()).await?;
    let Listing::Need(n) = &d.listing else { return Err(AppError::NotFound) };
    Ok(NeedPage {
        need: NeedView::new(n, &d.org, d.ctx.locale),
        notice: notice(&d.ctx, &q.done),
        ctx: d.ctx,
        contact: d.contact,
        files: d.files,
        suggestions: d.suggestions,
        suggest_intro: "suggest-offers-intro",
        interest: d.interest,
    })
}

/// The form of a judgement: useful (`1`) or not (`0`).
#[derive(serde::Deserialize)]
pub struct JudgeForm {
    useful: String,
}

/// A member marks a suggestion on their organisation's listing useful or not.
pub async fn judge(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    form: web::Form<JudgeForm>,
) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    let kind = crate::services::listings::input::kind_in_path(req.path());
    let (id, other) = path.into_inner();
    let useful = match form.useful.as_str() {
        "1" => true,
        "0" => false,
        _ => return Err(AppError::bad_param("useful", Ctx::from_request(&req).t("suggest-bad-judgement"))),
    };
    let now = state.clock.now();
    let (user, i) = (me.user.clone(), id.clone());
    let recorded =
        state.db.run(move |c| crate::services::recommend::judge(c, &user, kind, &i, &other, useful, now)).await?;
    if !recorded {
        return Err(AppError::NotFound);
    }
    Ok(super::panel::see_other(&format!("/{}/{id}?done=judged#suggestions", plural(kind))))
}
