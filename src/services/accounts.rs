//! A person's own account: registration with email verification, sign-in with lockout, password
//! reset and change, email change, profile, data export and deletion.
//!
//! Each function does one whole operation in one transaction (email in the outbox included) and
//! records it in the audit log. Form input is checked here, with one message per field
//! ([`crate::validate::FieldError`]); the web layer only parses the request and shows the result.

use chrono::TimeDelta;

use super::context::{Checked, Env, granted_token, split_granted};
use super::organisations::org_form::OrgForm;
use crate::db::{self, AnyConnection};
use crate::domain::signed::{LinkError, Purpose};
use crate::domain::{Email, Locale, Organisation, OrganisationId, Role, User, UserId, password};
use crate::mail::templates::{AccountExists, ChangeEmail, EmailChanged, ResetPassword, VerifyEmail};
use crate::validate::Check;

/// How long each kind of link works.
pub const VERIFY_TTL: TimeDelta = TimeDelta::hours(48);
pub const RESET_TTL: TimeDelta = TimeDelta::hours(1);
pub const CHANGE_EMAIL_TTL: TimeDelta = TimeDelta::hours(24);

fn email_change_key(user: UserId) -> String {
    format!("email-change:{user}")
}

/// Records something a person did to their own account.
fn audit_self(conn: &mut AnyConnection, user: &User, action: &str) -> anyhow::Result<()> {
    db::audit::record(conn, Some(user.id), action, "user", &user.id.to_string(), &serde_json::json!({}))?;
    Ok(())
}

fn send_verification(conn: &mut AnyConnection, env: Env, user: &User) -> anyhow::Result<()> {
    let token = env.sign(Purpose::VerifyEmail, &user.id.to_string(), user.email.as_str(), VERIFY_TTL);
    let url = env.link("/verify-email", &token);
    env.mail(conn, (&user.email, &user.display_name, user.locale), &VerifyEmail { url })
}

/// The registration form: the organisation, its first user, and consent.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct RegisterForm {
    #[serde(flatten)]
    pub org: OrgForm,
    pub display_name: String,
    pub email: String,
    pub password: String,
    /// Acceptance of the terms of use (a checkbox).
    pub accept_terms: Option<String>,
}

/// Registers an organisation with its first user and sends the verification link. When the email
/// is already registered nothing is created and the owner of the address is told so by email: the
/// person registering sees the same answer either way, so the form reveals no accounts.
pub fn register(conn: &mut AnyConnection, env: Env, form: &RegisterForm, locale: Locale) -> Checked<()> {
    let mut c = Check::default();
    let display_name = c.text("display_name", &form.display_name, 2, 120);
    let email = c.email("email", &form.email);
    c.new_password("password", &form.password);
    if form.accept_terms.is_none() {
        c.add("accept_terms", "err-terms");
    }
    let mut org_form = form.org.clone();
    if org_form.contact_name.trim().is_empty() {
        org_form.contact_name = display_name.clone();
    }
    if org_form.contact_email.trim().is_empty() {
        org_form.contact_email = form.email.clone();
    }
    let profile = org_form.check(&mut c);
    if let Some(tax) = profile.as_ref().and_then(|p| p.tax_code.as_deref())
        && db::organisations::tax_code_taken(conn, tax, None)?
    {
        c.add("tax_code", "err-tax-code-taken");
    }
    let (Some(email), Some(profile), true) = (email, profile, c.errors.is_empty()) else { return Ok(Err(c.errors)) };
    let hash = password::hash(&form.password)?;
    db::write(conn, |conn| {
        if let Some(existing) = db::users::by_email(conn, &email)? {
            let url = format!("{}/reset", env.settings.base_url.as_str().trim_end_matches('/'));
            env.mail(conn, (&existing.email, &existing.display_name, existing.locale), &AccountExists { url })?;
            return Ok(Ok(()));
        }
        let now = db::now();
        let org = Organisation {
            id: OrganisationId::new(),
            kind: profile.kind,
            name: profile.name,
            tax_code: profile.tax_code,
            province: profile.province,
            address: profile.address,
            website: profile.website,
            description: profile.description,
            verified_at: None,
            created_at: now,
            updated_at: now,
            contact: profile.contact,
        };
        db::organisations::insert(conn, &org)?;
        let user = User {
            id: UserId::new(),
            email,
            display_name,
            password_hash: Some(hash),
            role: Role::Member,
            organisation_id: Some(org.id),
            locale,
            email_verified_at: None,
            created_at: now,
            updated_at: now,
        };
        db::users::insert(conn, &user)?;
        let detail = serde_json::json!({ "organisation": org.id, "name": org.name });
        db::audit::record(
            conn,
            Some(user.id),
            "organisation.registered",
            "organisation",
            &org.id.to_string(),
            &detail,
        )?;
        send_verification(conn, env, &user)?;
        Ok(Ok(()))
    })
}

/// Sends a new verification link if the address belongs to an unverified account (and says
/// nothing either way).
pub fn resend_verification(conn: &mut AnyConnection, env: Env, email: &str) -> anyhow::Result<()> {
    let Ok(email) = Email::parse(email) else { return Ok(()) };
    if let Some(user) = db::users::by_email(conn, &email)?
        && user.email_verified_at.is_none()
    {
        send_verification(conn, env, &user)?;
    }
    Ok(())
}

/// The account a verification link is for, if the link is valid (nothing is changed: the page
/// asks for a confirming press first, because mail scanners open links).
pub fn verification_target(conn: &mut AnyConnection, env: Env, token: &str) -> anyhow::Result<Result<User, LinkError>> {
    let claims = match env.check(Purpose::VerifyEmail, token) {
        Ok(c) => c,
        Err(e) => return Ok(Err(e)),
    };
    let Ok(id) = claims.sub.parse::<UserId>() else { return Ok(Err(LinkError::Invalid)) };
    Ok(match db::users::get(conn, id)? {
        Some(u) if u.email.as_str() == claims.extra => Ok(u),
        _ => Err(LinkError::Invalid),
    })
}

/// Confirms an email address from a verification link.
pub fn verify_email(conn: &mut AnyConnection, env: Env, token: &str) -> anyhow::Result<Result<User, LinkError>> {
    let claims = match env.check(Purpose::VerifyEmail, token) {
        Ok(c) => c,
        Err(e) => return Ok(Err(e)),
    };
    let Ok(id) = claims.sub.parse::<UserId>() else { return Ok(Err(LinkError::Invalid)) };
    db::write(conn, |conn| {
        let Some(mut user) = db::users::get(conn, id)? else { return Ok(Err(LinkError::Invalid)) };
        if user.email.as_str() != claims.extra {
            return Ok(Err(LinkError::Invalid));
        }
        if user.email_verified_at.is_none() {
            user.email_verified_at = Some(db::now());
            db::users::update(conn, &user)?;
            audit_self(conn, &user, "user.email_verified")?;
        }
        Ok(Ok(user))
    })
}

/// The outcome of a sign-in attempt.
#[derive(Debug, Clone)]
pub enum SignIn {
    Ok(User),
    /// Wrong email or password (the two are not told apart).
    Invalid,
    /// Right password, address not confirmed yet.
    Unverified,
    /// Right password, account disabled by an admin.
    Disabled,
    /// Too many failures: try again after this long.
    Locked(TimeDelta),
}

/// A hash to verify against when the email is unknown, so that both cases take the same time.
fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| password::hash("decoy password for unknown accounts").unwrap_or_default())
}

/// Checks a sign-in, counting failures per account (the lock doubles past five failures).
pub fn sign_in(conn: &mut AnyConnection, email: &str, pw: &str) -> anyhow::Result<SignIn> {
    let email = Email::parse(email).ok();
    let key = format!("login:{}", email.as_ref().map(Email::as_str).unwrap_or("-"));
    if let Err(wait) = db::rate_limits::attempt(conn, &key)? {
        record_sign_in("locked");
        return Ok(SignIn::Locked(wait));
    }
    let user = match &email {
        Some(e) => db::users::by_email(conn, e)?,
        None => None,
    };
    let hash = user.as_ref().and_then(|u| u.password_hash.clone());
    let ok = password::verify(pw, hash.as_deref().unwrap_or(decoy_hash())) && hash.is_some();
    let outcome = match user {
        Some(u) if ok => {
            db::rate_limits::clear(conn, &key)?;
            if db::users::is_disabled(conn, u.id)? {
                SignIn::Disabled
            } else if u.email_verified_at.is_none() {
                SignIn::Unverified
            } else {
                audit_self(conn, &u, "user.signed_in")?;
                SignIn::Ok(u)
            }
        }
        // The attempt was counted before the check.
        _ => SignIn::Invalid,
    };
    record_sign_in(match &outcome {
        SignIn::Ok(_) => "ok",
        SignIn::Invalid => "invalid",
        SignIn::Unverified => "unverified",
        SignIn::Disabled => "disabled",
        SignIn::Locked(_) => "locked",
    });
    Ok(outcome)
}

fn record_sign_in(label: &'static str) {
    metrics::counter!("ketnoi_sign_ins_total", "outcome" => label).increment(1);
}

/// Sends a password-reset link when the address has an account; the caller answers the same
/// either way. The link carries a fingerprint of the current password hash, so it works once.
pub fn request_reset(conn: &mut AnyConnection, env: Env, email: &str) -> anyhow::Result<()> {
    let Ok(email) = Email::parse(email) else { return Ok(()) };
    let Some(user) = db::users::by_email(conn, &email)? else { return Ok(()) };
    if db::users::is_disabled(conn, user.id)? {
        return Ok(());
    }
    let fp = env.signer.fingerprint(user.password_hash.as_deref().unwrap_or(""));
    let token = env.sign(Purpose::ResetPassword, &user.id.to_string(), &fp, RESET_TTL);
    let url = env.link("/reset/confirm", &token);
    env.mail(conn, (&user.email, &user.display_name, user.locale), &ResetPassword { url })
}

/// The user a reset link is for, if it is still valid.
pub fn reset_target(conn: &mut AnyConnection, env: Env, token: &str) -> anyhow::Result<Result<User, LinkError>> {
    let claims = match env.check(Purpose::ResetPassword, token) {
        Ok(c) => c,
        Err(e) => return Ok(Err(e)),
    };
    let Ok(id) = claims.sub.parse::<UserId>() else { return Ok(Err(LinkError::Invalid)) };
    let Some(user) = db::users::get(conn, id)? else { return Ok(Err(LinkError::Invalid)) };
    let fp = env.signer.fingerprint(user.password_hash.as_deref().unwrap_or(""));
    Ok(if fp == claims.extra { Ok(user) } else { Err(LinkError::Invalid) })
}

/// Sets a new password from a reset link; every session of the user ends and its API tokens are
/// revoked. A reset also proves the address, so an unconfirmed one becomes confirmed.
pub fn reset_password(conn: &mut AnyConnection, env: Env, token: &str, new: &str) -> Checked<Result<User, LinkError>> {
    let mut c = Check::default();
    c.new_password("password", new);
    if let Err(e) = c.finish(()) {
        return Ok(Err(e));
    }
    let hash = password::hash(new)?;
    db::write(conn, |conn| {
        let mut user = match reset_target(conn, env, token)? {
            Ok(u) => u,
            Err(e) => return Ok(Ok(Err(e))),
        };
        user.password_hash = Some(hash);
        user.email_verified_at.get_or_insert_with(db::now);
        db::users::update(conn, &user)?;
        db::login_sessions::delete_for_user(conn, user.id, None)?;
        // Whoever knew the old password may have made tokens with it.
        db::api_tokens::revoke_all(conn, user.id)?;
        db::rate_limits::clear(conn, &format!("login:{}", user.email))?;
        audit_self(conn, &user, "user.password_reset")?;
        Ok(Ok(Ok(user)))
    })
}

/// Changes the password after checking the current one; other sessions of the user end and its
/// API tokens are revoked (the page says so).
pub fn change_password(
    conn: &mut AnyConnection,
    user: &User,
    current: &str,
    new: &str,
    keep_session: &str,
) -> Checked<()> {
    let mut c = Check::default();
    if !password::verify(current, user.password_hash.as_deref().unwrap_or(decoy_hash())) {
        c.add("current_password", "err-password-wrong");
    }
    c.new_password("new_password", new);
    if let Err(e) = c.finish(()) {
        return Ok(Err(e));
    }
    let hash = password::hash(new)?;
    db::write(conn, |conn| {
        let mut u = user.clone();
        u.password_hash = Some(hash);
        db::users::update(conn, &u)?;
        db::login_sessions::delete_for_user(conn, u.id, Some(keep_session))?;
        db::api_tokens::revoke_all(conn, u.id)?;
        audit_self(conn, &u, "user.password_changed")?;
        Ok(Ok(()))
    })
}

/// Updates the name and language of an account.
pub fn update_profile(conn: &mut AnyConnection, user: &User, display_name: &str, locale: &str) -> Checked<User> {
    let mut c = Check::default();
    let name = c.text("display_name", display_name, 2, 120);
    let locale = c.choice::<Locale>("locale", locale);
    let Some(locale) = locale else { return Ok(Err(c.errors)) };
    if let Err(e) = c.finish(()) {
        return Ok(Err(e));
    }
    let mut u = user.clone();
    u.display_name = name;
    u.locale = locale;
    db::users::update(conn, &u)?;
    Ok(Ok(u))
}

/// Sends a confirmation link to a new address (after checking the password); the address changes
/// only when the link is followed. A taken address gets the same answer and no email.
pub fn request_email_change(conn: &mut AnyConnection, env: Env, user: &User, new: &str, pw: &str) -> Checked<()> {
    let mut c = Check::default();
    let email = c.email("new_email", new);
    if !password::verify(pw, user.password_hash.as_deref().unwrap_or(decoy_hash())) {
        c.add("password", "err-password-wrong");
    }
    let Some(email) = email else { return Ok(c.finish(())) };
    if let Err(e) = c.finish(()) {
        return Ok(Err(e));
    }
    if email == user.email || db::users::by_email(conn, &email)?.is_some() {
        return Ok(Ok(()));
    }
    db::write(conn, |conn| {
        let key = email_change_key(user.id);
        let token = granted_token(
            conn,
            env,
            Purpose::ChangeEmail,
            (&user.id.to_string(), &key, email.as_str()),
            CHANGE_EMAIL_TTL,
        )?;
        let url = env.link("/account/email/confirm", &token);
        env.mail(conn, (&email, &user.display_name, user.locale), &ChangeEmail { url })?;
        Ok(Ok(()))
    })
}

/// The account, new address and nonce of a change-email link, if it is signed and unexpired.
fn email_change_claims(env: Env, token: &str) -> Result<(UserId, Email, String), LinkError> {
    let claims = env.check(Purpose::ChangeEmail, token)?;
    let (Ok(id), Some((email, nonce))) = (claims.sub.parse::<UserId>(), split_granted(&claims.extra)) else {
        return Err(LinkError::Invalid);
    };
    let email = Email::parse(email).map_err(|_| LinkError::Invalid)?;
    Ok((id, email, nonce.to_string()))
}

/// The new address a change-email link is for, while it is the latest request of its account.
pub fn email_change_target(
    conn: &mut AnyConnection,
    env: Env,
    token: &str,
) -> anyhow::Result<Result<Email, LinkError>> {
    let (id, email, nonce) = match email_change_claims(env, token) {
        Ok(c) => c,
        Err(e) => return Ok(Err(e)),
    };
    Ok(if db::link_grants::holds(conn, &email_change_key(id), &nonce)? { Ok(email) } else { Err(LinkError::Invalid) })
}

/// Applies an email change from its confirmation link: only the latest request of the account
/// works, once. The old address is told; every session but `keep_session` (the browser that
/// confirmed, if it is this account's) ends.
pub fn confirm_email_change(
    conn: &mut AnyConnection,
    env: Env,
    token: &str,
    keep_session: Option<&str>,
) -> anyhow::Result<Result<User, LinkError>> {
    let (id, email, nonce) = match email_change_claims(env, token) {
        Ok(c) => c,
        Err(e) => return Ok(Err(e)),
    };
    db::write(conn, |conn| {
        if !db::link_grants::take(conn, &email_change_key(id), &nonce)? {
            return Ok(Err(LinkError::Invalid));
        }
        let Some(mut user) = db::users::get(conn, id)? else { return Ok(Err(LinkError::Invalid)) };
        if user.email == email {
            return Ok(Ok(user));
        }
        if db::users::by_email(conn, &email)?.is_some() {
            return Ok(Err(LinkError::Invalid));
        }
        let old = user.email.clone();
        user.email = email;
        user.email_verified_at = Some(db::now());
        db::users::update(conn, &user)?;
        db::login_sessions::delete_for_user(conn, user.id, keep_session)?;
        let detail = serde_json::json!({ "from": old, "to": user.email });
        db::audit::record(conn, Some(user.id), "user.email_changed", "user", &user.id.to_string(), &detail)?;
        let changed = EmailChanged { email: user.email.to_string() };
        env.mail(conn, (&old, &user.display_name, user.locale), &changed)?;
        Ok(Ok(user))
    })
}

/// Deletes an account after checking its password. Its sessions and tokens go; the audit log
/// keeps what was done (without the person); when it was the organisation's last member, the
/// organisation's listings are archived.
pub fn delete_account(conn: &mut AnyConnection, user: &User, pw: &str) -> Checked<()> {
    let mut c = Check::default();
    if !password::verify(pw, user.password_hash.as_deref().unwrap_or(decoy_hash())) {
        c.add("password", "err-password-wrong");
        return Ok(c.finish(()));
    }
    if user.role == Role::Admin && db::users::usable_admins(conn)? <= 1 {
        c.add("password", "err-last-admin");
        return Ok(c.finish(()));
    }
    db::write(conn, |conn| {
        let mut archived = 0;
        if let Some(org) = user.organisation_id
            && db::users::for_organisation(conn, org)?.len() <= 1
        {
            archived =
                db::offers::archive_for_organisation(conn, org)? + db::needs::archive_for_organisation(conn, org)?;
        }
        db::users::delete(conn, user.id)?;
        let detail = serde_json::json!({ "organisation": user.organisation_id, "listings_archived": archived });
        db::audit::record(conn, None, "user.deleted", "user", &user.id.to_string(), &detail)?;
        Ok(Ok(()))
    })
}

/// Everything stored about a person, as one JSON document (no secrets: no password hash, no
/// session or token secrets, which are not stored anyway).
pub fn export(conn: &mut AnyConnection, user: &User) -> anyhow::Result<serde_json::Value> {
    let org = match user.organisation_id {
        Some(o) => db::organisations::get(conn, o)?,
        None => None,
    };
    let sessions: Vec<_> = db::login_sessions::for_user(conn, user.id)?
        .into_iter()
        .map(|s| serde_json::json!({ "created_at": s.created_at, "last_seen_at": s.last_seen_at, "expires_at": s.expires_at, "ip": s.ip, "user_agent": s.user_agent }))
        .collect();
    let tokens = db::api_tokens::for_user(conn, user.id)?;
    let audit: Vec<_> = db::audit::by_actor(conn, user.id)?
        .into_iter()
        .map(|a| serde_json::json!({ "at": a.at, "action": a.action, "entity_type": a.entity_type, "entity_id": a.entity_id, "detail": serde_json::from_str::<serde_json::Value>(&a.detail).unwrap_or_default() }))
        .collect();
    let judgements: Vec<serde_json::Value> = db::recommendations::feedback_by(conn, &user.id.to_string())?
        .into_iter()
        .map(|f| serde_json::json!({ "at": f.at, "list_of": f.side, "listing_id": f.listing_id, "suggested_id": f.other_id, "useful": f.useful }))
        .collect();
    let interests: Vec<serde_json::Value> = db::interests::by_sender(conn, &user.id.to_string())?
        .into_iter()
        .map(|i| serde_json::json!({ "at": i.created_at, "listing": format!("{}:{}", i.listing_kind, i.listing_id), "message": i.message, "status": i.status, "answer": i.answer, "answered_at": i.answered_at }))
        .collect();
    let messages: Vec<serde_json::Value> = db::interests::messages_by(conn, &user.id.to_string())?
        .into_iter()
        .map(|m| serde_json::json!({ "at": m.created_at, "interest": m.interest_id, "body": m.body }))
        .collect();
    Ok(serde_json::json!({
        "exported_at": db::now(),
        "user": {
            "id": user.id,
            "email": user.email,
            "display_name": user.display_name,
            "role": user.role.code(),
            "locale": user.locale.code(),
            "email_verified_at": user.email_verified_at,
            "created_at": user.created_at,
            "updated_at": user.updated_at,
            "has_password": user.password_hash.is_some(),
        },
        "organisation": org.map(|o| serde_json::json!({
            "id": o.id, "name": o.name, "kind": o.kind.code(), "tax_code": o.tax_code, "province": o.province.code(),
            "address": o.address, "website": o.website, "description": o.description, "contact": o.contact,
            "verified_at": o.verified_at,
        })),
        "sessions": sessions,
        "api_tokens": tokens,
        "activity": audit,
        "suggestion_judgements": judgements,
        "interests_sent": interests,
        "interest_messages": messages,
    }))
}
