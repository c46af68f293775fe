//! Registration for a session: a member of a verified organisation registers it with the
//! published listings it brings, its representatives, the blocks it can attend and its most
//! meetings; the session approves at once (its setting) or staff do; beyond the capacity the
//! organisation waits, and the waiting list moves up by itself when a place frees, with an
//! email. Representatives are emailed at every change of their registration.

use chrono::NaiveDateTime;

use super::{Attendee, Raw, View, audit, rep_email};
use crate::db::{self, AnyConnection, sessions::Participant, sessions::Representative};
use crate::domain::{Block, ListingKind, Locale, ParticipantStatus, User};
use crate::mail::templates::SessionNotice;
use crate::services::context::Env;
use crate::services::listings::{Outcome, Refused};
use crate::validate::Check;

/// The most representatives one organisation registers.
pub const MAX_REPRESENTATIVES: usize = 3;

/// What a registration form says, parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct Registration {
    /// `offer:ID` or `need:ID`.
    pub listings: Vec<String>,
    /// (name, email, language).
    pub representatives: Vec<(String, String, Locale)>,
    pub blocks: Vec<Block>,
    pub max_meetings: i32,
}

/// Parses a registration form against the session and the organisation's public listings.
fn parse(raw: &Raw, view: &View, own: &[String]) -> Result<Registration, Vec<crate::validate::FieldError>> {
    let mut c = Check::default();
    let mut listings: Vec<String> = Vec::new();
    for l in raw.all("listings") {
        if !own.iter().any(|o| o == l) {
            c.add("listings", "err-choice");
        } else if !listings.iter().any(|x| x == l) {
            listings.push(l.to_string());
        }
    }
    if listings.is_empty() && !c.errors.iter().any(|e| e.field == "listings") {
        c.add("listings", "err-session-no-listing");
    }
    const NAMES: [&str; MAX_REPRESENTATIVES] = ["rep_name_1", "rep_name_2", "rep_name_3"];
    const EMAILS: [&str; MAX_REPRESENTATIVES] = ["rep_email_1", "rep_email_2", "rep_email_3"];
    const LOCALES: [&str; MAX_REPRESENTATIVES] = ["rep_locale_1", "rep_locale_2", "rep_locale_3"];
    let mut representatives: Vec<(String, String, Locale)> = Vec::new();
    for i in 0..MAX_REPRESENTATIVES {
        let (n, e, l) = (raw.get(NAMES[i]), raw.get(EMAILS[i]), raw.get(LOCALES[i]));
        if n.trim().is_empty() && e.trim().is_empty() {
            continue;
        }
        let name = c.text(NAMES[i], n, 2, 100);
        let email = c.email(EMAILS[i], e);
        let locale = if l.trim().is_empty() { Some(Locale::Vi) } else { c.choice::<Locale>(LOCALES[i], l) };
        if let (Some(email), Some(locale)) = (email, locale) {
            if representatives.iter().any(|(_, x, _)| *x == email.as_str()) {
                c.add(EMAILS[i], "err-session-rep-twice");
            }
            representatives.push((name, email.as_str().to_string(), locale));
        }
    }
    if representatives.is_empty() && !c.errors.iter().any(|e| e.field.starts_with("rep_")) {
        c.add("rep_name_1", "err-session-no-representative");
    }
    let offered: Vec<Block> = view.programme.blocks().into_iter().map(|(b, _)| b).collect();
    let mut blocks = Vec::new();
    for b in raw.all("blocks") {
        match b.parse::<Block>() {
            Ok(b) if offered.contains(&b) => {
                if !blocks.contains(&b) {
                    blocks.push(b);
                }
            }
            _ => c.add("blocks", "err-choice"),
        }
    }
    if blocks.is_empty() && !c.errors.iter().any(|e| e.field == "blocks") {
        c.add("blocks", "err-session-no-block-chosen");
    }
    let max = i32::try_from(view.slot_count()).unwrap_or(i32::MAX).max(1);
    let max_meetings = super::number(&mut c, "max_meetings", raw.get("max_meetings"), 1, max);
    c.finish(Registration { listings, representatives, blocks, max_meetings })
}

/// The organisation's listings it may bring (published, not expired), as `kind:id` with titles.
pub fn own_listings(
    conn: &mut AnyConnection,
    org: crate::domain::OrganisationId,
    now: NaiveDateTime,
) -> anyhow::Result<Vec<crate::domain::Listing>> {
    let filter = db::ListFilter { organisation: Some(org), ..db::ListFilter::default() };
    let mut out = Vec::new();
    for kind in ListingKind::ALL {
        out.extend(db::listings::list_public(conn, *kind, &filter, now, 1, 200)?.items);
    }
    Ok(out)
}

/// The key of a listing in a registration.
pub fn listing_key(l: &crate::domain::Listing) -> String {
    format!("{}:{}", l.kind().code(), l.id())
}

fn status_of(p: &Participant) -> ParticipantStatus {
    p.status.parse().unwrap_or(ParticipantStatus::Withdrawn)
}

/// Places taken: approved, or awaiting approval.
fn taken(conn: &mut AnyConnection, session: &str) -> anyhow::Result<usize> {
    Ok(db::sessions::participants(conn, session)?
        .iter()
        .filter(|p| matches!(status_of(p), ParticipantStatus::Approved | ParticipantStatus::Pending))
        .count())
}

/// Registers the member's organisation for a session, or changes its registration while it
/// holds or waits for a place. A new registration is approved at once when the session says so,
/// waits for staff otherwise, and waits for a place when the session is full.
pub fn register(
    conn: &mut AnyConnection,
    env: Env,
    user: &User,
    session: &str,
    raw: &Raw,
    now: NaiveDateTime,
) -> Outcome<Participant> {
    let Some(org_id) = user.organisation_id else { return Ok(Err(Refused::State("session-no-organisation"))) };
    let Some(org) = db::organisations::get(conn, org_id)? else { return Ok(Err(Refused::NotFound)) };
    if org.verified_at.is_none() {
        return Ok(Err(Refused::State("session-unverified")));
    }
    let Some(view) = super::get(conn, session)? else { return Ok(Err(Refused::NotFound)) };
    if !view.registration_open(now) {
        return Ok(Err(Refused::State("session-registration-closed")));
    }
    let own: Vec<String> = own_listings(conn, org_id, now)?.iter().map(listing_key).collect();
    let input = match parse(raw, &view, &own) {
        Ok(i) => i,
        Err(e) => return Ok(Err(Refused::Invalid(e))),
    };
    db::write(conn, |conn| {
        let existing = db::sessions::participant_of(conn, session, &org_id.to_string())?;
        if existing.as_ref().is_some_and(|p| status_of(p) == ParticipantStatus::Rejected) {
            return Ok(Err(Refused::State("session-rejected")));
        }
        let live = existing.as_ref().is_some_and(|p| status_of(p).is_live());
        let status = if live {
            existing.as_ref().map_or(ParticipantStatus::Pending, status_of)
        } else if taken(conn, session)? >= usize::try_from(view.row.capacity).unwrap_or(0) {
            ParticipantStatus::Waitlisted
        } else if view.row.auto_approve {
            ParticipantStatus::Approved
        } else {
            ParticipantStatus::Pending
        };
        let p = Participant {
            id: existing.as_ref().map_or_else(|| uuid::Uuid::now_v7().to_string(), |p| p.id.clone()),
            session_id: session.to_string(),
            organisation_id: org_id.to_string(),
            status: status.code().into(),
            listings: input.listings.join("|"),
            blocks: input.blocks.iter().map(|b| b.code()).collect::<Vec<_>>().join("|"),
            max_meetings: input.max_meetings,
            registered_by: Some(user.id.to_string()),
            // A new registration (or one after a withdrawal) joins the end of the queue.
            created_at: if live { existing.as_ref().map_or(now, |p| p.created_at) } else { now },
            updated_at: now,
            confirmed_at: None,
            arrived_at: None,
            walk_in: false,
            followups_stopped: false,
        };
        match existing {
            Some(_) => db::sessions::update_participant(conn, &p)?,
            None => db::sessions::insert_participant(conn, &p)?,
        }
        let reps: Vec<Representative> = input
            .representatives
            .iter()
            .enumerate()
            .map(|(i, (name, email, locale))| Representative {
                id: uuid::Uuid::now_v7().to_string(),
                participant_id: p.id.clone(),
                position: i32::try_from(i).unwrap_or(0),
                name: name.clone(),
                email: email.clone(),
                locale: locale.code().into(),
            })
            .collect();
        db::sessions::replace_representatives(conn, &p.id, &reps)?;
        let action = if live { "session.registration_changed" } else { "session.registered" };
        if !live {
            metrics::counter!("ketnoi_session_registrations_total", "status" => status.code()).increment(1);
        }
        audit(
            conn,
            Some(user),
            action,
            ("participant", &p.id),
            serde_json::json!({ "session": session, "status": p.status }),
        )?;
        if !live {
            notify(conn, env, &view, &p, status.code())?;
        }
        if status == ParticipantStatus::Approved {
            super::requests::sync_interests(conn, session, now)?;
        }
        Ok(Ok(p))
    })
}

/// Withdraws the member's organisation from a session: its requests and pairs end, and the
/// waiting list moves up.
pub fn withdraw(
    conn: &mut AnyConnection,
    env: Env,
    user: &User,
    session: &str,
    now: NaiveDateTime,
) -> Outcome<Participant> {
    let Some(org_id) = user.organisation_id else { return Ok(Err(Refused::NotFound)) };
    let Some(view) = super::get(conn, session)? else { return Ok(Err(Refused::NotFound)) };
    if matches!(view.status, crate::domain::SessionStatus::Held | crate::domain::SessionStatus::Closed) {
        return Ok(Err(Refused::State("session-frozen")));
    }
    db::write(conn, |conn| {
        let Some(p) = db::sessions::participant_of(conn, session, &org_id.to_string())? else {
            return Ok(Err(Refused::NotFound));
        };
        let live = ["pending", "approved", "waitlisted"];
        if !db::sessions::set_participant_status(conn, &p.id, &live, ParticipantStatus::Withdrawn.code(), now)? {
            return Ok(Err(Refused::State("session-not-registered")));
        }
        super::requests::end_all_of(conn, &p.id, now)?;
        audit(
            conn,
            Some(user),
            "session.withdrawn",
            ("participant", &p.id),
            serde_json::json!({ "session": session }),
        )?;
        let Some(p) = db::sessions::participant(conn, &p.id)? else { return Ok(Err(Refused::NotFound)) };
        notify(conn, env, &view, &p, "withdrawn")?;
        promote(conn, env, &view, now)?;
        Ok(Ok(p))
    })
}

/// Staff approve a registration (awaiting approval or waiting for a place), or reject one.
pub fn decide(
    conn: &mut AnyConnection,
    env: Env,
    by: &User,
    participant: &str,
    approve: bool,
    now: NaiveDateTime,
) -> Outcome<Participant> {
    db::write(conn, |conn| {
        let Some(p) = db::sessions::participant(conn, participant)? else { return Ok(Err(Refused::NotFound)) };
        let Some(view) = super::get(conn, &p.session_id)? else { return Ok(Err(Refused::NotFound)) };
        let (from, to): (&[&str], ParticipantStatus) = if approve {
            (&["pending", "waitlisted"], ParticipantStatus::Approved)
        } else {
            (&["pending", "waitlisted", "approved"], ParticipantStatus::Rejected)
        };
        if !db::sessions::set_participant_status(conn, &p.id, from, to.code(), now)? {
            return Ok(Err(Refused::State("session-decided")));
        }
        if !approve {
            super::requests::end_all_of(conn, &p.id, now)?;
        }
        let action = if approve { "session.approved" } else { "session.rejected" };
        audit(conn, Some(by), action, ("participant", &p.id), serde_json::json!({ "session": p.session_id }))?;
        let Some(p) = db::sessions::participant(conn, &p.id)? else { return Ok(Err(Refused::NotFound)) };
        notify(conn, env, &view, &p, to.code())?;
        if approve {
            super::requests::sync_interests(conn, &p.session_id, now)?;
        } else {
            promote(conn, env, &view, now)?;
        }
        Ok(Ok(p))
    })
}

/// Moves the waiting list up while places are free (while registration or requests are open):
/// the first in line is approved (or awaits approval, as the session says) and told.
pub fn promote(conn: &mut AnyConnection, env: Env, view: &View, now: NaiveDateTime) -> anyhow::Result<usize> {
    if !view.status.takes_requests() {
        return Ok(0);
    }
    let capacity = usize::try_from(view.row.capacity).unwrap_or(0);
    let mut free = capacity.saturating_sub(taken(conn, &view.row.id)?);
    let mut moved = 0;
    for p in db::sessions::participants(conn, &view.row.id)? {
        if free == 0 {
            break;
        }
        if status_of(&p) != ParticipantStatus::Waitlisted {
            continue;
        }
        let to = if view.row.auto_approve { ParticipantStatus::Approved } else { ParticipantStatus::Pending };
        if db::sessions::set_participant_status(conn, &p.id, &["waitlisted"], to.code(), now)? {
            audit(conn, None, "session.moved_up", ("participant", &p.id), serde_json::json!({ "to": to.code() }))?;
            if let Some(p) = db::sessions::participant(conn, &p.id)? {
                notify(conn, env, view, &p, "moved_up")?;
            }
            free -= 1;
            moved += 1;
        }
    }
    if moved > 0 {
        super::requests::sync_interests(conn, &view.row.id, now)?;
    }
    Ok(moved)
}

/// Emails a participant's representatives what happened to its registration (`what`: a
/// participant status, `moved_up` or `cancelled`), once per change.
pub(crate) fn notify(
    conn: &mut AnyConnection,
    env: Env,
    view: &View,
    p: &Participant,
    what: &str,
) -> anyhow::Result<()> {
    let base = env.settings.base_url.as_str().trim_end_matches('/').to_string();
    for r in db::sessions::representatives(conn, std::slice::from_ref(&p.id))? {
        let Some(email) = rep_email(&r) else { continue };
        let locale: Locale = r.locale.parse().unwrap_or(Locale::Vi);
        let letter = SessionNotice {
            session: view.title(locale).to_string(),
            date: view.row.session_date,
            deadline: view.row.request_deadline,
            what: what.to_string(),
            url: format!("{base}/sessions/{}/meetings", view.row.id),
        };
        let key = format!("session-{what}:{}:{}:{}", p.id, p.updated_at.and_utc().timestamp_micros(), r.email);
        env.mail_keyed(conn, &key, (&email, &r.name, locale), &letter)?;
    }
    Ok(())
}

/// The registration of a member's organisation, with its representatives.
pub fn of_organisation(
    conn: &mut AnyConnection,
    org: crate::domain::OrganisationId,
    session: &str,
) -> anyhow::Result<Option<(Participant, Vec<Representative>)>> {
    let Some(p) = db::sessions::participant_of(conn, session, &org.to_string())? else { return Ok(None) };
    let reps = db::sessions::representatives(conn, std::slice::from_ref(&p.id))?;
    Ok(Some((p, reps)))
}

/// Every registration of a session with its organisation and representatives (for staff), in
/// the order they came.
pub fn all_of(
    conn: &mut AnyConnection,
    session: &str,
    now: NaiveDateTime,
) -> anyhow::Result<Vec<(Attendee, Vec<Representative>)>> {
    let ps = db::sessions::participants(conn, session)?;
    let ids: Vec<String> = ps.iter().map(|p| p.id.clone()).collect();
    let reps = db::sessions::representatives(conn, &ids)?;
    let mut out = Vec::new();
    for p in ps {
        let mine: Vec<Representative> = reps.iter().filter(|r| r.participant_id == p.id).cloned().collect();
        if let Some(a) = super::attendee(conn, p, now)? {
            out.push((a, mine));
        }
    }
    Ok(out)
}
