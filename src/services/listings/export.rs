//! Listings as rows for export (staff CSV and JSON) and for other exchanges (the public feed and
//! export endpoint use only published, unexpired ones).

use chrono::{DateTime, NaiveDateTime, Utc};

use super::Listing;
use super::input::RawListing;
use crate::db::{self, AnyConnection};
use crate::domain::{ListingKind, Need, Offer};

/// One listing, every field as text.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct ExportRow {
    /// `offer` or `need`.
    #[schema(value_type = String)]
    pub kind: ListingKind,
    pub id: String,
    pub organisation_id: String,
    pub organisation: String,
    pub status: String,
    #[serde(flatten)]
    pub fields: RawListing,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub published_at: Option<DateTime<Utc>>,
    pub expires_at: Option<DateTime<Utc>>,
    pub version: i32,
}

fn row(l: &Listing, org: String) -> ExportRow {
    let (created_at, updated_at, published_at, expires_at) = match l {
        Listing::Offer(o) => (o.created_at, o.updated_at, o.published_at, o.expires_at),
        Listing::Need(n) => (n.created_at, n.updated_at, n.published_at, n.expires_at),
    };
    ExportRow {
        kind: l.kind(),
        id: l.id(),
        organisation_id: l.organisation().to_string(),
        organisation: org,
        status: l.status().code().to_string(),
        fields: l.raw(),
        created_at: created_at.and_utc(),
        updated_at: updated_at.and_utc(),
        published_at: published_at.map(|t| t.and_utc()),
        expires_at: expires_at.map(|t| t.and_utc()),
        version: l.version(),
    }
}

/// Every listing of every organisation, offers first.
pub fn all(conn: &mut AnyConnection) -> anyhow::Result<Vec<ExportRow>> {
    let orgs = db::organisations::list(conn)?;
    let mut out = Vec::new();
    for org in &orgs {
        for o in db::offers::by_organisation(conn, org.id)? {
            out.push(row(&Listing::Offer(o), org.name.clone()));
        }
    }
    for org in &orgs {
        for n in db::needs::by_organisation(conn, org.id)? {
            out.push(row(&Listing::Need(n), org.name.clone()));
        }
    }
    Ok(out)
}

/// The published, unexpired listings (of `kind`, or both) published after `since`, newest
/// first, at most `limit`.
pub fn published(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    kind: Option<ListingKind>,
    since: Option<NaiveDateTime>,
    limit: i64,
) -> anyhow::Result<Vec<ExportRow>> {
    let filter = db::ListFilter::default();
    let after = |p: Option<NaiveDateTime>| since.is_none_or(|s| p.is_some_and(|p| p > s));
    let wants = |k| kind.is_none_or(|x| x == k);
    let offers: Vec<Offer> = if wants(ListingKind::Offer) {
        db::offers::list_public(conn, &filter, now, 1, limit)?
            .items
            .into_iter()
            .filter(|o| after(o.published_at))
            .collect()
    } else {
        Vec::new()
    };
    let needs: Vec<Need> = if wants(ListingKind::Need) {
        db::needs::list_public(conn, &filter, now, 1, limit)?
            .items
            .into_iter()
            .filter(|n| after(n.published_at))
            .collect()
    } else {
        Vec::new()
    };
    let names = db::organisations::names(
        conn,
        offers.iter().map(|o| o.organisation_id).chain(needs.iter().map(|n| n.organisation_id)),
    )?;
    let name = |id| names.get(&id).cloned().unwrap_or_default();
    let mut rows: Vec<ExportRow> = offers
        .into_iter()
        .map(|o| {
            let n = name(o.organisation_id);
            row(&Listing::Offer(o), n)
        })
        .chain(needs.into_iter().map(|x| {
            let n = name(x.organisation_id);
            row(&Listing::Need(x), n)
        }))
        .collect();
    rows.sort_by(|a, b| b.published_at.cmp(&a.published_at).then(b.id.cmp(&a.id)));
    rows.truncate(usize::try_from(limit).unwrap_or(0));
    Ok(rows)
}

/// The CSV columns, in order: identity, every listing field, then times.
pub fn csv_columns() -> Vec<&'static str> {
    ["kind", "id", "organisation_id", "organisation", "status"]
        .into_iter()
        .chain(RawListing::FIELDS.iter().copied())
        .chain(["created_at", "updated_at", "published_at", "expires_at", "version"])
        .collect()
}

/// The first characters that make a spreadsheet read a cell as a formula (OWASP's CSV-injection
/// rule): such a cell is written with a leading `'`, which spreadsheets show as text.
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A cell that a spreadsheet will not run: `'` before a formula's first character.
pub(crate) fn neutralise(s: &str) -> std::borrow::Cow<'_, str> {
    if s.starts_with(FORMULA_START) { format!("'{s}").into() } else { s.into() }
}

/// The value of a cell written by [`neutralise`] (what `ketnoi import` reads back): a phone number
/// `+84 …` survives the round trip.
pub(crate) fn unneutralise(s: &str) -> &str {
    match s.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_START) => rest,
        _ => s,
    }
}

/// One CSV field, neutralised and quoted when it has to be (RFC 4180).
fn field(s: &str) -> String {
    let s = neutralise(s);
    if s.contains([',', '"', '\n', '\r']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s.into_owned() }
}

/// The rows as CSV with a header line, starting with a UTF-8 byte-order mark so that Excel reads
/// the Vietnamese text as UTF-8.
pub fn csv(rows: &[ExportRow]) -> String {
    let columns = csv_columns();
    let mut out = "\u{FEFF}".to_string() + &columns.join(",") + "\r\n";
    for r in rows {
        let v = serde_json::to_value(r).unwrap_or_default();
        let cells: Vec<String> = columns
            .iter()
            .map(|c| match &v[c] {
                serde_json::Value::String(s) => field(s),
                serde_json::Value::Array(a) => {
                    field(&a.iter().filter_map(|x| x.as_str()).collect::<Vec<_>>().join(";"))
                }
                serde_json::Value::Null => String::new(),
                other => field(&other.to_string()),
            })
            .collect();
        out += &cells.join(",");
        out += "\r\n";
    }
    out
}
