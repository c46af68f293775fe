//! The background loop of `ketnoi serve`: email delivery from the outbox, the search index and
//! the suggestion lists following the change log, and every hour the clean-up of expired sessions, stale rate-limit
//! counters and link grants, the reminders of listings about to expire, and the matchmaking
//! sessions' series and deadlines. Every job is
//! idempotent (claims with leases, unique keys), so several nodes may run it at once without doing
//! anything twice. [`tick`] runs every job once, now (by the application's clock): the tests use it
//! to step through time.

use std::sync::Arc;
use std::time::Duration;

use tokio::task::JoinHandle;

use crate::mail::outbox::Worker;
use crate::state::AppState;

/// How often the outbox is polled for due messages.
pub const OUTBOX_POLL: Duration = Duration::from_secs(2);

/// How often the hourly jobs run.
pub const HOURLY: Duration = Duration::from_secs(3600);

/// How often the index follows the change log.
pub const SEARCH_POLL: Duration = Duration::from_secs(1);

/// How often the suggestion lists follow the change log (each batch of changes computes the
/// lists again: less often than the index).
pub const RECOMMEND_POLL: Duration = Duration::from_secs(10);

/// Starts the background jobs on the current tokio runtime; they run until aborted or until the
/// runtime stops.
pub fn spawn(state: &AppState) -> anyhow::Result<Vec<JoinHandle<()>>> {
    let worker = Arc::new(Worker::new(state.db.clone(), &state.settings)?);
    Ok(vec![
        tokio::spawn(worker.run(OUTBOX_POLL)),
        tokio::spawn(every(HOURLY, state.clone(), hourly)),
        tokio::spawn(every(SEARCH_POLL, state.clone(), follow_search)),
        tokio::spawn(every(RECOMMEND_POLL, state.clone(), |s| follow_recommendations(s, false))),
    ])
}

/// Runs every job once, now: delivers what the outbox holds, applies the search change log, and
/// does the hourly work at the clock's time.
pub async fn tick(state: &AppState) -> anyhow::Result<()> {
    follow_search(state.clone()).await;
    follow_recommendations(state.clone(), false).await;
    hourly(state.clone()).await;
    Worker::new(state.db.clone(), &state.settings)?.drain().await?;
    Ok(())
}

/// Runs `job` at once and then every `period`.
async fn every<F, Fut>(period: Duration, state: AppState, job: F)
where
    F: Fn(AppState) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let mut tick = tokio::time::interval(period);
    loop {
        tick.tick().await;
        job(state.clone()).await;
    }
}

/// Applies listing changes to this node's search index as they are logged.
async fn follow_search(state: AppState) {
    let search = state.search.clone();
    match state.db.run(move |c| search.catch_up(c)).await {
        Ok(0) => {}
        Ok(n) => tracing::debug!(changes = n, "search index updated"),
        Err(e) => tracing::warn!(error = format!("{e:#}"), "updating the search index failed"),
    }
}

/// Rewrites the suggestion lists that listing changes touched; `expiry` also when nothing
/// changed, so that listings that expired since leave the lists.
async fn follow_recommendations(state: AppState, expiry: bool) {
    let now = state.clock.now();
    match state.db.run(move |c| crate::services::recommend::refresh(c, now, expiry)).await {
        Ok(0) => {}
        Ok(n) => tracing::debug!(lists = n, "suggestion lists updated"),
        Err(e) => tracing::warn!(error = format!("{e:#}"), "updating the suggestion lists failed"),
    }
}

/// Removes expired sessions, stale counters and link grants, reminds owners of listings that
/// expire within two weeks (once per listing, expiry date and person, so several nodes doing it
/// at once still send each reminder once), reminds and expires expressions of interest, keeps
/// the series' next matchmaking sessions generated and lapses their overdue meeting requests, and
/// queues the weekly digests (once per person and week).
async fn hourly(state: AppState) {
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
    let now = state.clock.now();
    match state.db.run(move |c| crate::services::listings::remind_expiring(c, st.env(), now)).await {
        Ok(n) => tracing::info!(reminders = n, "expiry reminders queued"),
        Err(e) => tracing::warn!(error = format!("{e:#}"), "expiry reminders failed"),
    }
    let st = state.clone();
    match state.db.run(move |c| crate::services::interests::sweep(c, st.env(), now)).await {
        Ok((reminded, expired)) => tracing::info!(reminded, expired, "expressions of interest reminded and expired"),
        Err(e) => tracing::warn!(error = format!("{e:#}"), "sweeping expressions of interest failed"),
    }
    match state.db.run(move |c| crate::services::sessions::requests::sweep(c, now)).await {
        Ok((generated, lapsed, paired)) => {
            metrics::counter!("ketnoi_sessions_generated_total").increment(generated as u64);
            metrics::counter!("ketnoi_meeting_requests_lapsed_total").increment(lapsed as u64);
            metrics::counter!("ketnoi_pairs_from_interest_total").increment(paired as u64);
            tracing::info!(
                generated,
                lapsed,
                paired,
                "matchmaking sessions generated, requests lapsed, interests paired"
            )
        }
        Err(e) => tracing::warn!(error = format!("{e:#}"), "the matchmaking sessions' hourly work failed"),
    }
    let st = state.clone();
    match state.db.run(move |c| crate::services::sessions::agenda::remind(c, st.env(), now)).await {
        Ok(n) => tracing::info!(reminders = n, "agenda reminders queued"),
        Err(e) => tracing::warn!(error = format!("{e:#}"), "agenda reminders failed"),
    }
    let st = state.clone();
    match state.db.run(move |c| crate::services::sessions::outcomes::send_due(c, st.env(), now)).await {
        Ok(n) => tracing::info!(emails = n, "meeting feedback and follow-ups queued"),
        Err(e) => tracing::warn!(error = format!("{e:#}"), "meeting feedback and follow-ups failed"),
    }
    let st = state.clone();
    match state.db.run(move |c| crate::services::digest::send_weekly(c, st.env(), now)).await {
        Ok(n) => tracing::info!(digests = n, "weekly digests queued"),
        Err(e) => tracing::warn!(error = format!("{e:#}"), "weekly digests failed"),
    }
    follow_recommendations(state, true).await;
}
