//! The centre's own pages (about, terms of use, privacy notice, contact) and its news, written by
//! staff in Markdown in both languages. Markdown becomes HTML with `pulldown-cmark` and is then
//! cleaned by `ammonia` (no script, no event attribute, no style, links made safe), so a staff
//! account taken over cannot put script on the public site. Until staff write a page, the text
//! shipped with the product (`content/{vi,en}/*.md`) is shown.

use chrono::NaiveDateTime;

use crate::db::centre::{NewsRow, PageRow};
use crate::db::{self, AnyConnection};
use crate::domain::{Locale, UserId};
use crate::services::listings::attachments::{self, Prepared};
use crate::validate::{Check, FieldError};

/// The pages the centre writes, in the order of the footer.
pub const SLUGS: [&str; 4] = ["about", "terms", "privacy", "contact"];

/// Longest page or news text, in characters.
pub const BODY_MAX: usize = 50_000;
/// Longest news title.
pub const TITLE_MAX: usize = 200;

/// The text shipped with the product for a page, before staff write their own.
fn default_body(slug: &str, locale: Locale) -> &'static str {
    match (slug, locale) {
        ("about", Locale::Vi) => include_str!("../../content/vi/about.md"),
        ("about", Locale::En) => include_str!("../../content/en/about.md"),
        ("terms", Locale::Vi) => include_str!("../../content/vi/terms.md"),
        ("terms", Locale::En) => include_str!("../../content/en/terms.md"),
        ("privacy", Locale::Vi) => include_str!("../../content/vi/privacy.md"),
        ("privacy", Locale::En) => include_str!("../../content/en/privacy.md"),
        ("contact", Locale::Vi) => include_str!("../../content/vi/contact.md"),
        ("contact", Locale::En) => include_str!("../../content/en/contact.md"),
        _ => "",
    }
}

/// Markdown to HTML that is safe to put on a page as it is.
pub fn render(markdown: &str) -> String {
    use pulldown_cmark::{Options, Parser, html};
    let mut raw = String::new();
    html::push_html(&mut raw, Parser::new_ext(markdown, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH));
    ammonia::Builder::default().link_rel(Some("noopener noreferrer")).clean(&raw).to_string()
}

/// A page as shown: its Markdown, its HTML and when staff last changed it (none for the
/// shipped text).
#[derive(Debug, Clone)]
pub struct Page {
    pub slug: &'static str,
    pub markdown: String,
    pub html: String,
    pub updated_at: Option<NaiveDateTime>,
}

/// A page in a language; `None` for a slug the centre does not have.
pub fn page(conn: &mut AnyConnection, slug: &str, locale: Locale) -> anyhow::Result<Option<Page>> {
    let Some(slug) = SLUGS.iter().copied().find(|s| *s == slug) else { return Ok(None) };
    let (markdown, updated_at) = match db::centre::page(conn, slug, locale.code())? {
        Some(row) => (row.body, Some(row.updated_at)),
        None => (default_body(slug, locale).to_string(), None),
    };
    Ok(Some(Page { slug, html: render(&markdown), markdown, updated_at }))
}

/// Staff save a page's text in both languages (`vi`, `en`): both are checked before either is
/// stored, and both are stored in one transaction; audited per language. `Ok(None)` for an
/// unknown page.
pub fn save_page(
    conn: &mut AnyConnection,
    actor: UserId,
    slug: &str,
    vi: &str,
    en: &str,
) -> anyhow::Result<Option<Result<(), Vec<FieldError>>>> {
    let Some(slug) = SLUGS.iter().copied().find(|s| *s == slug) else { return Ok(None) };
    let mut c = Check::default();
    let bodies =
        [(Locale::Vi, c.multiline("body_vi", vi, 1, BODY_MAX)), (Locale::En, c.multiline("body_en", en, 1, BODY_MAX))];
    if let Err(e) = c.finish(()) {
        return Ok(Some(Err(e)));
    }
    db::write(conn, |conn| {
        for (locale, body) in bodies {
            let row = PageRow {
                slug: slug.into(),
                locale: locale.code().into(),
                body,
                updated_by: Some(actor.to_string()),
                updated_at: db::now(),
            };
            db::centre::put_page(conn, &row)?;
            db::audit::record(
                conn,
                Some(actor),
                "centre.page_saved",
                "centre_page",
                &format!("{slug}/{}", locale.code()),
                &serde_json::json!({ "chars": row.body.chars().count() }),
            )?;
        }
        Ok(Some(Ok(())))
    })
}

/// A news item as a form gives it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NewsInput {
    pub title_vi: String,
    pub title_en: String,
    pub body_vi: String,
    pub body_en: String,
    pub publish: bool,
}

impl NewsInput {
    /// The input through the text rule: the Vietnamese title and text are required, the English
    /// ones optional (the Vietnamese are shown when they are empty).
    pub fn checked(&self) -> Result<NewsInput, Vec<FieldError>> {
        let mut c = Check::default();
        let v = NewsInput {
            title_vi: c.text("title_vi", &self.title_vi, 1, TITLE_MAX),
            title_en: c.text("title_en", &self.title_en, 0, TITLE_MAX),
            body_vi: c.multiline("body_vi", &self.body_vi, 1, BODY_MAX),
            body_en: c.multiline("body_en", &self.body_en, 0, BODY_MAX),
            publish: self.publish,
        };
        c.finish(v)
    }
}

/// A news item as pages show it.
#[derive(Debug, Clone)]
pub struct News {
    pub row: NewsRow,
}

impl News {
    pub fn title(&self, locale: Locale) -> &str {
        match locale {
            Locale::En if !self.row.title_en.is_empty() => &self.row.title_en,
            _ => &self.row.title_vi,
        }
    }

    pub fn markdown(&self, locale: Locale) -> &str {
        match locale {
            Locale::En if !self.row.body_en.is_empty() => &self.row.body_en,
            _ => &self.row.body_vi,
        }
    }

    pub fn html(&self, locale: Locale) -> String {
        render(self.markdown(locale))
    }

    /// The first paragraph's text, for lists and feeds.
    pub fn summary(&self, locale: Locale) -> String {
        let first = self.markdown(locale).split("\n\n").find(|p| !p.trim().starts_with('#')).unwrap_or_default();
        let text: String = first.chars().filter(|c| !"*_`#>[]".contains(*c)).collect();
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if text.chars().count() > 280 { format!("{}…", text.chars().take(279).collect::<String>()) } else { text }
    }

    pub fn published(&self, now: NaiveDateTime) -> bool {
        self.row.published_at.is_some_and(|p| p <= now)
    }

    pub fn has_photo(&self) -> bool {
        !self.row.photo_sha256.is_empty()
    }
}

/// Published news, newest first (`limit` items).
pub fn published(conn: &mut AnyConnection, now: NaiveDateTime, limit: i64) -> anyhow::Result<Vec<News>> {
    Ok(db::centre::news_list(conn, Some(now), limit)?.into_iter().map(|row| News { row }).collect())
}

/// Every news item, drafts included (staff).
pub fn all_news(conn: &mut AnyConnection) -> anyhow::Result<Vec<News>> {
    Ok(db::centre::news_list(conn, None, 500)?.into_iter().map(|row| News { row }).collect())
}

/// One news item; a draft only for staff.
pub fn news(conn: &mut AnyConnection, id: &str, now: NaiveDateTime, staff: bool) -> anyhow::Result<Option<News>> {
    Ok(db::centre::news_item(conn, id)?.map(|row| News { row }).filter(|n| staff || n.published(now)))
}

/// Writes a news item (a new one when `id` is none); audited. Publishing sets the date once;
/// unticking it takes the item back to a draft. `Ok(None)` for an unknown id.
pub fn save_news(
    conn: &mut AnyConnection,
    actor: UserId,
    id: Option<&str>,
    input: &NewsInput,
    now: NaiveDateTime,
) -> anyhow::Result<Option<Result<String, Vec<FieldError>>>> {
    let v = match input.checked() {
        Ok(v) => v,
        Err(e) => return Ok(Some(Err(e))),
    };
    db::write(conn, |conn| {
        let old = match id {
            Some(id) => match db::centre::news_item(conn, id)? {
                Some(r) => Some(r),
                None => return Ok(None),
            },
            None => None,
        };
        let published_at = match (&old, v.publish) {
            (_, false) => None,
            (Some(o), true) => o.published_at.or(Some(now)),
            (None, true) => Some(now),
        };
        let row = NewsRow {
            id: old.as_ref().map_or_else(|| uuid::Uuid::now_v7().to_string(), |o| o.id.clone()),
            title_vi: v.title_vi,
            title_en: v.title_en,
            body_vi: v.body_vi,
            body_en: v.body_en,
            photo_sha256: old.as_ref().map(|o| o.photo_sha256.clone()).unwrap_or_default(),
            photo_type: old.as_ref().map(|o| o.photo_type.clone()).unwrap_or_default(),
            published_at,
            created_by: old.as_ref().map_or(Some(actor.to_string()), |o| o.created_by.clone()),
            created_at: old.as_ref().map_or(now, |o| o.created_at),
            updated_at: now,
        };
        if old.is_some() {
            db::centre::update_news(conn, &row)?;
        } else {
            db::centre::insert_news(conn, &row)?;
        }
        let action = if old.is_some() { "news.updated" } else { "news.created" };
        db::audit::record(
            conn,
            Some(actor),
            action,
            "news",
            &row.id,
            &serde_json::json!({ "published": row.published_at.is_some() }),
        )?;
        Ok(Some(Ok(row.id)))
    })
}

/// Sets (or, with `None`, removes) a news item's photo: an image checked and stored as the
/// listings' images are. `Ok(None)` for an unknown id.
pub fn set_photo(
    conn: &mut AnyConnection,
    files: &std::path::Path,
    actor: UserId,
    id: &str,
    photo: Option<Prepared>,
) -> anyhow::Result<Option<Result<(), Vec<FieldError>>>> {
    let Some(mut row) = db::centre::news_item(conn, id)? else { return Ok(None) };
    let old = row.photo_sha256.clone();
    match &photo {
        Some(p) if !p.is_image() => {
            return Ok(Some(Err(vec![FieldError { field: "file", key: "err-file-type", n: None }])));
        }
        Some(p) => {
            p.store_in(files)?;
            row.photo_sha256 = p.sha256().to_string();
            row.photo_type = p.content_type().to_string();
        }
        None => {
            row.photo_sha256.clear();
            row.photo_type.clear();
        }
    }
    row.updated_at = db::now();
    let unused = db::write(conn, |conn| {
        db::centre::update_news(conn, &row)?;
        db::audit::record(
            conn,
            Some(actor),
            if photo.is_some() { "news.photo_set" } else { "news.photo_removed" },
            "news",
            id,
            &serde_json::json!({}),
        )?;
        Ok(!old.is_empty()
            && old != row.photo_sha256
            && db::centre::photo_uses(conn, &old)? == 0
            && db::attachments::uses_of(conn, &old)? == 0)
    })?;
    if unused {
        attachments::remove_files(files, &old);
    }
    Ok(Some(Ok(())))
}
