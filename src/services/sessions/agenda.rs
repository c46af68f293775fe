//! Agendas and their calendars. Publishing a session emails each representative of each
//! participant, in its language, its organisation's agenda (time, table, counterpart, the
//! counterpart's listings, and its contact where the contact rules allow) with two calendars:
//! the session itself as `METHOD:REQUEST` (one UID, the centre as ORGANIZER, the representative
//! as ATTENDEE with `RSVP=FALSE`: replies to the organiser are not read, confirmation goes
//! through the agenda's signed link) and the agenda as `METHOD:PUBLISH`, one event per meeting
//! with a stable UID. Later changes go only to the participants they touch: their agenda again
//! with the changed meetings' SEQUENCE raised (cancelled ones `STATUS:CANCELLED`), and the
//! session's event with its SEQUENCE raised (`METHOD:CANCEL` when the session is cancelled).
//! Representatives confirm or decline the whole agenda or one meeting from the signed link; a
//! decline frees the slot and alerts staff. Reminders go 7 days and 1 day before, once each.

use chrono::{NaiveDateTime, TimeDelta};

use super::{View, audit, rep_email, schedule};
use crate::db::{self, AnyConnection, sessions::Meeting, sessions::Participant, sessions::Representative};
use crate::domain::signed::{LinkError, Purpose};
use crate::domain::{ContactVisibility, Locale, ParticipantStatus, RequestStatus, SessionStatus, User, policy};
use crate::mail::ical::{self, Invitation, Method};
use crate::mail::templates::{AgendaLine, SessionAgenda, SessionAlert};
use crate::services::context::Env;
use crate::services::listings::{Outcome, Refused};

/// The instant (UTC) of a local time on the session's day.
fn at(v: &View, t: chrono::NaiveTime) -> NaiveDateTime {
    crate::domain::utc_of_local(v.row.session_date.and_time(t))
}

/// When a slot starts and ends (UTC).
pub fn slot_times(v: &View, slot: i32) -> Option<(NaiveDateTime, NaiveDateTime)> {
    let s = *v.programme.slots().get(usize::try_from(slot).ok()?)?;
    Some((at(v, s.span.start), at(v, s.span.end)))
}

/// When the session starts and ends (its first and last slot; the day when it has none).
pub fn session_times(v: &View) -> (NaiveDateTime, NaiveDateTime) {
    let slots = v.programme.slots();
    match (slots.first(), slots.last()) {
        (Some(a), Some(b)) => (at(v, a.span.start), at(v, b.span.end)),
        _ => (at(v, chrono::NaiveTime::MIN), at(v, chrono::NaiveTime::MIN) + TimeDelta::days(1)),
    }
}

/// One meeting of a participant's agenda.
#[derive(Debug, Clone)]
pub struct Item {
    pub meeting: Meeting,
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
    pub table: String,
    pub online: bool,
    pub other: super::Attendee,
    /// Shown where the other side's consent allows.
    pub contact: Option<crate::domain::Contact>,
    /// This participant's answer and the other side's.
    pub mine: String,
    pub theirs: String,
}

impl Item {
    pub fn cancelled(&self) -> bool {
        self.meeting.status != "scheduled"
    }

    /// Changed since the participant was last told.
    pub fn changed(&self) -> bool {
        self.meeting.sequence > self.meeting.notified_sequence && self.meeting.notified_sequence >= 0
    }
}

/// A participant's agenda: its scheduled meetings, and the cancelled ones it was told of, by time.
pub fn items(conn: &mut AnyConnection, v: &View, p: &Participant, now: NaiveDateTime) -> anyhow::Result<Vec<Item>> {
    let mut out = Vec::new();
    for m in db::sessions::meetings(conn, &v.row.id)? {
        let mine_a = m.participant_a == p.id;
        if !mine_a && m.participant_b != p.id {
            continue;
        }
        if m.status != "scheduled" && m.notified_sequence < 0 {
            continue;
        }
        let other_id = if mine_a { &m.participant_b } else { &m.participant_a };
        let Some(other) = db::sessions::participant(conn, other_id)? else { continue };
        let Some(other) = super::attendee(conn, other, now)? else { continue };
        let Some((start, end)) = slot_times(v, m.slot) else { continue };
        let o = &other.organisation;
        let contact = policy::can_see_contact(None, o.id, o.contact.share, ContactVisibility::OnInterest, true)
            .then(|| o.contact.clone());
        out.push(Item {
            start,
            end,
            table: schedule::table_name(v, m.table_index),
            online: schedule::table_online(v, m.table_index),
            contact,
            mine: if mine_a { m.answer_a.clone() } else { m.answer_b.clone() },
            theirs: if mine_a { m.answer_b.clone() } else { m.answer_a.clone() },
            other,
            meeting: m,
        });
    }
    out.sort_by_key(|i| (i.start, i.meeting.table_index));
    Ok(out)
}

fn base(env: Env) -> String {
    env.settings.base_url.as_str().trim_end_matches('/').to_string()
}

fn domain(env: Env) -> String {
    env.settings.mail_from.email.domain().to_string()
}

/// How long an agenda link works: until two days after the session.
fn link_ttl(env: Env, v: &View) -> TimeDelta {
    (session_times(v).1 + TimeDelta::days(2) - env.now()).max(TimeDelta::hours(1))
}

/// The agenda link of a representative (no sign-in needed).
pub fn agenda_link(env: Env, v: &View, p: &Participant, rep: &str) -> String {
    env.link("/agenda", &env.sign(Purpose::Agenda, &p.id, rep, link_ttl(env, v)))
}

/// The signed check-in address of a participant, which its agenda's QR code carries.
pub fn check_in_link(env: Env, v: &View, p: &Participant) -> String {
    env.link("/check-in", &env.sign(Purpose::CheckIn, &p.id, &v.row.id, link_ttl(env, v)))
}

fn listing_titles(a: &super::Attendee, locale: Locale) -> String {
    a.listings.iter().map(|l| l.title_for(locale).to_string()).collect::<Vec<_>>().join("; ")
}

/// The session's own calendar event for one representative.
pub fn session_event(env: Env, v: &View, r: &Representative, method: Method, sequence: i32) -> Invitation {
    let locale: Locale = r.locale.parse().unwrap_or(Locale::Vi);
    let (start, end) = session_times(v);
    let location = if v.row.venue.is_empty() { v.row.online_url.clone() } else { v.row.venue.clone() };
    Invitation {
        method,
        uid: format!("session-{}@{}", v.row.id, domain(env)),
        sequence: u32::try_from(sequence).unwrap_or(0),
        stamp: env.now(),
        start,
        end,
        summary: v.title(locale).to_string(),
        location,
        description: format!("{}/sessions/{}", base(env), v.row.id),
        url: Some(format!("{}/sessions/{}", base(env), v.row.id)),
        organizer: ical::Person {
            name: env.settings.mail_from.name.clone().unwrap_or_default(),
            email: env.settings.mail_from.email.to_string(),
        },
        attendees: vec![ical::Attendee {
            person: ical::Person { name: r.name.clone(), email: r.email.clone() },
            required: true,
            partstat: "NEEDS-ACTION",
            rsvp: false,
        }],
        cancelled: false,
    }
}

/// The agenda's calendar (`METHOD:PUBLISH`): one event per meeting; with `all_cancelled`, every
/// event cancelled with its SEQUENCE raised (the session is cancelled).
pub fn agenda_calendar(env: Env, v: &View, items: &[Item], locale: Locale, all_cancelled: bool) -> String {
    let organizer = ical::Person {
        name: env.settings.mail_from.name.clone().unwrap_or_default(),
        email: env.settings.mail_from.email.to_string(),
    };
    let events: Vec<Invitation> = items
        .iter()
        .map(|i| {
            let location = if i.online { v.row.online_url.clone() } else { v.row.venue.clone() };
            let summary = crate::catalogue::text_with(
                locale,
                "agenda-event-title",
                &[("other", i.other.organisation.name.as_str().into())],
            );
            Invitation {
                method: Method::Publish,
                uid: format!("meeting-{}@{}", i.meeting.id, domain(env)),
                sequence: u32::try_from(i.meeting.sequence + i32::from(all_cancelled)).unwrap_or(0),
                stamp: env.now(),
                start: i.start,
                end: i.end,
                summary,
                location: format!("{} — {location}", i.table),
                description: listing_titles(&i.other, locale),
                url: None,
                organizer: organizer.clone(),
                attendees: Vec::new(),
                cancelled: all_cancelled || i.cancelled(),
            }
        })
        .collect();
    ical::calendar(Method::Publish, &events)
}

/// Emails a participant's representatives its agenda (`what`: `published`, `updated`,
/// `reminder`, `cancelled`), once per `key`.
fn mail_agenda(
    conn: &mut AnyConnection,
    env: Env,
    v: &View,
    p: &Participant,
    what: &str,
    key: &str,
) -> anyhow::Result<usize> {
    let now = env.now();
    let items = items(conn, v, p, now)?;
    let cancelled = what == "cancelled";
    let mut sent = 0;
    for r in db::sessions::representatives(conn, std::slice::from_ref(&p.id))? {
        let Some(email) = rep_email(&r) else { continue };
        let locale: Locale = r.locale.parse().unwrap_or(Locale::Vi);
        let letter = SessionAgenda {
            session: v.title(locale).to_string(),
            date: v.row.session_date,
            venue: v.row.venue.clone(),
            online_url: v.row.online_url.clone(),
            what: what.to_string(),
            lines: items
                .iter()
                .map(|i| AgendaLine {
                    time: crate::domain::local_span(i.start, i.end),
                    table: i.table.clone(),
                    other: i.other.organisation.name.clone(),
                    listings: listing_titles(&i.other, locale),
                    contact: i
                        .contact
                        .as_ref()
                        .map(|c| format!("{} <{}> {}", c.name, c.email, c.phone).trim().to_string())
                        .unwrap_or_default(),
                    cancelled: cancelled || i.cancelled(),
                    changed: i.changed(),
                })
                .collect(),
            url: agenda_link(env, v, p, &r.email),
        };
        let method = if cancelled { Method::Cancel } else { Method::Request };
        let invitation = session_event(env, v, &r, method, v.row.sequence);
        let agenda = agenda_calendar(env, v, &items, locale, cancelled);
        env.mail_calendar(
            conn,
            &format!("{key}:{}", r.email),
            (&email, &r.name, locale),
            &letter,
            (Some(invitation), Some(agenda)),
        )?;
        sent += 1;
    }
    Ok(sent)
}

fn approved(conn: &mut AnyConnection, session: &str) -> anyhow::Result<Vec<Participant>> {
    Ok(db::sessions::participants(conn, session)?
        .into_iter()
        .filter(|p| p.status == ParticipantStatus::Approved.code())
        .collect())
}

/// Who would be emailed by the next update, and about which meetings: every participant at the
/// first publication or when the session itself changed, else those whose meetings changed.
pub fn pending(conn: &mut AnyConnection, v: &View) -> anyhow::Result<Vec<(Participant, Vec<Meeting>)>> {
    let meetings = db::sessions::meetings(conn, &v.row.id)?;
    let changed =
        |m: &Meeting| m.sequence > m.notified_sequence || (m.notified_sequence < 0 && m.status == "scheduled");
    let everyone = v.row.notified_sequence < 0 || v.row.sequence > v.row.notified_sequence;
    let mut out = Vec::new();
    for p in approved(conn, &v.row.id)? {
        let mine: Vec<Meeting> = meetings
            .iter()
            .filter(|m| (m.participant_a == p.id || m.participant_b == p.id) && changed(m))
            .cloned()
            .collect();
        if everyone || !mine.is_empty() {
            out.push((p, mine));
        }
    }
    Ok(out)
}

/// Publishes the agenda to every participant (in the transition to `published`, same
/// transaction).
pub(crate) fn publish(conn: &mut AnyConnection, env: Env, v: &View) -> anyhow::Result<usize> {
    let mut sent = 0;
    for p in approved(conn, &v.row.id)? {
        sent += mail_agenda(conn, env, v, &p, "published", &format!("agenda-published:{}:{}", p.id, v.row.sequence))?;
    }
    db::sessions::mark_meetings_notified(conn, &v.row.id)?;
    db::sessions::set_session_calendar(conn, &v.row.id, v.row.sequence, v.row.sequence)?;
    Ok(sent)
}

/// Sends the pending changes (see [`pending`]) to the participants they touch, the session's
/// event with its SEQUENCE raised. Returns how many emails were queued.
pub fn send_updates(conn: &mut AnyConnection, env: Env, by: &User, session: &str) -> Outcome<usize> {
    db::write(conn, |conn| {
        let Some(v) = super::get(conn, session)? else { return Ok(Err(Refused::NotFound)) };
        if v.status != SessionStatus::Published {
            return Ok(Err(Refused::State("session-not-published")));
        }
        let affected = pending(conn, &v)?;
        if affected.is_empty() {
            return Ok(Err(Refused::State("session-no-updates")));
        }
        let sequence = if v.row.sequence > v.row.notified_sequence { v.row.sequence } else { v.row.sequence + 1 };
        db::sessions::set_session_calendar(conn, session, sequence, sequence)?;
        let Some(v) = super::get(conn, session)? else { return Ok(Err(Refused::NotFound)) };
        let mut sent = 0;
        for (p, _) in &affected {
            sent += mail_agenda(conn, env, &v, p, "updated", &format!("agenda-updated:{}:{sequence}", p.id))?;
        }
        db::sessions::mark_meetings_notified(conn, session)?;
        let detail = serde_json::json!({ "participants": affected.len(), "emails": sent, "sequence": sequence });
        audit(conn, Some(by), "session.updates_sent", ("session", session), detail)?;
        Ok(Ok(sent))
    })
}

/// Tells every participant of a published session that it is cancelled (`METHOD:CANCEL`, every
/// meeting cancelled), in the transition's transaction.
pub(crate) fn cancel(conn: &mut AnyConnection, env: Env, v: &View) -> anyhow::Result<usize> {
    let sequence = v.row.sequence + 1;
    db::sessions::set_session_calendar(conn, &v.row.id, sequence, sequence)?;
    let v = View::of(db::sessions::Session { sequence, notified_sequence: sequence, ..v.row.clone() });
    let mut sent = 0;
    for p in approved(conn, &v.row.id)? {
        sent += mail_agenda(conn, env, &v, &p, "cancelled", &format!("agenda-cancelled:{}", p.id))?;
    }
    Ok(sent)
}

/// The background loop's part: reminds every participant of a published session 7 days and 1
/// day before (once each, whatever the number of nodes). Returns how many emails were queued.
pub fn remind(conn: &mut AnyConnection, env: Env, now: NaiveDateTime) -> anyhow::Result<usize> {
    let today = crate::domain::local_date(now);
    let mut sent = 0;
    for row in db::sessions::sessions_in(conn, SessionStatus::Published.code())? {
        let v = View::of(row);
        let days = (v.row.session_date - today).num_days();
        let which = match days {
            2..=7 => "7",
            0..=1 if now < session_times(&v).0 => "1",
            _ => continue,
        };
        sent += db::write(conn, |conn| {
            let mut n = 0;
            for p in approved(conn, &v.row.id)? {
                n += mail_agenda(conn, env, &v, &p, "reminder", &format!("agenda-reminder-{which}:{}", p.id))?;
            }
            Ok(n)
        })?;
    }
    Ok(sent)
}

/// Participants that have not confirmed their agenda.
pub fn unconfirmed(conn: &mut AnyConnection, session: &str) -> anyhow::Result<Vec<Participant>> {
    Ok(approved(conn, session)?.into_iter().filter(|p| p.confirmed_at.is_none()).collect())
}

/// Staff remind the participants that have not confirmed (each press sends once more).
pub fn remind_unconfirmed(conn: &mut AnyConnection, env: Env, by: &User, session: &str) -> Outcome<usize> {
    db::write(conn, |conn| {
        let Some(v) = super::get(conn, session)? else { return Ok(Err(Refused::NotFound)) };
        if v.status != SessionStatus::Published {
            return Ok(Err(Refused::State("session-not-published")));
        }
        let stamp = env.now().and_utc().timestamp_micros();
        let mut sent = 0;
        let who = unconfirmed(conn, session)?;
        for p in &who {
            sent += mail_agenda(conn, env, &v, p, "reminder", &format!("agenda-reminder-staff:{}:{stamp}", p.id))?;
        }
        audit(
            conn,
            Some(by),
            "session.reminded",
            ("session", session),
            serde_json::json!({ "participants": who.len() }),
        )?;
        Ok(Ok(sent))
    })
}

/// What an agenda link opens: the session, the participant, the representative.
pub struct Opened {
    pub view: View,
    pub participant: Participant,
    pub representative: String,
}

/// The agenda a link names, while it works.
pub fn open(conn: &mut AnyConnection, env: Env, token: &str) -> anyhow::Result<Result<Opened, LinkError>> {
    let claims = match env.check(Purpose::Agenda, token) {
        Ok(c) => c,
        Err(e) => return Ok(Err(e)),
    };
    let Some(p) = db::sessions::participant(conn, &claims.sub)? else { return Ok(Err(LinkError::Invalid)) };
    let Some(view) = super::get(conn, &p.session_id)? else { return Ok(Err(LinkError::Invalid)) };
    Ok(Ok(Opened { view, participant: p, representative: claims.extra }))
}

/// What a representative answers from the agenda link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// The whole agenda.
    All(bool),
    /// One meeting by id.
    One(String, bool),
}

/// Confirms or declines the whole agenda or one meeting. A declined meeting is cancelled (its
/// slot freed, its pair ended) and staff are alerted; the other side hears of it with the next
/// update.
pub fn answer(conn: &mut AnyConnection, env: Env, token: &str, answer: &Answer) -> Outcome<usize> {
    let now = env.now();
    let o = match open(conn, env, token)? {
        Ok(o) => o,
        Err(LinkError::Expired) => return Ok(Err(Refused::State("link-expired"))),
        Err(LinkError::Invalid) => return Ok(Err(Refused::State("link-invalid"))),
    };
    if o.view.status != SessionStatus::Published || o.participant.status != ParticipantStatus::Approved.code() {
        return Ok(Err(Refused::State("agenda-closed")));
    }
    db::write(conn, |conn| {
        let p = &o.participant;
        let mine: Vec<Meeting> = db::sessions::meetings(conn, &o.view.row.id)?
            .into_iter()
            .filter(|m| m.status == "scheduled" && (m.participant_a == p.id || m.participant_b == p.id))
            .collect();
        let (targets, confirm): (Vec<Meeting>, bool) = match answer {
            Answer::All(c) => (mine, *c),
            Answer::One(id, c) => match mine.into_iter().find(|m| &m.id == id) {
                Some(m) => (vec![m], *c),
                None => return Ok(Err(Refused::NotFound)),
            },
        };
        let value = if confirm { "confirmed" } else { "declined" };
        for mut m in targets.clone() {
            if m.participant_a == p.id {
                m.answer_a = value.into();
            } else {
                m.answer_b = value.into();
            }
            m.updated_at = now;
            if confirm {
                db::sessions::update_meeting(conn, &m)?;
                continue;
            }
            db::sessions::set_request_status(conn, &m.pair_id, &["accepted"], RequestStatus::Declined.code(), now)?;
            m.status = "cancelled".into();
            if m.notified_sequence >= m.sequence {
                m.sequence += 1;
            }
            db::sessions::update_meeting(conn, &m)?;
            alert_staff(conn, env, &o.view, p, &m)?;
        }
        if matches!(answer, Answer::All(true)) {
            db::sessions::set_confirmed(conn, &p.id, Some(now))?;
        }
        let action = if confirm { "agenda.confirmed" } else { "agenda.declined" };
        let detail = serde_json::json!({ "session": o.view.row.id, "meetings": targets.len(), "by": o.representative });
        audit(conn, None, action, ("participant", &p.id), detail)?;
        Ok(Ok(targets.len()))
    })
}

/// Emails every staff member that a meeting was declined.
fn alert_staff(conn: &mut AnyConnection, env: Env, v: &View, p: &Participant, m: &Meeting) -> anyhow::Result<()> {
    let other_id = if m.participant_a == p.id { &m.participant_b } else { &m.participant_a };
    let other = match db::sessions::participant(conn, other_id)? {
        Some(x) => super::org_name(conn, &x)?,
        None => String::new(),
    };
    let me = super::org_name(conn, p)?;
    let time = slot_times(v, m.slot).map(|(a, b)| crate::domain::local_span(a, b)).unwrap_or_default();
    for u in db::users::staff(conn)? {
        let letter = SessionAlert {
            session: v.title(u.locale).to_string(),
            organisation: me.clone(),
            other: other.clone(),
            time: time.clone(),
            url: format!("{}/staff/sessions/{}/schedule", base(env), v.row.id),
        };
        env.mail_keyed(
            conn,
            &format!("session-alert:{}:{}", m.id, u.id),
            (&u.email, &u.display_name, u.locale),
            &letter,
        )?;
    }
    Ok(())
}
