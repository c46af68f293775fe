//! The session day: arrival at the door (found by name or organisation, or by the agenda's QR
//! code whose signed address a staff member's phone opens), organisations that come without
//! registering, and each meeting's attendance — held, no-show or moved — recorded by staff or by
//! either participant.

use chrono::NaiveDateTime;

use super::{View, audit};
use crate::db::{self, AnyConnection, sessions::Meeting, sessions::Participant};
use crate::domain::signed::{LinkError, Purpose};
use crate::domain::{ParticipantStatus, SessionStatus, User};
use crate::services::context::Env;
use crate::services::listings::{Outcome, Refused};

/// Whether the session's day has come: the schedule is out and it is not closed.
fn on_the_day(v: &View) -> bool {
    matches!(v.status, SessionStatus::Published | SessionStatus::Held)
}

/// Marks a participant arrived (again: nothing changes).
pub fn check_in(conn: &mut AnyConnection, by: &User, participant: &str, now: NaiveDateTime) -> Outcome<Participant> {
    db::write(conn, |conn| {
        let Some(p) = db::sessions::participant(conn, participant)? else { return Ok(Err(Refused::NotFound)) };
        let Some(v) = super::get(conn, &p.session_id)? else { return Ok(Err(Refused::NotFound)) };
        if !on_the_day(&v) {
            return Ok(Err(Refused::State("session-not-on-the-day")));
        }
        if p.status != ParticipantStatus::Approved.code() {
            return Ok(Err(Refused::State("session-not-participant")));
        }
        if p.arrived_at.is_none() {
            db::sessions::set_arrived(conn, &p.id, Some(now))?;
            audit(
                conn,
                Some(by),
                "session.arrived",
                ("participant", &p.id),
                serde_json::json!({ "session": p.session_id }),
            )?;
        }
        Ok(db::sessions::participant(conn, &p.id)?.ok_or(Refused::NotFound))
    })
}

/// The participant a check-in address names (the agenda's QR code), while it works.
pub fn by_token(conn: &mut AnyConnection, env: Env, token: &str) -> anyhow::Result<Result<Participant, LinkError>> {
    let claims = match env.check(Purpose::CheckIn, token) {
        Ok(c) => c,
        Err(e) => return Ok(Err(e)),
    };
    Ok(db::sessions::participant(conn, &claims.sub)?.filter(|p| p.session_id == claims.extra).ok_or(LinkError::Invalid))
}

/// Registers on the spot an organisation that came without registering (approved, arrived,
/// with the person who came as its representative).
pub fn walk_in(
    conn: &mut AnyConnection,
    by: &User,
    session: &str,
    org: crate::domain::OrganisationId,
    (name, email): (&str, &str),
    now: NaiveDateTime,
) -> Outcome<Participant> {
    let Some(v) = super::get(conn, session)? else { return Ok(Err(Refused::NotFound)) };
    if !on_the_day(&v) {
        return Ok(Err(Refused::State("session-not-on-the-day")));
    }
    if db::organisations::get(conn, org)?.is_none() {
        return Ok(Err(Refused::NotFound));
    }
    let mut c = crate::validate::Check::default();
    let name = c.text("name", name, 2, 100);
    let email = c.email("email", email);
    let Some(email) = email.filter(|_| c.errors.is_empty()) else { return Ok(Err(Refused::Invalid(c.errors))) };
    db::write(conn, |conn| {
        if let Some(p) = db::sessions::participant_of(conn, session, &org.to_string())? {
            if p.status == ParticipantStatus::Approved.code() {
                return Ok(Err(Refused::State("session-walk-in-registered")));
            }
            db::sessions::set_participant_status(
                conn,
                &p.id,
                &["pending", "waitlisted", "withdrawn", "rejected"],
                "approved",
                now,
            )?;
            db::sessions::set_arrived(conn, &p.id, Some(now))?;
            return Ok(db::sessions::participant(conn, &p.id)?.ok_or(Refused::NotFound));
        }
        let p = Participant {
            id: uuid::Uuid::now_v7().to_string(),
            session_id: session.to_string(),
            organisation_id: org.to_string(),
            status: ParticipantStatus::Approved.code().into(),
            listings: String::new(),
            blocks: v.programme.blocks().iter().map(|(b, _)| b.code()).collect::<Vec<_>>().join("|"),
            max_meetings: i32::try_from(v.slot_count()).unwrap_or(1),
            registered_by: Some(by.id.to_string()),
            created_at: now,
            updated_at: now,
            confirmed_at: None,
            arrived_at: Some(now),
            walk_in: true,
            followups_stopped: false,
        };
        db::sessions::insert_participant(conn, &p)?;
        let rep = db::sessions::Representative {
            id: uuid::Uuid::now_v7().to_string(),
            participant_id: p.id.clone(),
            position: 0,
            name: name.clone(),
            email: email.as_str().to_string(),
            locale: "vi".into(),
        };
        db::sessions::replace_representatives(conn, &p.id, &[rep])?;
        audit(conn, Some(by), "session.walk_in", ("participant", &p.id), serde_json::json!({ "session": session }))?;
        Ok(Ok(p))
    })
}

/// What happened to a meeting on the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attendance {
    Held,
    NoShow,
    Moved,
}

impl Attendance {
    pub fn code(self) -> &'static str {
        match self {
            Self::Held => "held",
            Self::NoShow => "no_show",
            Self::Moved => "moved",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "held" => Some(Self::Held),
            "no_show" => Some(Self::NoShow),
            "moved" => Some(Self::Moved),
            _ => None,
        }
    }
}

/// Records a meeting's attendance, by staff or by a member of either organisation.
pub fn attendance(
    conn: &mut AnyConnection,
    by: &User,
    meeting: &str,
    what: Attendance,
    now: NaiveDateTime,
) -> Outcome<Meeting> {
    db::write(conn, |conn| {
        let Some(mut m) = db::sessions::meeting(conn, meeting)? else { return Ok(Err(Refused::NotFound)) };
        if !matches!(by.role, crate::domain::Role::Staff | crate::domain::Role::Admin) {
            let Some(org) = by.organisation_id.map(|o| o.to_string()) else { return Ok(Err(Refused::NotFound)) };
            let mine = [&m.participant_a, &m.participant_b]
                .into_iter()
                .filter_map(|p| db::sessions::participant(conn, p).ok().flatten())
                .any(|p| p.organisation_id == org);
            if !mine {
                return Ok(Err(Refused::NotFound));
            }
        }
        let Some(v) = super::get(conn, &m.session_id)? else { return Ok(Err(Refused::NotFound)) };
        if !on_the_day(&v) || m.status != "scheduled" {
            return Ok(Err(Refused::State("session-not-on-the-day")));
        }
        m.attendance = what.code().into();
        m.attendance_at = Some(now);
        m.updated_at = now;
        db::sessions::update_meeting(conn, &m)?;
        audit(
            conn,
            Some(by),
            "meeting.attendance",
            ("meeting", &m.id),
            serde_json::json!({ "attendance": what.code() }),
        )?;
        Ok(Ok(m))
    })
}

/// The participants of a session matching a search (organisation or representative name, any
/// case, diacritics optional), with their organisation's name and representatives.
pub fn find(
    conn: &mut AnyConnection,
    session: &str,
    q: &str,
) -> anyhow::Result<Vec<(Participant, String, Vec<db::sessions::Representative>)>> {
    let q = ketnoi_text::fold(q.trim());
    let ps: Vec<Participant> = db::sessions::participants(conn, session)?
        .into_iter()
        .filter(|p| p.status == ParticipantStatus::Approved.code())
        .collect();
    let ids: Vec<String> = ps.iter().map(|p| p.id.clone()).collect();
    let reps = db::sessions::representatives(conn, &ids)?;
    let mut out = Vec::new();
    for p in ps {
        let name = super::org_name(conn, &p)?;
        let mine: Vec<_> = reps.iter().filter(|r| r.participant_id == p.id).cloned().collect();
        let hit = q.is_empty()
            || ketnoi_text::fold(&name).contains(&q)
            || mine.iter().any(|r| ketnoi_text::fold(&r.name).contains(&q) || r.email.contains(&q));
        if hit {
            out.push((p, name, mine));
        }
    }
    out.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(out)
}
