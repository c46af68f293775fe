//! Matchmaking sessions (phiên kết nối cung – cầu), part one: the series that repeat them by a
//! rule and the background job that keeps the next two generated; the sessions themselves with
//! their programme, venue, tables, deadlines, capacity and status, moved step by step by staff
//! (every transition audited, only in order); registration of organisations with a waiting list
//! (`registration.rs`); meeting requests, pairs brokered by staff and the pairs' weights
//! (`requests.rs`).
//!
//! The participant of a session is an organisation; its representatives (name, email, language)
//! receive what concerns it. Each operation is one transaction with its audit entry and emails.

pub mod agenda;
pub mod day;
pub mod outcomes;
pub mod registration;
pub mod report;
pub mod requests;
pub mod schedule;

use chrono::{NaiveDate, NaiveDateTime, TimeDelta};
use serde::{Deserialize, Serialize};

use super::context::Env;
use super::listings::{Outcome, Refused};
use crate::db::{self, AnyConnection, sessions::Series, sessions::Session};
use crate::domain::session::{self, Programme, Span};
use crate::domain::{Email, Locale, Sector, SessionStatus, User};
use crate::validate::{Check, FieldError};

pub use registration::{Registration, register, withdraw};
pub use requests::{Weight, pairs};

/// How many upcoming sessions (not cancelled) each active series keeps generated.
pub const KEEP_AHEAD: usize = 2;

/// A form as posted: its (name, value) pairs, repeated names kept (ticked boxes).
#[derive(Debug, Clone, Default)]
pub struct Raw(pub Vec<(String, String)>);

impl Raw {
    /// The first value of a field, or "".
    pub fn get(&self, name: &str) -> &str {
        self.0.iter().find(|(k, _)| k == name).map_or("", |(_, v)| v.as_str())
    }

    /// Every value of a field.
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.0.iter().filter(|(k, _)| k == name).map(|(_, v)| v.as_str()).collect()
    }
}

/// The settings a session has besides its date and deadlines; a series keeps them (with the
/// deadlines as days before the date) for each session it generates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Plan {
    pub title_vi: String,
    pub title_en: String,
    pub sectors: Vec<Sector>,
    /// `HH:MM-HH:MM`, or empty when the session has no such block.
    pub morning: String,
    pub afternoon: String,
    pub slot_minutes: i32,
    /// `HH:MM-HH:MM` separated by `|`.
    pub breaks: String,
    pub venue: String,
    pub map_url: String,
    pub online_url: String,
    pub tables: Vec<String>,
    pub online_tables: Vec<String>,
    pub capacity: i32,
    pub max_requests: i32,
    pub auto_approve: bool,
    /// For a series: registration closes, and requests close, this many days before the date.
    pub registration_days: i32,
    pub request_days: i32,
}

impl Default for Plan {
    fn default() -> Self {
        Self {
            title_vi: "Phiên kết nối cung – cầu công nghệ".into(),
            title_en: "Technology supply–demand matchmaking session".into(),
            sectors: Vec::new(),
            morning: "08:00-11:30".into(),
            afternoon: "13:30-16:30".into(),
            slot_minutes: 30,
            breaks: "09:30-09:45|15:00-15:15".into(),
            venue: String::new(),
            map_url: String::new(),
            online_url: String::new(),
            tables: (1..=10).map(|i| format!("Bàn {i}")).collect(),
            online_tables: Vec::new(),
            capacity: 40,
            max_requests: 10,
            auto_approve: true,
            registration_days: 7,
            request_days: 2,
        }
    }
}

/// The instant (UTC) a deadline set on a local date falls: that day's 23:59 in Vietnam.
pub fn deadline_of(date: NaiveDate) -> NaiveDateTime {
    crate::domain::utc_of_local(date.and_hms_opt(23, 59, 0).unwrap_or_default())
}

/// The local date of a deadline instant.
pub fn deadline_date(at: NaiveDateTime) -> NaiveDate {
    crate::domain::local_date(at)
}

/// A session read back with its parsed parts.
#[derive(Debug, Clone)]
pub struct View {
    pub row: Session,
    pub status: SessionStatus,
    pub programme: Programme,
    pub sectors: Vec<Sector>,
    pub tables: Vec<String>,
    pub online_tables: Vec<String>,
}

fn lines(text: &str) -> Vec<String> {
    text.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect()
}

impl View {
    pub fn of(row: Session) -> Self {
        let programme = Programme {
            morning: Span::parse(&row.morning),
            afternoon: Span::parse(&row.afternoon),
            slot_minutes: i64::from(row.slot_minutes),
            breaks: session::parse_spans(&row.breaks).unwrap_or_default(),
        };
        Self {
            status: row.status.parse().unwrap_or(SessionStatus::Planned),
            sectors: row.sectors.split('|').filter_map(|s| s.parse().ok()).collect(),
            tables: lines(&row.tables),
            online_tables: lines(&row.online_tables),
            programme,
            row,
        }
    }

    /// The title in `locale` (the Vietnamese one when there is no English title).
    pub fn title(&self, locale: Locale) -> &str {
        match locale {
            Locale::En if !self.row.title_en.is_empty() => &self.row.title_en,
            _ => &self.row.title_vi,
        }
    }

    /// Whether organisations may register at `now`.
    pub fn registration_open(&self, now: NaiveDateTime) -> bool {
        self.status == SessionStatus::RegistrationOpen && now < self.row.registration_deadline
    }

    /// Whether organisations may ask for meetings (and answer requests) at `now`.
    pub fn requests_open(&self, now: NaiveDateTime) -> bool {
        self.status.takes_requests() && now < self.row.request_deadline
    }

    /// A slot's time (`HH:MM-HH:MM`), empty for a slot the programme does not have.
    pub fn slot_label(&self, slot: i32) -> String {
        usize::try_from(slot)
            .ok()
            .and_then(|i| self.programme.slots().get(i).map(|s| s.span.to_string()))
            .unwrap_or_default()
    }

    /// The number of meeting slots.
    pub fn slot_count(&self) -> usize {
        self.programme.slots().len()
    }
}

pub(crate) fn audit(
    conn: &mut AnyConnection,
    actor: Option<&User>,
    action: &str,
    entity: (&str, &str),
    detail: serde_json::Value,
) -> anyhow::Result<()> {
    db::audit::record(conn, actor.map(|u| u.id), action, entity.0, entity.1, &detail)?;
    Ok(())
}

// ------------------------------------------------------------------------------- the input

/// The fields a session and a series share, through the text rule.
fn parse_plan(c: &mut Check, raw: &Raw) -> Plan {
    let title_vi = c.text("title_vi", raw.get("title_vi"), 3, 200);
    let title_en = c.text("title_en", raw.get("title_en"), 0, 200);
    let mut sectors = Vec::new();
    for s in raw.all("sectors") {
        match s.parse::<Sector>() {
            Ok(s) if !sectors.contains(&s) => sectors.push(s),
            Ok(_) => {}
            Err(_) => c.add("sectors", "err-choice"),
        }
    }
    let span = |c: &mut Check, field: &'static str| -> String {
        let t = c.text(field, raw.get(field), 0, 20);
        if t.is_empty() {
            return t;
        }
        match Span::parse(&t) {
            Some(s) => s.to_string(),
            None => {
                c.add(field, "err-session-span");
                t
            }
        }
    };
    let morning = span(c, "morning");
    let afternoon = span(c, "afternoon");
    if morning.is_empty() && afternoon.is_empty() {
        c.add("morning", "err-session-no-block");
    }
    let slot_minutes = number(c, "slot_minutes", raw.get("slot_minutes"), 10, 180);
    let breaks_text = c.text("breaks", raw.get("breaks"), 0, 200);
    let breaks = match session::parse_spans(&breaks_text) {
        Some(b) => session::join_spans(&b),
        None => {
            c.add("breaks", "err-session-span");
            breaks_text
        }
    };
    let venue = c.text("venue", raw.get("venue"), 0, 300);
    let map_url = c.website("map_url", raw.get("map_url")).unwrap_or_default();
    let online_url = c.website("online_url", raw.get("online_url")).unwrap_or_default();
    if venue.is_empty() && online_url.is_empty() {
        c.add("venue", "err-session-no-place");
    }
    let names = |c: &mut Check, field: &'static str| -> Vec<String> {
        let text = c.multiline(field, raw.get(field), 0, 20_000);
        let names = lines(&text);
        if names.len() > 500 {
            c.add_n(field, "err-session-too-many-tables", 500);
        } else if names.iter().any(|n| n.chars().count() > 60) {
            c.add_n(field, "err-too-long", 60);
        }
        names
    };
    let tables = names(c, "tables");
    let online_tables = names(c, "online_tables");
    let mut all: Vec<&String> = tables.iter().chain(&online_tables).collect();
    if all.is_empty() {
        c.add("tables", "err-session-no-table");
    }
    all.sort();
    if all.windows(2).any(|w| w[0] == w[1]) {
        c.add("tables", "err-session-table-twice");
    }
    let capacity = number(c, "capacity", raw.get("capacity"), 2, 1000);
    let max_requests = number(c, "max_requests", raw.get("max_requests"), 1, 100);
    let plan = Plan {
        title_vi,
        title_en,
        sectors,
        morning,
        afternoon,
        slot_minutes,
        breaks,
        venue,
        map_url,
        online_url,
        tables,
        online_tables,
        capacity,
        max_requests,
        auto_approve: !raw.get("auto_approve").is_empty(),
        registration_days: 7,
        request_days: 2,
    };
    if let Some(p) = programme_of(&plan) {
        match p.slots().len() {
            0 => c.add("slot_minutes", "err-session-no-slot"),
            n if n >= session::MAX_SLOTS => c.add_n("slot_minutes", "err-session-too-many-slots", session::MAX_SLOTS),
            _ => {}
        }
    }
    plan
}

fn programme_of(plan: &Plan) -> Option<Programme> {
    Some(Programme {
        morning: Span::parse(&plan.morning),
        afternoon: Span::parse(&plan.afternoon),
        slot_minutes: i64::from(plan.slot_minutes),
        breaks: session::parse_spans(&plan.breaks)?,
    })
}

/// A whole number in `min..=max`.
pub(crate) fn number(c: &mut Check, field: &'static str, value: &str, min: i32, max: i32) -> i32 {
    match value.trim().parse::<i32>() {
        Ok(n) if (min..=max).contains(&n) => n,
        Ok(_) | Err(_) if value.trim().is_empty() => {
            c.add(field, "err-required");
            min
        }
        _ => {
            c.add_n(field, "err-session-number", max as usize);
            min
        }
    }
}

fn date(c: &mut Check, field: &'static str, value: &str) -> Option<NaiveDate> {
    if value.trim().is_empty() {
        c.add(field, "err-required");
        return None;
    }
    NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d")
        .ok()
        .filter(|d| (2000..=2200).contains(&chrono::Datelike::year(d)))
        .or_else(|| {
            c.add(field, "err-date");
            None
        })
}

/// What a session form says: the plan, the date and both deadlines (local dates).
#[derive(Debug, Clone, PartialEq)]
pub struct SessionInput {
    pub plan: Plan,
    pub date: NaiveDate,
    pub registration_deadline: NaiveDate,
    pub request_deadline: NaiveDate,
}

/// Parses a session form.
pub fn parse_session(raw: &Raw) -> Result<SessionInput, Vec<FieldError>> {
    let mut c = Check::default();
    let plan = parse_plan(&mut c, raw);
    let day = date(&mut c, "session_date", raw.get("session_date"));
    let reg = date(&mut c, "registration_deadline", raw.get("registration_deadline"));
    let req = date(&mut c, "request_deadline", raw.get("request_deadline"));
    if let (Some(d), Some(r)) = (day, reg)
        && r > d
    {
        c.add("registration_deadline", "err-session-deadline-after");
    }
    if let (Some(d), Some(r), Some(q)) = (day, reg, req)
        && (q > d || q < r)
    {
        c.add("request_deadline", "err-session-request-deadline");
    }
    let fallback = NaiveDate::default();
    c.finish(SessionInput {
        plan,
        date: day.unwrap_or(fallback),
        registration_deadline: reg.unwrap_or(fallback),
        request_deadline: req.unwrap_or(fallback),
    })
}

/// What a series form says: its rule, first date, whether it generates, and the plan.
#[derive(Debug, Clone, PartialEq)]
pub struct SeriesInput {
    pub rule: String,
    pub first_date: NaiveDate,
    pub active: bool,
    pub plan: Plan,
}

/// Parses a series form.
pub fn parse_series(raw: &Raw) -> Result<SeriesInput, Vec<FieldError>> {
    let mut c = Check::default();
    let mut plan = parse_plan(&mut c, raw);
    plan.registration_days = number(&mut c, "registration_days", raw.get("registration_days"), 0, 90);
    plan.request_days = number(&mut c, "request_days", raw.get("request_days"), 0, 90);
    if plan.request_days > plan.registration_days {
        c.add("request_days", "err-session-request-deadline");
    }
    let rule = c.text("rule", raw.get("rule"), 1, 300).to_uppercase();
    let rule = rule.trim_start_matches("RRULE:").trim().to_string();
    let first = date(&mut c, "first_date", raw.get("first_date"));
    if let Some(f) = first {
        match session::check_rule(&rule, f) {
            Ok(()) => {}
            Err(session::RuleError::Invalid) => c.add("rule", "err-session-rule"),
            Err(session::RuleError::TooFrequent) => c.add("rule", "err-session-rule-frequent"),
        }
    }
    c.finish(SeriesInput { rule, first_date: first.unwrap_or_default(), active: !raw.get("active").is_empty(), plan })
}

fn row_of(plan: &Plan, date: NaiveDate, deadlines: (NaiveDate, NaiveDate), now: NaiveDateTime) -> Session {
    let join = |v: &[String]| v.join("\n");
    Session {
        id: uuid::Uuid::now_v7().to_string(),
        series_id: None,
        occurrence: None,
        title_vi: plan.title_vi.clone(),
        title_en: plan.title_en.clone(),
        sectors: plan.sectors.iter().map(|s| s.code()).collect::<Vec<_>>().join("|"),
        session_date: date,
        morning: plan.morning.clone(),
        afternoon: plan.afternoon.clone(),
        slot_minutes: plan.slot_minutes,
        breaks: plan.breaks.clone(),
        venue: plan.venue.clone(),
        map_url: plan.map_url.clone(),
        online_url: plan.online_url.clone(),
        tables: join(&plan.tables),
        online_tables: join(&plan.online_tables),
        registration_deadline: deadline_of(deadlines.0),
        request_deadline: deadline_of(deadlines.1),
        capacity: plan.capacity,
        max_requests: plan.max_requests,
        auto_approve: plan.auto_approve,
        status: SessionStatus::Planned.code().into(),
        created_at: now,
        updated_at: now,
        sequence: 0,
        notified_sequence: -1,
        schedule_report: String::new(),
    }
}

/// The form values of a stored session (to edit it).
pub fn plan_of(v: &View) -> Plan {
    Plan {
        title_vi: v.row.title_vi.clone(),
        title_en: v.row.title_en.clone(),
        sectors: v.sectors.clone(),
        morning: v.row.morning.clone(),
        afternoon: v.row.afternoon.clone(),
        slot_minutes: v.row.slot_minutes,
        breaks: v.row.breaks.clone(),
        venue: v.row.venue.clone(),
        map_url: v.row.map_url.clone(),
        online_url: v.row.online_url.clone(),
        tables: v.tables.clone(),
        online_tables: v.online_tables.clone(),
        capacity: v.row.capacity,
        max_requests: v.row.max_requests,
        auto_approve: v.row.auto_approve,
        ..Plan::default()
    }
}

// ------------------------------------------------------------------------------- staff: sessions

/// Creates a one-off session (status planned).
pub fn create_session(
    conn: &mut AnyConnection,
    by: &User,
    input: &SessionInput,
    now: NaiveDateTime,
) -> anyhow::Result<Session> {
    let row = row_of(&input.plan, input.date, (input.registration_deadline, input.request_deadline), now);
    db::write(conn, |conn| {
        db::sessions::insert_session_if_new(conn, &row)?;
        audit(
            conn,
            Some(by),
            "session.created",
            ("session", &row.id),
            serde_json::json!({ "date": row.session_date }),
        )?;
        Ok(row.clone())
    })
}

/// Saves a session's settings. Moving a generated session to another day keeps its occurrence,
/// so the series never generates that day again. A session held, closed or cancelled is kept as
/// it was. A larger capacity moves the waiting list up.
pub fn update_session(
    conn: &mut AnyConnection,
    env: Env,
    by: &User,
    id: &str,
    input: &SessionInput,
    now: NaiveDateTime,
) -> Outcome<Session> {
    db::write(conn, |conn| {
        let Some(old) = db::sessions::session(conn, id)? else { return Ok(Err(Refused::NotFound)) };
        let status: SessionStatus = old.status.parse().unwrap_or(SessionStatus::Planned);
        if matches!(status, SessionStatus::Held | SessionStatus::Closed | SessionStatus::Cancelled) {
            return Ok(Err(Refused::State("session-frozen")));
        }
        let fresh = row_of(&input.plan, input.date, (input.registration_deadline, input.request_deadline), now);
        // Meetings already placed keep their slot and table: the new programme must still have them.
        let planned = View::of(fresh.clone());
        let (slots, tables) = (planned.slot_count(), schedule::table_count(&planned));
        let placed = db::sessions::meetings(conn, id)?;
        let outside = |i: i32, n: usize| usize::try_from(i).map_or(true, |i| i >= n);
        if placed.iter().any(|m| m.status == "scheduled" && (outside(m.slot, slots) || outside(m.table_index, tables)))
        {
            return Ok(Err(Refused::State("session-slots-in-use")));
        }
        let row = Session {
            id: old.id.clone(),
            series_id: old.series_id.clone(),
            occurrence: old.occurrence,
            status: old.status.clone(),
            created_at: old.created_at,
            // Once invitations are out, a change of day, hours or place is a new version of the
            // session's calendar event (sent with the next updates).
            sequence: old.sequence
                + i32::from(
                    old.notified_sequence >= 0
                        && (old.session_date != fresh.session_date
                            || old.morning != fresh.morning
                            || old.afternoon != fresh.afternoon
                            || old.venue != fresh.venue),
                ),
            notified_sequence: old.notified_sequence,
            schedule_report: old.schedule_report.clone(),
            ..fresh
        };
        db::sessions::update_session(conn, &row)?;
        if row.sequence > old.sequence {
            // Every meeting's time moves with the session's.
            db::sessions::bump_told_meetings(conn, &row.id)?;
        }
        let detail = serde_json::json!({ "date": row.session_date, "moved_from": (old.session_date != row.session_date).then_some(old.session_date) });
        audit(conn, Some(by), "session.updated", ("session", &row.id), detail)?;
        registration::promote(conn, env, &View::of(row.clone()), now)?;
        Ok(Ok(row))
    })
}

/// Moves a session to its next status, or cancels it; every other change is refused. Entering
/// scheduling lapses the requests still unanswered; publishing (once the scheduler has run)
/// emails every participant its agenda; a cancellation is emailed to the representatives of
/// every organisation registered (with calendars cancelling everything once agendas are out).
pub fn transition(
    conn: &mut AnyConnection,
    env: Env,
    by: &User,
    id: &str,
    to: SessionStatus,
    now: NaiveDateTime,
) -> Outcome<Session> {
    db::write(conn, |conn| {
        let Some(row) = db::sessions::session(conn, id)? else { return Ok(Err(Refused::NotFound)) };
        let from: SessionStatus = row.status.parse().unwrap_or(SessionStatus::Planned);
        if !from.allows(to) {
            return Ok(Err(Refused::State("session-illegal-transition")));
        }
        if to == SessionStatus::Published && row.schedule_report.is_empty() {
            return Ok(Err(Refused::State("session-schedule-first")));
        }
        if !db::sessions::set_status(conn, id, from.code(), to.code(), now)? {
            return Ok(Err(Refused::State("session-illegal-transition")));
        }
        let detail = serde_json::json!({ "from": from.code(), "to": to.code() });
        audit(conn, Some(by), "session.status", ("session", id), detail)?;
        let Some(row) = db::sessions::session(conn, id)? else { return Ok(Err(Refused::NotFound)) };
        match to {
            SessionStatus::Scheduling => {
                requests::lapse(conn, id, now)?;
            }
            SessionStatus::Published => {
                agenda::publish(conn, env, &View::of(row.clone()))?;
            }
            SessionStatus::Cancelled if row.notified_sequence >= 0 => {
                agenda::cancel(conn, env, &View::of(row.clone()))?;
            }
            SessionStatus::Cancelled => {
                let view = View::of(row.clone());
                for p in db::sessions::participants(conn, id)? {
                    if p.status.parse().is_ok_and(crate::domain::ParticipantStatus::is_live) {
                        registration::notify(conn, env, &view, &p, "cancelled")?;
                    }
                }
            }
            _ => {}
        }
        Ok(Ok(row))
    })
}

// ------------------------------------------------------------------------------- staff: series

/// Creates a series and generates its next sessions at once.
pub fn create_series(
    conn: &mut AnyConnection,
    by: &User,
    input: &SeriesInput,
    now: NaiveDateTime,
) -> anyhow::Result<Series> {
    let s = Series {
        id: uuid::Uuid::now_v7().to_string(),
        rule: input.rule.clone(),
        first_date: input.first_date,
        plan: serde_json::to_string(&input.plan)?,
        active: input.active,
        created_at: now,
        updated_at: now,
    };
    db::write(conn, |conn| {
        db::sessions::insert_series(conn, &s)?;
        audit(conn, Some(by), "series.created", ("series", &s.id), serde_json::json!({ "rule": s.rule }))?;
        Ok(())
    })?;
    generate(conn, now)?;
    Ok(s)
}

/// Changes a series: sessions already generated keep what they have; later ones follow.
pub fn update_series(
    conn: &mut AnyConnection,
    by: &User,
    id: &str,
    input: &SeriesInput,
    now: NaiveDateTime,
) -> Outcome<Series> {
    let done = db::write(conn, |conn| {
        let Some(old) = db::sessions::series(conn, id)? else { return Ok(Err(Refused::NotFound)) };
        let s = Series {
            rule: input.rule.clone(),
            first_date: input.first_date,
            plan: serde_json::to_string(&input.plan)?,
            active: input.active,
            updated_at: now,
            ..old
        };
        db::sessions::update_series(conn, &s)?;
        audit(
            conn,
            Some(by),
            "series.updated",
            ("series", &s.id),
            serde_json::json!({ "rule": s.rule, "active": s.active }),
        )?;
        Ok(Ok(s))
    })?;
    if done.is_ok() {
        generate(conn, now)?;
    }
    Ok(done)
}

/// The plan a series gives its sessions (the defaults when it cannot be read).
pub fn series_plan(s: &Series) -> Plan {
    serde_json::from_str(&s.plan).unwrap_or_default()
}

/// Keeps [`KEEP_AHEAD`] upcoming sessions (not cancelled) generated for every active series:
/// walks the rule's dates from today, skips the ones that already have their session (moved or
/// cancelled ones included), and inserts the missing ones. The unique occurrence makes several
/// nodes doing it at once insert each session once. Returns how many were created.
pub fn generate(conn: &mut AnyConnection, now: NaiveDateTime) -> anyhow::Result<usize> {
    let today = crate::domain::local_date(now);
    let mut created = 0;
    for s in db::sessions::all_series(conn)?.into_iter().filter(|s| s.active) {
        let Ok(dates) = session::occurrences(&s.rule, s.first_date, today, 24) else {
            tracing::warn!(series = s.id, rule = s.rule, "a series rule no longer parses");
            continue;
        };
        let plan = series_plan(&s);
        created += db::write(conn, |conn| {
            let existing = db::sessions::of_series_from(conn, &s.id, today)?;
            let mut live = existing
                .iter()
                .filter(|x| x.session_date >= today && x.status != SessionStatus::Cancelled.code())
                .count();
            let mut n = 0;
            for d in dates {
                if live >= KEEP_AHEAD {
                    break;
                }
                if existing.iter().any(|x| x.occurrence == Some(d)) {
                    continue;
                }
                let reg = d - TimeDelta::days(i64::from(plan.registration_days));
                let req = d - TimeDelta::days(i64::from(plan.request_days));
                let row =
                    Session { series_id: Some(s.id.clone()), occurrence: Some(d), ..row_of(&plan, d, (reg, req), now) };
                if db::sessions::insert_session_if_new(conn, &row)? {
                    audit(
                        conn,
                        None,
                        "session.generated",
                        ("session", &row.id),
                        serde_json::json!({ "series": s.id, "date": d }),
                    )?;
                    n += 1;
                }
                live += 1;
            }
            Ok(n)
        })?;
    }
    Ok(created)
}

// ------------------------------------------------------------------------------- reading

/// A session with how many organisations registered.
#[derive(Debug, Clone)]
pub struct Listed {
    pub view: View,
    /// Approved participants.
    pub approved: usize,
    /// Waiting for approval or for a place.
    pub waiting: usize,
}

/// Every session with its counts, by date; `upcoming` splits them at `today` (local).
pub fn list(conn: &mut AnyConnection) -> anyhow::Result<Vec<Listed>> {
    let counts = db::sessions::counts(conn)?;
    Ok(db::sessions::sessions(conn)?.into_iter().map(|row| listed_with(&counts, row)).collect())
}

/// One session with its counts.
pub fn listed(conn: &mut AnyConnection, id: &str) -> anyhow::Result<Option<Listed>> {
    let Some(row) = db::sessions::session(conn, id)? else { return Ok(None) };
    let counts = db::sessions::counts(conn)?;
    Ok(Some(listed_with(&counts, row)))
}

fn listed_with(counts: &[(String, String, i64)], row: Session) -> Listed {
    let count = |statuses: &[&str]| -> usize {
        counts
            .iter()
            .filter(|(s, st, _)| *s == row.id && statuses.contains(&st.as_str()))
            .map(|(_, _, n)| *n as usize)
            .sum()
    };
    let (approved, waiting) = (count(&["approved"]), count(&["pending", "waitlisted"]));
    Listed { view: View::of(row), approved, waiting }
}

/// The next session on or after today that is not cancelled and not only planned.
pub fn next(conn: &mut AnyConnection, now: NaiveDateTime) -> anyhow::Result<Option<Listed>> {
    let today = crate::domain::local_date(now);
    Ok(list(conn)?.into_iter().find(|l| {
        l.view.row.session_date >= today && !matches!(l.view.status, SessionStatus::Planned | SessionStatus::Cancelled)
    }))
}

pub fn get(conn: &mut AnyConnection, id: &str) -> anyhow::Result<Option<View>> {
    Ok(db::sessions::session(conn, id)?.map(View::of))
}

/// A participant as public pages and the catalogue show it: its organisation and the listings
/// it brings that are still public.
#[derive(Debug, Clone)]
pub struct Attendee {
    pub participant: db::sessions::Participant,
    pub organisation: crate::domain::Organisation,
    pub listings: Vec<crate::domain::Listing>,
}

/// The listings a participant brings, parsed (`offer:ID|need:ID`).
pub fn brought(p: &db::sessions::Participant) -> Vec<(crate::domain::ListingKind, String)> {
    p.listings
        .split('|')
        .filter_map(|x| x.split_once(':'))
        .filter_map(|(k, id)| Some((k.parse().ok()?, id.to_string())))
        .collect()
}

/// The approved participants of a session with their organisations and public listings, by name.
pub fn attendees(conn: &mut AnyConnection, session: &str, now: NaiveDateTime) -> anyhow::Result<Vec<Attendee>> {
    let mut out = Vec::new();
    for p in db::sessions::participants(conn, session)? {
        if p.status != crate::domain::ParticipantStatus::Approved.code() {
            continue;
        }
        if let Some(a) = attendee(conn, p, now)? {
            out.push(a);
        }
    }
    out.sort_by(|a, b| a.organisation.name.cmp(&b.organisation.name));
    Ok(out)
}

pub(crate) fn attendee(
    conn: &mut AnyConnection,
    p: db::sessions::Participant,
    now: NaiveDateTime,
) -> anyhow::Result<Option<Attendee>> {
    let Ok(org_id) = p.organisation_id.parse() else { return Ok(None) };
    let Some(organisation) = db::organisations::get(conn, org_id)? else { return Ok(None) };
    let mut listings = Vec::new();
    for (kind, id) in brought(&p) {
        if let Some(l) = db::listings::get_public(conn, kind, &id, now)? {
            listings.push(l);
        }
    }
    Ok(Some(Attendee { participant: p, organisation, listings }))
}

/// The organisation's name of every participant of a session, by participant id.
pub fn names(conn: &mut AnyConnection, session: &str) -> anyhow::Result<std::collections::HashMap<String, String>> {
    let mut out = std::collections::HashMap::new();
    for p in db::sessions::participants(conn, session)? {
        let name = org_name(conn, &p)?;
        out.insert(p.id, name);
    }
    Ok(out)
}

/// The name of a participant's organisation (empty if it is gone).
pub(crate) fn org_name(conn: &mut AnyConnection, p: &db::sessions::Participant) -> anyhow::Result<String> {
    let Ok(id) = p.organisation_id.parse() else { return Ok(String::new()) };
    Ok(db::organisations::get(conn, id)?.map(|o| o.name).unwrap_or_default())
}

/// The parsed email of a representative (stored addresses were checked when saved).
pub(crate) fn rep_email(r: &db::sessions::Representative) -> Option<Email> {
    Email::parse(&r.email).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(pairs: &[(&str, &str)]) -> Raw {
        Raw(pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect())
    }

    fn good() -> Vec<(&'static str, &'static str)> {
        vec![
            ("title_vi", "Phiên kết nối tháng 3"),
            ("morning", "08:00-11:30"),
            ("afternoon", ""),
            ("slot_minutes", "30"),
            ("breaks", "09:30-09:45"),
            ("venue", "24 Lý Thường Kiệt, Huế"),
            ("tables", "Bàn 1\nBàn 2"),
            ("capacity", "20"),
            ("max_requests", "5"),
            ("session_date", "2027-03-09"),
            ("registration_deadline", "2027-03-02"),
            ("request_deadline", "2027-03-05"),
        ]
    }

    #[test]
    fn a_session_form_parses_and_its_mistakes_are_named() {
        let s = parse_session(&raw(&good())).unwrap();
        assert_eq!(s.plan.tables, ["Bàn 1", "Bàn 2"]);
        assert_eq!(deadline_date(deadline_of(s.registration_deadline)), s.registration_deadline);
        let mut bad = good();
        bad.retain(|(k, _)| !matches!(*k, "morning" | "venue" | "request_deadline"));
        bad.push(("tables", "Bàn 1\nBàn 1"));
        bad.push(("request_deadline", "2027-03-10"));
        bad.push(("title_en", "Line\u{7}"));
        let fields: Vec<&str> = parse_session(&raw(&bad)).unwrap_err().iter().map(|e| e.field).collect();
        for f in ["morning", "venue", "request_deadline", "title_en"] {
            assert!(fields.contains(&f), "{f} in {fields:?}");
        }
    }

    #[test]
    fn a_series_form_checks_its_rule() {
        let mut r = good();
        r.extend([
            ("rule", "FREQ=DAILY"),
            ("first_date", "2027-01-12"),
            ("registration_days", "7"),
            ("request_days", "2"),
        ]);
        let e = parse_series(&raw(&r)).unwrap_err();
        assert_eq!(e[0].field, "rule");
        let mut r = good();
        r.extend([("rule", "rrule:freq=monthly;interval=2;byday=2tu"), ("first_date", "2027-01-12")]);
        r.extend([("registration_days", "7"), ("request_days", "2"), ("active", "on")]);
        let s = parse_series(&raw(&r)).unwrap();
        assert_eq!(s.rule, "FREQ=MONTHLY;INTERVAL=2;BYDAY=2TU");
        assert!(s.active);
    }
}
