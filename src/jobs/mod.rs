//! The background loop of `ketnoi serve`: today email delivery from the outbox; index sync,
//! recurring sessions and reminders join it here. Every job is idempotent (claims with leases,
//! unique keys), so several nodes may run it at once without doing anything twice.

use std::sync::Arc;
use std::time::Duration;

use crate::config::Settings;
use crate::db::Db;
use crate::mail::outbox::Worker;

/// How often the outbox is polled for due messages.
pub const OUTBOX_POLL: Duration = Duration::from_secs(2);

/// Starts the background jobs on the current (actix/tokio) runtime.
pub fn spawn(db: &Db, settings: &Settings) -> anyhow::Result<()> {
    let worker = Arc::new(Worker::new(db.clone(), settings)?);
    actix_web::rt::spawn(worker.run(OUTBOX_POLL));
    Ok(())
}
