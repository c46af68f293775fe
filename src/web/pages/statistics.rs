//! Statistics: the public page of headline figures (`/statistics`), the staff's statistics over a
//! date range with charts and their tables (`/staff/statistics`, also as CSV and XLSX), and the
//! yearly report against the centre's targets (`/staff/yearly`, printable and XLSX), where staff
//! record service contracts and admins set the targets.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono::{Datelike, NaiveDate};
use serde::Deserialize;

use super::panel::{
    Cell, Row, Table, date_param, done_notice, download, private_page, private_page_with, public_page, see_other,
};
use crate::catalogue::key_of;
use crate::domain::local_date;
use crate::error::AppError;
use crate::services::sessions::report::Sheet;
use crate::services::statistics::{self, Pair, Targets, Yearly};
use crate::state::AppState;
use crate::validate::FieldError;
use crate::web::auth;
use crate::web::charts::{Bar, bars};
use crate::web::forms::Form;
use crate::web::i18n::Ctx;

/// A chart with its table, and the same table for the exports.
#[derive(Debug, Clone)]
pub struct Section {
    pub title: String,
    pub note: Option<String>,
    pub chart: String,
    pub table: Table,
    /// Raw numbers for CSV and XLSX (no grouping, no currency sign).
    pub sheet: Sheet,
}

/// One value per row, or several (`series` names them).
struct Series<'a> {
    ctx: &'a Ctx,
    title: String,
    /// The header of the label column, then one per series.
    headers: Vec<String>,
    rows: Vec<(String, Vec<i64>)>,
    money: bool,
}

impl Series<'_> {
    fn section(self) -> Section {
        let ctx = self.ctx;
        let show = |v: i64| if self.money { ctx.money(v) } else { ctx.number(&v) };
        let legend: Vec<String> = self.headers[1..].to_vec();
        let bars_rows: Vec<Bar> = self
            .rows
            .iter()
            .map(|(l, v)| Bar { label: l.clone(), values: v.clone(), shown: v.iter().map(|x| show(*x)).collect() })
            .collect();
        Section {
            chart: bars(&self.title, &legend, &bars_rows),
            table: Table {
                caption: self.title.clone(),
                headers: self.headers.clone(),
                rows: self
                    .rows
                    .iter()
                    .map(|(l, v)| Row {
                        cells: std::iter::once(Cell::text(l)).chain(v.iter().map(|x| Cell::text(show(*x)))).collect(),
                        actions: vec![],
                    })
                    .collect(),
            },
            sheet: Sheet {
                name: self.title.clone(),
                headers: self.headers.clone(),
                rows: self
                    .rows
                    .iter()
                    .map(|(l, v)| std::iter::once(l.clone()).chain(v.iter().map(|x| x.to_string())).collect())
                    .collect(),
            },
            title: self.title,
            note: None,
        }
    }
}

fn hs(ctx: &Ctx, keys: &[&str]) -> Vec<String> {
    keys.iter().map(|k| ctx.t(k)).collect()
}

fn pairs<K>(ctx: &Ctx, title: &str, first: &str, rows: &[(K, Pair)], label: impl Fn(&K) -> String) -> Section {
    Series {
        ctx,
        title: ctx.t(title),
        headers: hs(ctx, &[first, "stats-offers", "stats-needs"]),
        rows: rows.iter().map(|(k, p)| (label(k), vec![p.offers as i64, p.needs as i64])).collect(),
        money: false,
    }
    .section()
}

fn n(x: usize) -> i64 {
    i64::try_from(x).unwrap_or(i64::MAX)
}

#[derive(Template)]
#[template(path = "pages/statistics/public.html")]
struct PublicPage {
    ctx: Ctx,
    tiles: Vec<(String, String)>,
    sections: Vec<Section>,
}

/// The public statistics page.
pub async fn public(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let ctx = Ctx::from_request(&req);
    let now = state.clock.now();
    let h = state.db.run(move |c| statistics::headline(c, now)).await?;
    let num = |x: usize| ctx.number(&n(x));
    let tiles = vec![
        (num(h.offers), ctx.t("stats-offers")),
        (num(h.needs), ctx.t("stats-needs")),
        (num(h.organisations), ctx.t("stats-organisations")),
        (num(h.sessions_held), ctx.t("stats-sessions-held")),
        (num(h.meetings_held), ctx.t("stats-meetings-held")),
        (num(h.contracts), ctx.t("stats-contracts")),
        (ctx.money(h.contract_value), ctx.t("stats-contract-value")),
    ];
    let l = ctx.locale;
    let sections = vec![pairs(&ctx, "stats-live-by-sector", "field-sector", &h.by_sector, |s| s.label(l))];
    public_page(&PublicPage { ctx, tiles, sections })
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct RangeQuery {
    from: String,
    to: String,
    format: String,
}

/// A date of the range, `default` when empty; a year the reports do not cover is a bad date.
fn range_date(ctx: &Ctx, name: &str, v: &str, default: NaiveDate) -> Result<NaiveDate, AppError> {
    match date_param(ctx, name, v)? {
        None => Ok(default),
        Some(d) if statistics::YEARS.contains(&d.year()) => Ok(d),
        Some(_) => Err(AppError::bad_param(name, ctx.t("err-date"))),
    }
}

#[derive(Template)]
#[template(path = "pages/statistics/staff.html")]
struct StaffPage {
    ctx: Ctx,
    lead: String,
    form: Form,
    links: Vec<(String, String)>,
    tiles: Vec<(String, String)>,
    sections: Vec<Section>,
}

fn staff_sections(ctx: &Ctx, s: &statistics::Stats) -> Vec<Section> {
    let l = ctx.locale;
    let t = &s.total;
    let mut out = vec![
        pairs(ctx, "stats-by-sector", "field-sector", &s.by_sector, |x| x.label(l)),
        pairs(ctx, "stats-by-status", "my-status", &s.by_status, |x| x.label(l)),
        pairs(ctx, "stats-by-month", "stats-month", &s.by_month, |m| m.clone()),
        Series {
            ctx,
            title: ctx.t("stats-orgs-by-kind"),
            headers: hs(ctx, &["org-kind", "stats-organisations"]),
            rows: s.orgs_by_kind.iter().map(|(k, c)| (k.label(l), vec![n(*c)])).collect(),
            money: false,
        }
        .section(),
        Series {
            ctx,
            title: ctx.t("stats-orgs-by-province"),
            headers: hs(ctx, &["org-province", "stats-organisations"]),
            rows: s.orgs_by_province.iter().map(|(k, c)| (k.label(l), vec![n(*c)])).collect(),
            money: false,
        }
        .section(),
        Series {
            ctx,
            title: ctx.t("stats-sessions"),
            headers: hs(ctx, &["session-title", "report-approved", "report-scheduled", "report-held"]),
            rows: s
                .sessions
                .iter()
                .map(|(v, f)| {
                    (
                        format!("{} · {}", ctx.date(v.row.session_date), v.title(l)),
                        vec![n(f.approved), n(f.scheduled), n(f.held)],
                    )
                })
                .collect(),
            money: false,
        }
        .section(),
        Series {
            ctx,
            title: ctx.t("stats-funnel"),
            headers: hs(ctx, &["report-figure", "stats-meetings"]),
            rows: [
                "stats-stage-held",
                "stats-stage-follow-up",
                "stats-stage-nda",
                "stats-stage-pilot",
                "stats-stage-contract",
            ]
            .iter()
            .enumerate()
            .map(|(i, k)| (ctx.t(k), vec![n(t.funnel[i])]))
            .collect(),
            money: false,
        }
        .section(),
    ];
    if let Some(f) = out.last_mut() {
        f.note = Some(ctx.t1("stats-funnel-value", "value", ctx.money(t.contract_value)));
    }
    let hours = |h: Option<f64>| h.map_or(0, |h| h.round() as i64);
    let mut months: Vec<_> = s.interests.by_month.clone();
    months.reverse();
    let mut response = Series {
        ctx,
        title: ctx.t("stats-response"),
        headers: hs(ctx, &["stats-month", "interest-staff-sent", "stats-accepted", "stats-median-hours"]),
        rows: months.iter().map(|(m, c)| (m.clone(), vec![n(c.sent), n(c.accepted), hours(c.median_hours)])).collect(),
        money: false,
    }
    .section();
    response.note = Some(match s.interests.total.median_hours {
        Some(h) => ctx.t1("stats-response-median", "hours", format!("{h:.1}")),
        None => ctx.t("stats-response-none"),
    });
    out.push(response);
    let mut unmet = Series {
        ctx,
        title: ctx.t("stats-unmet"),
        headers: hs(ctx, &["field-sector", "stats-unmet-needs", "stats-unanswered", "stats-offers"]),
        rows: s
            .unmet
            .iter()
            .map(|u| (u.sector.map(|x| x.label(l)).unwrap_or_default(), vec![n(u.needs), n(u.unanswered), n(u.offers)]))
            .collect(),
        money: false,
    }
    .section();
    unmet.note = Some(ctx.t("stats-unmet-note"));
    out.push(unmet);
    let mut feedback = Series {
        ctx,
        title: ctx.t("stats-precision"),
        headers: hs(ctx, &["field-sector", "suggest-staff-judged", "suggest-staff-useful", "stats-precision-percent"]),
        rows: s
            .feedback
            .iter()
            .map(|(sector, useful, judged)| {
                (sector.label(l), vec![n(*judged), n(*useful), n(useful * 100 / (*judged).max(1))])
            })
            .collect(),
        money: false,
    }
    .section();
    feedback.note = Some(ctx.t("suggest-staff-lead"));
    out.push(feedback);
    out
}

pub async fn staff(
    req: HttpRequest,
    state: web::Data<AppState>,
    q: web::Query<RangeQuery>,
) -> Result<HttpResponse, AppError> {
    let ctx = Ctx::from_request(&req);
    let now = state.clock.now();
    let today = local_date(now);
    let year_start = NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today);
    let from = range_date(&ctx, "from", &q.from, year_start)?;
    let to = range_date(&ctx, "to", &q.to, today)?;
    if from > to {
        return Err(AppError::bad_param("to", ctx.t("err-range")));
    }
    let s = state.db.run(move |c| statistics::stats(c, from, to, now)).await?;
    let sections = staff_sections(&ctx, &s);
    let sheets: Vec<Sheet> = sections.iter().map(|x| x.sheet.clone()).collect();
    if let Some(r) = download(&ctx, &q.format, &format!("statistics-{from}-{to}"), &sheets)? {
        return Ok(r);
    }
    let num = |x: usize| ctx.number(&n(x));
    let created = |f: fn(&Pair) -> usize| s.by_sector.iter().map(|(_, p)| f(p)).sum::<usize>();
    let tiles = vec![
        (num(created(|p| p.offers)), ctx.t("stats-new-offers")),
        (num(created(|p| p.needs)), ctx.t("stats-new-needs")),
        (num(s.orgs_by_kind.iter().map(|(_, c)| c).sum()), ctx.t("stats-new-organisations")),
        (num(s.total.sessions), ctx.t("stats-sessions-held")),
        (num(s.total.held), ctx.t("stats-meetings-held")),
        (num(s.total.contracts()), ctx.t("stats-contracts")),
        (ctx.money(s.total.contract_value), ctx.t("stats-contract-value")),
    ];
    let form = Form::new(&ctx, "range", "/staff/statistics", "stats-show")
        .get()
        .field(&ctx, "from", "date", "audit-from", &from.to_string())
        .field(&ctx, "to", "date", "audit-to", &to.to_string());
    let links = vec![
        (format!("/staff/statistics?from={from}&to={to}&format=csv"), ctx.t("report-csv")),
        (format!("/staff/statistics?from={from}&to={to}&format=xlsx"), ctx.t("report-xlsx")),
        (format!("/staff/yearly?year={}", to.year()), ctx.t("yearly-title")),
        ("/staff".to_string(), ctx.t("console-title")),
    ];
    private_page(&StaffPage {
        lead: ctx.t2("stats-range-lead", "from", ctx.date(from).as_str(), "to", ctx.date(to).as_str()),
        ctx,
        form,
        links,
        tiles,
        sections,
    })
}

#[derive(Template)]
#[template(path = "pages/statistics/yearly.html")]
struct YearlyPage {
    ctx: Ctx,
    title: String,
    today: String,
    notice: Option<String>,
    links: Vec<(String, String)>,
    sections: Vec<Section>,
    forms: Vec<Form>,
}

/// Whether a result meets its target: reached, or how far along (in per cent).
fn against(ctx: &Ctx, result: i64, target: i64) -> String {
    if target <= 0 || result >= target {
        ctx.t("yearly-met")
    } else {
        ctx.t1("yearly-percent", "percent", result * 100 / target)
    }
}

fn yearly_sections(ctx: &Ctx, y: &Yearly) -> Vec<Section> {
    let t = &y.targets;
    let num = |x: i64| ctx.number(&x);
    // (indicator, target shown, result shown, against, target raw, result raw)
    let lines: Vec<(String, String, String, String, String, String)> = vec![
        (
            ctx.t("yearly-sessions"),
            num(i64::from(t.sessions)),
            num(n(y.sessions_held)),
            against(ctx, n(y.sessions_held), i64::from(t.sessions)),
            t.sessions.to_string(),
            y.sessions_held.to_string(),
        ),
        (
            ctx.t("yearly-showcase"),
            format!("{}–{}", t.showcase_min, t.showcase_max),
            num(n(y.showcase_orgs)),
            if n(y.showcase_orgs) > i64::from(t.showcase_max) {
                ctx.t("yearly-above")
            } else {
                against(ctx, n(y.showcase_orgs), i64::from(t.showcase_min))
            },
            format!("{}-{}", t.showcase_min, t.showcase_max),
            y.showcase_orgs.to_string(),
        ),
        (
            ctx.t("yearly-connections"),
            num(i64::from(t.connections)),
            ctx.t2("yearly-connections-are", "interests", n(y.accepted_interests), "meetings", n(y.meetings_held)),
            against(ctx, n(y.connections()), i64::from(t.connections)),
            t.connections.to_string(),
            y.connections().to_string(),
        ),
        (
            ctx.t("yearly-contracts"),
            num(i64::from(t.contracts)),
            ctx.t2("yearly-contracts-are", "count", n(y.contracts), "value", ctx.money(y.contract_value)),
            against(ctx, n(y.contracts), i64::from(t.contracts)),
            t.contracts.to_string(),
            y.contracts.to_string(),
        ),
        (
            ctx.t("yearly-revenue"),
            format!("{} – {}", ctx.money(t.revenue_min), ctx.money(t.revenue_max)),
            ctx.money(y.revenue),
            against(ctx, y.revenue, t.revenue_min),
            format!("{}-{}", t.revenue_min, t.revenue_max),
            y.revenue.to_string(),
        ),
    ];
    let headers = hs(ctx, &["yearly-indicator", "yearly-target", "yearly-result", "yearly-against"]);
    let results = Section {
        title: ctx.t("yearly-results"),
        note: Some(match t.updated_at {
            Some(u) => ctx.t1("yearly-targets-set", "date", ctx.when(u)),
            None => ctx.t("yearly-targets-default"),
        }),
        chart: bars(
            &ctx.t("yearly-progress"),
            &[],
            &lines
                .iter()
                .zip([
                    (n(y.sessions_held), i64::from(t.sessions)),
                    (n(y.showcase_orgs), i64::from(t.showcase_min)),
                    (n(y.connections()), i64::from(t.connections)),
                    (n(y.contracts), i64::from(t.contracts)),
                    (y.revenue, t.revenue_min),
                ])
                .map(|(line, (r, target))| {
                    let pct = if target > 0 { (r * 100 / target).min(200) } else { 100 };
                    Bar { label: line.0.clone(), values: vec![pct], shown: vec![format!("{pct}%")] }
                })
                .collect::<Vec<_>>(),
        ),
        table: Table {
            caption: ctx.t("yearly-results"),
            headers: headers.clone(),
            rows: lines
                .iter()
                .map(|l| Row {
                    cells: vec![Cell::text(&l.0), Cell::text(&l.1), Cell::text(&l.2), Cell::text(&l.3)],
                    actions: vec![],
                })
                .collect(),
        },
        sheet: Sheet {
            name: ctx.t("yearly-results"),
            headers,
            rows: lines.iter().map(|l| vec![l.0.clone(), l.4.clone(), l.5.clone(), l.3.clone()]).collect(),
        },
    };
    let contract_headers = hs(ctx, &["contract-date", "contract-client", "contract-service", "contract-value"]);
    let contracts = Section {
        title: ctx.t("contract-list"),
        note: Some(ctx.t1("contract-total", "value", ctx.money(y.revenue))),
        chart: String::new(),
        table: Table {
            caption: ctx.t("contract-list"),
            headers: contract_headers.clone(),
            rows: y
                .service_contracts
                .iter()
                .map(|c| Row {
                    cells: vec![
                        Cell::text(ctx.date(c.signed_on)),
                        Cell::text(&c.client),
                        Cell::text(&c.service),
                        Cell::text(ctx.money(c.value)),
                    ],
                    actions: vec![
                        Form::new(
                            ctx,
                            "remove-contract",
                            format!("/staff/contracts/{}/delete", c.id),
                            "contract-remove",
                        )
                        .danger(),
                    ],
                })
                .collect(),
        },
        sheet: Sheet {
            name: ctx.t("contract-list"),
            headers: contract_headers,
            rows: y
                .service_contracts
                .iter()
                .map(|c| vec![c.signed_on.to_string(), c.client.clone(), c.service.clone(), c.value.to_string()])
                .collect(),
        },
    };
    let l = ctx.locale;
    let mut sessions = Series {
        ctx,
        title: ctx.t("yearly-sessions-held"),
        headers: hs(ctx, &["session-title", "report-held", "report-funnel-contract"]),
        rows: y
            .sessions
            .iter()
            .map(|(v, f)| {
                (format!("{} · {}", ctx.date(v.row.session_date), v.title(l)), vec![n(f.held), n(f.contracts())])
            })
            .collect(),
        money: false,
    }
    .section();
    sessions.chart.clear();
    vec![results, contracts, sessions]
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct YearQuery {
    year: String,
    format: String,
    done: String,
}

fn year_of(ctx: &Ctx, v: &str, default: i32) -> Result<i32, AppError> {
    if v.trim().is_empty() {
        return Ok(default);
    }
    v.trim()
        .parse()
        .ok()
        .filter(|y| statistics::YEARS.contains(y))
        .ok_or_else(|| AppError::bad_param("year", ctx.t("err-year")))
}

fn contract_form(ctx: &Ctx, year: i32, values: [&str; 4], errors: &[FieldError]) -> Form {
    Form::new(ctx, "contract", format!("/staff/contracts?year={year}"), "contract-add")
        .titled(ctx, "contract-add-title")
        .field(ctx, "client", "text", "contract-client", values[0])
        .required()
        .field(ctx, "service", "text", "contract-service", values[1])
        .required()
        .field(ctx, "signed_on", "date", "contract-date", values[2])
        .required()
        .field(ctx, "value", "text", "contract-value", values[3])
        .required()
        .hint(ctx, "contract-value-hint")
        .with_errors(ctx, errors)
}

fn targets_form(ctx: &Ctx, t: &Targets, raw: Option<&TargetsForm>, errors: &[FieldError]) -> Form {
    let v = |field: &str, value: String| -> String { raw.map(|r| r.get(field)).unwrap_or(value) };
    Form::new(ctx, "targets", format!("/admin/targets?year={}", t.year), "targets-save")
        .titled(ctx, "targets-title")
        .field(ctx, "sessions", "number", "yearly-sessions", &v("sessions", t.sessions.to_string()))
        .field(ctx, "showcase_min", "number", "targets-showcase-min", &v("showcase_min", t.showcase_min.to_string()))
        .field(ctx, "showcase_max", "number", "targets-showcase-max", &v("showcase_max", t.showcase_max.to_string()))
        .field(ctx, "connections", "number", "yearly-connections", &v("connections", t.connections.to_string()))
        .field(ctx, "contracts", "number", "yearly-contracts", &v("contracts", t.contracts.to_string()))
        .field(ctx, "revenue_min", "text", "targets-revenue-min", &v("revenue_min", t.revenue_min.to_string()))
        .field(ctx, "revenue_max", "text", "targets-revenue-max", &v("revenue_max", t.revenue_max.to_string()))
        .with_errors(ctx, errors)
}

async fn yearly_page(
    req: &HttpRequest,
    state: &AppState,
    year: i32,
    format: &str,
    notice: Option<String>,
    forms: Option<Vec<Form>>,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let ctx = Ctx::from_request(req);
    let now = state.clock.now();
    let y = state.db.run(move |c| statistics::yearly(c, year, now)).await?;
    let admin = ctx.user.as_ref().is_some_and(|u| u.admin);
    let sections = yearly_sections(&ctx, &y);
    let title = ctx.t1("yearly-title-of", "year", year.to_string());
    let sheets: Vec<Sheet> = sections.iter().map(|x| x.sheet.clone()).collect();
    if let Some(r) = download(&ctx, format, &format!("yearly-report-{year}"), &sheets)? {
        return Ok(r);
    }
    let forms = forms.unwrap_or_else(|| {
        let mut f = vec![contract_form(&ctx, year, ["", "", "", ""], &[])];
        if admin {
            f.push(targets_form(&ctx, &y.targets, None, &[]));
        }
        f
    });
    let links = vec![
        (format!("/staff/yearly?year={year}&format=xlsx"), ctx.t("report-xlsx")),
        (format!("/staff/yearly?year={}", year - 1), ctx.t1("yearly-title-of", "year", (year - 1).to_string())),
        (format!("/staff/statistics?from={year}-01-01&to={year}-12-31"), ctx.t("stats-staff-title")),
        ("/staff".to_string(), ctx.t("console-title")),
    ];
    let page =
        YearlyPage { today: ctx.date(local_date(state.clock.now())), title, notice, links, sections, forms, ctx };
    private_page_with(status, &page)
}

pub async fn yearly(
    req: HttpRequest,
    state: web::Data<AppState>,
    q: web::Query<YearQuery>,
) -> Result<HttpResponse, AppError> {
    let ctx = Ctx::from_request(&req);
    let year = year_of(&ctx, &q.year, local_date(state.clock.now()).year())?;
    let notice = done_notice(&ctx, &key_of("staff-done", &q.done));
    yearly_page(&req, &state, year, &q.format, notice, None, StatusCode::OK).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ContractForm {
    client: String,
    service: String,
    signed_on: String,
    value: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct YearOnly {
    year: String,
}

pub async fn add_contract(
    req: HttpRequest,
    state: web::Data<AppState>,
    q: web::Query<YearOnly>,
    form: web::Form<ContractForm>,
) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    let ctx = Ctx::from_request(&req);
    let f = form.into_inner();
    let page_year = year_of(&ctx, &q.year, local_date(state.clock.now()).year())?;
    match statistics::parse_contract(&f.client, &f.service, &f.signed_on, &f.value) {
        Ok(input) => {
            let year = input.signed_on.year();
            state.db.run(move |c| statistics::add_contract(c, me.user.id, &input)).await?;
            Ok(see_other(&format!("/staff/yearly?year={year}&done=contract_added")))
        }
        Err(errors) => {
            let form = contract_form(&ctx, page_year, [&f.client, &f.service, &f.signed_on, &f.value], &errors);
            yearly_page(&req, &state, page_year, "", None, Some(vec![form]), StatusCode::UNPROCESSABLE_ENTITY).await
        }
    }
}

pub async fn remove_contract(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    let id = id.into_inner();
    if state.db.run(move |c| statistics::remove_contract(c, me.user.id, &id)).await? {
        Ok(see_other("/staff/yearly?done=contract_removed"))
    } else {
        Err(AppError::NotFound)
    }
}

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct TargetsForm {
    sessions: String,
    showcase_min: String,
    showcase_max: String,
    connections: String,
    contracts: String,
    revenue_min: String,
    revenue_max: String,
}

impl TargetsForm {
    fn get(&self, field: &str) -> String {
        match field {
            "sessions" => &self.sessions,
            "showcase_min" => &self.showcase_min,
            "showcase_max" => &self.showcase_max,
            "connections" => &self.connections,
            "contracts" => &self.contracts,
            "revenue_min" => &self.revenue_min,
            "revenue_max" => &self.revenue_max,
            _ => "",
        }
        .to_string()
    }
}

pub async fn save_targets(
    req: HttpRequest,
    state: web::Data<AppState>,
    q: web::Query<YearOnly>,
    form: web::Form<TargetsForm>,
) -> Result<HttpResponse, AppError> {
    let me = auth::require(&req)?;
    let ctx = Ctx::from_request(&req);
    let year = year_of(&ctx, &q.year, local_date(state.clock.now()).year())?;
    let f = form.into_inner();
    match statistics::parse_targets(year, |k| f.get(k)) {
        Ok(t) => {
            state.db.run(move |c| statistics::save_targets(c, me.user.id, &t)).await?;
            Ok(see_other(&format!("/staff/yearly?year={year}&done=targets_saved")))
        }
        Err(errors) => {
            let form = targets_form(&ctx, &Targets::defaults(year), Some(&f), &errors);
            yearly_page(&req, &state, year, "", None, Some(vec![form]), StatusCode::UNPROCESSABLE_ENTITY).await
        }
    }
}
