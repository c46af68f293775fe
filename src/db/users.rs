//! Queries on `users`.

use anyhow::Context;
use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::AnyConnection;
use super::schema::users;
use crate::domain::{Email, OrganisationId, Role, User, UserId};

/// A stored row.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = users)]
pub struct UserRow {
    pub id: String,
    pub email: String,
    pub display_name: String,
    pub password_hash: Option<String>,
    pub role: String,
    pub organisation_id: Option<String>,
    pub locale: String,
    pub email_verified_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl From<&User> for UserRow {
    fn from(u: &User) -> Self {
        Self {
            id: u.id.to_string(),
            email: u.email.as_str().into(),
            display_name: u.display_name.clone(),
            password_hash: u.password_hash.clone(),
            role: u.role.code().into(),
            organisation_id: u.organisation_id.map(|o| o.to_string()),
            locale: u.locale.code().into(),
            email_verified_at: u.email_verified_at,
            created_at: u.created_at,
            updated_at: u.updated_at,
        }
    }
}

impl TryFrom<UserRow> for User {
    type Error = anyhow::Error;
    fn try_from(r: UserRow) -> anyhow::Result<Self> {
        let ctx = || format!("user {}", r.id);
        Ok(Self {
            id: r.id.parse().with_context(ctx)?,
            email: Email::parse(&r.email).with_context(ctx)?,
            role: r.role.parse().with_context(ctx)?,
            organisation_id: r.organisation_id.as_deref().map(str::parse).transpose().with_context(ctx)?,
            locale: r.locale.parse().with_context(ctx)?,
            display_name: r.display_name,
            password_hash: r.password_hash,
            email_verified_at: r.email_verified_at,
            created_at: r.created_at,
            updated_at: r.updated_at,
        })
    }
}

/// Stores a new user; fails when the email is taken (the unique index ignores case).
pub fn insert(conn: &mut AnyConnection, u: &User) -> anyhow::Result<()> {
    diesel::insert_into(users::table).values(UserRow::from(u)).execute(conn)?;
    Ok(())
}

/// The user with this email, if any.
pub fn by_email(conn: &mut AnyConnection, email: &Email) -> anyhow::Result<Option<User>> {
    users::table
        .filter(users::email.eq(email.as_str()))
        .select(UserRow::as_select())
        .first(conn)
        .optional()?
        .map(User::try_from)
        .transpose()
}

/// Replaces the password hash and role of an existing user (used by `admin create-user` on an
/// existing address).
pub fn set_password_and_role(conn: &mut AnyConnection, u: &User) -> anyhow::Result<()> {
    diesel::update(users::table.find(u.id.to_string()))
        .set((
            users::password_hash.eq(&u.password_hash),
            users::role.eq(u.role.code()),
            users::updated_at.eq(u.updated_at),
        ))
        .execute(conn)?;
    Ok(())
}

/// The number of users.
pub fn count(conn: &mut AnyConnection) -> anyhow::Result<i64> {
    Ok(users::table.count().get_result(conn)?)
}

/// One user by id.
pub fn get(conn: &mut AnyConnection, id: UserId) -> anyhow::Result<Option<User>> {
    users::table
        .find(id.to_string())
        .select(UserRow::as_select())
        .first(conn)
        .optional()?
        .map(User::try_from)
        .transpose()
}

/// Saves the editable fields of a user (name, language, email, password, role, organisation,
/// verification), stamping `updated_at`.
pub fn update(conn: &mut AnyConnection, u: &User) -> anyhow::Result<()> {
    let row = UserRow::from(u);
    diesel::update(users::table.find(&row.id))
        .set((
            users::email.eq(&row.email),
            users::display_name.eq(&row.display_name),
            users::password_hash.eq(&row.password_hash),
            users::role.eq(&row.role),
            users::organisation_id.eq(&row.organisation_id),
            users::locale.eq(&row.locale),
            users::email_verified_at.eq(row.email_verified_at),
            users::updated_at.eq(super::now()),
        ))
        .execute(conn)?;
    Ok(())
}

/// The members of an organisation, by name.
pub fn for_organisation(conn: &mut AnyConnection, org: OrganisationId) -> anyhow::Result<Vec<User>> {
    users::table
        .filter(users::organisation_id.eq(org.to_string()))
        .order(users::display_name.asc())
        .select(UserRow::as_select())
        .load(conn)?
        .into_iter()
        .map(User::try_from)
        .collect()
}

/// The centre's staff and admins, by name.
pub fn staff(conn: &mut AnyConnection) -> anyhow::Result<Vec<User>> {
    users::table
        .filter(users::role.ne(Role::Member.code()))
        .order(users::display_name.asc())
        .select(UserRow::as_select())
        .load(conn)?
        .into_iter()
        .map(User::try_from)
        .collect()
}

/// How many admins can act (not disabled): the last of them keeps the role and the account.
pub fn usable_admins(conn: &mut AnyConnection) -> anyhow::Result<i64> {
    Ok(users::table
        .filter(users::role.eq(Role::Admin.code()))
        .filter(users::disabled_at.is_null())
        .count()
        .get_result(conn)?)
}

/// Deletes a user; sessions and tokens go with it, audit entries keep the action without the actor.
pub fn delete(conn: &mut AnyConnection, id: UserId) -> anyhow::Result<()> {
    diesel::delete(users::table.find(id.to_string())).execute(conn)?;
    Ok(())
}

/// The display names of some users (those that exist).
pub fn names(conn: &mut AnyConnection, ids: &[UserId]) -> anyhow::Result<std::collections::HashMap<UserId, String>> {
    let keys: Vec<String> = ids.iter().map(|i| i.to_string()).collect();
    let rows: Vec<(String, String)> =
        users::table.filter(users::id.eq_any(keys)).select((users::id, users::display_name)).load(conn)?;
    Ok(rows.into_iter().filter_map(|(id, name)| Some((id.parse().ok()?, name))).collect())
}

/// Users whose email or name contains `q` (every user for an empty `q`), newest first (then by
/// id, so that pages do not overlap); `limit` of them after the first `offset`.
pub fn search(conn: &mut AnyConnection, q: &str, offset: i64, limit: i64) -> anyhow::Result<Vec<User>> {
    let mut query = users::table.select(UserRow::as_select()).into_boxed();
    let q = q.replace(['%', '_', '\\'], "");
    if !q.is_empty() {
        let pattern = format!("%{q}%");
        query = query.filter(users::email.like(pattern.clone()).or(users::display_name.like(pattern)));
    }
    query
        .order((users::created_at.desc(), users::id))
        .offset(offset)
        .limit(limit)
        .load(conn)?
        .into_iter()
        .map(User::try_from)
        .collect()
}

/// Disables the account from `at`, or makes it usable again with `None`.
pub fn set_disabled(conn: &mut AnyConnection, id: UserId, at: Option<NaiveDateTime>) -> anyhow::Result<bool> {
    Ok(diesel::update(users::table.find(id.to_string())).set(users::disabled_at.eq(at)).execute(conn)? == 1)
}

/// Whether this account is disabled.
pub fn is_disabled(conn: &mut AnyConnection, id: UserId) -> anyhow::Result<bool> {
    Ok(users::table.find(id.to_string()).filter(users::disabled_at.is_not_null()).count().get_result::<i64>(conn)? > 0)
}

/// Which of these accounts are disabled.
pub fn disabled_among(conn: &mut AnyConnection, ids: &[UserId]) -> anyhow::Result<std::collections::HashSet<UserId>> {
    let ids: Vec<String> = ids.iter().map(UserId::to_string).collect();
    let rows: Vec<String> = users::table
        .filter(users::id.eq_any(ids))
        .filter(users::disabled_at.is_not_null())
        .select(users::id)
        .load(conn)?;
    Ok(rows.iter().filter_map(|r| r.parse().ok()).collect())
}

/// Whether this address is a disabled account's.
pub fn is_disabled_address(conn: &mut AnyConnection, email: &Email) -> anyhow::Result<bool> {
    Ok(users::table
        .filter(users::email.eq(email.as_str()))
        .filter(users::disabled_at.is_not_null())
        .count()
        .get_result::<i64>(conn)?
        > 0)
}
