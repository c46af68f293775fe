//! What every service needs besides a connection: the settings, the signer of links, the clock,
//! and the helpers that queue account-style email and make single-use links. Services take an
//! [`Env`]; handlers, the CLI and the background jobs make one from the application state.

use chrono::TimeDelta;

use crate::config::Settings;
use crate::db::{self, AnyConnection};
use crate::domain::signed::{Claims, LinkError, Purpose, Signer};
use crate::domain::{Email, Locale};
use crate::mail::outbox::{self, Outgoing};
use crate::mail::templates::{Letter, MailCtx};
use crate::validate::FieldError;

/// The result of an operation whose input may be refused field by field.
pub type Checked<T> = anyhow::Result<Result<T, Vec<FieldError>>>;

/// The time of the application: the system's, moved by an offset that tests set to step through
/// days and months (expiry, reminders, follow-ups) without waiting. Clones share the offset.
#[derive(Debug, Clone, Default)]
pub struct Clock {
    offset_micros: std::sync::Arc<std::sync::atomic::AtomicI64>,
}

impl Clock {
    /// Now, in UTC (microseconds, as stored).
    pub fn now(&self) -> chrono::NaiveDateTime {
        db::now() + TimeDelta::microseconds(self.offset_micros.load(std::sync::atomic::Ordering::Relaxed))
    }

    /// Moves the clock forward (or back, with a negative span).
    pub fn advance(&self, by: TimeDelta) {
        let micros = by.num_microseconds().unwrap_or(i64::MAX);
        self.offset_micros.fetch_add(micros, std::sync::atomic::Ordering::Relaxed);
    }
}

/// What every operation needs besides a connection.
#[derive(Clone, Copy)]
pub struct Env<'a> {
    pub settings: &'a Settings,
    pub signer: &'a Signer,
    pub clock: &'a Clock,
}

impl Env<'_> {
    /// Now, by the application's clock.
    pub fn now(&self) -> chrono::NaiveDateTime {
        self.clock.now()
    }

    pub(crate) fn link(&self, path: &str, token: &str) -> String {
        format!("{}{path}?token={token}", self.settings.base_url.as_str().trim_end_matches('/'))
    }

    pub(crate) fn sign(&self, purpose: Purpose, sub: &str, extra: &str, ttl: TimeDelta) -> String {
        let exp = (self.now() + ttl).and_utc().timestamp();
        self.signer.sign(purpose, &Claims { sub: sub.into(), extra: extra.into(), exp })
    }

    pub(crate) fn check(&self, purpose: Purpose, token: &str) -> Result<Claims, LinkError> {
        self.signer.verify(purpose, token, self.now().and_utc().timestamp())
    }

    /// Queues an email to a recipient (address, name, language). Every call gets a fresh dedupe
    /// key because each request for a link deserves its own email.
    pub(crate) fn mail<L: Letter>(
        &self,
        conn: &mut AnyConnection,
        to: (&Email, &str, Locale),
        letter: &L,
    ) -> anyhow::Result<()> {
        let key = format!("{}:{}", L::KIND, uuid::Uuid::now_v7());
        self.mail_keyed(conn, &key, to, letter)
    }

    /// Queues an email with an explicit dedupe key (idempotent jobs).
    pub(crate) fn mail_keyed<L: Letter>(
        &self,
        conn: &mut AnyConnection,
        key: &str,
        to: (&Email, &str, Locale),
        letter: &L,
    ) -> anyhow::Result<()> {
        self.mail_with(conn, key, to, letter, None)
    }

    /// As [`Env::mail_keyed`], with calendars: an invitation (the alternative part and
    /// `invite.ics`) and an agenda (`agenda.ics`).
    pub(crate) fn mail_calendar<L: Letter>(
        &self,
        conn: &mut AnyConnection,
        key: &str,
        (to, name, locale): (&Email, &str, Locale),
        letter: &L,
        (invitation, agenda): (Option<crate::mail::ical::Invitation>, Option<String>),
    ) -> anyhow::Result<()> {
        let body = letter.render(&MailCtx::new(locale, name, &self.settings.base_url, L::TRANSACTIONAL))?;
        let out = Outgoing {
            dedupe_key: key.to_string(),
            to: to.clone(),
            to_name: name.to_string(),
            locale,
            template: L::KIND,
            body,
            invitation,
            agenda,
            entity: None,
            unsubscribe: None,
        };
        outbox::enqueue(conn, self.settings, &out)?;
        Ok(())
    }

    /// As [`Env::mail_keyed`], for a non-transactional email with its one-click unsubscribe
    /// address (`List-Unsubscribe`).
    pub(crate) fn mail_with<L: Letter>(
        &self,
        conn: &mut AnyConnection,
        key: &str,
        (to, name, locale): (&Email, &str, Locale),
        letter: &L,
        unsubscribe: Option<String>,
    ) -> anyhow::Result<()> {
        let body = letter.render(&MailCtx::new(locale, name, &self.settings.base_url, L::TRANSACTIONAL))?;
        let out = Outgoing {
            dedupe_key: key.to_string(),
            to: to.clone(),
            to_name: name.to_string(),
            locale,
            template: L::KIND,
            body,
            invitation: None,
            agenda: None,
            entity: None,
            unsubscribe,
        };
        outbox::enqueue(conn, self.settings, &out)?;
        Ok(())
    }
}

/// A link that works once, or only while it is the latest under `key`: its token's `extra` is
/// `value` and a fresh nonce, and the nonce is granted under `key` (replacing older ones).
pub(crate) fn granted_token(
    conn: &mut AnyConnection,
    env: Env,
    purpose: Purpose,
    (sub, key, value): (&str, &str, &str),
    ttl: TimeDelta,
) -> anyhow::Result<String> {
    let nonce = crate::domain::signed::random_token()?;
    db::link_grants::grant(conn, key, &nonce, env.now() + ttl)?;
    Ok(env.sign(purpose, sub, &format!("{value} {nonce}"), ttl))
}

/// The value and nonce of a token made by [`granted_token`].
pub(crate) fn split_granted(extra: &str) -> Option<(&str, &str)> {
    extra.split_once(' ')
}
