//! The centre's own records: its pages, its news, its yearly targets and its service contracts.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::AnyConnection;
use super::schema::{centre_pages, news, service_contracts, year_targets};

/// A page the centre wrote, in one language.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = centre_pages)]
pub struct PageRow {
    pub slug: String,
    pub locale: String,
    /// Markdown.
    pub body: String,
    pub updated_by: Option<String>,
    pub updated_at: NaiveDateTime,
}

/// The stored text of a page in a language, if staff wrote one.
pub fn page(conn: &mut AnyConnection, slug: &str, locale: &str) -> anyhow::Result<Option<PageRow>> {
    Ok(centre_pages::table
        .filter(centre_pages::slug.eq(slug))
        .filter(centre_pages::locale.eq(locale))
        .select(PageRow::as_select())
        .first(conn)
        .optional()?)
}

/// Replaces a page's text in its language (call inside a write).
pub fn put_page(conn: &mut AnyConnection, row: &PageRow) -> anyhow::Result<()> {
    diesel::delete(
        centre_pages::table.filter(centre_pages::slug.eq(&row.slug)).filter(centre_pages::locale.eq(&row.locale)),
    )
    .execute(conn)?;
    diesel::insert_into(centre_pages::table).values(row).execute(conn)?;
    Ok(())
}

/// A news item.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = news, treat_none_as_null = true)]
pub struct NewsRow {
    pub id: String,
    pub title_vi: String,
    pub title_en: String,
    pub body_vi: String,
    pub body_en: String,
    pub photo_sha256: String,
    pub photo_type: String,
    pub published_at: Option<NaiveDateTime>,
    pub created_by: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

pub fn insert_news(conn: &mut AnyConnection, row: &NewsRow) -> anyhow::Result<()> {
    diesel::insert_into(news::table).values(row).execute(conn)?;
    Ok(())
}

pub fn update_news(conn: &mut AnyConnection, row: &NewsRow) -> anyhow::Result<()> {
    diesel::update(news::table.find(&row.id)).set(row).execute(conn)?;
    Ok(())
}

pub fn news_item(conn: &mut AnyConnection, id: &str) -> anyhow::Result<Option<NewsRow>> {
    Ok(news::table.find(id).select(NewsRow::as_select()).first(conn).optional()?)
}

/// Published news up to `now`, newest first; every item (drafts too) for staff.
pub fn news_list(conn: &mut AnyConnection, now: Option<NaiveDateTime>, limit: i64) -> anyhow::Result<Vec<NewsRow>> {
    let mut q = news::table.select(NewsRow::as_select()).into_boxed();
    if let Some(now) = now {
        q = q.filter(news::published_at.le(now));
    }
    Ok(q.order((news::published_at.desc(), news::created_at.desc())).limit(limit).load(conn)?)
}

/// Whether another news item uses a photo (its file then stays).
pub fn photo_uses(conn: &mut AnyConnection, sha: &str) -> anyhow::Result<i64> {
    Ok(news::table.filter(news::photo_sha256.eq(sha)).count().get_result(conn)?)
}

/// The centre's targets for a year.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = year_targets)]
pub struct TargetsRow {
    pub year: i32,
    pub sessions: i32,
    pub showcase_min: i32,
    pub showcase_max: i32,
    pub connections: i32,
    pub contracts: i32,
    pub revenue_min: i64,
    pub revenue_max: i64,
    pub updated_by: Option<String>,
    pub updated_at: NaiveDateTime,
}

pub fn targets(conn: &mut AnyConnection, year: i32) -> anyhow::Result<Option<TargetsRow>> {
    Ok(year_targets::table.find(year).select(TargetsRow::as_select()).first(conn).optional()?)
}

/// Replaces a year's targets (call inside a write).
pub fn put_targets(conn: &mut AnyConnection, row: &TargetsRow) -> anyhow::Result<()> {
    diesel::delete(year_targets::table.find(row.year)).execute(conn)?;
    diesel::insert_into(year_targets::table).values(row).execute(conn)?;
    Ok(())
}

/// A service contract the centre signed.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = service_contracts)]
pub struct ContractRow {
    pub id: String,
    pub client: String,
    pub service: String,
    pub signed_on: NaiveDate,
    pub value: i64,
    pub created_by: Option<String>,
    pub created_at: NaiveDateTime,
}

pub fn insert_contract(conn: &mut AnyConnection, row: &ContractRow) -> anyhow::Result<()> {
    diesel::insert_into(service_contracts::table).values(row).execute(conn)?;
    Ok(())
}

pub fn delete_contract(conn: &mut AnyConnection, id: &str) -> anyhow::Result<Option<ContractRow>> {
    let row = service_contracts::table.find(id).select(ContractRow::as_select()).first(conn).optional()?;
    if row.is_some() {
        diesel::delete(service_contracts::table.find(id)).execute(conn)?;
    }
    Ok(row)
}

/// Contracts signed between two dates (inclusive), by date.
pub fn contracts(conn: &mut AnyConnection, from: NaiveDate, to: NaiveDate) -> anyhow::Result<Vec<ContractRow>> {
    Ok(service_contracts::table
        .filter(service_contracts::signed_on.ge(from))
        .filter(service_contracts::signed_on.le(to))
        .order((service_contracts::signed_on.asc(), service_contracts::id.asc()))
        .select(ContractRow::as_select())
        .load(conn)?)
}
