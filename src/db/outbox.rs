//! Queries on `outbox`: enqueue (idempotent by dedupe key), claim, and the state changes of the
//! delivery worker. Claiming is a conditional `UPDATE` whose affected-row count decides who owns
//! a row, so any number of workers on PostgreSQL (or one process on SQLite) never send one row
//! twice while its claim is valid.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::AnyConnection;
use super::schema::outbox;

/// Waiting for its (next) attempt.
pub const QUEUED: &str = "queued";
/// Claimed by a worker; if the claim expires the row is due again.
pub const SENDING: &str = "sending";
/// Accepted by the relay (or written to a file).
pub const SENT: &str = "sent";
/// Given up: a permanent refusal or too many attempts. Staff can retry it.
pub const FAILED: &str = "failed";

/// A stored message.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = outbox)]
pub struct OutboxRow {
    pub id: String,
    pub dedupe_key: String,
    pub recipient: String,
    pub locale: String,
    pub template: String,
    pub subject: String,
    /// The whole RFC 5322 message as formatted once at enqueue time.
    pub message: String,
    pub message_id: String,
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
    pub claimed_until: Option<NaiveDateTime>,
    pub last_error: Option<String>,
    pub entity_type: Option<String>,
    pub entity_id: Option<String>,
    pub created_at: NaiveDateTime,
    pub sent_at: Option<NaiveDateTime>,
}

/// Inserts unless a row with the same dedupe key exists; returns whether it was inserted.
/// `ON CONFLICT DO NOTHING` is not available through the multi-backend connection, and a failed
/// insert would abort a PostgreSQL transaction, so each backend gets the statement directly.
pub fn insert_if_new(conn: &mut AnyConnection, row: &OutboxRow) -> anyhow::Result<bool> {
    let n = match conn {
        AnyConnection::Postgresql(c) => {
            diesel::insert_into(outbox::table).values(row).on_conflict_do_nothing().execute(c)?
        }
        AnyConnection::Sqlite(c) => {
            diesel::insert_into(outbox::table).values(row).on_conflict_do_nothing().execute(c)?
        }
    };
    Ok(n == 1)
}

/// Ids of rows due at `now`: queued and due, or sending with an expired claim; oldest first.
pub fn due(conn: &mut AnyConnection, now: NaiveDateTime, limit: i64) -> anyhow::Result<Vec<String>> {
    Ok(outbox::table
        .filter(
            outbox::status
                .eq(QUEUED)
                .and(outbox::next_attempt_at.le(now))
                .or(outbox::status.eq(SENDING).and(outbox::claimed_until.lt(now))),
        )
        .order((outbox::next_attempt_at.asc(), outbox::id.asc()))
        .limit(limit)
        .select(outbox::id)
        .load(conn)?)
}

/// Claims the due rows among `ids` until `until` in one statement, counting the attempt, and
/// returns the rows this caller owns now (a concurrent worker's claim makes a row not due, so it
/// is skipped; the lease instant tells ours apart).
pub fn claim_many(
    conn: &mut AnyConnection,
    ids: &[String],
    now: NaiveDateTime,
    until: NaiveDateTime,
) -> anyhow::Result<Vec<OutboxRow>> {
    diesel::update(
        outbox::table.filter(outbox::id.eq_any(ids)).filter(
            outbox::status
                .eq(QUEUED)
                .and(outbox::next_attempt_at.le(now))
                .or(outbox::status.eq(SENDING).and(outbox::claimed_until.lt(now))),
        ),
    )
    .set((outbox::status.eq(SENDING), outbox::claimed_until.eq(until), outbox::attempts.eq(outbox::attempts + 1)))
    .execute(conn)?;
    Ok(outbox::table
        .filter(outbox::id.eq_any(ids))
        .filter(outbox::status.eq(SENDING))
        .filter(outbox::claimed_until.eq(until))
        .order((outbox::next_attempt_at.asc(), outbox::id.asc()))
        .select(OutboxRow::as_select())
        .load(conn)?)
}

/// Records the delivery of several rows at once.
pub fn mark_sent_many(conn: &mut AnyConnection, ids: &[String], now: NaiveDateTime) -> anyhow::Result<()> {
    diesel::update(outbox::table.filter(outbox::id.eq_any(ids)))
        .set((outbox::status.eq(SENT), outbox::sent_at.eq(now), outbox::claimed_until.eq(None::<NaiveDateTime>)))
        .execute(conn)?;
    Ok(())
}

/// One row.
pub fn get(conn: &mut AnyConnection, id: &str) -> anyhow::Result<Option<OutboxRow>> {
    Ok(outbox::table.find(id).select(OutboxRow::as_select()).first(conn).optional()?)
}

/// The row of a dedupe key.
pub fn by_dedupe_key(conn: &mut AnyConnection, key: &str) -> anyhow::Result<Option<OutboxRow>> {
    Ok(outbox::table.filter(outbox::dedupe_key.eq(key)).select(OutboxRow::as_select()).first(conn).optional()?)
}

/// Puts a row back in the queue after a transient failure.
pub fn mark_retry(conn: &mut AnyConnection, id: &str, next: NaiveDateTime, error: &str) -> anyhow::Result<()> {
    diesel::update(outbox::table.find(id))
        .set((
            outbox::status.eq(QUEUED),
            outbox::next_attempt_at.eq(next),
            outbox::claimed_until.eq(None::<NaiveDateTime>),
            outbox::last_error.eq(error),
        ))
        .execute(conn)?;
    Ok(())
}

/// Gives up on a row, keeping the reason.
pub fn mark_failed(conn: &mut AnyConnection, id: &str, error: &str) -> anyhow::Result<()> {
    diesel::update(outbox::table.find(id))
        .set((outbox::status.eq(FAILED), outbox::claimed_until.eq(None::<NaiveDateTime>), outbox::last_error.eq(error)))
        .execute(conn)?;
    Ok(())
}

/// Queues a failed (or any unsent) row again with a fresh attempt budget; false if it does not
/// exist or was already sent.
pub fn retry(conn: &mut AnyConnection, id: &str, now: NaiveDateTime) -> anyhow::Result<bool> {
    let n = diesel::update(outbox::table.find(id).filter(outbox::status.ne(SENT)))
        .set((
            outbox::status.eq(QUEUED),
            outbox::attempts.eq(0),
            outbox::next_attempt_at.eq(now),
            outbox::claimed_until.eq(None::<NaiveDateTime>),
        ))
        .execute(conn)?;
    Ok(n == 1)
}

/// Queues every failed row again; returns how many.
pub fn retry_failed(conn: &mut AnyConnection, now: NaiveDateTime) -> anyhow::Result<usize> {
    Ok(diesel::update(outbox::table.filter(outbox::status.eq(FAILED)))
        .set((outbox::status.eq(QUEUED), outbox::attempts.eq(0), outbox::next_attempt_at.eq(now)))
        .execute(conn)?)
}

/// Row counts per status.
pub fn counts(conn: &mut AnyConnection) -> anyhow::Result<Vec<(String, i64)>> {
    Ok(outbox::table
        .group_by(outbox::status)
        .select((outbox::status, diesel::dsl::count_star()))
        .order(outbox::status.asc())
        .load(conn)?)
}

/// When the oldest unsent row was created.
pub fn oldest_unsent(conn: &mut AnyConnection) -> anyhow::Result<Option<NaiveDateTime>> {
    Ok(outbox::table
        .filter(outbox::status.eq_any([QUEUED, SENDING]))
        .select(diesel::dsl::min(outbox::created_at))
        .first(conn)?)
}

/// The most recent rows with an error, newest first.
pub fn recent_errors(conn: &mut AnyConnection, limit: i64) -> anyhow::Result<Vec<OutboxRow>> {
    Ok(outbox::table
        .filter(outbox::last_error.is_not_null())
        .filter(outbox::status.ne(SENT))
        .order(outbox::id.desc())
        .limit(limit)
        .select(OutboxRow::as_select())
        .load(conn)?)
}

/// Rows of one status (every status with `None`), newest first.
pub fn list(conn: &mut AnyConnection, status: Option<&str>, limit: i64) -> anyhow::Result<Vec<OutboxRow>> {
    let mut q = outbox::table.select(OutboxRow::as_select()).into_boxed();
    if let Some(s) = status {
        q = q.filter(outbox::status.eq(s.to_string()));
    }
    Ok(q.order(outbox::id.desc()).limit(limit).load(conn)?)
}

/// Rows queued (or being sent) since before `before`, oldest first.
pub fn waiting_since(conn: &mut AnyConnection, before: NaiveDateTime, limit: i64) -> anyhow::Result<Vec<OutboxRow>> {
    Ok(outbox::table
        .filter(outbox::status.eq_any([QUEUED, SENDING]))
        .filter(outbox::created_at.lt(before))
        .order(outbox::created_at.asc())
        .limit(limit)
        .select(OutboxRow::as_select())
        .load(conn)?)
}
