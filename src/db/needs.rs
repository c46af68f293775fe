//! Queries on `needs`.

use anyhow::Context;
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::schema::needs;
use super::{AnyConnection, Backend, ListFilter, Page, json_list, to_json_list};
use crate::domain::{Keywords, ListingStatus, MoneyRange, Need, NeedId, OrganisationId, Trl, parse_transfer_modes};

/// A stored row.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = needs, treat_none_as_null = true)]
pub struct NeedRow {
    pub id: String,
    pub organisation_id: String,
    pub title: String,
    pub problem: String,
    pub tried: String,
    pub desired_outcome: String,
    pub sector: String,
    pub keywords: String,
    pub min_trl: Option<i32>,
    pub budget_min: Option<i64>,
    pub budget_max: Option<i64>,
    pub deadline: Option<NaiveDate>,
    pub province: String,
    pub transfer_modes: String,
    pub status: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub published_at: Option<NaiveDateTime>,
    pub expires_at: Option<NaiveDateTime>,
    pub version: i32,
}

impl From<&Need> for NeedRow {
    fn from(n: &Need) -> Self {
        Self {
            id: n.id.to_string(),
            organisation_id: n.organisation_id.to_string(),
            title: n.title.clone(),
            problem: n.problem.clone(),
            tried: n.tried.clone(),
            desired_outcome: n.desired_outcome.clone(),
            sector: n.sector.code().into(),
            keywords: to_json_list(n.keywords.as_slice()),
            min_trl: n.min_trl.map(|t| i32::from(t.get())),
            budget_min: n.budget.min().map(i64::from),
            budget_max: n.budget.max().map(i64::from),
            deadline: n.deadline,
            province: n.province.code().into(),
            transfer_modes: to_json_list(&n.transfer_modes.iter().map(|m| m.code()).collect::<Vec<_>>()),
            status: n.status.code().into(),
            created_at: n.created_at,
            updated_at: n.updated_at,
            published_at: n.published_at,
            expires_at: n.expires_at,
            version: n.version,
        }
    }
}

impl TryFrom<NeedRow> for Need {
    type Error = anyhow::Error;
    fn try_from(r: NeedRow) -> anyhow::Result<Self> {
        let ctx = || format!("need {}", r.id);
        Ok(Self {
            id: r.id.parse().with_context(ctx)?,
            organisation_id: r.organisation_id.parse().with_context(ctx)?,
            sector: r.sector.parse().with_context(ctx)?,
            keywords: Keywords::new(&json_list(&r.keywords, "needs.keywords")?).with_context(ctx)?,
            min_trl: r.min_trl.map(|t| Trl::new(i64::from(t))).transpose().with_context(ctx)?,
            budget: MoneyRange::from_columns(r.budget_min, r.budget_max).with_context(ctx)?,
            transfer_modes: parse_transfer_modes(&json_list(&r.transfer_modes, "needs.transfer_modes")?)
                .with_context(ctx)?,
            province: r.province.parse().with_context(ctx)?,
            status: r.status.parse().with_context(ctx)?,
            title: r.title,
            problem: r.problem,
            tried: r.tried,
            desired_outcome: r.desired_outcome,
            deadline: r.deadline,
            created_at: r.created_at,
            updated_at: r.updated_at,
            published_at: r.published_at,
            expires_at: r.expires_at,
            version: r.version,
        })
    }
}

fn convert(rows: Vec<NeedRow>) -> anyhow::Result<Vec<Need>> {
    rows.into_iter().map(Need::try_from).collect()
}

/// Stores a new need.
pub fn insert(conn: &mut AnyConnection, o: &Need) -> anyhow::Result<()> {
    diesel::insert_into(needs::table).values(NeedRow::from(o)).execute(conn)?;
    Ok(())
}

/// One need by id, whatever its status.
pub fn get(conn: &mut AnyConnection, id: NeedId) -> anyhow::Result<Option<Need>> {
    needs::table
        .find(id.to_string())
        .select(NeedRow::as_select())
        .first(conn)
        .optional()?
        .map(Need::try_from)
        .transpose()
}

/// Published, unexpired needs matching the structured filters, newest first.
fn public(filter: &ListFilter, now: NaiveDateTime) -> needs::BoxedQuery<'static, Backend> {
    let mut q = needs::table
        .filter(needs::status.eq(ListingStatus::Published.code()))
        .filter(needs::expires_at.is_null().or(needs::expires_at.gt(now)))
        .into_boxed();
    if let Some(s) = filter.sector {
        q = q.filter(needs::sector.eq(s.code()));
    }
    if let Some(p) = filter.province {
        q = q.filter(needs::province.eq(p.code()));
    }
    if let Some(o) = filter.organisation {
        q = q.filter(needs::organisation_id.eq(o.to_string()));
    }
    q
}

/// One need if it is public at `now`.
pub fn get_public(conn: &mut AnyConnection, id: NeedId, now: NaiveDateTime) -> anyhow::Result<Option<Need>> {
    public(&ListFilter::default(), now)
        .filter(needs::id.eq(id.to_string()))
        .select(NeedRow::as_select())
        .first(conn)
        .optional()?
        .map(Need::try_from)
        .transpose()
}

/// A page of public needs.
pub fn list_public(
    conn: &mut AnyConnection,
    filter: &ListFilter,
    now: NaiveDateTime,
    page: i64,
    per_page: i64,
) -> anyhow::Result<Page<Need>> {
    let ordered =
        || public(filter, now).order((needs::published_at.desc(), needs::id.desc())).select(NeedRow::as_select());
    if let Some(q) = filter.q.as_deref().filter(|q| !q.trim().is_empty()) {
        let rows = convert(ordered().limit(super::TEXT_FILTER_SCAN_LIMIT).load(conn)?)?;
        let text = |o: &Need| format!("{} {} {}", o.title, o.problem, o.keywords.as_slice().join(" "));
        return Ok(super::filter_text_page(rows, q, text, page, per_page));
    }
    let total = public(filter, now).count().get_result::<i64>(conn)?;
    let items = convert(ordered().limit(per_page).offset((page - 1) * per_page).load(conn)?)?;
    Ok(Page { items, total, page, per_page })
}

/// Every need of an organisation, whatever its status (owner and staff views, tests).
pub fn by_organisation(conn: &mut AnyConnection, org: OrganisationId) -> anyhow::Result<Vec<Need>> {
    convert(
        needs::table
            .filter(needs::organisation_id.eq(org.to_string()))
            .order(needs::created_at.desc())
            .select(NeedRow::as_select())
            .load(conn)?,
    )
}

/// Need counts per status code.
pub fn count_by_status(conn: &mut AnyConnection) -> anyhow::Result<Vec<(String, i64)>> {
    Ok(needs::table
        .group_by(needs::status)
        .select((needs::status, diesel::dsl::count_star()))
        .order(needs::status.asc())
        .load(conn)?)
}

/// Archives every listing of an organisation that is not archived yet (its last member left);
/// returns how many.
pub fn archive_for_organisation(conn: &mut AnyConnection, org: OrganisationId) -> anyhow::Result<usize> {
    use crate::domain::ListingStatus;
    Ok(diesel::update(
        needs::table
            .filter(needs::organisation_id.eq(org.to_string()))
            .filter(needs::status.ne(ListingStatus::Archived.code())),
    )
    .set((
        needs::status.eq(ListingStatus::Archived.code()),
        needs::updated_at.eq(super::now()),
        needs::version.eq(needs::version + 1),
    ))
    .execute(conn)?)
}

/// Saves every field of a need if it is still at `version` (optimistic locking); the stored
/// version becomes `version + 1`. False when someone else saved first (or it does not exist).
pub fn update(conn: &mut AnyConnection, n: &Need, version: i32) -> anyhow::Result<bool> {
    let mut row = NeedRow::from(n);
    row.version = version + 1;
    row.updated_at = super::now();
    Ok(diesel::update(needs::table.find(&row.id).filter(needs::version.eq(version))).set(&row).execute(conn)? == 1)
}
