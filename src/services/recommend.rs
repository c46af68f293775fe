//! Suggestions: the recommender's lists computed from the published listings, stored, kept fresh
//! from the listing change log, and read back with their reasons.
//!
//! `ketnoi match all` computes every list. After that the background loop follows the change log
//! (the one the search index follows, from its own cursor): when listings changed it computes the
//! lists again in memory — exact and cheap at an exchange's size — and rewrites only the lists it
//! touches: those of the changed listings, and those whose members or order changed. A list whose
//! order did not change keeps its stored scores, which drift only with the collection's word
//! statistics.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDateTime;
use ketnoi_index::similar::Analyzer;

use crate::db::recommendations::Row;
use crate::db::{self, AnyConnection};
use crate::domain::{Listing, ListingKind, OrganisationId, Sector, User};
use crate::matching::fit::{Check, checks};
use crate::matching::recommend::{Entry, Lists, recommend};

/// The length of the lists unless `ketnoi match all --top` said otherwise.
pub const DEFAULT_TOP: usize = 10;

/// The published listings, needs and offers, as the recommender reads them.
struct Published {
    needs: Vec<Listing>,
    offers: Vec<Listing>,
}

impl Published {
    fn load(conn: &mut AnyConnection, now: NaiveDateTime) -> anyhow::Result<Self> {
        Ok(Self {
            needs: db::needs::all_public(conn, now)?.into_iter().map(Listing::Need).collect(),
            offers: db::offers::all_public(conn, now)?.into_iter().map(Listing::Offer).collect(),
        })
    }

    fn compute(&self, top: usize, threads: usize, done: impl Fn() + Sync) -> Lists {
        let entries = |l: &[Listing]| l.iter().map(Entry::of).collect::<Vec<_>>();
        recommend(&entries(&self.needs), &entries(&self.offers), top, threads, done)
    }

    /// The rows of every list, keyed by (side, listing).
    fn rows(&self, lists: &Lists, at: NaiveDateTime) -> HashMap<(String, String), Vec<Row>> {
        let mut out = HashMap::new();
        let sides = [
            (ListingKind::Need, &self.needs, &lists.for_needs, &self.offers),
            (ListingKind::Offer, &self.offers, &lists.for_offers, &self.needs),
        ];
        for (side, owners, per_owner, others) in sides {
            for (owner, list) in owners.iter().zip(per_owner) {
                let rows = list
                    .iter()
                    .enumerate()
                    .map(|(rank, p)| Row {
                        side: side.code().to_string(),
                        listing_id: owner.id(),
                        rank: i32::try_from(rank + 1).unwrap_or(i32::MAX),
                        other_id: others[if side == ListingKind::Need { p.offer } else { p.need }].id(),
                        score: f64::from(p.score),
                        relevance: f64::from(p.relevance),
                        terms: p.terms.join("|"),
                        computed_at: at,
                    })
                    .collect();
                out.insert((side.code().to_string(), owner.id()), rows);
            }
        }
        out
    }
}

/// What `ketnoi match all` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub needs: usize,
    pub offers: usize,
    /// Rows written (places in lists).
    pub rows: usize,
}

fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

/// Computes and stores every list, `top` long, on every core; `progress(done, total)` after each
/// need.
pub fn compute_all(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    top: usize,
    progress: impl Fn(usize, usize) + Sync,
) -> anyhow::Result<Summary> {
    // Changes made while we compute are applied by the next refresh: start after the newest now.
    let newest = db::search_changes::newest(conn)?;
    let started = std::time::Instant::now();
    let published = Published::load(conn, now)?;
    let loaded = started.elapsed().as_secs_f64();
    let total = published.needs.len();
    let done = std::sync::atomic::AtomicUsize::new(0);
    let lists = published
        .compute(top, threads(), || progress(done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1, total));
    let rows: Vec<Row> = published.rows(&lists, db::now()).into_values().flatten().collect();
    let computed = started.elapsed().as_secs_f64() - loaded;
    db::write(conn, |c| {
        let last = db::recommendations::cursor_for_update(c)?;
        db::recommendations::clear(c)?;
        db::recommendations::insert(c, &rows)?;
        db::recommendations::set_cursor(c, last.max(newest), top)
    })?;
    tracing::info!(
        needs = total,
        offers = published.offers.len(),
        rows = rows.len(),
        load_s = loaded,
        compute_s = computed,
        write_s = started.elapsed().as_secs_f64() - loaded - computed,
        "suggestions computed"
    );
    Ok(Summary { needs: total, offers: published.offers.len(), rows: rows.len() })
}

/// Applies the listing changes logged since the lists were last written (with `expiry`, also
/// when none were: listings that expired since leave the lists); returns how many lists were
/// rewritten.
pub fn refresh(conn: &mut AnyConnection, now: NaiveDateTime, expiry: bool) -> anyhow::Result<usize> {
    let (start, top) = db::recommendations::cursor(conn)?;
    let changes = db::search_changes::after(conn, start, 100_000)?;
    if changes.is_empty() && !expiry {
        return Ok(0);
    }
    let last = changes.last().map_or(start, |c| c.id);
    let changed: HashSet<(String, String)> = changes.into_iter().map(|c| (c.listing_kind, c.listing_id)).collect();
    let published = Published::load(conn, now)?;
    let lists = published.compute(top, threads(), || {});
    let mut fresh = published.rows(&lists, db::now());
    db::write(conn, |c| {
        if db::recommendations::cursor_for_update(c)? != start {
            return Ok(0); // another node has just done it
        }
        let mut rewritten = 0;
        for (side, listing, others) in db::recommendations::all_orders(c)? {
            let key = (side, listing);
            let rows = fresh.remove(&key).unwrap_or_default();
            let same = rows.iter().map(|r| &r.other_id).eq(others.iter());
            if !same || changed.contains(&key) {
                db::recommendations::replace(c, &key.0, &key.1, &rows)?;
                rewritten += 1;
            }
        }
        // Lists that were empty before.
        for ((side, listing), rows) in fresh.into_iter().filter(|(_, rows)| !rows.is_empty()) {
            db::recommendations::replace(c, &side, &listing, &rows)?;
            rewritten += 1;
        }
        db::recommendations::set_cursor(c, last, top)?;
        Ok(rewritten)
    })
}

/// A suggestion as pages and the API show it.
#[derive(Debug, Clone)]
pub struct Suggestion {
    /// The suggested listing (an offer for a need, a need for an offer).
    pub listing: Listing,
    pub score: f64,
    pub relevance: f64,
    /// The matched words, as the suggested listing writes them.
    pub words: Vec<String>,
    /// What fits and what does not.
    pub checks: Vec<Check>,
    /// The viewer's organisation's judgement, when it owns the listing and gave one.
    pub judged: Option<bool>,
}

/// The stored list of a public listing, its members still public at `now`, with the checklist;
/// for a viewer of the owning organisation, with its judgements.
pub fn suggestions(
    conn: &mut AnyConnection,
    listing: &Listing,
    viewer: Option<OrganisationId>,
    now: NaiveDateTime,
) -> anyhow::Result<Vec<Suggestion>> {
    let rows = db::recommendations::list(conn, listing.kind(), &listing.id())?;
    let judged = match viewer.filter(|o| *o == listing.organisation()) {
        Some(org) => db::recommendations::feedback_on(conn, listing.kind(), &listing.id(), &org.to_string())?,
        None => HashMap::new(),
    };
    let other_kind = match listing.kind() {
        ListingKind::Need => ListingKind::Offer,
        ListingKind::Offer => ListingKind::Need,
    };
    let ids: Vec<String> = rows.iter().map(|r| r.other_id.clone()).collect();
    let others: HashMap<String, Listing> =
        db::listings::public_in_order(conn, other_kind, &ids, now)?.into_iter().map(|l| (l.id(), l)).collect();
    let me = Entry::of(listing);
    let mut analyzer = Analyzer::default();
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let other = others.get(&r.other_id)?.clone();
            let them = Entry::of(&other);
            let checks = match listing.kind() {
                ListingKind::Need => checks(&them.profile, &me.profile),
                ListingKind::Offer => checks(&me.profile, &them.profile),
            };
            let words = r
                .terms
                .split('|')
                .filter(|t| !t.is_empty())
                .map(|t| {
                    // As the suggested listing writes it, else as this one does.
                    analyzer
                        .surface(t, them.text())
                        .or_else(|| analyzer.surface(t, me.text()))
                        .unwrap_or_else(|| t.to_string())
                })
                .collect();
            let judged = judged.get(&r.other_id).copied();
            Some(Suggestion { listing: other, score: r.score, relevance: r.relevance, words, checks, judged })
        })
        .collect())
}

/// Records a member's judgement of a suggestion on their organisation's listing: `Ok(false)` when
/// the listing is not theirs or `other` is not in its list (only what was suggested is judged).
pub fn judge(
    conn: &mut AnyConnection,
    user: &User,
    kind: ListingKind,
    id: &str,
    other: &str,
    useful: bool,
    now: NaiveDateTime,
) -> anyhow::Result<bool> {
    let Some(org) = user.organisation_id else { return Ok(false) };
    let Some(listing) = db::listings::get_public(conn, kind, id, now)? else { return Ok(false) };
    if listing.organisation() != org || !db::recommendations::list(conn, kind, id)?.iter().any(|r| r.other_id == other)
    {
        return Ok(false);
    }
    let sector = Entry::of(&listing).profile.sector;
    db::write(conn, |c| {
        db::recommendations::record_feedback(
            c,
            &db::recommendations::Feedback {
                side: kind.code().to_string(),
                listing_id: id.to_string(),
                other_id: other.to_string(),
                organisation_id: org.to_string(),
                user_id: Some(user.id.to_string()),
                useful,
                sector: sector.code().to_string(),
                at: now,
            },
        )
    })?;
    Ok(true)
}

/// Members' judgements of one sector.
#[derive(Debug, Clone, PartialEq)]
pub struct SectorPrecision {
    pub sector: Sector,
    pub judged: usize,
    pub useful: usize,
}

impl SectorPrecision {
    /// The share judged useful (0 when none was judged).
    pub fn precision(&self) -> f64 {
        if self.judged == 0 { 0.0 } else { self.useful as f64 / self.judged as f64 }
    }
}

/// The precision of the suggestions by the sector of the listing they were made for, sectors
/// with judgements only, in the taxonomy's order.
pub fn precision_by_sector(conn: &mut AnyConnection) -> anyhow::Result<Vec<SectorPrecision>> {
    let all = db::recommendations::all_feedback(conn)?;
    Ok(Sector::ALL
        .iter()
        .map(|s| {
            let mine: Vec<_> = all.iter().filter(|f| f.sector == s.code()).collect();
            SectorPrecision { sector: *s, judged: mine.len(), useful: mine.iter().filter(|f| f.useful).count() }
        })
        .filter(|p| p.judged > 0)
        .collect())
}

/// Every judgement as relevance judgements in the BEIR layout (`query-id  corpus-id  score`:
/// the need, the offer, 1 useful or 0 not), for `ketnoi eval match --qrels` on a copy of the
/// listings: the members' verdicts become the recommender's regression fixture.
pub fn judgements_tsv(conn: &mut AnyConnection) -> anyhow::Result<String> {
    let mut out = String::from("query-id\tcorpus-id\tscore\n");
    for f in db::recommendations::all_feedback(conn)? {
        let (need, offer) =
            if f.side == ListingKind::Need.code() { (f.listing_id, f.other_id) } else { (f.other_id, f.listing_id) };
        out.push_str(&format!("{need}\t{offer}\t{}\n", u8::from(f.useful)));
    }
    Ok(out)
}
