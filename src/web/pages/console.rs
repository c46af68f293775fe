//! The staff console: `/staff` with today's work and the way to every staff page, the outbox
//! (what was sent, what failed and why, retry) and the audit log with its filters.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::panel::{Cell, DoneQuery, Panel, Row, Table, date_param, done_notice, private_page, see_other};
use crate::catalogue::key_of;
use crate::db::{self, outbox::OutboxRow};
use crate::domain::{local_date, utc_of_local};
use crate::error::AppError;
use crate::services::console;
use crate::state::AppState;
use crate::web::auth;
use crate::web::forms::Form;
use crate::web::i18n::Ctx;

#[derive(Template)]
#[template(path = "pages/staff/console.html")]
struct ConsolePage {
    ctx: Ctx,
    today: String,
    notice: Option<String>,
    /// (link, count, label, needs attention)
    tiles: Vec<(String, String, String, bool)>,
    tables: Vec<Table>,
    links: Vec<(String, String)>,
}

/// The staff areas, in the order of the day's work.
const AREAS: [(&str, &str); 15] = [
    ("/staff/review", "nav-review"),
    ("/staff/organisations", "nav-staff"),
    ("/staff/sessions", "nav-staff-sessions"),
    ("/staff/interests", "nav-staff-interests"),
    ("/staff/suggestions", "nav-suggestions"),
    ("/staff/showcase", "nav-curate"),
    ("/staff/statistics", "stats-staff-title"),
    ("/staff/yearly", "yearly-title"),
    ("/staff/reports", "report-range-title"),
    ("/staff/news", "news-staff-title"),
    ("/staff/pages", "pages-staff-title"),
    ("/staff/outbox", "outbox-title"),
    ("/staff/audit", "audit-title"),
    ("/admin/staff", "nav-admin"),
    ("/admin/users", "admin-users-title"),
];

/// An email row of a table, with its retry button when it is not sent.
fn email_row(ctx: &Ctx, r: &OutboxRow) -> Row {
    let mut actions = Vec::new();
    if r.status != db::outbox::SENT {
        actions.push(Form::new(ctx, "retry", format!("/staff/outbox/{}/retry", r.id), "outbox-retry"));
    }
    Row {
        cells: vec![
            Cell::text(ctx.when(r.created_at)),
            Cell::text(&r.recipient),
            Cell::text(&r.subject),
            Cell::text(ctx.t(&key_of("outbox-status", &r.status))),
            Cell::text(r.attempts.to_string()),
            Cell::text(r.last_error.clone().unwrap_or_default()),
        ],
        actions,
    }
}

fn email_table(ctx: &Ctx, caption: &str, rows: &[OutboxRow]) -> Table {
    Table {
        caption: ctx.t(caption),
        headers: [
            "outbox-created",
            "outbox-recipient",
            "outbox-subject",
            "outbox-status",
            "outbox-attempts",
            "outbox-error",
        ]
        .iter()
        .map(|k| ctx.t(k))
        .collect(),
        rows: rows.iter().map(|r| email_row(ctx, r)).collect(),
    }
}

pub async fn home(
    req: HttpRequest,
    state: web::Data<AppState>,
    q: web::Query<DoneQuery>,
) -> Result<HttpResponse, AppError> {
    let ctx = Ctx::from_request(&req);
    let now = state.clock.now();
    let t = state.db.run(move |c| console::today(c, now)).await?;
    let n = |x: usize| ctx.number(&(x as i64));
    let follow: usize = t.follow_ups.iter().map(|f| f.unanswered).sum();
    let tiles = vec![
        (
            "/staff/review".to_string(),
            n(t.listings + t.revisions),
            ctx.t("console-to-review"),
            t.listings + t.revisions > 0,
        ),
        (
            "/staff/organisations".to_string(),
            n(t.organisations + t.changes),
            ctx.t("console-to-verify"),
            t.organisations + t.changes > 0,
        ),
        ("/staff/sessions".to_string(), n(t.sessions.len()), ctx.t("console-sessions"), false),
        (
            "/staff/outbox?status=failed".to_string(),
            n(t.failed.len() + t.late.len()),
            ctx.t("console-emails"),
            !t.failed.is_empty() || !t.late.is_empty(),
        ),
        ("#follow-ups".to_string(), n(follow), ctx.t("console-follow-ups"), follow > 0),
    ];
    let l = ctx.locale;
    let mut tables = vec![Table {
        caption: ctx.t("console-sessions"),
        headers: ["session-date", "session-title", "my-status", "console-next-step"].iter().map(|k| ctx.t(k)).collect(),
        rows: t
            .sessions
            .iter()
            .map(|v| Row {
                cells: vec![
                    Cell::text(ctx.date(v.row.session_date)),
                    Cell::link(v.title(l), format!("/staff/sessions/{}", v.row.id)),
                    Cell::text(v.status.label(l)),
                    Cell::text(ctx.t(&key_of("console-next", v.status.code()))),
                ],
                actions: vec![],
            })
            .collect(),
    }];
    if !t.failed.is_empty() {
        tables.push(email_table(&ctx, "console-failed", &t.failed));
    }
    if !t.late.is_empty() {
        tables.push(email_table(&ctx, "console-late", &t.late));
    }
    tables.push(Table {
        caption: ctx.t("console-follow-ups"),
        headers: ["session-date", "session-title", "console-round", "console-unanswered"]
            .iter()
            .map(|k| ctx.t(k))
            .collect(),
        rows: t
            .follow_ups
            .iter()
            .map(|f| Row {
                cells: vec![
                    Cell::text(ctx.date(f.view.row.session_date)),
                    Cell::link(f.view.title(l), format!("/staff/sessions/{}/report", f.view.row.id)),
                    Cell::text(ctx.t1("console-round-days", "days", f.round)),
                    Cell::text(n(f.unanswered)),
                ],
                actions: vec![],
            })
            .collect(),
    });
    let links = AREAS
        .iter()
        .filter(|(href, _)| !href.starts_with("/admin") || ctx.user.as_ref().is_some_and(|u| u.admin))
        .map(|(href, k)| (href.to_string(), ctx.t(k)))
        .collect();
    private_page(&ConsolePage {
        today: ctx.date(local_date(now)),
        notice: done_notice(&ctx, &key_of("staff-done", &q.done)),
        ctx,
        tiles,
        tables,
        links,
    })
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct OutboxQuery {
    status: String,
    done: String,
}

const OUTBOX_STATUSES: [&str; 4] = ["queued", "sending", "failed", "sent"];

pub async fn outbox(
    req: HttpRequest,
    state: web::Data<AppState>,
    q: web::Query<OutboxQuery>,
) -> Result<HttpResponse, AppError> {
    let ctx = Ctx::from_request(&req);
    let status = OUTBOX_STATUSES.iter().copied().find(|s| *s == q.status);
    let (rows, counts) = state.db.run(move |c| Ok((db::outbox::list(c, status, 200)?, db::outbox::counts(c)?))).await?;
    let count = |s: &str| counts.iter().find(|(k, _)| k == s).map_or(0, |(_, n)| *n);
    let mut p = Panel::new(&ctx, "outbox-title").lead(ctx.t("outbox-lead"));
    if let Some(n) = done_notice(&ctx, &key_of("staff-done", &q.done)) {
        p = p.notice(n);
    }
    let options =
        std::iter::once((String::new(), ctx.t("outbox-all")))
            .chain(OUTBOX_STATUSES.iter().map(|s| {
                (s.to_string(), format!("{} ({})", ctx.t(&key_of("outbox-status", s)), ctx.number(&count(s))))
            }))
            .collect();
    p.filter = Some(
        Form::new(&ctx, "by-status", "/staff/outbox", "audit-filter")
            .get()
            .field(&ctx, "status", "select", "outbox-status", status.unwrap_or_default())
            .options(options),
    );
    if count(db::outbox::FAILED) > 0 {
        p = p.form(Form::new(&ctx, "retry-all", "/staff/outbox/retry", "outbox-retry-all"));
    }
    p.table = Some(email_table(&ctx, "outbox-list", &rows));
    p.link("/staff", "console-title").ok()
}

pub async fn retry(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    let now = state.clock.now();
    let id = id.into_inner();
    if state.db.run(move |c| console::retry(c, me.user.id, &id, now)).await? {
        Ok(see_other("/staff/outbox?done=retried"))
    } else {
        Err(AppError::NotFound)
    }
}

pub async fn retry_all(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    let now = state.clock.now();
    state.db.run(move |c| console::retry_failed(c, me.user.id, now)).await?;
    Ok(see_other("/staff/outbox?done=retried"))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct AuditQuery {
    action: String,
    entity: String,
    id: String,
    from: String,
    to: String,
    page: String,
    actor: String,
}

/// Entries per page of the audit log.
const AUDIT_PAGE: i64 = 100;

pub async fn audit(
    req: HttpRequest,
    state: web::Data<AppState>,
    q: web::Query<AuditQuery>,
) -> Result<HttpResponse, AppError> {
    let ctx = Ctx::from_request(&req);
    let (from, to) = (date_param(&ctx, "from", &q.from)?, date_param(&ctx, "to", &q.to)?);
    let page = super::panel::page_param(&q.page)?;
    let actor: Option<crate::domain::UserId> = match q.actor.trim() {
        "" => None,
        a => Some(a.parse().map_err(|_| AppError::bad_param("actor", "an account id"))?),
    };
    let clean = |s: &str| ketnoi_text::clean_lossy(s).trim().chars().take(100).collect::<String>();
    let filter = db::audit::Filter {
        action: clean(&q.action),
        entity_type: clean(&q.entity),
        entity_id: clean(&q.id),
        actor: actor.map(|a| a.to_string()),
        from: from.map(|d| utc_of_local(d.and_time(chrono::NaiveTime::MIN))),
        to: to.map(|d| utc_of_local(d.and_hms_opt(23, 59, 59).unwrap_or_default())),
    };
    let f = filter.clone();
    let (entries, types, names) = state
        .db
        .run(move |c| {
            let entries = db::audit::filtered(c, &f, page * AUDIT_PAGE, AUDIT_PAGE + 1)?;
            let types = db::audit::entity_types(c)?;
            let ids: Vec<crate::domain::UserId> = entries
                .iter()
                .filter_map(|e| e.actor_id.as_deref().and_then(|a| a.parse().ok()))
                .chain(actor)
                .collect();
            Ok((entries, types, db::users::names(c, &ids)?))
        })
        .await?;
    let more = entries.len() as i64 > AUDIT_PAGE;
    let options =
        std::iter::once((String::new(), ctx.t("audit-any"))).chain(types.into_iter().map(|t| (t.clone(), t))).collect();
    let form = Form::new(&ctx, "audit-filter", "/staff/audit", "audit-filter")
        .get()
        .field(&ctx, "action", "text", "audit-action", &filter.action)
        .hint(&ctx, "audit-action-hint")
        .field(&ctx, "entity", "select", "audit-entity", &filter.entity_type)
        .options(options)
        .field(&ctx, "id", "text", "audit-entity-id", &filter.entity_id)
        .field(&ctx, "from", "date", "audit-from", q.from.trim())
        .field(&ctx, "to", "date", "audit-to", q.to.trim());
    let mut p = Panel::new(&ctx, "audit-title").lead(ctx.t("audit-lead"));
    // One person's actions (from a name in the list): kept through the filter form.
    let form = match actor {
        Some(a) => {
            p = p.lead(ctx.t1("audit-by", "name", names.get(&a).cloned().unwrap_or_default()));
            p = p.link("/staff/audit", "audit-everyone");
            form.field(&ctx, "actor", "hidden", "", &a.to_string())
        }
        None => form,
    };
    p.filter = Some(form);
    p.table = Some(Table {
        caption: ctx.t("audit-list"),
        headers: ["audit-at", "audit-who", "audit-action", "audit-entity", "audit-detail"]
            .iter()
            .map(|k| ctx.t(k))
            .collect(),
        rows: entries
            .iter()
            .take(AUDIT_PAGE as usize)
            .map(|e| Row {
                cells: vec![
                    Cell::text(ctx.when(e.at)),
                    match e.actor_id.as_deref().and_then(|a| a.parse().ok()).and_then(|a| Some((a, names.get(&a)?))) {
                        Some((a, name)) => Cell::link(name, format!("/staff/audit?actor={a}")),
                        None => Cell::text(ctx.t("audit-system")),
                    },
                    Cell::text(&e.action),
                    Cell::link(
                        format!("{} {}", e.entity_type, e.entity_id.chars().take(12).collect::<String>()),
                        format!("/staff/audit?entity={}&id={}", urlencode(&e.entity_type), urlencode(&e.entity_id)),
                    ),
                    Cell::text(e.detail.chars().take(300).collect::<String>()),
                ],
                actions: vec![],
            })
            .collect(),
    });
    if more {
        // The same filters, one page further.
        let mut query: Vec<String> = req
            .query_string()
            .split('&')
            .filter(|kv| !kv.is_empty() && !kv.starts_with("page="))
            .map(str::to_string)
            .collect();
        query.push(format!("page={}", page + 1));
        p = p.link(format!("/staff/audit?{}", query.join("&")), "audit-older");
    }
    p.link("/staff", "console-title").ok()
}

pub(crate) fn urlencode(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}
