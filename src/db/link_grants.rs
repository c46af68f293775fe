//! Queries on `link_grants`: the one nonce under a key that an emailed link must carry to work.
//! A newer link replaces the grant (so only the latest works) and using a link takes it (so it
//! works once).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::AnyConnection;
use super::schema::link_grants;

/// Makes `nonce` the only one that works under `key` until `expires_at`.
pub fn grant(conn: &mut AnyConnection, key: &str, nonce: &str, expires_at: NaiveDateTime) -> anyhow::Result<()> {
    diesel::delete(link_grants::table.find(key)).execute(conn)?;
    diesel::insert_into(link_grants::table)
        .values((link_grants::key.eq(key), link_grants::nonce.eq(nonce), link_grants::expires_at.eq(expires_at)))
        .execute(conn)?;
    Ok(())
}

/// Whether `nonce` still works under `key`.
pub fn holds(conn: &mut AnyConnection, key: &str, nonce: &str) -> anyhow::Result<bool> {
    let n: i64 = link_grants::table
        .filter(link_grants::key.eq(key))
        .filter(link_grants::nonce.eq(nonce))
        .filter(link_grants::expires_at.gt(super::now()))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// Uses the grant: true when `nonce` worked under `key` (and now no longer does).
pub fn take(conn: &mut AnyConnection, key: &str, nonce: &str) -> anyhow::Result<bool> {
    let n = diesel::delete(
        link_grants::table
            .filter(link_grants::key.eq(key))
            .filter(link_grants::nonce.eq(nonce))
            .filter(link_grants::expires_at.gt(super::now())),
    )
    .execute(conn)?;
    Ok(n == 1)
}

/// Removes expired grants; returns how many.
pub fn purge_expired(conn: &mut AnyConnection) -> anyhow::Result<usize> {
    Ok(diesel::delete(link_grants::table.filter(link_grants::expires_at.le(super::now()))).execute(conn)?)
}
