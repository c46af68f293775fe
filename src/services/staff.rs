//! The centre's staff and admins: roles granted and taken back.

use super::context::Checked;
use crate::db::{self, AnyConnection};
use crate::domain::{Email, Locale, Role, User, UserId};
use crate::validate::Check;

/// Admins give an existing account the staff or admin role.
pub fn grant_role(conn: &mut AnyConnection, admin: UserId, email: &str, role: &str) -> Checked<User> {
    let mut c = Check::default();
    let email = c.email("email", email);
    let role = c.choice::<Role>("role", role);
    let (Some(email), Some(role)) = (email, role) else { return Ok(Err(c.errors)) };
    let Some(mut user) = db::users::by_email(conn, &email)? else {
        c.add("email", "err-no-such-account");
        return Ok(Err(c.errors));
    };
    if role == Role::Member {
        c.add("role", "err-choice");
        return Ok(Err(c.errors));
    }
    user.role = role;
    db::write(conn, |conn| {
        db::users::update(conn, &user)?;
        db::audit::record(
            conn,
            Some(admin),
            "user.role_granted",
            "user",
            &user.id.to_string(),
            &serde_json::json!({ "role": role.code() }),
        )?;
        Ok(Ok(user))
    })
}

/// Admins take the staff or admin role back (never from the last admin who can act: disabled
/// admins do not count).
pub fn revoke_role(conn: &mut AnyConnection, admin: UserId, user: UserId) -> Checked<()> {
    db::write(conn, |conn| {
        let Some(mut u) = db::users::get(conn, user)? else { return Ok(Ok(())) };
        if u.role == Role::Admin && !db::users::is_disabled(conn, u.id)? && db::users::usable_admins(conn)? <= 1 {
            let mut c = Check::default();
            c.add("email", "err-last-admin");
            return Ok(c.finish(()));
        }
        u.role = Role::Member;
        db::users::update(conn, &u)?;
        db::audit::record(conn, Some(admin), "user.role_revoked", "user", &u.id.to_string(), &serde_json::json!({}))?;
        Ok(Ok(()))
    })
}

/// Admins disable an account, or make it usable again. A disabled account cannot sign in, its
/// sessions end and its API tokens are revoked, in the transaction that records it; its listings,
/// messages and history stay. Enabling does not bring the tokens back: the owner makes new ones.
/// Nobody disables their own account (so an admin always remains). `None` when there is no such
/// account.
pub fn set_disabled(
    conn: &mut AnyConnection,
    admin: UserId,
    user: UserId,
    disable: bool,
    now: chrono::NaiveDateTime,
) -> Checked<Option<()>> {
    if disable && admin == user {
        let mut c = Check::default();
        c.add("user", "err-disable-self");
        return Ok(c.finish(None));
    }
    db::write(conn, |conn| {
        if !db::users::set_disabled(conn, user, disable.then_some(now))? {
            return Ok(Ok(None));
        }
        if disable {
            db::login_sessions::delete_for_user(conn, user, None)?;
            db::api_tokens::revoke_all(conn, user)?;
        }
        let action = if disable { "user.disabled" } else { "user.enabled" };
        db::audit::record(conn, Some(admin), action, "user", &user.to_string(), &serde_json::json!({}))?;
        Ok(Ok(Some(())))
    })
}

/// Creates a staff or admin account with a password hash, or gives an existing account that role
/// and password (the operator's `ketnoi admin create-user`). True when the account was created.
pub fn create_staff_user(
    conn: &mut AnyConnection,
    email: &Email,
    role: Role,
    name: Option<String>,
    password_hash: String,
) -> anyhow::Result<bool> {
    db::write(conn, |c| {
        let now = db::now();
        let (user, created) = match db::users::by_email(c, email)? {
            Some(mut u) => {
                u.password_hash = Some(password_hash);
                u.role = role;
                u.updated_at = now;
                db::users::set_password_and_role(c, &u)?;
                (u, false)
            }
            None => {
                let u = User {
                    id: UserId::new(),
                    display_name: name
                        .unwrap_or_else(|| email.as_str().split('@').next().unwrap_or_default().to_string()),
                    email: email.clone(),
                    password_hash: Some(password_hash),
                    role,
                    organisation_id: None,
                    locale: Locale::Vi,
                    email_verified_at: Some(now),
                    created_at: now,
                    updated_at: now,
                };
                db::users::insert(c, &u)?;
                (u, true)
            }
        };
        let action = if created { "user.created" } else { "user.password_reset" };
        let detail = serde_json::json!({"role": role.code(), "via": "cli"});
        db::audit::record(c, None, action, "user", &user.id.to_string(), &detail)?;
        Ok(created)
    })
}
