//! Accounts and organisations: registration, email verification, sign-in with lockout, password
//! reset and change, email change, invitations, leaving, deletion and data export, API tokens,
//! organisation verification and staff management.
//!
//! Each function does one whole operation in one transaction (email in the outbox included) and
//! records it in the audit log. Form input is checked here, with one message per field
//! ([`validate::FieldError`]); the web layer only parses the request and shows the result.

pub mod org_form;

use chrono::TimeDelta;

use crate::config::Settings;
use crate::db::{self, AnyConnection};
use crate::domain::signed::{Claims, LinkError, Purpose, Signer};
use crate::domain::{Email, Locale, Organisation, OrganisationId, Role, User, UserId, password};
use crate::mail::outbox::{self, Outgoing};
use crate::mail::templates::{AccountEmail, MailCtx};
use crate::validate::{Check, FieldError};
use org_form::OrgForm;

/// How long each kind of link works.
pub const VERIFY_TTL: TimeDelta = TimeDelta::hours(48);
pub const RESET_TTL: TimeDelta = TimeDelta::hours(1);
pub const CHANGE_EMAIL_TTL: TimeDelta = TimeDelta::hours(24);
pub const INVITE_TTL: TimeDelta = TimeDelta::days(7);

/// The result of an operation whose input may be refused field by field.
pub type Checked<T> = anyhow::Result<Result<T, Vec<FieldError>>>;

/// What every operation needs besides a connection.
#[derive(Clone, Copy)]
pub struct Env<'a> {
    pub settings: &'a Settings,
    pub signer: &'a Signer,
}

impl Env<'_> {
    pub(crate) fn link(&self, path: &str, token: &str) -> String {
        format!("{}{path}?token={token}", self.settings.base_url.as_str().trim_end_matches('/'))
    }

    pub(crate) fn sign(&self, purpose: Purpose, sub: &str, extra: &str, ttl: TimeDelta) -> String {
        let exp = (chrono::Utc::now() + ttl).timestamp();
        self.signer.sign(purpose, &Claims { sub: sub.into(), extra: extra.into(), exp })
    }

    pub(crate) fn check(&self, purpose: Purpose, token: &str) -> Result<Claims, LinkError> {
        self.signer.verify(purpose, token, chrono::Utc::now().timestamp())
    }

    /// Queues an account email. `kind` names the template's use in the outbox; every call gets a
    /// fresh dedupe key because each request for a link deserves its own email.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn mail(
        &self,
        conn: &mut AnyConnection,
        to: &Email,
        name: &str,
        locale: Locale,
        kind: &'static str,
        subject: String,
        before: Vec<String>,
        action: Option<(String, String)>,
        after: Vec<String>,
    ) -> anyhow::Result<()> {
        let key = format!("{kind}:{}", uuid::Uuid::now_v7());
        self.mail_keyed(conn, &key, (to, name, locale), kind, subject, before, action, after)
    }

    /// Queues an account-style email with an explicit dedupe key (idempotent jobs).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn mail_keyed(
        &self,
        conn: &mut AnyConnection,
        key: &str,
        (to, name, locale): (&Email, &str, Locale),
        kind: &'static str,
        subject: String,
        before: Vec<String>,
        action: Option<(String, String)>,
        after: Vec<String>,
    ) -> anyhow::Result<()> {
        let data = AccountEmail { name: name.to_string(), subject, before, action, after };
        let body = data.render(&MailCtx::new(locale, &self.settings.base_url, true))?;
        let out = Outgoing {
            dedupe_key: key.to_string(),
            to: to.clone(),
            to_name: name.to_string(),
            locale,
            template: kind,
            body,
            invitation: None,
            entity: None,
        };
        outbox::enqueue(conn, self.settings, &out)?;
        Ok(())
    }

    fn send_verification(&self, conn: &mut AnyConnection, user: &User) -> anyhow::Result<()> {
        let token = self.sign(Purpose::VerifyEmail, &user.id.to_string(), user.email.as_str(), VERIFY_TTL);
        let url = self.link("/verify-email", &token);
        let en = user.locale == Locale::En;
        self.mail(
            conn,
            &user.email,
            &user.display_name,
            user.locale,
            "verify-email",
            pick(en, "Confirm your email address", "Xác nhận địa chỉ email của bạn"),
            vec![pick(
                en,
                "Thank you for registering on the Technology Exchange. Please confirm that this address is yours:",
                "Cảm ơn bạn đã đăng ký trên Sàn giao dịch công nghệ. Vui lòng xác nhận địa chỉ email này là của bạn:",
            )],
            Some((pick(en, "Confirm my email", "Xác nhận email"), url)),
            vec![pick(
                en,
                "The link works for 48 hours. If you did not register, ignore this email.",
                "Liên kết có hiệu lực trong 48 giờ. Nếu bạn không đăng ký, hãy bỏ qua thư này.",
            )],
        )
    }
}

/// A link that works once, or only while it is the latest under `key`: its token's `extra` is
/// `value` and a fresh nonce, and the nonce is granted under `key` (replacing older ones).
fn granted_token(
    conn: &mut AnyConnection,
    env: Env,
    purpose: Purpose,
    (sub, key, value): (&str, &str, &str),
    ttl: TimeDelta,
) -> anyhow::Result<String> {
    let nonce = crate::domain::signed::random_token()?;
    db::link_grants::grant(conn, key, &nonce, db::now() + ttl)?;
    Ok(env.sign(purpose, sub, &format!("{value} {nonce}"), ttl))
}

/// The value and nonce of a token made by [`granted_token`].
fn split_granted(extra: &str) -> Option<(&str, &str)> {
    extra.split_once(' ')
}

fn invite_key(org: OrganisationId, email: &Email) -> String {
    format!("invite:{org}:{email}")
}

fn email_change_key(user: UserId) -> String {
    format!("email-change:{user}")
}

pub(crate) fn pick(en: bool, english: &str, vietnamese: &str) -> String {
    if en { english } else { vietnamese }.to_string()
}

/// Records something a person did to their own account.
fn audit_self(conn: &mut AnyConnection, user: &User, action: &str) -> anyhow::Result<()> {
    db::audit::record(conn, Some(user.id), action, "user", &user.id.to_string(), &serde_json::json!({}))?;
    Ok(())
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
        c.add("accept_terms", "err.terms");
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
        c.add("tax_code", "err.tax_code_taken");
    }
    let (Some(email), Some(profile), true) = (email, profile, c.errors.is_empty()) else { return Ok(Err(c.errors)) };
    let hash = password::hash(&form.password)?;
    db::write(conn, |conn| {
        if let Some(existing) = db::users::by_email(conn, &email)? {
            let en = existing.locale == Locale::En;
            env.mail(
                conn,
                &existing.email,
                &existing.display_name,
                existing.locale,
                "account-exists",
                pick(en, "Someone tried to register with your email", "Có người đăng ký bằng email của bạn"),
                vec![pick(
                    en,
                    "Someone (perhaps you) tried to register a new organisation on the Technology Exchange with this address, which already has an account. Nothing was changed.",
                    "Ai đó (có thể là bạn) vừa đăng ký một tổ chức mới trên Sàn giao dịch công nghệ bằng địa chỉ này, vốn đã có tài khoản. Không có gì thay đổi.",
                )],
                Some((pick(en, "Sign in or reset your password", "Đăng nhập hoặc đặt lại mật khẩu"), format!("{}/reset", env.settings.base_url.as_str().trim_end_matches('/')))),
                vec![],
            )?;
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
        env.send_verification(conn, &user)?;
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
        env.send_verification(conn, &user)?;
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
            if u.email_verified_at.is_none() {
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
    let fp = env.signer.fingerprint(user.password_hash.as_deref().unwrap_or(""));
    let token = env.sign(Purpose::ResetPassword, &user.id.to_string(), &fp, RESET_TTL);
    let en = user.locale == Locale::En;
    env.mail(
        conn,
        &user.email,
        &user.display_name,
        user.locale,
        "reset-password",
        pick(en, "Reset your password", "Đặt lại mật khẩu"),
        vec![pick(
            en,
            "We received a request to reset the password of your account on the Technology Exchange.",
            "Chúng tôi nhận được yêu cầu đặt lại mật khẩu tài khoản của bạn trên Sàn giao dịch công nghệ.",
        )],
        Some((pick(en, "Choose a new password", "Chọn mật khẩu mới"), env.link("/reset/confirm", &token))),
        vec![pick(
            en,
            "The link works once, for one hour. If you did not ask for it, ignore this email: your password stays as it is.",
            "Liên kết chỉ dùng được một lần, trong một giờ. Nếu bạn không yêu cầu, hãy bỏ qua thư này: mật khẩu của bạn vẫn giữ nguyên.",
        )],
    )
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
        c.add("current_password", "err.password_wrong");
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
        c.add("password", "err.password_wrong");
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
        let en = user.locale == Locale::En;
        env.mail(
            conn,
            &email,
            &user.display_name,
            user.locale,
            "change-email",
            pick(en, "Confirm your new email address", "Xác nhận địa chỉ email mới"),
            vec![pick(
                en,
                "You asked to use this address for your account on the Technology Exchange.",
                "Bạn đã yêu cầu dùng địa chỉ này cho tài khoản trên Sàn giao dịch công nghệ.",
            )],
            Some((
                pick(en, "Confirm the new address", "Xác nhận địa chỉ mới"),
                env.link("/account/email/confirm", &token),
            )),
            vec![pick(
                en,
                "The link works once, for 24 hours; a newer request replaces it.",
                "Liên kết dùng được một lần, trong 24 giờ; yêu cầu mới hơn sẽ thay thế nó.",
            )],
        )?;
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
        let en = user.locale == Locale::En;
        env.mail(
            conn,
            &old,
            &user.display_name,
            user.locale,
            "email-changed",
            pick(en, "The email address of your account was changed", "Địa chỉ email của tài khoản bạn đã được đổi"),
            vec![if en {
                format!("The address of your account on the Technology Exchange is now {}. Other signed-in browsers were signed out.", user.email)
            } else {
                format!("Địa chỉ email của tài khoản bạn trên Sàn giao dịch công nghệ nay là {}. Các trình duyệt khác đang đăng nhập đã được đăng xuất.", user.email)
            }],
            None,
            vec![pick(
                en,
                "If you did not make this change, reply to this email or contact the centre at once.",
                "Nếu bạn không thực hiện thay đổi này, hãy trả lời thư này hoặc liên hệ ngay với Trung tâm.",
            )],
        )?;
        Ok(Ok(user))
    })
}

/// Invites a colleague to the inviter's organisation by email.
pub fn invite(conn: &mut AnyConnection, env: Env, inviter: &User, org: &Organisation, email: &str) -> Checked<()> {
    let mut c = Check::default();
    let Some(email) = c.email("email", email) else { return Ok(c.finish(())) };
    let en = inviter.locale == Locale::En;
    let name = email.as_str().split('@').next().unwrap_or_default().to_string();
    db::write(conn, |conn| {
        let key = invite_key(org.id, &email);
        let token = granted_token(conn, env, Purpose::Invite, (&org.id.to_string(), &key, email.as_str()), INVITE_TTL)?;
        env.mail(
            conn,
            &email,
            &name,
            inviter.locale,
            "invite",
            if en {
                format!("{} invites you to join {} on the Technology Exchange", inviter.display_name, org.name)
            } else {
                format!("{} mời bạn tham gia {} trên Sàn giao dịch công nghệ", inviter.display_name, org.name)
            },
            vec![if en {
                format!("{} ({}) invites you to act for {} on the Technology Exchange: post technology offers and needs and take part in the matchmaking sessions.", inviter.display_name, inviter.email, org.name)
            } else {
                format!("{} ({}) mời bạn cùng đại diện cho {} trên Sàn giao dịch công nghệ: đăng công nghệ chào bán, nhu cầu công nghệ và tham gia các phiên kết nối cung – cầu.", inviter.display_name, inviter.email, org.name)
            }],
            Some((pick(en, "Accept the invitation", "Nhận lời mời"), env.link("/invitations/accept", &token))),
            vec![pick(
                en,
                "The invitation works once, for 7 days.",
                "Lời mời dùng được một lần, trong 7 ngày.",
            )],
        )?;
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
                c.add("organisation", "err.already_member");
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
            c.add("confirm", "err.last_member");
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

/// Deletes an account after checking its password. Its sessions and tokens go; the audit log
/// keeps what was done (without the person); when it was the organisation's last member, the
/// organisation's listings are archived.
pub fn delete_account(conn: &mut AnyConnection, user: &User, pw: &str) -> Checked<()> {
    let mut c = Check::default();
    if !password::verify(pw, user.password_hash.as_deref().unwrap_or(decoy_hash())) {
        c.add("password", "err.password_wrong");
        return Ok(c.finish(()));
    }
    if user.role == Role::Admin && db::users::staff(conn)?.iter().filter(|u| u.role == Role::Admin).count() <= 1 {
        c.add("password", "err.last_admin");
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
    }))
}

/// Whether a verified organisation other than `except` already has a name that reads the same
/// (case and diacritics aside: "Công ty Tôm" and "CONG TY TOM" are one name to a reader).
fn verified_name_taken(conn: &mut AnyConnection, name: &str, except: OrganisationId) -> anyhow::Result<bool> {
    let folded = ketnoi_text::fold(name);
    Ok(db::organisations::verified_names(conn, except)?.iter().any(|n| ketnoi_text::fold(n) == folded))
}

/// What saving an organisation's profile did.
#[derive(Debug, Clone)]
pub struct OrgSaved {
    /// The organisation as it now is (for a held change: with its verified identity).
    pub organisation: Organisation,
    /// A change of name, kind or tax code of a verified organisation waits for staff.
    pub held: bool,
}

/// Saves an organisation's profile from its settings form. For a verified organisation, a new
/// name, kind or tax code is held for staff approval (the public profile keeps the verified
/// values until then); the other fields are saved at once.
pub fn update_organisation(
    conn: &mut AnyConnection,
    actor: &User,
    org: &Organisation,
    form: &OrgForm,
) -> Checked<OrgSaved> {
    let mut c = Check::default();
    let profile = form.check(&mut c);
    if let Some(tax) = profile.as_ref().and_then(|p| p.tax_code.as_deref())
        && db::organisations::tax_code_taken(conn, tax, Some(org.id))?
    {
        c.add("tax_code", "err.tax_code_taken");
    }
    if let Some(p) = &profile
        && verified_name_taken(conn, &p.name, org.id)?
    {
        c.add("name", "err.name_taken");
    }
    let Some(p) = profile else { return Ok(Err(c.errors)) };
    if let Err(e) = c.finish(()) {
        return Ok(Err(e));
    }
    let identity_changed = p.name != org.name || p.kind != org.kind || p.tax_code != org.tax_code;
    let held = org.verified_at.is_some() && identity_changed;
    let change = db::organisations::IdentityChange {
        organisation_id: org.id.to_string(),
        kind: p.kind.code().to_string(),
        name: p.name.clone(),
        tax_code: p.tax_code.clone(),
        requested_by: Some(actor.id.to_string()),
        requested_at: db::now(),
    };
    let (kind, name, tax_code) =
        if held { (org.kind, org.name.clone(), org.tax_code.clone()) } else { (p.kind, p.name, p.tax_code) };
    let updated = Organisation {
        kind,
        name,
        tax_code,
        province: p.province,
        address: p.address,
        website: p.website,
        description: p.description,
        contact: p.contact,
        ..org.clone()
    };
    db::write(conn, |conn| {
        db::organisations::update(conn, &updated)?;
        if held {
            db::organisations::hold_change(conn, &change)?;
            let detail = serde_json::json!({ "name": change.name, "kind": change.kind, "tax_code": change.tax_code });
            db::audit::record(
                conn,
                Some(actor.id),
                "organisation.change_requested",
                "organisation",
                &org.id.to_string(),
                &detail,
            )?;
        } else {
            // Back to the verified identity: nothing is waiting any more.
            db::organisations::drop_change(conn, org.id)?;
        }
        // The organisation's name and kind are part of its listings in the search index.
        crate::listings::touch_organisation(conn, org.id)?;
        db::audit::record(
            conn,
            Some(actor.id),
            "organisation.updated",
            "organisation",
            &org.id.to_string(),
            &serde_json::json!({ "name": updated.name }),
        )?;
        Ok(Ok(OrgSaved { organisation: updated, held }))
    })
}

/// Staff approve (or reject) the pending identity change of an organisation. An approval is
/// refused when the tax code or the name has meanwhile been taken. False when nothing is pending.
pub fn decide_change(conn: &mut AnyConnection, staff: UserId, org: OrganisationId, approve: bool) -> Checked<bool> {
    db::write(conn, |conn| {
        let Some(change) = db::organisations::pending_change(conn, org)? else { return Ok(Ok(false)) };
        let mut c = Check::default();
        if approve {
            if let Some(tax) = change.tax_code.as_deref()
                && db::organisations::tax_code_taken(conn, tax, Some(org))?
            {
                c.add("tax_code", "err.tax_code_taken");
            }
            if verified_name_taken(conn, &change.name, org)? {
                c.add("name", "err.name_taken");
            }
            if let Err(e) = c.finish(()) {
                return Ok(Err(e));
            }
            db::organisations::set_identity(conn, &change)?;
            crate::listings::touch_organisation(conn, org)?;
        }
        db::organisations::drop_change(conn, org)?;
        let action = if approve { "organisation.change_approved" } else { "organisation.change_rejected" };
        let detail = serde_json::json!({ "name": change.name, "kind": change.kind, "tax_code": change.tax_code });
        db::audit::record(conn, Some(staff), action, "organisation", &org.to_string(), &detail)?;
        Ok(Ok(true))
    })
}

/// Staff mark an organisation verified or not; false when there is no such organisation. An
/// organisation whose name reads the same as a verified one's is not verified.
pub fn set_verified(conn: &mut AnyConnection, staff: UserId, org: OrganisationId, verified: bool) -> Checked<bool> {
    db::write(conn, |conn| {
        if verified
            && let Some(o) = db::organisations::get(conn, org)?
            && verified_name_taken(conn, &o.name, org)?
        {
            let mut c = Check::default();
            c.add("name", "err.name_taken");
            return Ok(c.finish(false));
        }
        let at = verified.then(db::now);
        if !db::organisations::set_verified(conn, org, at)? {
            return Ok(Ok(false));
        }
        let action = if verified { "organisation.verified" } else { "organisation.unverified" };
        db::audit::record(conn, Some(staff), action, "organisation", &org.to_string(), &serde_json::json!({}))?;
        Ok(Ok(true))
    })
}

/// Admins give an existing account the staff or admin role.
pub fn grant_role(conn: &mut AnyConnection, admin: UserId, email: &str, role: &str) -> Checked<User> {
    let mut c = Check::default();
    let email = c.email("email", email);
    let role = c.choice::<Role>("role", role);
    let (Some(email), Some(role)) = (email, role) else { return Ok(Err(c.errors)) };
    let Some(mut user) = db::users::by_email(conn, &email)? else {
        c.add("email", "err.no_such_account");
        return Ok(Err(c.errors));
    };
    if role == Role::Member {
        c.add("role", "err.choice");
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

/// Admins take the staff or admin role back (never from the last admin).
pub fn revoke_role(conn: &mut AnyConnection, admin: UserId, user: UserId) -> Checked<()> {
    db::write(conn, |conn| {
        let Some(mut u) = db::users::get(conn, user)? else { return Ok(Ok(())) };
        let admins = db::users::staff(conn)?.iter().filter(|s| s.role == Role::Admin).count();
        if u.role == Role::Admin && admins <= 1 {
            let mut c = Check::default();
            c.add("email", "err.last_admin");
            return Ok(c.finish(()));
        }
        u.role = Role::Member;
        db::users::update(conn, &u)?;
        db::audit::record(conn, Some(admin), "user.role_revoked", "user", &u.id.to_string(), &serde_json::json!({}))?;
        Ok(Ok(()))
    })
}

/// A personal API token: checks the name and creates it for the user's organisation.
pub fn create_token(conn: &mut AnyConnection, user: &User, name: &str) -> Checked<(db::api_tokens::TokenRow, String)> {
    let mut c = Check::default();
    let name = c.text("name", name, 1, 100);
    if user.organisation_id.is_none() && user.role == Role::Member {
        c.add("name", "err.no_organisation");
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
