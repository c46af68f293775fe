//! Queries on `organisations`.

use anyhow::Context;
use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::AnyConnection;
use super::schema::organisations;
use crate::domain::{Contact, Organisation, OrganisationId};

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
    pub contact_name: String,
    pub contact_email: String,
    pub contact_phone: String,
    pub share_contact: bool,
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
            contact_name: o.contact.name.clone(),
            contact_email: o.contact.email.clone(),
            contact_phone: o.contact.phone.clone(),
            share_contact: o.contact.share,
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
            contact: Contact {
                name: r.contact_name,
                email: r.contact_email,
                phone: r.contact_phone,
                share: r.share_contact,
            },
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

/// Saves the editable profile of an organisation (everything but id, creation and verification).
pub fn update(conn: &mut AnyConnection, o: &Organisation) -> anyhow::Result<()> {
    let row = OrganisationRow::from(o);
    diesel::update(organisations::table.find(&row.id))
        .set((
            organisations::kind.eq(&row.kind),
            organisations::name.eq(&row.name),
            organisations::tax_code.eq(&row.tax_code),
            organisations::province.eq(&row.province),
            organisations::address.eq(&row.address),
            organisations::website.eq(&row.website),
            organisations::description.eq(&row.description),
            organisations::contact_name.eq(&row.contact_name),
            organisations::contact_email.eq(&row.contact_email),
            organisations::contact_phone.eq(&row.contact_phone),
            organisations::share_contact.eq(row.share_contact),
            organisations::updated_at.eq(super::now()),
        ))
        .execute(conn)?;
    Ok(())
}

/// Marks an organisation verified (`Some(time)`) or not (`None`); false when it does not exist.
pub fn set_verified(conn: &mut AnyConnection, id: OrganisationId, at: Option<NaiveDateTime>) -> anyhow::Result<bool> {
    Ok(diesel::update(organisations::table.find(id.to_string()))
        .set((organisations::verified_at.eq(at), organisations::updated_at.eq(super::now())))
        .execute(conn)?
        > 0)
}

/// The staff's verification queue: unverified organisations first (oldest first), then the rest.
pub fn verification_queue(conn: &mut AnyConnection) -> anyhow::Result<Vec<Organisation>> {
    let mut all: Vec<Organisation> = organisations::table
        .order(organisations::created_at.asc())
        .select(OrganisationRow::as_select())
        .load(conn)?
        .into_iter()
        .map(Organisation::try_from)
        .collect::<anyhow::Result<_>>()?;
    all.sort_by_key(|o| o.verified_at.is_some());
    Ok(all)
}

/// Whether another organisation already has this tax code.
pub fn tax_code_taken(
    conn: &mut AnyConnection,
    tax_code: &str,
    except: Option<OrganisationId>,
) -> anyhow::Result<bool> {
    let except = except.map(|e| e.to_string()).unwrap_or_default();
    Ok(diesel::select(diesel::dsl::exists(
        organisations::table.filter(organisations::tax_code.eq(tax_code)).filter(organisations::id.ne(except)),
    ))
    .get_result(conn)?)
}

/// A change of name, kind or tax code asked for by a verified organisation, held for staff.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = super::schema::organisation_changes)]
pub struct IdentityChange {
    pub organisation_id: String,
    pub kind: String,
    pub name: String,
    pub tax_code: Option<String>,
    pub requested_by: Option<String>,
    pub requested_at: NaiveDateTime,
}

/// Holds `change` for staff, replacing an earlier pending one of the same organisation.
pub fn hold_change(conn: &mut AnyConnection, change: &IdentityChange) -> anyhow::Result<()> {
    use super::schema::organisation_changes as c;
    diesel::delete(c::table.find(&change.organisation_id)).execute(conn)?;
    diesel::insert_into(c::table).values(change).execute(conn)?;
    Ok(())
}

/// The pending change of an organisation, if any.
pub fn pending_change(conn: &mut AnyConnection, id: OrganisationId) -> anyhow::Result<Option<IdentityChange>> {
    use super::schema::organisation_changes as c;
    Ok(c::table.find(id.to_string()).select(IdentityChange::as_select()).first(conn).optional()?)
}

/// Every pending change, oldest first.
pub fn pending_changes(conn: &mut AnyConnection) -> anyhow::Result<Vec<IdentityChange>> {
    use super::schema::organisation_changes as c;
    Ok(c::table.order(c::requested_at.asc()).select(IdentityChange::as_select()).load(conn)?)
}

/// Removes the pending change of an organisation (approved or rejected).
pub fn drop_change(conn: &mut AnyConnection, id: OrganisationId) -> anyhow::Result<bool> {
    use super::schema::organisation_changes as c;
    Ok(diesel::delete(c::table.find(id.to_string())).execute(conn)? > 0)
}

/// Sets the name, kind and tax code of an organisation (an approved change).
pub fn set_identity(conn: &mut AnyConnection, change: &IdentityChange) -> anyhow::Result<()> {
    diesel::update(organisations::table.find(&change.organisation_id))
        .set((
            organisations::kind.eq(&change.kind),
            organisations::name.eq(&change.name),
            organisations::tax_code.eq(&change.tax_code),
            organisations::updated_at.eq(super::now()),
        ))
        .execute(conn)?;
    Ok(())
}

/// The names of verified organisations other than `except`, to refuse a second one that reads
/// the same.
pub fn verified_names(conn: &mut AnyConnection, except: OrganisationId) -> anyhow::Result<Vec<String>> {
    Ok(organisations::table
        .filter(organisations::verified_at.is_not_null())
        .filter(organisations::id.ne(except.to_string()))
        .select(organisations::name)
        .load(conn)?)
}
