//! Queries on `interests`: expressions of interest and their answers (see the migration).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::AnyConnection;
use super::schema::interests;

/// A stored expression of interest.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = interests)]
pub struct Interest {
    pub id: String,
    /// `offer` or `need`.
    pub listing_kind: String,
    pub listing_id: String,
    pub owner_org: String,
    pub sender_org: String,
    pub sender_user: Option<String>,
    pub message: String,
    /// `open`, `accepted`, `declined`, `withdrawn` or `expired`.
    pub status: String,
    pub answer: String,
    pub answered_by: Option<String>,
    pub created_at: NaiveDateTime,
    pub answered_at: Option<NaiveDateTime>,
    pub reminded_at: Option<NaiveDateTime>,
    pub reasons: String,
}

pub fn insert(conn: &mut AnyConnection, i: &Interest) -> anyhow::Result<()> {
    diesel::insert_into(interests::table).values(i).execute(conn)?;
    Ok(())
}

pub fn get(conn: &mut AnyConnection, id: &str) -> anyhow::Result<Option<Interest>> {
    Ok(interests::table.find(id).select(Interest::as_select()).first(conn).optional()?)
}

/// The open expression of `org` on a listing, if any.
pub fn open_of(conn: &mut AnyConnection, org: &str, kind: &str, listing: &str) -> anyhow::Result<Option<Interest>> {
    Ok(interests::table
        .filter(interests::sender_org.eq(org))
        .filter(interests::listing_kind.eq(kind))
        .filter(interests::listing_id.eq(listing))
        .filter(interests::status.eq("open"))
        .select(Interest::as_select())
        .first(conn)
        .optional()?)
}

/// How many expressions `org` sent since `since`.
pub fn sent_since(conn: &mut AnyConnection, org: &str, since: NaiveDateTime) -> anyhow::Result<i64> {
    Ok(interests::table
        .filter(interests::sender_org.eq(org))
        .filter(interests::created_at.ge(since))
        .count()
        .get_result(conn)?)
}

/// Closes an open expression: its new status, the answer and who gave it. False when it was no
/// longer open (answered, withdrawn or expired meanwhile).
pub fn close(
    conn: &mut AnyConnection,
    id: &str,
    status: &str,
    answer: &str,
    by: Option<&str>,
    at: NaiveDateTime,
) -> anyhow::Result<bool> {
    let n = diesel::update(interests::table.find(id).filter(interests::status.eq("open")))
        .set((
            interests::status.eq(status),
            interests::answer.eq(answer),
            interests::answered_by.eq(by),
            interests::answered_at.eq(Some(at)),
        ))
        .execute(conn)?;
    Ok(n == 1)
}

/// Every expression sent or received by `org`, newest first.
pub fn of_organisation(conn: &mut AnyConnection, org: &str) -> anyhow::Result<Vec<Interest>> {
    Ok(interests::table
        .filter(interests::sender_org.eq(org).or(interests::owner_org.eq(org)))
        .order((interests::created_at.desc(), interests::id.desc()))
        .select(Interest::as_select())
        .load(conn)?)
}

/// Every expression a person wrote (for their data export).
pub fn by_sender(conn: &mut AnyConnection, user: &str) -> anyhow::Result<Vec<Interest>> {
    Ok(interests::table
        .filter(interests::sender_user.eq(user))
        .order(interests::created_at.asc())
        .select(Interest::as_select())
        .load(conn)?)
}

/// Open expressions created before `before` and not yet reminded of.
pub fn unreminded_before(conn: &mut AnyConnection, before: NaiveDateTime) -> anyhow::Result<Vec<Interest>> {
    Ok(interests::table
        .filter(interests::status.eq("open"))
        .filter(interests::created_at.lt(before))
        .filter(interests::reminded_at.is_null())
        .select(Interest::as_select())
        .load(conn)?)
}

/// Open expressions created before `before`.
pub fn open_before(conn: &mut AnyConnection, before: NaiveDateTime) -> anyhow::Result<Vec<Interest>> {
    Ok(interests::table
        .filter(interests::status.eq("open"))
        .filter(interests::created_at.lt(before))
        .select(Interest::as_select())
        .load(conn)?)
}

pub fn set_reminded(conn: &mut AnyConnection, id: &str, at: NaiveDateTime) -> anyhow::Result<()> {
    diesel::update(interests::table.find(id)).set(interests::reminded_at.eq(Some(at))).execute(conn)?;
    Ok(())
}

/// Every expression, oldest first (the staff's pipeline).
pub fn all(conn: &mut AnyConnection) -> anyhow::Result<Vec<Interest>> {
    Ok(interests::table.order(interests::created_at.asc()).select(Interest::as_select()).load(conn)?)
}
