//! Personal API tokens. The token is shown once at creation; only its SHA-256 is stored, with a
//! short prefix so its owner can tell tokens apart.

use chrono::{NaiveDateTime, TimeDelta};
use diesel::prelude::*;

use super::AnyConnection;
use super::schema::{api_tokens, organisations, users};
use super::users::UserRow;
use crate::domain::signed::{random_token, token_hash};
use crate::domain::{OrganisationId, User, UserId};

/// Tokens are recognisable in logs and secret scanners by this prefix.
pub const PREFIX: &str = "kn_";

/// A stored row.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, serde::Serialize)]
#[diesel(table_name = api_tokens)]
pub struct TokenRow {
    pub id: String,
    pub user_id: String,
    pub organisation_id: Option<String>,
    pub name: String,
    #[serde(skip)]
    pub token_hash: String,
    pub prefix: String,
    pub created_at: NaiveDateTime,
    pub last_used_at: Option<NaiveDateTime>,
    pub revoked_at: Option<NaiveDateTime>,
}

/// Creates a token for `user` acting for `organisation`; returns the row and the secret (shown once).
pub fn create(
    conn: &mut AnyConnection,
    user: UserId,
    organisation: Option<OrganisationId>,
    name: &str,
) -> anyhow::Result<(TokenRow, String)> {
    let secret = format!("{PREFIX}{}", random_token()?);
    let row = TokenRow {
        id: uuid::Uuid::now_v7().to_string(),
        user_id: user.to_string(),
        organisation_id: organisation.map(|o| o.to_string()),
        name: name.to_string(),
        token_hash: token_hash(&secret),
        prefix: secret.chars().take(PREFIX.len() + 6).collect(),
        created_at: super::now(),
        last_used_at: None,
        revoked_at: None,
    };
    diesel::insert_into(api_tokens::table).values(&row).execute(conn)?;
    Ok((row, secret))
}

/// A live token's row and its user (with whether the token's organisation is verified). Records
/// the use at most once a minute.
pub fn authenticate(conn: &mut AnyConnection, secret: &str) -> anyhow::Result<Option<(TokenRow, User, bool)>> {
    let found: Option<(TokenRow, UserRow)> = api_tokens::table
        .inner_join(users::table)
        .filter(api_tokens::token_hash.eq(token_hash(secret)))
        .filter(api_tokens::revoked_at.is_null())
        .filter(users::disabled_at.is_null())
        .select((TokenRow::as_select(), UserRow::as_select()))
        .first(conn)
        .optional()?;
    let Some((row, user)) = found else { return Ok(None) };
    let verified = match &row.organisation_id {
        Some(o) => organisations::table
            .find(o)
            .select(organisations::verified_at)
            .first::<Option<NaiveDateTime>>(conn)
            .optional()?
            .flatten()
            .is_some(),
        None => false,
    };
    let now = super::now();
    if row.last_used_at.is_none_or(|t| now - t > TimeDelta::minutes(1)) {
        diesel::update(api_tokens::table.find(&row.id)).set(api_tokens::last_used_at.eq(now)).execute(conn)?;
    }
    Ok(Some((row, User::try_from(user)?, verified)))
}

/// The tokens of a user, newest first.
pub fn for_user(conn: &mut AnyConnection, user: UserId) -> anyhow::Result<Vec<TokenRow>> {
    Ok(api_tokens::table
        .filter(api_tokens::user_id.eq(user.to_string()))
        .order(api_tokens::created_at.desc())
        .select(TokenRow::as_select())
        .load(conn)?)
}

/// The owner of a token, if the token exists.
pub fn owner(conn: &mut AnyConnection, id: &str) -> anyhow::Result<Option<UserId>> {
    api_tokens::table
        .find(id)
        .select(api_tokens::user_id)
        .first::<String>(conn)
        .optional()?
        .map(|u| u.parse().map_err(anyhow::Error::from))
        .transpose()
}

/// Revokes one token (idempotent); true when it was live.
pub fn revoke(conn: &mut AnyConnection, id: &str) -> anyhow::Result<bool> {
    Ok(diesel::update(api_tokens::table.find(id).filter(api_tokens::revoked_at.is_null()))
        .set(api_tokens::revoked_at.eq(super::now()))
        .execute(conn)?
        > 0)
}

/// Revokes every live token of a user (leaving an organisation, deleting the account).
pub fn revoke_all(conn: &mut AnyConnection, user: UserId) -> anyhow::Result<usize> {
    Ok(diesel::update(
        api_tokens::table.filter(api_tokens::user_id.eq(user.to_string())).filter(api_tokens::revoked_at.is_null()),
    )
    .set(api_tokens::revoked_at.eq(super::now()))
    .execute(conn)?)
}
