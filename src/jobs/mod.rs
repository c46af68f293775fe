//! The background loop of `ketnoi serve`: email delivery from the outbox, the search index
//! following the change log, and every hour the clean-up of expired sessions and stale
//! rate-limit counters and the reminders of listings about to expire. Every job is idempotent (claims
//! with leases, unique keys), so several nodes may run it at once without doing anything twice.

use std::sync::Arc;
use std::time::Duration;

use crate::mail::outbox::Worker;
use crate::state::AppState;

/// How often the outbox is polled for due messages.
pub const OUTBOX_POLL: Duration = Duration::from_secs(2);

/// How often the hourly jobs run.
pub const HOURLY: Duration = Duration::from_secs(3600);

/// Starts the background jobs on the current (actix/tokio) runtime.
pub fn spawn(state: &AppState) -> anyhow::Result<()> {
    let worker = Arc::new(Worker::new(state.db.clone(), &state.settings)?);
    actix_web::rt::spawn(worker.run(OUTBOX_POLL));
    actix_web::rt::spawn(hourly(state.clone()));
    actix_web::rt::spawn(follow_search(state.clone()));
    Ok(())
}

/// How often the index follows the change log.
pub const SEARCH_POLL: Duration = Duration::from_secs(1);

/// Applies listing changes to this node's search index as they are logged.
async fn follow_search(state: AppState) {
    let mut tick = tokio::time::interval(SEARCH_POLL);
    loop {
        tick.tick().await;
        let search = state.search.clone();
        match state.db.run(move |c| search.catch_up(c)).await {
            Ok(0) => {}
            Ok(n) => tracing::debug!(changes = n, "search index updated"),
            Err(e) => tracing::warn!(error = format!("{e:#}"), "updating the search index failed"),
        }
    }
}

/// Once at start and then every hour: removes expired sessions and stale counters, and reminds
/// owners of listings that expire within two weeks (once per listing, expiry date and person, so
/// several nodes doing it at once still send each reminder once).
async fn hourly(state: AppState) {
    let mut tick = tokio::time::interval(HOURLY);
    loop {
        tick.tick().await;
        let done = state
            .db
            .run(|c| {
                Ok((
                    crate::db::login_sessions::purge_expired(c)?,
                    crate::db::rate_limits::purge_stale(c)?,
                    crate::db::link_grants::purge_expired(c)?,
                ))
            })
            .await;
        match done {
            Ok((sessions, counters, links)) => {
                tracing::info!(sessions, counters, links, "removed expired sessions, counters and link grants")
            }
            Err(e) => tracing::warn!(error = format!("{e:#}"), "cleaning up sessions failed"),
        }
        let st = state.clone();
        match state.db.run(move |c| crate::listings::remind_expiring(c, st.env(), crate::db::now())).await {
            Ok(n) => tracing::info!(reminders = n, "expiry reminders queued"),
            Err(e) => tracing::warn!(error = format!("{e:#}"), "expiry reminders failed"),
        }
    }
}
