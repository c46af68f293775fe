//! The staff console: today's work in one place — listings and changes to review,
//! organisations to verify, each running session and its next step, emails that failed or have
//! waited too long, and follow-ups that nobody answered — and the staff actions on the outbox
//! (retry, audited).

use chrono::{NaiveDateTime, TimeDelta};

use super::sessions::View;
use super::sessions::outcomes::{ROUNDS, outcome_of};
use crate::db::outbox::OutboxRow;
use crate::db::{self, AnyConnection};
use crate::domain::{SessionStatus, UserId, local_date};

/// A queued email older than this is late (the loop sends within a minute when SMTP works).
pub const LATE: TimeDelta = TimeDelta::hours(1);
/// Rows the console lists per kind of trouble.
const SHOWN: i64 = 20;

/// A held session with meetings whose latest follow-up nobody answered.
#[derive(Debug, Clone)]
pub struct FollowUps {
    pub view: View,
    /// The latest round reached (days after the session).
    pub round: i64,
    pub unanswered: usize,
}

/// Today's work.
#[derive(Debug, Clone)]
pub struct Today {
    pub listings: usize,
    pub revisions: usize,
    pub organisations: usize,
    pub changes: usize,
    /// Sessions not yet closed or cancelled, by date.
    pub sessions: Vec<View>,
    pub failed: Vec<OutboxRow>,
    pub late: Vec<OutboxRow>,
    pub follow_ups: Vec<FollowUps>,
}

/// Meetings held at a session whose latest reached follow-up round neither side answered (and
/// that have not reached a contract).
fn follow_ups(conn: &mut AnyConnection, v: &View, now: NaiveDateTime) -> anyhow::Result<Option<FollowUps>> {
    let today = local_date(now);
    let Some(round) = ROUNDS.iter().rev().find(|d| today >= v.row.session_date + TimeDelta::days(**d)).copied() else {
        return Ok(None);
    };
    let reports = db::sessions::reports(conn, &v.row.id)?;
    let unanswered = db::sessions::meetings(conn, &v.row.id)?
        .iter()
        .filter(|m| m.status == "scheduled" && m.attendance == "held")
        .filter(|m| !reports.iter().any(|r| r.meeting_id == m.id && r.round == round.to_string()))
        .filter(|m| outcome_of(m, &reports).stage != Some("contract"))
        .count();
    Ok((unanswered > 0).then(|| FollowUps { view: v.clone(), round, unanswered }))
}

pub fn today(conn: &mut AnyConnection, now: NaiveDateTime) -> anyhow::Result<Today> {
    let orgs = db::organisations::verification_queue(conn)?;
    let mut sessions = Vec::new();
    let mut follow = Vec::new();
    for row in db::sessions::sessions(conn)? {
        let v = View::of(row);
        match v.status {
            SessionStatus::Cancelled => {}
            SessionStatus::Held | SessionStatus::Closed => {
                if let Some(f) = follow_ups(conn, &v, now)? {
                    follow.push(f);
                }
                if v.status == SessionStatus::Held {
                    sessions.push(v);
                }
            }
            _ => sessions.push(v),
        }
    }
    Ok(Today {
        listings: db::listings::submitted(conn)?.len(),
        revisions: db::listings::pending_revisions(conn)?.len(),
        organisations: orgs.iter().filter(|o| o.verified_at.is_none()).count(),
        changes: db::organisations::pending_changes(conn)?.len(),
        sessions,
        failed: db::outbox::list(conn, Some(db::outbox::FAILED), SHOWN)?,
        late: db::outbox::waiting_since(conn, now - LATE, SHOWN)?,
        follow_ups: follow,
    })
}

/// Staff queue an unsent email again (a failed one, or one that waits); audited. `false` when it
/// does not exist or was sent.
pub fn retry(conn: &mut AnyConnection, actor: UserId, id: &str, now: NaiveDateTime) -> anyhow::Result<bool> {
    db::write(conn, |conn| {
        if !db::outbox::retry(conn, id, now)? {
            return Ok(false);
        }
        db::audit::record(conn, Some(actor), "outbox.retried", "outbox", id, &serde_json::json!({}))?;
        Ok(true)
    })
}

/// Staff queue every failed email again; audited. How many.
pub fn retry_failed(conn: &mut AnyConnection, actor: UserId, now: NaiveDateTime) -> anyhow::Result<usize> {
    db::write(conn, |conn| {
        let n = db::outbox::retry_failed(conn, now)?;
        if n > 0 {
            db::audit::record(
                conn,
                Some(actor),
                "outbox.retried_all",
                "outbox",
                "*",
                &serde_json::json!({ "count": n }),
            )?;
        }
        Ok(n)
    })
}
