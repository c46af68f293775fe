//! Personal API tokens: created for the person's organisation, revoked.

use super::context::Checked;
use crate::db::{self, AnyConnection};
use crate::domain::{Email, Role, User, UserId};
use crate::validate::Check;

/// A personal API token: checks the name and creates it for the user's organisation.
pub fn create_token(conn: &mut AnyConnection, user: &User, name: &str) -> Checked<(db::api_tokens::TokenRow, String)> {
    let mut c = Check::default();
    let name = c.text("name", name, 1, 100);
    if user.organisation_id.is_none() && user.role == Role::Member {
        c.add("name", "err-no-organisation");
    }
    if let Err(e) = c.finish(()) {
        return Ok(Err(e));
    }
    db::write(conn, |conn| {
        let (row, secret) = db::api_tokens::create(conn, user.id, user.organisation_id, &name)?;
        db::audit::record(
            conn,
            Some(user.id),
            "api_token.created",
            "api_token",
            &row.id,
            &serde_json::json!({ "name": name }),
        )?;
        Ok(Ok((row, secret)))
    })
}

/// Revokes a token (the policy has checked that it is the actor's).
pub fn revoke_token(conn: &mut AnyConnection, user: UserId, id: &str) -> anyhow::Result<()> {
    db::write(conn, |conn| {
        if db::api_tokens::revoke(conn, id)? {
            db::audit::record(conn, Some(user), "api_token.revoked", "api_token", id, &serde_json::json!({}))?;
        }
        Ok(())
    })
}

/// A token for the account with this address (the operator's `ketnoi admin create-token`).
pub fn create_for(conn: &mut AnyConnection, email: &Email, name: &str) -> Checked<(db::api_tokens::TokenRow, String)> {
    match db::users::by_email(conn, email)? {
        Some(user) => create_token(conn, &user, name),
        None => Ok(Err(vec![crate::validate::FieldError { field: "email", key: "err-no-such-account", n: None }])),
    }
}
