//! The session day and its aftermath on the site. Staff: the door (find a representative by
//! name or organisation and mark the arrival; register a walk-in), the check-in address of an
//! agenda's QR code, each meeting's attendance and the refill of freed tables, the session's
//! report (page, CSV, XLSX) and the report of a date range. Participants: the feedback and
//! follow-up pages behind their signed links, and the attendance of their own meetings.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use askama_web::WebTemplate;
use serde::Deserialize;

use super::panel::{Cell, Panel, Row, Table, download, private_page, see_other};
use super::sessions::refused;
use crate::catalogue::key_of;
use crate::domain::SessionStatus;
use crate::error::AppError;
use crate::services::listings::Refused;
use crate::services::sessions::{self, day, outcomes, report};
use crate::state::AppState;
use crate::web::auth;
use crate::web::forms::Form;
use crate::web::i18n::Ctx;

#[derive(Debug, Deserialize)]
pub struct DoorQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    done: String,
}

fn notice(ctx: &Ctx, done: &str) -> Option<String> {
    super::panel::done_notice(ctx, &key_of("day-done", done))
}

/// One organisation at the door.
pub struct Arrival {
    pub name: String,
    pub people: String,
    pub arrived: Option<String>,
    pub form: Option<Form>,
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/sessions/door.html")]
pub struct DoorPage {
    ctx: Ctx,
    id: String,
    title: String,
    q: String,
    arrived: usize,
    total: usize,
    people: Vec<Arrival>,
    walk_in: Option<Form>,
    notice: Option<String>,
}

/// The door: find an organisation or a person, mark the arrival; register a walk-in.
pub async fn door(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    q: web::Query<DoorQuery>,
) -> Result<HttpResponse, AppError> {
    let ctx = Ctx::from_request(&req);
    let (id, q) = (id.into_inner(), q.into_inner());
    let (i, text) = (id.clone(), q.q.clone());
    let (v, found, everyone, orgs) = state
        .db
        .run(move |c| {
            let Some(v) = sessions::get(c, &i)? else { return Ok(None) };
            let found = day::find(c, &i, &text)?;
            let everyone = day::find(c, &i, "")?;
            let orgs = crate::db::organisations::list(c)?;
            Ok(Some((v, found, everyone, orgs)))
        })
        .await?
        .ok_or(AppError::NotFound)?;
    let open = matches!(v.status, SessionStatus::Published | SessionStatus::Held);
    let here: std::collections::HashSet<String> = everyone.iter().map(|(p, _, _)| p.organisation_id.clone()).collect();
    let back = url::form_urlencoded::byte_serialize(q.q.as_bytes()).collect::<String>();
    let people = found
        .iter()
        .map(|(p, name, reps)| Arrival {
            name: name.clone(),
            people: reps.iter().map(|r| r.name.clone()).collect::<Vec<_>>().join(", "),
            arrived: p.arrived_at.map(|t| ctx.when(t)),
            form: (open && p.arrived_at.is_none()).then(|| {
                Form::new(&ctx, "arrive", format!("/staff/sessions/{id}/arrivals/{}?q={back}", p.id), "day-arrived")
            }),
        })
        .collect();
    let walk_in = open.then(|| {
        let options: Vec<(String, String)> = orgs
            .iter()
            .filter(|o| !here.contains(&o.id.to_string()))
            .map(|o| (o.id.to_string(), o.name.clone()))
            .collect();
        Form::new(&ctx, "walk-in", format!("/staff/sessions/{id}/walk-in"), "day-walk-in")
            .titled(&ctx, "day-walk-in-title")
            .field(&ctx, "organisation", "select", "session-col-organisation", "")
            .options(options)
            .field(&ctx, "name", "text", "session-field-rep-name", "")
            .required()
            .field(&ctx, "email", "email", "session-field-rep-email", "")
            .required()
    });
    private_page(&DoorPage {
        title: v.title(ctx.locale).to_string(),
        arrived: everyone.iter().filter(|(p, _, _)| p.arrived_at.is_some()).count(),
        total: everyone.len(),
        q: q.q,
        people,
        walk_in,
        notice: notice(&ctx, &q.done),
        id,
        ctx,
    })
}

#[derive(Debug, Deserialize)]
pub struct BackQuery {
    #[serde(default)]
    q: String,
}

pub async fn arrive(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    back: web::Query<BackQuery>,
) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    let ctx = Ctx::from_request(&req);
    let ((id, pid), now) = (path.into_inner(), state.clock.now());
    let q = url::form_urlencoded::byte_serialize(back.q.as_bytes()).collect::<String>();
    match state.db.run(move |c| day::check_in(c, &me.user, &pid, now)).await? {
        Ok(_) => Ok(see_other(&format!("/staff/sessions/{id}/door?q={q}&done=arrived"))),
        Err(r) => refused(&ctx, r, &format!("/staff/sessions/{id}/door"), None),
    }
}

#[derive(Debug, Deserialize)]
pub struct WalkInForm {
    #[serde(default)]
    organisation: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
}

pub async fn walk_in(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    form: web::Form<WalkInForm>,
) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    let ctx = Ctx::from_request(&req);
    let org = form.organisation.parse().map_err(|_| AppError::bad_param("organisation", ctx.t("err-choice")))?;
    let (id, now, f) = (id.into_inner(), state.clock.now(), form.into_inner());
    let i = id.clone();
    match state.db.run(move |c| day::walk_in(c, &me.user, &i, org, (&f.name, &f.email), now)).await? {
        Ok(_) => Ok(see_other(&format!("/staff/sessions/{id}/door?done=walk_in"))),
        Err(r) => refused(&ctx, r, &format!("/staff/sessions/{id}/door"), None),
    }
}

#[derive(Debug, Deserialize)]
pub struct TokenQuery {
    #[serde(default)]
    token: String,
}

/// The check-in address of an agenda's QR code, opened by a staff member's phone: who it is,
/// and the button that marks the arrival.
pub async fn check_in_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    q: web::Query<TokenQuery>,
) -> Result<HttpResponse, AppError> {
    let ctx = Ctx::from_request(&req);
    let (st, token) = (state.clone(), q.into_inner().token);
    let t = token.clone();
    let found = state
        .db
        .run(move |c| {
            let p = match day::by_token(c, st.env(), &t)? {
                Ok(p) => p,
                Err(e) => return Ok(Err(e)),
            };
            let name = sessions::org_name(c, &p)?;
            let reps = crate::db::sessions::representatives(c, std::slice::from_ref(&p.id))?;
            Ok(Ok((p, name, reps)))
        })
        .await?;
    let (p, name, reps) = match found {
        Ok(x) => x,
        Err(e) => {
            return Panel::new(&ctx, "day-check-in-title")
                .lead(super::account::link_error_text(&ctx, e))
                .respond(StatusCode::BAD_REQUEST, None);
        }
    };
    let mut page = Panel::new(&ctx, "day-check-in-title")
        .lead(name)
        .lead(reps.iter().map(|r| r.name.clone()).collect::<Vec<_>>().join(", "));
    page = match p.arrived_at {
        Some(t) => page.notice(ctx.t1("day-arrived-at", "when", ctx.when(t).as_str())),
        None => page
            .form(Form::new(&ctx, "check-in", "/check-in", "day-arrived").field(&ctx, "token", "hidden", "", &token)),
    };
    page.link(format!("/staff/sessions/{}/door", p.session_id), "day-door-title").ok()
}

#[derive(Debug, Deserialize)]
pub struct TokenForm {
    #[serde(default)]
    token: String,
}

pub async fn check_in(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<TokenForm>,
) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    let ctx = Ctx::from_request(&req);
    let (st, token, now) = (state.clone(), form.into_inner().token, state.clock.now());
    let done = state
        .db
        .run(move |c| match day::by_token(c, st.env(), &token)? {
            Ok(p) => day::check_in(c, &me.user, &p.id, now),
            Err(_) => Ok(Err(Refused::State("link-invalid"))),
        })
        .await?;
    match done {
        Ok(p) => Ok(see_other(&format!("/staff/sessions/{}/door?done=arrived", p.session_id))),
        Err(r) => refused(&ctx, r, "/staff/sessions", None),
    }
}

/// The day's meetings by slot with their attendance, and the refill of freed tables.
pub async fn day_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    q: web::Query<DoorQuery>,
) -> Result<HttpResponse, AppError> {
    let ctx = Ctx::from_request(&req);
    let id = id.into_inner();
    let i = id.clone();
    let (v, meetings, names) = state
        .db
        .run(move |c| {
            let Some(v) = sessions::get(c, &i)? else { return Ok(None) };
            let meetings = crate::db::sessions::meetings(c, &i)?;
            let names = sessions::names(c, &i)?;
            Ok(Some((v, meetings, names)))
        })
        .await?
        .ok_or(AppError::NotFound)?;
    let open = matches!(v.status, SessionStatus::Published | SessionStatus::Held);
    let name = |p: &str| names.get(p).cloned().unwrap_or_default();
    let mark = |mid: &str, what: &str, key: &str| {
        Form::new(&ctx, "attendance", format!("/staff/sessions/{id}/meetings/{mid}/attendance"), key).field(
            &ctx,
            "attendance",
            "hidden",
            "",
            what,
        )
    };
    let mut p =
        Panel::new(&ctx, "day-title").lead(format!("{} — {}", v.title(ctx.locale), ctx.date(v.row.session_date)));
    if let Some(n) = notice(&ctx, &q.done) {
        p = p.notice(n);
    }
    p.table = Some(Table {
        caption: ctx.t("agenda-meetings"),
        headers: ["agenda-slot", "agenda-table", "session-col-a", "session-col-b", "day-attendance"]
            .iter()
            .map(|k| ctx.t(k))
            .collect(),
        rows: meetings
            .iter()
            .filter(|m| m.status == "scheduled")
            .map(|m| Row {
                cells: vec![
                    Cell::text(v.slot_label(m.slot)),
                    Cell::text(sessions::schedule::table_name(&v, m.table_index)),
                    Cell::text(name(&m.participant_a)),
                    Cell::text(name(&m.participant_b)),
                    Cell::text(if m.attendance.is_empty() {
                        "—".to_string()
                    } else {
                        ctx.t(&key_of("day-attendance", &m.attendance))
                    }),
                ],
                actions: if open {
                    vec![
                        mark(&m.id, "held", "day-mark-held"),
                        mark(&m.id, "no_show", "day-mark-no-show").danger(),
                        mark(&m.id, "moved", "day-mark-moved"),
                    ]
                } else {
                    Vec::new()
                },
            })
            .collect(),
    });
    if open {
        p = p.form(
            Form::new(&ctx, "refill", format!("/staff/sessions/{id}/refill"), "day-refill")
                .titled(&ctx, "day-refill-title"),
        );
    }
    p.link(format!("/staff/sessions/{id}/door"), "day-door-title")
        .link(format!("/staff/sessions/{id}/report"), "report-title")
        .ok()
}

#[derive(Debug, Deserialize)]
pub struct AttendanceForm {
    #[serde(default)]
    attendance: String,
}

async fn mark(
    req: &HttpRequest,
    state: &AppState,
    mid: String,
    form: &AttendanceForm,
) -> Result<Result<(), Refused>, AppError> {
    let me = auth::require(req)?;
    let ctx = Ctx::from_request(req);
    let what = day::Attendance::parse(&form.attendance)
        .ok_or_else(|| AppError::bad_param("attendance", ctx.t("err-choice")))?;
    let now = state.clock.now();
    Ok(state.db.run(move |c| day::attendance(c, &me.user, &mid, what, now)).await?.map(|_| ()))
}

pub async fn staff_attendance(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    form: web::Form<AttendanceForm>,
) -> Result<HttpResponse, AppError> {
    let ctx = Ctx::from_request(&req);
    let (id, mid) = path.into_inner();
    match mark(&req, &state, mid, &form).await? {
        Ok(()) => Ok(see_other(&format!("/staff/sessions/{id}/day?done=marked"))),
        Err(r) => refused(&ctx, r, &format!("/staff/sessions/{id}/day"), None),
    }
}

pub async fn member_attendance(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    form: web::Form<AttendanceForm>,
) -> Result<HttpResponse, AppError> {
    let ctx = Ctx::from_request(&req);
    let (id, mid) = path.into_inner();
    match mark(&req, &state, mid, &form).await? {
        Ok(()) => Ok(see_other(&format!("/sessions/{id}/meetings?done=marked"))),
        Err(r) => refused(&ctx, r, &format!("/sessions/{id}/meetings"), None),
    }
}

pub async fn refill(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    let ctx = Ctx::from_request(&req);
    let (id, now) = (id.into_inner(), state.clock.now());
    let i = id.clone();
    match state.db.run(move |c| sessions::schedule::refill(c, &me.user, &i, now)).await? {
        Ok(_) => Ok(see_other(&format!("/staff/sessions/{id}/day?done=refilled"))),
        Err(r) => refused(&ctx, r, &format!("/staff/sessions/{id}/day"), None),
    }
}

// ------------------------------------------------------------------------------- feedback

/// One meeting on the feedback page.
pub struct AskedMeeting {
    pub other: String,
    pub answered: Option<String>,
    pub form: Form,
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/sessions/feedback.html")]
pub struct FeedbackPage {
    ctx: Ctx,
    title: String,
    date: String,
    follow_up: bool,
    meetings: Vec<AskedMeeting>,
    stop: Option<Form>,
    notice: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct FeedbackQuery {
    #[serde(default)]
    token: String,
    #[serde(default)]
    done: String,
}

fn stage_options(ctx: &Ctx) -> Vec<(String, String)> {
    outcomes::STAGES.iter().map(|s| (s.to_string(), ctx.t(&key_of("outcome-stage", s)))).collect()
}

fn feedback_form(ctx: &Ctx, token: &str, meeting: &str, round: &str, r: &crate::services::sessions::Raw) -> Form {
    let mut f = Form::new(ctx, "feedback", "/feedback", "feedback-send")
        .field(ctx, "token", "hidden", "", token)
        .field(ctx, "meeting", "hidden", "", meeting);
    if round == "feedback" {
        let ratings: Vec<(String, String)> =
            (1..=4).map(|i| (i.to_string(), ctx.t(&key_of("feedback-rating", &i.to_string())))).collect();
        f = f
            .field(
                ctx,
                "rating",
                "select",
                "feedback-rating",
                if r.get("rating").is_empty() { "3" } else { r.get("rating") },
            )
            .options(ratings)
            .hint(ctx, "feedback-rating-hint");
    }
    f.field(ctx, "stage", "select", "feedback-stage", if r.get("stage").is_empty() { "none" } else { r.get("stage") })
        .options(stage_options(ctx))
        .field(ctx, "value", "text", "feedback-value", r.get("value"))
        .hint(ctx, "feedback-value-hint")
        .field(ctx, "note", "textarea", "feedback-note", r.get("note"))
}

/// The page behind a feedback or follow-up link: nothing changes until a form is sent.
pub async fn feedback_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    q: web::Query<FeedbackQuery>,
) -> Result<HttpResponse, AppError> {
    let ctx = Ctx::from_request(&req);
    let (st, q) = (state.clone(), q.into_inner());
    let token = q.token.clone();
    let asked = state.db.run(move |c| outcomes::open(c, st.env(), &token)).await?;
    let asked = match asked {
        Ok(a) => a,
        Err(e) => {
            return Panel::new(&ctx, "feedback-link-failed")
                .lead(super::account::link_error_text(&ctx, e))
                .respond(StatusCode::BAD_REQUEST, None);
        }
    };
    let meetings = asked
        .meetings
        .iter()
        .map(|(m, other, answer)| {
            let mut r = crate::services::sessions::Raw::default();
            if let Some(a) = answer {
                r.0.push(("stage".into(), a.stage.clone()));
                r.0.push(("note".into(), a.note.clone()));
                if let Some(x) = a.rating {
                    r.0.push(("rating".into(), x.to_string()));
                }
                if let Some(v) = a.contract_value {
                    r.0.push(("value".into(), v.to_string()));
                }
            }
            AskedMeeting {
                other: other.clone(),
                answered: answer
                    .as_ref()
                    .map(|a| ctx.t1("feedback-answered", "when", ctx.when(a.reported_at).as_str())),
                form: feedback_form(&ctx, &q.token, &m.id, &asked.round, &r),
            }
        })
        .collect();
    let follow_up = asked.round != "feedback";
    private_page(&FeedbackPage {
        title: asked.view.title(ctx.locale).to_string(),
        date: ctx.date(asked.view.row.session_date),
        stop: (follow_up && !asked.participant.followups_stopped).then(|| {
            Form::new(&ctx, "stop", "/feedback/stop", "feedback-stop")
                .field(&ctx, "token", "hidden", "", &q.token)
                .danger()
        }),
        follow_up,
        meetings,
        notice: super::panel::done_notice(&ctx, &key_of("feedback-done", &q.done)),
        ctx,
    })
}

pub async fn feedback(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let ctx = Ctx::from_request(&req);
    let r = crate::services::sessions::Raw(url::form_urlencoded::parse(&body).into_owned().collect());
    let (st, raw) = (state.clone(), r.clone());
    let done = state
        .db
        .run(move |c| {
            let a = outcomes::Answer {
                meeting: raw.get("meeting"),
                rating: raw.get("rating"),
                stage: raw.get("stage"),
                value: raw.get("value"),
                note: raw.get("note"),
            };
            outcomes::answer(c, st.env(), raw.get("token"), &a)
        })
        .await?;
    let token = url::form_urlencoded::byte_serialize(r.get("token").as_bytes()).collect::<String>();
    match done {
        Ok(_) => Ok(see_other(&format!("/feedback?token={token}&done=saved"))),
        Err(Refused::Invalid(errors)) => {
            let round = if r.get("rating").is_empty() && !errors.iter().any(|e| e.field == "rating") {
                "30"
            } else {
                "feedback"
            };
            Panel::new(&ctx, "feedback-title")
                .form(feedback_form(&ctx, r.get("token"), r.get("meeting"), round, &r).with_errors(&ctx, &errors))
                .respond(StatusCode::UNPROCESSABLE_ENTITY, None)
        }
        Err(Refused::State(key)) => {
            Panel::new(&ctx, "feedback-link-failed").lead(ctx.t(key)).respond(StatusCode::BAD_REQUEST, None)
        }
        Err(other) => refused(&ctx, other, "/", None),
    }
}

pub async fn stop(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<TokenForm>,
) -> Result<HttpResponse, AppError> {
    let ctx = Ctx::from_request(&req);
    let (st, token) = (state.clone(), form.into_inner().token);
    let t = token.clone();
    match state.db.run(move |c| outcomes::stop(c, st.env(), &t)).await? {
        Ok(()) => {
            let token = url::form_urlencoded::byte_serialize(token.as_bytes()).collect::<String>();
            Ok(see_other(&format!("/feedback?token={token}&done=stopped")))
        }
        Err(Refused::State(key)) => {
            Panel::new(&ctx, "feedback-link-failed").lead(ctx.t(key)).respond(StatusCode::BAD_REQUEST, None)
        }
        Err(other) => refused(&ctx, other, "/", None),
    }
}

// ------------------------------------------------------------------------------- reports

/// The report's lines: (label, value as written in cells — whole numbers stay numbers).
fn lines(ctx: &Ctx, f: &report::Figures) -> Vec<(String, String)> {
    let n = |x: usize| x.to_string();
    let mut out = vec![
        (ctx.t("report-sessions"), n(f.sessions)),
        (ctx.t("report-approved"), n(f.approved)),
        (ctx.t("report-pending"), n(f.pending + f.waitlisted)),
        (ctx.t("report-withdrawn"), n(f.withdrawn + f.rejected)),
        (ctx.t("report-walk-ins"), n(f.walk_ins)),
        (ctx.t("report-arrived"), n(f.arrived)),
        (ctx.t("report-requests-sent"), n(f.requests_sent)),
        (ctx.t("report-requests-accepted"), n(f.requests_accepted)),
        (ctx.t("report-brokered"), n(f.brokered)),
        (ctx.t("report-from-interest"), n(f.from_interest)),
        (ctx.t("report-scheduled"), n(f.scheduled)),
        (ctx.t("report-held"), n(f.held)),
        (ctx.t("report-no-shows"), n(f.no_shows)),
    ];
    for (i, c) in f.ratings.iter().enumerate() {
        out.push((ctx.t1("report-rating", "n", (i + 1) as i64), n(*c)));
    }
    out.push((ctx.t("report-rating-mean"), f.rating_mean().map(|m| format!("{m:.2}")).unwrap_or_default()));
    for (i, key) in [
        "report-funnel-held",
        "report-funnel-follow-up",
        "report-funnel-nda",
        "report-funnel-pilot",
        "report-funnel-contract",
    ]
    .iter()
    .enumerate()
    {
        out.push((ctx.t(key), n(f.funnel[i])));
    }
    out.push((ctx.t("report-contract-value"), f.contract_value.to_string()));
    out.push((ctx.t("report-response-hours"), f.response_hours.map(|h| format!("{h:.1}")).unwrap_or_default()));
    out.push((ctx.t("report-carried-over"), n(f.carried_over)));
    out
}

#[derive(Debug, Deserialize)]
pub struct ReportQuery {
    #[serde(default)]
    format: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
}

fn sheet(ctx: &Ctx, headers: &[String], rows: &[Vec<String>]) -> report::Sheet {
    report::Sheet { name: ctx.t("report-title"), headers: headers.to_vec(), rows: rows.to_vec() }
}

/// A session's report: the page, or `?format=csv|xlsx`.
pub async fn session_report(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    q: web::Query<ReportQuery>,
) -> Result<HttpResponse, AppError> {
    let ctx = Ctx::from_request(&req);
    let id = id.into_inner();
    let i = id.clone();
    let (v, f, carried, meetings) = state
        .db
        .run(move |c| {
            let Some(v) = sessions::get(c, &i)? else { return Ok(None) };
            let f = report::figures(c, &i)?;
            let carried = outcomes::carried_from(c, &i)?;
            let reports = crate::db::sessions::reports(c, &i)?;
            let names = sessions::names(c, &i)?;
            let meetings: Vec<(String, String, outcomes::MeetingOutcome)> = crate::db::sessions::meetings(c, &i)?
                .iter()
                .filter(|m| m.status == "scheduled")
                .map(|m| {
                    let name = |p: &str| names.get(p).cloned().unwrap_or_default();
                    (name(&m.participant_a), name(&m.participant_b), outcomes::outcome_of(m, &reports))
                })
                .collect();
            Ok(Some((v, f, carried, meetings)))
        })
        .await?
        .ok_or(AppError::NotFound)?;
    let rows: Vec<Vec<String>> = lines(&ctx, &f).into_iter().map(|(a, b)| vec![a, b]).collect();
    let headers = vec![ctx.t("report-figure"), ctx.t("report-value")];
    if let Some(r) =
        download(&ctx, &q.format, &format!("session-{}", v.row.session_date), &[sheet(&ctx, &headers, &rows)])?
    {
        return Ok(r);
    }
    let mut p =
        Panel::new(&ctx, "report-title").lead(format!("{} — {}", v.title(ctx.locale), ctx.date(v.row.session_date)));
    p.table = Some(Table {
        caption: ctx.t("report-figures"),
        headers,
        rows: lines(&ctx, &f)
            .into_iter()
            .map(|(a, b)| {
                let shown =
                    if a == ctx.t("report-contract-value") { b.parse().map(|x| ctx.money(x)).unwrap_or(b) } else { b };
                Row { cells: vec![Cell::text(a), Cell::text(shown)], actions: Vec::new() }
            })
            .collect(),
    });
    p.extra_tables.push(Table {
        caption: ctx.t("report-meetings"),
        headers: ["session-col-a", "session-col-b", "report-outcome", "report-contract-value", "report-ratings"]
            .iter()
            .map(|k| ctx.t(k))
            .collect(),
        rows: meetings
            .iter()
            .map(|(a, b, o)| Row {
                cells: vec![
                    Cell::text(a.clone()),
                    Cell::text(b.clone()),
                    Cell::text(o.stage.map(|s| ctx.t(&key_of("outcome-stage", s))).unwrap_or_else(|| "—".into())),
                    Cell::text(match (o.value, o.disagreement) {
                        (_, Some((x, y))) => {
                            ctx.t2("report-disagree", "low", ctx.money(x).as_str(), "high", ctx.money(y).as_str())
                        }
                        (Some(x), None) => ctx.money(x),
                        _ => String::new(),
                    }),
                    Cell::text(o.ratings.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")),
                ],
                actions: Vec::new(),
            })
            .collect(),
    });
    p.extra_tables.push(carried_table(&ctx, &carried));
    p.link(format!("/staff/sessions/{id}/report?format=csv"), "report-csv")
        .link(format!("/staff/sessions/{id}/report?format=xlsx"), "report-xlsx")
        .link(format!("/staff/sessions/{id}"), "session-staff-session")
        .ok()
}

/// The needs carried over, with why.
pub fn carried_table(ctx: &Ctx, carried: &[outcomes::Carried]) -> Table {
    Table {
        caption: ctx.t("report-carried-title"),
        headers: ["session-col-organisation", "report-needs", "report-reason"].iter().map(|k| ctx.t(k)).collect(),
        rows: carried
            .iter()
            .map(|c| Row {
                cells: vec![
                    Cell::text(c.organisation.clone()),
                    Cell::text(ctx.t1("report-needs-count", "count", c.needs.len() as i64)),
                    Cell::text(ctx.t(&key_of("carry-reason", c.reason.code()))),
                ],
                actions: Vec::new(),
            })
            .collect(),
    }
}

/// The report of every session held in a date range (default: this year), as the department
/// asks for it.
pub async fn range_report(
    req: HttpRequest,
    state: web::Data<AppState>,
    q: web::Query<ReportQuery>,
) -> Result<HttpResponse, AppError> {
    let ctx = Ctx::from_request(&req);
    let today = crate::domain::local_date(state.clock.now());
    let year_start = chrono::NaiveDate::from_ymd_opt(chrono::Datelike::year(&today), 1, 1).unwrap_or(today);
    let from = super::panel::date_param(&ctx, "from", &q.from)?.unwrap_or(year_start);
    let to = super::panel::date_param(&ctx, "to", &q.to)?.unwrap_or(today);
    let (rows, total) = state.db.run(move |c| report::range(c, from, to)).await?;
    let headers = std::iter::once(ctx.t("report-figure"))
        .chain(rows.iter().map(|(v, _)| ctx.date(v.row.session_date)))
        .chain(std::iter::once(ctx.t("report-total")))
        .collect::<Vec<_>>();
    let columns: Vec<Vec<(String, String)>> =
        rows.iter().map(|(_, f)| lines(&ctx, f)).chain(std::iter::once(lines(&ctx, &total))).collect();
    let body: Vec<Vec<String>> = lines(&ctx, &total)
        .iter()
        .enumerate()
        .map(|(i, (label, _))| std::iter::once(label.clone()).chain(columns.iter().map(|c| c[i].1.clone())).collect())
        .collect();
    if let Some(r) = download(&ctx, &q.format, &format!("sessions-{from}-{to}"), &[sheet(&ctx, &headers, &body)])? {
        return Ok(r);
    }
    let mut p = Panel::new(&ctx, "report-range-title").lead(ctx.t2(
        "report-range-lead",
        "from",
        ctx.date(from).as_str(),
        "to",
        ctx.date(to).as_str(),
    ));
    p.table = Some(Table {
        caption: ctx.t("report-figures"),
        headers,
        rows: body
            .into_iter()
            .map(|r| Row { cells: r.into_iter().map(Cell::text).collect(), actions: Vec::new() })
            .collect(),
    });
    p.link(format!("/staff/reports?from={from}&to={to}&format=csv"), "report-csv")
        .link(format!("/staff/reports?from={from}&to={to}&format=xlsx"), "report-xlsx")
        .ok()
}
