//! Schedules and agendas on the site. Staff: the schedule of a session (run the scheduler, the
//! grid of slots × tables, each participant's load and idle time, the pairs left out and why,
//! move / lock / cancel one meeting), the updates waiting to be sent and to whom, the reminder
//! of those who have not confirmed, and the printable sheets of every table. Representatives:
//! the agenda behind their signed link (no sign-in), its calendar, its QR code for the door,
//! and the buttons that confirm or decline it.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use askama_web::WebTemplate;
use serde::Deserialize;

use super::panel::{DoneQuery, Panel, see_other};
use crate::catalogue::key_of;
use crate::db::sessions::Meeting;
use crate::error::AppError;
use crate::services::listings::Refused;
use crate::services::sessions::{self, agenda, schedule};
use crate::state::AppState;
use crate::web::auth;
use crate::web::forms::Form;
use crate::web::i18n::Ctx;

fn notice(ctx: &Ctx, done: &str) -> Option<String> {
    super::panel::done_notice(ctx, &key_of("agenda-done", done))
}

fn refused(ctx: &Ctx, r: Refused, back: &str) -> Result<HttpResponse, AppError> {
    super::sessions::refused(ctx, r, back, None)
}

/// A meeting in the grid.
pub struct Cell {
    pub a: String,
    pub b: String,
    pub locked: bool,
}

/// A row of the grid: a slot's time and a cell per table.
pub struct GridRow {
    pub time: String,
    pub cells: Vec<Option<Cell>>,
}

/// A meeting in the list, with its forms.
pub struct MeetingRow {
    pub time: String,
    pub table: String,
    pub a: String,
    pub b: String,
    pub locked: bool,
    pub status: String,
    pub forms: Vec<Form>,
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/sessions/schedule.html")]
pub struct SchedulePage {
    ctx: Ctx,
    id: String,
    title: String,
    status: String,
    can_run: bool,
    published: bool,
    report: Option<String>,
    tables: Vec<String>,
    grid: Vec<GridRow>,
    meetings: Vec<MeetingRow>,
    loads: Vec<(String, i64, i64)>,
    unplaced: Vec<(String, String, String)>,
    unconfirmed: Vec<String>,
    pending: usize,
    notice: Option<String>,
    run_form: Form,
    remind_form: Option<Form>,
}

/// The staff's schedule of a session.
pub async fn schedule_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    q: web::Query<DoneQuery>,
) -> Result<HttpResponse, AppError> {
    let ctx = Ctx::from_request(&req);
    let id = id.into_inner();
    let i = id.clone();
    let (v, meetings, names, pairs, unconfirmed, pending) = state
        .db
        .run(move |c| {
            let Some(v) = sessions::get(c, &i)? else { return Ok(None) };
            let meetings = crate::db::sessions::meetings(c, &i)?;
            let names = sessions::names(c, &i)?;
            let pairs = crate::db::sessions::requests(c, &i)?;
            let unconfirmed = agenda::unconfirmed(c, &i)?;
            let pending =
                if v.status == crate::domain::SessionStatus::Published { agenda::pending(c, &v)?.len() } else { 0 };
            Ok(Some((v, meetings, names, pairs, unconfirmed, pending)))
        })
        .await?
        .ok_or(AppError::NotFound)?;
    let name = |p: &str| names.get(p).cloned().unwrap_or_default();
    let tables: Vec<String> = v.tables.iter().chain(&v.online_tables).cloned().collect();
    let scheduled: Vec<&Meeting> = meetings.iter().filter(|m| m.status == "scheduled").collect();
    let grid = (0..v.slot_count() as i32)
        .map(|s| GridRow {
            time: v.slot_label(s),
            cells: (0..tables.len() as i32)
                .map(|t| {
                    scheduled.iter().find(|m| m.slot == s && m.table_index == t).map(|m| Cell {
                        a: name(&m.participant_a),
                        b: name(&m.participant_b),
                        locked: m.locked,
                    })
                })
                .collect(),
        })
        .collect();
    let can_run =
        matches!(v.status, crate::domain::SessionStatus::Scheduling | crate::domain::SessionStatus::Published);
    let slot_options: Vec<(String, String)> =
        (0..v.slot_count() as i32).map(|s| (s.to_string(), v.slot_label(s))).collect();
    let table_options: Vec<(String, String)> =
        tables.iter().enumerate().map(|(i, t)| (i.to_string(), t.clone())).collect();
    let meeting_rows = meetings
        .iter()
        .filter(|m| m.status == "scheduled" || m.notified_sequence >= 0)
        .map(|m| {
            let action = format!("/staff/sessions/{id}/meetings/{}", m.id);
            let mut forms = Vec::new();
            if can_run && m.status == "scheduled" {
                forms.push(
                    Form::new(&ctx, "move", action.clone(), "agenda-move")
                        .field(&ctx, "action", "hidden", "", "move")
                        .field(&ctx, "slot", "select", "agenda-slot", &m.slot.to_string())
                        .options(slot_options.clone())
                        .field(&ctx, "table", "select", "agenda-table", &m.table_index.to_string())
                        .options(table_options.clone()),
                );
                let (what, key) = if m.locked { ("unlock", "agenda-unlock") } else { ("lock", "agenda-lock") };
                forms.push(Form::new(&ctx, "lock", action.clone(), key).field(&ctx, "action", "hidden", "", what));
                forms.push(
                    Form::new(&ctx, "cancel", action, "agenda-cancel")
                        .field(&ctx, "action", "hidden", "", "cancel")
                        .danger(),
                );
            }
            let declined = m.answer_a == "declined" || m.answer_b == "declined";
            MeetingRow {
                time: v.slot_label(m.slot),
                table: schedule::table_name(&v, m.table_index),
                a: name(&m.participant_a),
                b: name(&m.participant_b),
                locked: m.locked,
                status: ctx.t(if declined {
                    "agenda-status-declined"
                } else if m.status == "scheduled" {
                    "agenda-status-scheduled"
                } else {
                    "agenda-status-cancelled"
                }),
                forms,
            }
        })
        .collect();
    let report = schedule::report(&v).map(|r| {
        ctx.t2(
            "agenda-report",
            "meetings",
            format!("{} / {}", r.meetings, r.pairs).as_str(),
            "weight",
            format!("{:.2} / {:.2}{}", r.total_weight, r.upper_bound, if r.optimal { " ✓" } else { "" }).as_str(),
        ) + " "
            + &ctx.t2("agenda-report-idle", "idle", r.idle_gaps as i64, "kept", r.kept as i64)
    });
    let unplaced = schedule::report(&v)
        .map(|r| {
            r.unplaced
                .iter()
                .filter_map(|(pid, why)| {
                    let p = pairs.iter().find(|p| &p.id == pid)?;
                    Some((
                        name(&p.from_participant),
                        name(&p.to_participant),
                        ctx.t(&key_of("agenda-unplaced", why.code())),
                    ))
                })
                .collect()
        })
        .unwrap_or_default();
    let page = SchedulePage {
        title: format!("{} — {}", v.title(ctx.locale), ctx.date(v.row.session_date)),
        status: v.status.label(ctx.locale),
        published: v.status == crate::domain::SessionStatus::Published,
        report,
        grid,
        tables,
        meetings: meeting_rows,
        loads: schedule::loads(&v, &meetings)
            .into_iter()
            .map(|l| (name(&l.participant), l.meetings as i64, l.idle as i64))
            .collect(),
        unplaced,
        unconfirmed: if v.status == crate::domain::SessionStatus::Published {
            unconfirmed.iter().map(|p| name(&p.id)).collect()
        } else {
            Vec::new()
        },
        pending,
        notice: notice(&ctx, &q.done),
        run_form: Form::new(&ctx, "run", format!("/staff/sessions/{id}/schedule"), "agenda-run"),
        remind_form: (v.status == crate::domain::SessionStatus::Published && !unconfirmed.is_empty())
            .then(|| Form::new(&ctx, "remind", format!("/staff/sessions/{id}/remind"), "agenda-remind")),
        can_run,
        id,
        ctx,
    };
    super::panel::private_page(&page)
}

pub async fn run(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    let ctx = Ctx::from_request(&req);
    let (id, now) = (id.into_inner(), state.clock.now());
    let i = id.clone();
    match state.db.run(move |c| schedule::run(c, Some(&me.user), &i, now)).await? {
        Ok(_) => Ok(see_other(&format!("/staff/sessions/{id}/schedule?done=scheduled"))),
        Err(r) => refused(&ctx, r, &format!("/staff/sessions/{id}/schedule")),
    }
}

#[derive(Debug, Deserialize)]
pub struct MeetingForm {
    #[serde(default)]
    action: String,
    #[serde(default)]
    slot: String,
    #[serde(default)]
    table: String,
}

pub async fn change_meeting(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    form: web::Form<MeetingForm>,
) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    let ctx = Ctx::from_request(&req);
    let number = |name: &str, v: &str| {
        v.trim().parse::<i32>().map_err(|_| AppError::bad_param(name, ctx.t("agenda-bad-number")))
    };
    let change = match form.action.as_str() {
        "move" => schedule::Change::Move { slot: number("slot", &form.slot)?, table: number("table", &form.table)? },
        "lock" => schedule::Change::Lock(true),
        "unlock" => schedule::Change::Lock(false),
        "cancel" => schedule::Change::Cancel,
        _ => return Err(AppError::bad_param("action", ctx.t("session-bad-decision"))),
    };
    let ((id, mid), now) = (path.into_inner(), state.clock.now());
    match state.db.run(move |c| schedule::change(c, &me.user, &mid, change, now)).await? {
        Ok(_) => Ok(see_other(&format!("/staff/sessions/{id}/schedule?done=changed"))),
        Err(r) => refused(&ctx, r, &format!("/staff/sessions/{id}/schedule")),
    }
}

/// What the next update would send, to whom; the button sends it (or, before publication,
/// publishes).
pub async fn updates_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let ctx = Ctx::from_request(&req);
    let id = id.into_inner();
    let i = id.clone();
    let (v, pending, names) = state
        .db
        .run(move |c| {
            let Some(v) = sessions::get(c, &i)? else { return Ok(None) };
            let pending = agenda::pending(c, &v)?;
            let mut reps = Vec::new();
            for (p, ms) in pending {
                let r = crate::db::sessions::representatives(c, std::slice::from_ref(&p.id))?;
                reps.push((p, ms, r));
            }
            Ok(Some((v, reps, sessions::names(c, &i)?)))
        })
        .await?
        .ok_or(AppError::NotFound)?;
    let first = v.row.notified_sequence < 0;
    let mut p = Panel::new(&ctx, if first { "agenda-publish-title" } else { "agenda-updates-title" });
    p = p.lead(ctx.t1("agenda-updates-lead", "count", pending.len() as i64));
    p.table = Some(super::panel::Table {
        caption: ctx.t("agenda-updates-recipients"),
        headers: ["session-col-organisation", "session-col-representatives", "agenda-updates-changed"]
            .iter()
            .map(|k| ctx.t(k))
            .collect(),
        rows: pending
            .iter()
            .map(|(part, ms, reps)| super::panel::Row {
                cells: vec![
                    super::panel::Cell::text(names.get(&part.id).cloned().unwrap_or_default()),
                    super::panel::Cell::text(
                        reps.iter().map(|r| format!("{} <{}>", r.name, r.email)).collect::<Vec<_>>().join(", "),
                    ),
                    super::panel::Cell::text(
                        ms.iter()
                            .map(|m| {
                                let state = ctx.t(if m.status == "scheduled" {
                                    "agenda-status-scheduled"
                                } else {
                                    "agenda-status-cancelled"
                                });
                                format!(
                                    "{} · {} ({state})",
                                    v.slot_label(m.slot),
                                    schedule::table_name(&v, m.table_index)
                                )
                            })
                            .collect::<Vec<_>>()
                            .join("; "),
                    ),
                ],
                actions: Vec::new(),
            })
            .collect(),
    });
    if first && v.status == crate::domain::SessionStatus::Scheduling {
        let f = Form::new(&ctx, "publish", format!("/staff/sessions/{id}/status"), "agenda-publish").field(
            &ctx,
            "to",
            "hidden",
            "",
            "published",
        );
        p = p.form(f);
    } else if !first && !pending.is_empty() {
        p = p.form(Form::new(&ctx, "send", format!("/staff/sessions/{id}/updates"), "agenda-send"));
    }
    p.link(format!("/staff/sessions/{id}/schedule"), "agenda-schedule-title").ok()
}

pub async fn send_updates(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    let ctx = Ctx::from_request(&req);
    let (id, st) = (id.into_inner(), state.clone());
    let i = id.clone();
    match state.db.run(move |c| agenda::send_updates(c, st.env(), &me.user, &i)).await? {
        Ok(_) => Ok(see_other(&format!("/staff/sessions/{id}/schedule?done=sent"))),
        Err(r) => refused(&ctx, r, &format!("/staff/sessions/{id}/schedule")),
    }
}

pub async fn remind(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    let ctx = Ctx::from_request(&req);
    let (id, st) = (id.into_inner(), state.clone());
    let i = id.clone();
    match state.db.run(move |c| agenda::remind_unconfirmed(c, st.env(), &me.user, &i)).await? {
        Ok(_) => Ok(see_other(&format!("/staff/sessions/{id}/schedule?done=reminded"))),
        Err(r) => refused(&ctx, r, &format!("/staff/sessions/{id}/schedule")),
    }
}

/// One table's sheet.
pub struct Sheet {
    pub table: String,
    pub rows: Vec<(String, String, String)>,
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/sessions/tables.html")]
pub struct TablesPage {
    ctx: Ctx,
    title: String,
    date: String,
    sheets: Vec<Sheet>,
}

/// The printable sheets: one page per table with its meetings.
pub async fn tables(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<TablesPage, AppError> {
    let ctx = Ctx::from_request(&req);
    let id = id.into_inner();
    let (v, meetings, names) = state
        .db
        .run(move |c| {
            let Some(v) = sessions::get(c, &id)? else { return Ok(None) };
            Ok(Some((v, crate::db::sessions::meetings(c, &id)?, sessions::names(c, &id)?)))
        })
        .await?
        .ok_or(AppError::NotFound)?;
    let name = |p: &str| names.get(p).cloned().unwrap_or_default();
    let all: Vec<String> = v.tables.iter().chain(&v.online_tables).cloned().collect();
    let sheets = all
        .iter()
        .enumerate()
        .map(|(t, table)| Sheet {
            table: table.clone(),
            rows: meetings
                .iter()
                .filter(|m| m.status == "scheduled" && m.table_index == t as i32)
                .map(|m| (v.slot_label(m.slot), name(&m.participant_a), name(&m.participant_b)))
                .collect(),
        })
        .filter(|s| !s.rows.is_empty())
        .collect();
    Ok(TablesPage { title: v.title(ctx.locale).to_string(), date: ctx.date(v.row.session_date), sheets, ctx })
}

// ------------------------------------------------------------------------------- the agenda link

#[derive(Debug, Deserialize)]
pub struct TokenQuery {
    #[serde(default)]
    token: String,
    #[serde(default)]
    done: String,
}

/// A meeting of the agenda page.
pub struct ItemView {
    pub time: String,
    pub table: String,
    pub other: String,
    pub other_href: String,
    pub listings: Vec<(String, String)>,
    pub contact: Option<crate::domain::Contact>,
    pub cancelled: bool,
    pub answer: String,
    pub forms: Vec<Form>,
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/sessions/agenda.html")]
pub struct AgendaPage {
    ctx: Ctx,
    title: String,
    date: String,
    venue: String,
    online_url: String,
    organisation: String,
    items: Vec<ItemView>,
    confirmed: bool,
    calendar: String,
    qr: String,
    all_forms: Vec<Form>,
    notice: Option<String>,
}

fn answer_form(ctx: &Ctx, token: &str, what: &str, confirm: bool) -> Form {
    let f = Form::new(
        ctx,
        if confirm { "confirm" } else { "decline" },
        "/agenda",
        if what == "all" {
            if confirm { "agenda-confirm-all" } else { "agenda-decline-all" }
        } else if confirm {
            "agenda-confirm-one"
        } else {
            "agenda-decline-one"
        },
    )
    .field(ctx, "token", "hidden", "", token)
    .field(ctx, "what", "hidden", "", what)
    .field(ctx, "decision", "hidden", "", if confirm { "confirm" } else { "decline" });
    if confirm { f } else { f.danger() }
}

/// The QR code of an address, as inline SVG (no script, no image request).
fn qr_svg(url: &str) -> String {
    match qrcode::QrCode::new(url.as_bytes()) {
        Ok(code) => {
            let svg = code.render::<qrcode::render::svg::Color>().min_dimensions(200, 200).build();
            svg.split_once("?>").map_or(svg.clone(), |(_, rest)| rest.trim().to_string())
        }
        Err(_) => String::new(),
    }
}

/// The agenda behind a representative's link: nothing changes until a button is pressed.
pub async fn agenda_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    q: web::Query<TokenQuery>,
) -> Result<HttpResponse, AppError> {
    let ctx = Ctx::from_request(&req);
    let (st, q) = (state.clone(), q.into_inner());
    let token = q.token.clone();
    let now = state.clock.now();
    let opened = state
        .db
        .run(move |c| {
            let env = st.env();
            let o = match agenda::open(c, env, &token)? {
                Ok(o) => o,
                Err(e) => return Ok(Err(e)),
            };
            let items = agenda::items(c, &o.view, &o.participant, now)?;
            let org = sessions::org_name(c, &o.participant)?;
            let check_in = agenda::check_in_link(env, &o.view, &o.participant);
            Ok(Ok((o, items, org, check_in)))
        })
        .await?;
    let (o, items, org, check_in) = match opened {
        Ok(x) => x,
        Err(e) => {
            return Panel::new(&ctx, "agenda-link-failed")
                .lead(super::account::link_error_text(&ctx, e))
                .respond(StatusCode::BAD_REQUEST, None);
        }
    };
    let open = o.view.status == crate::domain::SessionStatus::Published;
    let views = items
        .iter()
        .map(|i| ItemView {
            time: crate::domain::local_span(i.start, i.end),
            table: i.table.clone(),
            other: i.other.organisation.name.clone(),
            other_href: format!("/organisations/{}", i.other.organisation.id),
            listings: i
                .other
                .listings
                .iter()
                .map(|l| {
                    (
                        l.title_for(ctx.locale).to_string(),
                        format!("/{}/{}", crate::services::listings::input::plural(l.kind()), l.id()),
                    )
                })
                .collect(),
            contact: i.contact.clone(),
            cancelled: i.cancelled(),
            answer: match i.mine.as_str() {
                "confirmed" => ctx.t("agenda-answer-confirmed"),
                "declined" => ctx.t("agenda-answer-declined"),
                _ => String::new(),
            },
            forms: if open && !i.cancelled() && i.mine.is_empty() {
                vec![
                    answer_form(&ctx, &q.token, &i.meeting.id, true),
                    answer_form(&ctx, &q.token, &i.meeting.id, false),
                ]
            } else {
                Vec::new()
            },
        })
        .collect();
    let confirmed = o.participant.confirmed_at.is_some();
    let page = AgendaPage {
        title: o.view.title(ctx.locale).to_string(),
        date: ctx.date(o.view.row.session_date),
        venue: o.view.row.venue.clone(),
        online_url: o.view.row.online_url.clone(),
        organisation: org,
        items: views,
        confirmed,
        calendar: format!("/agenda/calendar.ics?token={}", q.token),
        qr: qr_svg(&check_in),
        all_forms: if open && !confirmed && !items.is_empty() {
            vec![answer_form(&ctx, &q.token, "all", true), answer_form(&ctx, &q.token, "all", false)]
        } else {
            Vec::new()
        },
        notice: super::panel::done_notice(&ctx, &key_of("agenda-done", &q.done)),
        ctx,
    };
    let html = page.render().map_err(|e| AppError::Internal(e.into()))?;
    Ok(HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header(("cache-control", "no-store"))
        .insert_header(("referrer-policy", "no-referrer"))
        .body(html))
}

#[derive(Debug, Deserialize)]
pub struct AnswerForm {
    #[serde(default)]
    token: String,
    #[serde(default)]
    what: String,
    #[serde(default)]
    decision: String,
}

/// A confirmation or a decline from the agenda page.
pub async fn answer(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<AnswerForm>,
) -> Result<HttpResponse, AppError> {
    let ctx = Ctx::from_request(&req);
    let confirm = match form.decision.as_str() {
        "confirm" => true,
        "decline" => false,
        _ => return Err(AppError::bad_param("decision", ctx.t("session-bad-decision"))),
    };
    let f = form.into_inner();
    let a = if f.what == "all" { agenda::Answer::All(confirm) } else { agenda::Answer::One(f.what.clone(), confirm) };
    let (st, token) = (state.clone(), f.token.clone());
    match state.db.run(move |c| agenda::answer(c, st.env(), &token, &a)).await? {
        Ok(_) => {
            let done = if confirm { "confirmed" } else { "declined" };
            let token = url::form_urlencoded::byte_serialize(f.token.as_bytes()).collect::<String>();
            Ok(see_other(&format!("/agenda?token={token}&done={done}")))
        }
        Err(Refused::State(key)) => {
            Panel::new(&ctx, "agenda-link-failed").lead(ctx.t(key)).respond(StatusCode::BAD_REQUEST, None)
        }
        Err(r) => refused(&ctx, r, "/"),
    }
}

/// The agenda's calendar file (`METHOD:PUBLISH`).
pub async fn calendar(
    req: HttpRequest,
    state: web::Data<AppState>,
    q: web::Query<TokenQuery>,
) -> Result<HttpResponse, AppError> {
    let ctx = Ctx::from_request(&req);
    let (st, token, now) = (state.clone(), q.into_inner().token, state.clock.now());
    let locale = ctx.locale;
    let ics = state
        .db
        .run(move |c| {
            let env = st.env();
            let o = match agenda::open(c, env, &token)? {
                Ok(o) => o,
                Err(e) => return Ok(Err(e)),
            };
            let items = agenda::items(c, &o.view, &o.participant, now)?;
            Ok(Ok(agenda::agenda_calendar(
                env,
                &o.view,
                &items,
                locale,
                o.view.status == crate::domain::SessionStatus::Cancelled,
            )))
        })
        .await?;
    match ics {
        Ok(ics) => Ok(HttpResponse::Ok()
            .content_type("text/calendar; method=PUBLISH; charset=utf-8")
            .insert_header(("content-disposition", "attachment; filename=\"agenda.ics\""))
            .insert_header(("cache-control", "no-store"))
            .body(ics)),
        Err(e) => Panel::new(&ctx, "agenda-link-failed")
            .lead(super::account::link_error_text(&ctx, e))
            .respond(StatusCode::BAD_REQUEST, None),
    }
}
