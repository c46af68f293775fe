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
    pub title_en: String,
    pub summary_en: String,
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
            title_en: n.title_en.clone(),
            summary_en: n.summary_en.clone(),
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
            title_en: r.title_en,
            summary_en: r.summary_en,
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

super::kind_queries::listing_queries!(needs, NeedRow, Need, NeedId);
