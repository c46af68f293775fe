//! Queries on `attachments`: the images and brochures of listings (the bytes live in files).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::AnyConnection;
use super::schema::attachments;
use crate::domain::ListingKind;

/// A stored row.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable, serde::Serialize)]
#[diesel(table_name = attachments)]
pub struct AttachmentRow {
    pub id: String,
    pub listing_kind: String,
    pub listing_id: String,
    pub organisation_id: String,
    /// As uploaded (shown, never used as a path).
    pub filename: String,
    /// As sniffed from the bytes.
    pub content_type: String,
    pub size: i64,
    /// Where the bytes are: `files/<sha256>`.
    pub sha256: String,
    pub width: Option<i32>,
    pub height: Option<i32>,
    pub created_at: NaiveDateTime,
}

impl AttachmentRow {
    /// Whether it is an image (with a thumbnail).
    pub fn is_image(&self) -> bool {
        self.content_type.starts_with("image/")
    }
}

pub fn insert(conn: &mut AnyConnection, r: &AttachmentRow) -> anyhow::Result<()> {
    diesel::insert_into(attachments::table).values(r).execute(conn)?;
    Ok(())
}

/// The attachments of a listing, in upload order.
pub fn of_listing(conn: &mut AnyConnection, kind: ListingKind, id: &str) -> anyhow::Result<Vec<AttachmentRow>> {
    Ok(attachments::table
        .filter(attachments::listing_kind.eq(kind.code()))
        .filter(attachments::listing_id.eq(id))
        .order(attachments::created_at.asc())
        .select(AttachmentRow::as_select())
        .load(conn)?)
}

pub fn get(conn: &mut AnyConnection, id: &str) -> anyhow::Result<Option<AttachmentRow>> {
    Ok(attachments::table.find(id).select(AttachmentRow::as_select()).first(conn).optional()?)
}

pub fn delete(conn: &mut AnyConnection, id: &str) -> anyhow::Result<bool> {
    Ok(diesel::delete(attachments::table.find(id)).execute(conn)? == 1)
}

/// How many attachments use these bytes (files are shared between identical uploads).
pub fn uses_of(conn: &mut AnyConnection, sha256: &str) -> anyhow::Result<i64> {
    Ok(attachments::table.filter(attachments::sha256.eq(sha256)).count().get_result(conn)?)
}

/// The first image of each of these offers (for cards and the showcase).
pub fn first_images(
    conn: &mut AnyConnection,
    kind: ListingKind,
    ids: &[String],
) -> anyhow::Result<std::collections::HashMap<String, String>> {
    let rows: Vec<(String, String)> = attachments::table
        .filter(attachments::listing_kind.eq(kind.code()))
        .filter(attachments::listing_id.eq_any(ids))
        .filter(attachments::content_type.like("image/%"))
        .order(attachments::created_at.asc())
        .select((attachments::listing_id, attachments::id))
        .load(conn)?;
    let mut out = std::collections::HashMap::new();
    for (listing, att) in rows {
        out.entry(listing).or_insert(att);
    }
    Ok(out)
}
