//! `ketnoi outbox`: deliver, inspect, retry and test the email outbox.

use clap::Subcommand;

use super::{Failure, migrated};
use crate::config::Settings;
use crate::domain::{Email, Locale};

/// `outbox` actions.
#[derive(Debug, Subcommand)]
pub enum OutboxAction {
    /// Deliver queued email (keeps running; with --once: drain what is due and exit).
    Send {
        #[arg(long)]
        once: bool,
    },
    /// Counts per status, the oldest queued message and the latest errors.
    Status,
    /// Queue a failed message again (by id), or every failed one.
    Retry {
        /// The message id (see `outbox status`).
        #[arg(required_unless_present = "failed", conflicts_with = "failed")]
        id: Option<String>,
        /// Retry every failed message.
        #[arg(long)]
        failed: bool,
    },
    /// Queue a sample message with a sample meeting invitation, to check a relay and calendars.
    Test {
        /// Recipient address.
        #[arg(long)]
        to: String,
        #[arg(long, default_value = "vi", value_parser = ["vi", "en"])]
        locale: String,
    },
}

pub(super) fn outbox(settings: &Settings, action: OutboxAction) -> Result<(), Failure> {
    use crate::mail::outbox::Worker;
    let db = migrated(settings)?;
    match action {
        OutboxAction::Send { once } => {
            actix_web::rt::System::new().block_on(async move {
                // The pooled SMTP transport needs the runtime it will run on.
                let worker = std::sync::Arc::new(Worker::new(db, settings)?);
                if once {
                    let r = worker.drain().await?;
                    println!("sent {}, to retry {}, failed {}", r.sent, r.retried, r.failed);
                    return Ok::<(), anyhow::Error>(());
                }
                println!("delivering email until Ctrl+C");
                tokio::select! {
                    _ = worker.run(crate::jobs::OUTBOX_POLL) => {}
                    _ = tokio::signal::ctrl_c() => {}
                }
                Ok(())
            })?;
            Ok(())
        }
        OutboxAction::Status => {
            let st = crate::mail::outbox::status(&mut *db.conn()?)?;
            for (status, n) in st.counts {
                println!("{status:<8} {n}");
            }
            match st.oldest_unsent {
                Some(t) => println!("oldest unsent: {} (queued {} s ago)", t, (crate::db::now() - t).num_seconds()),
                None => println!("oldest unsent: none"),
            }
            if !st.errors.is_empty() {
                println!("latest errors:");
                for r in st.errors {
                    println!(
                        "  {} {} {} after {} attempt(s): {}",
                        r.id,
                        r.status,
                        r.recipient,
                        r.attempts,
                        r.last_error.unwrap_or_default()
                    );
                }
            }
            Ok(())
        }
        OutboxAction::Retry { id, failed } => {
            let mut c = db.conn()?;
            if failed {
                println!("{} message(s) queued again", crate::mail::outbox::retry_failed(&mut c)?);
                return Ok(());
            }
            let id = id.unwrap_or_default();
            if crate::mail::outbox::retry(&mut c, &id)? {
                println!("{id} queued again");
                Ok(())
            } else {
                Err(Failure::Usage(format!("no unsent message with id {id:?}")))
            }
        }
        OutboxAction::Test { to, locale } => {
            let to = Email::parse(&to).map_err(|e| Failure::Usage(format!("--to: {e}")))?;
            let locale: Locale = locale.parse().map_err(|e| Failure::Usage(format!("--locale: {e}")))?;
            let out = crate::mail::test_email(settings, &to, locale)?;
            let mut c = db.conn()?;
            crate::mail::outbox::enqueue(&mut c, settings, &out)?;
            println!("test message for {to} queued; `ketnoi outbox send --once` delivers it");
            Ok(())
        }
    }
}
