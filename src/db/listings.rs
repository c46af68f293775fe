//! What offers and needs share: the review workflow columns (who created a listing, when it was
//! submitted, the reviewer's note, the quality score), summaries for dashboards and the review
//! queue, expiry, and pending revisions of published listings. The two tables have the same
//! workflow columns, so each query is written once and expanded for both.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::AnyConnection;
use super::schema::{needs, offers, revisions};
use crate::domain::{Listing, ListingKind, ListingStatus, OrganisationId, UserId};

/// The review workflow of one listing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Workflow {
    pub created_by: Option<UserId>,
    pub submitted_at: Option<NaiveDateTime>,
    /// Why the centre returned or rejected it (shown to the owner).
    pub review_note: String,
    pub quality_score: Option<i32>,
}

/// A listing in a list: dashboard, review queue, expiry reminders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub kind: ListingKind,
    pub id: String,
    pub organisation_id: OrganisationId,
    pub title: String,
    pub status: ListingStatus,
    pub version: i32,
    pub updated_at: NaiveDateTime,
    pub submitted_at: Option<NaiveDateTime>,
    pub published_at: Option<NaiveDateTime>,
    pub expires_at: Option<NaiveDateTime>,
    pub review_note: String,
    pub quality_score: Option<i32>,
}

type SummaryTuple = (
    String,
    String,
    String,
    String,
    i32,
    NaiveDateTime,
    Option<NaiveDateTime>,
    Option<NaiveDateTime>,
    Option<NaiveDateTime>,
    String,
    Option<i32>,
);

fn summary(kind: ListingKind, t: SummaryTuple) -> anyhow::Result<Summary> {
    Ok(Summary {
        kind,
        id: t.0,
        organisation_id: t.1.parse()?,
        title: t.2,
        status: t.3.parse()?,
        version: t.4,
        updated_at: t.5,
        submitted_at: t.6,
        published_at: t.7,
        expires_at: t.8,
        review_note: t.9,
        quality_score: t.10,
    })
}

macro_rules! columns {
    ($t:ident) => {
        (
            $t::id,
            $t::organisation_id,
            $t::title,
            $t::status,
            $t::version,
            $t::updated_at,
            $t::submitted_at,
            $t::published_at,
            $t::expires_at,
            $t::review_note,
            $t::quality_score,
        )
    };
}

/// Runs `$body` with `$t` bound to the table of `$kind`.
macro_rules! per_kind {
    ($kind:expr, $t:ident => $body:expr) => {
        match $kind {
            ListingKind::Offer => {
                use offers as $t;
                $body
            }
            ListingKind::Need => {
                use needs as $t;
                $body
            }
        }
    };
}

/// The workflow columns of a listing.
pub fn workflow(conn: &mut AnyConnection, kind: ListingKind, id: &str) -> anyhow::Result<Option<Workflow>> {
    type Row = (Option<String>, Option<NaiveDateTime>, String, Option<i32>);
    let row: Option<Row> = per_kind!(kind, t => t::table
        .find(id)
        .select((t::created_by, t::submitted_at, t::review_note, t::quality_score))
        .first(conn)
        .optional()?);
    row.map(|(by, at, note, score)| {
        Ok(Workflow {
            created_by: by.map(|b| b.parse()).transpose()?,
            submitted_at: at,
            review_note: note,
            quality_score: score,
        })
    })
    .transpose()
}

/// Saves the workflow columns of a listing.
pub fn set_workflow(conn: &mut AnyConnection, kind: ListingKind, id: &str, w: &Workflow) -> anyhow::Result<()> {
    let by = w.created_by.map(|u| u.to_string());
    per_kind!(kind, t => diesel::update(t::table.find(id))
        .set((t::created_by.eq(by), t::submitted_at.eq(w.submitted_at), t::review_note.eq(&w.review_note), t::quality_score.eq(w.quality_score)))
        .execute(conn)?);
    Ok(())
}

/// The organisation that owns a listing (for the authorization policy).
pub fn owner(conn: &mut AnyConnection, kind: ListingKind, id: &str) -> anyhow::Result<Option<OrganisationId>> {
    let org: Option<String> =
        per_kind!(kind, t => t::table.find(id).select(t::organisation_id).first(conn).optional()?);
    org.map(|o| o.parse().map_err(anyhow::Error::from)).transpose()
}

/// Every listing of an organisation, offers then needs, most recently changed first.
pub fn by_organisation(conn: &mut AnyConnection, org: OrganisationId) -> anyhow::Result<Vec<Summary>> {
    let mut out = Vec::new();
    for kind in ListingKind::ALL {
        let rows: Vec<SummaryTuple> = per_kind!(kind, t => t::table
            .filter(t::organisation_id.eq(org.to_string()))
            .order(t::updated_at.desc())
            .select(columns!(t))
            .load(conn)?);
        for r in rows {
            out.push(summary(*kind, r)?);
        }
    }
    Ok(out)
}

/// Listings awaiting review, longest waiting first.
pub fn submitted(conn: &mut AnyConnection) -> anyhow::Result<Vec<Summary>> {
    let mut out = Vec::new();
    for kind in ListingKind::ALL {
        let rows: Vec<SummaryTuple> = per_kind!(kind, t => t::table
            .filter(t::status.eq(ListingStatus::Submitted.code()))
            .select(columns!(t))
            .load(conn)?);
        for r in rows {
            out.push(summary(*kind, r)?);
        }
    }
    out.sort_by_key(|s| s.submitted_at.unwrap_or(s.updated_at));
    Ok(out)
}

/// Published listings whose expiry falls in `(from, to]`.
pub fn expiring(conn: &mut AnyConnection, from: NaiveDateTime, to: NaiveDateTime) -> anyhow::Result<Vec<Summary>> {
    let mut out = Vec::new();
    for kind in ListingKind::ALL {
        let rows: Vec<SummaryTuple> = per_kind!(kind, t => t::table
            .filter(t::status.eq(ListingStatus::Published.code()))
            .filter(t::expires_at.gt(from))
            .filter(t::expires_at.le(to))
            .select(columns!(t))
            .load(conn)?);
        for r in rows {
            out.push(summary(*kind, r)?);
        }
    }
    Ok(out)
}

/// A listing's summary.
pub fn summary_of(conn: &mut AnyConnection, kind: ListingKind, id: &str) -> anyhow::Result<Option<Summary>> {
    let row: Option<SummaryTuple> = per_kind!(kind, t => t::table.find(id).select(columns!(t)).first(conn).optional()?);
    row.map(|r| summary(kind, r)).transpose()
}

/// Sets a listing's expiry (renewal), bumping its version.
pub fn set_expiry(
    conn: &mut AnyConnection,
    kind: ListingKind,
    id: &str,
    expires_at: NaiveDateTime,
) -> anyhow::Result<bool> {
    let now = super::now();
    Ok(per_kind!(kind, t => diesel::update(t::table.find(id))
        .set((t::expires_at.eq(Some(expires_at)), t::updated_at.eq(now), t::version.eq(t::version + 1)))
        .execute(conn)?)
        == 1)
}

// ---------------------------------------------------------------- revisions

/// A proposed change to a published listing, waiting for review.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = revisions)]
pub struct RevisionRow {
    pub id: String,
    pub listing_kind: String,
    pub listing_id: String,
    pub organisation_id: String,
    /// The listing's version the change was made on.
    pub base_version: i32,
    /// The whole proposed listing as JSON (see `listings::Revision`).
    pub data: String,
    pub quality_score: i32,
    /// `pending`, `approved`, `returned`, `rejected` or `superseded`.
    pub state: String,
    pub note: String,
    pub created_by: Option<String>,
    pub created_at: NaiveDateTime,
    pub decided_by: Option<String>,
    pub decided_at: Option<NaiveDateTime>,
}

/// Stores a new revision.
pub fn insert_revision(conn: &mut AnyConnection, r: &RevisionRow) -> anyhow::Result<()> {
    diesel::insert_into(revisions::table).values(r).execute(conn)?;
    Ok(())
}

/// The pending revision of a listing, if any.
pub fn pending_revision(conn: &mut AnyConnection, kind: ListingKind, id: &str) -> anyhow::Result<Option<RevisionRow>> {
    Ok(revisions::table
        .filter(revisions::listing_kind.eq(kind.code()))
        .filter(revisions::listing_id.eq(id))
        .filter(revisions::state.eq("pending"))
        .order(revisions::created_at.desc())
        .select(RevisionRow::as_select())
        .first(conn)
        .optional()?)
}

/// One revision.
pub fn revision(conn: &mut AnyConnection, id: &str) -> anyhow::Result<Option<RevisionRow>> {
    Ok(revisions::table.find(id).select(RevisionRow::as_select()).first(conn).optional()?)
}

/// Every pending revision, longest waiting first.
pub fn pending_revisions(conn: &mut AnyConnection) -> anyhow::Result<Vec<RevisionRow>> {
    Ok(revisions::table
        .filter(revisions::state.eq("pending"))
        .order(revisions::created_at.asc())
        .select(RevisionRow::as_select())
        .load(conn)?)
}

/// The revisions of a listing, newest first (its review history).
pub fn revisions_of(conn: &mut AnyConnection, kind: ListingKind, id: &str) -> anyhow::Result<Vec<RevisionRow>> {
    Ok(revisions::table
        .filter(revisions::listing_kind.eq(kind.code()))
        .filter(revisions::listing_id.eq(id))
        .order(revisions::created_at.desc())
        .select(RevisionRow::as_select())
        .load(conn)?)
}

/// Records the decision on a pending revision; false when it was no longer pending.
pub fn decide_revision(
    conn: &mut AnyConnection,
    id: &str,
    state: &str,
    note: &str,
    by: Option<UserId>,
) -> anyhow::Result<bool> {
    Ok(diesel::update(revisions::table.find(id).filter(revisions::state.eq("pending")))
        .set((
            revisions::state.eq(state),
            revisions::note.eq(note),
            revisions::decided_by.eq(by.map(|u| u.to_string())),
            revisions::decided_at.eq(Some(super::now())),
        ))
        .execute(conn)?
        == 1)
}

/// Public listings of one kind among `ids`, in the order of `ids` (search results).
pub fn public_in_order(
    conn: &mut AnyConnection,
    kind: ListingKind,
    ids: &[String],
    now: NaiveDateTime,
) -> anyhow::Result<Vec<Listing>> {
    let found: Vec<Listing> = match kind {
        ListingKind::Offer => super::offers::public_among(conn, ids, now)?.into_iter().map(Listing::Offer).collect(),
        ListingKind::Need => super::needs::public_among(conn, ids, now)?.into_iter().map(Listing::Need).collect(),
    };
    let mut by_id: std::collections::HashMap<String, Listing> = found.into_iter().map(|l| (l.id(), l)).collect();
    Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
}

/// A page of public listings of one kind, newest first.
pub fn list_public(
    conn: &mut AnyConnection,
    kind: ListingKind,
    filter: &super::ListFilter,
    now: NaiveDateTime,
    page: i64,
    per_page: i64,
) -> anyhow::Result<super::Page<Listing>> {
    Ok(match kind {
        ListingKind::Offer => super::offers::list_public(conn, filter, now, page, per_page)?.map(Listing::Offer),
        ListingKind::Need => super::needs::list_public(conn, filter, now, page, per_page)?.map(Listing::Need),
    })
}

/// One listing of one kind if it is public at `now`.
pub fn get_public(
    conn: &mut AnyConnection,
    kind: ListingKind,
    id: &str,
    now: NaiveDateTime,
) -> anyhow::Result<Option<Listing>> {
    Ok(get(conn, kind, id)?.filter(|l| crate::domain::is_public(l.status(), l.expires_at(), now)))
}

/// One listing of one kind by id, whatever its status.
pub fn get(conn: &mut AnyConnection, kind: ListingKind, id: &str) -> anyhow::Result<Option<Listing>> {
    Ok(match kind {
        ListingKind::Offer => match id.parse() {
            Ok(id) => super::offers::get(conn, id)?.map(Listing::Offer),
            Err(_) => None,
        },
        ListingKind::Need => match id.parse() {
            Ok(id) => super::needs::get(conn, id)?.map(Listing::Need),
            Err(_) => None,
        },
    })
}

/// What statistics count of a listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    pub kind: ListingKind,
    pub id: String,
    pub sector: String,
    pub status: String,
    pub created_at: NaiveDateTime,
    pub expires_at: Option<NaiveDateTime>,
}

/// Every listing of both kinds, as statistics count them.
pub fn facts(conn: &mut AnyConnection) -> anyhow::Result<Vec<Fact>> {
    type Tuple = (String, String, String, NaiveDateTime, Option<NaiveDateTime>);
    let mut out = Vec::new();
    for kind in ListingKind::ALL {
        let rows: Vec<Tuple> = per_kind!(kind, t => t::table
            .select((t::id, t::sector, t::status, t::created_at, t::expires_at))
            .load(conn)?);
        out.extend(rows.into_iter().map(|r| Fact {
            kind: *kind,
            id: r.0,
            sector: r.1,
            status: r.2,
            created_at: r.3,
            expires_at: r.4,
        }));
    }
    Ok(out)
}
