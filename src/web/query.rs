//! Query-string parameters shared by the list pages and the list API, parsed once with a message
//! that names the offending parameter.

use serde::Deserialize;

use crate::db::ListFilter;
use crate::domain::{Province, Sector};
use crate::error::AppError;

/// Raw list parameters; everything is text so a bad value gets our message, not serde's.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// Free text; every word must occur (diacritics optional).
    pub q: Option<String>,
    /// Sector code, e.g. `aquaculture`.
    pub sector: Option<String>,
    /// Province code or name, e.g. `hue` or `Huế`.
    pub province: Option<String>,
    /// Page number, from 1.
    pub page: Option<String>,
    /// Items per page, 1–100 (API only; pages show 12).
    pub per_page: Option<String>,
    /// Interface language (`vi` or `en`); pages only.
    #[param(ignore)]
    #[allow(dead_code)]
    lang: Option<String>,
}

/// Parsed list parameters.
#[derive(Debug, Clone)]
pub struct ListParams {
    pub filter: ListFilter,
    pub page: i64,
    pub per_page: i64,
}

fn blank(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

fn number(name: &str, v: &Option<String>, default: i64, max: i64) -> Result<i64, AppError> {
    match blank(v) {
        None => Ok(default),
        Some(s) => s.parse::<i64>().ok().filter(|n| (1..=max).contains(n)).ok_or_else(|| {
            AppError::bad_param(name, format!("{name} must be a whole number from 1 to {max}, not {s:?}"))
        }),
    }
}

impl ListQuery {
    /// Parses into a filter and a page; `default_per_page` differs between pages and the API.
    pub fn parse(&self, default_per_page: i64) -> Result<ListParams, AppError> {
        let sector = blank(&self.sector)
            .map(|s| s.parse::<Sector>())
            .transpose()
            .map_err(|e| AppError::bad_param("sector", e.to_string()))?;
        let province = blank(&self.province)
            .map(|s| s.parse::<Province>())
            .transpose()
            .map_err(|e| AppError::bad_param("province", e.to_string()))?;
        let q = blank(&self.q).map(|q| crate::domain::text::clean_lossy(q).chars().take(200).collect());
        Ok(ListParams {
            filter: ListFilter { sector, province, organisation: None, q },
            page: number("page", &self.page, 1, 100_000)?,
            per_page: number("per_page", &self.per_page, default_per_page, 100)?,
        })
    }
}
