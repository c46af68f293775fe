//! The one page layout of the account, organisation and staff areas: a title, short paragraphs,
//! a notice, a secret shown once, a table with row actions, forms and links.

use actix_web::HttpResponse;
use actix_web::cookie::Cookie;
use actix_web::http::StatusCode;
use askama::Template;

use crate::error::AppError;
use crate::web::forms::Form;
use crate::web::i18n::Ctx;

/// A cell of a table.
#[derive(Debug, Clone, Default)]
pub struct Cell {
    pub text: String,
    pub href: Option<String>,
    pub badge: Option<String>,
}

impl Cell {
    pub fn text(t: impl Into<String>) -> Self {
        Self { text: t.into(), ..Self::default() }
    }
    pub fn link(t: impl Into<String>, href: impl Into<String>) -> Self {
        Self { text: t.into(), href: Some(href.into()), badge: None }
    }
    pub fn badge(mut self, b: Option<String>) -> Self {
        self.badge = b;
        self
    }
}

/// A table row with its action buttons (each a small form).
#[derive(Debug, Clone, Default)]
pub struct Row {
    pub cells: Vec<Cell>,
    pub actions: Vec<Form>,
}

/// A table.
#[derive(Debug, Clone, Default)]
pub struct Table {
    pub caption: String,
    pub headers: Vec<String>,
    pub rows: Vec<Row>,
}

impl Table {
    /// The header of column `i` (empty past the last), for the phone layout's cell labels.
    pub fn header(&self, i: &usize) -> &str {
        self.headers.get(*i).map_or("", String::as_str)
    }

    /// Whether any row has buttons.
    pub fn has_actions(&self) -> bool {
        self.rows.iter().any(|r| !r.actions.is_empty())
    }
}

/// The page.
#[derive(Template)]
#[template(path = "pages/account/page.html")]
pub struct Panel {
    pub ctx: Ctx,
    pub title: String,
    pub lead: Vec<String>,
    pub notice: Option<String>,
    /// (label, value): a secret shown once (a new API token).
    pub secret: Option<(String, String)>,
    /// The quality check: a heading with the score, and the warnings.
    pub quality: Option<(String, Vec<String>)>,
    /// (label, value, changed): a record shown field by field.
    pub fields: Vec<(String, String, bool)>,
    /// A filter (a GET form) above the table.
    pub filter: Option<Form>,
    pub table: Option<Table>,
    /// Further tables, after the first.
    pub extra_tables: Vec<Table>,
    /// Images and brochures, each with an optional remove button.
    pub files: Vec<FileView>,
    pub forms: Vec<Form>,
    pub links: Vec<(String, String)>,
}

/// An attachment as pages show it.
#[derive(Debug, Clone)]
pub struct FileView {
    pub url: String,
    pub thumb: Option<String>,
    pub name: String,
    pub remove: Option<Form>,
}

impl Panel {
    /// A page titled with an interface-text key.
    pub fn new(ctx: &Ctx, title: &str) -> Self {
        Self {
            title: ctx.t(title).to_string(),
            ctx: ctx.clone(),
            lead: Vec::new(),
            notice: None,
            secret: None,
            quality: None,
            fields: Vec::new(),
            filter: None,
            table: None,
            extra_tables: Vec::new(),
            files: Vec::new(),
            forms: Vec::new(),
            links: Vec::new(),
        }
    }

    pub fn lead(mut self, text: impl Into<String>) -> Self {
        self.lead.push(text.into());
        self
    }

    pub fn notice(mut self, text: impl Into<String>) -> Self {
        self.notice = Some(text.into());
        self
    }

    pub fn form(mut self, form: Form) -> Self {
        self.forms.push(form);
        self
    }

    pub fn link(mut self, href: impl Into<String>, label: &str) -> Self {
        let label = self.ctx.t(label).to_string();
        self.links.push((href.into(), label));
        self
    }

    /// The page with `status` (422 for a form with errors), setting `cookie` if given.
    pub fn respond(self, status: StatusCode, cookie: Option<Cookie<'static>>) -> Result<HttpResponse, AppError> {
        let html = self.render().map_err(|e| AppError::Internal(e.into()))?;
        let mut res = HttpResponse::build(status);
        res.content_type("text/html; charset=utf-8").insert_header(("cache-control", "no-store"));
        if let Some(c) = cookie {
            res.cookie(c);
        }
        Ok(res.body(html))
    }

    /// 200 OK.
    pub fn ok(self) -> Result<HttpResponse, AppError> {
        self.respond(StatusCode::OK, None)
    }
}

/// The page an emailed link opens when following it would change something: it says what will
/// happen and asks for a press on a button that posts the token to `action` (a `SignedToken`
/// route: the token is the proof), so a mail scanner that opens the link changes nothing.
pub fn confirm_link(
    req: &actix_web::HttpRequest,
    title: &str,
    lead: String,
    (action, submit): (&str, &str),
    token: &str,
) -> Result<HttpResponse, AppError> {
    let ctx = Ctx::from_request(req);
    let form = Form::new(&ctx, "confirm", action, submit).field(&ctx, "token", "hidden", "", token);
    Panel::new(&ctx, title).lead(lead).form(form).respond(StatusCode::OK, None)
}

/// `?done=` after an action: which notice to show (see [`done_notice`]).
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct DoneQuery {
    pub done: String,
}

/// The notice a `?done=` names (its key made with `key_of`), if the catalogue has it: an
/// unknown or empty one is dropped.
pub fn done_notice(ctx: &Ctx, key: &str) -> Option<String> {
    crate::catalogue::has(ctx.locale, key).then(|| ctx.t(key))
}

/// A page of one person's own data (a member's meetings, an agenda, staff work): 200, never
/// cached.
pub fn private_page<T: Template>(page: &T) -> Result<HttpResponse, AppError> {
    private_page_with(StatusCode::OK, page)
}

/// [`private_page`] with another status (422 for a form with errors).
pub fn private_page_with<T: Template>(status: StatusCode, page: &T) -> Result<HttpResponse, AppError> {
    let html = page.render().map_err(|e| AppError::Internal(e.into()))?;
    Ok(HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .insert_header(("cache-control", "no-store"))
        .body(html))
}

/// A public page that depends on the reader's language only.
pub fn public_page<T: Template>(page: &T) -> Result<HttpResponse, AppError> {
    let html = page.render().map_err(|e| AppError::Internal(e.into()))?;
    Ok(HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header(("vary", "cookie, accept-language"))
        .body(html))
}

/// A `page=` of a long list (from 0, "" for the first), or a 400 naming it.
pub fn page_param(v: &str) -> Result<i64, AppError> {
    if v.is_empty() {
        return Ok(0);
    }
    v.parse().ok().filter(|p| (0..10_000).contains(p)).ok_or_else(|| AppError::bad_param("page", "0–9999"))
}

/// A date parameter written `YYYY-MM-DD` (as `<input type="date">` sends it): `None` when empty,
/// a 400 naming the parameter when it is not a date.
pub fn date_param(ctx: &Ctx, name: &str, v: &str) -> Result<Option<chrono::NaiveDate>, AppError> {
    if v.trim().is_empty() {
        return Ok(None);
    }
    chrono::NaiveDate::parse_from_str(v.trim(), "%Y-%m-%d")
        .map(Some)
        .map_err(|_| AppError::bad_param(name, ctx.t("err-date")))
}

/// A 303 redirect after a successful form.
pub fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther().insert_header(("location", location.to_string())).finish()
}

/// The tables of a report as a download when `format` asks for one (`csv`, `xlsx`); `None` for
/// the page itself (empty or `html`); 400 for another format.
pub fn download(
    ctx: &Ctx,
    format: &str,
    name: &str,
    sheets: &[crate::services::sessions::report::Sheet],
) -> Result<Option<HttpResponse>, AppError> {
    use crate::services::sessions::report;
    let (bytes, mime, ext) = match format {
        "" | "html" => return Ok(None),
        "csv" => (report::csv(sheets)?, "text/csv; charset=utf-8", "csv"),
        "xlsx" => (report::xlsx(sheets)?, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
        _ => return Err(AppError::bad_param("format", ctx.t("report-bad-format"))),
    };
    Ok(Some(
        HttpResponse::Ok()
            .content_type(mime)
            .insert_header(("content-disposition", format!("attachment; filename=\"{name}.{ext}\"")))
            .insert_header(("cache-control", "no-store"))
            .body(bytes),
    ))
}
