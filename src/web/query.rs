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
    /// Free text (diacritics optional): the results of the search engine, in its order.
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
    /// Free text (diacritics optional), answered by the search engine.
    pub q: Option<String>,
    pub page: i64,
    pub per_page: i64,
}

/// How forgiving a parser is: a page's filter form sends empty fields for "any" and people type
/// numbers as they like; the API holds to its OpenAPI document, where an empty value or `+5` is
/// not a valid number or code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strictness {
    /// HTML forms and links: blank is absent.
    Form,
    /// The JSON API: blank is refused, numbers are plain digits.
    Api,
}

impl Strictness {
    /// The trimmed value of a parameter: `None` when absent, and when blank on a form; a blank
    /// API value is refused.
    pub fn value<'a>(self, name: &str, v: Option<&'a str>) -> Result<Option<&'a str>, AppError> {
        match v.map(str::trim) {
            Some("") if self == Self::Api => Err(AppError::bad_param(name, format!("{name} must not be empty"))),
            Some("") | None => Ok(None),
            Some(s) => Ok(Some(s)),
        }
    }

    /// A whole number within `range`; on the API, plain digits only.
    pub fn integer<T: std::str::FromStr + PartialOrd>(
        self,
        name: &str,
        s: &str,
        range: std::ops::RangeInclusive<T>,
        expected: &str,
    ) -> Result<T, AppError> {
        let digits_only = self == Self::Form || (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()));
        s.parse::<T>()
            .ok()
            .filter(|n| digits_only && range.contains(n))
            .ok_or_else(|| AppError::bad_param(name, format!("{name} must be {expected}, not {s:?}")))
    }

    /// Free text, trimmed: on the API, as sent, no control characters and at most `max`
    /// characters.
    pub fn text(self, name: &str, s: &str, max: usize) -> Result<String, AppError> {
        if self == Self::Api && (s.chars().any(char::is_control) || s.chars().count() > max) {
            return Err(AppError::bad_param(name, format!("{name} must be one line of at most {max} characters")));
        }
        Ok(ketnoi_text::clean_lossy(s.trim()))
    }
}

fn number(strict: Strictness, name: &str, v: &Option<String>, default: i64, max: i64) -> Result<i64, AppError> {
    match strict.value(name, v.as_deref())? {
        None => Ok(default),
        Some(s) => strict.integer(name, s, 1..=max, &format!("a whole number from 1 to {max}")),
    }
}

impl ListQuery {
    /// Parses into a filter and a page; `default_per_page` differs between pages and the API.
    pub fn parse(&self, default_per_page: i64, strict: Strictness) -> Result<ListParams, AppError> {
        let sector = strict
            .value("sector", self.sector.as_deref())?
            .map(|s| s.parse::<Sector>())
            .transpose()
            .map_err(|e| AppError::bad_param("sector", e.to_string()))?;
        let province = strict
            .value("province", self.province.as_deref())?
            .map(|s| s.parse::<Province>())
            .transpose()
            .map_err(|e| AppError::bad_param("province", e.to_string()))?;
        let q = match &self.q {
            Some(q) => Some(strict.text("q", q, 1000)?.chars().take(200).collect::<String>()).filter(|q| !q.is_empty()),
            None => None,
        };
        Ok(ListParams {
            filter: ListFilter { sector, province, organisation: None },
            q,
            page: number(strict, "page", &self.page, 1, 100_000)?,
            per_page: number(strict, "per_page", &self.per_page, default_per_page, 100)?,
        })
    }
}
