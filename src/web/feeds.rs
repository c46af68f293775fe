//! Feeds of newly published listings for other exchanges and feed readers: Atom
//! (`/feeds/offers.atom`, `/feeds/needs.atom`) and JSON Feed 1.1 (`/feeds/listings.json`).

use actix_web::{HttpResponse, web};
use chrono::{DateTime, Utc};

use crate::domain::ListingKind;
use crate::error::AppError;
use crate::services::listings::export::ExportRow;
use crate::services::listings::input::plural;
use crate::state::AppState;

/// How many entries a feed carries.
pub const FEED_SIZE: i64 = 50;

/// Text escaped for XML (feeds and the SVG charts); control characters other than line breaks
/// and tabs are dropped.
pub(crate) fn xml(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_control() || matches!(c, '\n' | '\t'))
        .map(|c| match c {
            '&' => "&amp;".to_string(),
            '<' => "&lt;".to_string(),
            '>' => "&gt;".to_string(),
            '"' => "&quot;".to_string(),
            '\'' => "&apos;".to_string(),
            c => c.to_string(),
        })
        .collect()
}

fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn base(state: &AppState) -> String {
    state.settings.base_url.as_str().trim_end_matches('/').to_string()
}

fn summary(r: &ExportRow) -> String {
    let f = &r.fields;
    let text = match r.kind {
        ListingKind::Offer => f.summary.clone(),
        ListingKind::Need => f.problem.clone(),
    };
    text.unwrap_or_default()
}

/// Feeds are in Vietnamese, the language the listings are written in: feed readers send neither
/// a cookie nor a useful `Accept-Language`, and caches keep one copy.
fn vi(key: &str) -> String {
    crate::catalogue::text(crate::domain::Locale::Vi, key)
}

async fn rows(state: &AppState, kind: Option<ListingKind>) -> Result<Vec<ExportRow>, AppError> {
    let now = state.clock.now();
    Ok(state.db.run(move |c| crate::services::listings::export::published(c, now, kind, None, FEED_SIZE)).await?)
}

async fn atom(state: web::Data<AppState>, kind: ListingKind) -> Result<HttpResponse, AppError> {
    let now = state.clock.now();
    let base = base(&state);
    let items = rows(&state, Some(kind)).await?;
    let (title, path) = match kind {
        ListingKind::Offer => (vi("feed-offers-title"), "/feeds/offers.atom"),
        ListingKind::Need => (vi("feed-needs-title"), "/feeds/needs.atom"),
    };
    let updated = items.iter().filter_map(|r| r.published_at).max().unwrap_or_else(|| now.and_utc());
    let mut out = String::new();
    for r in &items {
        let url = format!("{base}/{}/{}", plural(kind), r.id);
        let at = rfc3339(r.published_at.unwrap_or(r.updated_at));
        out += &format!(
            "<entry>\n<title>{}</title>\n<id>urn:uuid:{}</id>\n<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n<published>{at}</published>\n<updated>{}</updated>\n<author><name>{}</name></author>\n<summary>{}</summary>\n</entry>\n",
            xml(r.fields.title.as_deref().unwrap_or_default()),
            r.id,
            xml(&url),
            rfc3339(r.updated_at),
            xml(&r.organisation),
            xml(&summary(r))
        );
    }
    Ok(atom_feed(&base, (&title, path, &format!("/{}", plural(kind))), updated, &out))
}

/// An Atom document of `entries` (already written), titled `title`, at `path`, the HTML page
/// at `alternate`, with the centre as its author; public and cached for five minutes.
fn atom_feed(
    base: &str,
    (title, path, alternate): (&str, &str, &str),
    updated: DateTime<Utc>,
    entries: &str,
) -> HttpResponse {
    let body = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"vi\">\n<title>{}</title>\n<id>{base}{path}</id>\n<link rel=\"self\" href=\"{base}{path}\"/>\n<link rel=\"alternate\" type=\"text/html\" href=\"{base}{alternate}\"/>\n<updated>{}</updated>\n<author><name>{}</name></author>\n{entries}</feed>\n",
        xml(title),
        rfc3339(updated),
        xml(&vi("site-centre"))
    );
    HttpResponse::Ok()
        .content_type("application/atom+xml; charset=utf-8")
        .insert_header(("cache-control", "public, max-age=300"))
        .body(body)
}

/// The centre's news as Atom (`/news/feed.atom`), in Vietnamese as the other feeds.
pub async fn news_atom(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let now = state.clock.now();
    let base = base(&state);
    let items = state.db.run(move |c| crate::services::centre::published(c, now, FEED_SIZE)).await?;
    let updated = items.iter().map(|n| n.row.updated_at).max().unwrap_or(now).and_utc();
    let mut out = String::new();
    let l = crate::domain::Locale::Vi;
    for n in &items {
        let url = format!("{base}/news/{}", n.row.id);
        out += &format!(
            "<entry>\n<title>{}</title>\n<id>urn:uuid:{}</id>\n<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n<published>{}</published>\n<updated>{}</updated>\n<summary>{}</summary>\n<content type=\"html\">{}</content>\n</entry>\n",
            xml(n.title(l)),
            n.row.id,
            xml(&url),
            rfc3339(n.row.published_at.unwrap_or(n.row.created_at).and_utc()),
            rfc3339(n.row.updated_at.and_utc()),
            xml(&n.summary(l)),
            xml(&n.html(l))
        );
    }
    Ok(atom_feed(&base, (&vi("news-title"), "/news/feed.atom", "/news"), updated, &out))
}

pub async fn offers_atom(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    atom(state, ListingKind::Offer).await
}

pub async fn needs_atom(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    atom(state, ListingKind::Need).await
}

/// JSON Feed 1.1 of offers and needs together (tags say which).
pub async fn json_feed(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let base = base(&state);
    let items: Vec<serde_json::Value> = rows(&state, None)
        .await?
        .iter()
        .map(|r| {
            let url = format!("{base}/{}/{}", plural(r.kind), r.id);
            serde_json::json!({
                "id": r.id,
                "url": url,
                "title": r.fields.title,
                "summary": summary(r),
                "content_text": summary(r),
                "date_published": r.published_at.map(rfc3339),
                "date_modified": rfc3339(r.updated_at),
                "authors": [{ "name": r.organisation }],
                "tags": [r.kind.code(), r.fields.sector.clone().unwrap_or_default()],
            })
        })
        .collect();
    let feed = serde_json::json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": vi("feed-listings-title"),
        "home_page_url": format!("{base}/"),
        "feed_url": format!("{base}/feeds/listings.json"),
        "language": "vi",
        "items": items,
    });
    Ok(HttpResponse::Ok()
        .content_type("application/feed+json; charset=utf-8")
        .insert_header(("cache-control", "public, max-age=300"))
        .json(feed))
}
