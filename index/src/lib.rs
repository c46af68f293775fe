//! `ketnoi-index`: the search engine of the exchange.
//!
//! It knows nothing of HTTP or SQL: `text` holds the Vietnamese-first normalisation every other
//! part relies on (NFC, diacritic folding), and `engine` the full-text index built on the same
//! functions, so that what the pages filter on and what the index matches never disagree.

#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

mod coord;
pub mod engine;
pub mod eval;
pub mod facets;
pub mod glossary;
pub mod similar;
pub mod snippet;

pub use engine::{Doc, FACETS, Hit, Results, SearchIndex, SearchQuery, Sort, Stale, Writer};
