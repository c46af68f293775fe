//! What the exchange has done, counted: the public headline figures, the staff's statistics over
//! a date range, and the yearly report that sets a year's results against the centre's targets.
//!
//! Definitions (the same on every page and export):
//! - a listing counts in a range by the local day it was created; its status is today's;
//! - an organisation counts by the local day it registered;
//! - sessions, meetings and outcomes count by the session's day, held (or closed) sessions only;
//! - unmet demand: needs public today that no expression of interest has been accepted on;
//! - a connection (yearly report): an accepted expression of interest, or a meeting held;
//! - the showcase: organisations with a featured public offer today (the showcase keeps no history).

use chrono::{Datelike, NaiveDate, NaiveDateTime};

use super::interests::{self, Pipeline};
use super::sessions::View;
use super::sessions::report::{self, Figures};
use crate::db::centre::{ContractRow, TargetsRow};
use crate::db::{self, AnyConnection};
use crate::domain::{ListingKind, ListingStatus, OrgKind, Province, Sector, UserId, is_public, local_date};
use crate::validate::{Check, FieldError};

/// The figures the public page shows: never one organisation's data.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Headline {
    pub offers: usize,
    pub needs: usize,
    pub organisations: usize,
    pub sessions_held: usize,
    pub meetings_held: usize,
    pub contracts: usize,
    pub contract_value: i64,
    /// Listings public today, by sector.
    pub by_sector: Vec<(Sector, Pair)>,
}

fn live(f: &db::listings::Fact, now: NaiveDateTime) -> bool {
    f.status.parse::<ListingStatus>().is_ok_and(|s| is_public(s, f.expires_at, now))
}

/// Today's public listings (by sector too), verified organisations, and every held session's
/// results.
pub fn headline(conn: &mut AnyConnection, now: NaiveDateTime) -> anyhow::Result<Headline> {
    let facts = db::listings::facts(conn)?;
    let count = |k: ListingKind| facts.iter().filter(|f| f.kind == k && live(f, now)).count();
    let public: Vec<&db::listings::Fact> = facts.iter().filter(|f| live(f, now)).collect();
    let by_sector = pairs_by(Sector::ALL.to_vec(), &public, |f| f.sector.parse().ok());
    let organisations = db::organisations::list(conn)?.iter().filter(|o| o.verified_at.is_some()).count();
    let (_, total) = report::range(conn, NaiveDate::MIN, local_date(now))?;
    Ok(Headline {
        offers: count(ListingKind::Offer),
        needs: count(ListingKind::Need),
        organisations,
        sessions_held: total.sessions,
        meetings_held: total.held,
        contracts: total.contracts(),
        contract_value: total.contract_value,
        by_sector,
    })
}

/// Offers and needs counted in one group.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Pair {
    pub offers: usize,
    pub needs: usize,
}

impl Pair {
    fn add(&mut self, kind: ListingKind) {
        match kind {
            ListingKind::Offer => self.offers += 1,
            ListingKind::Need => self.needs += 1,
        }
    }
}

/// Demand in a sector that nothing answered yet.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Unmet {
    pub sector: Option<Sector>,
    /// Needs public today.
    pub needs: usize,
    /// Of those, the ones without an accepted expression of interest.
    pub unanswered: usize,
    /// Offers public today in the sector.
    pub offers: usize,
}

/// The staff's statistics over a date range.
#[derive(Debug, Clone)]
pub struct Stats {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub by_sector: Vec<(Sector, Pair)>,
    pub by_status: Vec<(ListingStatus, Pair)>,
    /// `YYYY-MM`, oldest first.
    pub by_month: Vec<(String, Pair)>,
    pub orgs_by_kind: Vec<(OrgKind, usize)>,
    pub orgs_by_province: Vec<(Province, usize)>,
    pub sessions: Vec<(View, Figures)>,
    pub total: Figures,
    pub interests: Pipeline,
    pub unmet: Vec<Unmet>,
    /// Suggestions judged useful, and judged at all, per sector.
    pub feedback: Vec<(Sector, usize, usize)>,
}

/// Offers and needs counted per group, in the order of `groups`; groups with none are left out.
fn pairs_by<K: PartialEq>(
    groups: Vec<K>,
    facts: &[&db::listings::Fact],
    group_of: impl Fn(&db::listings::Fact) -> Option<K>,
) -> Vec<(K, Pair)> {
    let mut out: Vec<(K, Pair)> = groups.into_iter().map(|g| (g, Pair::default())).collect();
    for f in facts {
        if let Some(g) = group_of(f)
            && let Some((_, p)) = out.iter_mut().find(|(k, _)| *k == g)
        {
            p.add(f.kind);
        }
    }
    out.retain(|(_, p)| p.offers + p.needs > 0);
    out
}

fn counted<K: Copy + PartialEq>(keys: &[K], items: impl Iterator<Item = K>) -> Vec<(K, usize)> {
    let items: Vec<K> = items.collect();
    keys.iter().map(|k| (*k, items.iter().filter(|i| *i == k).count())).filter(|(_, n)| *n > 0).collect()
}

/// Every figure of the range `from..=to` (local days).
pub fn stats(conn: &mut AnyConnection, from: NaiveDate, to: NaiveDate, now: NaiveDateTime) -> anyhow::Result<Stats> {
    let facts = db::listings::facts(conn)?;
    let within = |at: NaiveDateTime| (from..=to).contains(&local_date(at));
    let created: Vec<&db::listings::Fact> = facts.iter().filter(|f| within(f.created_at)).collect();
    let month = |f: &db::listings::Fact| local_date(f.created_at).format("%Y-%m").to_string();
    let mut months: Vec<String> = created.iter().map(|f| month(f)).collect();
    months.sort();
    months.dedup();
    let by_sector = pairs_by(Sector::ALL.to_vec(), &created, |f| f.sector.parse().ok());
    let by_status = pairs_by(ListingStatus::ALL.to_vec(), &created, |f| f.status.parse().ok());
    let by_month = pairs_by(months, &created, |f| Some(month(f)));

    let orgs: Vec<_> = db::organisations::list(conn)?.into_iter().filter(|o| within(o.created_at)).collect();
    let orgs_by_kind = counted(OrgKind::ALL, orgs.iter().map(|o| o.kind));
    let mut orgs_by_province = counted(Province::ALL, orgs.iter().map(|o| o.province));
    orgs_by_province.sort_by_key(|x| std::cmp::Reverse(x.1));

    let (sessions, total) = report::range(conn, from, to)?;
    let interests_all = db::interests::all(conn)?;
    let answered: std::collections::HashSet<(&str, &str)> = interests_all
        .iter()
        .filter(|i| i.status == "accepted")
        .map(|i| (i.listing_kind.as_str(), i.listing_id.as_str()))
        .collect();
    let mut unmet: Vec<Unmet> = Sector::ALL.iter().map(|s| Unmet { sector: Some(*s), ..Unmet::default() }).collect();
    for f in facts.iter().filter(|f| live(f, now)) {
        let Some(u) = unmet.iter_mut().find(|u| u.sector.is_some_and(|s| s.code() == f.sector)) else { continue };
        match f.kind {
            ListingKind::Offer => u.offers += 1,
            ListingKind::Need => {
                u.needs += 1;
                if !answered.contains(&(ListingKind::Need.code(), f.id.as_str())) {
                    u.unanswered += 1;
                }
            }
        }
    }
    unmet.retain(|u| u.needs > 0);
    unmet.sort_by(|a, b| b.unanswered.cmp(&a.unanswered).then(a.offers.cmp(&b.offers)));

    let judged: Vec<_> = db::recommendations::all_feedback(conn)?.into_iter().filter(|f| within(f.at)).collect();
    let feedback = Sector::ALL
        .iter()
        .map(|s| {
            let of: Vec<_> = judged.iter().filter(|f| f.sector == s.code()).collect();
            (*s, of.iter().filter(|f| f.useful).count(), of.len())
        })
        .filter(|(_, _, n)| *n > 0)
        .collect();
    Ok(Stats {
        from,
        to,
        by_sector,
        by_status,
        by_month,
        orgs_by_kind,
        orgs_by_province,
        sessions,
        total,
        interests: interests::pipeline(conn, Some((from, to)))?,
        unmet,
        feedback,
    })
}

/// A year's targets as the centre keeps them; the defaults are the centre's plan: a session
/// every two months, the showcase of 10–15 organisations, and 2.5–3 billion đồng of service
/// revenue.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Targets {
    pub year: i32,
    pub sessions: i32,
    pub showcase_min: i32,
    pub showcase_max: i32,
    pub connections: i32,
    pub contracts: i32,
    pub revenue_min: i64,
    pub revenue_max: i64,
    /// When an admin last set them; `None` for the defaults.
    pub updated_at: Option<NaiveDateTime>,
}

impl Targets {
    pub fn defaults(year: i32) -> Self {
        Self {
            year,
            sessions: 6,
            showcase_min: 10,
            showcase_max: 15,
            connections: 30,
            contracts: 5,
            revenue_min: 2_500_000_000,
            revenue_max: 3_000_000_000,
            updated_at: None,
        }
    }
}

pub fn targets(conn: &mut AnyConnection, year: i32) -> anyhow::Result<Targets> {
    Ok(match db::centre::targets(conn, year)? {
        Some(r) => Targets {
            year,
            sessions: r.sessions,
            showcase_min: r.showcase_min,
            showcase_max: r.showcase_max,
            connections: r.connections,
            contracts: r.contracts,
            revenue_min: r.revenue_min,
            revenue_max: r.revenue_max,
            updated_at: Some(r.updated_at),
        },
        None => Targets::defaults(year),
    })
}

/// Years a report may be asked for.
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

fn count_field(c: &mut Check, field: &'static str, v: &str) -> i32 {
    match v.trim().parse::<i32>() {
        Ok(n) if (0..=100_000).contains(&n) => n,
        _ => {
            c.add(field, "err-number");
            0
        }
    }
}

fn money_field(c: &mut Check, field: &'static str, v: &str) -> i64 {
    match crate::domain::Money::parse(v) {
        Ok(m) => m.dong(),
        Err(_) => {
            c.add(field, "err-money");
            0
        }
    }
}

/// The targets form as typed: (name, value) pairs.
pub fn parse_targets(year: i32, get: impl Fn(&str) -> String) -> Result<Targets, Vec<FieldError>> {
    let mut c = Check::default();
    let t = Targets {
        year,
        sessions: count_field(&mut c, "sessions", &get("sessions")),
        showcase_min: count_field(&mut c, "showcase_min", &get("showcase_min")),
        showcase_max: count_field(&mut c, "showcase_max", &get("showcase_max")),
        connections: count_field(&mut c, "connections", &get("connections")),
        contracts: count_field(&mut c, "contracts", &get("contracts")),
        revenue_min: money_field(&mut c, "revenue_min", &get("revenue_min")),
        revenue_max: money_field(&mut c, "revenue_max", &get("revenue_max")),
        updated_at: None,
    };
    if c.errors.is_empty() {
        if t.showcase_min > t.showcase_max {
            c.add("showcase_max", "err-range");
        }
        if t.revenue_min > t.revenue_max {
            c.add("revenue_max", "err-range");
        }
    }
    c.finish(t)
}

/// An admin sets a year's targets; audited.
pub fn save_targets(conn: &mut AnyConnection, actor: UserId, t: &Targets) -> anyhow::Result<()> {
    db::write(conn, |conn| {
        let row = TargetsRow {
            year: t.year,
            sessions: t.sessions,
            showcase_min: t.showcase_min,
            showcase_max: t.showcase_max,
            connections: t.connections,
            contracts: t.contracts,
            revenue_min: t.revenue_min,
            revenue_max: t.revenue_max,
            updated_by: Some(actor.to_string()),
            updated_at: db::now(),
        };
        db::centre::put_targets(conn, &row)?;
        db::audit::record(conn, Some(actor), "targets.saved", "year", &t.year.to_string(), &serde_json::to_value(t)?)?;
        Ok(())
    })
}

/// A service contract as the form gives it, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct ContractInput {
    pub client: String,
    pub service: String,
    pub signed_on: NaiveDate,
    pub value: i64,
}

pub fn parse_contract(client: &str, service: &str, date: &str, value: &str) -> Result<ContractInput, Vec<FieldError>> {
    let mut c = Check::default();
    let client = c.text("client", client, 2, 200);
    let service = c.text("service", service, 2, 300);
    let signed_on = match NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d") {
        Ok(d) if YEARS.contains(&d.year()) => d,
        _ => {
            c.add("signed_on", "err-date");
            NaiveDate::MIN
        }
    };
    let value = money_field(&mut c, "value", value);
    c.finish(ContractInput { client, service, signed_on, value })
}

/// Staff record a service contract; audited.
pub fn add_contract(conn: &mut AnyConnection, actor: UserId, input: &ContractInput) -> anyhow::Result<ContractRow> {
    db::write(conn, |conn| {
        let row = ContractRow {
            id: uuid::Uuid::now_v7().to_string(),
            client: input.client.clone(),
            service: input.service.clone(),
            signed_on: input.signed_on,
            value: input.value,
            created_by: Some(actor.to_string()),
            created_at: db::now(),
        };
        db::centre::insert_contract(conn, &row)?;
        db::audit::record(
            conn,
            Some(actor),
            "service_contract.added",
            "service_contract",
            &row.id,
            &serde_json::json!({ "client": row.client, "value": row.value, "signed_on": row.signed_on }),
        )?;
        Ok(row)
    })
}

/// Staff remove a contract recorded by mistake; audited. `false` when there was none.
pub fn remove_contract(conn: &mut AnyConnection, actor: UserId, id: &str) -> anyhow::Result<bool> {
    db::write(conn, |conn| {
        let Some(row) = db::centre::delete_contract(conn, id)? else { return Ok(false) };
        db::audit::record(
            conn,
            Some(actor),
            "service_contract.removed",
            "service_contract",
            id,
            &serde_json::json!({ "client": row.client, "value": row.value }),
        )?;
        Ok(true)
    })
}

/// A year's results against its targets.
#[derive(Debug, Clone)]
pub struct Yearly {
    pub targets: Targets,
    pub sessions_held: usize,
    pub showcase_orgs: usize,
    pub accepted_interests: usize,
    pub meetings_held: usize,
    pub contracts: usize,
    pub contract_value: i64,
    pub revenue: i64,
    pub service_contracts: Vec<ContractRow>,
    /// The figures of each session held in the year.
    pub sessions: Vec<(View, Figures)>,
}

impl Yearly {
    pub fn connections(&self) -> usize {
        self.accepted_interests + self.meetings_held
    }
}

pub fn yearly(conn: &mut AnyConnection, year: i32, now: NaiveDateTime) -> anyhow::Result<Yearly> {
    let from = NaiveDate::from_ymd_opt(year, 1, 1).ok_or_else(|| anyhow::anyhow!("year {year}"))?;
    let to = NaiveDate::from_ymd_opt(year, 12, 31).ok_or_else(|| anyhow::anyhow!("year {year}"))?;
    let (sessions, total) = report::range(conn, from, to)?;
    // The showcase as it is shown (and as its staff page counts it): its public offers' owners.
    let showcase: std::collections::HashSet<_> =
        db::offers::featured(conn, now, i64::MAX)?.iter().map(|o| o.organisation_id).collect();
    let accepted_interests = db::interests::all(conn)?
        .iter()
        .filter(|i| i.status == "accepted" && i.answered_at.is_some_and(|a| (from..=to).contains(&local_date(a))))
        .count();
    let service_contracts = db::centre::contracts(conn, from, to)?;
    Ok(Yearly {
        targets: targets(conn, year)?,
        sessions_held: total.sessions,
        showcase_orgs: showcase.len(),
        accepted_interests,
        meetings_held: total.held,
        contracts: total.contracts(),
        contract_value: total.contract_value,
        revenue: service_contracts.iter().map(|c| c.value).sum(),
        service_contracts,
        sessions,
    })
}
