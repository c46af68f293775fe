//! The search change log (see the migration): written with every listing change, read in id
//! order by each node's index follower.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::AnyConnection;
use super::schema::search_changes;
use crate::domain::ListingKind;

/// Records that a listing changed, in the caller's transaction.
pub fn record(conn: &mut AnyConnection, kind: ListingKind, id: &str) -> anyhow::Result<()> {
    diesel::insert_into(search_changes::table)
        .values((
            search_changes::listing_kind.eq(kind.code()),
            search_changes::listing_id.eq(id),
            search_changes::at.eq(super::now()),
        ))
        .execute(conn)?;
    Ok(())
}

/// A logged change.
#[derive(Debug, Clone, PartialEq, Eq, Queryable)]
pub struct Change {
    pub id: i64,
    pub listing_kind: String,
    pub listing_id: String,
    pub at: NaiveDateTime,
}

/// Changes after `last`, in id order, at most `limit`.
pub fn after(conn: &mut AnyConnection, last: i64, limit: i64) -> anyhow::Result<Vec<Change>> {
    Ok(search_changes::table
        .filter(search_changes::id.gt(last))
        .order(search_changes::id.asc())
        .limit(limit)
        .select((search_changes::id, search_changes::listing_kind, search_changes::listing_id, search_changes::at))
        .load(conn)?)
}

/// The newest change id (0 when none): a rebuilt index starts after it.
pub fn newest(conn: &mut AnyConnection) -> anyhow::Result<i64> {
    Ok(search_changes::table.select(diesel::dsl::max(search_changes::id)).first::<Option<i64>>(conn)?.unwrap_or(0))
}
