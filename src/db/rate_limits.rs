//! Rate-limit counters in the database, so that every node of a cluster counts the same attempts.
//!
//! Two kinds: a fixed window of hits per key (requests per IP, per email address), and a failure
//! counter per account that locks it for a time doubling with each failure past a threshold.

use chrono::{NaiveDateTime, TimeDelta};
use diesel::prelude::*;

use super::AnyConnection;
use super::schema::rate_limits;

/// Failures allowed before an account is locked (the next one locks it).
pub const FREE_FAILURES: i32 = 5;
/// The first lock; each further failure doubles it, up to [`MAX_LOCK`].
pub const FIRST_LOCK: TimeDelta = TimeDelta::seconds(30);
pub const MAX_LOCK: TimeDelta = TimeDelta::hours(1);

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = rate_limits)]
struct Row {
    key: String,
    window_start: NaiveDateTime,
    hits: i32,
    failures: i32,
    locked_until: Option<NaiveDateTime>,
}

fn get(conn: &mut AnyConnection, key: &str) -> anyhow::Result<Option<Row>> {
    Ok(rate_limits::table.find(key).select(Row::as_select()).first(conn).optional()?)
}

fn fresh(key: &str, now: NaiveDateTime) -> Row {
    Row { key: key.to_string(), window_start: now, hits: 0, failures: 0, locked_until: None }
}

fn save(conn: &mut AnyConnection, row: &Row, existed: bool) -> anyhow::Result<()> {
    if existed {
        diesel::update(rate_limits::table.find(&row.key))
            .set((
                rate_limits::window_start.eq(row.window_start),
                rate_limits::hits.eq(row.hits),
                rate_limits::failures.eq(row.failures),
                rate_limits::locked_until.eq(row.locked_until),
            ))
            .execute(conn)?;
    } else {
        // Another node may have inserted the same key a moment ago: then its count stands. A
        // failed insert would abort a PostgreSQL transaction, hence ON CONFLICT per backend.
        match conn {
            AnyConnection::Postgresql(c) => {
                diesel::insert_into(rate_limits::table).values(row).on_conflict_do_nothing().execute(c)?
            }
            AnyConnection::Sqlite(c) => {
                diesel::insert_into(rate_limits::table).values(row).on_conflict_do_nothing().execute(c)?
            }
        };
    }
    Ok(())
}

/// Counts one hit on `key`; refuses with the time to wait when `limit` hits were already counted
/// in the current `window`.
pub fn hit(
    conn: &mut AnyConnection,
    key: &str,
    limit: i32,
    window: TimeDelta,
) -> anyhow::Result<Result<(), TimeDelta>> {
    let now = super::now();
    let existing = get(conn, key)?;
    let existed = existing.is_some();
    let mut row = existing.unwrap_or_else(|| fresh(key, now));
    if now - row.window_start >= window {
        row.window_start = now;
        row.hits = 0;
    }
    if row.hits >= limit {
        return Ok(Err(row.window_start + window - now));
    }
    row.hits += 1;
    save(conn, &row, existed)?;
    Ok(Ok(()))
}

/// The time left on an account's lock, if it is locked.
pub fn locked(conn: &mut AnyConnection, key: &str) -> anyhow::Result<Option<TimeDelta>> {
    let now = super::now();
    Ok(get(conn, key)?.and_then(|r| r.locked_until).filter(|t| *t > now).map(|t| t - now))
}

/// Counts a sign-in attempt on `key` before its password is checked, so that parallel attempts
/// cannot all pass a check made before any of them failed: on PostgreSQL the row is locked
/// (`FOR UPDATE`), on SQLite the write transaction is. Refuses with the time to wait while the key
/// is locked. The attempt that goes past [`FREE_FAILURES`] locks the key (for a time doubling
/// with each further failure) and is refused itself; after a lock has run out, one attempt is
/// checked and the next lock is already set. A successful attempt [`clear`]s the count.
pub fn attempt(conn: &mut AnyConnection, key: &str) -> anyhow::Result<Result<(), TimeDelta>> {
    super::write(conn, |conn| {
        let now = super::now();
        save(conn, &fresh(key, now), false)?;
        let existing = match conn {
            AnyConnection::Postgresql(c) => {
                rate_limits::table.find(key).select(Row::as_select()).for_update().first(c).optional()?
            }
            AnyConnection::Sqlite(_) => get(conn, key)?,
        };
        let mut row = existing.unwrap_or_else(|| fresh(key, now));
        if let Some(until) = row.locked_until.filter(|t| *t > now) {
            return Ok(Err(until - now));
        }
        let lock_ran_out = row.locked_until.is_some();
        row.failures += 1;
        let over = row.failures - FREE_FAILURES;
        let lock = (over >= 1).then(|| {
            let factor = 1i64 << (over - 1).min(20);
            (FIRST_LOCK * i32::try_from(factor).unwrap_or(i32::MAX)).min(MAX_LOCK)
        });
        row.locked_until = lock.map(|l| now + l);
        save(conn, &row, true)?;
        Ok(match lock {
            Some(l) if !lock_ran_out => Err(l),
            _ => Ok(()),
        })
    })
}

/// Clears the failures of `key` (a successful sign-in).
pub fn clear(conn: &mut AnyConnection, key: &str) -> anyhow::Result<()> {
    diesel::delete(rate_limits::table.find(key)).execute(conn)?;
    Ok(())
}

/// Removes counters untouched for a day.
pub fn purge_stale(conn: &mut AnyConnection) -> anyhow::Result<usize> {
    let cutoff = super::now() - TimeDelta::days(1);
    Ok(diesel::delete(
        rate_limits::table
            .filter(rate_limits::window_start.lt(cutoff))
            .filter(rate_limits::locked_until.is_null().or(rate_limits::locked_until.lt(cutoff))),
    )
    .execute(conn)?)
}
