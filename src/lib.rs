//! ketnoi: the technology supply–demand exchange of a provincial Centre for Application of
//! Science & Technology Progress. Research institutes and universities list technology offers,
//! enterprises post technology needs, and the centre runs bimonthly matchmaking sessions.
//!
//! The binary (`src/main.rs`) only parses the command line and calls [`cli::run`].

#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod app;
pub mod catalogue;
pub mod cli;
pub mod config;
pub mod db;
pub mod domain;
pub mod error;
pub mod jobs;
pub mod mail;
pub mod matching;
pub mod seed;
pub mod services;
pub mod state;
pub mod validate;
pub mod web;
