//! Queries on `organisations`.

use anyhow::Context;
use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::AnyConnection;
use super::schema::organisations;
use crate::domain::{Organisation, OrganisationId};

/// A stored row, text as in the database.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = organisations)]
pub struct OrganisationRow {
    pub id: String,
    pub kind: String,
    pub name: String,
    pub tax_code: Option<String>,
    pub province: String,
    pub address: String,
    pub website: Option<String>,
    pub description: String,
    pub verified_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl From<&Organisation> for OrganisationRow {
    fn from(o: &Organisation) -> Self {
        Self {
            id: o.id.to_string(),
            kind: o.kind.code().into(),
            name: o.name.clone(),
            tax_code: o.tax_code.clone(),
            province: o.province.code().into(),
            address: o.address.clone(),
            website: o.website.clone(),
            description: o.description.clone(),
            verified_at: o.verified_at,
            created_at: o.created_at,
            updated_at: o.updated_at,
        }
    }
}

impl TryFrom<OrganisationRow> for Organisation {
    type Error = anyhow::Error;
    fn try_from(r: OrganisationRow) -> anyhow::Result<Self> {
        let ctx = || format!("organisation {}", r.id);
        Ok(Self {
            id: r.id.parse().with_context(ctx)?,
            kind: r.kind.parse().with_context(ctx)?,
            tax_code: r.tax_code,
            province: r.province.parse().with_context(ctx)?,
            address: r.address,
            website: r.website,
            description: r.description,
            verified_at: r.verified_at,
            created_at: r.created_at,
            updated_at: r.updated_at,
            name: r.name,
        })
    }
}

/// Stores a new organisation.
pub fn insert(conn: &mut AnyConnection, o: &Organisation) -> anyhow::Result<()> {
    diesel::insert_into(organisations::table).values(OrganisationRow::from(o)).execute(conn)?;
    Ok(())
}

/// One organisation by id.
pub fn get(conn: &mut AnyConnection, id: OrganisationId) -> anyhow::Result<Option<Organisation>> {
    organisations::table
        .find(id.to_string())
        .select(OrganisationRow::as_select())
        .first(conn)
        .optional()?
        .map(Organisation::try_from)
        .transpose()
}

/// Every organisation, by name.
pub fn list(conn: &mut AnyConnection) -> anyhow::Result<Vec<Organisation>> {
    organisations::table
        .order(organisations::name.asc())
        .select(OrganisationRow::as_select())
        .load(conn)?
        .into_iter()
        .map(Organisation::try_from)
        .collect()
}

/// Names of the given organisations, for list pages.
pub fn names(
    conn: &mut AnyConnection,
    ids: impl IntoIterator<Item = OrganisationId>,
) -> anyhow::Result<std::collections::HashMap<OrganisationId, String>> {
    let mut keys: Vec<String> = ids.into_iter().map(|id| id.to_string()).collect();
    keys.sort();
    keys.dedup();
    organisations::table
        .filter(organisations::id.eq_any(keys))
        .select((organisations::id, organisations::name))
        .load::<(String, String)>(conn)?
        .into_iter()
        .map(|(id, name)| Ok((id.parse()?, name)))
        .collect()
}

/// Whether an organisation exists.
pub fn exists(conn: &mut AnyConnection, id: OrganisationId) -> anyhow::Result<bool> {
    Ok(diesel::select(diesel::dsl::exists(organisations::table.find(id.to_string()))).get_result(conn)?)
}

/// The number of organisations.
pub fn count(conn: &mut AnyConnection) -> anyhow::Result<i64> {
    Ok(organisations::table.count().get_result(conn)?)
}
