//! The durable outbox and its delivery worker.
//!
//! [`enqueue`] writes the fully formatted message in the caller's transaction, so an email exists
//! if and only if the change that caused it was committed; a dedupe key makes enqueuing twice a
//! no-op. The worker claims due rows with an expiring lease, sends them through the process's one
//! pooled transport, and records the outcome: sent; a transient failure (connection refused,
//! timeout, SMTP 4xx) is retried with exponential backoff and jitter up to
//! `mail_max_attempts`, then failed; a permanent 5xx fails at once with the server's reply kept.
//! A process killed mid-send leaves a row whose lease expires, and the next worker sends it.
//!
//! The one window where a duplicate is possible: the relay accepted the message (250) and the
//! process died before recording it. The retry then sends the same bytes with the same
//! `Message-ID`, which mail clients use to fold the two copies into one.

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use chrono::{NaiveDateTime, TimeDelta};
use futures_util::StreamExt;
use lettre::address::Envelope;
use lettre::message::Mailbox;

use super::ical::Invitation;
use super::templates::Rendered;
use super::transport::Transport;
use crate::config::Settings;
use crate::db::outbox::{self as rows, OutboxRow};
use crate::db::{self, AnyConnection, Db};
use crate::domain::{Email, Locale};

/// An email to enqueue.
#[derive(Debug, Clone)]
pub struct Outgoing {
    /// Unique per logical email, e.g. `invite:<meeting>:<attendee>:<sequence>`.
    pub dedupe_key: String,
    pub to: Email,
    pub to_name: String,
    pub locale: Locale,
    /// The template's name, for operators.
    pub template: &'static str,
    pub body: Rendered,
    pub invitation: Option<Invitation>,
    /// A calendar of several events attached as `agenda.ics` (`METHOD:PUBLISH`): a participant's
    /// meetings.
    pub agenda: Option<String>,
    /// What the email is about, e.g. `("meeting", id)`.
    pub entity: Option<(String, String)>,
    /// The one-click unsubscribe address of a non-transactional email (RFC 8058): sent as
    /// `List-Unsubscribe` with `List-Unsubscribe-Post`.
    pub unsubscribe: Option<String>,
}

/// What `ketnoi outbox status` shows.
#[derive(Debug, Clone)]
pub struct Status {
    /// Messages per status (`queued`, `sending`, `sent`, `failed`), each present.
    pub counts: Vec<(&'static str, i64)>,
    pub oldest_unsent: Option<NaiveDateTime>,
    /// The latest messages with an error.
    pub errors: Vec<db::outbox::OutboxRow>,
}

/// The outbox's state for operators.
pub fn status(conn: &mut AnyConnection) -> anyhow::Result<Status> {
    use db::outbox as rows;
    let counts = rows::counts(conn)?;
    Ok(Status {
        counts: [rows::QUEUED, rows::SENDING, rows::SENT, rows::FAILED]
            .into_iter()
            .map(|s| (s, counts.iter().find(|(c, _)| c == s).map(|(_, n)| *n).unwrap_or(0)))
            .collect(),
        oldest_unsent: rows::oldest_unsent(conn)?,
        errors: rows::recent_errors(conn, 10)?,
    })
}

/// Queues a failed (or stuck) message again; false when there is no unsent message of that id.
pub fn retry(conn: &mut AnyConnection, id: &str) -> anyhow::Result<bool> {
    db::outbox::retry(conn, id, db::now())
}

/// Queues every failed message again; how many.
pub fn retry_failed(conn: &mut AnyConnection) -> anyhow::Result<usize> {
    db::outbox::retry_failed(conn, db::now())
}

/// Formats and stores an email in the caller's transaction. Returns false when nothing is written:
/// an email with the same dedupe key already exists, or the address is a disabled account's (the
/// centre shut it out; it gets nothing more from the product).
pub fn enqueue(conn: &mut AnyConnection, settings: &Settings, out: &Outgoing) -> anyhow::Result<bool> {
    if rows::by_dedupe_key(conn, &out.dedupe_key)?.is_some() {
        return Ok(false);
    }
    if db::users::is_disabled_address(conn, &out.to)? {
        tracing::info!(template = out.template, "not queued: the recipient's account is disabled");
        return Ok(false);
    }
    let id = uuid::Uuid::now_v7();
    let domain = settings.mail_from.email.domain().to_string();
    let message_id = format!("<{}@{domain}>", id.simple());
    let to = Mailbox::new(Some(out.to_name.clone()), out.to.as_str().parse().context("recipient address")?);
    let message = super::compose::format_message(
        &settings.mail_from,
        &to,
        &message_id,
        &out.body,
        out.invitation.as_ref(),
        out.agenda.as_deref(),
        out.unsubscribe.as_deref(),
    )?;
    let now = db::now();
    let row = OutboxRow {
        id: id.to_string(),
        dedupe_key: out.dedupe_key.clone(),
        recipient: out.to.as_str().to_string(),
        locale: out.locale.code().to_string(),
        template: out.template.to_string(),
        subject: out.body.subject.clone(),
        message,
        message_id,
        status: rows::QUEUED.to_string(),
        attempts: 0,
        next_attempt_at: now,
        claimed_until: None,
        last_error: None,
        entity_type: out.entity.as_ref().map(|e| e.0.clone()),
        entity_id: out.entity.as_ref().map(|e| e.1.clone()),
        created_at: now,
        sent_at: None,
    };
    rows::insert_if_new(conn, &row)
}

/// What one pass of the worker did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DrainReport {
    pub sent: usize,
    pub retried: usize,
    pub failed: usize,
}

/// Delivers the outbox.
#[derive(Clone)]
pub struct Worker {
    db: Db,
    transport: Transport,
    sender: lettre::Address,
    max_attempts: u32,
    rate: Option<u32>,
    /// How long a claim lasts before another worker may take the row over.
    pub lease: Duration,
    /// The first retry delay; doubled on every attempt, with ±25% jitter, capped at 6 hours.
    pub base_backoff: Duration,
    /// How many messages are sent at once over the pooled transport.
    pub concurrency: usize,
}

impl Worker {
    /// A worker with the settings' transport, sender, attempt limit and rate.
    pub fn new(db: Db, settings: &Settings) -> anyhow::Result<Self> {
        Ok(Self::with_transport(db, settings, Transport::from_settings(settings)?))
    }

    /// A worker with a given transport.
    pub fn with_transport(db: Db, settings: &Settings, transport: Transport) -> Self {
        Self {
            db,
            transport,
            sender: settings.mail_from.email.clone(),
            max_attempts: settings.mail_max_attempts,
            rate: settings.smtp_rate,
            lease: Duration::from_secs(120),
            base_backoff: Duration::from_secs(30),
            concurrency: if settings.smtp_rate.is_some() { 1 } else { 32 },
        }
    }

    fn backoff(&self, attempts: i32) -> TimeDelta {
        let exp = attempts.clamp(1, 20) as u32 - 1;
        let base = self.base_backoff.as_millis() as i64;
        let delay = base.saturating_mul(1i64 << exp.min(16)).min(6 * 3600 * 1000);
        // ±25% jitter so that many failures at once do not retry in lockstep.
        let jitter = (fastrand_u64() % 500) as i64 - 250;
        TimeDelta::milliseconds(delay + delay * jitter / 1000)
    }

    /// Sends every message due when the call starts, batch after batch, and returns what
    /// happened. A message that fails is not tried again within the same call.
    pub async fn drain(&self) -> anyhow::Result<DrainReport> {
        let mut total = DrainReport::default();
        let started = db::now();
        loop {
            let batch = self.claim_batch(started, 200).await?;
            if batch.is_empty() {
                break;
            }
            let report = self.send_batch(batch).await?;
            total.sent += report.sent;
            total.retried += report.retried;
            total.failed += report.failed;
        }
        self.publish_gauges().await;
        Ok(total)
    }

    /// Claims up to `limit` rows due at `cutoff` (in one transaction) and loads them.
    async fn claim_batch(&self, cutoff: NaiveDateTime, limit: i64) -> anyhow::Result<Vec<OutboxRow>> {
        let lease = TimeDelta::from_std(self.lease).unwrap_or(TimeDelta::minutes(2));
        self.db
            .run(move |c| {
                db::write(c, |c| {
                    let due = rows::due(c, cutoff, limit)?;
                    if due.is_empty() {
                        return Ok(Vec::new());
                    }
                    rows::claim_many(c, &due, cutoff, db::now() + lease)
                })
            })
            .await
    }

    async fn send_batch(&self, batch: Vec<OutboxRow>) -> anyhow::Result<DrainReport> {
        let interval = self.rate.map(|r| Duration::from_secs_f64(60.0 / f64::from(r)));
        let results: Vec<(OutboxRow, Result<(), super::transport::SendError>)> = futures_util::stream::iter(batch)
            .map(|row| async move {
                let result = match row.recipient.parse::<lettre::Address>() {
                    Ok(to) => match Envelope::new(Some(self.sender.clone()), vec![to]) {
                        Ok(envelope) => self.transport.send_raw(&envelope, row.message.as_bytes()).await,
                        Err(e) => Err(super::transport::SendError { permanent: true, message: e.to_string() }),
                    },
                    Err(e) => {
                        Err(super::transport::SendError { permanent: true, message: format!("bad recipient: {e}") })
                    }
                };
                if let Some(pause) = interval {
                    tokio::time::sleep(pause).await;
                }
                (row, result)
            })
            .buffer_unordered(self.concurrency.max(1))
            .collect()
            .await;
        let mut report = DrainReport::default();
        let outcomes: Vec<(String, Outcome)> = results
            .into_iter()
            .map(|(row, result)| {
                let outcome = match result {
                    Ok(()) => Outcome::Sent,
                    Err(e) if e.permanent || row.attempts >= self.max_attempts as i32 => Outcome::Failed(e.message),
                    Err(e) => Outcome::Retry(db::now() + self.backoff(row.attempts), e.message),
                };
                match &outcome {
                    Outcome::Sent => report.sent += 1,
                    Outcome::Retry(..) => report.retried += 1,
                    Outcome::Failed(msg) => {
                        report.failed += 1;
                        tracing::warn!(id = row.id, recipient = row.recipient, error = msg.as_str(), "email failed");
                    }
                }
                (row.id, outcome)
            })
            .collect();
        self.db
            .run(move |c| {
                db::write(c, |c| {
                    let now = db::now();
                    let sent: Vec<String> =
                        outcomes.iter().filter(|(_, o)| matches!(o, Outcome::Sent)).map(|(id, _)| id.clone()).collect();
                    // In chunks, within every backend's limit on bound parameters.
                    for chunk in sent.chunks(500) {
                        rows::mark_sent_many(c, chunk, now)?;
                    }
                    for (id, outcome) in &outcomes {
                        match outcome {
                            Outcome::Sent => {}
                            Outcome::Retry(next, msg) => rows::mark_retry(c, id, *next, msg)?,
                            Outcome::Failed(msg) => rows::mark_failed(c, id, msg)?,
                        }
                    }
                    Ok(())
                })
            })
            .await?;
        metrics::counter!("ketnoi_emails_sent_total").increment(report.sent as u64);
        metrics::counter!("ketnoi_emails_retried_total").increment(report.retried as u64);
        metrics::counter!("ketnoi_emails_failed_total").increment(report.failed as u64);
        if report.sent + report.retried + report.failed > 0 {
            tracing::info!(
                sent = report.sent,
                retried = report.retried,
                failed = report.failed,
                "outbox batch delivered"
            );
        }
        Ok(report)
    }

    /// Queue depth and the age of the oldest unsent message, for the metrics endpoint.
    async fn publish_gauges(&self) {
        let stats = self
            .db
            .run(|c| {
                let counts = rows::counts(c)?;
                let oldest = rows::oldest_unsent(c)?;
                Ok((counts, oldest))
            })
            .await;
        if let Ok((counts, oldest)) = stats {
            let depth: i64 =
                counts.iter().filter(|(s, _)| s == rows::QUEUED || s == rows::SENDING).map(|(_, n)| n).sum();
            metrics::gauge!("ketnoi_email_queue_depth").set(depth as f64);
            let age = oldest.map(|t| (db::now() - t).num_milliseconds() as f64 / 1000.0).unwrap_or(0.0);
            metrics::gauge!("ketnoi_email_oldest_queued_seconds").set(age);
        }
    }

    /// Drains the outbox every `every` until the process stops.
    pub async fn run(self: Arc<Self>, every: Duration) {
        loop {
            if let Err(e) = self.drain().await {
                tracing::error!(error = format!("{e:#}"), "outbox worker");
            }
            tokio::time::sleep(every).await;
        }
    }
}

enum Outcome {
    Sent,
    Retry(NaiveDateTime, String),
    Failed(String),
}

/// A cheap random number for jitter (not for anything secret).
fn fastrand_u64() -> u64 {
    let mut b = [0u8; 8];
    if getrandom::fill(&mut b).is_err() {
        return 0;
    }
    u64::from_le_bytes(b)
}
