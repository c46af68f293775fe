//! The search index kept in step with the database. Every listing change writes a row to
//! `search_changes` in its own transaction; [`Search::catch_up`] applies the rows after the last
//! one the index recorded (in its commit payload), in id order, so each node's index converges.
//! A missing, unreadable or outdated-schema index is rebuilt from the database.

use std::path::Path;
use std::sync::{Arc, Mutex};

use anyhow::Context;
use ketnoi_index::{Doc, Results, SearchIndex, SearchQuery, Stale};

use crate::db::{self, AnyConnection};
use crate::domain::Listing;
use crate::domain::{ListingKind, ListingStatus, Organisation};

/// Indexing memory of the single writer.
const HEAP: usize = 64 * 1024 * 1024;
/// A gap in change ids younger than this may be a transaction still committing (PostgreSQL
/// sequences are not commit-ordered): wait for it instead of skipping it.
const GAP_WAIT: chrono::TimeDelta = chrono::TimeDelta::seconds(10);

/// The index and its one writer.
pub struct Search {
    pub index: SearchIndex,
    writer: Mutex<ketnoi_index::Writer>,
    /// Searches running at once, two per core: a burst of requests queues in order instead of
    /// time-slicing dozens of searches over the cores, which made every one of them late.
    running: tokio::sync::Semaphore,
}

/// The index's id of a listing: kind and id (offers and needs have separate id spaces).
pub fn doc_id(kind: ListingKind, id: &str) -> String {
    format!("{}:{id}", kind.code())
}

/// Splits an index id (`offer:…`) into kind and listing id.
pub fn split_id(id: &str) -> (ListingKind, &str) {
    match id.split_once(':') {
        Some(("need", rest)) => (ListingKind::Need, rest),
        Some((_, rest)) => (ListingKind::Offer, rest),
        None => (ListingKind::Offer, id),
    }
}

/// A listing as the index holds it.
pub fn doc_of(l: &Listing, org: &Organisation) -> Doc {
    let secs = |t: Option<chrono::NaiveDateTime>| t.map(|t| t.and_utc().timestamp());
    let range = |r: crate::domain::MoneyRange| {
        let (lo, hi) = (r.min().map(|m| m.dong()), r.max().map(|m| m.dong()));
        lo.or(hi).zip(hi.or(lo))
    };
    let mut facets: Vec<(&'static str, String)> =
        vec![("kind", l.kind().code().into()), ("org_kind", org.kind.code().into())];
    let doc = match l {
        Listing::Offer(o) => {
            facets.push(("sector", o.sector.code().into()));
            facets.push(("province", o.province.code().into()));
            facets.push(("ip_status", o.ip_status.code().into()));
            facets.extend(o.transfer_modes.iter().map(|m| ("transfer_mode", m.code().to_string())));
            Doc {
                title: o.title.clone(),
                title_en: o.title_en.clone(),
                summary_en: o.summary_en.clone(),
                body: [
                    o.summary.as_str(),
                    &o.description,
                    &o.advantages,
                    &o.applications,
                    &o.keywords.as_slice().join(", "),
                    &org.name,
                ]
                .join("\n"),
                trl: o.trl.map(|t| u64::from(t.get())),
                price: range(o.price),
                published: secs(o.published_at).unwrap_or(0),
                expires: secs(o.expires_at).unwrap_or(i64::MAX),
                deadline: i64::MAX,
                ..Doc::default()
            }
        }
        Listing::Need(n) => {
            facets.push(("sector", n.sector.code().into()));
            facets.push(("province", n.province.code().into()));
            facets.extend(n.transfer_modes.iter().map(|m| ("transfer_mode", m.code().to_string())));
            Doc {
                title: n.title.clone(),
                title_en: n.title_en.clone(),
                summary_en: n.summary_en.clone(),
                body: [n.problem.as_str(), &n.tried, &n.desired_outcome, &n.keywords.as_slice().join(", "), &org.name]
                    .join("\n"),
                trl: n.min_trl.map(|t| u64::from(t.get())),
                price: range(n.budget),
                published: secs(n.published_at).unwrap_or(0),
                expires: secs(n.expires_at).unwrap_or(i64::MAX),
                deadline: n.deadline.map(|d| (d - chrono::NaiveDate::default()).num_days()).unwrap_or(i64::MAX),
                ..Doc::default()
            }
        }
    };
    Doc { id: doc_id(l.kind(), &l.id()), facets, ..doc }
}

impl Search {
    /// Opens the index in `dir`, rebuilding it from the database when it is missing, unreadable
    /// or of another schema version; then applies the changes it has not seen.
    pub fn open(dir: &Path, conn: &mut AnyConnection, progress: impl FnMut(usize, usize)) -> anyhow::Result<Self> {
        let me = match SearchIndex::open(dir) {
            Ok(index) => {
                let writer = index.writer(HEAP)?;
                Self::with(index, writer)
            }
            Err(why) => {
                match &why {
                    Stale::Missing => tracing::info!(dir = %dir.display(), "no search index yet: building it"),
                    Stale::OldSchema => {
                        tracing::warn!(dir = %dir.display(), "the search index has an older schema: rebuilding it")
                    }
                    Stale::Corrupt(e) => {
                        tracing::warn!(dir = %dir.display(), error = %e, "the search index cannot be read: rebuilding it")
                    }
                }
                Self::rebuild(dir, conn, progress)?
            }
        };
        me.catch_up(conn)?;
        Ok(me)
    }

    /// Builds the index anew from every published listing.
    pub fn rebuild(
        dir: &Path,
        conn: &mut AnyConnection,
        mut progress: impl FnMut(usize, usize),
    ) -> anyhow::Result<Self> {
        // Changes made while we read are applied afterwards: start after the newest one now.
        let last = db::search_changes::newest(conn)?;
        let index = SearchIndex::create(dir).with_context(|| format!("creating the index in {}", dir.display()))?;
        let mut writer = index.bulk_writer(HEAP)?;
        let orgs = db::organisations::list(conn)?;
        let total = orgs.len();
        for (i, org) in orgs.iter().enumerate() {
            let listings = db::offers::by_organisation(conn, org.id)?
                .into_iter()
                .map(Listing::Offer)
                .chain(db::needs::by_organisation(conn, org.id)?.into_iter().map(Listing::Need));
            for l in listings.filter(|l| l.status() == ListingStatus::Published) {
                index.add(&writer, &doc_of(&l, org))?;
            }
            progress(i + 1, total);
        }
        index.commit(&mut writer, last)?;
        index.merge_all(&mut writer)?;
        tracing::info!(documents = index.len(), "search index built");
        Ok(Self::with(index, writer))
    }

    fn with(index: SearchIndex, writer: ketnoi_index::Writer) -> Self {
        // Two per core: one searching while the next is being handed to its thread (with one, a
        // core idled through every hand-over).
        let cores = std::thread::available_parallelism().map_or(2, usize::from);
        Self { index, writer: Mutex::new(writer), running: tokio::sync::Semaphore::new(2 * cores) }
    }

    /// Runs a search off the async workers, at most two per core at a time.
    pub async fn run(self: &Arc<Self>, q: SearchQuery) -> anyhow::Result<Results> {
        let _turn = self.running.acquire().await?;
        let me = self.clone();
        tokio::task::spawn_blocking(move || me.index.search(&q)).await?
    }

    /// Applies the logged changes after the last one applied; returns how many.
    pub fn catch_up(&self, conn: &mut AnyConnection) -> anyhow::Result<usize> {
        let mut writer = self.writer.lock().map_err(|_| anyhow::anyhow!("the index writer lock is poisoned"))?;
        let mut last = self.index.last_change()?;
        let start = last;
        let mut applied = 0;
        'batches: loop {
            let changes = db::search_changes::after(conn, last, 500)?;
            if changes.is_empty() {
                break;
            }
            for c in changes {
                if c.id != last + 1 && c.at > db::now() - GAP_WAIT {
                    break 'batches;
                }
                let kind: ListingKind = c.listing_kind.parse()?;
                let doc_id = doc_id(kind, &c.listing_id);
                match db::listings::get(conn, kind, &c.listing_id)? {
                    Some(l) if l.status() == ListingStatus::Published => {
                        let Some(org) = db::organisations::get(conn, l.organisation())? else { continue };
                        self.index.upsert(&writer, &doc_of(&l, &org))?;
                    }
                    _ => self.index.delete(&writer, &doc_id),
                }
                last = c.id;
                applied += 1;
            }
        }
        if last != start {
            self.index.commit(&mut writer, last)?;
        }
        Ok(applied)
    }
}
