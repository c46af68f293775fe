//! Matchmaking sessions on the site: the public list and page of each session (programme, venue,
//! participants once registration closes); registration; the participant's page of meetings
//! (the catalogue with the exchange's suggestions first, requests to answer and sent, the pairs
//! agreed); and the staff's pages (series, sessions, status steps, registrations, brokered pairs
//! with their weights).

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use askama_web::WebTemplate;
use serde::Deserialize;

use super::panel::{Cell, DoneQuery, Panel, Row, Table, see_other};
use crate::catalogue::key_of;
use crate::domain::{Block, ParticipantStatus, RequestStatus, Sector, SessionStatus};
use crate::error::AppError;
use crate::services::listings::Refused;
use crate::services::listings::input::plural;
use crate::services::sessions::{self, Raw, View, registration, requests};
use crate::state::AppState;
use crate::web::auth;
use crate::web::forms::Form;
use crate::web::i18n::Ctx;

fn raw(body: &web::Bytes) -> Raw {
    Raw(url::form_urlencoded::parse(body).into_owned().collect())
}

fn notice(ctx: &Ctx, done: &str) -> Option<String> {
    super::panel::done_notice(ctx, &key_of("session-done", done))
}

pub(crate) fn refused(ctx: &Ctx, r: Refused, back: &str, form: Option<Form>) -> Result<HttpResponse, AppError> {
    match r {
        Refused::NotFound => Err(AppError::NotFound),
        Refused::Invalid(errors) => {
            let p = Panel::new(ctx, "session-refused");
            let p = match form {
                Some(f) => p.form(f.with_errors(ctx, &errors)),
                None => p.lead(errors.iter().map(|e| ctx.field_error(e)).collect::<Vec<_>>().join(" ")),
            };
            p.link(back, "session-back").respond(StatusCode::UNPROCESSABLE_ENTITY, None)
        }
        Refused::State(key) => Panel::new(ctx, "session-refused")
            .lead(ctx.t(key))
            .link(back, "session-back")
            .respond(StatusCode::CONFLICT, None),
        Refused::Conflict(_) => Err(AppError::Conflict(String::new())),
    }
}

// ------------------------------------------------------------------------------- public

/// A session as lists show it.
pub struct SessionCard {
    pub id: String,
    pub title: String,
    pub date: String,
    pub status: String,
    pub status_code: &'static str,
    pub place: String,
    pub deadline: Option<String>,
    pub approved: usize,
}

pub(crate) fn card(ctx: &Ctx, l: &sessions::Listed, now: chrono::NaiveDateTime) -> SessionCard {
    let v = &l.view;
    SessionCard {
        id: v.row.id.clone(),
        title: v.title(ctx.locale).to_string(),
        date: ctx.date(v.row.session_date),
        status: v.status.label(ctx.locale),
        status_code: v.status.code(),
        place: if v.row.venue.is_empty() { ctx.t("session-online") } else { v.row.venue.clone() },
        deadline: v.registration_open(now).then(|| ctx.when(v.row.registration_deadline)),
        approved: l.approved,
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/sessions/list.html")]
pub struct ListPage {
    ctx: Ctx,
    upcoming: Vec<SessionCard>,
    past: Vec<SessionCard>,
}

pub async fn list(req: HttpRequest, state: web::Data<AppState>) -> Result<ListPage, AppError> {
    let ctx = Ctx::from_request(&req);
    let now = state.clock.now();
    let today = crate::domain::local_date(now);
    let all = state.db.run(sessions::list).await?;
    let (upcoming, mut past): (Vec<_>, Vec<_>) = all.iter().partition(|l| l.view.row.session_date >= today);
    past.reverse();
    Ok(ListPage {
        upcoming: upcoming.into_iter().map(|l| card(&ctx, l, now)).collect(),
        past: past.into_iter().map(|l| card(&ctx, l, now)).collect(),
        ctx,
    })
}

/// One block of the programme as the page shows it.
pub struct BlockView {
    pub name: String,
    pub span: String,
    pub slots: Vec<String>,
}

/// A participant as the public page shows it.
pub struct AttendeeView {
    pub name: String,
    pub href: String,
    pub listings: Vec<(String, String, String)>,
}

fn attendee_view(ctx: &Ctx, a: &sessions::Attendee) -> AttendeeView {
    AttendeeView {
        name: a.organisation.name.clone(),
        href: format!("/organisations/{}", a.organisation.id),
        listings: a
            .listings
            .iter()
            .map(|l| {
                let kind = l.kind().label(ctx.locale);
                (kind, l.title_for(ctx.locale).to_string(), format!("/{}/{}", plural(l.kind()), l.id()))
            })
            .collect(),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/sessions/detail.html")]
pub struct DetailPage {
    ctx: Ctx,
    s: SessionCard,
    sectors: Vec<String>,
    blocks: Vec<BlockView>,
    slot_minutes: i64,
    breaks: Vec<String>,
    venue: String,
    map_url: String,
    online_url: String,
    tables: usize,
    online_tables: usize,
    registration_deadline: String,
    request_deadline: String,
    capacity: i64,
    attendees: Option<Vec<AttendeeView>>,
    /// What the visitor can do: register, change, or see its meetings.
    registration_open: bool,
    signed_in: bool,
    member: bool,
    mine: Option<String>,
    /// A session held: (meetings held, agreements, contracts, their value).
    results: Option<(i64, i64, i64, String)>,
    notice: Option<String>,
}

pub async fn detail(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    q: web::Query<DoneQuery>,
) -> Result<DetailPage, AppError> {
    let ctx = Ctx::from_request(&req);
    let me = auth::current(&req);
    let org = me.as_ref().and_then(|m| m.actor.organisation);
    let now = state.clock.now();
    let id = id.into_inner();
    let (l, attendees, mine, figures) = state
        .db
        .run(move |c| {
            let Some(l) = sessions::listed(c, &id)? else { return Ok(None) };
            let attendees =
                if l.view.status.participants_public() { Some(sessions::attendees(c, &id, now)?) } else { None };
            let mine = match org {
                Some(o) => registration::of_organisation(c, o, &id)?.map(|(p, _)| p),
                None => None,
            };
            let figures = sessions::report::held_figures(c, &l.view)?;
            Ok(Some((l, attendees, mine, figures)))
        })
        .await?
        .ok_or(AppError::NotFound)?;
    let v = &l.view;
    let blocks = v
        .programme
        .blocks()
        .into_iter()
        .map(|(b, span)| BlockView {
            name: b.label(ctx.locale),
            span: span.to_string(),
            slots: v.programme.slots().iter().filter(|s| s.block == b).map(|s| s.span.to_string()).collect(),
        })
        .collect();
    Ok(DetailPage {
        s: card(&ctx, &l, now),
        sectors: v.sectors.iter().map(|s| s.label(ctx.locale)).collect(),
        blocks,
        slot_minutes: v.programme.slot_minutes,
        breaks: v.programme.breaks.iter().map(ToString::to_string).collect(),
        venue: v.row.venue.clone(),
        map_url: v.row.map_url.clone(),
        online_url: v.row.online_url.clone(),
        tables: v.tables.len(),
        online_tables: v.online_tables.len(),
        registration_deadline: ctx.when(v.row.registration_deadline),
        request_deadline: ctx.when(v.row.request_deadline),
        capacity: i64::from(v.row.capacity),
        attendees: attendees.map(|a| a.iter().map(|a| attendee_view(&ctx, a)).collect()),
        registration_open: v.registration_open(now),
        signed_in: me.is_some(),
        member: org.is_some(),
        mine: mine.map(|p| p.status.parse::<ParticipantStatus>().map(|s| s.label(ctx.locale)).unwrap_or_default()),
        results: figures
            .map(|f| (f.held as i64, f.agreements() as i64, f.contracts() as i64, ctx.money(f.contract_value))),
        notice: notice(&ctx, &q.done),
        ctx,
    })
}

// ------------------------------------------------------------------------------- registration

fn registration_form(ctx: &Ctx, v: &View, own: &[crate::domain::Listing], r: &Raw) -> Form {
    let listings: Vec<(String, String)> = own
        .iter()
        .map(|l| {
            (registration::listing_key(l), format!("{} · {}", l.kind().label(ctx.locale), l.title_for(ctx.locale)))
        })
        .collect();
    let blocks: Vec<(String, String)> = v
        .programme
        .blocks()
        .into_iter()
        .map(|(b, span)| (b.code().to_string(), format!("{} ({span})", b.label(ctx.locale))))
        .collect();
    let locales = vec![("vi".to_string(), "Tiếng Việt".to_string()), ("en".to_string(), "English".to_string())];
    let mut f = Form::new(ctx, "register", format!("/sessions/{}/register", v.row.id), "session-register-send")
        .field(ctx, "listings", "checkboxes", "session-field-listings", &r.all("listings").join(","))
        .options(listings)
        .hint(ctx, "session-hint-listings")
        .field(ctx, "blocks", "checkboxes", "session-field-blocks", &r.all("blocks").join(","))
        .options(blocks)
        .field(ctx, "max_meetings", "number", "session-field-max-meetings", r.get("max_meetings"))
        .hint(ctx, "session-hint-max-meetings");
    let names = ["rep_name_1", "rep_name_2", "rep_name_3"];
    let emails = ["rep_email_1", "rep_email_2", "rep_email_3"];
    let langs = ["rep_locale_1", "rep_locale_2", "rep_locale_3"];
    for i in 0..registration::MAX_REPRESENTATIVES {
        let label = ctx.t1("session-field-rep", "n", (i + 1) as i64);
        f = f.field(ctx, names[i], "text", "session-field-rep-name", r.get(names[i]));
        if let Some(last) = f.fields.last_mut() {
            last.label = format!("{label} — {}", last.label);
        }
        f = f
            .field(ctx, emails[i], "email", "session-field-rep-email", r.get(emails[i]))
            .field(
                ctx,
                langs[i],
                "select",
                "session-field-rep-locale",
                if r.get(langs[i]).is_empty() { "vi" } else { r.get(langs[i]) },
            )
            .options(locales.clone());
    }
    f
}

/// The registration form, filled with the organisation's registration if it has one, else with
/// the member as first representative, every listing and every block.
pub async fn register_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    let ctx = Ctx::from_request(&req);
    let org = me.actor.organisation.ok_or(AppError::NotFound)?;
    let now = state.clock.now();
    let id = id.into_inner();
    let (v, own, existing) = state
        .db
        .run(move |c| {
            let Some(v) = sessions::get(c, &id)? else { return Ok(None) };
            let own = registration::own_listings(c, org, now)?;
            let existing = registration::of_organisation(c, org, &id)?;
            Ok(Some((v, own, existing)))
        })
        .await?
        .ok_or(AppError::NotFound)?;
    let back = format!("/sessions/{}", v.row.id);
    if !v.registration_open(now) {
        return refused(&ctx, Refused::State("session-registration-closed"), &back, None);
    }
    let mut r = Raw::default();
    match existing.filter(|(p, _)| p.status.parse().is_ok_and(ParticipantStatus::is_live)) {
        Some((p, reps)) => {
            for l in p.listings.split('|') {
                r.0.push(("listings".into(), l.into()));
            }
            for b in p.blocks.split('|') {
                r.0.push(("blocks".into(), b.into()));
            }
            r.0.push(("max_meetings".into(), p.max_meetings.to_string()));
            for (i, rep) in reps.iter().enumerate().take(registration::MAX_REPRESENTATIVES) {
                r.0.push((format!("rep_name_{}", i + 1), rep.name.clone()));
                r.0.push((format!("rep_email_{}", i + 1), rep.email.clone()));
                r.0.push((format!("rep_locale_{}", i + 1), rep.locale.clone()));
            }
        }
        None => {
            for l in &own {
                r.0.push(("listings".into(), registration::listing_key(l)));
            }
            for (b, _) in v.programme.blocks() {
                r.0.push(("blocks".into(), b.code().into()));
            }
            r.0.push(("max_meetings".into(), v.slot_count().min(8).to_string()));
            r.0.push(("rep_name_1".into(), me.user.display_name.clone()));
            r.0.push(("rep_email_1".into(), me.user.email.as_str().to_string()));
            r.0.push(("rep_locale_1".into(), me.user.locale.code().into()));
        }
    }
    let mut p = Panel::new(&ctx, "session-register-title").lead(ctx.t2(
        "session-register-lead",
        "title",
        v.title(ctx.locale),
        "date",
        ctx.date(v.row.session_date).as_str(),
    ));
    if own.is_empty() {
        p = p.lead(ctx.t("session-register-no-listings")).link("/my/listings", "nav-my-listings");
    }
    p.form(registration_form(&ctx, &v, &own, &r)).link(back, "session-back").ok()
}

pub async fn register(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    let ctx = Ctx::from_request(&req);
    let (id, now, st, r) = (id.into_inner(), state.clock.now(), state.clone(), raw(&body));
    let (i, form) = (id.clone(), r.clone());
    let user = me.user.clone();
    match state.db.run(move |c| sessions::register(c, st.env(), &user, &i, &form, now)).await? {
        Ok(p) => Ok(see_other(&format!("/sessions/{id}/meetings?done={}", p.status))),
        Err(Refused::Invalid(errors)) => {
            let org = me.actor.organisation.ok_or(AppError::NotFound)?;
            let i = id.clone();
            let (v, own) =
                state.db.run(move |c| Ok((sessions::get(c, &i)?, registration::own_listings(c, org, now)?))).await?;
            let v = v.ok_or(AppError::NotFound)?;
            Panel::new(&ctx, "session-register-title")
                .form(registration_form(&ctx, &v, &own, &r).with_errors(&ctx, &errors))
                .link(format!("/sessions/{id}"), "session-back")
                .respond(StatusCode::UNPROCESSABLE_ENTITY, None)
        }
        Err(other) => refused(&ctx, other, &format!("/sessions/{id}"), None),
    }
}

pub async fn withdraw(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    let ctx = Ctx::from_request(&req);
    let (id, now, st) = (id.into_inner(), state.clock.now(), state.clone());
    let i = id.clone();
    match state.db.run(move |c| sessions::withdraw(c, st.env(), &me.user, &i, now)).await? {
        Ok(_) => Ok(see_other(&format!("/sessions/{id}?done=withdrawn"))),
        Err(r) => refused(&ctx, r, &format!("/sessions/{id}/meetings"), None),
    }
}

// ------------------------------------------------------------------------------- meetings

/// A request or pair as the participant's page shows it.
pub struct RequestView {
    pub other: String,
    pub reason: String,
    pub block: String,
    pub status: String,
    pub status_code: String,
    pub origin: String,
    pub forms: Vec<Form>,
}

/// Another participant in the catalogue.
pub struct CandidateView {
    pub a: AttendeeView,
    pub suggested: bool,
    pub words: Vec<String>,
    pub state: Option<String>,
    pub form: Option<Form>,
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/sessions/meetings.html")]
pub struct MeetingsPage {
    ctx: Ctx,
    id: String,
    title: String,
    date: String,
    status: String,
    approved: bool,
    waiting_text: Option<String>,
    requests_open: bool,
    request_deadline: String,
    brought: Vec<(String, String, String)>,
    blocks: String,
    max_meetings: i64,
    representatives: Vec<String>,
    change: bool,
    withdraw: Option<Form>,
    pairs: Vec<RequestView>,
    incoming: Vec<RequestView>,
    outgoing: Vec<RequestView>,
    closed: Vec<RequestView>,
    catalogue: Vec<CandidateView>,
    /// The published schedule: (time, table, counterpart, cancelled, attendance buttons), and
    /// the agenda's link.
    schedule: Vec<(String, String, String, bool, Vec<Form>)>,
    agenda_url: Option<String>,
    /// The day has come: participants record their meetings' attendance.
    day_open: bool,
    notice: Option<String>,
}

fn request_form(ctx: &Ctx, session: &str, to: &str, v: &View, r: &Raw) -> Form {
    let mut blocks = vec![(String::new(), ctx.t("session-block-any"))];
    blocks.extend(v.programme.blocks().into_iter().map(|(b, _)| (b.code().to_string(), b.label(ctx.locale))));
    Form::new(ctx, "request", format!("/sessions/{session}/requests"), "session-request-send")
        .field(ctx, "to", "hidden", "", to)
        .field(ctx, "reason", "textarea", "session-field-reason", r.get("reason"))
        .required()
        .hint(ctx, "session-hint-reason")
        .field(ctx, "block", "select", "session-field-block", r.get("block"))
        .options(blocks)
}

fn request_view(
    ctx: &Ctx,
    session: &str,
    (r, other): &(crate::db::sessions::Request, String),
    forms: Vec<Form>,
) -> RequestView {
    let _ = session;
    RequestView {
        other: other.clone(),
        reason: r.reason.clone(),
        block: r.block.parse::<Block>().map(|b| b.label(ctx.locale)).unwrap_or_default(),
        status: r.status.parse::<RequestStatus>().map(|s| s.label(ctx.locale)).unwrap_or_default(),
        status_code: r.status.clone(),
        origin: ctx.t(&key_of("pair-origin", &r.origin)),
        forms,
    }
}

pub async fn meetings(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    q: web::Query<DoneQuery>,
) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    let ctx = Ctx::from_request(&req);
    let now = state.clock.now();
    let id = id.into_inner();
    let (i, user, st) = (id.clone(), me.user.clone(), state.clone());
    let (v, desk, reps) = state
        .db
        .run(move |c| {
            let Some(v) = sessions::get(c, &i)? else { return Ok(None) };
            let desk = requests::desk(c, &user, &i, now)?;
            let reps = match user.organisation_id {
                Some(o) => registration::of_organisation(c, o, &i)?.map(|(_, r)| r).unwrap_or_default(),
                None => Vec::new(),
            };
            let own = match &desk {
                Some(d) => sessions::attendee(c, d.me.clone(), now)?,
                None => None,
            };
            // Once published, the agenda and its link (as the signed-in member).
            let published = matches!(v.status, SessionStatus::Published | SessionStatus::Held);
            let schedule = match &desk {
                Some(d) if published => {
                    let items = sessions::agenda::items(c, &v, &d.me, now)?;
                    Some((items, sessions::agenda::agenda_link(st.env(), &v, &d.me, user.email.as_str())))
                }
                _ => None,
            };
            Ok(Some((v, desk.map(|d| (d, own, schedule)), reps)))
        })
        .await?
        .ok_or(AppError::NotFound)?;
    let Some((desk, own, schedule)) = desk else {
        // Not registered: the session's page says how to.
        return Ok(see_other(&format!("/sessions/{id}")));
    };
    let status: ParticipantStatus = desk.me.status.parse().unwrap_or(ParticipantStatus::Withdrawn);
    let approved = status == ParticipantStatus::Approved;
    let open = v.requests_open(now) && approved;
    let answer = |rid: &str, accept: bool| {
        Form::new(
            &ctx,
            if accept { "accept" } else { "decline" },
            format!("/sessions/{id}/requests/{rid}/answer"),
            if accept { "session-request-accept" } else { "session-request-decline" },
        )
        .field(&ctx, "decision", "hidden", "", if accept { "accept" } else { "decline" })
    };
    let incoming = desk
        .incoming
        .iter()
        .map(|x| {
            let forms = if open { vec![answer(&x.0.id, true), answer(&x.0.id, false).danger()] } else { Vec::new() };
            request_view(&ctx, &id, x, forms)
        })
        .collect();
    let outgoing = desk
        .outgoing
        .iter()
        .map(|x| {
            let f = Form::new(
                &ctx,
                "withdraw-request",
                format!("/sessions/{id}/requests/{}/withdraw", x.0.id),
                "session-request-withdraw",
            )
            .danger();
            request_view(&ctx, &id, x, vec![f])
        })
        .collect();
    let catalogue = desk
        .catalogue
        .iter()
        .map(|c| {
            let state = c.live.as_ref().map(|r| {
                let s: RequestStatus = r.status.parse().unwrap_or(RequestStatus::Pending);
                match (s, r.from_participant == desk.me.id) {
                    (RequestStatus::Accepted, _) => ctx.t("session-catalogue-paired"),
                    (_, true) => ctx.t("session-catalogue-asked"),
                    (_, false) => ctx.t("session-catalogue-asked-you"),
                }
            });
            CandidateView {
                a: attendee_view(&ctx, &c.attendee),
                suggested: c.score > 0.0,
                words: c.words.clone(),
                form: (open && c.live.is_none())
                    .then(|| request_form(&ctx, &id, &c.attendee.participant.id, &v, &Raw::default())),
                state,
            }
        })
        .collect();
    let waiting_text = (!approved).then(|| ctx.t(&key_of("session-waiting", status.code())));
    let page = MeetingsPage {
        id: id.clone(),
        title: v.title(ctx.locale).to_string(),
        date: ctx.date(v.row.session_date),
        status: status.label(ctx.locale),
        approved,
        waiting_text,
        requests_open: open,
        request_deadline: ctx.when(v.row.request_deadline),
        brought: own.as_ref().map(|a| attendee_view(&ctx, a).listings).unwrap_or_default(),
        blocks: desk
            .me
            .blocks
            .split('|')
            .filter_map(|b| b.parse::<Block>().ok())
            .map(|b| b.label(ctx.locale))
            .collect::<Vec<_>>()
            .join(", "),
        max_meetings: i64::from(desk.me.max_meetings),
        representatives: reps.iter().map(|r| format!("{} <{}>", r.name, r.email)).collect(),
        change: status.is_live() && v.registration_open(now),
        withdraw: (status.is_live() && v.status.can_cancel())
            .then(|| Form::new(&ctx, "withdraw", format!("/sessions/{id}/withdraw"), "session-withdraw").danger()),
        pairs: desk.pairs.iter().map(|x| request_view(&ctx, &id, x, Vec::new())).collect(),
        incoming,
        outgoing,
        closed: desk.closed.iter().map(|x| request_view(&ctx, &id, x, Vec::new())).collect(),
        catalogue,
        schedule: schedule
            .as_ref()
            .map(|(items, _)| {
                items
                    .iter()
                    .map(|i| {
                        let mark = |what: &str, key: &str| {
                            Form::new(
                                &ctx,
                                "attendance",
                                format!("/sessions/{id}/meetings/{}/attendance", i.meeting.id),
                                key,
                            )
                            .field(&ctx, "attendance", "hidden", "", what)
                        };
                        let forms = if i.cancelled() || !i.meeting.attendance.is_empty() {
                            Vec::new()
                        } else {
                            vec![mark("held", "day-mark-held"), mark("no_show", "day-mark-no-show").danger()]
                        };
                        (
                            crate::domain::local_span(i.start, i.end),
                            i.table.clone(),
                            i.other.organisation.name.clone(),
                            i.cancelled(),
                            forms,
                        )
                    })
                    .collect()
            })
            .unwrap_or_default(),
        agenda_url: schedule.map(|(_, url)| url),
        day_open: v.status == SessionStatus::Held
            || (v.status == SessionStatus::Published && crate::domain::local_date(now) >= v.row.session_date),
        notice: notice(&ctx, &q.done),
        ctx,
    };
    super::panel::private_page(&page)
}

pub async fn ask(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    let ctx = Ctx::from_request(&req);
    let (id, now, st, r) = (id.into_inner(), state.clock.now(), state.clone(), raw(&body));
    let (i, f) = (id.clone(), r.clone());
    let done = state
        .db
        .run(move |c| requests::ask(c, st.env(), &me.user, &i, f.get("to"), (f.get("reason"), f.get("block")), now))
        .await?;
    match done {
        Ok(x) => Ok(see_other(&format!(
            "/sessions/{id}/meetings?done={}",
            if x.status == "accepted" { "paired" } else { "requested" }
        ))),
        Err(Refused::Invalid(errors)) => {
            let i = id.clone();
            let v = state.db.run(move |c| sessions::get(c, &i)).await?.ok_or(AppError::NotFound)?;
            refused(
                &ctx,
                Refused::Invalid(errors),
                &format!("/sessions/{id}/meetings"),
                Some(request_form(&ctx, &id, r.get("to"), &v, &r)),
            )
        }
        Err(other) => refused(&ctx, other, &format!("/sessions/{id}/meetings"), None),
    }
}

#[derive(Debug, Deserialize)]
pub struct DecisionForm {
    #[serde(default)]
    decision: String,
}

pub async fn answer(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    form: web::Form<DecisionForm>,
) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    let ctx = Ctx::from_request(&req);
    let accept = match form.decision.as_str() {
        "accept" => true,
        "decline" => false,
        _ => return Err(AppError::bad_param("decision", ctx.t("session-bad-decision"))),
    };
    let ((id, rid), now, st) = (path.into_inner(), state.clock.now(), state.clone());
    match state.db.run(move |c| requests::answer(c, st.env(), &me.user, &rid, accept, now)).await? {
        Ok(_) => {
            Ok(see_other(&format!("/sessions/{id}/meetings?done={}", if accept { "accepted" } else { "declined" })))
        }
        Err(r) => refused(&ctx, r, &format!("/sessions/{id}/meetings"), None),
    }
}

pub async fn withdraw_request(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    let ctx = Ctx::from_request(&req);
    let ((id, rid), now) = (path.into_inner(), state.clock.now());
    match state.db.run(move |c| requests::withdraw(c, &me.user, &rid, now)).await? {
        Ok(_) => Ok(see_other(&format!("/sessions/{id}/meetings?done=request_withdrawn"))),
        Err(r) => refused(&ctx, r, &format!("/sessions/{id}/meetings"), None),
    }
}

// ------------------------------------------------------------------------------- staff

fn sector_options(ctx: &Ctx) -> Vec<(String, String)> {
    Sector::ALL.iter().map(|s| (s.code().to_string(), s.label(ctx.locale))).collect()
}

/// The fields a session and a series share, filled from `r`.
fn plan_fields(ctx: &Ctx, mut f: Form, r: &Raw, series: bool) -> Form {
    let text = |f: Form, name: &'static str, kind: &'static str| {
        f.field(ctx, name, kind, &key_of("session-field", name), r.get(name))
    };
    f = text(f, "title_vi", "text").required();
    f = text(f, "title_en", "text");
    f = f
        .field(ctx, "sectors", "checkboxes", "session-field-sectors", &r.all("sectors").join(","))
        .options(sector_options(ctx));
    if !series {
        f = text(f, "session_date", "date").required();
    }
    f = text(f, "morning", "text").hint(ctx, "session-hint-block");
    f = text(f, "afternoon", "text").hint(ctx, "session-hint-block");
    f = text(f, "slot_minutes", "number").required();
    f = text(f, "breaks", "text").hint(ctx, "session-hint-breaks");
    f = text(f, "venue", "text").hint(ctx, "session-hint-venue");
    f = text(f, "map_url", "url");
    f = text(f, "online_url", "url");
    f = text(f, "tables", "textarea").hint(ctx, "session-hint-tables");
    f = text(f, "online_tables", "textarea").hint(ctx, "session-hint-tables");
    if series {
        f = text(f, "registration_days", "number").required();
        f = text(f, "request_days", "number").required();
    } else {
        f = text(f, "registration_deadline", "date").required();
        f = text(f, "request_deadline", "date").required();
    }
    f = text(f, "capacity", "number").required();
    f = text(f, "max_requests", "number").required().hint(ctx, "session-hint-max-requests");
    f.field(ctx, "auto_approve", "checkbox", "session-field-auto-approve", r.get("auto_approve"))
}

fn raw_of_plan(p: &sessions::Plan) -> Raw {
    let mut r = vec![
        ("title_vi", p.title_vi.clone()),
        ("title_en", p.title_en.clone()),
        ("morning", p.morning.clone()),
        ("afternoon", p.afternoon.clone()),
        ("slot_minutes", p.slot_minutes.to_string()),
        ("breaks", p.breaks.replace('|', ", ")),
        ("venue", p.venue.clone()),
        ("map_url", p.map_url.clone()),
        ("online_url", p.online_url.clone()),
        ("tables", p.tables.join("\n")),
        ("online_tables", p.online_tables.join("\n")),
        ("capacity", p.capacity.to_string()),
        ("max_requests", p.max_requests.to_string()),
        ("registration_days", p.registration_days.to_string()),
        ("request_days", p.request_days.to_string()),
    ];
    if p.auto_approve {
        r.push(("auto_approve", "on".into()));
    }
    let mut raw: Vec<(String, String)> = r.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
    raw.extend(p.sectors.iter().map(|s| ("sectors".to_string(), s.code().to_string())));
    Raw(raw)
}

fn session_form(ctx: &Ctx, action: String, r: &Raw) -> Form {
    plan_fields(ctx, Form::new(ctx, "session", action, "session-save"), r, false)
}

fn series_form(ctx: &Ctx, action: String, r: &Raw) -> Form {
    let f = Form::new(ctx, "series", action, "session-series-save")
        .field(ctx, "rule", "text", "session-field-rule", r.get("rule"))
        .required()
        .hint(ctx, "session-hint-rule")
        .field(ctx, "first_date", "date", "session-field-first-date", r.get("first_date"))
        .required()
        .field(ctx, "active", "checkbox", "session-field-active", r.get("active"));
    plan_fields(ctx, f, r, true)
}

/// The staff's list of sessions and series.
pub async fn staff_list(
    req: HttpRequest,
    state: web::Data<AppState>,
    q: web::Query<DoneQuery>,
) -> Result<HttpResponse, AppError> {
    let ctx = Ctx::from_request(&req);
    let (all, series) = state.db.run(|c| Ok((sessions::list(c)?, crate::db::sessions::all_series(c)?))).await?;
    let mut p = Panel::new(&ctx, "session-staff-title").lead(ctx.t("session-staff-lead"));
    if let Some(n) = notice(&ctx, &q.done) {
        p = p.notice(n);
    }
    p.table = Some(Table {
        caption: ctx.t("session-staff-sessions"),
        headers: [
            "session-col-date",
            "session-col-title",
            "session-col-status",
            "session-col-approved",
            "session-col-waiting",
        ]
        .iter()
        .map(|k| ctx.t(k))
        .collect(),
        rows: all
            .iter()
            .rev()
            .map(|l| Row {
                cells: vec![
                    Cell::text(ctx.date(l.view.row.session_date)),
                    Cell::link(l.view.title(ctx.locale), format!("/staff/sessions/{}", l.view.row.id)),
                    Cell::text(l.view.status.label(ctx.locale)),
                    Cell::text(ctx.number(&(l.approved as i64))),
                    Cell::text(ctx.number(&(l.waiting as i64))),
                ],
                actions: Vec::new(),
            })
            .collect(),
    });
    p.extra_tables.push(Table {
        caption: ctx.t("session-staff-series"),
        headers: ["session-field-rule", "session-field-first-date", "session-field-active"]
            .iter()
            .map(|k| ctx.t(k))
            .collect(),
        rows: series
            .iter()
            .map(|s| Row {
                cells: vec![
                    Cell::link(s.rule.clone(), format!("/staff/series/{}", s.id)),
                    Cell::text(ctx.date(s.first_date)),
                    Cell::text(ctx.t(if s.active { "session-yes" } else { "session-no" })),
                ],
                actions: Vec::new(),
            })
            .collect(),
    });
    p.link("/staff/sessions/new", "session-staff-new").link("/staff/series/new", "session-staff-new-series").ok()
}

pub async fn new_session(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let ctx = Ctx::from_request(&req);
    let mut r = raw_of_plan(&sessions::Plan::default());
    let day = crate::domain::local_date(state.clock.now()) + chrono::TimeDelta::days(30);
    r.0.push(("session_date".into(), day.to_string()));
    r.0.push(("registration_deadline".into(), (day - chrono::TimeDelta::days(7)).to_string()));
    r.0.push(("request_deadline".into(), (day - chrono::TimeDelta::days(2)).to_string()));
    Panel::new(&ctx, "session-staff-new")
        .form(session_form(&ctx, "/staff/sessions/new".into(), &r))
        .link("/staff/sessions", "session-staff-title")
        .ok()
}

pub async fn create_session(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    let ctx = Ctx::from_request(&req);
    let r = raw(&body);
    match sessions::parse_session(&r) {
        Ok(input) => {
            let now = state.clock.now();
            let s = state.db.run(move |c| sessions::create_session(c, &me.user, &input, now)).await?;
            Ok(see_other(&format!("/staff/sessions/{}?done=created", s.id)))
        }
        Err(errors) => Panel::new(&ctx, "session-staff-new")
            .form(session_form(&ctx, "/staff/sessions/new".into(), &r).with_errors(&ctx, &errors))
            .respond(StatusCode::UNPROCESSABLE_ENTITY, None),
    }
}

pub async fn new_series(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let ctx = Ctx::from_request(&req);
    let mut r = raw_of_plan(&sessions::Plan::default());
    r.0.push(("rule".into(), crate::domain::session::DEFAULT_RULE.into()));
    r.0.push(("first_date".into(), crate::domain::local_date(state.clock.now()).to_string()));
    r.0.push(("active".into(), "on".into()));
    Panel::new(&ctx, "session-staff-new-series")
        .lead(ctx.t("session-series-lead"))
        .form(series_form(&ctx, "/staff/series/new".into(), &r))
        .link("/staff/sessions", "session-staff-title")
        .ok()
}

pub async fn create_series(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    let ctx = Ctx::from_request(&req);
    let r = raw(&body);
    match sessions::parse_series(&r) {
        Ok(input) => {
            let now = state.clock.now();
            state.db.run(move |c| sessions::create_series(c, &me.user, &input, now)).await?;
            Ok(see_other("/staff/sessions?done=series_created"))
        }
        Err(errors) => Panel::new(&ctx, "session-staff-new-series")
            .form(series_form(&ctx, "/staff/series/new".into(), &r).with_errors(&ctx, &errors))
            .respond(StatusCode::UNPROCESSABLE_ENTITY, None),
    }
}

pub async fn series(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    q: web::Query<DoneQuery>,
) -> Result<HttpResponse, AppError> {
    let ctx = Ctx::from_request(&req);
    let id = id.into_inner();
    let s = state.db.run(move |c| crate::db::sessions::series(c, &id)).await?.ok_or(AppError::NotFound)?;
    let mut r = raw_of_plan(&sessions::series_plan(&s));
    r.0.push(("rule".into(), s.rule.clone()));
    r.0.push(("first_date".into(), s.first_date.to_string()));
    if s.active {
        r.0.push(("active".into(), "on".into()));
    }
    let mut p = Panel::new(&ctx, "session-series-title").lead(ctx.t("session-series-lead"));
    if let Some(n) = notice(&ctx, &q.done) {
        p = p.notice(n);
    }
    let next =
        crate::domain::session::occurrences(&s.rule, s.first_date, crate::domain::local_date(state.clock.now()), 6)
            .unwrap_or_default();
    p = p.lead(ctx.t1(
        "session-series-next",
        "dates",
        next.iter().map(|d| ctx.date(*d)).collect::<Vec<_>>().join(", ").as_str(),
    ));
    p.form(series_form(&ctx, format!("/staff/series/{}", s.id), &r)).link("/staff/sessions", "session-staff-title").ok()
}

pub async fn save_series(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    let ctx = Ctx::from_request(&req);
    let (id, r) = (id.into_inner(), raw(&body));
    match sessions::parse_series(&r) {
        Ok(input) => {
            let (now, i) = (state.clock.now(), id.clone());
            match state.db.run(move |c| sessions::update_series(c, &me.user, &i, &input, now)).await? {
                Ok(_) => Ok(see_other(&format!("/staff/series/{id}?done=saved"))),
                Err(e) => refused(&ctx, e, "/staff/sessions", None),
            }
        }
        Err(errors) => Panel::new(&ctx, "session-series-title")
            .form(series_form(&ctx, format!("/staff/series/{id}"), &r).with_errors(&ctx, &errors))
            .respond(StatusCode::UNPROCESSABLE_ENTITY, None),
    }
}

fn raw_of_session(v: &View) -> Raw {
    let mut r = raw_of_plan(&sessions::plan_of(v));
    r.0.push(("session_date".into(), v.row.session_date.to_string()));
    r.0.push(("registration_deadline".into(), sessions::deadline_date(v.row.registration_deadline).to_string()));
    r.0.push(("request_deadline".into(), sessions::deadline_date(v.row.request_deadline).to_string()));
    r
}

/// The staff's page of one session: its status and the step to take, its settings, the
/// registrations, the pairs with their weights and the requests.
pub async fn staff_session(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    q: web::Query<DoneQuery>,
) -> Result<HttpResponse, AppError> {
    let ctx = Ctx::from_request(&req);
    let now = state.clock.now();
    let id = id.into_inner();
    let i = id.clone();
    let board = state.db.run(move |c| board(c, &i, now)).await?.ok_or(AppError::NotFound)?;
    let edit = session_form(&ctx, format!("/staff/sessions/{id}"), &raw_of_session(&board.view));
    staff_page(&ctx, &board, notice(&ctx, &q.done), edit).ok()
}

/// What the staff's page of a session shows.
struct Board {
    view: View,
    registrations: Vec<(sessions::Attendee, Vec<crate::db::sessions::Representative>)>,
    pairs: Vec<requests::Pair>,
    requests: Vec<crate::db::sessions::Request>,
    /// The needs carried over from the session held before, while this one takes requests.
    carried: Vec<sessions::outcomes::Carried>,
}

fn board(c: &mut crate::db::AnyConnection, id: &str, now: chrono::NaiveDateTime) -> anyhow::Result<Option<Board>> {
    let Some(view) = sessions::get(c, id)? else { return Ok(None) };
    let carried = match sessions::outcomes::previous_held(c, id)? {
        Some(prev)
            if matches!(
                view.status,
                SessionStatus::Planned
                    | SessionStatus::RegistrationOpen
                    | SessionStatus::Requests
                    | SessionStatus::Scheduling
            ) =>
        {
            sessions::outcomes::carried_from(c, &prev.row.id)?
        }
        _ => Vec::new(),
    };
    Ok(Some(Board {
        registrations: registration::all_of(c, id, now)?,
        pairs: sessions::pairs(c, id)?,
        requests: crate::db::sessions::requests(c, id)?,
        carried,
        view,
    }))
}

fn staff_page(ctx: &Ctx, b: &Board, notice: Option<String>, edit: Form) -> Panel {
    let (v, carried, regs, pairs, reqs) = (&b.view, &b.carried, &b.registrations, &b.pairs, &b.requests);
    let id = &v.row.id;
    let mut p = Panel::new(ctx, "session-staff-session");
    p.title = format!("{} — {}", v.title(ctx.locale), ctx.date(v.row.session_date));
    if let Some(n) = notice {
        p = p.notice(n);
    }
    p = p.lead(ctx.t1("session-staff-status", "status", v.status.label(ctx.locale).as_str()));
    if matches!(v.status, SessionStatus::Scheduling | SessionStatus::Published) {
        p = p.link(format!("/staff/sessions/{id}/schedule"), "agenda-schedule-title");
    }
    if matches!(v.status, SessionStatus::Published | SessionStatus::Held) {
        p = p
            .link(format!("/staff/sessions/{id}/door"), "day-door-title")
            .link(format!("/staff/sessions/{id}/day"), "day-title");
    }
    if matches!(v.status, SessionStatus::Published | SessionStatus::Held | SessionStatus::Closed) {
        p = p.link(format!("/staff/sessions/{id}/report"), "report-title");
    }
    if !carried.is_empty() {
        p.extra_tables.push(super::day::carried_table(ctx, carried));
    }
    if v.status.next() == Some(SessionStatus::Published) {
        // Publishing goes through the page that shows what will be sent.
        p = p.link(format!("/staff/sessions/{id}/updates"), "agenda-publish-title");
    } else if let Some(next) = v.status.next() {
        let label = ctx.t1("session-staff-advance", "status", next.label(ctx.locale).as_str());
        let mut f = Form::new(ctx, "advance", format!("/staff/sessions/{id}/status"), "session-save").field(
            ctx,
            "to",
            "hidden",
            "",
            next.code(),
        );
        f.submit = label;
        p = p.form(f);
    }
    if v.status.can_cancel() {
        p = p.form(
            Form::new(ctx, "cancel", format!("/staff/sessions/{id}/status"), "session-staff-cancel")
                .field(ctx, "to", "hidden", "", SessionStatus::Cancelled.code())
                .danger(),
        );
    }
    let decide = |pid: &str, approve: bool| {
        let f = Form::new(
            ctx,
            if approve { "approve" } else { "reject" },
            format!("/staff/sessions/{id}/participants/{pid}"),
            if approve { "session-staff-approve" } else { "session-staff-reject" },
        )
        .field(ctx, "decision", "hidden", "", if approve { "accept" } else { "decline" });
        if approve { f } else { f.danger() }
    };
    p.table = Some(Table {
        caption: ctx.t("session-staff-registrations"),
        headers: [
            "session-col-organisation",
            "session-col-status",
            "session-field-listings",
            "session-field-blocks",
            "session-field-max-meetings",
            "session-col-representatives",
        ]
        .iter()
        .map(|k| ctx.t(k))
        .collect(),
        rows: regs
            .iter()
            .map(|(a, reps)| {
                let st: ParticipantStatus = a.participant.status.parse().unwrap_or(ParticipantStatus::Withdrawn);
                let mut actions = Vec::new();
                if matches!(st, ParticipantStatus::Pending | ParticipantStatus::Waitlisted) {
                    actions.push(decide(&a.participant.id, true));
                }
                if st.is_live() {
                    actions.push(decide(&a.participant.id, false));
                }
                let verified = a.organisation.verified_at.is_some();
                Row {
                    cells: vec![
                        Cell::link(a.organisation.name.clone(), format!("/organisations/{}", a.organisation.id))
                            .badge((!verified).then(|| ctx.t("session-unverified-badge"))),
                        Cell::text(st.label(ctx.locale)),
                        Cell::text(ctx.t2(
                            "session-brings",
                            "offers",
                            a.listings.iter().filter(|l| l.kind() == crate::domain::ListingKind::Offer).count() as i64,
                            "needs",
                            a.listings.iter().filter(|l| l.kind() == crate::domain::ListingKind::Need).count() as i64,
                        )),
                        Cell::text(
                            a.participant
                                .blocks
                                .split('|')
                                .filter_map(|b| b.parse::<Block>().ok())
                                .map(|b| b.label(ctx.locale))
                                .collect::<Vec<_>>()
                                .join(", "),
                        ),
                        Cell::text(ctx.number(&i64::from(a.participant.max_meetings))),
                        Cell::text(reps.iter().map(|r| r.name.as_str()).collect::<Vec<_>>().join(", ")),
                    ],
                    actions,
                }
            })
            .collect(),
    });
    let pair_action = |rid: &str, action: &str, key: &str| {
        Form::new(ctx, "pair", format!("/staff/sessions/{id}/pairs/{rid}"), key)
            .field(ctx, "action", "hidden", "", action)
    };
    let weight = |w: &requests::Weight| format!("{:.2}", w.total());
    p.extra_tables.push(Table {
        caption: ctx.t1("session-staff-pairs", "count", pairs.len() as i64),
        headers: [
            "session-col-a",
            "session-col-b",
            "session-col-origin",
            "session-col-match",
            "session-col-mutual",
            "session-col-must",
            "session-col-weight",
        ]
        .iter()
        .map(|k| ctx.t(k))
        .collect(),
        rows: pairs
            .iter()
            .map(|x| Row {
                cells: vec![
                    Cell::text(x.a.clone()),
                    Cell::text(x.b.clone()),
                    Cell::text(ctx.t(&key_of("pair-origin", &x.request.origin))),
                    Cell::text(format!("{:.2}", x.weight.score)),
                    Cell::text(ctx.t(if x.weight.mutual { "session-yes" } else { "session-no" })),
                    Cell::text(ctx.t(if x.weight.must_meet { "session-yes" } else { "session-no" })),
                    Cell::text(weight(&x.weight)),
                ],
                actions: vec![
                    if x.weight.must_meet {
                        pair_action(&x.request.id, "may", "session-staff-may-meet")
                    } else {
                        pair_action(&x.request.id, "must", "session-staff-must-meet")
                    },
                    pair_action(&x.request.id, "remove", "session-staff-remove-pair").danger(),
                ],
            })
            .collect(),
    });
    let approved: Vec<(String, String)> = regs
        .iter()
        .filter(|(a, _)| a.participant.status == ParticipantStatus::Approved.code())
        .map(|(a, _)| (a.participant.id.clone(), a.organisation.name.clone()))
        .collect();
    if approved.len() >= 2 {
        p = p.form(
            Form::new(ctx, "broker", format!("/staff/sessions/{id}/pairs"), "session-staff-broker")
                .titled(ctx, "session-staff-broker-title")
                .field(ctx, "a", "select", "session-col-a", "")
                .options(approved.clone())
                .field(ctx, "b", "select", "session-col-b", approved.get(1).map_or("", |x| x.0.as_str()))
                .options(approved)
                .field(ctx, "must_meet", "checkbox", "session-col-must", ""),
        );
    }
    let count = |s: &str| reqs.iter().filter(|r| r.status == s && r.origin == "request").count() as i64;
    p = p.lead(ctx.t2(
        "session-staff-requests",
        "pending",
        count("pending"),
        "declined",
        count("declined") + count("expired"),
    ));
    p.form(edit.titled(ctx, "session-staff-settings"))
        .link(format!("/sessions/{id}"), "session-public-page")
        .link("/staff/sessions", "session-staff-title")
}

pub async fn save_session(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    let ctx = Ctx::from_request(&req);
    let (id, r, now, st) = (id.into_inner(), raw(&body), state.clock.now(), state.clone());
    match sessions::parse_session(&r) {
        Ok(input) => {
            let i = id.clone();
            match state.db.run(move |c| sessions::update_session(c, st.env(), &me.user, &i, &input, now)).await? {
                Ok(_) => Ok(see_other(&format!("/staff/sessions/{id}?done=saved"))),
                Err(e) => refused(&ctx, e, &format!("/staff/sessions/{id}"), None),
            }
        }
        Err(errors) => {
            let i = id.clone();
            let board = state.db.run(move |c| board(c, &i, now)).await?.ok_or(AppError::NotFound)?;
            let form = session_form(&ctx, format!("/staff/sessions/{id}"), &r).with_errors(&ctx, &errors);
            staff_page(&ctx, &board, None, form).respond(StatusCode::UNPROCESSABLE_ENTITY, None)
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct StatusForm {
    #[serde(default)]
    to: String,
}

pub async fn set_status(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    form: web::Form<StatusForm>,
) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    let ctx = Ctx::from_request(&req);
    let to: SessionStatus = form.to.parse().map_err(|_| AppError::bad_param("to", ctx.t("session-bad-status")))?;
    let (id, now, st) = (id.into_inner(), state.clock.now(), state.clone());
    let i = id.clone();
    match state.db.run(move |c| sessions::transition(c, st.env(), &me.user, &i, to, now)).await? {
        Ok(_) => Ok(see_other(&format!("/staff/sessions/{id}?done=status"))),
        Err(r) => refused(&ctx, r, &format!("/staff/sessions/{id}"), None),
    }
}

pub async fn decide(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    form: web::Form<DecisionForm>,
) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    let ctx = Ctx::from_request(&req);
    let approve = match form.decision.as_str() {
        "accept" => true,
        "decline" => false,
        _ => return Err(AppError::bad_param("decision", ctx.t("session-bad-decision"))),
    };
    let ((id, pid), now, st) = (path.into_inner(), state.clock.now(), state.clone());
    match state.db.run(move |c| registration::decide(c, st.env(), &me.user, &pid, approve, now)).await? {
        Ok(_) => Ok(see_other(&format!("/staff/sessions/{id}?done={}", if approve { "approved" } else { "rejected" }))),
        Err(r) => refused(&ctx, r, &format!("/staff/sessions/{id}"), None),
    }
}

pub async fn broker(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    let ctx = Ctx::from_request(&req);
    let (id, r, now) = (id.into_inner(), raw(&body), state.clock.now());
    let i = id.clone();
    let must = !r.get("must_meet").is_empty();
    match state.db.run(move |c| requests::broker(c, &me.user, &i, (r.get("a"), r.get("b")), must, now)).await? {
        Ok(_) => Ok(see_other(&format!("/staff/sessions/{id}?done=brokered"))),
        Err(e) => refused(&ctx, e, &format!("/staff/sessions/{id}"), None),
    }
}

#[derive(Debug, Deserialize)]
pub struct PairForm {
    #[serde(default)]
    action: String,
}

pub async fn change_pair(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    form: web::Form<PairForm>,
) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    let ctx = Ctx::from_request(&req);
    let change = match form.action.as_str() {
        "remove" => requests::PairChange::Remove,
        "must" => requests::PairChange::MustMeet(true),
        "may" => requests::PairChange::MustMeet(false),
        _ => return Err(AppError::bad_param("action", ctx.t("session-bad-decision"))),
    };
    let ((id, rid), now) = (path.into_inner(), state.clock.now());
    match state.db.run(move |c| requests::staff_change(c, &me.user, &rid, change, now)).await? {
        Ok(_) => Ok(see_other(&format!("/staff/sessions/{id}?done=pair_changed"))),
        Err(e) => refused(&ctx, e, &format!("/staff/sessions/{id}"), None),
    }
}
