//! Expressions of interest on the site: "Quan tâm / Interested" on a listing's page, the
//! organisation's page of sent and received expressions (`/my/interests`) with their answers,
//! withdrawals and, once accepted, both contacts; and the answer link of the owner's email, whose
//! page asks for the answer before anything changes.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use askama_web::WebTemplate;
use serde::Deserialize;

use super::panel::{Cell, DoneQuery, Panel, Row, Table, see_other};
use crate::catalogue::key_of;
use crate::db::interests::Interest;
use crate::domain::{Contact, ContactVisibility, Listing, ListingKind, policy};
use crate::error::AppError;
use crate::services::interests::{self, Status};
use crate::services::listings::Refused;
use crate::services::listings::input::{kind_in_path, plural};
use crate::state::AppState;
use crate::web::auth;
use crate::web::forms::Form;
use crate::web::i18n::Ctx;

/// The message of an expression of interest.
#[derive(Debug, Deserialize)]
pub struct MessageForm {
    #[serde(default)]
    message: String,
    /// The matched words of the suggestion it was sent from (`|`-separated), if any.
    #[serde(default)]
    reasons: String,
}

/// An answer: `accept` or `decline`, with a message.
#[derive(Debug, Deserialize)]
pub struct AnswerForm {
    #[serde(default)]
    decision: String,
    #[serde(default)]
    answer: String,
    /// The emailed link's token (answers without a session).
    #[serde(default)]
    token: String,
}

/// The form that sends an expression on a listing's page (and again, with its error, when the
/// message was refused).
pub fn express_form(ctx: &Ctx, kind: ListingKind, id: &str, message: &str, reasons: &str) -> Form {
    let mut f = Form::new(ctx, "interest", format!("/{}/{id}/interest", plural(kind)), "interest-send")
        .field(ctx, "message", "textarea", "interest-message", message)
        .hint(ctx, "interest-message-hint");
    if !reasons.is_empty() {
        f = f.field(ctx, "reasons", "hidden", "", reasons);
    }
    f
}

fn decision(ctx: &Ctx, value: &str) -> Result<bool, AppError> {
    match value {
        "accept" => Ok(true),
        "decline" => Ok(false),
        _ => Err(AppError::bad_param("decision", ctx.t("interest-bad-decision"))),
    }
}

/// The answer form of an open received expression (on the organisation's page, or behind the
/// emailed link with its token).
fn answer_form(ctx: &Ctx, action: String, token: Option<&str>) -> Form {
    let mut f = Form::new(ctx, "answer", action, "interest-answer-send");
    if let Some(t) = token {
        f = f.field(ctx, "token", "hidden", "", t);
    }
    f.field(ctx, "decision", "select", "interest-decision", "accept")
        .options(vec![
            ("accept".into(), ctx.t("interest-decision-accept")),
            ("decline".into(), ctx.t("interest-decision-decline")),
        ])
        .field(ctx, "answer", "textarea", "interest-answer", "")
        .hint(ctx, "interest-message-hint")
}

fn refused(ctx: &Ctx, r: Refused, back: &str, form: Option<Form>) -> Result<HttpResponse, AppError> {
    match r {
        Refused::NotFound => Err(AppError::NotFound),
        Refused::Invalid(errors) => {
            let p = Panel::new(ctx, "interest-refused");
            let p = match form {
                Some(f) => p.form(f.with_errors(ctx, &errors)),
                None => p.lead(errors.iter().map(|e| ctx.field_error(e)).collect::<Vec<_>>().join(" ")),
            };
            p.link(back, "interest-back").respond(StatusCode::UNPROCESSABLE_ENTITY, None)
        }
        Refused::State(key) => Panel::new(ctx, "interest-refused")
            .lead(ctx.t(key))
            .link(back, "interest-back")
            .link("/my/interests", "interests-title")
            .respond(StatusCode::CONFLICT, None),
        Refused::Conflict(_) => Err(AppError::Conflict(String::new())),
    }
}

/// "Interested": sends an expression on a listing of another organisation.
pub async fn express(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    form: web::Form<MessageForm>,
) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    let ctx = Ctx::from_request(&req);
    let kind = kind_in_path(req.path());
    let (id, now, st) = (id.into_inner(), state.clock.now(), state.clone());
    let form = form.into_inner();
    let reasons: Vec<String> =
        form.reasons.split('|').map(str::trim).filter(|r| !r.is_empty()).take(10).map(str::to_string).collect();
    let (i, m, r) = (id.clone(), form.message.clone(), reasons.clone());
    let done = state
        .db
        .run(move |c| {
            let e = interests::Expression { kind, listing_id: &i, message: &m, reasons: &r };
            interests::express(c, st.env(), &me.user, e, now)
        })
        .await?;
    let back = format!("/{}/{id}", plural(kind));
    match done {
        Ok(_) => Ok(see_other(&format!("{back}?done=interest_sent#interest"))),
        Err(r) => {
            let again = express_form(&ctx, kind, &id, &form.message, &form.reasons);
            refused(&ctx, r, &back, Some(again))
        }
    }
}

/// One expression as the organisation's page shows it.
pub struct EntryView {
    pub id: String,
    pub status: String,
    pub status_code: &'static str,
    pub when: String,
    pub listing: String,
    pub href: Option<String>,
    pub other: String,
    pub message: String,
    pub reasons: Vec<String>,
    pub answer: String,
    /// The other side's contact, once accepted (as its consent and the listing allow).
    pub contact: Option<Contact>,
    pub answer_form: Option<Form>,
    pub withdraw_form: Option<Form>,
    /// A link to the conversation (not on the conversation's own page).
    pub thread_link: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/interests/mine.html")]
pub struct InterestsPage {
    ctx: Ctx,
    received: Vec<EntryView>,
    sent: Vec<EntryView>,
    notice: Option<String>,
}

/// The contact an accepted expression shows: the owner's to the sender (as the listing's
/// visibility allows; "after mutual interest" now does), the sender's to the owner (as its
/// consent allows).
fn contact_of(e: &interests::Entry, viewer: &policy::Actor) -> Option<Contact> {
    let other = e.other.as_ref()?;
    if Status::of(&e.interest.status) != Status::Accepted {
        return None;
    }
    let visibility = match (&e.listing, e.sent) {
        (Some(Listing::Offer(o)), true) => o.contact_visibility,
        _ => ContactVisibility::Members,
    };
    policy::can_see_contact(Some(viewer), other.id, other.contact.share, visibility, true)
        .then(|| other.contact.clone())
}

fn entry_view(ctx: &Ctx, e: &interests::Entry, viewer: &policy::Actor) -> EntryView {
    let i: &Interest = &e.interest;
    let status = Status::of(&i.status);
    let open = status == Status::Open;
    let href = e.listing.as_ref().map(|l| format!("/{}/{}", plural(l.kind()), l.id()));
    EntryView {
        id: i.id.clone(),
        status: ctx.t(&key_of("interest-status", status.code())),
        status_code: status.code(),
        when: ctx.when(i.created_at),
        listing: e.listing.as_ref().map(|l| l.title_for(ctx.locale).to_string()).unwrap_or_default(),
        href,
        other: e.other.as_ref().map(|o| o.name.clone()).unwrap_or_default(),
        message: i.message.clone(),
        reasons: i.reasons.split('|').filter(|r| !r.is_empty()).map(str::to_string).collect(),
        answer: i.answer.clone(),
        contact: contact_of(e, viewer),
        answer_form: (open && !e.sent).then(|| answer_form(ctx, format!("/my/interests/{}/answer", i.id), None)),
        withdraw_form: (open && e.sent).then(|| {
            Form::new(ctx, "withdraw", format!("/my/interests/{}/withdraw", i.id), "interest-withdraw").danger()
        }),
        thread_link: status == Status::Accepted,
    }
}

/// The organisation's expressions of interest, received and sent.
pub async fn mine(
    req: HttpRequest,
    state: web::Data<AppState>,
    q: web::Query<DoneQuery>,
) -> Result<InterestsPage, AppError> {
    let me = auth::require(&req)?;
    let ctx = Ctx::from_request(&req);
    let org = me.actor.organisation.ok_or(AppError::NotFound)?;
    let entries = state.db.run(move |c| interests::of_organisation(c, org)).await?;
    let (sent, received): (Vec<_>, Vec<_>) = entries.iter().partition(|e| e.sent);
    let notice = super::panel::done_notice(&ctx, &key_of("interest-done", &q.done));
    Ok(InterestsPage {
        received: received.into_iter().map(|e| entry_view(&ctx, e, &me.actor)).collect(),
        sent: sent.into_iter().map(|e| entry_view(&ctx, e, &me.actor)).collect(),
        notice,
        ctx,
    })
}

/// Accepts or declines a received expression.
pub async fn answer(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    form: web::Form<AnswerForm>,
) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    let ctx = Ctx::from_request(&req);
    let accept = decision(&ctx, &form.decision)?;
    let (id, now, st, text) = (id.into_inner(), state.clock.now(), state.clone(), form.answer.clone());
    let i = id.clone();
    match state.db.run(move |c| interests::answer(c, st.env(), &me.user, &i, accept, &text, now)).await? {
        Ok(_) => Ok(see_other(&format!("/my/interests?done={}", if accept { "accepted" } else { "declined" }))),
        Err(r) => {
            let again = answer_form(&ctx, format!("/my/interests/{id}/answer"), None);
            refused(&ctx, r, "/my/interests", Some(again))
        }
    }
}

/// Withdraws a sent expression while it is open.
pub async fn withdraw(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    let ctx = Ctx::from_request(&req);
    let (id, now) = (id.into_inner(), state.clock.now());
    match state.db.run(move |c| interests::withdraw(c, &me.user, &id, now)).await? {
        Ok(_) => Ok(see_other("/my/interests?done=withdrawn")),
        Err(r) => refused(&ctx, r, "/my/interests", None),
    }
}

fn link_failed(ctx: &Ctx, e: crate::domain::signed::LinkError) -> Result<HttpResponse, AppError> {
    Panel::new(ctx, "interest-link-failed")
        .lead(format!("{} {}", super::account::link_error_text(ctx, e), ctx.t("interest-link-closed")))
        .link("/my/interests", "interests-title")
        .respond(StatusCode::BAD_REQUEST, None)
}

/// The answer link of the owner's email: shows the expression and the answer form; nothing
/// changes until the form is posted.
pub async fn link_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    q: web::Query<super::account::TokenQuery>,
) -> Result<HttpResponse, AppError> {
    let ctx = Ctx::from_request(&req);
    let (st, token) = (state.clone(), q.into_inner().token);
    let t = token.clone();
    match state.db.run(move |c| interests::link_target(c, st.env(), &t)).await? {
        Ok((i, title, from)) => {
            let mut p = Panel::new(&ctx, "interest-answer-title").lead(ctx.t2(
                "interest-answer-lead",
                "from",
                from.as_str(),
                "title",
                title.as_str(),
            ));
            if !i.message.is_empty() {
                p = p.lead(ctx.t1("interest-their-message", "message", i.message.as_str()));
            }
            p.form(answer_form(&ctx, "/interest".into(), Some(&token))).ok()
        }
        Err(e) => link_failed(&ctx, e),
    }
}

/// Answers from the emailed link once its form was posted.
pub async fn by_link(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<AnswerForm>,
) -> Result<HttpResponse, AppError> {
    let ctx = Ctx::from_request(&req);
    let accept = decision(&ctx, &form.decision)?;
    let (now, st) = (state.clock.now(), state.clone());
    let form = form.into_inner();
    let (token, text) = (form.token.clone(), form.answer.clone());
    match state.db.run(move |c| interests::answer_by_link(c, st.env(), &token, accept, &text, now)).await? {
        Ok(_) => Panel::new(&ctx, "interest-answered-title")
            .lead(ctx.t(if accept { "interest-done-accepted" } else { "interest-done-declined" }))
            .link("/my/interests", "interests-title")
            .ok(),
        Err(Refused::Invalid(errors)) => Panel::new(&ctx, "interest-answer-title")
            .form(answer_form(&ctx, "/interest".into(), Some(&form.token)).with_errors(&ctx, &errors))
            .respond(StatusCode::UNPROCESSABLE_ENTITY, None),
        Err(Refused::State(key)) => Panel::new(&ctx, "interest-link-failed")
            .lead(format!("{} {}", ctx.t(key), ctx.t("interest-link-closed")))
            .link("/my/interests", "interests-title")
            .respond(StatusCode::BAD_REQUEST, None),
        Err(_) => Err(AppError::NotFound),
    }
}

/// The staff's view of the pipeline: how many expressions were sent, answered, accepted,
/// declined, withdrawn and lapsed, and how fast owners answered, by month and by sector.
pub async fn staff(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let ctx = Ctx::from_request(&req);
    let p = state.db.run(|c| interests::pipeline(c, None)).await?;
    let headers: Vec<String> = [
        "interest-staff-sent",
        "interest-status-open",
        "interest-status-accepted",
        "interest-status-declined",
        "interest-status-withdrawn",
        "interest-status-expired",
        "interest-staff-median",
    ]
    .iter()
    .map(|k| ctx.t(k))
    .collect();
    let cells = |first: String, c: &interests::Counts| {
        let n = |x: usize| Cell::text(ctx.number(&(x as i64)));
        let hours = c.median_hours.map_or_else(
            || "—".to_string(),
            |h| ctx.t1("interest-staff-hours", "hours", ctx.number(&(h.round() as i64)).as_str()),
        );
        Row {
            cells: vec![
                Cell::text(first),
                n(c.sent),
                n(c.open),
                n(c.accepted),
                n(c.declined),
                n(c.withdrawn),
                n(c.expired),
                Cell::text(hours),
            ],
            actions: Vec::new(),
        }
    };
    let table = |caption: &str, first: &str, rows: Vec<Row>| Table {
        caption: ctx.t(caption),
        headers: std::iter::once(ctx.t(first)).chain(headers.iter().cloned()).collect(),
        rows,
    };
    let mut page = Panel::new(&ctx, "interest-staff-title").lead(ctx.t("interest-staff-lead"));
    let mut total = vec![cells(ctx.t("interest-staff-all"), &p.total)];
    total.extend(p.by_month.iter().map(|(m, c)| cells(m.clone(), c)));
    page.table = Some(table("interest-staff-by-month", "interest-staff-month", total));
    page.extra_tables.push(table(
        "interest-staff-by-sector",
        "field-sector",
        p.by_sector.iter().map(|(s, c)| cells(s.label(ctx.locale), c)).collect(),
    ));
    let reported = state.db.run(interests::reported).await?;
    page.extra_tables.push(Table {
        caption: ctx.t("interest-staff-reported"),
        headers: ["interest-staff-reported-at", "interest-staff-author", "interest-thread-body"]
            .iter()
            .map(|k| ctx.t(k))
            .collect(),
        rows: reported
            .iter()
            .map(|(m, org)| Row {
                cells: vec![
                    Cell::text(m.reported_at.map(|t| ctx.when(t)).unwrap_or_default()),
                    Cell::text(org.clone()),
                    Cell::link(
                        m.body.chars().take(160).collect::<String>(),
                        format!("/my/interests/{}#m-{}", m.interest_id, m.id),
                    ),
                ],
                actions: Vec::new(),
            })
            .collect(),
    });
    page.ok()
}

/// A message of a thread as its page shows it.
pub struct MessageView {
    pub id: String,
    pub org: String,
    pub when: String,
    pub body: String,
    pub mine: bool,
    pub reported: bool,
    pub report: Option<Form>,
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/interests/thread.html")]
pub struct ThreadPage {
    ctx: Ctx,
    entry: EntryView,
    messages: Vec<MessageView>,
    post_form: Option<Form>,
    empty_key: &'static str,
    notice: Option<String>,
}

fn post_form(ctx: &Ctx, id: &str, body: &str) -> Form {
    Form::new(ctx, "message", format!("/my/interests/{id}/messages"), "interest-thread-send")
        .field(ctx, "body", "textarea", "interest-thread-body", body)
        .required()
        .hint(ctx, "interest-thread-hint")
}

/// The conversation an accepted expression opens: members of both organisations write, staff
/// read.
pub async fn thread(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    q: web::Query<DoneQuery>,
) -> Result<ThreadPage, AppError> {
    let me = auth::require(&req)?;
    let ctx = Ctx::from_request(&req);
    let user = me.user.clone();
    let t = state.db.run(move |c| interests::thread(c, &user, &id)).await?.ok_or(AppError::NotFound)?;
    let mine = me.actor.organisation.map(|o| o.to_string());
    let messages = t
        .messages
        .iter()
        .map(|(m, org)| MessageView {
            id: m.id.clone(),
            org: org.clone(),
            when: ctx.when(m.created_at),
            body: m.body.clone(),
            mine: mine.as_deref() == Some(m.author_org.as_str()),
            reported: m.reported_at.is_some(),
            report: (t.can_post && m.reported_at.is_none() && mine.as_deref() != Some(m.author_org.as_str())).then(
                || {
                    Form::new(
                        &ctx,
                        "report",
                        format!("/my/interests/{}/messages/{}/report", m.interest_id, m.id),
                        "interest-thread-report",
                    )
                    .danger()
                },
            ),
        })
        .collect();
    let notice = super::panel::done_notice(&ctx, &key_of("interest-done", &q.done));
    Ok(ThreadPage {
        entry: EntryView { thread_link: false, ..entry_view(&ctx, &t.entry, &me.actor) },
        messages,
        post_form: t.can_post.then(|| post_form(&ctx, &t.entry.interest.id, "")),
        empty_key: if t.can_post { "interest-thread-empty" } else { "interest-thread-not-open" },
        notice,
        ctx,
    })
}

/// The body of a message.
#[derive(Debug, Deserialize)]
pub struct BodyForm {
    #[serde(default)]
    body: String,
}

/// Writes in a thread.
pub async fn post_message(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    form: web::Form<BodyForm>,
) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    let ctx = Ctx::from_request(&req);
    let (id, now, st, body) = (id.into_inner(), state.clock.now(), state.clone(), form.into_inner().body);
    let (i, b) = (id.clone(), body.clone());
    match state.db.run(move |c| interests::post(c, st.env(), &me.user, &i, &b, now)).await? {
        Ok(m) => Ok(see_other(&format!("/my/interests/{id}?done=posted#m-{}", m.id))),
        Err(r) => refused(&ctx, r, &format!("/my/interests/{id}"), Some(post_form(&ctx, &id, &body))),
    }
}

/// Reports a message to the centre's staff.
pub async fn report(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    let ctx = Ctx::from_request(&req);
    let ((_, message), now) = (path.into_inner(), state.clock.now());
    match state.db.run(move |c| interests::report(c, &me.user, &message, now)).await? {
        Ok(id) => Ok(see_other(&format!("/my/interests/{id}?done=reported"))),
        Err(r) => refused(&ctx, r, "/my/interests", None),
    }
}
