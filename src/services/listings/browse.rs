//! The public lists of offers or needs (pages and API): with free text, the search engine's
//! results with that kind and those filters — the same listings in the same order as the search
//! page, and its total; without, the newest first from the database.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDateTime;

use crate::db::{self, Db, ListFilter, Page};
use crate::domain::{Listing, ListingKind, OrganisationId};
use crate::services::search::Search;

/// What a list shows.
#[derive(Debug, Clone)]
pub struct Browse {
    pub kind: ListingKind,
    pub filter: ListFilter,
    pub q: Option<String>,
    pub page: i64,
    pub per_page: i64,
}

/// A page of public listings with the names of their organisations.
pub struct Listed {
    pub page: Page<Listing>,
    pub names: HashMap<OrganisationId, String>,
}

/// The page `b` asks for, public at `now`.
pub async fn browse(db: &Db, search: &Arc<Search>, b: Browse, now: NaiveDateTime) -> anyhow::Result<Listed> {
    let Some(q) = b.q.clone().filter(|q| !q.trim().is_empty()) else {
        return db
            .run(move |c| {
                let page = db::listings::list_public(c, b.kind, &b.filter, now, b.page, b.per_page)?;
                let names = db::organisations::names(c, page.items.iter().map(Listing::organisation))?;
                Ok(Listed { page, names })
            })
            .await;
    };
    let mut filters = vec![("kind", vec![b.kind.code().to_string()])];
    if let Some(s) = b.filter.sector {
        filters.push(("sector", vec![s.code().to_string()]));
    }
    if let Some(p) = b.filter.province {
        filters.push(("province", vec![p.code().to_string()]));
    }
    let query = ketnoi_index::SearchQuery {
        text: q,
        filters,
        now: now.and_utc().timestamp(),
        offset: usize::try_from((b.page - 1) * b.per_page).unwrap_or(0),
        limit: usize::try_from(b.per_page).unwrap_or(0),
        ..ketnoi_index::SearchQuery::default()
    };
    let results = search.run(query).await?;
    let ids: Vec<String> =
        results.hits.iter().map(|h| crate::services::search::split_id(&h.id).1.to_string()).collect();
    let total = i64::try_from(results.total).unwrap_or(i64::MAX);
    db.run(move |c| {
        let items = db::listings::public_in_order(c, b.kind, &ids, now)?;
        let names = db::organisations::names(c, items.iter().map(Listing::organisation))?;
        Ok(Listed { page: Page { items, total, page: b.page, per_page: b.per_page }, names })
    })
    .await
}
