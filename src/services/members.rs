//! An organisation's members: invitations by email (single use), joining, leaving.

use chrono::TimeDelta;

use super::context::{Checked, Env, granted_token, split_granted};
use crate::db::{self, AnyConnection};
use crate::domain::signed::{LinkError, Purpose};
use crate::domain::{Email, Locale, Organisation, OrganisationId, Role, User, UserId, password};
use crate::validate::Check;

/// How long an invitation works.
pub const INVITE_TTL: TimeDelta = TimeDelta::days(7);

fn invite_key(org: OrganisationId, email: &Email) -> String {
    format!("invite:{org}:{email}")
}

/// Invites a colleague to the inviter's organisation by email.
pub fn invite(conn: &mut AnyConnection, env: Env, inviter: &User, org: &Organisation, email: &str) -> Checked<()> {
    let mut c = Check::default();
    let Some(email) = c.email("email", email) else { return Ok(c.finish(())) };
    let name = email.as_str().split('@').next().unwrap_or_default().to_string();
    db::write(conn, |conn| {
        let key = invite_key(org.id, &email);
        let token = granted_token(conn, env, Purpose::Invite, (&org.id.to_string(), &key, email.as_str()), INVITE_TTL)?;
        let letter = crate::mail::templates::Invitation {
            inviter: inviter.display_name.clone(),
            inviter_email: inviter.email.to_string(),
            organisation: org.name.clone(),
            url: env.link("/invitations/accept", &token),
        };
        // Someone with an account reads it in their saved language and by their name; someone new
        // in the inviter's language.
        let (name, locale) = match db::users::by_email(conn, &email)? {
            Some(u) => (u.display_name, u.locale),
            None => (name.clone(), inviter.locale),
        };
        env.mail(conn, (&email, &name, locale), &letter)?;
        let detail = serde_json::json!({ "email": email });
        db::audit::record(
            conn,
            Some(inviter.id),
            "organisation.member_invited",
            "organisation",
            &org.id.to_string(),
            &detail,
        )?;
        Ok(Ok(()))
    })
}

/// What an invitation link is for.
#[derive(Debug, Clone)]
pub struct Invitation {
    pub organisation: Organisation,
    pub email: Email,
    /// The account that already has this address, if any.
    pub existing: Option<User>,
    nonce: String,
}

/// Reads an invitation link.
pub fn invitation(conn: &mut AnyConnection, env: Env, token: &str) -> anyhow::Result<Result<Invitation, LinkError>> {
    let claims = match env.check(Purpose::Invite, token) {
        Ok(c) => c,
        Err(e) => return Ok(Err(e)),
    };
    let Some((email, nonce)) = split_granted(&claims.extra) else { return Ok(Err(LinkError::Invalid)) };
    let (Ok(org), Ok(email)) = (claims.sub.parse::<OrganisationId>(), Email::parse(email)) else {
        return Ok(Err(LinkError::Invalid));
    };
    // Accepted already (or replaced by a newer invitation): the link is spent.
    if !db::link_grants::holds(conn, &invite_key(org, &email), nonce)? {
        return Ok(Err(LinkError::Invalid));
    }
    let Some(organisation) = db::organisations::get(conn, org)? else { return Ok(Err(LinkError::Invalid)) };
    let existing = db::users::by_email(conn, &email)?;
    Ok(Ok(Invitation { organisation, email, existing, nonce: nonce.to_string() }))
}

/// What accepting an invitation did.
#[derive(Debug, Clone)]
pub enum Joined {
    /// A new account was made (the link proved the address and the person chose a password):
    /// the page signs it in.
    NewAccount(User),
    /// An existing account joined the organisation: it signs in with its own password, never
    /// through the link.
    Existing(User),
}

/// Accepts an invitation, once: an existing account without an organisation joins it; a new
/// address gets an account (the link proves the address).
pub fn accept_invitation(
    conn: &mut AnyConnection,
    env: Env,
    token: &str,
    display_name: &str,
    new_password: &str,
    locale: Locale,
) -> Checked<Result<Joined, LinkError>> {
    let inv = match invitation(conn, env, token)? {
        Ok(i) => i,
        Err(e) => return Ok(Ok(Err(e))),
    };
    let mut c = Check::default();
    let now = db::now();
    let new_account = inv.existing.is_none();
    let user = match inv.existing {
        Some(mut u) => {
            if u.organisation_id.is_some_and(|o| o != inv.organisation.id) {
                c.add("organisation", "err-already-member");
                return Ok(Err(c.errors));
            }
            u.organisation_id = Some(inv.organisation.id);
            u.email_verified_at.get_or_insert(now);
            u
        }
        None => {
            let name = c.text("display_name", display_name, 2, 120);
            c.new_password("password", new_password);
            if let Err(e) = c.finish(()) {
                return Ok(Err(e));
            }
            User {
                id: UserId::new(),
                email: inv.email.clone(),
                display_name: name,
                password_hash: Some(password::hash(new_password)?),
                role: Role::Member,
                organisation_id: Some(inv.organisation.id),
                locale,
                email_verified_at: Some(now),
                created_at: now,
                updated_at: now,
            }
        }
    };
    db::write(conn, |conn| {
        if !db::link_grants::take(conn, &invite_key(inv.organisation.id, &inv.email), &inv.nonce)? {
            return Ok(Ok(Err(LinkError::Invalid)));
        }
        if new_account {
            db::users::insert(conn, &user)?;
        } else {
            db::users::update(conn, &user)?;
        }
        let detail = serde_json::json!({ "user": user.id });
        db::audit::record(
            conn,
            Some(user.id),
            "organisation.member_joined",
            "organisation",
            &inv.organisation.id.to_string(),
            &detail,
        )?;
        Ok(Ok(Ok(if new_account { Joined::NewAccount(user) } else { Joined::Existing(user) })))
    })
}

/// Leaves the organisation. The last member cannot leave (the organisation would be orphaned
/// with its listings); they can delete their account instead, which archives the listings.
pub fn leave(conn: &mut AnyConnection, user: &User) -> Checked<()> {
    let Some(org) = user.organisation_id else { return Ok(Ok(())) };
    db::write(conn, |conn| {
        if db::users::for_organisation(conn, org)?.len() <= 1 {
            let mut c = Check::default();
            c.add("confirm", "err-last-member");
            return Ok(c.finish(()));
        }
        let mut u = user.clone();
        u.organisation_id = None;
        db::users::update(conn, &u)?;
        db::api_tokens::revoke_all(conn, u.id)?;
        db::audit::record(
            conn,
            Some(u.id),
            "organisation.member_left",
            "organisation",
            &org.to_string(),
            &serde_json::json!({ "user": u.id }),
        )?;
        Ok(Ok(()))
    })
}
