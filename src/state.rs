//! The state every handler receives: no globals, so tests can start several apps side by side.

use std::sync::Arc;

use secrecy::ExposeSecret;

use crate::config::Settings;
use crate::db::Db;
use crate::domain::signed::Signer;

/// Shared, cheaply cloned application state.
#[derive(Clone)]
pub struct AppState {
    /// The database pool.
    pub db: Db,
    /// The effective settings.
    pub settings: Arc<Settings>,
    /// Signs links and checks them, with the secret key.
    pub signer: Signer,
}

impl AppState {
    /// Bundles a pool and settings; reads (or creates once) the secret key.
    pub fn new(db: Db, settings: Settings) -> anyhow::Result<Self> {
        let signer = Signer::new(settings.secret_key_or_generate()?.expose_secret());
        Ok(Self { db, settings: Arc::new(settings), signer })
    }

    /// What the account operations need.
    pub fn env(&self) -> crate::accounts::Env<'_> {
        crate::accounts::Env { settings: &self.settings, signer: &self.signer }
    }
}
