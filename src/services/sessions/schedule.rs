//! The schedule of a session: its accepted pairs, each participant's half-days and most
//! meetings, the tables and breaks become the scheduler's instance (`matching::schedule`), whose
//! meetings are stored one row each. A new run changes as little as it can: meetings staff
//! locked (or moved, which locks them) stay; every other meeting still valid keeps its slot and
//! table; pairs no longer agreed lose theirs. Once the agenda has been sent, a changed meeting
//! raises its SEQUENCE, so that the next update re-sends exactly the meetings that changed.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::{View, audit};
use crate::db::{self, AnyConnection, sessions::Meeting, sessions::pair_key};
use crate::domain::{Block, ParticipantStatus, RequestStatus, SessionStatus, User};
use crate::matching::schedule::{
    self as engine, CandidateIn, Instance, LockIn, ParticipantIn, PreviousMeeting, PreviousSchedule,
};
use crate::services::listings::{Outcome, Refused};

/// Why an agreed pair has no meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unplaced {
    /// The two are never free at the same time (their half-days, or the request's).
    NoCommonTime,
    /// One of the two already has as many meetings as it wanted.
    Cap,
    /// Their common slots have no free table, or the heavier pairs took them.
    Full,
}

impl Unplaced {
    pub fn code(self) -> &'static str {
        match self {
            Self::NoCommonTime => "no_common_time",
            Self::Cap => "cap",
            Self::Full => "full",
        }
    }
}

/// What the last run found, kept with the session.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub meetings: usize,
    pub pairs: usize,
    pub total_weight: f64,
    pub upper_bound: f64,
    pub optimal: bool,
    pub idle_gaps: usize,
    pub idle_worst: usize,
    pub kept: usize,
    pub seconds: f64,
    /// (pair id, why).
    pub unplaced: Vec<(String, Unplaced)>,
    pub at: Option<NaiveDateTime>,
}

/// The report of a session's last run, if any.
pub fn report(v: &View) -> Option<Report> {
    serde_json::from_str(&v.row.schedule_report).ok()
}

/// The slots (indices) a participant can attend.
fn available(v: &View, blocks: &str) -> Vec<i64> {
    let mine: Vec<Block> = blocks.split('|').filter_map(|b| b.parse().ok()).collect();
    v.programme.slots().iter().enumerate().filter(|(_, s)| mine.contains(&s.block)).map(|(i, _)| i as i64).collect()
}

/// How many tables the session has (at the venue, then online).
pub fn table_count(v: &View) -> usize {
    v.tables.len() + v.online_tables.len()
}

/// The name of a table by its index.
pub fn table_name(v: &View, i: i32) -> String {
    let i = usize::try_from(i).unwrap_or(0);
    v.tables.get(i).or_else(|| v.online_tables.get(i - v.tables.len().min(i))).cloned().unwrap_or_default()
}

/// Whether a table is online.
pub fn table_online(v: &View, i: i32) -> bool {
    usize::try_from(i).is_ok_and(|i| i >= v.tables.len())
}

fn bump(m: &mut Meeting) {
    // Told at this sequence already: this change is a new version.
    if m.notified_sequence >= 0 && m.notified_sequence >= m.sequence {
        m.sequence += 1;
    }
}

/// Runs the scheduler on the session's agreed pairs and stores its meetings with as few
/// changes as possible (see the module). While scheduling, or after publication.
pub fn run(conn: &mut AnyConnection, by: Option<&User>, session: &str, now: NaiveDateTime) -> Outcome<Report> {
    let Some(v) = super::get(conn, session)? else { return Ok(Err(Refused::NotFound)) };
    if !matches!(v.status, SessionStatus::Scheduling | SessionStatus::Published) {
        return Ok(Err(Refused::State("session-not-scheduling")));
    }
    run_in(conn, by, &v, None, now)
}

/// On the day: seats waiting pairs of organisations that have arrived in what is left of the
/// day (the current slot on), around the meetings already held or under way; a no-show's table
/// is free again. A minimal-change run restricted to the rest of the day.
pub fn refill(conn: &mut AnyConnection, by: &User, session: &str, now: NaiveDateTime) -> Outcome<Report> {
    let Some(v) = super::get(conn, session)? else { return Ok(Err(Refused::NotFound)) };
    if !matches!(v.status, SessionStatus::Published | SessionStatus::Held) {
        return Ok(Err(Refused::State("session-not-on-the-day")));
    }
    let from = v
        .programme
        .slots()
        .iter()
        .position(|s| crate::domain::utc_of_local(v.row.session_date.and_time(s.span.end)) > now);
    let Some(from) = from else { return Ok(Err(Refused::State("session-day-over"))) };
    run_in(conn, Some(by), &v, Some(from), now)
}

/// A run on the whole day, or (`from`) on the rest of it: earlier meetings stay where they
/// are, new meetings go only to organisations that have arrived, and no-shows free their table.
fn run_in(
    conn: &mut AnyConnection,
    by: Option<&User>,
    v: &View,
    from: Option<usize>,
    now: NaiveDateTime,
) -> Outcome<Report> {
    let session = v.row.id.as_str();
    let started = std::time::Instant::now();
    let participants: Vec<_> = db::sessions::participants(conn, session)?
        .into_iter()
        .filter(|p| p.status == ParticipantStatus::Approved.code())
        .collect();
    let avail: HashMap<String, Vec<i64>> =
        participants.iter().map(|p| (p.id.clone(), available(v, &p.blocks))).collect();
    let cap: HashMap<String, i64> = participants.iter().map(|p| (p.id.clone(), i64::from(p.max_meetings))).collect();
    let arrived: std::collections::HashSet<String> =
        participants.iter().filter(|p| p.arrived_at.is_some()).map(|p| p.id.clone()).collect();
    let all_meetings = db::sessions::meetings(conn, session)?;
    // A no-show's meeting keeps its row (for the record) but holds no table and is not sat again.
    let no_show: std::collections::HashSet<String> =
        all_meetings.iter().filter(|m| m.attendance == "no_show").map(|m| m.pair_id.clone()).collect();
    let has_meeting: std::collections::HashSet<String> = all_meetings
        .iter()
        .filter(|m| m.status == "scheduled" && m.attendance != "no_show")
        .map(|m| m.pair_id.clone())
        .collect();
    let pairs = super::requests::pairs(conn, session)?;
    let pairs: Vec<_> = pairs
        .into_iter()
        .filter(|p| avail.contains_key(&p.request.from_participant) && avail.contains_key(&p.request.to_participant))
        .filter(|p| !no_show.contains(&p.request.id))
        // On the day, a new meeting only for two organisations that are here.
        .filter(|p| {
            from.is_none()
                || has_meeting.contains(&p.request.id)
                || (arrived.contains(&p.request.from_participant) && arrived.contains(&p.request.to_participant))
        })
        .collect();
    let slots = v.programme.slots();
    let block_slots = |b: &str| -> Option<Vec<i64>> {
        let b: Block = b.parse().ok()?;
        Some(slots.iter().enumerate().filter(|(_, s)| s.block == b).map(|(i, _)| i as i64).collect())
    };
    let existing: Vec<Meeting> =
        all_meetings.into_iter().filter(|m| m.status == "scheduled" && m.attendance != "no_show").collect();
    // On the day, what has begun stays; new meetings only from `from` on.
    let started_before = |slot: i32| from.is_some_and(|f| usize::try_from(slot).is_ok_and(|s| s < f));
    let rest_of_day: Option<Vec<i64>> = from.map(|f| (f as i64..slots.len() as i64).collect());
    let within = |allowed: Option<Vec<i64>>| -> Option<Vec<i64>> {
        match (allowed, &rest_of_day) {
            (None, r) => r.clone(),
            (Some(a), None) => Some(a),
            (Some(a), Some(r)) => Some(a.into_iter().filter(|s| r.contains(s)).collect()),
        }
    };
    let fixed_pairs: std::collections::HashSet<&str> =
        existing.iter().filter(|m| started_before(m.slot)).map(|m| m.pair_id.as_str()).collect();
    let live_pairs: std::collections::HashSet<&str> = pairs.iter().map(|p| p.request.id.as_str()).collect();
    let inst = Instance {
        slots: slots.len() as i64,
        tables: table_count(v) as i64,
        participants: participants
            .iter()
            .map(|p| ParticipantIn {
                id: p.id.clone(),
                available: avail.get(&p.id).cloned(),
                max_meetings: cap.get(&p.id).copied(),
            })
            .collect(),
        candidates: pairs
            .iter()
            .map(|p| CandidateIn {
                a: p.request.from_participant.clone(),
                b: p.request.to_participant.clone(),
                weight: p.weight.total(),
                slots: if fixed_pairs.contains(p.request.id.as_str()) {
                    block_slots(&p.request.block)
                } else {
                    within(block_slots(&p.request.block))
                },
            })
            .collect(),
        locked: existing
            .iter()
            .filter(|m| (m.locked || started_before(m.slot)) && live_pairs.contains(m.pair_id.as_str()))
            .map(|m| LockIn { a: m.participant_a.clone(), b: m.participant_b.clone(), slot: i64::from(m.slot) })
            .collect(),
        pauses_after: v.programme.pauses_after().into_iter().map(|i| i as i64).collect(),
    };
    let mut problem = match engine::Problem::new(&inst) {
        Ok(p) => p,
        Err(e) => {
            tracing::warn!(session, error = %e, "the session's schedule instance was refused");
            return Ok(Err(Refused::State("session-schedule-impossible")));
        }
    };
    let previous = PreviousSchedule {
        meetings: existing
            .iter()
            .filter(|m| !m.locked && !started_before(m.slot) && live_pairs.contains(m.pair_id.as_str()))
            .map(|m| PreviousMeeting {
                a: m.participant_a.clone(),
                b: m.participant_b.clone(),
                slot: i64::from(m.slot),
                table: Some(i64::from(m.table_index)),
            })
            .collect(),
    };
    let kept = problem.keep_previous(&previous);
    let solution = engine::solve(&problem, engine::Options::default());
    let out = engine::output(&problem, &solution, started.elapsed().as_secs_f64(), Some(kept));

    // Why each pair left out is left out.
    let mut load: HashMap<&str, i64> = HashMap::new();
    for m in &out.meetings {
        *load.entry(m.a.as_str()).or_default() += 1;
        *load.entry(m.b.as_str()).or_default() += 1;
    }
    let placed: std::collections::HashSet<String> = out.meetings.iter().map(|m| pair_key(&m.a, &m.b)).collect();
    let mut unplaced = Vec::new();
    for p in &pairs {
        let (a, b) = (&p.request.from_participant, &p.request.to_participant);
        if placed.contains(&pair_key(a, b)) {
            continue;
        }
        let allowed = block_slots(&p.request.block);
        let common =
            avail[a].iter().filter(|s| avail[b].contains(s) && allowed.as_ref().is_none_or(|x| x.contains(s))).count();
        let why = if common == 0 {
            Unplaced::NoCommonTime
        } else if load.get(a.as_str()).copied().unwrap_or(0) >= cap[a]
            || load.get(b.as_str()).copied().unwrap_or(0) >= cap[b]
        {
            Unplaced::Cap
        } else {
            Unplaced::Full
        };
        unplaced.push((p.request.id.clone(), why));
    }
    let report = Report {
        meetings: out.meetings.len(),
        pairs: pairs.len(),
        total_weight: out.total_weight,
        upper_bound: out.upper_bound,
        optimal: out.optimal,
        idle_gaps: out.idle_gaps,
        idle_worst: out.idle_worst,
        kept: out.kept.unwrap_or(0),
        seconds: out.seconds,
        unplaced,
        at: Some(now),
    };

    let by_pair: HashMap<String, &crate::services::sessions::requests::Pair> =
        pairs.iter().map(|p| (pair_key(&p.request.from_participant, &p.request.to_participant), p)).collect();
    db::write(conn, |conn| {
        let mut old: HashMap<String, Meeting> = existing.iter().map(|m| (m.pair_id.clone(), m.clone())).collect();
        for m in &out.meetings {
            let Some(pair) = by_pair.get(&pair_key(&m.a, &m.b)) else { continue };
            let (slot, table) = (i32::try_from(m.slot).unwrap_or(0), i32::try_from(m.table).unwrap_or(0));
            match old.remove(&pair.request.id) {
                Some(mut x) if x.slot != slot || x.table_index != table => {
                    x.slot = slot;
                    x.table_index = table;
                    x.updated_at = now;
                    bump(&mut x);
                    db::sessions::update_meeting(conn, &x)?;
                }
                Some(_) => {}
                None => db::sessions::insert_meeting(
                    conn,
                    &Meeting {
                        id: uuid::Uuid::now_v7().to_string(),
                        session_id: session.to_string(),
                        pair_id: pair.request.id.clone(),
                        participant_a: pair.request.from_participant.clone(),
                        participant_b: pair.request.to_participant.clone(),
                        slot,
                        table_index: table,
                        status: "scheduled".into(),
                        locked: false,
                        sequence: 0,
                        notified_sequence: -1,
                        answer_a: String::new(),
                        answer_b: String::new(),
                        created_at: now,
                        updated_at: now,
                        attendance: String::new(),
                        attendance_at: None,
                    },
                )?,
            }
        }
        // Meetings the new schedule no longer has.
        for (_, mut x) in old {
            cancel_row(conn, &mut x, now)?;
        }
        db::sessions::set_schedule_report(conn, session, &serde_json::to_string(&report)?)?;
        let detail = serde_json::json!({ "meetings": report.meetings, "pairs": report.pairs, "kept": report.kept, "weight": report.total_weight });
        audit(conn, by, "session.scheduled", ("session", session), detail)?;
        Ok(())
    })?;
    metrics::histogram!("ketnoi_schedule_seconds").record(report.seconds);
    Ok(Ok(report))
}

/// Cancels a meeting's row: gone when nobody was ever told of it, cancelled (a new version)
/// otherwise.
fn cancel_row(conn: &mut AnyConnection, m: &mut Meeting, now: NaiveDateTime) -> anyhow::Result<()> {
    if m.notified_sequence < 0 {
        return db::sessions::delete_meeting(conn, &m.id);
    }
    m.status = "cancelled".into();
    m.updated_at = now;
    bump(m);
    db::sessions::update_meeting(conn, m)
}

/// What staff do to one meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// To a slot and a table (and locked there).
    Move {
        slot: i32,
        table: i32,
    },
    Lock(bool),
    /// The meeting and its pair end.
    Cancel,
}

/// Moves, locks or cancels one meeting. A move must keep both participants free and within
/// their half-days, and the table free.
pub fn change(conn: &mut AnyConnection, by: &User, id: &str, change: Change, now: NaiveDateTime) -> Outcome<Meeting> {
    db::write(conn, |conn| {
        let Some(mut m) = db::sessions::meeting(conn, id)? else { return Ok(Err(Refused::NotFound)) };
        if m.status != "scheduled" {
            return Ok(Err(Refused::State("meeting-not-scheduled")));
        }
        let Some(v) = super::get(conn, &m.session_id)? else { return Ok(Err(Refused::NotFound)) };
        if !matches!(v.status, SessionStatus::Scheduling | SessionStatus::Published) {
            return Ok(Err(Refused::State("session-not-scheduling")));
        }
        let action = match change {
            Change::Move { slot, table } => {
                let slots = v.slot_count() as i32;
                if !(0..slots).contains(&slot) || !(0..table_count(&v) as i32).contains(&table) {
                    return Ok(Err(Refused::State("meeting-move-outside")));
                }
                let others: Vec<Meeting> = db::sessions::meetings(conn, &m.session_id)?
                    .into_iter()
                    .filter(|x| x.status == "scheduled" && x.id != m.id && x.slot == slot)
                    .collect();
                if others.iter().any(|x| x.table_index == table) {
                    return Ok(Err(Refused::State("meeting-table-taken")));
                }
                let sides = [&m.participant_a, &m.participant_b];
                if others.iter().any(|x| sides.contains(&&x.participant_a) || sides.contains(&&x.participant_b)) {
                    return Ok(Err(Refused::State("meeting-busy")));
                }
                for p in sides {
                    let Some(p) = db::sessions::participant(conn, p)? else { return Ok(Err(Refused::NotFound)) };
                    if !available(&v, &p.blocks).contains(&i64::from(slot)) {
                        return Ok(Err(Refused::State("meeting-unavailable")));
                    }
                }
                if (m.slot, m.table_index) != (slot, table) {
                    m.slot = slot;
                    m.table_index = table;
                    bump(&mut m);
                }
                m.locked = true;
                "meeting.moved"
            }
            Change::Lock(l) => {
                m.locked = l;
                if l { "meeting.locked" } else { "meeting.unlocked" }
            }
            Change::Cancel => {
                db::sessions::set_request_status(conn, &m.pair_id, &["accepted"], RequestStatus::Removed.code(), now)?;
                let detail = serde_json::json!({ "session": m.session_id, "slot": m.slot });
                audit(conn, Some(by), "meeting.cancelled", ("meeting", &m.id), detail)?;
                cancel_row(conn, &mut m, now)?;
                return Ok(Ok(m));
            }
        };
        m.updated_at = now;
        db::sessions::update_meeting(conn, &m)?;
        let detail = serde_json::json!({ "session": m.session_id, "slot": m.slot, "table": m.table_index });
        audit(conn, Some(by), action, ("meeting", &m.id), detail)?;
        Ok(Ok(m))
    })
}

/// A participant's load in the schedule: meetings and idle slots between its first and last.
#[derive(Debug, Clone, PartialEq)]
pub struct Load {
    pub participant: String,
    pub meetings: usize,
    pub idle: usize,
}

/// Every participant's load, from the stored meetings.
pub fn loads(v: &View, meetings: &[Meeting]) -> Vec<Load> {
    let pauses = v.programme.pauses_after();
    let mut slots: HashMap<&str, Vec<i32>> = HashMap::new();
    for m in meetings.iter().filter(|m| m.status == "scheduled") {
        slots.entry(m.participant_a.as_str()).or_default().push(m.slot);
        slots.entry(m.participant_b.as_str()).or_default().push(m.slot);
    }
    let mut out: Vec<Load> = slots
        .into_iter()
        .map(|(p, mut s)| {
            s.sort_unstable();
            // Idle: free slots between two meetings of the same stretch (no break between).
            let idle = s
                .windows(2)
                .map(|w| {
                    let gap = (w[0] + 1..w[1]).count();
                    let broken = (w[0]..w[1]).any(|i| pauses.contains(&(i as usize)));
                    if broken { 0 } else { gap }
                })
                .sum();
            Load { participant: p.to_string(), meetings: s.len(), idle }
        })
        .collect();
    out.sort_by(|a, b| a.participant.cmp(&b.participant));
    out
}
