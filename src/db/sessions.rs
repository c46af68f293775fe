//! Queries on the matchmaking tables (see the migration): series, sessions, participants and
//! their representatives, meeting requests and pairs.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::AnyConnection;
use super::schema::meeting_reports as mrep;
use super::schema::session_meetings as sm;
use super::schema::{
    matchmaking_sessions as ms, meeting_requests as mr, session_participants as sp, session_representatives as sr,
    session_series as ss,
};

/// A stored series.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = ss)]
pub struct Series {
    pub id: String,
    pub rule: String,
    pub first_date: NaiveDate,
    /// JSON of the settings each generated session starts with.
    pub plan: String,
    pub active: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// A stored session.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = ms, treat_none_as_null = true)]
pub struct Session {
    pub id: String,
    pub series_id: Option<String>,
    pub occurrence: Option<NaiveDate>,
    pub title_vi: String,
    pub title_en: String,
    pub sectors: String,
    pub session_date: NaiveDate,
    pub morning: String,
    pub afternoon: String,
    pub slot_minutes: i32,
    pub breaks: String,
    pub venue: String,
    pub map_url: String,
    pub online_url: String,
    pub tables: String,
    pub online_tables: String,
    pub registration_deadline: NaiveDateTime,
    pub request_deadline: NaiveDateTime,
    pub capacity: i32,
    pub max_requests: i32,
    pub auto_approve: bool,
    pub status: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// The SEQUENCE of the session's calendar event, and the one last emailed (-1: never).
    pub sequence: i32,
    pub notified_sequence: i32,
    /// The last run of the scheduler (JSON), empty before.
    pub schedule_report: String,
}

/// An organisation registered for a session.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = sp)]
pub struct Participant {
    pub id: String,
    pub session_id: String,
    pub organisation_id: String,
    pub status: String,
    pub listings: String,
    pub blocks: String,
    pub max_meetings: i32,
    pub registered_by: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// When it confirmed its whole agenda.
    pub confirmed_at: Option<NaiveDateTime>,
    /// When it arrived at the session (checked in at the door), and whether it came without
    /// registering.
    pub arrived_at: Option<NaiveDateTime>,
    pub walk_in: bool,
    /// No more follow-up questions, as it asked.
    pub followups_stopped: bool,
}

/// A person attending for a participant.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = sr)]
pub struct Representative {
    pub id: String,
    pub participant_id: String,
    pub position: i32,
    pub name: String,
    pub email: String,
    pub locale: String,
}

/// A meeting request or a pair.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = mr)]
pub struct Request {
    pub id: String,
    pub session_id: String,
    pub from_participant: String,
    pub to_participant: String,
    pub pair_key: String,
    pub reason: String,
    pub block: String,
    pub origin: String,
    pub status: String,
    pub must_meet: bool,
    pub created_by: Option<String>,
    pub created_at: NaiveDateTime,
    pub answered_at: Option<NaiveDateTime>,
}

/// The key of the pair of two participants, whichever asked.
pub fn pair_key(a: &str, b: &str) -> String {
    if a <= b { format!("{a}|{b}") } else { format!("{b}|{a}") }
}

// ------------------------------------------------------------------------------------ series

pub fn insert_series(conn: &mut AnyConnection, s: &Series) -> anyhow::Result<()> {
    diesel::insert_into(ss::table).values(s).execute(conn)?;
    Ok(())
}

pub fn update_series(conn: &mut AnyConnection, s: &Series) -> anyhow::Result<()> {
    diesel::update(ss::table.find(&s.id)).set(s).execute(conn)?;
    Ok(())
}

pub fn series(conn: &mut AnyConnection, id: &str) -> anyhow::Result<Option<Series>> {
    Ok(ss::table.find(id).select(Series::as_select()).first(conn).optional()?)
}

pub fn all_series(conn: &mut AnyConnection) -> anyhow::Result<Vec<Series>> {
    Ok(ss::table.order(ss::created_at.asc()).select(Series::as_select()).load(conn)?)
}

// ---------------------------------------------------------------------------------- sessions

/// Inserts a session unless its series already has that occurrence (several nodes generating
/// at once): whether it was inserted. As with the outbox, each backend gets `ON CONFLICT DO
/// NOTHING` directly, since a failed insert would abort a PostgreSQL transaction.
pub fn insert_session_if_new(conn: &mut AnyConnection, s: &Session) -> anyhow::Result<bool> {
    let n = match conn {
        AnyConnection::Postgresql(c) => diesel::insert_into(ms::table).values(s).on_conflict_do_nothing().execute(c)?,
        AnyConnection::Sqlite(c) => diesel::insert_into(ms::table).values(s).on_conflict_do_nothing().execute(c)?,
    };
    Ok(n == 1)
}

pub fn update_session(conn: &mut AnyConnection, s: &Session) -> anyhow::Result<()> {
    diesel::update(ms::table.find(&s.id)).set(s).execute(conn)?;
    Ok(())
}

pub fn session(conn: &mut AnyConnection, id: &str) -> anyhow::Result<Option<Session>> {
    Ok(ms::table.find(id).select(Session::as_select()).first(conn).optional()?)
}

/// Every session, by date.
pub fn sessions(conn: &mut AnyConnection) -> anyhow::Result<Vec<Session>> {
    Ok(ms::table.order((ms::session_date.asc(), ms::created_at.asc())).select(Session::as_select()).load(conn)?)
}

/// The sessions of a series on or after a date (cancelled ones included), by date.
pub fn of_series_from(conn: &mut AnyConnection, series: &str, from: NaiveDate) -> anyhow::Result<Vec<Session>> {
    Ok(ms::table
        .filter(ms::series_id.eq(series))
        .filter(ms::occurrence.ge(from).or(ms::session_date.ge(from)))
        .order(ms::session_date.asc())
        .select(Session::as_select())
        .load(conn)?)
}

/// Moves a session from one status to another; false when it was no longer in `from`.
pub fn set_status(conn: &mut AnyConnection, id: &str, from: &str, to: &str, at: NaiveDateTime) -> anyhow::Result<bool> {
    let n = diesel::update(ms::table.find(id).filter(ms::status.eq(from)))
        .set((ms::status.eq(to), ms::updated_at.eq(at)))
        .execute(conn)?;
    Ok(n == 1)
}

// ------------------------------------------------------------------------------ participants

pub fn insert_participant(conn: &mut AnyConnection, p: &Participant) -> anyhow::Result<()> {
    diesel::insert_into(sp::table).values(p).execute(conn)?;
    Ok(())
}

/// Saves what a registration says (status, listings, blocks, cap; `created_at` places it on
/// the waiting list).
pub fn update_participant(conn: &mut AnyConnection, p: &Participant) -> anyhow::Result<()> {
    diesel::update(sp::table.find(&p.id))
        .set((
            sp::status.eq(&p.status),
            sp::listings.eq(&p.listings),
            sp::blocks.eq(&p.blocks),
            sp::max_meetings.eq(p.max_meetings),
            sp::registered_by.eq(&p.registered_by),
            sp::created_at.eq(p.created_at),
            sp::updated_at.eq(p.updated_at),
        ))
        .execute(conn)?;
    Ok(())
}

/// Moves a participant from one status to another; false when it was no longer in `from`.
pub fn set_participant_status(
    conn: &mut AnyConnection,
    id: &str,
    from: &[&str],
    to: &str,
    at: NaiveDateTime,
) -> anyhow::Result<bool> {
    let n = diesel::update(sp::table.find(id).filter(sp::status.eq_any(from)))
        .set((sp::status.eq(to), sp::updated_at.eq(at)))
        .execute(conn)?;
    Ok(n == 1)
}

pub fn participant(conn: &mut AnyConnection, id: &str) -> anyhow::Result<Option<Participant>> {
    Ok(sp::table.find(id).select(Participant::as_select()).first(conn).optional()?)
}

/// The registration of an organisation for a session, whatever its status.
pub fn participant_of(conn: &mut AnyConnection, session: &str, org: &str) -> anyhow::Result<Option<Participant>> {
    Ok(sp::table
        .filter(sp::session_id.eq(session))
        .filter(sp::organisation_id.eq(org))
        .select(Participant::as_select())
        .first(conn)
        .optional()?)
}

/// A session's registrations in the order they came (the waiting list's order).
pub fn participants(conn: &mut AnyConnection, session: &str) -> anyhow::Result<Vec<Participant>> {
    Ok(sp::table
        .filter(sp::session_id.eq(session))
        .order((sp::created_at.asc(), sp::id.asc()))
        .select(Participant::as_select())
        .load(conn)?)
}

/// Every registration of an organisation (any session).
pub fn participations(conn: &mut AnyConnection, org: &str) -> anyhow::Result<Vec<Participant>> {
    Ok(sp::table.filter(sp::organisation_id.eq(org)).select(Participant::as_select()).load(conn)?)
}

/// How many registrations of a session have each status (for many sessions at once).
pub fn counts(conn: &mut AnyConnection) -> anyhow::Result<Vec<(String, String, i64)>> {
    Ok(sp::table
        .group_by((sp::session_id, sp::status))
        .select((sp::session_id, sp::status, diesel::dsl::count_star()))
        .load(conn)?)
}

/// Replaces a participant's representatives.
pub fn replace_representatives(
    conn: &mut AnyConnection,
    participant: &str,
    reps: &[Representative],
) -> anyhow::Result<()> {
    diesel::delete(sr::table.filter(sr::participant_id.eq(participant))).execute(conn)?;
    // One row at a time: batch inserts are not portable through the multi-backend connection.
    for r in reps {
        diesel::insert_into(sr::table).values(r).execute(conn)?;
    }
    Ok(())
}

/// The representatives of the given participants, in their order.
pub fn representatives(conn: &mut AnyConnection, participants: &[String]) -> anyhow::Result<Vec<Representative>> {
    Ok(sr::table
        .filter(sr::participant_id.eq_any(participants))
        .order((sr::participant_id.asc(), sr::position.asc()))
        .select(Representative::as_select())
        .load(conn)?)
}

// ---------------------------------------------------------------------------------- requests

/// Inserts a request unless the pair already has a live one (pending or accepted): whether it
/// was inserted (see [`insert_session_if_new`] for why per backend).
pub fn insert_request_if_new(conn: &mut AnyConnection, r: &Request) -> anyhow::Result<bool> {
    let n = match conn {
        AnyConnection::Postgresql(c) => diesel::insert_into(mr::table).values(r).on_conflict_do_nothing().execute(c)?,
        AnyConnection::Sqlite(c) => diesel::insert_into(mr::table).values(r).on_conflict_do_nothing().execute(c)?,
    };
    Ok(n == 1)
}

pub fn request(conn: &mut AnyConnection, id: &str) -> anyhow::Result<Option<Request>> {
    Ok(mr::table.find(id).select(Request::as_select()).first(conn).optional()?)
}

/// Every request and pair of a session, oldest first.
pub fn requests(conn: &mut AnyConnection, session: &str) -> anyhow::Result<Vec<Request>> {
    Ok(mr::table
        .filter(mr::session_id.eq(session))
        .order((mr::created_at.asc(), mr::id.asc()))
        .select(Request::as_select())
        .load(conn)?)
}

/// The live request or pair between two participants, if any.
pub fn live_between(conn: &mut AnyConnection, session: &str, key: &str) -> anyhow::Result<Option<Request>> {
    Ok(mr::table
        .filter(mr::session_id.eq(session))
        .filter(mr::pair_key.eq(key))
        .filter(mr::status.eq_any(["pending", "accepted"]))
        .select(Request::as_select())
        .first(conn)
        .optional()?)
}

/// How many requests a participant has sent that await an answer.
pub fn pending_from(conn: &mut AnyConnection, participant: &str) -> anyhow::Result<i64> {
    Ok(mr::table
        .filter(mr::from_participant.eq(participant))
        .filter(mr::status.eq("pending"))
        .count()
        .get_result(conn)?)
}

/// Moves a request from one status to another; false when it was no longer in one of `from`.
pub fn set_request_status(
    conn: &mut AnyConnection,
    id: &str,
    from: &[&str],
    to: &str,
    at: NaiveDateTime,
) -> anyhow::Result<bool> {
    let n = diesel::update(mr::table.find(id).filter(mr::status.eq_any(from)))
        .set((mr::status.eq(to), mr::answered_at.eq(Some(at))))
        .execute(conn)?;
    Ok(n == 1)
}

pub fn set_must_meet(conn: &mut AnyConnection, id: &str, must: bool) -> anyhow::Result<()> {
    diesel::update(mr::table.find(id)).set(mr::must_meet.eq(must)).execute(conn)?;
    Ok(())
}

/// The live requests and pairs involving a participant.
pub fn live_of(conn: &mut AnyConnection, participant: &str) -> anyhow::Result<Vec<Request>> {
    Ok(mr::table
        .filter(mr::from_participant.eq(participant).or(mr::to_participant.eq(participant)))
        .filter(mr::status.eq_any(["pending", "accepted"]))
        .select(Request::as_select())
        .load(conn)?)
}

/// Pending requests of sessions whose request deadline has passed at `now`.
pub fn pending_past_deadline(conn: &mut AnyConnection, now: NaiveDateTime) -> anyhow::Result<Vec<Request>> {
    Ok(mr::table
        .inner_join(ms::table.on(ms::id.eq(mr::session_id)))
        .filter(mr::status.eq("pending"))
        .filter(ms::request_deadline.le(now))
        .select(Request::as_select())
        .load(conn)?)
}

// ---------------------------------------------------------------------------------- meetings

/// A meeting of the schedule.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = sm)]
pub struct Meeting {
    pub id: String,
    pub session_id: String,
    pub pair_id: String,
    pub participant_a: String,
    pub participant_b: String,
    pub slot: i32,
    pub table_index: i32,
    /// `scheduled` or `cancelled`.
    pub status: String,
    pub locked: bool,
    pub sequence: i32,
    pub notified_sequence: i32,
    /// `''`, `confirmed` or `declined`, for each side.
    pub answer_a: String,
    pub answer_b: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// `''`, `held`, `no_show` or `moved`, recorded on the day.
    pub attendance: String,
    pub attendance_at: Option<NaiveDateTime>,
}

pub fn insert_meeting(conn: &mut AnyConnection, m: &Meeting) -> anyhow::Result<()> {
    diesel::insert_into(sm::table).values(m).execute(conn)?;
    Ok(())
}

pub fn update_meeting(conn: &mut AnyConnection, m: &Meeting) -> anyhow::Result<()> {
    diesel::update(sm::table.find(&m.id)).set(m).execute(conn)?;
    Ok(())
}

pub fn delete_meeting(conn: &mut AnyConnection, id: &str) -> anyhow::Result<()> {
    diesel::delete(sm::table.find(id)).execute(conn)?;
    Ok(())
}

pub fn meeting(conn: &mut AnyConnection, id: &str) -> anyhow::Result<Option<Meeting>> {
    Ok(sm::table.find(id).select(Meeting::as_select()).first(conn).optional()?)
}

/// Every meeting of a session (cancelled ones included), by slot and table.
pub fn meetings(conn: &mut AnyConnection, session: &str) -> anyhow::Result<Vec<Meeting>> {
    Ok(sm::table
        .filter(sm::session_id.eq(session))
        .order((sm::slot.asc(), sm::table_index.asc(), sm::id.asc()))
        .select(Meeting::as_select())
        .load(conn)?)
}

/// Marks every meeting of a session as told at its current sequence.
pub fn mark_meetings_notified(conn: &mut AnyConnection, session: &str) -> anyhow::Result<()> {
    diesel::update(sm::table.filter(sm::session_id.eq(session)))
        .set(sm::notified_sequence.eq(sm::sequence))
        .execute(conn)?;
    Ok(())
}

/// Sets a session's calendar sequences and scheduler report.
pub fn set_session_calendar(conn: &mut AnyConnection, id: &str, sequence: i32, notified: i32) -> anyhow::Result<()> {
    diesel::update(ms::table.find(id))
        .set((ms::sequence.eq(sequence), ms::notified_sequence.eq(notified)))
        .execute(conn)?;
    Ok(())
}

pub fn set_schedule_report(conn: &mut AnyConnection, id: &str, report: &str) -> anyhow::Result<()> {
    diesel::update(ms::table.find(id)).set(ms::schedule_report.eq(report)).execute(conn)?;
    Ok(())
}

pub fn set_confirmed(conn: &mut AnyConnection, participant: &str, at: Option<NaiveDateTime>) -> anyhow::Result<()> {
    diesel::update(sp::table.find(participant)).set(sp::confirmed_at.eq(at)).execute(conn)?;
    Ok(())
}

/// Sessions in a status (the reminders' published sessions).
pub fn sessions_in(conn: &mut AnyConnection, status: &str) -> anyhow::Result<Vec<Session>> {
    Ok(ms::table.filter(ms::status.eq(status)).select(Session::as_select()).load(conn)?)
}

/// A new version of every meeting already told of (the session's day or hours changed).
pub fn bump_told_meetings(conn: &mut AnyConnection, session: &str) -> anyhow::Result<()> {
    diesel::update(
        sm::table
            .filter(sm::session_id.eq(session))
            .filter(sm::notified_sequence.ge(0))
            .filter(sm::sequence.le(sm::notified_sequence)),
    )
    .set(sm::sequence.eq(sm::notified_sequence + 1))
    .execute(conn)?;
    Ok(())
}

pub fn set_arrived(conn: &mut AnyConnection, participant: &str, at: Option<NaiveDateTime>) -> anyhow::Result<()> {
    diesel::update(sp::table.find(participant)).set(sp::arrived_at.eq(at)).execute(conn)?;
    Ok(())
}

pub fn set_followups_stopped(conn: &mut AnyConnection, participant: &str) -> anyhow::Result<()> {
    diesel::update(sp::table.find(participant)).set(sp::followups_stopped.eq(true)).execute(conn)?;
    Ok(())
}

// --------------------------------------------------------------------------------- reports

/// One report of a meeting's outcome by one participant (see the migration).
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = mrep, treat_none_as_null = true)]
pub struct OutcomeReport {
    pub id: String,
    pub meeting_id: String,
    pub participant_id: String,
    /// `feedback`, `30`, `90` or `180`.
    pub round: String,
    pub rating: Option<i32>,
    pub stage: String,
    pub contract_value: Option<i64>,
    pub note: String,
    pub reported_at: NaiveDateTime,
}

/// Saves a participant's report for a meeting and round (its earlier answer replaced).
pub fn save_report(conn: &mut AnyConnection, r: &OutcomeReport) -> anyhow::Result<()> {
    let existing: Option<String> = mrep::table
        .filter(mrep::meeting_id.eq(&r.meeting_id))
        .filter(mrep::participant_id.eq(&r.participant_id))
        .filter(mrep::round.eq(&r.round))
        .select(mrep::id)
        .first(conn)
        .optional()?;
    match existing {
        Some(id) => {
            diesel::update(mrep::table.find(&id)).set(&OutcomeReport { id: id.clone(), ..r.clone() }).execute(conn)?;
        }
        None => {
            diesel::insert_into(mrep::table).values(r).execute(conn)?;
        }
    }
    Ok(())
}

/// Every report of the meetings of a session.
pub fn reports(conn: &mut AnyConnection, session: &str) -> anyhow::Result<Vec<OutcomeReport>> {
    Ok(mrep::table
        .inner_join(sm::table.on(sm::id.eq(mrep::meeting_id)))
        .filter(sm::session_id.eq(session))
        .order(mrep::reported_at.asc())
        .select(OutcomeReport::as_select())
        .load(conn)?)
}
