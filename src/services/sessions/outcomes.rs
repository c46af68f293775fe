//! What a session led to. On the evening of the day (18:00 in Viet Nam) each participant's
//! representatives are asked, in their language and behind a signed link (no sign-in), to rate
//! each of its meetings (four levels, seen only by staff) and to say what came of it: no
//! follow-up · follow-up meeting planned · NDA · pilot or trial · technology transfer contract
//! signed (its value in đồng, optional) · other; one answer per meeting and participant, which
//! they may change. At 30, 90 and 180 days after the session, every meeting that has not reached
//! a contract is asked about again, until a contract is reported or the participant asks to stop.
//! A meeting's outcome is the furthest stage either side reported; a contract's value is counted
//! once per meeting (the larger when the two sides disagree; staff see both). Every email once,
//! whatever the number of nodes (dedupe keys).
//!
//! A need that got no meeting, or whose meetings all ended without a follow-up, is carried over
//! to the next session: staff see it with the reason, and its pairs there weigh more.

use std::collections::{HashMap, HashSet};

use chrono::{NaiveDate, NaiveDateTime, TimeDelta};
use serde::Serialize;

use super::{View, audit, rep_email};
use crate::db::{self, AnyConnection, sessions::Meeting, sessions::OutcomeReport, sessions::Participant};
use crate::domain::signed::{LinkError, Purpose};
use crate::domain::{ListingKind, Locale, ParticipantStatus, SessionStatus};
use crate::mail::templates::SessionFeedback;
use crate::services::context::Env;
use crate::services::listings::{Outcome, Refused};

/// The stages of an outcome, from least to furthest.
pub const STAGES: [&str; 6] = ["none", "other", "follow_up", "nda", "pilot", "contract"];
/// The follow-up rounds, in days after the session.
pub const ROUNDS: [i64; 3] = [30, 90, 180];
/// The hour (local) of the day's feedback request.
pub const FEEDBACK_HOUR: u32 = 18;
/// The largest contract value accepted, in đồng (a thousand billion).
pub const VALUE_MAX: i64 = 1_000_000_000_000_000;

pub fn rank(stage: &str) -> usize {
    STAGES.iter().position(|s| *s == stage).unwrap_or(0)
}

/// A meeting's outcome from its reports.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MeetingOutcome {
    /// The furthest stage either side reported (`None`: nobody answered yet).
    pub stage: Option<&'static str>,
    /// When that stage was first reported.
    pub since: Option<NaiveDateTime>,
    /// The contract's value counted for the meeting (the larger of the two sides').
    pub value: Option<i64>,
    /// Both sides' values when they differ.
    pub disagreement: Option<(i64, i64)>,
    /// The ratings given (1–4), by either side, on the day's feedback.
    pub ratings: Vec<i32>,
}

pub fn outcome_of(meeting: &Meeting, reports: &[OutcomeReport]) -> MeetingOutcome {
    let mine: Vec<&OutcomeReport> = reports.iter().filter(|r| r.meeting_id == meeting.id).collect();
    let mut o = MeetingOutcome::default();
    for r in &mine {
        let s = STAGES[rank(&r.stage)];
        if o.stage.is_none_or(|x| rank(s) > rank(x)) {
            o.stage = Some(s);
            o.since = Some(r.reported_at);
        }
        if r.round == "feedback"
            && let Some(x) = r.rating
        {
            o.ratings.push(x);
        }
    }
    let values: Vec<(String, i64)> = mine
        .iter()
        .filter(|r| r.stage == "contract")
        .filter_map(|r| r.contract_value.map(|v| (r.participant_id.clone(), v)))
        .collect();
    // The latest value each side gave.
    let mut by_side: HashMap<String, i64> = HashMap::new();
    for (p, v) in values {
        by_side.insert(p, v);
    }
    let vals: Vec<i64> = by_side.values().copied().collect();
    o.value = vals.iter().copied().max();
    if let [a, b] = vals[..]
        && a != b
    {
        o.disagreement = Some((a.min(b), a.max(b)));
    }
    o
}

fn at_local(date: NaiveDate, hour: u32) -> NaiveDateTime {
    crate::domain::utc_of_local(date.and_hms_opt(hour, 0, 0).unwrap_or_default())
}

fn link(env: Env, p: &Participant, round: &str, rep: &str) -> String {
    env.link("/feedback", &env.sign(Purpose::Feedback, &p.id, &format!("{round}|{rep}"), TimeDelta::days(60)))
}

/// The meetings a participant is asked about: scheduled, not missed.
fn asked_meetings(meetings: &[Meeting], p: &Participant) -> Vec<Meeting> {
    meetings
        .iter()
        .filter(|m| {
            m.status == "scheduled" && m.attendance != "no_show" && (m.participant_a == p.id || m.participant_b == p.id)
        })
        .cloned()
        .collect()
}

fn ask(
    conn: &mut AnyConnection,
    env: Env,
    v: &View,
    p: &Participant,
    meetings: &[Meeting],
    round: &str,
    names: &HashMap<String, String>,
) -> anyhow::Result<usize> {
    let mut sent = 0;
    let others: Vec<String> = meetings
        .iter()
        .map(|m| {
            names
                .get(if m.participant_a == p.id { &m.participant_b } else { &m.participant_a })
                .cloned()
                .unwrap_or_default()
        })
        .collect();
    for r in db::sessions::representatives(conn, std::slice::from_ref(&p.id))? {
        let Some(email) = rep_email(&r) else { continue };
        let locale: Locale = r.locale.parse().unwrap_or(Locale::Vi);
        let letter = SessionFeedback {
            session: v.title(locale).to_string(),
            date: v.row.session_date,
            what: round.to_string(),
            others: others.clone(),
            url: link(env, p, round, &r.email),
        };
        env.mail_keyed(conn, &format!("feedback-{round}:{}:{}", p.id, r.email), (&email, &r.name, locale), &letter)?;
        sent += 1;
    }
    Ok(sent)
}

/// The background loop's part: the day's feedback requests from 18:00 on, and the follow-ups
/// at 30, 90 and 180 days for every meeting short of a contract (each email once).
pub fn send_due(conn: &mut AnyConnection, env: Env, now: NaiveDateTime) -> anyhow::Result<usize> {
    let today = crate::domain::local_date(now);
    let mut sent = 0;
    for row in db::sessions::sessions(conn)? {
        let v = View::of(row);
        if !matches!(v.status, SessionStatus::Published | SessionStatus::Held | SessionStatus::Closed) {
            continue;
        }
        let date = v.row.session_date;
        let feedback = now >= at_local(date, FEEDBACK_HOUR) && today < date + TimeDelta::days(ROUNDS[0]);
        let round = ROUNDS.iter().rev().find(|d| today >= date + TimeDelta::days(**d)).copied();
        if !feedback && round.is_none() {
            continue;
        }
        sent += db::write(conn, |conn| {
            let meetings = db::sessions::meetings(conn, &v.row.id)?;
            let reports = db::sessions::reports(conn, &v.row.id)?;
            let names = super::names(conn, &v.row.id)?;
            let mut n = 0;
            for p in db::sessions::participants(conn, &v.row.id)?
                .into_iter()
                .filter(|p| p.status == ParticipantStatus::Approved.code())
            {
                let mine = asked_meetings(&meetings, &p);
                if mine.is_empty() {
                    continue;
                }
                if feedback {
                    n += ask(conn, env, &v, &p, &mine, "feedback", &names)?;
                } else if let Some(days) = round
                    && !p.followups_stopped
                {
                    let open: Vec<Meeting> =
                        mine.into_iter().filter(|m| outcome_of(m, &reports).stage != Some("contract")).collect();
                    if !open.is_empty() {
                        n += ask(conn, env, &v, &p, &open, &days.to_string(), &names)?;
                    }
                }
            }
            Ok(n)
        })?;
    }
    Ok(sent)
}

/// What a feedback link opens: the session, the participant and the round it asks about.
pub struct Asked {
    pub view: View,
    pub participant: Participant,
    pub round: String,
    pub meetings: Vec<(Meeting, String, Option<OutcomeReport>)>,
    pub outcomes: HashMap<String, MeetingOutcome>,
}

/// The questions a feedback link asks, with the answers already given to this round.
pub fn open(conn: &mut AnyConnection, env: Env, token: &str) -> anyhow::Result<Result<Asked, LinkError>> {
    let claims = match env.check(Purpose::Feedback, token) {
        Ok(c) => c,
        Err(e) => return Ok(Err(e)),
    };
    let Some((round, _)) = claims.extra.split_once('|') else { return Ok(Err(LinkError::Invalid)) };
    let Some(p) = db::sessions::participant(conn, &claims.sub)? else { return Ok(Err(LinkError::Invalid)) };
    let Some(view) = super::get(conn, &p.session_id)? else { return Ok(Err(LinkError::Invalid)) };
    let meetings = db::sessions::meetings(conn, &p.session_id)?;
    let reports = db::sessions::reports(conn, &p.session_id)?;
    let names = super::names(conn, &p.session_id)?;
    let mine = asked_meetings(&meetings, &p)
        .into_iter()
        .map(|m| {
            let other = names
                .get(if m.participant_a == p.id { &m.participant_b } else { &m.participant_a })
                .cloned()
                .unwrap_or_default();
            let answer =
                reports.iter().find(|r| r.meeting_id == m.id && r.participant_id == p.id && r.round == round).cloned();
            (m, other, answer)
        })
        .collect::<Vec<_>>();
    let outcomes = mine.iter().map(|(m, _, _)| (m.id.clone(), outcome_of(m, &reports))).collect();
    Ok(Ok(Asked { view, participant: p, round: round.to_string(), meetings: mine, outcomes }))
}

/// One answer from a feedback link.
#[derive(Debug, Clone, Default)]
pub struct Answer<'a> {
    pub meeting: &'a str,
    pub rating: &'a str,
    pub stage: &'a str,
    pub value: &'a str,
    pub note: &'a str,
}

/// Records (or changes) the answer of a participant about one of its meetings.
pub fn answer(conn: &mut AnyConnection, env: Env, token: &str, a: &Answer) -> Outcome<OutcomeReport> {
    let asked = match open(conn, env, token)? {
        Ok(x) => x,
        Err(LinkError::Expired) => return Ok(Err(Refused::State("link-expired"))),
        Err(LinkError::Invalid) => return Ok(Err(Refused::State("link-invalid"))),
    };
    let Some((m, _, _)) = asked.meetings.iter().find(|(m, _, _)| m.id == a.meeting) else {
        return Ok(Err(Refused::NotFound));
    };
    let mut c = crate::validate::Check::default();
    let rating = match (asked.round.as_str(), a.rating.trim()) {
        ("feedback", "") => {
            c.add("rating", "err-required");
            None
        }
        ("feedback", r) => match r.parse::<i32>() {
            Ok(x) if (1..=4).contains(&x) => Some(x),
            _ => {
                c.add("rating", "err-choice");
                None
            }
        },
        _ => None,
    };
    let stage = a.stage.trim();
    if !STAGES.contains(&stage) {
        c.add("stage", "err-choice");
    }
    let value = match a.value.trim().replace(['.', ',', ' ', '\u{a0}'], "") {
        v if v.is_empty() => None,
        v => match v.parse::<i64>() {
            Ok(x) if (0..=VALUE_MAX).contains(&x) => Some(x),
            _ => {
                c.add("value", "err-contract-value");
                None
            }
        },
    };
    if value.is_some() && stage != "contract" {
        c.add("value", "err-value-without-contract");
    }
    let note = c.multiline("note", a.note, 0, 1000);
    if let Err(e) = c.finish(()) {
        return Ok(Err(Refused::Invalid(e)));
    }
    let r = OutcomeReport {
        id: uuid::Uuid::now_v7().to_string(),
        meeting_id: m.id.clone(),
        participant_id: asked.participant.id.clone(),
        round: asked.round.clone(),
        rating,
        stage: stage.to_string(),
        contract_value: value,
        note,
        reported_at: env.now(),
    };
    db::write(conn, |conn| {
        db::sessions::save_report(conn, &r)?;
        let detail = serde_json::json!({ "round": r.round, "stage": r.stage, "meeting": r.meeting_id });
        audit(conn, None, "meeting.outcome", ("participant", &r.participant_id), detail)?;
        Ok(Ok(r.clone()))
    })
}

/// The participant asks for no more follow-up questions.
pub fn stop(conn: &mut AnyConnection, env: Env, token: &str) -> Outcome<()> {
    let asked = match open(conn, env, token)? {
        Ok(x) => x,
        Err(LinkError::Expired) => return Ok(Err(Refused::State("link-expired"))),
        Err(LinkError::Invalid) => return Ok(Err(Refused::State("link-invalid"))),
    };
    db::write(conn, |conn| {
        db::sessions::set_followups_stopped(conn, &asked.participant.id)?;
        audit(conn, None, "session.followups_stopped", ("participant", &asked.participant.id), serde_json::json!({}))?;
        Ok(Ok(()))
    })
}

// ------------------------------------------------------------------------------- carry-over

/// Why a need goes on to the next session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CarryReason {
    /// No pair at all, and no request: nobody offered what it needs.
    NoCandidate,
    /// Its requests were declined or lapsed.
    Declined,
    /// Agreed pairs that the schedule had no free slot for.
    NoSlot,
    /// Its meetings did not take place: someone did not come.
    NoShow,
    /// Its meetings took place and led to nothing.
    NoFollowUp,
}

impl CarryReason {
    pub fn code(self) -> &'static str {
        match self {
            Self::NoCandidate => "no_candidate",
            Self::Declined => "declined",
            Self::NoSlot => "no_slot",
            Self::NoShow => "no_show",
            Self::NoFollowUp => "no_follow_up",
        }
    }
}

/// A participant's needs carried over, with the reason.
#[derive(Debug, Clone)]
pub struct Carried {
    pub participant: Participant,
    pub organisation: String,
    pub needs: Vec<String>,
    pub reason: CarryReason,
}

/// The needs of a held session that go on to the next one.
pub fn carried_from(conn: &mut AnyConnection, session: &str) -> anyhow::Result<Vec<Carried>> {
    let meetings = db::sessions::meetings(conn, session)?;
    let reports = db::sessions::reports(conn, session)?;
    let requests = db::sessions::requests(conn, session)?;
    let names = super::names(conn, session)?;
    let mut out = Vec::new();
    for p in db::sessions::participants(conn, session)?
        .into_iter()
        .filter(|p| p.status == ParticipantStatus::Approved.code())
    {
        let needs: Vec<String> =
            super::brought(&p).into_iter().filter(|(k, _)| *k == ListingKind::Need).map(|(_, id)| id).collect();
        if needs.is_empty() {
            continue;
        }
        let mine: Vec<&Meeting> = meetings
            .iter()
            .filter(|m| m.status == "scheduled" && (m.participant_a == p.id || m.participant_b == p.id))
            .collect();
        let held: Vec<&&Meeting> = mine.iter().filter(|m| m.attendance == "held").collect();
        let reason = if !held.is_empty() {
            let furthest = held.iter().filter_map(|m| outcome_of(m, &reports).stage).map(rank).max().unwrap_or(0);
            if furthest >= rank("follow_up") { None } else { Some(CarryReason::NoFollowUp) }
        } else if mine.iter().any(|m| m.attendance == "no_show") {
            Some(CarryReason::NoShow)
        } else if !mine.is_empty() {
            // Meetings without a record of the day: nothing known, nothing carried.
            None
        } else {
            let theirs: Vec<_> =
                requests.iter().filter(|r| r.from_participant == p.id || r.to_participant == p.id).collect();
            if theirs.iter().any(|r| r.status == "accepted") {
                Some(CarryReason::NoSlot)
            } else if theirs.iter().any(|r| matches!(r.status.as_str(), "declined" | "expired")) {
                Some(CarryReason::Declined)
            } else {
                Some(CarryReason::NoCandidate)
            }
        };
        if let Some(reason) = reason {
            out.push(Carried {
                organisation: names.get(&p.id).cloned().unwrap_or_default(),
                participant: p,
                needs,
                reason,
            });
        }
    }
    Ok(out)
}

/// The session held last before `session` (by date), if any.
pub fn previous_held(conn: &mut AnyConnection, session: &str) -> anyhow::Result<Option<View>> {
    let all = db::sessions::sessions(conn)?;
    let Some(me) = all.iter().find(|s| s.id == session) else { return Ok(None) };
    Ok(all
        .iter()
        .filter(|s| s.session_date < me.session_date && matches!(s.status.as_str(), "held" | "closed"))
        .max_by_key(|s| s.session_date)
        .cloned()
        .map(View::of))
}

/// The organisations whose needs were carried over to `session` from the one held before it.
pub fn carried_organisations(conn: &mut AnyConnection, session: &str) -> anyhow::Result<HashSet<String>> {
    let Some(prev) = previous_held(conn, session)? else { return Ok(HashSet::new()) };
    Ok(carried_from(conn, &prev.row.id)?.into_iter().map(|c| c.participant.organisation_id).collect())
}
