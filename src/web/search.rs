//! Search parameters shared by the search page and `GET /api/v1/search`: parsed once from the
//! query string (facet parameters may repeat), with a message naming a bad parameter; and the
//! labels of facet values in the reader's language.

use ketnoi_index::{SearchQuery, Sort};

use crate::domain::{IpStatus, ListingKind, Locale, OrgKind, Province, Sector, TransferMode};
use crate::error::AppError;
use crate::web::query::Strictness;

/// Results per page on the search page.
pub const PAGE_SIZE: usize = 12;

/// A parsed search, with the parameters as they came (to rebuild links).
#[derive(Debug, Clone)]
pub struct Params {
    pub query: SearchQuery,
    pub page: usize,
    pub per_page: usize,
    /// Every recognised (name, value) pair, in order: shareable URLs and filter chips.
    pub pairs: Vec<(String, String)>,
}

/// The facet parameters: the index's facets.
pub use ketnoi_index::FACETS as FACET_PARAMS;

fn check(facet: &str, value: &str) -> Result<String, String> {
    let code = |r: Result<&'static str, crate::domain::ParseError>| r.map(str::to_string).map_err(|e| e.to_string());
    match facet {
        "kind" => code(value.parse::<ListingKind>().map(|k| k.code())),
        "sector" => code(value.parse::<Sector>().map(|k| k.code())),
        "province" => code(value.parse::<Province>().map(|k| k.code())),
        "ip_status" => code(value.parse::<IpStatus>().map(|k| k.code())),
        "transfer_mode" => code(value.parse::<TransferMode>().map(|k| k.code())),
        "org_kind" => code(value.parse::<OrgKind>().map(|k| k.code())),
        _ => Err("unknown".into()),
    }
}

/// A facet value's label.
pub fn label(facet: &str, value: &str, l: Locale) -> String {
    let found = match facet {
        "kind" => value.parse::<ListingKind>().map(|k| k.label(l)).ok(),
        "sector" => value.parse::<Sector>().map(|k| k.label(l)).ok(),
        "province" => value.parse::<Province>().map(|k| k.label(l)).ok(),
        "ip_status" => value.parse::<IpStatus>().map(|k| k.label(l)).ok(),
        "transfer_mode" => value.parse::<TransferMode>().map(|k| k.label(l)).ok(),
        "org_kind" => value.parse::<OrgKind>().map(|k| k.label(l)).ok(),
        _ => None,
    };
    found.unwrap_or_else(|| value.to_string())
}

/// An amount in đồng: as people type it on the page ("1,5 tỷ"), plain digits on the API.
fn money(strict: Strictness, name: &str, v: &str) -> Result<i64, AppError> {
    match strict {
        Strictness::Api => strict.integer(name, v, 0..=i64::MAX, "a whole number of đồng"),
        Strictness::Form => {
            crate::domain::Money::parse(v).map(|m| m.dong()).map_err(|e| AppError::bad_param(name, e.to_string()))
        }
    }
}

/// Parses a query string.
pub fn parse(query_string: &str, default_per_page: usize, now: i64, strict: Strictness) -> Result<Params, AppError> {
    let mut q = SearchQuery { now, highlight: true, ..SearchQuery::default() };
    let mut pairs = Vec::new();
    let (mut page, mut per_page) = (1usize, default_per_page);
    let (mut trl_min, mut trl_max, mut price_min, mut price_max) = (None, None, None, None);
    for (k, v) in url::form_urlencoded::parse(query_string.as_bytes()) {
        if k == "q" {
            q.text = strict.text("q", &v, 1000)?.chars().take(300).collect();
            if !q.text.is_empty() {
                pairs.push(("q".into(), q.text.clone()));
            }
            continue;
        }
        let Some(v) = strict.value(&k, Some(&v))?.map(str::to_string) else { continue };
        let int = |name: &str, max: u64, expected: &str| strict.integer(name, &v, 1..=max, expected);
        match k.as_ref() {
            "sort" => {
                q.sort = match v.as_str() {
                    "relevance" => Sort::Relevance,
                    "newest" => Sort::Newest,
                    "deadline" => Sort::Deadline,
                    _ => return Err(AppError::bad_param("sort", "sort must be relevance, newest or deadline")),
                }
            }
            "page" => page = int("page", 1000, "a whole number from 1 to 1000")? as usize,
            "per_page" => per_page = int("per_page", 100, "a whole number from 1 to 100")? as usize,
            "trl_min" => trl_min = Some(int("trl_min", 9, "a level from 1 to 9")?),
            "trl_max" => trl_max = Some(int("trl_max", 9, "a level from 1 to 9")?),
            "price_min" => price_min = Some(money(strict, "price_min", &v)?),
            "price_max" => price_max = Some(money(strict, "price_max", &v)?),
            "lang" => continue,
            name if FACET_PARAMS.contains(&name) => {
                let code = check(name, &v).map_err(|e| AppError::bad_param(name, e))?;
                let facet = FACET_PARAMS.iter().find(|f| **f == name).copied().unwrap_or("kind");
                match q.filters.iter_mut().find(|(f, _)| *f == facet) {
                    Some((_, values)) if !values.contains(&code) => values.push(code.clone()),
                    Some(_) => {}
                    None => q.filters.push((facet, vec![code.clone()])),
                }
                pairs.push((name.to_string(), code));
                continue;
            }
            other => return Err(AppError::bad_param(other, format!("unknown parameter {other:?}"))),
        }
        pairs.push((k.into_owned(), v));
    }
    if trl_min.is_some() || trl_max.is_some() {
        q.trl = Some((trl_min.unwrap_or(1), trl_max.unwrap_or(9)));
    }
    if price_min.is_some() || price_max.is_some() {
        q.price = Some((price_min.unwrap_or(0), price_max.unwrap_or(i64::MAX)));
    }
    q.offset = (page - 1) * per_page;
    q.limit = per_page;
    Ok(Params { query: q, page, per_page, pairs })
}

/// A URL of the search page with `pairs`.
pub fn url(pairs: &[(String, String)]) -> String {
    let mut s = url::form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        s.append_pair(k, v);
    }
    format!("/search?{}", s.finish())
}
