//! The background loop of `ketnoi serve`: email delivery from the outbox and the hourly clean-up
//! of expired sessions and stale rate-limit counters; index sync, recurring sessions and
//! reminders join it here. Every job is idempotent (claims with leases,
//! unique keys), so several nodes may run it at once without doing anything twice.

use std::sync::Arc;
use std::time::Duration;

use crate::config::Settings;
use crate::db::Db;
use crate::mail::outbox::Worker;

/// How often the outbox is polled for due messages.
pub const OUTBOX_POLL: Duration = Duration::from_secs(2);

/// How often expired sessions and stale rate-limit counters are removed.
pub const CLEANUP_EVERY: Duration = Duration::from_secs(3600);

/// Starts the background jobs on the current (actix/tokio) runtime.
pub fn spawn(db: &Db, settings: &Settings) -> anyhow::Result<()> {
    let worker = Arc::new(Worker::new(db.clone(), settings)?);
    actix_web::rt::spawn(worker.run(OUTBOX_POLL));
    actix_web::rt::spawn(cleanup(db.clone()));
    Ok(())
}

/// Removes expired sessions and stale counters, once at start and then every hour.
async fn cleanup(db: Db) {
    let mut tick = tokio::time::interval(CLEANUP_EVERY);
    loop {
        tick.tick().await;
        let done =
            db.run(|c| Ok((crate::db::sessions::purge_expired(c)?, crate::db::rate_limits::purge_stale(c)?))).await;
        match done {
            Ok((sessions, counters)) => tracing::info!(sessions, counters, "removed expired sessions and counters"),
            Err(e) => tracing::warn!(error = format!("{e:#}"), "cleaning up sessions failed"),
        }
    }
}
