//! Plain types and rules of the exchange, with no web or database code.
//!
//! Every value that comes from outside (a form, a JSON body, an import file, the database) is
//! parsed into one of these types once, at the edge; code past that point never re-validates.

mod codes;
mod email;
mod ids;
mod keywords;
mod locale;
mod money;
pub mod password;
pub mod policy;
mod province;
pub mod quality;
pub(crate) mod records;
pub mod session;
pub mod signed;
mod trl;

pub use codes::{
    Block, ContactVisibility, IpStatus, ListingKind, ListingStatus, OrgKind, PairOrigin, ParticipantStatus,
    RequestStatus, Role, Sector, SessionStatus, TransferMode,
};
pub use email::Email;
pub use ids::{NeedId, OfferId, OrganisationId, UserId};
pub use keywords::Keywords;
pub use locale::Locale;
pub use money::{Money, MoneyRange};
pub use province::Province;
pub use records::{Contact, Listing, Need, Offer, Organisation, SUMMARY_MAX_CHARS, User, is_public, title_for};
pub use trl::Trl;

/// Why a value could not be parsed: which kind of value, what was given, what is expected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{what}: {value:?} is not valid; expected {expected}")]
pub struct ParseError {
    /// The kind of value, e.g. "sector".
    pub what: &'static str,
    /// The input as given (shortened when long).
    pub value: String,
    /// A human description of the accepted form.
    pub expected: String,
}

impl ParseError {
    pub(crate) fn new(what: &'static str, value: &str, expected: impl Into<String>) -> Self {
        let value: String = value.chars().take(80).collect();
        Self { what, value, expected: expected.into() }
    }
}

/// Parses a comma- or JSON-list of transfer modes, keeping their order and dropping repeats.
pub fn parse_transfer_modes(items: &[String]) -> Result<Vec<TransferMode>, ParseError> {
    let mut out = Vec::new();
    for item in items {
        let mode: TransferMode = item.parse()?;
        if !out.contains(&mode) {
            out.push(mode);
        }
    }
    Ok(out)
}

/// The time zone every time is shown in (UTC+7, no daylight saving).
pub const TIME_ZONE: chrono_tz::Tz = chrono_tz::Asia::Ho_Chi_Minh;

/// The UTC instant of a local time in Vietnam (UTC+7, no daylight saving: every local time
/// exists once).
pub fn utc_of_local(local: chrono::NaiveDateTime) -> chrono::NaiveDateTime {
    use chrono::TimeZone;
    TIME_ZONE.from_local_datetime(&local).single().map_or(local, |t| t.naive_utc())
}

/// A span of two UTC instants as local `HH:MM-HH:MM`.
pub fn local_span(start: chrono::NaiveDateTime, end: chrono::NaiveDateTime) -> String {
    let hm = |t: chrono::NaiveDateTime| t.and_utc().with_timezone(&TIME_ZONE).format("%H:%M").to_string();
    format!("{}-{}", hm(start), hm(end))
}

/// The calendar date in Vietnam at a UTC instant.
pub fn local_date(utc: chrono::NaiveDateTime) -> chrono::NaiveDate {
    utc.and_utc().with_timezone(&TIME_ZONE).date_naive()
}
