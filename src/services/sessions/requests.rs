//! Meeting requests and pairs. A participant asks another for a meeting, with a reason and
//! optionally a block; the other accepts or declines; a request both sides send becomes a pair
//! at once; unanswered requests lapse at the request deadline; each participant has a cap on its
//! open requests. Staff broker pairs directly (add, remove, mark "must meet"), and an accepted
//! expression of interest between two approved participants becomes a pair by itself.
//!
//! Every pair has a weight for the scheduler ([`Weight`]):
//! `1` for the meeting, `+ score` — the recommender's best score between a need one side brings
//! and an offer the other brings (0–1) —, `+ 1` when both organisations said yes (a request
//! accepted, or an accepted expression of interest), `+ 2` when one side brings a need carried
//! over from the session before (it got no meeting there, or nothing came of it), `+ 10` when
//! staff marked it "must meet" (more than any other pair can weigh, so the schedule never trades
//! it for another).

use std::collections::HashMap;

use chrono::NaiveDateTime;

use super::{Attendee, View, audit, rep_email};
use crate::db::{self, AnyConnection, sessions::Participant, sessions::Request, sessions::pair_key};
use crate::domain::{Block, ListingKind, Locale, PairOrigin, ParticipantStatus, RequestStatus, User};
use crate::mail::templates::MeetingRequestNotice;
use crate::services::context::Env;
use crate::services::listings::{Outcome, Refused};
use crate::validate::Check;

/// Weight of every meeting.
pub const BASE: f64 = 1.0;
/// Added when both organisations said yes.
pub const MUTUAL: f64 = 1.0;
/// Added when one side brings a need carried over from the session before.
pub const CARRIED: f64 = 2.0;
/// Added when staff marked the pair "must meet".
pub const MUST_MEET: f64 = 10.0;
/// The longest reason, in characters.
pub const REASON_MAX: usize = 500;

/// What a pair weighs, part by part.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Weight {
    pub score: f64,
    pub mutual: bool,
    pub carried: bool,
    pub must_meet: bool,
}

impl Weight {
    pub fn total(&self) -> f64 {
        let part = |on: bool, w: f64| if on { w } else { 0.0 };
        BASE + self.score + part(self.mutual, MUTUAL) + part(self.carried, CARRIED) + part(self.must_meet, MUST_MEET)
    }
}

fn approved(conn: &mut AnyConnection, id: &str) -> anyhow::Result<Option<Participant>> {
    Ok(db::sessions::participant(conn, id)?.filter(|p| p.status == ParticipantStatus::Approved.code()))
}

/// The approved participant of the member's organisation in a session.
fn mine(conn: &mut AnyConnection, user: &User, session: &str) -> anyhow::Result<Option<Participant>> {
    let Some(org) = user.organisation_id else { return Ok(None) };
    Ok(db::sessions::participant_of(conn, session, &org.to_string())?
        .filter(|p| p.status == ParticipantStatus::Approved.code()))
}

/// Emails the representatives of `to` about a request (`what`: `received`, `accepted` or
/// `declined`), once per request and event.
fn notify(
    conn: &mut AnyConnection,
    env: Env,
    view: &View,
    r: &Request,
    to: &Participant,
    from: &str,
    what: &str,
) -> anyhow::Result<()> {
    let base = env.settings.base_url.as_str().trim_end_matches('/').to_string();
    for rep in db::sessions::representatives(conn, std::slice::from_ref(&to.id))? {
        let Some(email) = rep_email(&rep) else { continue };
        let locale: Locale = rep.locale.parse().unwrap_or(Locale::Vi);
        let letter = MeetingRequestNotice {
            session: view.title(locale).to_string(),
            date: view.row.session_date,
            from: from.to_string(),
            reason: r.reason.clone(),
            what: what.to_string(),
            url: format!("{base}/sessions/{}/meetings", view.row.id),
        };
        env.mail_keyed(conn, &format!("meeting-{what}:{}:{}", r.id, rep.email), (&email, &rep.name, locale), &letter)?;
    }
    Ok(())
}

/// Asks another approved participant for a meeting. When the other had already asked, its
/// request is accepted instead: both want the meeting.
#[allow(clippy::too_many_arguments)]
pub fn ask(
    conn: &mut AnyConnection,
    env: Env,
    user: &User,
    session: &str,
    to: &str,
    (reason, block): (&str, &str),
    now: NaiveDateTime,
) -> Outcome<Request> {
    let Some(view) = super::get(conn, session)? else { return Ok(Err(Refused::NotFound)) };
    let Some(me) = mine(conn, user, session)? else { return Ok(Err(Refused::State("session-not-participant"))) };
    if !view.requests_open(now) {
        return Ok(Err(Refused::State("session-requests-closed")));
    }
    let Some(other) = approved(conn, to)?.filter(|p| p.session_id == session && p.id != me.id) else {
        return Ok(Err(Refused::NotFound));
    };
    let mut c = Check::default();
    let reason = c.multiline("reason", reason, 3, REASON_MAX);
    let offered: Vec<Block> = view.programme.blocks().into_iter().map(|(b, _)| b).collect();
    let block = match block.trim() {
        "" => String::new(),
        b => match b.parse::<Block>() {
            Ok(b) if offered.contains(&b) => b.code().to_string(),
            _ => {
                c.add("block", "err-choice");
                String::new()
            }
        },
    };
    if let Err(e) = c.finish(()) {
        return Ok(Err(Refused::Invalid(e)));
    }
    db::write(conn, |conn| {
        let key = pair_key(&me.id, &other.id);
        if let Some(live) = db::sessions::live_between(conn, session, &key)? {
            if live.status == RequestStatus::Pending.code() && live.to_participant == me.id {
                return answer_in(conn, env, Some(user), &view, live, true, now);
            }
            return Ok(Err(Refused::State("session-request-duplicate")));
        }
        if db::sessions::pending_from(conn, &me.id)? >= i64::from(view.row.max_requests) {
            return Ok(Err(Refused::State("session-request-limit")));
        }
        let r = Request {
            id: uuid::Uuid::now_v7().to_string(),
            session_id: session.to_string(),
            from_participant: me.id.clone(),
            to_participant: other.id.clone(),
            pair_key: key,
            reason: reason.clone(),
            block: block.clone(),
            origin: PairOrigin::Request.code().into(),
            status: RequestStatus::Pending.code().into(),
            must_meet: false,
            created_by: Some(user.id.to_string()),
            created_at: now,
            answered_at: None,
        };
        if !db::sessions::insert_request_if_new(conn, &r)? {
            return Ok(Err(Refused::State("session-request-duplicate")));
        }
        metrics::counter!("ketnoi_meeting_requests_total").increment(1);
        audit(
            conn,
            Some(user),
            "meeting.requested",
            ("meeting_request", &r.id),
            serde_json::json!({ "session": session, "to": other.id }),
        )?;
        let from = super::org_name(conn, &me)?;
        notify(conn, env, &view, &r, &other, &from, "received")?;
        Ok(Ok(r))
    })
}

fn answer_in(
    conn: &mut AnyConnection,
    env: Env,
    by: Option<&User>,
    view: &View,
    r: Request,
    accept: bool,
    now: NaiveDateTime,
) -> Outcome<Request> {
    let to = if accept { RequestStatus::Accepted } else { RequestStatus::Declined };
    if !db::sessions::set_request_status(conn, &r.id, &["pending"], to.code(), now)? {
        return Ok(Err(Refused::State("session-request-not-pending")));
    }
    let action = if accept { "meeting.accepted" } else { "meeting.declined" };
    audit(conn, by, action, ("meeting_request", &r.id), serde_json::json!({ "session": r.session_id }))?;
    let (Some(asker), Some(answerer)) =
        (db::sessions::participant(conn, &r.from_participant)?, db::sessions::participant(conn, &r.to_participant)?)
    else {
        return Ok(Err(Refused::NotFound));
    };
    let name = super::org_name(conn, &answerer)?;
    notify(conn, env, view, &r, &asker, &name, to.code())?;
    Ok(db::sessions::request(conn, &r.id)?.ok_or(Refused::NotFound))
}

/// Accepts or declines a request made to the member's organisation, while requests are open.
pub fn answer(
    conn: &mut AnyConnection,
    env: Env,
    user: &User,
    id: &str,
    accept: bool,
    now: NaiveDateTime,
) -> Outcome<Request> {
    let Some(r) = db::sessions::request(conn, id)? else { return Ok(Err(Refused::NotFound)) };
    let Some(me) = mine(conn, user, &r.session_id)? else { return Ok(Err(Refused::NotFound)) };
    if r.to_participant != me.id {
        return Ok(Err(Refused::NotFound));
    }
    let Some(view) = super::get(conn, &r.session_id)? else { return Ok(Err(Refused::NotFound)) };
    if !view.requests_open(now) {
        return Ok(Err(Refused::State("session-requests-closed")));
    }
    db::write(conn, |conn| answer_in(conn, env, Some(user), &view, r, accept, now))
}

/// Withdraws a request the member's organisation sent, while it awaits an answer.
pub fn withdraw(conn: &mut AnyConnection, user: &User, id: &str, now: NaiveDateTime) -> Outcome<Request> {
    let Some(r) = db::sessions::request(conn, id)? else { return Ok(Err(Refused::NotFound)) };
    let Some(me) = mine(conn, user, &r.session_id)? else { return Ok(Err(Refused::NotFound)) };
    if r.from_participant != me.id {
        return Ok(Err(Refused::NotFound));
    }
    db::write(conn, |conn| {
        if !db::sessions::set_request_status(conn, &r.id, &["pending"], RequestStatus::Withdrawn.code(), now)? {
            return Ok(Err(Refused::State("session-request-not-pending")));
        }
        audit(
            conn,
            Some(user),
            "meeting.withdrawn",
            ("meeting_request", &r.id),
            serde_json::json!({ "session": r.session_id }),
        )?;
        Ok(db::sessions::request(conn, &r.id)?.ok_or(Refused::NotFound))
    })
}

/// Staff pair two approved participants (a pending request between them is accepted), marked
/// "must meet" or not.
pub fn broker(
    conn: &mut AnyConnection,
    by: &User,
    session: &str,
    (a, b): (&str, &str),
    must_meet: bool,
    now: NaiveDateTime,
) -> Outcome<Request> {
    let (Some(pa), Some(pb)) = (approved(conn, a)?, approved(conn, b)?) else {
        return Ok(Err(Refused::State("session-pair-not-approved")));
    };
    if pa.session_id != session || pb.session_id != session {
        return Ok(Err(Refused::NotFound));
    }
    if pa.id == pb.id {
        return Ok(Err(Refused::State("session-pair-self")));
    }
    db::write(conn, |conn| {
        let key = pair_key(&pa.id, &pb.id);
        let id = match db::sessions::live_between(conn, session, &key)? {
            Some(live) if live.status == RequestStatus::Accepted.code() => {
                return Ok(Err(Refused::State("session-pair-exists")));
            }
            Some(live) => {
                db::sessions::set_request_status(conn, &live.id, &["pending"], RequestStatus::Accepted.code(), now)?;
                db::sessions::set_must_meet(conn, &live.id, must_meet)?;
                live.id
            }
            None => {
                let r = Request {
                    id: uuid::Uuid::now_v7().to_string(),
                    session_id: session.to_string(),
                    from_participant: pa.id.clone(),
                    to_participant: pb.id.clone(),
                    pair_key: key,
                    reason: String::new(),
                    block: String::new(),
                    origin: PairOrigin::Staff.code().into(),
                    status: RequestStatus::Accepted.code().into(),
                    must_meet,
                    created_by: Some(by.id.to_string()),
                    created_at: now,
                    answered_at: Some(now),
                };
                if !db::sessions::insert_request_if_new(conn, &r)? {
                    return Ok(Err(Refused::State("session-pair-exists")));
                }
                r.id
            }
        };
        audit(
            conn,
            Some(by),
            "meeting.brokered",
            ("meeting_request", &id),
            serde_json::json!({ "session": session, "must_meet": must_meet }),
        )?;
        Ok(db::sessions::request(conn, &id)?.ok_or(Refused::NotFound))
    })
}

/// Staff remove a pair, or mark it "must meet" (or no longer).
pub fn staff_change(
    conn: &mut AnyConnection,
    by: &User,
    id: &str,
    change: PairChange,
    now: NaiveDateTime,
) -> Outcome<Request> {
    db::write(conn, |conn| {
        let Some(r) = db::sessions::request(conn, id)? else { return Ok(Err(Refused::NotFound)) };
        if r.status != RequestStatus::Accepted.code() {
            return Ok(Err(Refused::State("session-pair-gone")));
        }
        let action = match change {
            PairChange::Remove => {
                db::sessions::set_request_status(conn, id, &["accepted"], RequestStatus::Removed.code(), now)?;
                "meeting.removed"
            }
            PairChange::MustMeet(m) => {
                db::sessions::set_must_meet(conn, id, m)?;
                if m { "meeting.must_meet" } else { "meeting.may_meet" }
            }
        };
        audit(conn, Some(by), action, ("meeting_request", id), serde_json::json!({ "session": r.session_id }))?;
        Ok(db::sessions::request(conn, id)?.ok_or(Refused::NotFound))
    })
}

/// What staff do to a pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PairChange {
    Remove,
    MustMeet(bool),
}

/// Ends every live request and pair of a participant that withdrew or was rejected.
pub(crate) fn end_all_of(conn: &mut AnyConnection, participant: &str, now: NaiveDateTime) -> anyhow::Result<()> {
    for r in db::sessions::live_of(conn, participant)? {
        let to =
            if r.status == RequestStatus::Pending.code() { RequestStatus::Withdrawn } else { RequestStatus::Removed };
        db::sessions::set_request_status(conn, &r.id, &["pending", "accepted"], to.code(), now)?;
    }
    Ok(())
}

/// Lapses the unanswered requests of a session (its requests are over).
pub(crate) fn lapse(conn: &mut AnyConnection, session: &str, now: NaiveDateTime) -> anyhow::Result<usize> {
    let mut n = 0;
    for r in db::sessions::requests(conn, session)?.into_iter().filter(|r| r.status == RequestStatus::Pending.code()) {
        if db::sessions::set_request_status(conn, &r.id, &["pending"], RequestStatus::Expired.code(), now)? {
            audit(
                conn,
                None,
                "meeting.expired",
                ("meeting_request", &r.id),
                serde_json::json!({ "session": session }),
            )?;
            n += 1;
        }
    }
    Ok(n)
}

/// Turns every accepted expression of interest between two approved participants of a session
/// into a pair (once: a pair that exists, or a request between them, is left as it is).
pub fn sync_interests(conn: &mut AnyConnection, session: &str, now: NaiveDateTime) -> anyhow::Result<usize> {
    let by_org: HashMap<String, Participant> = db::sessions::participants(conn, session)?
        .into_iter()
        .filter(|p| p.status == ParticipantStatus::Approved.code())
        .map(|p| (p.organisation_id.clone(), p))
        .collect();
    if by_org.len() < 2 {
        return Ok(0);
    }
    let mut made = 0;
    for i in db::interests::all(conn)?.into_iter().filter(|i| i.status == "accepted") {
        let (Some(a), Some(b)) = (by_org.get(&i.sender_org), by_org.get(&i.owner_org)) else { continue };
        let key = pair_key(&a.id, &b.id);
        if db::sessions::live_between(conn, session, &key)?.is_some() {
            continue;
        }
        let r = Request {
            id: uuid::Uuid::now_v7().to_string(),
            session_id: session.to_string(),
            from_participant: a.id.clone(),
            to_participant: b.id.clone(),
            pair_key: key,
            reason: i.message.clone(),
            block: String::new(),
            origin: PairOrigin::Interest.code().into(),
            status: RequestStatus::Accepted.code().into(),
            must_meet: false,
            created_by: None,
            created_at: now,
            answered_at: Some(now),
        };
        if db::sessions::insert_request_if_new(conn, &r)? {
            audit(
                conn,
                None,
                "meeting.from_interest",
                ("meeting_request", &r.id),
                serde_json::json!({ "session": session, "interest": i.id }),
            )?;
            made += 1;
        }
    }
    Ok(made)
}

/// What the background loop does for sessions: generates the series' next sessions, lapses the
/// requests past their deadline, and pairs the mutual expressions of interest of sessions that
/// take requests. Returns (generated, lapsed, paired).
pub fn sweep(conn: &mut AnyConnection, now: NaiveDateTime) -> anyhow::Result<(usize, usize, usize)> {
    let generated = super::generate(conn, now)?;
    let mut lapsed = 0;
    for r in db::sessions::pending_past_deadline(conn, now)? {
        lapsed += db::write(conn, |conn| {
            if db::sessions::set_request_status(conn, &r.id, &["pending"], RequestStatus::Expired.code(), now)? {
                audit(
                    conn,
                    None,
                    "meeting.expired",
                    ("meeting_request", &r.id),
                    serde_json::json!({ "session": r.session_id }),
                )?;
                return Ok(1);
            }
            Ok(0)
        })?;
    }
    let mut paired = 0;
    for s in db::sessions::sessions(conn)? {
        let status: crate::domain::SessionStatus = s.status.parse().unwrap_or(crate::domain::SessionStatus::Planned);
        if status.takes_requests() {
            paired += db::write(conn, |conn| sync_interests(conn, &s.id, now))?;
        }
    }
    Ok((generated, lapsed, paired))
}

// ------------------------------------------------------------------------------- reading

/// The recommender's best score between what two participants bring (a need of one and an
/// offer of the other, either way round), with the matched words.
fn best_match(conn: &mut AnyConnection, a: &Participant, b: &Participant) -> anyhow::Result<(f64, String)> {
    let (la, lb) = (super::brought(a), super::brought(b));
    let mut best = (0.0f64, String::new());
    for (mine, theirs) in [(&la, &lb), (&lb, &la)] {
        for (kind, id) in mine.iter().filter(|(k, _)| *k == ListingKind::Need) {
            let offers: Vec<&String> =
                theirs.iter().filter(|(k, _)| *k == ListingKind::Offer).map(|(_, i)| i).collect();
            for row in db::recommendations::list(conn, *kind, id)? {
                if offers.contains(&&row.other_id) && row.score > best.0 {
                    best = (row.score.clamp(0.0, 1.0), row.terms.clone());
                }
            }
        }
    }
    Ok(best)
}

/// A pair with its two sides and its weight.
#[derive(Debug, Clone)]
pub struct Pair {
    pub request: Request,
    pub a: String,
    pub b: String,
    pub weight: Weight,
}

/// The accepted pairs of a session with their weights, heaviest first.
pub fn pairs(conn: &mut AnyConnection, session: &str) -> anyhow::Result<Vec<Pair>> {
    let ps: HashMap<String, Participant> =
        db::sessions::participants(conn, session)?.into_iter().map(|p| (p.id.clone(), p)).collect();
    let carried = super::outcomes::carried_organisations(conn, session)?;
    let mut out = Vec::new();
    for r in db::sessions::requests(conn, session)?.into_iter().filter(|r| r.status == RequestStatus::Accepted.code()) {
        let (Some(a), Some(b)) = (ps.get(&r.from_participant), ps.get(&r.to_participant)) else { continue };
        let (score, _) = best_match(conn, a, b)?;
        let origin: PairOrigin = r.origin.parse().unwrap_or(PairOrigin::Staff);
        let weight = Weight {
            score,
            mutual: origin != PairOrigin::Staff,
            carried: [a, b].iter().any(|p| carried.contains(&p.organisation_id) && p.listings.contains("need:")),
            must_meet: r.must_meet,
        };
        let (an, bn) = (super::org_name(conn, a)?, super::org_name(conn, b)?);
        out.push(Pair { request: r, a: an, b: bn, weight });
    }
    out.sort_by(|x, y| y.weight.total().total_cmp(&x.weight.total()));
    Ok(out)
}

/// Another participant as the catalogue shows it: suggested ones first, with the matched words.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub attendee: Attendee,
    pub score: f64,
    pub words: Vec<String>,
    /// The live request or pair between the two, if any.
    pub live: Option<Request>,
}

/// A participant's desk: its registration, the catalogue of the others, and its requests and
/// pairs (each with the other organisation's name).
#[derive(Debug, Clone)]
pub struct Desk {
    pub me: Participant,
    pub catalogue: Vec<Candidate>,
    pub incoming: Vec<(Request, String)>,
    pub outgoing: Vec<(Request, String)>,
    pub pairs: Vec<(Request, String)>,
    pub closed: Vec<(Request, String)>,
}

/// The desk of the member's organisation in a session, if it registered.
pub fn desk(conn: &mut AnyConnection, user: &User, session: &str, now: NaiveDateTime) -> anyhow::Result<Option<Desk>> {
    let Some(org) = user.organisation_id else { return Ok(None) };
    let Some(me) = db::sessions::participant_of(conn, session, &org.to_string())? else { return Ok(None) };
    let approved = me.status == ParticipantStatus::Approved.code();
    let others: Vec<Attendee> = if approved {
        super::attendees(conn, session, now)?.into_iter().filter(|a| a.participant.id != me.id).collect()
    } else {
        Vec::new()
    };
    // The recommender's lists of what this organisation brings, kept to the others' listings.
    let mut found: HashMap<String, (f64, Vec<String>)> = HashMap::new();
    if approved {
        let Some(mine) = super::attendee(conn, me.clone(), now)? else { return Ok(None) };
        for l in &mine.listings {
            for s in crate::services::recommend::suggestions(conn, l, Some(org), now)? {
                let key = super::registration::listing_key(&s.listing);
                if let Some(o) = others
                    .iter()
                    .find(|o| super::brought(&o.participant).iter().any(|(k, i)| format!("{}:{i}", k.code()) == key))
                {
                    let e = found.entry(o.participant.id.clone()).or_insert((0.0, Vec::new()));
                    if s.score > e.0 {
                        e.0 = s.score;
                    }
                    for w in s.words {
                        if !e.1.contains(&w) && e.1.len() < 6 {
                            e.1.push(w);
                        }
                    }
                }
            }
        }
    }
    let all = db::sessions::requests(conn, session)?;
    let mut catalogue: Vec<Candidate> = others
        .into_iter()
        .map(|a| {
            let (score, words) = found.remove(&a.participant.id).unwrap_or_default();
            let live = all
                .iter()
                .find(|r| {
                    r.pair_key == pair_key(&me.id, &a.participant.id)
                        && matches!(r.status.as_str(), "pending" | "accepted")
                })
                .cloned();
            Candidate { attendee: a, score, words, live }
        })
        .collect();
    catalogue.sort_by(|x, y| {
        y.score.total_cmp(&x.score).then_with(|| x.attendee.organisation.name.cmp(&y.attendee.organisation.name))
    });
    let mut names: HashMap<String, String> = HashMap::new();
    let mut named = |conn: &mut AnyConnection, r: &Request| -> anyhow::Result<(Request, String)> {
        let other = if r.from_participant == me.id { &r.to_participant } else { &r.from_participant };
        if !names.contains_key(other) {
            let name = match db::sessions::participant(conn, other)? {
                Some(p) => super::org_name(conn, &p)?,
                None => String::new(),
            };
            names.insert(other.clone(), name);
        }
        Ok((r.clone(), names.get(other).cloned().unwrap_or_default()))
    };
    let (mut incoming, mut outgoing, mut pairs, mut closed) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for r in all.iter().filter(|r| r.from_participant == me.id || r.to_participant == me.id) {
        let item = named(conn, r)?;
        match r.status.as_str() {
            "accepted" => pairs.push(item),
            "pending" if r.to_participant == me.id => incoming.push(item),
            "pending" => outgoing.push(item),
            _ => closed.push(item),
        }
    }
    Ok(Some(Desk { me, catalogue, incoming, outgoing, pairs, closed }))
}
