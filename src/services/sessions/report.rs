//! The figures of a session, and of every session held in a date range, in the form a
//! provincial department reports them: registrations; requests sent and accepted; pairs the
//! centre brokered; meetings scheduled, held and missed; ratings; the outcome funnel (meetings →
//! follow-ups → NDAs → pilots → contracts, with their value in đồng); how fast requests were
//! answered; needs carried over. The public pages and the API show the headline figures only —
//! never one organisation's contract value. CSV (UTF-8 with a byte-order mark, so that Excel reads
//! Vietnamese) and XLSX.

use chrono::NaiveDate;
use serde::Serialize;

use super::View;
use super::outcomes::{self, outcome_of, rank};
use crate::db::{self, AnyConnection};

/// What a session (or a range of sessions) came to.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Figures {
    pub sessions: usize,
    pub approved: usize,
    pub pending: usize,
    pub waitlisted: usize,
    pub withdrawn: usize,
    pub rejected: usize,
    pub walk_ins: usize,
    pub arrived: usize,
    pub requests_sent: usize,
    pub requests_accepted: usize,
    pub brokered: usize,
    pub from_interest: usize,
    pub scheduled: usize,
    pub held: usize,
    pub no_shows: usize,
    /// Ratings 1 to 4, counted.
    pub ratings: [usize; 4],
    /// Meetings held, then those that reached a follow-up, an NDA, a pilot, a contract.
    pub funnel: [usize; 5],
    pub contract_value: i64,
    /// The median hours from a request to its answer.
    pub response_hours: Option<f64>,
    pub carried_over: usize,
}

impl Figures {
    /// Meetings that reached an NDA or further (agreements, in the department's terms).
    pub fn agreements(&self) -> usize {
        self.funnel[2]
    }

    pub fn contracts(&self) -> usize {
        self.funnel[4]
    }

    pub fn rating_mean(&self) -> Option<f64> {
        let n: usize = self.ratings.iter().sum();
        (n > 0)
            .then(|| self.ratings.iter().enumerate().map(|(i, c)| (i + 1) as f64 * *c as f64).sum::<f64>() / n as f64)
    }

    fn add(&mut self, o: &Figures) {
        self.sessions += o.sessions;
        self.approved += o.approved;
        self.pending += o.pending;
        self.waitlisted += o.waitlisted;
        self.withdrawn += o.withdrawn;
        self.rejected += o.rejected;
        self.walk_ins += o.walk_ins;
        self.arrived += o.arrived;
        self.requests_sent += o.requests_sent;
        self.requests_accepted += o.requests_accepted;
        self.brokered += o.brokered;
        self.from_interest += o.from_interest;
        self.scheduled += o.scheduled;
        self.held += o.held;
        self.no_shows += o.no_shows;
        for i in 0..4 {
            self.ratings[i] += o.ratings[i];
        }
        for i in 0..5 {
            self.funnel[i] += o.funnel[i];
        }
        self.contract_value += o.contract_value;
        self.carried_over += o.carried_over;
    }
}

fn median(mut v: Vec<f64>) -> Option<f64> {
    v.sort_by(f64::total_cmp);
    match v.len() {
        0 => None,
        n if n % 2 == 1 => Some(v[n / 2]),
        n => Some((v[n / 2 - 1] + v[n / 2]) / 2.0),
    }
}

fn response_hours(conn: &mut AnyConnection, session: &str) -> anyhow::Result<Vec<f64>> {
    Ok(db::sessions::requests(conn, session)?
        .iter()
        .filter(|r| r.origin == "request" && matches!(r.status.as_str(), "accepted" | "declined"))
        .filter_map(|r| r.answered_at.map(|a| (a - r.created_at).num_minutes() as f64 / 60.0))
        .collect())
}

/// The figures of one session, from the rows that make them.
pub fn figures(conn: &mut AnyConnection, session: &str) -> anyhow::Result<Figures> {
    let mut f = Figures { sessions: 1, ..Figures::default() };
    for p in db::sessions::participants(conn, session)? {
        match p.status.as_str() {
            "approved" => f.approved += 1,
            "pending" => f.pending += 1,
            "waitlisted" => f.waitlisted += 1,
            "withdrawn" => f.withdrawn += 1,
            _ => f.rejected += 1,
        }
        f.walk_ins += usize::from(p.walk_in);
        f.arrived += usize::from(p.arrived_at.is_some());
    }
    for r in db::sessions::requests(conn, session)? {
        match r.origin.as_str() {
            "request" => {
                f.requests_sent += 1;
                // Accepted then, even if the pair ended later.
                f.requests_accepted += usize::from(matches!(r.status.as_str(), "accepted" | "removed"));
            }
            "staff" => f.brokered += 1,
            _ => f.from_interest += 1,
        }
    }
    let reports = db::sessions::reports(conn, session)?;
    for m in db::sessions::meetings(conn, session)?.iter().filter(|m| m.status == "scheduled") {
        f.scheduled += 1;
        let o = outcome_of(m, &reports);
        let held = m.attendance == "held" || (m.attendance.is_empty() && o.stage.is_some());
        if m.attendance == "no_show" {
            f.no_shows += 1;
        }
        for r in &o.ratings {
            if let Some(slot) = usize::try_from(*r - 1).ok().and_then(|i| f.ratings.get_mut(i)) {
                *slot += 1;
            }
        }
        if !held {
            continue;
        }
        f.held += 1;
        let reached = o.stage.map(rank).unwrap_or(0);
        f.funnel[0] += 1;
        for (i, stage) in ["follow_up", "nda", "pilot", "contract"].iter().enumerate() {
            f.funnel[i + 1] += usize::from(reached >= rank(stage));
        }
        if o.stage == Some("contract") {
            f.contract_value += o.value.unwrap_or(0);
        }
    }
    f.response_hours = median(response_hours(conn, session)?);
    let v = super::get(conn, session)?;
    if v.as_ref()
        .is_some_and(|v| matches!(v.status, crate::domain::SessionStatus::Held | crate::domain::SessionStatus::Closed))
    {
        f.carried_over = outcomes::carried_from(conn, session)?.iter().map(|c| c.needs.len()).sum();
    }
    Ok(f)
}

/// The figures of a session once it is held (or closed); none before.
pub fn held_figures(conn: &mut AnyConnection, v: &View) -> anyhow::Result<Option<Figures>> {
    if matches!(v.status, crate::domain::SessionStatus::Held | crate::domain::SessionStatus::Closed) {
        Ok(Some(figures(conn, &v.row.id)?))
    } else {
        Ok(None)
    }
}

/// Every session held (or closed) between two dates, with its figures, and their sum.
pub fn range(
    conn: &mut AnyConnection,
    from: NaiveDate,
    to: NaiveDate,
) -> anyhow::Result<(Vec<(View, Figures)>, Figures)> {
    let mut rows = Vec::new();
    let mut total = Figures::default();
    let mut hours = Vec::new();
    for s in db::sessions::sessions(conn)? {
        if s.session_date < from || s.session_date > to || !matches!(s.status.as_str(), "held" | "closed") {
            continue;
        }
        let f = figures(conn, &s.id)?;
        total.add(&f);
        hours.extend(response_hours(conn, &s.id)?);
        rows.push((View::of(s), f));
    }
    total.response_hours = median(hours);
    Ok((rows, total))
}

/// A table to export: a sheet of a workbook, a section of a CSV file.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub name: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// Tables as CSV: UTF-8 with a byte-order mark, so that Excel reads Vietnamese. One table is the
/// file; several follow each other, each under its name, a blank line between.
pub fn csv(sheets: &[Sheet]) -> anyhow::Result<Vec<u8>> {
    let mut w = csv::WriterBuilder::new().flexible(true).from_writer(vec![0xEF, 0xBB, 0xBF]);
    for (i, s) in sheets.iter().enumerate() {
        if sheets.len() > 1 {
            if i > 0 {
                w.write_record([""])?;
            }
            w.write_record([&s.name])?;
        }
        w.write_record(&s.headers)?;
        for r in &s.rows {
            w.write_record(r)?;
        }
    }
    Ok(w.into_inner()?)
}

/// Tables as an XLSX workbook, one sheet each; cells that are whole numbers are written as
/// numbers.
pub fn xlsx(sheets: &[Sheet]) -> anyhow::Result<Vec<u8>> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let bold = rust_xlsxwriter::Format::new().set_bold();
    let mut used: Vec<String> = Vec::new();
    for s in sheets {
        let ws = book.add_worksheet();
        // Sheet names: at most 31 characters, none of []:*?/\, each once.
        let mut name: String = s.name.chars().filter(|c| !"[]:*?/\\".contains(*c)).take(28).collect();
        if name.trim().is_empty() {
            name = "Sheet".into();
        }
        let mut unique = name.clone();
        let mut k = 2;
        while used.iter().any(|u| u.eq_ignore_ascii_case(&unique)) {
            unique = format!("{name} {k}");
            k += 1;
        }
        ws.set_name(&unique)?;
        used.push(unique);
        for (c, h) in s.headers.iter().enumerate() {
            ws.write_string_with_format(0, u16::try_from(c)?, h, &bold)?;
        }
        for (r, row) in s.rows.iter().enumerate() {
            let r = u32::try_from(r + 1)?;
            for (c, cell) in row.iter().enumerate() {
                let c = u16::try_from(c)?;
                match cell.parse::<i64>() {
                    Ok(n) => ws.write_number(r, c, n as f64)?,
                    Err(_) => ws.write_string(r, c, cell)?,
                };
            }
        }
        ws.set_column_width(0, 48)?;
    }
    Ok(book.save_to_buffer()?)
}
