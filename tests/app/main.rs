//! The integration tests: one binary, a [`helpers::TestApp`] that starts the real application
//! in-process on port 0 over a temporary SQLite file — or, when `KETNOI_TEST_POSTGRES_URL` is set,
//! over a fresh PostgreSQL database per test — and drives it over real HTTP.

mod a11y;
mod accounts;
mod agendas;
mod api;
mod browser;
mod centre;
mod cli;
mod config;
mod crosslang;
mod db;
mod hardening;
mod helpers;
mod import;
mod interests;
mod journey;
mod listings;
mod mail;
mod outcomes;
mod pages;
mod recommend;
mod search;
mod sessions;
