//! Queries on `login_sessions`: the sign-in sessions of the pages (only the SHA-256 of the cookie
//! token is stored), each with its CSRF token and, once signed in, the user. Signing in always starts a new row, so a
//! session id known before sign-in (fixation) is worthless after it.

use chrono::{NaiveDateTime, TimeDelta};
use diesel::prelude::*;

use super::AnyConnection;
use super::schema::{login_sessions, organisations, users};
use super::users::UserRow;
use crate::domain::signed::{random_token, token_hash};
use crate::domain::{User, UserId};

/// How long a signed-in session lasts without use.
pub const SIGNED_IN_IDLE: TimeDelta = TimeDelta::days(14);
/// How long a visitor's session (only a CSRF token for the sign-in and registration forms) lasts.
pub const VISITOR_IDLE: TimeDelta = TimeDelta::hours(2);

/// A stored row.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = login_sessions)]
pub struct SessionRow {
    pub id: String,
    pub user_id: Option<String>,
    pub csrf_token: String,
    pub created_at: NaiveDateTime,
    pub last_seen_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub ip: String,
    pub user_agent: String,
}

/// A session found by its cookie, with its user (and whether the user's organisation is verified).
#[derive(Debug, Clone)]
pub struct Found {
    pub row: SessionRow,
    pub user: Option<(User, bool)>,
}

/// A new session: the token for the cookie and the CSRF token for forms.
#[derive(Debug, Clone)]
pub struct NewSession {
    pub token: String,
    pub csrf: String,
}

/// Starts a session, for `user` or for a visitor.
pub fn create(
    conn: &mut AnyConnection,
    user: Option<UserId>,
    ip: &str,
    user_agent: &str,
) -> anyhow::Result<NewSession> {
    let token = random_token()?;
    let csrf = random_token()?;
    let now = super::now();
    let idle = if user.is_some() { SIGNED_IN_IDLE } else { VISITOR_IDLE };
    let row = SessionRow {
        id: token_hash(&token),
        user_id: user.map(|u| u.to_string()),
        csrf_token: csrf.clone(),
        created_at: now,
        last_seen_at: now,
        expires_at: now + idle,
        ip: ip.chars().take(64).collect(),
        user_agent: user_agent.chars().take(300).collect(),
    };
    diesel::insert_into(login_sessions::table).values(&row).execute(conn)?;
    Ok(NewSession { token, csrf })
}

/// The live session of a cookie token. Extends a signed-in session's expiry at most once an hour,
/// so reading a page rarely writes.
pub fn find(conn: &mut AnyConnection, token: &str) -> anyhow::Result<Option<Found>> {
    let now = super::now();
    let row: Option<SessionRow> = login_sessions::table
        .find(token_hash(token))
        .filter(login_sessions::expires_at.gt(now))
        .select(SessionRow::as_select())
        .first(conn)
        .optional()?;
    let Some(row) = row else { return Ok(None) };
    let user = match &row.user_id {
        None => None,
        Some(uid) => {
            let found: Option<(UserRow, Option<NaiveDateTime>)> = users::table
                .left_join(organisations::table)
                .filter(users::id.eq(uid))
                // A disabled account's session is as good as none (its rows go when it is disabled).
                .filter(users::disabled_at.is_null())
                .select((UserRow::as_select(), organisations::verified_at.nullable()))
                .first(conn)
                .optional()?;
            match found {
                Some((u, verified)) => Some((User::try_from(u)?, verified.is_some())),
                None => return Ok(None),
            }
        }
    };
    if user.is_some() && now - row.last_seen_at > TimeDelta::hours(1) {
        diesel::update(login_sessions::table.find(&row.id))
            .set((login_sessions::last_seen_at.eq(now), login_sessions::expires_at.eq(now + SIGNED_IN_IDLE)))
            .execute(conn)?;
    }
    Ok(Some(Found { row, user }))
}

/// Ends one session.
pub fn delete(conn: &mut AnyConnection, token: &str) -> anyhow::Result<()> {
    diesel::delete(login_sessions::table.find(token_hash(token))).execute(conn)?;
    Ok(())
}

/// Ends every session of a user except the one with `keep` (a token), e.g. after a password change.
pub fn delete_for_user(conn: &mut AnyConnection, user: UserId, keep: Option<&str>) -> anyhow::Result<usize> {
    let keep = keep.map(token_hash).unwrap_or_default();
    Ok(diesel::delete(
        login_sessions::table.filter(login_sessions::user_id.eq(user.to_string())).filter(login_sessions::id.ne(keep)),
    )
    .execute(conn)?)
}

/// Removes expired sessions; returns how many.
pub fn purge_expired(conn: &mut AnyConnection) -> anyhow::Result<usize> {
    Ok(diesel::delete(login_sessions::table.filter(login_sessions::expires_at.le(super::now()))).execute(conn)?)
}

/// The sessions of a user (for the data export), newest first.
pub fn for_user(conn: &mut AnyConnection, user: UserId) -> anyhow::Result<Vec<SessionRow>> {
    Ok(login_sessions::table
        .filter(login_sessions::user_id.eq(user.to_string()))
        .order(login_sessions::created_at.desc())
        .select(SessionRow::as_select())
        .load(conn)?)
}
