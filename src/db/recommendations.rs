//! The stored suggestion lists (see the migration): one row per place in a need's list of offers
//! or an offer's list of needs, and the change-log cursor they reflect.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::AnyConnection;
use super::schema::{recommendation_cursor, recommendation_feedback, recommendations};
use crate::domain::ListingKind;

/// One place in a list.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = recommendations)]
pub struct Row {
    /// The kind of the listing whose list this is (`need`: a list of offers).
    pub side: String,
    pub listing_id: String,
    /// 1 for the best.
    pub rank: i32,
    pub other_id: String,
    pub score: f64,
    pub relevance: f64,
    /// The heaviest shared terms, separated by `|`.
    pub terms: String,
    pub computed_at: NaiveDateTime,
}

/// The list of one listing, best first.
pub fn list(conn: &mut AnyConnection, side: ListingKind, id: &str) -> anyhow::Result<Vec<Row>> {
    Ok(recommendations::table
        .filter(recommendations::side.eq(side.code()))
        .filter(recommendations::listing_id.eq(id))
        .order(recommendations::rank.asc())
        .select(Row::as_select())
        .load(conn)?)
}

/// Every stored list as (side, listing, the other listings in rank order).
pub fn all_orders(conn: &mut AnyConnection) -> anyhow::Result<Vec<(String, String, Vec<String>)>> {
    let rows: Vec<(String, String, String)> = recommendations::table
        .order((recommendations::side, recommendations::listing_id, recommendations::rank))
        .select((recommendations::side, recommendations::listing_id, recommendations::other_id))
        .load(conn)?;
    let mut out: Vec<(String, String, Vec<String>)> = Vec::new();
    for (side, listing, other) in rows {
        match out.last_mut() {
            Some((s, l, others)) if *s == side && *l == listing => others.push(other),
            _ => out.push((side, listing, vec![other])),
        }
    }
    Ok(out)
}

/// Replaces the list of one listing (an empty `rows` removes it).
pub fn replace(conn: &mut AnyConnection, side: &str, id: &str, rows: &[Row]) -> anyhow::Result<()> {
    diesel::delete(
        recommendations::table.filter(recommendations::side.eq(side)).filter(recommendations::listing_id.eq(id)),
    )
    .execute(conn)?;
    insert(conn, rows)
}

/// Removes every list.
pub fn clear(conn: &mut AnyConnection) -> anyhow::Result<usize> {
    Ok(diesel::delete(recommendations::table).execute(conn)?)
}

/// Stores rows (in batches: SQLite limits the parameters of one statement).
pub fn insert(conn: &mut AnyConnection, rows: &[Row]) -> anyhow::Result<()> {
    // 8 columns a row: 1,000 rows stay under SQLite's 32,766 parameters.
    for chunk in rows.chunks(1000) {
        let insert = diesel::insert_into(recommendations::table).values(chunk);
        match conn {
            AnyConnection::Postgresql(c) => insert.execute(c)?,
            AnyConnection::Sqlite(c) => insert.execute(c)?,
        };
    }
    Ok(())
}

/// The last change the lists reflect and their length.
pub fn cursor(conn: &mut AnyConnection) -> anyhow::Result<(i64, usize)> {
    let q =
        recommendation_cursor::table.find(1).select((recommendation_cursor::last_change, recommendation_cursor::top));
    Ok(q.first::<(i64, i32)>(conn).optional()?.map_or((0, 10), |(l, t)| (l, usize::try_from(t).unwrap_or(10))))
}

/// [`cursor`], locked until the transaction ends on PostgreSQL (on SQLite the write transaction
/// holds the lock), so that one node at a time writes the lists.
pub fn cursor_for_update(conn: &mut AnyConnection) -> anyhow::Result<i64> {
    let q = recommendation_cursor::table.find(1).select(recommendation_cursor::last_change);
    Ok(match conn {
        AnyConnection::Postgresql(c) => q.for_update().first::<i64>(c).optional()?,
        AnyConnection::Sqlite(c) => q.first::<i64>(c).optional()?,
    }
    .unwrap_or(0))
}

/// Records the last change the lists reflect and their length.
pub fn set_cursor(conn: &mut AnyConnection, last: i64, top: usize) -> anyhow::Result<()> {
    diesel::update(recommendation_cursor::table.find(1))
        .set((
            recommendation_cursor::last_change.eq(last),
            recommendation_cursor::top.eq(i32::try_from(top).unwrap_or(i32::MAX)),
        ))
        .execute(conn)?;
    Ok(())
}

/// A member's judgement of a suggestion.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = recommendation_feedback)]
pub struct Feedback {
    pub side: String,
    pub listing_id: String,
    pub other_id: String,
    pub organisation_id: String,
    pub user_id: Option<String>,
    pub useful: bool,
    pub sector: String,
    pub at: NaiveDateTime,
}

/// Records a judgement, replacing the organisation's earlier one on the same pair.
pub fn record_feedback(conn: &mut AnyConnection, f: &Feedback) -> anyhow::Result<()> {
    use recommendation_feedback::dsl as d;
    diesel::delete(
        d::recommendation_feedback
            .filter(d::side.eq(&f.side))
            .filter(d::listing_id.eq(&f.listing_id))
            .filter(d::other_id.eq(&f.other_id))
            .filter(d::organisation_id.eq(&f.organisation_id)),
    )
    .execute(conn)?;
    diesel::insert_into(d::recommendation_feedback).values(f).execute(conn)?;
    Ok(())
}

/// An organisation's judgements on one listing's list: suggested listing → useful.
pub fn feedback_on(
    conn: &mut AnyConnection,
    side: ListingKind,
    id: &str,
    organisation: &str,
) -> anyhow::Result<std::collections::HashMap<String, bool>> {
    use recommendation_feedback::dsl as d;
    let rows: Vec<(String, bool)> = d::recommendation_feedback
        .filter(d::side.eq(side.code()))
        .filter(d::listing_id.eq(id))
        .filter(d::organisation_id.eq(organisation))
        .select((d::other_id, d::useful))
        .load(conn)?;
    Ok(rows.into_iter().collect())
}

/// Every judgement, oldest first (the staff's precision figures and the regression fixture).
pub fn all_feedback(conn: &mut AnyConnection) -> anyhow::Result<Vec<Feedback>> {
    use recommendation_feedback::dsl as d;
    Ok(d::recommendation_feedback.order((d::at.asc(), d::listing_id.asc())).select(Feedback::as_select()).load(conn)?)
}

/// The judgements a person made (their data export).
pub fn feedback_by(conn: &mut AnyConnection, user: &str) -> anyhow::Result<Vec<Feedback>> {
    use recommendation_feedback::dsl as d;
    Ok(d::recommendation_feedback
        .filter(d::user_id.eq(user))
        .order(d::at.asc())
        .select(Feedback::as_select())
        .load(conn)?)
}

/// How many suggestions the stored lists of `ids` hold, by listing id.
pub fn counts(conn: &mut AnyConnection, ids: &[String]) -> anyhow::Result<std::collections::HashMap<String, i64>> {
    let rows: Vec<(String, i64)> = recommendations::table
        .filter(recommendations::listing_id.eq_any(ids))
        .group_by(recommendations::listing_id)
        .select((recommendations::listing_id, diesel::dsl::count_star()))
        .load(conn)?;
    Ok(rows.into_iter().collect())
}
