//! Queries on `offers`.

use anyhow::Context;
use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::offers;
use super::{AnyConnection, Backend, ListFilter, Page, json_list, to_json_list};
use crate::domain::{Keywords, ListingStatus, MoneyRange, Offer, OfferId, OrganisationId, Trl, parse_transfer_modes};

/// A stored row.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = offers, treat_none_as_null = true)]
pub struct OfferRow {
    pub id: String,
    pub organisation_id: String,
    pub title: String,
    pub summary: String,
    pub description: String,
    pub advantages: String,
    pub applications: String,
    pub sector: String,
    pub keywords: String,
    pub trl: Option<i32>,
    pub ip_status: String,
    pub ip_number: Option<String>,
    pub transfer_modes: String,
    pub price_min: Option<i64>,
    pub price_max: Option<i64>,
    pub province: String,
    pub contact_visibility: String,
    pub status: String,
    pub featured: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub published_at: Option<NaiveDateTime>,
    pub expires_at: Option<NaiveDateTime>,
    pub version: i32,
}

impl From<&Offer> for OfferRow {
    fn from(o: &Offer) -> Self {
        Self {
            id: o.id.to_string(),
            organisation_id: o.organisation_id.to_string(),
            title: o.title.clone(),
            summary: o.summary.clone(),
            description: o.description.clone(),
            advantages: o.advantages.clone(),
            applications: o.applications.clone(),
            sector: o.sector.code().into(),
            keywords: to_json_list(o.keywords.as_slice()),
            trl: o.trl.map(|t| i32::from(t.get())),
            ip_status: o.ip_status.code().into(),
            ip_number: o.ip_number.clone(),
            transfer_modes: to_json_list(&o.transfer_modes.iter().map(|m| m.code()).collect::<Vec<_>>()),
            price_min: o.price.min().map(i64::from),
            price_max: o.price.max().map(i64::from),
            province: o.province.code().into(),
            contact_visibility: o.contact_visibility.code().into(),
            status: o.status.code().into(),
            featured: o.featured,
            created_at: o.created_at,
            updated_at: o.updated_at,
            published_at: o.published_at,
            expires_at: o.expires_at,
            version: o.version,
        }
    }
}

impl TryFrom<OfferRow> for Offer {
    type Error = anyhow::Error;
    fn try_from(r: OfferRow) -> anyhow::Result<Self> {
        let ctx = || format!("offer {}", r.id);
        Ok(Self {
            id: r.id.parse().with_context(ctx)?,
            organisation_id: r.organisation_id.parse().with_context(ctx)?,
            sector: r.sector.parse().with_context(ctx)?,
            keywords: Keywords::new(&json_list(&r.keywords, "offers.keywords")?).with_context(ctx)?,
            trl: r.trl.map(|t| Trl::new(i64::from(t))).transpose().with_context(ctx)?,
            ip_status: r.ip_status.parse().with_context(ctx)?,
            transfer_modes: parse_transfer_modes(&json_list(&r.transfer_modes, "offers.transfer_modes")?)
                .with_context(ctx)?,
            price: MoneyRange::from_columns(r.price_min, r.price_max).with_context(ctx)?,
            province: r.province.parse().with_context(ctx)?,
            contact_visibility: r.contact_visibility.parse().with_context(ctx)?,
            status: r.status.parse().with_context(ctx)?,
            title: r.title,
            summary: r.summary,
            description: r.description,
            advantages: r.advantages,
            applications: r.applications,
            ip_number: r.ip_number,
            featured: r.featured,
            created_at: r.created_at,
            updated_at: r.updated_at,
            published_at: r.published_at,
            expires_at: r.expires_at,
            version: r.version,
        })
    }
}

fn convert(rows: Vec<OfferRow>) -> anyhow::Result<Vec<Offer>> {
    rows.into_iter().map(Offer::try_from).collect()
}

/// Stores a new offer.
pub fn insert(conn: &mut AnyConnection, o: &Offer) -> anyhow::Result<()> {
    diesel::insert_into(offers::table).values(OfferRow::from(o)).execute(conn)?;
    Ok(())
}

/// One offer by id, whatever its status.
pub fn get(conn: &mut AnyConnection, id: OfferId) -> anyhow::Result<Option<Offer>> {
    offers::table
        .find(id.to_string())
        .select(OfferRow::as_select())
        .first(conn)
        .optional()?
        .map(Offer::try_from)
        .transpose()
}

/// Published, unexpired offers matching the structured filters, newest first.
fn public(filter: &ListFilter, now: NaiveDateTime) -> offers::BoxedQuery<'static, Backend> {
    let mut q = offers::table
        .filter(offers::status.eq(ListingStatus::Published.code()))
        .filter(offers::expires_at.is_null().or(offers::expires_at.gt(now)))
        .into_boxed();
    if let Some(s) = filter.sector {
        q = q.filter(offers::sector.eq(s.code()));
    }
    if let Some(p) = filter.province {
        q = q.filter(offers::province.eq(p.code()));
    }
    if let Some(o) = filter.organisation {
        q = q.filter(offers::organisation_id.eq(o.to_string()));
    }
    q
}

/// One offer if it is public at `now`.
pub fn get_public(conn: &mut AnyConnection, id: OfferId, now: NaiveDateTime) -> anyhow::Result<Option<Offer>> {
    public(&ListFilter::default(), now)
        .filter(offers::id.eq(id.to_string()))
        .select(OfferRow::as_select())
        .first(conn)
        .optional()?
        .map(Offer::try_from)
        .transpose()
}

/// A page of public offers.
pub fn list_public(
    conn: &mut AnyConnection,
    filter: &ListFilter,
    now: NaiveDateTime,
    page: i64,
    per_page: i64,
) -> anyhow::Result<Page<Offer>> {
    let ordered =
        || public(filter, now).order((offers::published_at.desc(), offers::id.desc())).select(OfferRow::as_select());
    if let Some(q) = filter.q.as_deref().filter(|q| !q.trim().is_empty()) {
        let rows = convert(ordered().limit(super::TEXT_FILTER_SCAN_LIMIT).load(conn)?)?;
        let text = |o: &Offer| format!("{} {} {}", o.title, o.summary, o.keywords.as_slice().join(" "));
        return Ok(super::filter_text_page(rows, q, text, page, per_page));
    }
    let total = public(filter, now).count().get_result::<i64>(conn)?;
    let items = convert(ordered().limit(per_page).offset((page - 1) * per_page).load(conn)?)?;
    Ok(Page { items, total, page, per_page })
}

/// Featured (showcase) public offers, newest first.
pub fn featured(conn: &mut AnyConnection, now: NaiveDateTime, limit: i64) -> anyhow::Result<Vec<Offer>> {
    convert(
        public(&ListFilter::default(), now)
            .filter(offers::featured.eq(true))
            .order((offers::published_at.desc(), offers::id.desc()))
            .limit(limit)
            .select(OfferRow::as_select())
            .load(conn)?,
    )
}

/// Every offer of an organisation, whatever its status (owner and staff views, tests).
pub fn by_organisation(conn: &mut AnyConnection, org: OrganisationId) -> anyhow::Result<Vec<Offer>> {
    convert(
        offers::table
            .filter(offers::organisation_id.eq(org.to_string()))
            .order(offers::created_at.desc())
            .select(OfferRow::as_select())
            .load(conn)?,
    )
}

/// Offer counts per status code.
pub fn count_by_status(conn: &mut AnyConnection) -> anyhow::Result<Vec<(String, i64)>> {
    Ok(offers::table
        .group_by(offers::status)
        .select((offers::status, diesel::dsl::count_star()))
        .order(offers::status.asc())
        .load(conn)?)
}

/// Archives every listing of an organisation that is not archived yet (its last member left);
/// returns how many.
pub fn archive_for_organisation(conn: &mut AnyConnection, org: OrganisationId) -> anyhow::Result<usize> {
    use crate::domain::ListingStatus;
    Ok(diesel::update(
        offers::table
            .filter(offers::organisation_id.eq(org.to_string()))
            .filter(offers::status.ne(ListingStatus::Archived.code())),
    )
    .set((
        offers::status.eq(ListingStatus::Archived.code()),
        offers::updated_at.eq(super::now()),
        offers::version.eq(offers::version + 1),
    ))
    .execute(conn)?)
}

/// Saves every field of an offer if it is still at `version` (optimistic locking); the stored
/// version becomes `version + 1`. False when someone else saved first (or it does not exist).
pub fn update(conn: &mut AnyConnection, o: &Offer, version: i32) -> anyhow::Result<bool> {
    let mut row = OfferRow::from(o);
    row.version = version + 1;
    row.updated_at = super::now();
    Ok(diesel::update(offers::table.find(&row.id).filter(offers::version.eq(version))).set(&row).execute(conn)? == 1)
}

/// Puts a published offer in the showcase or takes it out; false when there is no such offer.
pub fn set_featured(conn: &mut AnyConnection, id: OfferId, featured: bool) -> anyhow::Result<bool> {
    Ok(diesel::update(offers::table.find(id.to_string()))
        .set((offers::featured.eq(featured), offers::updated_at.eq(super::now())))
        .execute(conn)?
        == 1)
}
