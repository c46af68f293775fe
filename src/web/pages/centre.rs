//! The centre's own pages: about, terms of use, privacy notice and contact (Markdown written by
//! staff, in both languages), and the news with its photos; and the staff pages that edit them.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::my_listings::{prepare_upload, read_upload};
use super::panel::{Cell, DoneQuery, Panel, Row, Table, done_notice, public_page, see_other};
use crate::catalogue::key_of;
use crate::domain::Locale;
use crate::error::AppError;
use crate::services::centre::{self, News, NewsInput, SLUGS};
use crate::services::listings::Refused;
use crate::state::AppState;
use crate::validate::FieldError;
use crate::web::auth;
use crate::web::forms::Form;
use crate::web::i18n::Ctx;

#[derive(Template)]
#[template(path = "pages/centre/page.html")]
struct PageView {
    ctx: Ctx,
    title: String,
    html: String,
    updated: Option<String>,
}

async fn show(req: HttpRequest, state: web::Data<AppState>, slug: &'static str) -> Result<HttpResponse, AppError> {
    let ctx = Ctx::from_request(&req);
    let locale = ctx.locale;
    let page = state.db.run(move |c| centre::page(c, slug, locale)).await?.ok_or(AppError::NotFound)?;
    public_page(&PageView {
        title: ctx.t(&key_of("centre-page", slug)),
        html: page.html,
        updated: page.updated_at.map(|u| ctx.when(u)),
        ctx,
    })
}

pub async fn about(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    show(req, state, "about").await
}

pub async fn terms(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    show(req, state, "terms").await
}

pub async fn privacy(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    show(req, state, "privacy").await
}

pub async fn contact(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    show(req, state, "contact").await
}

/// A news item as lists and pages show it.
pub struct NewsCard {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub date: String,
    pub iso: String,
    pub photo: bool,
}

impl NewsCard {
    pub fn of(ctx: &Ctx, n: &News) -> Self {
        let at = n.row.published_at.unwrap_or(n.row.created_at);
        Self {
            id: n.row.id.clone(),
            title: n.title(ctx.locale).to_string(),
            summary: n.summary(ctx.locale),
            date: ctx.date(crate::domain::local_date(at)),
            iso: at.and_utc().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            photo: n.has_photo(),
        }
    }
}

#[derive(Template)]
#[template(path = "pages/centre/news.html")]
struct NewsList {
    ctx: Ctx,
    items: Vec<NewsCard>,
}

#[derive(Template)]
#[template(path = "pages/centre/news_item.html")]
struct NewsPage {
    ctx: Ctx,
    item: NewsCard,
    html: String,
}

pub async fn news_list(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let ctx = Ctx::from_request(&req);
    let now = state.clock.now();
    let items = state.db.run(move |c| centre::published(c, now, 100)).await?;
    public_page(&NewsList { items: items.iter().map(|n| NewsCard::of(&ctx, n)).collect(), ctx })
}

fn is_staff(req: &HttpRequest) -> bool {
    auth::current(req).is_some_and(|c| c.actor.is_staff())
}

async fn one(req: &HttpRequest, state: &AppState, id: String) -> Result<News, AppError> {
    let (now, staff) = (state.clock.now(), is_staff(req));
    state.db.run(move |c| centre::news(c, &id, now, staff)).await?.ok_or(AppError::NotFound)
}

pub async fn news_item(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let ctx = Ctx::from_request(&req);
    let n = one(&req, &state, id.into_inner()).await?;
    public_page(&NewsPage { html: n.html(ctx.locale), item: NewsCard::of(&ctx, &n), ctx })
}

async fn serve_photo(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: String,
    thumb: bool,
) -> Result<HttpResponse, AppError> {
    let n = one(&req, &state, id).await?;
    if !n.has_photo() {
        return Err(AppError::NotFound);
    }
    let (content_type, bytes) =
        super::files::read_stored(&state, &n.row.photo_sha256, &n.row.photo_type, thumb).await?.map_err(|e| {
            tracing::error!(news = %n.row.id, error = %e, "a news photo's file is missing");
            AppError::NotFound
        })?;
    Ok(HttpResponse::Ok()
        .content_type(content_type)
        .insert_header(("cache-control", "public, max-age=3600"))
        .body(bytes))
}

pub async fn photo(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    serve_photo(req, state, id.into_inner(), false).await
}

pub async fn thumb(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    serve_photo(req, state, id.into_inner(), true).await
}

/// The staff's list of the centre's pages.
pub async fn staff_pages(
    req: HttpRequest,
    state: web::Data<AppState>,
    q: web::Query<DoneQuery>,
) -> Result<HttpResponse, AppError> {
    let ctx = Ctx::from_request(&req);
    let pages = state
        .db
        .run(|c| {
            SLUGS
                .iter()
                .map(|s| Ok((*s, centre::page(c, s, Locale::Vi)?, centre::page(c, s, Locale::En)?)))
                .collect::<anyhow::Result<Vec<_>>>()
        })
        .await?;
    let mut p = Panel::new(&ctx, "pages-staff-title").lead(ctx.t("pages-staff-lead"));
    if let Some(n) = done_notice(&ctx, &key_of("staff-done", &q.done)) {
        p = p.notice(n);
    }
    let updated = |x: &Option<centre::Page>| {
        x.as_ref().and_then(|p| p.updated_at).map_or_else(|| ctx.t("pages-shipped"), |u| ctx.when(u))
    };
    p.table = Some(Table {
        caption: ctx.t("pages-staff-title"),
        headers: ["pages-page", "pages-address", "pages-updated-vi", "pages-updated-en"]
            .iter()
            .map(|k| ctx.t(k))
            .collect(),
        rows: pages
            .iter()
            .map(|(slug, vi, en)| Row {
                cells: vec![
                    Cell::link(ctx.t(&key_of("centre-page", slug)), format!("/staff/pages/{slug}")),
                    Cell::link(format!("/{slug}"), format!("/{slug}")),
                    Cell::text(updated(vi)),
                    Cell::text(updated(en)),
                ],
                actions: vec![],
            })
            .collect(),
    });
    p.link("/staff/news", "news-staff-title").link("/staff", "console-title").ok()
}

fn page_form(ctx: &Ctx, slug: &str, vi: &str, en: &str, errors: &[FieldError]) -> Form {
    Form::new(ctx, "page", format!("/staff/pages/{slug}"), "pages-save")
        .field(ctx, "body_vi", "textarea", "pages-body-vi", vi)
        .hint(ctx, "pages-markdown-hint")
        .field(ctx, "body_en", "textarea", "pages-body-en", en)
        .with_errors(ctx, errors)
}

fn slug_of(s: &str) -> Result<&'static str, AppError> {
    SLUGS.iter().copied().find(|x| *x == s).ok_or(AppError::NotFound)
}

fn edit_panel(ctx: &Ctx, slug: &'static str, form: Form) -> Panel {
    let mut p = Panel::new(ctx, "pages-edit-title").form(form);
    p.title = format!("{} · {}", p.title, ctx.t(&key_of("centre-page", slug)));
    p.link(format!("/{slug}"), "pages-view").link("/staff/pages", "pages-staff-title")
}

pub async fn edit_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let ctx = Ctx::from_request(&req);
    let slug = slug_of(&slug)?;
    let (vi, en) =
        state.db.run(move |c| Ok((centre::page(c, slug, Locale::Vi)?, centre::page(c, slug, Locale::En)?))).await?;
    let md = |p: Option<centre::Page>| p.map(|p| p.markdown).unwrap_or_default();
    let form = page_form(&ctx, slug, &md(vi), &md(en), &[]);
    edit_panel(&ctx, slug, form).ok()
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct PageForm {
    body_vi: String,
    body_en: String,
}

pub async fn save_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<String>,
    form: web::Form<PageForm>,
) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    let ctx = Ctx::from_request(&req);
    let slug = slug_of(&slug)?;
    let f = form.into_inner();
    let (vi, en) = (f.body_vi.clone(), f.body_en.clone());
    let errors = match state.db.run(move |c| centre::save_page(c, me.user.id, slug, &vi, &en)).await? {
        Some(Ok(())) => return Ok(see_other("/staff/pages?done=page_saved")),
        Some(Err(errors)) => errors,
        None => return Err(AppError::NotFound),
    };
    let form = page_form(&ctx, slug, &f.body_vi, &f.body_en, &errors);
    edit_panel(&ctx, slug, form).respond(StatusCode::UNPROCESSABLE_ENTITY, None)
}

fn news_form(ctx: &Ctx, action: String, input: &NewsInput, errors: &[FieldError]) -> Form {
    Form::new(ctx, "news", action, "news-save")
        .field(ctx, "title_vi", "text", "news-title-vi", &input.title_vi)
        .required()
        .field(ctx, "body_vi", "textarea", "news-body-vi", &input.body_vi)
        .required()
        .hint(ctx, "pages-markdown-hint")
        .field(ctx, "title_en", "text", "news-title-en", &input.title_en)
        .field(ctx, "body_en", "textarea", "news-body-en", &input.body_en)
        .hint(ctx, "news-english-hint")
        .field(ctx, "publish", "checkbox", "news-publish", if input.publish { "on" } else { "" })
        .with_errors(ctx, errors)
}

async fn news_panel(ctx: &Ctx, state: &AppState, form: Form, notice: Option<String>) -> Result<Panel, AppError> {
    let now = state.clock.now();
    let items = state.db.run(centre::all_news).await?;
    let mut p = Panel::new(ctx, "news-staff-title").lead(ctx.t("news-staff-lead"));
    if let Some(n) = notice {
        p = p.notice(n);
    }
    p.table = Some(Table {
        caption: ctx.t("news-staff-list"),
        headers: ["news-headline", "my-status", "news-date"].iter().map(|k| ctx.t(k)).collect(),
        rows: items
            .iter()
            .map(|n| Row {
                cells: vec![
                    Cell::link(n.title(ctx.locale), format!("/staff/news/{}", n.row.id)),
                    Cell::text(ctx.t(if n.published(now) { "news-published" } else { "news-draft" })),
                    Cell::text(ctx.date(crate::domain::local_date(n.row.published_at.unwrap_or(n.row.created_at)))),
                ],
                actions: vec![],
            })
            .collect(),
    });
    Ok(p.form(form.titled(ctx, "news-new")).link("/news", "news-title").link("/staff", "console-title"))
}

pub async fn staff_news(
    req: HttpRequest,
    state: web::Data<AppState>,
    q: web::Query<DoneQuery>,
) -> Result<HttpResponse, AppError> {
    let ctx = Ctx::from_request(&req);
    let form = news_form(&ctx, "/staff/news".into(), &NewsInput::default(), &[]);
    let notice = done_notice(&ctx, &key_of("staff-done", &q.done));
    news_panel(&ctx, &state, form, notice).await?.ok()
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct NewsForm {
    title_vi: String,
    title_en: String,
    body_vi: String,
    body_en: String,
    publish: Option<String>,
}

impl NewsForm {
    fn input(&self) -> NewsInput {
        NewsInput {
            title_vi: self.title_vi.clone(),
            title_en: self.title_en.clone(),
            body_vi: self.body_vi.clone(),
            body_en: self.body_en.clone(),
            publish: self.publish.is_some(),
        }
    }
}

pub async fn create_news(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<NewsForm>,
) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    let ctx = Ctx::from_request(&req);
    let now = state.clock.now();
    let input = form.input();
    let i = input.clone();
    match state.db.run(move |c| centre::save_news(c, me.user.id, None, &i, now)).await? {
        Some(Ok(id)) => Ok(see_other(&format!("/staff/news/{id}?done=news_saved"))),
        Some(Err(errors)) => {
            let form = news_form(&ctx, "/staff/news".into(), &input, &errors);
            news_panel(&ctx, &state, form, None).await?.respond(StatusCode::UNPROCESSABLE_ENTITY, None)
        }
        None => Err(AppError::NotFound),
    }
}

fn item_panel(ctx: &Ctx, n: &News, form: Form, notice: Option<String>, photo_errors: &[FieldError]) -> Panel {
    let id = &n.row.id;
    let mut p = Panel::new(ctx, "news-edit-title").form(form);
    if let Some(x) = notice {
        p = p.notice(x);
    }
    if n.has_photo() {
        p.files.push(super::panel::FileView {
            url: format!("/news/{id}/photo"),
            thumb: Some(format!("/news/{id}/thumb")),
            name: n.title(ctx.locale).to_string(),
            remove: Some(
                Form::new(ctx, "remove-photo", format!("/staff/news/{id}/photo/delete"), "news-photo-remove").danger(),
            ),
        });
    }
    p = p.form(
        Form::new(ctx, "photo", format!("/staff/news/{id}/photo"), "news-photo-upload")
            .titled(ctx, "news-photo")
            .multipart()
            .field(ctx, "file", "file", "news-photo-file", "")
            .hint(ctx, "news-photo-hint")
            .with_errors(ctx, photo_errors),
    );
    p.link(format!("/news/{id}"), "news-view").link("/staff/news", "news-staff-title")
}

fn input_of(n: &News) -> NewsInput {
    NewsInput {
        title_vi: n.row.title_vi.clone(),
        title_en: n.row.title_en.clone(),
        body_vi: n.row.body_vi.clone(),
        body_en: n.row.body_en.clone(),
        publish: n.row.published_at.is_some(),
    }
}

async fn staff_item(state: &AppState, id: String) -> Result<News, AppError> {
    let now = state.clock.now();
    state.db.run(move |c| centre::news(c, &id, now, true)).await?.ok_or(AppError::NotFound)
}

pub async fn edit_news(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    q: web::Query<DoneQuery>,
) -> Result<HttpResponse, AppError> {
    let ctx = Ctx::from_request(&req);
    let n = staff_item(&state, id.into_inner()).await?;
    let form = news_form(&ctx, format!("/staff/news/{}", n.row.id), &input_of(&n), &[]);
    item_panel(&ctx, &n, form, done_notice(&ctx, &key_of("staff-done", &q.done)), &[]).ok()
}

pub async fn save_news(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    form: web::Form<NewsForm>,
) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    let ctx = Ctx::from_request(&req);
    let now = state.clock.now();
    let id = id.into_inner();
    let input = form.input();
    let (i, x) = (input.clone(), id.clone());
    match state.db.run(move |c| centre::save_news(c, me.user.id, Some(&x), &i, now)).await? {
        Some(Ok(id)) => Ok(see_other(&format!("/staff/news/{id}?done=news_saved"))),
        Some(Err(errors)) => {
            let n = staff_item(&state, id.clone()).await?;
            let form = news_form(&ctx, format!("/staff/news/{id}"), &input, &errors);
            item_panel(&ctx, &n, form, None, &[]).respond(StatusCode::UNPROCESSABLE_ENTITY, None)
        }
        None => Err(AppError::NotFound),
    }
}

pub async fn upload_photo(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    payload: actix_multipart::Multipart,
) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    let ctx = Ctx::from_request(&req);
    let id = id.into_inner();
    let n = staff_item(&state, id.clone()).await?;
    let errors = match read_upload(payload).await? {
        None => vec![FieldError { field: "file", key: "err-file-missing", n: None }],
        Some((name, bytes)) => match prepare_upload(name, bytes).await? {
            Err(Refused::Invalid(e)) => e,
            Err(_) => vec![FieldError { field: "file", key: "err-file-broken", n: None }],
            Ok(prepared) => {
                let (files, x) = (state.settings.files_dir(), id.clone());
                match state.db.run(move |c| centre::set_photo(c, &files, me.user.id, &x, Some(prepared))).await? {
                    Some(Ok(())) => return Ok(see_other(&format!("/staff/news/{id}?done=photo_saved"))),
                    Some(Err(e)) => e,
                    None => return Err(AppError::NotFound),
                }
            }
        },
    };
    let form = news_form(&ctx, format!("/staff/news/{id}"), &input_of(&n), &[]);
    item_panel(&ctx, &n, form, None, &errors).respond(StatusCode::UNPROCESSABLE_ENTITY, None)
}

pub async fn remove_photo(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    let id = id.into_inner();
    let (files, x) = (state.settings.files_dir(), id.clone());
    match state.db.run(move |c| centre::set_photo(c, &files, me.user.id, &x, None)).await? {
        Some(_) => Ok(see_other(&format!("/staff/news/{id}?done=photo_removed"))),
        None => Err(AppError::NotFound),
    }
}
