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
    pub title_en: String,
    pub summary_en: String,
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
            title_en: o.title_en.clone(),
            summary_en: o.summary_en.clone(),
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
            title_en: r.title_en,
            summary_en: r.summary_en,
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

super::kind_queries::listing_queries!(offers, OfferRow, Offer, OfferId);

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

/// Puts a published offer in the showcase or takes it out; false when there is no such offer.
pub fn set_featured(conn: &mut AnyConnection, id: OfferId, featured: bool) -> anyhow::Result<bool> {
    Ok(diesel::update(offers::table.find(id.to_string()))
        .set((offers::featured.eq(featured), offers::updated_at.eq(super::now())))
        .execute(conn)?
        == 1)
}
