//! `ketnoi-index`: the search engine of the exchange.
//!
//! It knows nothing of HTTP or SQL. Today it holds the Vietnamese-first text analysis every other
//! part relies on (Unicode normalisation and diacritic folding); the full-text index is built on top
//! of the same functions so that what the pages filter on and what the index matches never disagree.

#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod text;

pub use text::{contains_words, fold, normalize, query_words};
